"""Which claim files a command works on, and reading each into a document.

Named paths win; a directory stands for every ``*.yaml``/``*.yml`` below it,
and ``-`` for standard input. With no path: ``CLAIMS_FILE`` if set (the
caller passes its value), else ``./claims.yaml``, else the nearest
``claims.yaml`` in a parent directory (as git finds ``.git``).

Nothing under a directory is passed over in silence, because a file left out
is a claim missing from a run that says "No problems":

* names starting with ``.`` (``.git/``, ``.venv/``) are skipped, as git and
  editors keep their own files there;
* links are followed, to files and to directories alike. Each real directory
  is listed once and each file read once, however many paths lead to it, so a
  link back to a parent ends the walk there without a word (its files are
  read already) rather than running forever;
* a claim-file name that leads to no file (a broken or looping link) or to
  something other than a regular file (a named pipe, a socket, a device) is
  kept in the list, and reading it reports why it cannot be read (``E100``,
  ``E119``); other names are not claim files and are passed over;
* a directory that cannot be listed stops discovery with a
  :class:`DiscoveryError`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from claims_cli.check.diagnostics import Diagnostic, Severity
from claims_cli.read.yaml_events import (
    Document,
    LoadError,
    Tick,
    decode,
    human_bytes,
    parse_text,
    read_document,
)

DEFAULT_NAME = "claims.yaml"
SUFFIXES = (".yaml", ".yml")
#: The path that names standard input, and the name diagnostics give it.
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"
#: How much of standard input is asked for at a time: what it holds is read,
#: never a buffer the size of the limit.
_CHUNK = 1 << 16


class DiscoveryError(Exception):
    """No claim file could be found for the paths (or lack of them) given."""


@dataclass(frozen=True, slots=True)
class ClaimFile:
    """A file to read, and the name to show for it in messages."""

    path: Path
    display: str
    #: The bytes already read: standard input (at most the size limit and one
    #: byte more), or an edit's new text, checked before it is written. None
    #: for a file on disk, which is read when needed.
    content: bytes | None = None
    #: For standard input that could not be read, why not.
    problem: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.display == STDIN_NAME and str(self.path) == STDIN_PATH


#: What makes two paths one file: device and inode when it can be looked at,
#: else the path itself (a broken link is one file per name).
_Identity = tuple[int, int] | str


@dataclass(frozen=True, slots=True)
class _Found:
    item: ClaimFile
    identity: _Identity
    #: Reached through a symbolic link (the file is one, or a folder above it).
    linked: bool


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _identity(path: Path) -> _Identity:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return status.st_dev, status.st_ino


def _expand(raw: str, cwd: Path) -> list[_Found]:
    if raw == STDIN_PATH:
        return [_Found(ClaimFile(Path(STDIN_PATH), STDIN_NAME), STDIN_PATH, linked=False)]
    if "\0" in raw:
        raise DiscoveryError(f"cannot open {raw!r}: a file name cannot contain a NUL character")
    path = Path(raw)
    full = path if path.is_absolute() else cwd / path
    try:
        status = os.stat(full)
    except OSError as exc:
        if os.path.lexists(full):
            # A link that leads nowhere: it is a named file, and reading it says why (E100).
            return [_Found(ClaimFile(full, raw), os.path.abspath(full), linked=True)]
        if exc.errno == errno.ENOENT:
            raise DiscoveryError(f"no such file or directory: '{raw}'") from None
        raise DiscoveryError(f"cannot open '{raw}': {_reason(exc)}") from None
    if stat.S_ISDIR(status.st_mode):

        def show(found: Path) -> str:
            return str(found) if path.is_absolute() else _display(found, cwd)

        found = _walk(full, status, show)
        if not found:
            raise DiscoveryError(f"no *.yaml or *.yml files in directory '{raw}'")
        return found
    # Any other kind (a named pipe, a device) is refused when read, with its location.
    return [_Found(ClaimFile(full, raw), (status.st_dev, status.st_ino), linked=False)]


def _entries(directory: Path, show: Callable[[Path], str]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        raise DiscoveryError(f"cannot read directory '{show(directory)}': {_reason(exc)}") from None


def _walk(root: Path, status: os.stat_result, show: Callable[[Path], str]) -> list[_Found]:
    """Every claim-file name below ``root``, in path order, each real directory listed once.

    The tree itself is walked before any directory reached through a link,
    so a file is named by its own path when it has one below ``root``.
    An explicit stack, not recursion: a deep tree cannot exhaust it.
    """
    listed: set[tuple[int, int]] = {(status.st_dev, status.st_ino)}
    found: list[_Found] = []
    # Directories reached through a link wait until the tree proper is walked.
    linked_dirs: list[tuple[Path, tuple[int, int]]] = []
    starts: Iterator[tuple[Path, bool]] = iter([(root, False)])
    while True:
        start = next(starts, None)
        if start is None:
            pending: list[tuple[Path, bool]] = []
            for linked_dir, key in linked_dirs:
                if key not in listed:
                    listed.add(key)
                    pending.append((linked_dir, True))
            linked_dirs.clear()
            if not pending:
                break
            starts = iter(pending)
            continue
        stack = [(iter(_entries(start[0], show)), start[1])]
        while stack:
            level, under_link = stack[-1]
            entry = next(level, None)
            if entry is None:
                stack.pop()
                continue
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
            except OSError:  # pragma: no cover - lstat failed for a name just listed
                is_link = False
            linked = under_link or is_link
            claim_name = path.suffix in SUFFIXES
            try:
                target = os.stat(path)
            except OSError:
                if claim_name:
                    found.append(_Found(ClaimFile(path, show(path)), str(path), linked=True))
                continue
            key = (target.st_dev, target.st_ino)
            if stat.S_ISDIR(target.st_mode):
                if key in listed:
                    continue  # a loop, or a second way in: its files are read once already
                if is_link:
                    linked_dirs.append((path, key))
                    continue
                listed.add(key)
                stack.append((iter(_entries(path, show)), linked))
            elif claim_name:
                found.append(_Found(ClaimFile(path, show(path)), key, linked))
    found.sort(key=lambda f: f.item.path.parts)
    return found


def _default_ledger(here: Path) -> ClaimFile | None:
    """``claims.yaml`` here or in the nearest parent that has one.

    Whatever that name is (a file, a broken link, a pipe) it is the ledger:
    reading it says what is wrong, rather than a parent's ledger being used.
    """
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_NAME
        if os.path.lexists(candidate) and not os.path.isdir(candidate):
            return ClaimFile(candidate, _display(candidate, here))
    return None


def find_claim_files(
    paths: Sequence[str],
    *,
    cwd: Path | None = None,
    claims_file: str | None = None,
) -> list[ClaimFile]:
    """The claim files named by ``paths``, or found by the default rules when none is.

    ``claims_file`` is the ledger to use when no path is named (``CLAIMS_FILE``).
    ``-`` names standard input; read it into the list with :func:`read_stdin`.
    A file reached by several paths is listed once, by its own path if one
    of them is not through a link. Raises :class:`DiscoveryError` when a
    path names nothing, or a directory holds no claim file or cannot be listed.
    """
    try:
        here = (cwd or Path.cwd()).resolve()
    except OSError as exc:
        raise DiscoveryError(f"cannot find the current directory: {_reason(exc)}") from None
    if not paths:
        if claims_file:
            paths = [claims_file]
        else:
            default = _default_ledger(here)
            if default is None:
                raise DiscoveryError(
                    f"no {DEFAULT_NAME} here or in any parent directory; "
                    "start one with claims init, name a file or directory, or set CLAIMS_FILE"
                )
            return [default]
    files: list[_Found] = []
    where: dict[_Identity, int] = {}
    for raw in paths:
        for found in _expand(raw, here):
            index = where.get(found.identity)
            if index is None:
                where[found.identity] = len(files)
                files.append(found)
            elif files[index].linked and not found.linked:
                files[index] = found
    return [found.item for found in files]


def read_stdin(files: Sequence[ClaimFile], stream: BinaryIO, max_bytes: int) -> list[ClaimFile]:
    """``files`` with standard input's bytes in its entry, if one names it.

    At most ``max_bytes`` and one byte more are read: enough to tell that
    the input is over the limit without holding all of it. It is read as it
    comes, a little at a time, so a large limit reserves no memory up front.
    """
    if not any(item.is_stdin for item in files):
        return list(files)
    chunks: list[bytes] = []
    total = 0
    problem: str | None = None
    try:
        while total <= max_bytes:
            chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
            if chunk is None:
                problem = "it is set not to wait for input (non-blocking)"
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        problem = _reason(exc)
    except ValueError:  # a closed stream
        problem = "it is closed"
    if problem is not None:
        return [replace(item, problem=problem) if item.is_stdin else item for item in files]
    content = b"".join(chunks)
    return [replace(item, content=content) if item.is_stdin else item for item in files]


def _stdin_error(item: ClaimFile, code: str, message: str) -> LoadError:
    return LoadError(Diagnostic(item.display, 1, 1, code, Severity.ERROR, message))


def read_claim_file(item: ClaimFile, *, max_bytes: int, tick: Tick | None = None) -> Document:
    """One claim file as a document, decoded and parsed as every file is.

    Raises :class:`LoadError` when it cannot be read.
    """
    if item.content is None and not item.is_stdin:
        return read_document(str(item.path), item.display, max_bytes=max_bytes, tick=tick)
    if item.content is None:
        raise _stdin_error(
            item, "E100", f"cannot read standard input: {item.problem or 'it was not read'}"
        )
    limit = max_bytes
    if len(item.content) > limit:
        raise _stdin_error(
            item,
            "E111",
            f"{'standard input' if item.is_stdin else 'the file'} is over the "
            f"{human_bytes(limit)} limit for one claim file "
            "(raise CLAIMS_MAX_FILE_SIZE)",
        )
    return parse_text(decode(item.content, item.display), item.display, tick=tick)
