"""``claims show``: the whole record of a claim, drawn as a panel.

What is shown, in which order and under which label comes from
:mod:`claims_cli.render.claim_view`, which the Markdown report renders too;
this module only styles it for the terminal.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claims_cli.cli.terminal.tables import CONFIDENCE_STYLES, ID_STYLE, STATUS_STYLES
from claims_cli.model import Claim, Index, Source
from claims_cli.render.claim_view import Field, Line, Part, claim_view, source_view
from claims_cli.render.escape import many_lines, one_line

_STANCE_STYLES = {"supports": "green", "refutes": "red", "context": "blue"}
#: Evidence lines start with the stance in a column this wide, URLs under what follows it.
_STANCE_WIDTH = 8
_KIND_STYLES = {
    "claim": "bold",
    "quote": "italic",
    "claim_ref": ID_STYLE,
    "source_ref": "cyan",
    "locator": "dim",
    "grade": "bold",
}


def _style(part: Part) -> str:
    key = part.key or ""
    if part.kind == "confidence":
        return CONFIDENCE_STYLES.get(key, "")
    if part.kind == "status":
        return STATUS_STYLES.get(key, "")
    if part.kind == "stance":
        return _STANCE_STYLES.get(key, "")
    return _KIND_STYLES.get(part.kind, "")


def _line(line: Line) -> Text:
    # Every part is built as Text, never parsed as markup, and what came
    # from a claim file shows its control characters as escapes.
    text = Text()
    for part in line:
        shown = many_lines(part.text)
        if part.kind == "url":
            text.append(f"\n{' ' * (_STANCE_WIDTH + 1)}" if text else "")
            text.append(shown, style="blue")
        elif part.kind == "quote":
            text.append(f"“{shown}”", style=_style(part))
        elif part.kind == "stance":
            text.append(f"{shown:<{_STANCE_WIDTH}}", style=_style(part))
        else:
            text.append(shown, style=_style(part))
    return text


def _grid(fields: tuple[Field, ...]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for field in fields:
        grid.add_row(Text(field.label), Text("\n").join(_line(line) for line in field.lines))
    return grid


def source_details(source: Source) -> Table:
    """A source's details and links, one per line."""
    return _grid(source_view(source))


def claim_panel(claim: Claim, index: Index, *, where: str | None = None) -> Panel:
    """The claim with everything known about it, titled by its id."""
    view = claim_view(claim, index)
    parts: list[RenderableType] = [_grid(view.fields)]
    if view.source is not None:
        parts.append(Text(f"\nsource {one_line(view.source.id)}", style="bold"))
        parts.append(source_details(view.source))
    # A str title or subtitle would be read as markup: a file named
    # "[link=https://...]" would become a link.
    return Panel(
        Group(*parts),
        title=Text(one_line(view.id), style=ID_STYLE),
        title_align="left",
        subtitle=Text(one_line(" · ".join(p for p in (view.type, where) if p))),
        subtitle_align="right",
        box=box.ROUNDED,
    )
