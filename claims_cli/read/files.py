"""Which claim files a command works on, and reading each into a document.

Named paths win; a directory stands for every ``*.yaml``/``*.yml`` below it,
and ``-`` for standard input. With no path: ``CLAIMS_FILE`` if set (the
caller passes its value), else ``./claims.yaml``, else the nearest
``claims.yaml`` in a parent directory (as git finds ``.git``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from claims_cli.check.diagnostics import Diagnostic, Severity
from claims_cli.read.yaml_events import (
    Document,
    LoadError,
    _human_bytes,
    decode,
    parse_text,
    read_document,
)

DEFAULT_NAME = "claims.yaml"
SUFFIXES = (".yaml", ".yml")
#: The path that names standard input, and the name diagnostics give it.
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"


class DiscoveryError(Exception):
    """No claim file could be found for the paths (or lack of them) given."""


@dataclass(frozen=True, slots=True)
class ClaimFile:
    """A file to read, and the name to show for it in messages."""

    path: Path
    display: str
    #: For standard input, what was read from it (at most the size limit and
    #: one byte more); None for a file on disk, which is read when needed.
    content: bytes | None = None

    @property
    def is_stdin(self) -> bool:
        return self.display == STDIN_NAME and str(self.path) == STDIN_PATH


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _expand(raw: str, cwd: Path) -> list[ClaimFile]:
    if raw == STDIN_PATH:
        return [ClaimFile(Path(STDIN_PATH), STDIN_NAME)]
    path = Path(raw)
    full = path if path.is_absolute() else cwd / path
    if full.is_dir():
        found = sorted(
            p
            for p in full.rglob("*")
            if p.suffix in SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(full).parts)
        )
        if not found:
            raise DiscoveryError(f"no *.yaml or *.yml files in directory '{raw}'")
        return [ClaimFile(p, _display(p, cwd) if not path.is_absolute() else str(p)) for p in found]
    if not full.exists():
        raise DiscoveryError(f"no such file or directory: '{raw}'")
    return [ClaimFile(full, raw)]


def find_claim_files(
    paths: Sequence[str],
    *,
    cwd: Path | None = None,
    claims_file: str | None = None,
) -> list[ClaimFile]:
    """The claim files named by ``paths``, or found by the default rules when none is.

    ``claims_file`` is the ledger to use when no path is named (``CLAIMS_FILE``).
    ``-`` names standard input; read it into the list with :func:`read_stdin`.
    """
    here = (cwd or Path.cwd()).resolve()
    if not paths:
        if claims_file:
            paths = [claims_file]
        else:
            for folder in (here, *here.parents):
                candidate = folder / DEFAULT_NAME
                if candidate.is_file():
                    return [ClaimFile(candidate, _display(candidate, here))]
            raise DiscoveryError(
                f"no {DEFAULT_NAME} here or in any parent directory; "
                "start one with claims init, name a file or directory, or set CLAIMS_FILE"
            )
    files: list[ClaimFile] = []
    seen: set[Path] = set()
    for raw in paths:
        for item in _expand(raw, here):
            key = item.path if item.is_stdin else item.path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files


def read_stdin(files: Sequence[ClaimFile], stream: BinaryIO, max_bytes: int) -> list[ClaimFile]:
    """``files`` with standard input's bytes in its entry, if one names it.

    At most ``max_bytes`` and one byte more are read: enough to tell that
    the input is over the limit without holding all of it.
    """
    return [
        replace(item, content=stream.read(max_bytes + 1)) if item.is_stdin else item
        for item in files
    ]


def read_claim_file(item: ClaimFile, *, max_bytes: int) -> Document:
    """One claim file as a document, decoded and parsed as every file is.

    Raises :class:`LoadError` when it cannot be read.
    """
    if item.content is None:
        return read_document(str(item.path), item.display, max_bytes=max_bytes)
    limit = max_bytes
    if len(item.content) > limit:
        raise LoadError(
            Diagnostic(
                item.display,
                1,
                1,
                "E111",
                Severity.ERROR,
                f"standard input is over the {_human_bytes(limit)} limit for one claim file "
                "(raise CLAIMS_MAX_FILE_SIZE)",
            )
        )
    return parse_text(decode(item.content, item.display), item.display)
