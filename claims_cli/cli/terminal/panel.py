"""``claims show``: the whole record of a claim, drawn as a panel."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claims_cli.cli.terminal.tables import CONFIDENCE_STYLES, ID_STYLE, STATUS_STYLES
from claims_cli.model import Claim, Index, Source
from claims_cli.render.wording import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    admiralty_grade,
    format_value,
)

_STANCE_STYLES = {"supports": "green", "refutes": "red", "context": "blue"}


def _fields() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _joined(parts: list[str | None], sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _source_line(
    source_id: str, index: Index, locator: str | None, *, with_id: bool = True
) -> Text:
    source = index.sources.get(source_id)
    text = Text(source_id, style="cyan") if with_id or source is None else Text()
    if source is not None:
        text.append(f" — {source.title}" if with_id else source.title)
    if locator:
        text.append(f", {locator}", style="dim")
    return text


def _grade(claim: Claim, source: Source | None) -> Text | None:
    grade = admiralty_grade(claim, source)
    if grade is not None and source is not None and source.reliability is not None:
        words = _joined(
            [
                f"source {RELIABILITY_WORDS[source.reliability]}",
                CREDIBILITY_WORDS.get(claim.credibility or 0),
            ],
            "; ",
        )
        return Text.assemble((grade, "bold"), f" ({words})")
    if claim.credibility is not None:
        words = CREDIBILITY_WORDS.get(claim.credibility, "")
        return Text(f"credibility {claim.credibility} ({words})")
    return None


def _evidence(claim: Claim, index: Index) -> Text:
    lines = []
    for item in claim.evidence:
        line = Text(f"{item.stance:<9}", style=_STANCE_STYLES.get(item.stance, ""))
        line.append_text(_source_line(item.source, index, item.locator))
        if item.note:
            line.append(f": {item.note}")
        source = index.sources.get(item.source)
        if source is not None and source.url:
            line.append(f"\n{' ' * 9}{source.url}", style="blue")
        lines.append(line)
    return Text("\n").join(lines)


def _related(ids: tuple[str, ...], index: Index) -> Text:
    lines = []
    for claim_id in ids:
        line = Text(claim_id, style=ID_STYLE)
        other = index.claims.get(claim_id)
        if other is not None:
            line.append(f" — {other.claim}")
        lines.append(line)
    return Text("\n").join(lines)


def source_details(source: Source) -> Table:
    """A source's details and links, one per line."""
    grid = _fields()
    grid.add_row("title", source.title)
    for label, value in (
        ("publisher", source.publisher),
        ("author", source.author),
        ("kind", source.kind),
        (
            "reliability",
            f"{source.reliability} ({RELIABILITY_WORDS[source.reliability]})"
            if source.reliability
            else None,
        ),
        ("published", source.published),
        ("accessed", source.accessed),
        ("url", source.url),
        ("archive", source.archive_url),
        ("snapshot", source.snapshot),
        ("sha256", source.sha256),
    ):
        if value:
            grid.add_row(label, value)
    return grid


def claim_panel(claim: Claim, index: Index, *, where: str | None = None) -> Panel:
    """The claim with everything known about it, titled by its id."""
    source = index.sources.get(claim.attribution.source)
    grid = _fields()
    grid.add_row("claim", Text(claim.claim, style="bold"))
    if claim.quote:
        quote = Text(f"“{claim.quote}”", style="italic")
        quote.append("\n— ")
        quote.append_text(
            _source_line(claim.attribution.source, index, claim.attribution.locator, with_id=False)
        )
        grid.add_row("quote", quote)
    if claim.value:
        grid.add_row("value", _joined([format_value(claim.value), claim.value.metric]))
    if claim.date:
        grid.add_row("date", claim.date)
    claimant = claim.attribution.claimant
    if claimant:
        kind = claim.attribution.claimant_type
        grid.add_row("claimant", f"{claimant} ({kind})" if kind else claimant)
    grid.add_row("source", _source_line(claim.attribution.source, index, claim.attribution.locator))
    grid.add_row("confidence", Text(claim.confidence, style=CONFIDENCE_STYLES[claim.confidence]))
    grade = _grade(claim, source)
    if grade is not None:
        grid.add_row("grade", grade)
    grid.add_row("status", Text(claim.status, style=STATUS_STYLES[claim.status]))
    if claim.evidence:
        grid.add_row("evidence", _evidence(claim, index))
    if claim.tags:
        grid.add_row("tags", ", ".join(claim.tags))
    if claim.entities:
        grid.add_row("entities", ", ".join(claim.entities))
    if claim.supersedes:
        grid.add_row("supersedes", _related((claim.supersedes,), index))
    later = index.superseded_by.get(claim.id, ())
    if later:
        grid.add_row("superseded by", _related(later, index))
    if claim.notes:
        grid.add_row("notes", claim.notes)
    checked = claim.checked
    if checked and (checked.by or checked.on):
        by = f"by {checked.by}" if checked.by else None
        on = f"on {checked.on}" if checked.on else None
        grid.add_row("checked", _joined([by, on], " "))
    parts: list[RenderableType] = [grid]
    if source is not None:
        parts.append(Text(f"\nsource {source.id}", style="bold"))
        parts.append(source_details(source))
    return Panel(
        Group(*parts),
        title=Text(claim.id, style=ID_STYLE),
        title_align="left",
        subtitle=_joined([claim.type, where]),
        subtitle_align="right",
        box=box.ROUNDED,
    )
