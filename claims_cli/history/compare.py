"""What changed between two versions of a ledger, claim by claim and source by source.

Claims and sources are matched by id, whatever file holds them. A claim is
``added``, ``removed`` or ``changed``; a changed claim lists its
:class:`FieldChange` s, the verdict (``status``) and ``confidence`` first and
then the rest in the order of the file format, and says when it moved to
another file (a file renamed as a whole is one rename, not a move of each of
its claims). An added claim that ``supersedes`` another is counted as
superseding it. Everything here is plain data, compared in the file format's
own shape (:func:`claims_cli.model.to_data`), so the renderers and
``--format json`` see the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from claims_cli.model import CLAIM_FIELDS, SOURCE_FIELDS, Claim, Ledger, Source, to_data

Kind = Literal["added", "removed", "changed"]
#: Fields shown before the others: what a reviewer looks at first.
FIRST = ("status", "confidence")
#: List fields whose items are compared one by one.
LISTS = ("evidence", "tags", "entities", "appearances")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's change: ``old`` and ``new`` (None when absent), or the items of a list."""

    field: str
    old: Any = None
    new: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim that was added, removed or changed, with what changed."""

    id: str
    kind: Kind
    #: The claim's text (the new one, or the last one of a removed claim).
    claim: str
    status: str
    fields: tuple[FieldChange, ...] = ()
    #: (old file, new file) when the claim moved to another file.
    moved: tuple[str, str] | None = None
    #: The claim this added claim supersedes.
    supersedes: str | None = None


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source that was added, removed or changed."""

    id: str
    kind: Kind
    title: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerDiff:
    """Every change between two ledgers, in the new ledger's order (removed ones last)."""

    claims: tuple[ClaimChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()
    #: Files renamed as a whole: (old name, new name).
    renamed: tuple[tuple[str, str], ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.claims or self.sources or self.renamed)


def record_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], order: Sequence[str]
) -> tuple[FieldChange, ...]:
    """The fields that differ between two records in the file format's shape."""
    names = [n for n in FIRST if n in order] + [n for n in order if n not in FIRST and n != "id"]
    changes = []
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name in LISTS:
            was, now = list(before or []), list(after or [])
            changes.append(
                FieldChange(
                    name,
                    before,
                    after,
                    added=tuple(item for item in now if item not in was),
                    removed=tuple(item for item in was if item not in now),
                )
            )
        else:
            changes.append(FieldChange(name, before, after))
    return tuple(changes)


def claim_data(claim: Claim) -> dict[str, Any]:
    """A claim in the file format's shape, its default status written out."""
    data: dict[str, Any] = to_data(claim)
    data.setdefault("status", claim.status)
    return data


def _file(claim: Claim | Source, names: Mapping[str, str]) -> str:
    shown = claim.origin.file if claim.origin else ""
    return names.get(shown, shown)


def compare(
    old: Ledger,
    new: Ledger,
    *,
    old_names: Mapping[str, str] | None = None,
    new_names: Mapping[str, str] | None = None,
    renamed: Mapping[str, str] | None = None,
) -> LedgerDiff:
    """What changed from ``old`` to ``new``.

    ``old_names``/``new_names`` map each ledger's file names (as its
    diagnostics show them, ``REV:path``) to the paths compared across
    versions; ``renamed`` maps a new path to its old one, so the claims of a
    renamed file are not reported as moved.
    """
    old_names, new_names, renamed = old_names or {}, new_names or {}, dict(renamed or {})
    before = {c.id: c for c in old.claims}
    after = {c.id: c for c in new.claims}
    changes: list[ClaimChange] = []
    for claim in new.claims:
        earlier = before.get(claim.id)
        if earlier is None:
            changes.append(
                ClaimChange(
                    claim.id, "added", claim.claim, claim.status, supersedes=claim.supersedes
                )
            )
            continue
        fields = record_changes(claim_data(earlier), claim_data(claim), CLAIM_FIELDS)
        was, now = _file(earlier, old_names), _file(claim, new_names)
        moved = (was, now) if was != now and renamed.get(now) != was else None
        if fields or moved:
            changes.append(
                ClaimChange(claim.id, "changed", claim.claim, claim.status, fields, moved)
            )
    for claim in old.claims:
        if claim.id not in after:
            changes.append(ClaimChange(claim.id, "removed", claim.claim, claim.status))
    sources = _source_changes(old.sources, new.sources)
    counts = {
        kind: sum(1 for c in changes if c.kind == kind) for kind in ("added", "removed", "changed")
    }
    counts["superseded"] = sum(1 for c in changes if c.supersedes in before)
    counts["verdicts"] = sum(1 for c in changes if any(f.field == "status" for f in c.fields))
    shown_renames = tuple(sorted((was, now) for now, was in renamed.items()))
    return LedgerDiff(tuple(changes), sources, shown_renames, counts)


def _source_changes(old: Sequence[Source], new: Sequence[Source]) -> tuple[SourceChange, ...]:
    before = {s.id: s for s in old}
    after = {s.id: s for s in new}
    changes = []
    for source in new:
        earlier = before.get(source.id)
        if earlier is None:
            changes.append(SourceChange(source.id, "added", source.title))
            continue
        fields = record_changes(to_data(earlier), to_data(source), SOURCE_FIELDS)
        if fields:
            changes.append(SourceChange(source.id, "changed", source.title, fields))
    for source in old:
        if source.id not in after:
            changes.append(SourceChange(source.id, "removed", source.title))
    return tuple(changes)
