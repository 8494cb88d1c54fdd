"""A ledger as it stood at a revision, read through the one loader from ``git show``.

Each file is read with the same pipeline as a file on disk
(:func:`claims_cli.check.pipeline.open_ledger`), its name shown as
``REV:path`` in every diagnostic. The ledger's files at a revision are those
of the ledger's paths then (a file, or the YAML files below a folder), and
the old names of files renamed since, so a renamed ledger file is still
compared with itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.history.git import Repository
from claims_cli.read.files import ClaimFile


@dataclass(frozen=True)
class Version:
    """A ledger as read at one revision (or in the working tree), and its files' paths."""

    label: str
    loaded: Loaded
    #: Each file as the diagnostics name it -> its path in the repository.
    names: Mapping[str, str]


def at_revision(
    repo: Repository,
    commit: str,
    label: str,
    paths: Sequence[str],
    *,
    today: date,
    max_bytes: int,
) -> Version:
    """The ledger made of ``paths`` (repository paths) at ``commit``, shown as ``label:path``."""
    files = []
    names = {}
    for path in paths:
        display = f"{label}:{path}"
        content = repo.show(commit, path)
        files.append(ClaimFile(Path(display), display, content=content))
        names[display] = path
    loaded = open_ledger(files, today=today, max_bytes=max_bytes)
    return Version(label, loaded, names)


def in_worktree(
    repo: Repository, files: Sequence[ClaimFile], *, today: date, max_bytes: int
) -> Version:
    """The ledger of ``files`` on disk (the working tree)."""
    loaded = open_ledger(files, today=today, max_bytes=max_bytes)
    names = {f.display: repo.relative(f.path) for f in files}
    return Version("working tree", loaded, names)


def ledger_paths(repo: Repository, commit: str, roots: Sequence[str]) -> list[str]:
    """The ledger files below ``roots`` at ``commit``."""
    found: list[str] = []
    for root in roots:
        found += [p for p in repo.files(commit, root) if p not in found]
    return found


def old_names(
    repo: Repository, base: str, head: str | None, new_paths: Sequence[str]
) -> dict[str, str]:
    """For each of ``new_paths`` renamed since ``base``, new path -> its name at ``base``."""
    renames = repo.renames(base, head, [])
    return {new: renames[new] for new in new_paths if new in renames}
