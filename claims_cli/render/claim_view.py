"""A claim as people read it: ordered, labelled fields, drawn by the panel and the report alike.

``claims show`` (a rich panel) and the Markdown report render the same
:class:`ClaimView`, so the order of the fields, their labels and what each
shows cannot drift apart; each renderer only styles. A field is a label and
one or more lines; a line is a run of :class:`Part` objects whose ``kind``
says what the text is (a reference to a source, a URL, a verdict...) so that
the terminal can colour it and the report can link it. Parts of kind ``sep``
are this module's own punctuation, never ledger text. All wording comes from
:mod:`claims_cli.render.wording`.

Deliberate choices: the value shows its ``metric`` (what is measured) after
the amount; the source is shown by id and title; each piece of evidence
carries its source's URL; ``checked`` comes last, as the record's history.

A published report shows the *public* view: without the desk's own working
fields (:data:`INTERNAL`: notes, assignee, priority), and without the
confidence of a claim nobody has checked yet, which readers would take for a
verdict. The terminal panel shows everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from claims_cli.model import Claim, Index, Source
from claims_cli.render.wording import (
    RELIABILITY_WORDS,
    checked_words,
    choice_words,
    format_value,
    grade_words,
)

PartKind = Literal[
    "text",
    "sep",
    "claim",
    "quote",
    "claim_ref",
    "source_ref",
    "source_title",
    "locator",
    "url",
    "confidence",
    "status",
    "stance",
    "grade",
]


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a field's text and what it is.

    ``key`` is what the part stands for when that is not its text: the claim
    or source id of a ``claim_ref``, ``source_ref`` or ``source_title``, the
    file's value of a ``confidence``, ``status`` or ``stance`` (``partly-supported``
    for the text ``partly supported``). A ``url`` part stands apart from what
    precedes it; each renderer chooses the break.
    """

    text: str
    kind: PartKind = "text"
    key: str | None = None


Line = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """A label (lower case, as the panel shows it) and the lines of its value.

    ``listing`` fields hold one item per line (evidence, the claims that
    supersede this one); other fields are one value, possibly over lines.
    """

    label: str
    lines: tuple[Line, ...]
    listing: bool = False


@dataclass(frozen=True, slots=True)
class ClaimView:
    """Everything shown about a claim: its id and type, and its fields in order."""

    id: str
    type: str
    fields: tuple[Field, ...]
    #: The source the claim is attributed to, when the ledger has it.
    source: Source | None

    def field(self, label: str) -> Field | None:
        return next((f for f in self.fields if f.label == label), None)


#: Fields for the desk, left out of the public view.
INTERNAL: frozenset[str] = frozenset({"notes", "assignee", "priority"})

_SEP_TITLE = Part(" — ", "sep")
_SEP_LIST = Part(", ", "sep")


def _joined(values: tuple[str, ...]) -> Line:
    parts: list[Part] = []
    for n, value in enumerate(values):
        if n:
            parts.append(_SEP_LIST)
        parts.append(Part(value))
    return tuple(parts)


def _title(index: Index, source_id: str) -> Part:
    source = index.sources.get(source_id)
    text = source.title if source is not None and source.title.strip() else source_id
    return Part(text, "source_title", source_id)


def _locator(locator: str | None) -> Line:
    return (_SEP_LIST, Part(locator, "locator")) if locator and locator.strip() else ()


def _cited(index: Index, source_id: str, locator: str | None) -> Line:
    """``seed-article — Title, para 4``: a source by id and title, with the place in it."""
    line: Line = (Part(source_id, "source_ref", source_id),)
    if source_id in index.sources:
        line += (_SEP_TITLE, _title(index, source_id))
    return line + _locator(locator)


def _claim_ref(index: Index, claim_id: str) -> Line:
    """``old-id — Its claim text``."""
    line: Line = (Part(claim_id, "claim_ref", claim_id),)
    other = index.claims.get(claim_id)
    return line + ((_SEP_TITLE, Part(other.claim)) if other is not None else ())


def _one(label: str, *parts: Part) -> Field:
    return Field(label, (tuple(parts),))


def claim_view(claim: Claim, index: Index, *, public: bool = False) -> ClaimView:
    """The fields of ``claim`` in the order every renderer shows them, empty ones left out.

    ``public`` leaves out the :data:`INTERNAL` fields, and the confidence of an
    unverified claim (see the module docstring).
    """
    attribution = claim.attribution
    source = index.sources.get(attribution.source)
    fields = [_one("claim", Part(claim.claim, "claim"))]
    if claim.quote and claim.quote.strip():
        cite = (Part("— ", "sep"), _title(index, attribution.source))
        fields.append(
            Field("quote", ((Part(claim.quote, "quote"),), cite + _locator(attribution.locator)))
        )
    if claim.value:
        value: Line = (Part(format_value(claim.value)),)
        if claim.value.metric:
            value += (Part(" · ", "sep"), Part(claim.value.metric))
        fields.append(Field("value", (value,)))
    if claim.date:
        fields.append(_one("date", Part(claim.date)))
    if attribution.claimant and attribution.claimant.strip():
        claimant: Line = (Part(attribution.claimant),)
        if attribution.claimant_type:
            claimant += (Part(" (", "sep"), Part(attribution.claimant_type), Part(")", "sep"))
        fields.append(Field("claimant", (claimant,)))
    fields.append(Field("source", (_cited(index, attribution.source, attribution.locator),)))
    if claim.appearances:
        lines = [_cited(index, source_id, None) for source_id in claim.appearances]
        fields.append(Field("also in", tuple(lines), listing=True))
    if not (public and claim.status == "unverified"):
        fields.append(
            _one("confidence", Part(choice_words(claim.confidence), "confidence", claim.confidence))
        )
    grade = grade_words(claim, source)
    if grade is not None:
        code, meaning = grade
        fields.append(
            _one("grade", Part(code, "grade"), Part(" (", "sep"), Part(meaning), Part(")", "sep"))
        )
    fields.append(_one("status", Part(choice_words(claim.status), "status", claim.status)))
    if claim.explanation and claim.explanation.strip():
        fields.append(_one("explanation", Part(claim.explanation)))
    if claim.review_url:
        fields.append(_one("review", Part(claim.review_url, "url")))
    if claim.evidence:
        lines = []
        for item in claim.evidence:
            line: Line = (Part(item.stance, "stance", item.stance), Part(" ", "sep"))
            line += _cited(index, item.source, item.locator)
            if item.note and item.note.strip():
                line += (Part(": ", "sep"), Part(item.note))
            cited = index.sources.get(item.source)
            if cited is not None and cited.url:
                line += (Part(cited.url, "url"),)
            lines.append(line)
        fields.append(Field("evidence", tuple(lines), listing=True))
    if claim.tags:
        fields.append(Field("tags", (_joined(claim.tags),)))
    if claim.entities:
        fields.append(Field("entities", (_joined(claim.entities),)))
    if claim.supersedes:
        fields.append(Field("supersedes", (_claim_ref(index, claim.supersedes),)))
    later = index.superseded_by.get(claim.id, ())
    if later:
        lines = [_claim_ref(index, claim_id) for claim_id in later]
        fields.append(Field("superseded by", tuple(lines), listing=True))
    if claim.notes and claim.notes.strip():
        fields.append(_one("notes", Part(claim.notes)))
    if claim.priority:
        fields.append(_one("priority", Part(claim.priority)))
    if claim.assignee and claim.assignee.strip():
        fields.append(_one("assignee", Part(claim.assignee)))
    checked = checked_words(claim.checked)
    if checked:
        fields.append(_one("checked", Part(checked)))
    if public:
        fields = [f for f in fields if f.label not in INTERNAL]
    return ClaimView(id=claim.id, type=claim.type, fields=tuple(fields), source=source)


def source_view(source: Source) -> tuple[Field, ...]:
    """A source's details in the order every renderer shows them, its title first."""
    fields = [_one("title", Part(source.title or source.id, "source_title", source.id))]
    reliability = None
    if source.reliability:
        meaning = RELIABILITY_WORDS.get(source.reliability, "")
        reliability = f"{source.reliability} ({meaning})"
    for label, text in (
        ("publisher", source.publisher),
        ("author", source.author),
        ("kind", source.kind),
        ("reliability", reliability),
        ("published", source.published),
        ("accessed", source.accessed),
        ("url", source.url),
        ("archive", source.archive_url),
        ("snapshot", source.snapshot),
        ("sha256", source.sha256),
    ):
        if text and text.strip():
            kind: PartKind = "url" if label in ("url", "archive") else "text"
            fields.append(_one(label, Part(text, kind)))
    return tuple(fields)
