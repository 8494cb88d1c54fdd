"""The Markdown report: a page a newsroom could publish as it is, on GitHub or elsewhere.

Layout: title, description and publisher; a summary line; a table with a
row per claim; a section per claim (optionally grouped), each under a stable
anchor ``claim-<id>``; the sources cited, each under ``source-<id>``. Every
piece of ledger text goes through :mod:`claims_cli.render.gfm`, and nothing
depends on the clock, so the same ledger always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from claims_cli.dates import date_range
from claims_cli.model import CLAIM_TYPES, STATUSES, Claim, Index, Source
from claims_cli.query.stats import count_claims
from claims_cli.render import gfm
from claims_cli.render.exports import Exported, ExportInput, GroupBy
from claims_cli.render.wording import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    admiralty_grade,
    count_of,
    format_value,
)

#: Claims longer than this are shortened in the summary table (never in their section).
TABLE_CLAIM_LIMIT = 160
_STANCE_WORDS = {"supports": "Supports", "refutes": "Refutes", "context": "Context"}
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


def words(value: str) -> str:
    """A closed-choice value as words: ``partly-supported`` -> ``partly supported``."""
    return value.replace("-", " ")


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
    parts = [f"{n} {words(s)}" for s, n in counts if n]
    return f"{count_of(len(claims), 'claim')}: " + ", ".join(parts)


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


class _Page:
    """One rendering of a report: the anchors it assigns and the sources it lists."""

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
                    gfm.text(self.confidence(claim, grade_words=False)),
                    gfm.text(words(claim.status)),
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
            return [(words(s), keyed[s]) for s in _ordered(keyed, STATUSES)]
        if group_by == "type":
            return [(t, keyed[t]) for t in _ordered(keyed, CLAIM_TYPES)]
        if group_by == "source":
            known = tuple(s.id for s in self.job.ledger.sources)
            return [(self.source_title(sid), keyed[sid]) for sid in _ordered(keyed, known)]
        return [(tag, keyed[tag]) for tag in _ordered(keyed, (), last=_NO_TAG)]

    def claim_section(self, claim: Claim, anchor: str, *, level: int) -> list[str]:
        hashes = "#" * level
        lines = [f"{hashes} {gfm.anchor(anchor)}{gfm.text(claim.claim, breaks=False)}", ""]
        attribution = claim.attribution
        if claim.quote and claim.quote.strip():
            cite = [self.source_ref(attribution.source)]
            if attribution.locator and attribution.locator.strip():
                cite.append(gfm.text(attribution.locator))
            lines += [f"> {gfm.text(claim.quote)}", ">", f"> — {', '.join(cite)}", ""]
        items: list[tuple[str, str]] = [("Id", gfm.text(claim.id)), ("Type", gfm.text(claim.type))]
        if claim.value:
            items.append(("Value", gfm.text(format_value(claim.value))))
        if claim.date:
            items.append(("Date", gfm.text(claim.date)))
        if attribution.claimant and attribution.claimant.strip():
            claimant = gfm.text(attribution.claimant)
            if attribution.claimant_type:
                claimant += f" ({gfm.text(attribution.claimant_type)})"
            items.append(("Claimant", claimant))
        items.append(("Source", self.source_line(claim)))
        items.append(("Confidence", gfm.text(self.confidence(claim, grade_words=True))))
        items.append(("Verdict", gfm.text(words(claim.status))))
        if claim.checked and (claim.checked.by or claim.checked.on):
            items.append(("Checked", gfm.text(_checked(claim))))
        if claim.tags:
            items.append(("Tags", ", ".join(gfm.text(t) for t in claim.tags)))
        if claim.entities:
            items.append(("Entities", ", ".join(gfm.text(e) for e in claim.entities)))
        if claim.supersedes:
            items.append(("Supersedes", self.claim_ref(claim.supersedes)))
        later = self.index.superseded_by.get(claim.id, ())
        if later:
            items.append(("Superseded by", ", ".join(self.claim_ref(i) for i in later)))
        if claim.notes and claim.notes.strip():
            items.append(("Notes", gfm.text(claim.notes)))
        lines += [f"- **{label}:** {value}" for label, value in items]
        if claim.evidence:
            lines.append("- **Evidence:**")
            for item in claim.evidence:
                entry = gfm.text(_STANCE_WORDS.get(item.stance, item.stance)) + ": "
                entry += self.source_ref(item.source)
                if item.locator and item.locator.strip():
                    entry += ", " + gfm.text(item.locator)
                if item.note and item.note.strip():
                    entry += " — " + gfm.text(item.note)
                lines.append(f"  - {entry}")
        lines.append("")
        return lines

    def confidence(self, claim: Claim, *, grade_words: bool) -> str:
        source = self.index.sources.get(claim.attribution.source)
        text = words(claim.confidence)
        grade = admiralty_grade(claim, source)
        if grade is None:
            return text
        if not grade_words or source is None or source.reliability is None:
            return f"{text} ({grade})"
        meaning = RELIABILITY_WORDS[source.reliability]
        if claim.credibility is not None:
            meaning += "; " + CREDIBILITY_WORDS.get(claim.credibility, "?")
        return f"{text}; Admiralty grade {grade} ({meaning})"

    def source_title(self, source_id: str) -> str:
        source = self.index.sources.get(source_id)
        if source is None or not source.title.strip():
            return source_id
        return source.title

    def source_ref(self, source_id: str) -> str:
        """The source's title, linked to its entry in the source list when it has one."""
        label = gfm.text(self.source_title(source_id))
        if source_id not in self.listed:
            return label
        return gfm.in_page(label, gfm.anchor_id("source", source_id))

    def source_line(self, claim: Claim) -> str:
        attribution = claim.attribution
        line = self.source_ref(attribution.source)
        if attribution.locator and attribution.locator.strip():
            line += ", " + gfm.text(attribution.locator)
        source = self.index.sources.get(attribution.source)
        if source is not None and gfm.is_http_url(source.url):
            line += " · " + gfm.link("link", source.url)
        return line

    def claim_ref(self, claim_id: str) -> str:
        anchor = self.first_anchor.get(claim_id)
        label = gfm.text(claim_id)
        return gfm.in_page(label, anchor) if anchor else label

    # --- sources --------------------------------------------------------------

    def source_list(self) -> list[str]:
        if not self.sources:
            return []
        lines = ["## Sources", ""]
        for source in self.sources:
            entry = gfm.anchor(gfm.anchor_id("source", source.id)) + " · ".join(
                _source_parts(source)
            )
            lines.append(f"- {entry}")
        lines.append("")
        return lines


def _source_parts(source: Source) -> list[str]:
    parts = [gfm.text(source.title) if source.title.strip() else gfm.text(source.id)]
    if source.publisher and source.publisher.strip():
        parts.append(gfm.text(source.publisher))
    if source.author and source.author.strip():
        parts.append("by " + gfm.text(source.author))
    if source.published:
        parts.append("published " + gfm.text(source.published))
    if gfm.is_http_url(source.url):
        parts.append(gfm.link(gfm.text(source.url or ""), source.url))
    if gfm.is_http_url(source.archive_url):
        parts.append(gfm.link("archived copy", source.archive_url))
    if source.accessed:
        parts.append("accessed " + gfm.text(source.accessed))
    if source.reliability:
        meaning = RELIABILITY_WORDS.get(source.reliability, "")
        parts.append(gfm.text(f"reliability {source.reliability} ({meaning})"))
    return parts


def _checked(claim: Claim) -> str:
    checked = claim.checked
    assert checked is not None
    parts = []
    if checked.by:
        parts.append(f"by {checked.by}")
    if checked.on:
        parts.append(f"on {checked.on}")
    return " ".join(parts)


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
