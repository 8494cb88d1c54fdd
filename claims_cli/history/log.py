"""The history of one claim through the git history of its ledger.

Every commit that touched a YAML file is looked at, oldest first: the
claim's record is found by its id in whatever YAML file holds it then (read
with the one safe loader), and each commit whose record differs from the one
before makes an :class:`Entry`: the claim added, changed (which fields, see
:mod:`claims_cli.history.compare`; a move to another file), or removed. The
history follows ``supersedes``: the claims this one supersedes come first,
and a claim that supersedes it is noted when it is added. Entries come back
newest first.

In a shallow clone the oldest commits fetched are boundaries: git shows each
as a first commit, so a claim it holds may have been added long before. Such
a claim is ``present`` at the boundary, never ``added`` there.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from claims_cli.history.compare import FieldChange, record_changes
from claims_cli.history.git import Commit, GitError, Repository
from claims_cli.model import CLAIM_FIELDS
from claims_cli.read.yaml_events import LoadError, decode, parse_text

EntryKind = Literal["added", "present", "changed", "removed", "superseded-by"]
_PATTERNS = ("*.yaml", "*.yml")


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit's change to a claim."""

    commit: Commit
    claim_id: str
    kind: EntryKind
    file: str
    fields: tuple[FieldChange, ...] = ()
    #: (old file, new file) when the claim moved.
    moved: tuple[str, str] | None = None
    #: For ``superseded-by``: the claim that supersedes this one.
    other: str | None = None


@dataclass(frozen=True, slots=True)
class _State:
    file: str
    record: dict[str, Any]


def _records(repo: Repository, commit: str, claim_id: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file, record) of each claim in a YAML file at ``commit`` whose id is ``claim_id``."""
    try:
        out = repo.run(["grep", "-l", "-z", "-F", "-e", claim_id, commit, "--", *_PATTERNS])
    except GitError:  # no file holds the text (git grep exits 1)
        return
    for name in out.decode("utf-8", "surrogateescape").split("\x00"):
        if not name:
            continue
        path = name.split(":", 1)[1]
        try:
            document = parse_text(decode(repo.show(commit, path), name), name)
        except LoadError:
            continue
        data = document.data
        claims = data.get("claims") if isinstance(data, dict) else None
        for record in claims if isinstance(claims, list) else ():
            if isinstance(record, dict) and record.get("id") == claim_id:
                yield path, {**record, "status": record.get("status", "unverified")}


def _state(repo: Repository, commit: str, claim_id: str) -> _State | None:
    for path, record in _records(repo, commit, claim_id):
        return _State(path, record)
    return None


def _superseders(repo: Repository, commit: str, claim_id: str) -> set[str]:
    """Ids of the claims at ``commit`` that supersede ``claim_id``."""
    found: set[str] = set()
    try:
        out = repo.run(["grep", "-l", "-z", "-F", "-e", claim_id, commit, "--", *_PATTERNS])
    except GitError:
        return found
    for name in out.decode("utf-8", "surrogateescape").split("\x00"):
        if not name:
            continue
        try:
            document = parse_text(decode(repo.show(commit, name.split(":", 1)[1]), name), name)
        except LoadError:
            continue
        data = document.data
        claims = data.get("claims") if isinstance(data, dict) else None
        for record in claims if isinstance(claims, list) else ():
            if isinstance(record, dict) and record.get("supersedes") == claim_id:
                found.add(str(record.get("id")))
    return found


def claim_history(
    repo: Repository,
    claim_id: str,
    *,
    revision: str = "HEAD",
    boundaries: Collection[str] = (),
) -> list[Entry]:
    """Every change to ``claim_id`` (and to the claims it supersedes), newest first.

    ``boundaries`` are a shallow clone's boundary commits
    (:meth:`Repository.shallow_boundaries`): a claim first seen in one is
    ``present`` there, as its history before is not in the clone.
    """
    commits = list(reversed(repo.log(list(_PATTERNS), revision=revision)))
    entries: list[Entry] = []
    pending, seen = [claim_id], set()
    while pending:
        target = pending.pop()
        if target in seen:
            continue
        seen.add(target)
        found = _one_claim(repo, commits, target, set(boundaries))
        entries += found
        pending += [
            change.new
            for entry in found
            for change in entry.fields
            if change.field == "supersedes" and isinstance(change.new, str)
        ]
    position = {commit.hash: n for n, commit in enumerate(commits)}
    entries.sort(
        key=lambda e: (-position[e.commit.hash], e.claim_id != claim_id, e.kind == "superseded-by")
    )
    return entries


def _one_claim(
    repo: Repository, commits: list[Commit], claim_id: str, boundaries: set[str]
) -> list[Entry]:
    entries: list[Entry] = []
    state: _State | None = None
    superseders: set[str] = set()
    for commit in commits:
        now = _state(repo, commit.hash, claim_id)
        if now is None and state is not None:
            entries.append(Entry(commit, claim_id, "removed", state.file))
        elif now is not None and state is None:
            fields = record_changes({}, now.record, CLAIM_FIELDS)
            kind: EntryKind = "present" if commit.hash in boundaries else "added"
            entries.append(Entry(commit, claim_id, kind, now.file, fields))
        elif now is not None and state is not None:
            fields = record_changes(state.record, now.record, CLAIM_FIELDS)
            moved = (state.file, now.file) if state.file != now.file else None
            if fields or moved:
                entries.append(Entry(commit, claim_id, "changed", now.file, fields, moved))
        later = _superseders(repo, commit.hash, claim_id) if now is not None or state else set()
        for other in sorted(later - superseders):
            file = now.file if now else (state.file if state else "")
            entries.append(Entry(commit, claim_id, "superseded-by", file, other=other))
        superseders |= later
        state = now
    return entries
