"""Which claim files a command works on.

Named paths win; a directory stands for every ``*.yaml``/``*.yml`` below it.
With no path: ``CLAIMS_FILE`` if set, else ``./claims.yaml``, else the nearest
``claims.yaml`` in a parent directory (as git finds ``.git``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_NAME = "claims.yaml"
SUFFIXES = (".yaml", ".yml")


class DiscoveryError(Exception):
    """No claim file could be found for the paths (or lack of them) given."""


@dataclass(frozen=True, slots=True)
class ClaimFile:
    """A file to read, and the name to show for it in messages."""

    path: Path
    display: str


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _expand(raw: str, cwd: Path) -> list[ClaimFile]:
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
    env: Mapping[str, str] | None = None,
) -> list[ClaimFile]:
    """The claim files named by ``paths``, or found by the default rules when none is."""
    here = (cwd or Path.cwd()).resolve()
    environ = os.environ if env is None else env
    if not paths:
        configured = environ.get("CLAIMS_FILE", "")
        if configured:
            paths = [configured]
        else:
            for folder in (here, *here.parents):
                candidate = folder / DEFAULT_NAME
                if candidate.is_file():
                    return [ClaimFile(candidate, _display(candidate, here))]
            raise DiscoveryError(
                f"no {DEFAULT_NAME} here or in any parent directory; "
                "name a file or directory, or set CLAIMS_FILE"
            )
    files: list[ClaimFile] = []
    seen: set[Path] = set()
    for raw in paths:
        for item in _expand(raw, here):
            key = item.path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files
