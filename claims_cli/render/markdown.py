"""The Markdown report: a page a newsroom could publish as it is, on GitHub or elsewhere.

Layout: title, description and publisher; the report's date and a line on
method (what the confidence and grade scales mean); a summary line; a table
with a row per claim; a section per claim (optionally grouped), each under a
stable anchor ``claim-<id>``; the sources cited, each under ``source-<id>``.
Every piece of ledger text goes through :mod:`claims_cli.render.gfm`. The
only date not taken from the ledger is the report date the caller passes
(``CLAIMS_TODAY`` pins it), so the same ledger on the same day always gives
the same bytes.

The report is public: notes, assignees and priorities stay out of it unless
the job asks for the internal report, and an unverified claim's confidence is
not shown as if it were a verdict (:func:`~claims_cli.render.claim_view.claim_view`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from claims_cli.dates import date_range
from claims_cli.model import CLAIM_TYPES, STATUSES, Claim, Index
from claims_cli.query.stats import count_claims
from claims_cli.render import gfm
from claims_cli.render.claim_view import Line, claim_view, source_view
from claims_cli.render.exports import Exported, ExportInput, GroupBy
from claims_cli.render.wording import admiralty_grade, choice_words, count_of, format_value

#: Claims longer than this are shortened in the summary table (never in their section).
TABLE_CLAIM_LIMIT = 160
#: How the report's scales are read, said once at its top.
#: The lead of the methodology line, and the line after it (the web page shows both).
METHODOLOGY_LEAD = "How to read this report:"
METHODOLOGY_TEXT = (
    "the status is the verdict. Confidence is the "
    "checker's calibrated confidence in it, on the IPCC scale from very low to very "
    "high; a grade such as B3 pairs the Admiralty scale of source reliability (A "
    "completely reliable to E unreliable, F cannot be judged) with the credibility of "
    "the information (1 confirmed to 5 improbable, 6 cannot be judged). Unverified "
    "claims have not been checked yet and carry no verdict."
)
METHODOLOGY = f"**{METHODOLOGY_LEAD}** {METHODOLOGY_TEXT}"
#: What the table shows for the confidence of a claim nobody has checked.
NOT_CHECKED = "not checked"
_NO_TAG = "(no tag)"


def render(job: ExportInput) -> Exported:
    """The report for ``job.claims`` as GitHub Flavored Markdown."""
    return Exported(report(job))


def report(job: ExportInput) -> str:
    """The Markdown text of the report (see the module docstring for its layout)."""
    page = _Page(job)
    lines: list[str] = [*page.heading(), ""]
    if not job.claims:
        lines.append("No claims match.")
        return _joined(lines)
    lines += [*page.summary_table(), ""]
    lines += page.claim_sections()
    lines += page.source_list()
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


def newest_check(claims: Iterable[Claim]) -> str | None:
    """The latest ``checked.on`` among ``claims`` (dates that do not parse are ignored)."""
    best: tuple[date, str] | None = None
    for claim in claims:
        day = claim.checked.on if claim.checked else None
        span = date_range(day)
        if day is None or span is None:
            continue
        if best is None or (span[1], day) > best:
            best = (span[1], day)
    return best[1] if best else None


def status_counts(claims: Sequence[Claim]) -> str:
    """``5 claims: 2 supported, 1 refuted, 2 unverified`` (verdicts in their usual order)."""
    counts = count_claims(claims).by_status.items()
    parts = [f"{n} {choice_words(s)}" for s, n in counts if n]
    return f"{count_of(len(claims), 'claim')}: " + ", ".join(parts)


def shows_no_confidence(claim: Claim, job: ExportInput) -> bool:
    """Whether a public report shows ``not checked`` for the claim's confidence.

    Nobody has checked an unverified claim, so its confidence is no verdict;
    the internal report shows it all the same.
    """
    return claim.status == "unverified" and not job.internal


def shorten(value: str, limit: int) -> str:
    """``value`` cut at a word boundary to at most ``limit`` characters, marked with …"""
    value = value.strip()
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


class ReportPage:
    """One rendering of a report, Markdown or web page: the anchors it assigns, the
    sources it lists, and what both show the same way (confidence, source titles)."""

    def __init__(self, job: ExportInput) -> None:
        self.job = job
        self.index: Index = job.index
        self.anchors = _unique_anchors(job.claims)
        self.first_anchor: dict[str, str] = {}
        for claim, anchor in zip(job.claims, self.anchors, strict=True):
            self.first_anchor.setdefault(claim.id, anchor)
        cited = {sid for claim in job.claims for sid in claim.cited_sources()}
        self.sources = [s for s in self.index.sources.values() if s.id in cited]
        self.listed = {s.id for s in self.sources}

    def confidence(self, claim: Claim) -> str:
        """``medium (F3)``: the confidence in words, with the Admiralty grade when known.

        In the public report an unverified claim's confidence reads ``not checked``.
        """
        text = (
            NOT_CHECKED if shows_no_confidence(claim, self.job) else choice_words(claim.confidence)
        )
        grade = admiralty_grade(claim, self.index.sources.get(claim.attribution.source))
        return f"{text} ({grade})" if grade else text

    def source_title(self, source_id: str) -> str:
        source = self.index.sources.get(source_id)
        if source is None or not source.title.strip():
            return source_id
        return source.title


class _Page(ReportPage):
    """The Markdown report's rendering."""

    # --- the top of the page -------------------------------------------------

    def heading(self) -> list[str]:
        meta = self.job.ledger.meta
        title = meta.title if meta and meta.title and meta.title.strip() else "Claims report"
        lines = [f"# {gfm.text(title, breaks=False)}", ""]
        if meta and meta.description and meta.description.strip():
            lines += [gfm.text(meta.description), ""]
        credits: list[str] = []
        publisher = meta.publisher if meta else None
        if publisher and publisher.name and publisher.name.strip():
            credits.append("Published by " + gfm.link(gfm.text(publisher.name), publisher.url))
        if meta and meta.license and meta.license.strip():
            credits.append("Licence: " + gfm.text(meta.license))
        if credits:
            lines += [" · ".join(credits), ""]
        if self.job.today is not None:
            lines += [f"Report date: {self.job.today.isoformat()}", ""]
        lines += [METHODOLOGY, ""]
        summary = status_counts(self.job.claims) if self.job.claims else "0 claims"
        checked = newest_check(self.job.claims)
        when = f"Last checked {gfm.text(checked)}." if checked else "Not checked yet."
        lines.append(f"**{gfm.text(summary)}.** {when}")
        return lines

    def summary_table(self) -> list[str]:
        rows = []
        for claim, anchor in zip(self.job.claims, self.anchors, strict=True):
            rows.append(
                [
                    gfm.in_page(gfm.text(claim.id), anchor),
                    gfm.text(shorten(claim.claim, TABLE_CLAIM_LIMIT)),
                    gfm.text(format_value(claim.value)) if claim.value else "",
                    gfm.text(self.confidence(claim)),
                    gfm.text(choice_words(claim.status)),
                    self.source_ref(claim.attribution.source),
                ]
            )
        header = ["Id", "Claim", "Value", "Confidence", "Status", "Source"]
        return gfm.table(header, rows)

    # --- claims ---------------------------------------------------------------

    def claim_sections(self) -> list[str]:
        group_by = self.job.group_by
        if group_by is None:
            lines = ["## Claims", ""]
            for claim, anchor in zip(self.job.claims, self.anchors, strict=True):
                lines += self.claim_section(claim, anchor, level=3)
            return lines
        lines = [f"## Claims by {group_by}", ""]
        shown: set[int] = set()
        for label, members in self.groups(group_by):
            lines += [f"### {gfm.text(label, breaks=False)}", ""]
            again = []
            for position in members:
                claim, anchor = self.job.claims[position], self.anchors[position]
                if position in shown:
                    title = gfm.text(shorten(claim.claim, TABLE_CLAIM_LIMIT), breaks=False)
                    again.append(f"- {gfm.in_page(title, anchor)}")
                    continue
                shown.add(position)
                lines += self.claim_section(claim, anchor, level=4)
            if again:
                lines += [f"Also under {gfm.text(label, breaks=False)}:", "", *again, ""]
        return lines

    def groups(self, group_by: GroupBy) -> list[tuple[str, list[int]]]:
        """Group labels in a fixed order, each with the positions of its claims."""
        claims = self.job.claims
        keyed: dict[str, list[int]] = {}
        for position, claim in enumerate(claims):
            for key in _group_keys(claim, group_by):
                keyed.setdefault(key, []).append(position)
        if group_by == "status":
            return [(choice_words(s), keyed[s]) for s in _ordered(keyed, STATUSES)]
        if group_by == "type":
            return [(t, keyed[t]) for t in _ordered(keyed, CLAIM_TYPES)]
        if group_by == "source":
            known = tuple(s.id for s in self.job.ledger.sources)
            return [(self.source_title(sid), keyed[sid]) for sid in _ordered(keyed, known)]
        return [(tag, keyed[tag]) for tag in _ordered(keyed, (), last=_NO_TAG)]

    def claim_section(self, claim: Claim, anchor: str, *, level: int) -> list[str]:
        """The claim's fields as :func:`~claims_cli.render.claim_view.claim_view` orders them.

        The ``claim`` field is the heading and the ``quote`` a blockquote; the
        id and type, which the terminal panel shows in its frame, lead the list.
        """
        view = claim_view(claim, self.index, public=not self.job.internal)
        hashes = "#" * level
        lines = [f"{hashes} {gfm.anchor(anchor)}{gfm.text(claim.claim, breaks=False)}", ""]
        quote = view.field("quote")
        if quote is not None:
            for n, line in enumerate(quote.lines):
                lines += [">", f"> {self.line(line)}"] if n else [f"> {self.line(line)}"]
            lines.append("")
        items = [f"- **Id:** {gfm.text(view.id)}", f"- **Type:** {gfm.text(view.type)}"]
        for field in view.fields:
            if field.label in ("claim", "quote"):
                continue
            label = field.label[:1].upper() + field.label[1:]
            if field.listing:
                items.append(f"- **{label}:**")
                items += [f"  - {self.line(line)}" for line in field.lines]
            else:
                value = gfm.BREAK.join(self.line(line) for line in field.lines)
                items.append(f"- **{label}:** {value}")
        return [*lines, *items, ""]

    def line(self, line: Line) -> str:
        """One line of a view as Markdown: ledger text escaped, references linked."""
        out = []
        for part in line:
            if part.kind == "sep":
                out.append(part.text)  # the view's own punctuation, never ledger text
            elif part.kind == "source_title" and part.key in self.listed:
                out.append(gfm.in_page(gfm.text(part.text), gfm.anchor_id("source", part.key)))
            elif part.kind == "claim_ref" and part.key in self.first_anchor:
                out.append(gfm.in_page(gfm.text(part.text), self.first_anchor[part.key]))
            elif part.kind == "url":
                # Only http(s) addresses reach a report, and only as links.
                if gfm.is_http_url(part.text):
                    shown = gfm.link(gfm.text(part.text), part.text)
                    out.append(f" · {shown}" if out else shown)
            else:
                out.append(gfm.text(part.text))
        return "".join(out)

    def source_ref(self, source_id: str) -> str:
        """The source's title, linked to its entry in the source list when it has one."""
        label = gfm.text(self.source_title(source_id))
        if source_id not in self.listed:
            return label
        return gfm.in_page(label, gfm.anchor_id("source", source_id))

    # --- sources --------------------------------------------------------------

    def source_list(self) -> list[str]:
        """Each cited source, its details as the terminal shows them, under its anchor."""
        if not self.sources:
            return []
        lines = ["## Sources", ""]
        for source in self.sources:
            title, *details = source_view(source)
            parts = [gfm.text(title.lines[0][0].text)]
            for field in details:
                value = self.line(field.lines[0])
                if value:  # empty when a URL is not http(s)
                    parts.append(f"{field.label} {value}")
            entry = gfm.anchor(gfm.anchor_id("source", source.id)) + " · ".join(parts)
            lines.append(f"- {entry}")
        lines.append("")
        return lines


def _group_keys(claim: Claim, group_by: GroupBy) -> tuple[str, ...]:
    if group_by == "tag":
        return tuple(dict.fromkeys(claim.tags)) or (_NO_TAG,)
    if group_by == "source":
        return (claim.attribution.source,)
    if group_by == "status":
        return (claim.status,)
    return (claim.type,)


def _ordered(keys: Iterable[str], first: Sequence[str], *, last: str | None = None) -> list[str]:
    """``keys`` in the order of ``first``, then the rest sorted, with ``last`` at the end."""
    present = set(keys)
    ordered = list(dict.fromkeys(k for k in first if k in present))
    rest = sorted(present - set(ordered) - {last})
    return ordered + rest + ([last] if last in present else [])


def _unique_anchors(claims: Sequence[Claim]) -> list[str]:
    """An anchor per claim; a repeated id (only possible outside a valid ledger) gets -2, -3…"""
    seen: set[str] = set()
    anchors = []
    for claim in claims:
        base = gfm.anchor_id("claim", claim.id)
        anchor, n = base, 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors
