"""The web page: one self-contained HTML file a newsroom can publish or mail as it is.

Layout: the ledger's title, publisher and report date; a summary table (a
row per claim) with a search box and filters that plain JavaScript runs in
the page; a section per claim under its stable anchor ``claim-<id>``, with
the fields of the one claim view (:mod:`claims_cli.render.claim_view`) in its
order, as the Markdown report shows them; the cited sources under
``source-<id>``; and the ClaimReview JSON-LD that ``--format claimreview``
gives for the same claims, embedded in the head.

Safety: the page is written by a Jinja2 template with autoescaping on, so
every piece of ledger text is escaped for where it lands (element text or a
quoted attribute); this module writes no markup of its own. Links are made
only for http(s) URLs, with ``rel="noopener noreferrer"``. The JSON-LD has
``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\u`` escapes, so no field can end
its ``<script>`` element or open a comment in it. A Content-Security-Policy
``<meta>`` allows the page's one inline script and style by their sha256
hashes, computed here from the very text embedded, and nothing else: no
remote resource, no other script, no form submission.

Nothing depends on the clock except the report date, which is the
:class:`~claims_cli.environment.Environment`'s ``today`` (``CLAIMS_TODAY``),
so the same ledger on the same day always gives the same bytes.

Jinja2 is imported by this module only, so only ``--format html`` pays for it.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from claims_cli.model import CONFIDENCE_LEVELS, STATUSES, Claim, Meta
from claims_cli.render import claimreview
from claims_cli.render.claim_view import Line, claim_view, source_view
from claims_cli.render.exports import Exported, ExportInput
from claims_cli.render.gfm import anchor_id, is_http_url
from claims_cli.render.markdown import (
    METHODOLOGY_LEAD,
    METHODOLOGY_TEXT,
    NOT_CHECKED,
    TABLE_CLAIM_LIMIT,
    ReportPage,
    newest_check,
    shorten,
    shows_no_confidence,
    status_counts,
)
from claims_cli.render.wording import choice_words, format_value

if TYPE_CHECKING:
    import jinja2

#: The folder of package data that holds the page's template, style and script.
ASSETS = "templates"
TEMPLATE = "report.html.j2"
STYLE = "report.css"
SCRIPT = "report.js"
#: The confidence filter's value for claims whose confidence the page does not show.
NOT_CHECKED_KEY = "not-checked"
#: Where a ledger has no title.
DEFAULT_TITLE = "Claims report"
#: Characters that would let JSON end a ``<script>`` element, open ``<!--`` in
#: it, or end a line for older JavaScript readers; each becomes its ``\\u`` escape.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True)
class ReportHeader:
    """What the top of a report says: title, description, publisher, licence and date."""

    title: str
    description: str | None
    publisher: str | None
    #: The publisher's http(s) address, when it has one.
    publisher_url: str | None
    licence: str | None
    #: ``YYYY-MM-DD``, or None when the report is made without a date.
    report_date: str | None
    #: The page's language (``meta.language``, else English), for ``<html lang>``.
    language: str = "en"


def report_header(meta: Meta | None, today: date | None) -> ReportHeader:
    """The header of a report on ``today`` of a ledger with ``meta``: blank values left out."""

    def given(value: str | None) -> str | None:
        return value if value and value.strip() else None

    publisher = meta.publisher if meta else None
    url = publisher.url if publisher and is_http_url(publisher.url) else None
    return ReportHeader(
        title=given(meta.title if meta else None) or DEFAULT_TITLE,
        description=given(meta.description if meta else None),
        publisher=given(publisher.name if publisher else None),
        publisher_url=url,
        licence=given(meta.license if meta else None),
        report_date=today.isoformat() if today else None,
        language=given(meta.language if meta else None) or "en",
    )


@dataclass(frozen=True)
class Piece:
    """A run of text on the page and what it is: a link, a verdict, or plain text.

    ``href`` is an in-page ``#anchor`` or an http(s) URL (``external``);
    ``css`` is one of the template's own class names, never ledger text.
    """

    text: str
    href: str | None = None
    external: bool = False
    css: str | None = None


@dataclass(frozen=True)
class FieldRow:
    """A field of a claim's section: its label and its lines, as runs of page text."""

    label: str
    lines: tuple[tuple[Piece, ...], ...]
    listing: bool


@dataclass(frozen=True)
class ClaimSection:
    """A claim's section, under its anchor: heading, quote and fields in view order."""

    anchor: str
    id: str
    type: str
    claim: str
    quote: tuple[tuple[Piece, ...], ...]
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class SummaryRow:
    """A row of the summary table, with what the filters match it on."""

    anchor: str
    id: str
    claim: str
    value: str
    confidence: str
    confidence_key: str
    status: str
    status_key: str
    source: Piece
    tags: str
    search: str


@dataclass(frozen=True)
class SourceEntry:
    """A cited source in the reference list: its title and details, under its anchor."""

    anchor: str
    title: str
    details: tuple[tuple[str, tuple[Piece, ...]], ...]


@dataclass(frozen=True)
class Choice:
    """An option of a filter: the value the rows carry, and its words."""

    value: str
    words: str


def render(job: ExportInput) -> Exported:
    """The page for ``job.claims``; warnings for claims with a verdict but no ClaimReview."""
    page = _Page(job)
    reviewed = [c for c in job.claims if c.status in claimreview.RATINGS]
    json_ld = None
    warnings: tuple[str, ...] = ()
    if reviewed:
        # The unverified claims are left out here, not by claimreview, so the
        # only warnings are about verdicts that lack what a review needs.
        reviews = claimreview.render(
            ExportInput(ledger=job.ledger, claims=reviewed, group_by=job.group_by, today=job.today)
        )
        warnings = reviews.warnings
        if reviews.text.strip() != "[]":
            json_ld = script_safe_json(reviews.text.rstrip("\n"))
    style, script = asset(STYLE), asset(SCRIPT)
    html = _template().render(
        header=report_header(job.ledger.meta, job.today),
        methodology_lead=METHODOLOGY_LEAD,
        methodology=METHODOLOGY_TEXT,
        summary=page.summary(),
        last_checked=newest_check(job.claims),
        rows=page.rows(),
        sections=page.sections(),
        sources=page.source_entries(),
        statuses=page.choices_of_status(),
        confidences=page.choices_of_confidence(),
        tags=page.choices_of_tag(),
        json_ld=json_ld,
        style=style,
        script=script,
        csp=content_security_policy(style=style, script=script),
    )
    return Exported(html, warnings)


def script_safe_json(text: str) -> str:
    """JSON text that can stand inside ``<script>``: ``<``, ``>``, ``&``, U+2028/9 escaped.

    Each escape is a JSON escape of the same character, so the data parses to
    the same value; escaping text that is already escaped changes nothing.
    """
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)


def csp_hash(text: str) -> str:
    """``'sha256-…'``: the CSP source that allows an inline element holding exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(*, style: str, script: str) -> str:
    """The page's policy: its own inline style and script by hash, and nothing else at all."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


@cache
def asset(name: str) -> str:
    """The text of one of the page's files (template, style, script), shipped with the package."""
    folder = resources.files("claims_cli.render").joinpath(ASSETS)
    return folder.joinpath(name).read_text(encoding="utf-8")


@cache
def _template() -> jinja2.Template:
    import jinja2

    environment = jinja2.Environment(
        # Every {{ value }} is escaped for HTML; only the page's own style and
        # script are marked safe, in the template, and the CSP hashes them.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.from_string(asset(TEMPLATE))


_STATUS_CSS = {status: f"verdict verdict-{status}" for status in STATUSES}


class _Page(ReportPage):
    """The web page's rendering (anchors, sources and confidence as in the Markdown report)."""

    def summary(self) -> str | None:
        claims = self.job.claims
        return status_counts(claims) if claims else None

    # --- the summary table -------------------------------------------------------

    def rows(self) -> list[SummaryRow]:
        rows = []
        for claim, anchor in zip(self.job.claims, self.anchors, strict=True):
            rows.append(
                SummaryRow(
                    anchor=anchor,
                    id=claim.id,
                    claim=shorten(claim.claim, TABLE_CLAIM_LIMIT),
                    value=format_value(claim.value) if claim.value else "",
                    confidence=self.confidence(claim),
                    confidence_key=(
                        NOT_CHECKED_KEY
                        if shows_no_confidence(claim, self.job)
                        else claim.confidence
                    ),
                    status=choice_words(claim.status),
                    status_key=claim.status,
                    source=self.source_piece(claim.attribution.source),
                    # Tags hold no white space, so a space separates them.
                    tags=" ".join(claim.tags),
                    search=self.searched_text(claim),
                )
            )
        return rows

    def searched_text(self, claim: Claim) -> str:
        """What the search box looks in: only text the page shows.

        The id, the claim, its quote, value, tags, entities, claimant and
        source title; the page's script folds case and accents of this text
        and of the query alike.
        """
        parts = [
            claim.id,
            claim.claim,
            claim.quote or "",
            format_value(claim.value) if claim.value else "",
            " ".join(claim.tags),
            " ".join(claim.entities),
            claim.attribution.claimant or "",
            self.source_title(claim.attribution.source),
        ]
        return " ".join(" ".join(part.split()) for part in parts if part)

    def confidence_key(self, claim: Claim) -> str:
        """The confidence filter's value for the claim (``not-checked`` where none is shown)."""
        return NOT_CHECKED_KEY if shows_no_confidence(claim, self.job) else claim.confidence

    def choices_of_status(self) -> list[Choice]:
        present = {c.status for c in self.job.claims}
        return [Choice(s, choice_words(s)) for s in STATUSES if s in present]

    def choices_of_confidence(self) -> list[Choice]:
        present = {self.confidence_key(c) for c in self.job.claims}
        choices = [Choice(c, choice_words(c)) for c in CONFIDENCE_LEVELS if c in present]
        if NOT_CHECKED_KEY in present:
            choices.append(Choice(NOT_CHECKED_KEY, NOT_CHECKED))
        return choices

    def choices_of_tag(self) -> list[Choice]:
        present = sorted({tag for c in self.job.claims for tag in c.tags})
        return [Choice(tag, tag) for tag in present]

    # --- claims ------------------------------------------------------------------

    def sections(self) -> list[ClaimSection]:
        return [
            self.section(claim, anchor)
            for claim, anchor in zip(self.job.claims, self.anchors, strict=True)
        ]

    def section(self, claim: Claim, anchor: str) -> ClaimSection:
        """The claim's fields as :func:`~claims_cli.render.claim_view.claim_view` orders them.

        As in the Markdown report, the ``claim`` field is the heading and the
        ``quote`` a blockquote; the id and type lead the list of fields.
        """
        view = claim_view(claim, self.index, public=not self.job.internal)
        quote = view.field("quote")
        fields = [
            FieldRow(f.label, tuple(self.pieces(line) for line in f.lines), f.listing)
            for f in view.fields
            if f.label not in ("claim", "quote")
        ]
        return ClaimSection(
            anchor=anchor,
            id=view.id,
            type=view.type,
            claim=claim.claim,
            quote=tuple(self.pieces(line) for line in quote.lines) if quote else (),
            fields=tuple(fields),
        )

    def pieces(self, line: Line) -> tuple[Piece, ...]:
        """One line of a view as runs of page text: references linked, verdicts marked."""
        out: list[Piece] = []
        for part in line:
            if part.kind == "source_title" and part.key in self.listed:
                out.append(Piece(part.text, href="#" + anchor_id("source", part.key)))
            elif part.kind == "claim_ref" and part.key in self.first_anchor:
                out.append(Piece(part.text, href="#" + self.first_anchor[part.key]))
            elif part.kind == "url":
                # Only http(s) addresses reach the page, and only as links.
                if is_http_url(part.text):
                    if out:
                        out.append(Piece(" · "))
                    out.append(Piece(part.text, href=part.text, external=True))
            elif part.kind == "status" and part.key in _STATUS_CSS:
                out.append(Piece(part.text, css=_STATUS_CSS[part.key]))
            else:
                out.append(Piece(part.text))
        return tuple(out)

    # --- sources -----------------------------------------------------------------

    def source_piece(self, source_id: str) -> Piece:
        title = self.source_title(source_id)
        if source_id not in self.listed:
            return Piece(title)
        return Piece(title, href="#" + anchor_id("source", source_id))

    def source_entries(self) -> list[SourceEntry]:
        """Each cited source, its details as the terminal shows them, under its anchor."""
        entries = []
        for source in self.sources:
            title, *details = source_view(source)
            shown = []
            for field in details:
                pieces = self.pieces(field.lines[0])
                if pieces:  # empty when a URL is not http(s)
                    shown.append((field.label, pieces))
            entries.append(
                SourceEntry(
                    anchor=anchor_id("source", source.id),
                    title=title.lines[0][0].text,
                    details=tuple(shown),
                )
            )
        return entries
