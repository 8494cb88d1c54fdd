"""Semantic checks: small independent functions over the built ledger.

Each check takes a :class:`CheckContext` and yields diagnostics. Adding a check
is writing one function and listing it in :data:`ALL_CHECKS` (and in
:data:`INTEGRITY_CHECKS` if look-ups cannot work without it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from claims_cli.check.diagnostics import Diagnostic, Severity, did_you_mean, human_path
from claims_cli.check.figure_checks import (
    metric_dimension,
    unit_spelling,
    unreviewed_extractions,
)
from claims_cli.check.review_rules import REVIEW_CHECKS
from claims_cli.model import OPEN_STATUSES, Claim, Index, Ledger, Origin, Source
from claims_cli.read.build import Declared, declared_in
from claims_cli.read.yaml_events import Document, PathParts


@dataclass
class CheckContext:
    """What a check looks at: the records that were built, and the files they came from."""

    ledger: Ledger
    documents: dict[str, Document]
    today: date
    index: Index = field(init=False)

    def __post_init__(self) -> None:
        self.index = Index(ledger=self.ledger)

    @cached_property
    def declared(self) -> Declared:
        """Ids and citations of every record in the files, built or left out for its problems."""
        return declared_in(self.documents.values())

    def at(
        self,
        origin: Origin | None,
        sub: PathParts,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic at ``sub`` inside the record that ``origin`` names."""
        assert origin is not None, "checks run on records read from files"
        doc = self.documents[origin.file]
        return doc.diagnostic((*origin.path, *sub), code, message, severity=severity, key=key)


Check = Callable[[CheckContext], Iterable[Diagnostic]]


def _where(origin: Origin | None, sub: PathParts = ()) -> str:
    return human_path((*origin.path, *sub)) if origin else "?"


def duplicate_ids(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E301: an id used twice, across every file of the ledger."""
    records: list[tuple[str, tuple[Claim | Source, ...]]] = [
        ("claim", ctx.ledger.claims),
        ("source", ctx.ledger.sources),
    ]
    for kind, items in records:
        first: dict[str, Claim | Source] = {}
        for item in items:
            earlier = first.setdefault(item.id, item)
            if earlier is item:
                continue
            assert earlier.origin is not None
            mark = ctx.documents[earlier.origin.file].locate((*earlier.origin.path, "id"))
            yield ctx.at(
                item.origin,
                ("id",),
                "E301",
                f"{_where(item.origin, ('id',))}: duplicate {kind} id '{item.id}' "
                f"(first defined at {earlier.origin.file}:{mark.line})",
            )


def unknown_sources(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E302: an attribution, evidence or appearance ``source`` that names no source."""
    # One set for every near miss: did_you_mean indexes a set once, and
    # building it again for each missing reference made the check O(n·m).
    known = frozenset(ctx.declared.source_ids)
    for claim in ctx.ledger.claims:
        refs: list[tuple[PathParts, str]] = [(("attribution", "source"), claim.attribution.source)]
        refs += [(("evidence", i, "source"), e.source) for i, e in enumerate(claim.evidence)]
        refs += [(("appearances", i), ref) for i, ref in enumerate(claim.appearances)]
        for sub, ref in refs:
            if ref in known:
                continue
            hint = did_you_mean(ref, known)
            yield ctx.at(
                claim.origin,
                sub,
                "E302",
                f"{_where(claim.origin, sub)}: no source '{ref}'{hint}",
            )


def unknown_supersedes(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E303: ``supersedes`` naming a claim that does not exist (or the claim itself)."""
    known = frozenset(ctx.declared.claim_ids)
    for claim in ctx.ledger.claims:
        target = claim.supersedes
        if target is None:
            continue
        where = _where(claim.origin, ("supersedes",))
        if target == claim.id:
            yield ctx.at(
                claim.origin, ("supersedes",), "E303", f"{where}: a claim cannot supersede itself"
            )
        elif target not in known:
            hint = did_you_mean(target, known)
            yield ctx.at(
                claim.origin, ("supersedes",), "E303", f"{where}: no claim '{target}'{hint}"
            )


def uncited_sources(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W304 (warning): a source that no claim cites."""
    cited = ctx.declared.citations
    for source in ctx.ledger.sources:
        if source.id not in cited:
            yield ctx.at(
                source.origin,
                ("id",),
                "W304",
                f"{_where(source.origin)}: source '{source.id}' is cited by no claim",
                Severity.WARNING,
            )


def _dated_fields(ctx: CheckContext) -> Iterator[tuple[Origin | None, PathParts, str, str]]:
    for source in ctx.ledger.sources:
        for name in ("published", "accessed"):
            value = getattr(source, name)
            if value:
                yield source.origin, (name,), value, name
    for claim in ctx.ledger.claims:
        if claim.date and claim.type != "forecast":
            yield claim.origin, ("date",), claim.date, "date"
        if claim.checked and claim.checked.on:
            yield claim.origin, ("checked", "on"), claim.checked.on, "checked.on"


def future_dates(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E305: a date after today (a forecast's ``date`` may lie ahead)."""
    from claims_cli.dates import date_range

    for origin, sub, text, name in _dated_fields(ctx):
        span = date_range(text)
        if span is not None and span[0] > ctx.today:
            hint = "; only a forecast may be dated ahead" if name == "date" else ""
            yield ctx.at(
                origin,
                sub,
                "E305",
                f"{_where(origin, sub)}: {text} is after today, {ctx.today.isoformat()}{hint}",
            )


def accessed_before_published(ctx: CheckContext) -> Iterator[Diagnostic]:
    """E306: a source accessed before it was published."""
    from claims_cli.dates import date_range

    for source in ctx.ledger.sources:
        published = date_range(source.published)
        accessed = date_range(source.accessed)
        if published and accessed and accessed[1] < published[0]:
            yield ctx.at(
                source.origin,
                ("accessed",),
                "E306",
                f"{_where(source.origin, ('accessed',))}: accessed {source.accessed}, "
                f"before it was published ({source.published})",
            )


def amount_not_in_quote(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W307 (warning): ``value.amount`` is not a figure the quote states."""
    from claims_cli.check.quote_figures import figure_in_text

    for claim in ctx.ledger.claims:
        if claim.value is None or not claim.quote:
            continue
        if not figure_in_text(float(claim.value.amount), claim.quote):
            yield ctx.at(
                claim.origin,
                ("value", "amount"),
                "W307",
                f"{_where(claim.origin, ('value', 'amount'))}: "
                f"{_plain(claim.value.amount)} does not appear in the quote; "
                "check the figure or the quote",
                Severity.WARNING,
            )


def _plain(amount: float) -> str:
    """``121000000`` as written, not ``1.21e+08``."""
    if float(amount).is_integer():
        return str(int(amount))
    return repr(float(amount))


def verdict_without_evidence(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W308 (warning): a verdict other than unverified/unverifiable with no evidence."""
    for claim in ctx.ledger.claims:
        if claim.status not in OPEN_STATUSES and not claim.evidence:
            yield ctx.at(
                claim.origin,
                ("status",),
                "W308",
                f"{_where(claim.origin, ('status',))}: verdict '{claim.status}' has no evidence; "
                "add an evidence entry that supports or refutes it",
                Severity.WARNING,
            )


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", folded).strip().rstrip(".")


def duplicate_claim_text(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W309 (warning): the same claim text twice."""
    first: dict[str, Claim] = {}
    for claim in ctx.ledger.claims:
        earlier = first.setdefault(_normalise(claim.claim), claim)
        if earlier is claim:
            continue
        yield ctx.at(
            claim.origin,
            ("claim",),
            "W309",
            f"{_where(claim.origin, ('claim',))}: same claim text as '{earlier.id}'",
            Severity.WARNING,
        )


def id_shared_by_claim_and_source(ctx: CheckContext) -> Iterator[Diagnostic]:
    """W310 (warning): a claim with the id of a source, which readers will confuse."""
    for claim in ctx.ledger.claims:
        if claim.id in ctx.index.sources:
            yield ctx.at(
                claim.origin,
                ("id",),
                "W310",
                f"{_where(claim.origin, ('id',))}: claim id '{claim.id}' is also a source id; "
                "give one of them another id",
                Severity.WARNING,
            )


#: What look-ups need for the ledger to hold together.
INTEGRITY_CHECKS: tuple[Check, ...] = (duplicate_ids, unknown_sources, unknown_supersedes)
#: Everything ``claims validate`` runs after the schema.
ALL_CHECKS: tuple[Check, ...] = (
    *INTEGRITY_CHECKS,
    uncited_sources,
    future_dates,
    accessed_before_published,
    amount_not_in_quote,
    verdict_without_evidence,
    duplicate_claim_text,
    id_shared_by_claim_and_source,
    unit_spelling,
    metric_dimension,
    unreviewed_extractions,
    *REVIEW_CHECKS,
)


def run_checks(ctx: CheckContext, checks: Iterable[Check]) -> list[Diagnostic]:
    return [diagnostic for check in checks for diagnostic in check(ctx)]
