"""The one filter engine: ``list``, ``stats`` and ``export`` select claims here.

A :class:`Filter` is plain data, so it can be built by the CLI, by tests, or by
a future index, and applied without a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from claims_cli.dates import date_range
from claims_cli.model import CONFIDENCE_LEVELS, PRIORITIES, STATUSES, Claim, Confidence

#: What ``select`` can sort by; the command line offers ``typing.get_args(SortKey)``.
SortKey = Literal["id", "date", "confidence", "status", "source"]
_Test = Callable[[Claim], bool]


class FilterError(ValueError):
    """A filter that cannot be applied, worded with the names of its fields.

    ``str()`` names the fields as the :class:`Filter` does (``since``,
    ``min_confidence``); :meth:`worded` names them as its caller does (a
    command line says ``--since``).
    """

    def __init__(self, template: str, *fields: str) -> None:
        self.template = template
        self.fields = fields
        super().__init__(self.worded(lambda name: name))

    def worded(self, name: Callable[[str], str]) -> str:
        """The message with each field called ``name(field)``."""
        return self.template.format(**{field: name(field) for field in self.fields})


def _literal(value: str) -> str:
    """A value as it may appear in a :class:`FilterError` template."""
    return value.replace("{", "{{").replace("}", "}}")


def fold(text: str) -> str:
    """Text for matching: case- and accent-insensitive (``Rahmón`` -> ``rahmon``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, kw_only=True)
class Filter:
    """Which claims to keep. Fields combine with AND; values within a field with OR.

    An empty field does not filter. ``min_confidence``/``max_confidence`` are
    inclusive bounds on the ordered scale (``max_confidence="low"`` keeps
    ``very-low`` and ``low``). ``since``/``until`` are partial dates
    compared by the days they cover, so ``2022`` is within ``since 2022-01``;
    a claim with no date never passes a date bound. ``assignees`` match the
    whole name, case and accents aside.
    """

    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    claimant_types: tuple[str, ...] = ()
    min_confidence: Confidence | None = None
    max_confidence: Confidence | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    metrics: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and date_range(value) is None:
                raise FilterError(
                    f"{{{name}}}: '{_literal(value)}' is not a real date "
                    "(use YYYY, YYYY-MM or YYYY-MM-DD)",
                    name,
                )
        since, until = date_range(self.since), date_range(self.until)
        if since is not None and until is not None and since[0] > until[1]:
            raise FilterError(
                f"{{since}} {_literal(self.since or '')} is after "
                f"{{until}} {_literal(self.until or '')}: "
                "no date can match both",
                "since",
                "until",
            )
        for priority in self.priorities:
            if priority not in PRIORITIES:
                raise FilterError(
                    f"{{priorities}}: unknown priority '{_literal(priority)}' "
                    f"(choose from {', '.join(PRIORITIES)})",
                    "priorities",
                )
        for name in ("min_confidence", "max_confidence"):
            level = getattr(self, name)
            if level is not None and level not in CONFIDENCE_LEVELS:
                raise FilterError(
                    f"{{{name}}}: unknown confidence level '{_literal(level)}' "
                    f"(choose from {', '.join(CONFIDENCE_LEVELS)})",
                    name,
                )
        if (
            self.min_confidence is not None
            and self.max_confidence is not None
            and CONFIDENCE_LEVELS.index(self.min_confidence)
            > CONFIDENCE_LEVELS.index(self.max_confidence)
        ):
            raise FilterError(
                f"{{min_confidence}} {self.min_confidence} is above "
                f"{{max_confidence}} {self.max_confidence}, so no claim could match",
                "min_confidence",
                "max_confidence",
            )

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def matches(self, claim: Claim) -> bool:
        return all(test(claim) for test in self._tests())

    def _tests(self) -> Iterable[_Test]:
        if self.tags:
            # Tags are read in normal form C; a tag asked for in another
            # form (typed on a keyboard that composes differently) still matches.
            wanted = {unicodedata.normalize("NFC", tag) for tag in self.tags}
            yield lambda c: not wanted.isdisjoint(c.tags)
        if self.sources:
            wanted_sources = set(self.sources)
            yield lambda c: not wanted_sources.isdisjoint(c.cited_sources())
        if self.entities:
            wanted_entities = {fold(e) for e in self.entities}
            yield lambda c: any(fold(e) in wanted_entities for e in c.entities)
        if self.types:
            yield lambda c: c.type in self.types
        if self.statuses:
            yield lambda c: c.status in self.statuses
        if self.claimants:
            needles = [fold(n) for n in self.claimants]
            yield lambda c: any(n in fold(c.attribution.claimant or "") for n in needles)
        if self.claimant_types:
            yield lambda c: c.attribution.claimant_type in self.claimant_types
        if self.assignees:
            names = {fold(name).strip() for name in self.assignees}
            yield lambda c: fold(c.assignee or "").strip() in names
        if self.priorities:
            yield lambda c: c.priority in self.priorities
        if self.min_confidence is not None:
            floor = CONFIDENCE_LEVELS.index(self.min_confidence)
            yield lambda c: c.confidence_rank >= floor
        if self.max_confidence is not None:
            ceiling = CONFIDENCE_LEVELS.index(self.max_confidence)
            yield lambda c: c.confidence_rank <= ceiling
        since = date_range(self.since)
        if since is not None:
            yield _ends_on_or_after(since[0])
        until = date_range(self.until)
        if until is not None:
            yield _starts_on_or_before(until[1])
        if self.search:
            yield _searcher(self.search)
        if self.metrics:
            wanted_metrics = set(self.metrics)
            yield lambda c: c.value is not None and c.value.metric in wanted_metrics
        if self.units:
            from claims_cli.text.units import unit_of

            # By the unit meant: --unit dollars finds USD, --unit Drone finds drones.
            wanted_units = {unit_of(u).symbol.casefold() for u in self.units}
            yield (
                lambda c: (
                    c.value is not None and unit_of(c.value.unit).symbol.casefold() in wanted_units
                )
            )


def search_terms(search: str) -> tuple[list[str], list[tuple[str, float]]]:
    """The words of ``search`` and its figures, each figure with its words and value.

    The whole phrase is read by the one figure reader, so ``121 million``,
    ``$121 million`` and ``۱۲۱ میلیون`` are each one figure (121000000), like
    ``121m``; a figure counts only when it starts and ends on word boundaries.
    The words that belong to no figure stay words.
    """
    folded = fold(search)
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", folded)]
    if not any(char.isdigit() for char in folded):
        return [folded[a:b] for a, b in spans], []
    from claims_cli.text.figures import read_figures

    starts = {a: n for n, (a, _) in enumerate(spans)}
    ends = {b: n for n, (_, b) in enumerate(spans)}
    taken: set[int] = set()
    figures: list[tuple[str, float]] = []
    for figure in read_figures(folded):
        first, last = starts.get(figure.start), ends.get(figure.end)
        if first is None or last is None:
            continue
        taken.update(range(first, last + 1))
        figures.append((" ".join(folded[a:b] for a, b in spans[first : last + 1]), figure.value))
    words = [folded[a:b] for n, (a, b) in enumerate(spans) if n not in taken]
    return words, figures


def _searcher(search: str) -> _Test:
    """Every word in the claim's text; a figure of the phrase (``121m``, ``121 million``,
    ``۱۲۱``) is found as written, as the same figure written another way
    (``$121 million``, ``۱۲۱ میلیون``) or as the claim's amount."""
    words, figures = search_terms(search)

    def test(claim: Claim) -> bool:
        haystack = search_text(claim)
        if not all(word in haystack for word in words):
            return False
        stated: list[float] | None = None
        for phrase, value in figures:
            if phrase in haystack:
                continue
            if stated is None:
                stated = stated_figures(claim)
            from claims_cli.text.figures import same_figure

            if not any(same_figure(value, figure) for figure in stated):
                return False
        return True

    return test


def stated_figures(claim: Claim) -> list[float]:
    """The figures a figure searched for is compared with: those of the claim and
    quote, and the claim's amount."""
    from claims_cli.text.figures import figures_in

    stated = figures_in(f"{claim.claim}\n{claim.quote or ''}")
    if claim.value is not None:
        stated.append(float(claim.value.amount))
    return stated


def _claim_start(claim: Claim) -> date | None:
    span = date_range(claim.date)
    return span[0] if span else None


def _claim_end(claim: Claim) -> date | None:
    span = date_range(claim.date)
    return span[1] if span else None


def _ends_on_or_after(day: date) -> _Test:
    def test(claim: Claim) -> bool:
        end = _claim_end(claim)
        return end is not None and end >= day

    return test


def _starts_on_or_before(day: date) -> _Test:
    def test(claim: Claim) -> bool:
        start = _claim_start(claim)
        return start is not None and start <= day

    return test


def search_text(claim: Claim) -> str:
    """The folded text ``search`` looks for its words in (an index may keep it)."""
    parts = [
        claim.claim,
        claim.quote or "",
        " ".join(claim.tags),
        " ".join(claim.entities),
        claim.attribution.claimant or "",
        claim.notes or "",
    ]
    return fold("\n".join(parts))


def _sort_key(key: SortKey, claim: Claim) -> tuple[object, ...]:
    if key == "date":
        span = date_range(claim.date)
        # By the first day covered, then the last, so "2022-01-01" comes
        # before "2022" (which starts the same day but runs all year).
        return (span[0], span[1]) if span else (date.min, date.min)
    if key == "confidence":
        return (claim.confidence_rank,)
    if key == "status":
        return (STATUSES.index(claim.status),)
    if key == "source":
        return (claim.attribution.source,)
    return ()


def select(
    claims: Sequence[Claim],
    flt: Filter | None = None,
    *,
    sort: SortKey | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Claim]:
    """The claims that pass ``flt``, sorted and cut to ``limit``.

    Ties are broken by id, in ascending order whichever way the sort runs;
    undated claims come last in a date sort, also with ``reverse``. With no
    ``sort`` the ledger's own order is kept (reversed with ``reverse``).
    """
    chosen = [c for c in claims if flt is None or flt.matches(c)]
    if sort is not None:
        chosen.sort(key=lambda c: c.id)
        if sort != "id":
            undated = [c for c in chosen if sort == "date" and _claim_start(c) is None]
            dated = [c for c in chosen if not (sort == "date" and _claim_start(c) is None)]
            dated.sort(key=lambda c: _sort_key(sort, c), reverse=reverse)
            chosen = dated + undated
        elif reverse:
            chosen.reverse()
    elif reverse:
        chosen.reverse()
    return chosen if limit is None else chosen[: max(0, limit)]
