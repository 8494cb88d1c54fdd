"""Terminal tables for the look-ups, fitted to the width of the terminal.

A table is offered in a few layouts, widest first: one column per field, then
the id stacked over the claim with the short fields stacked beside it, then a
single column. The first layout that fits is drawn. Text columns wrap; ids
never do, so a column that holds ids is always at least as wide as the
longest of them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from claims_cli.environment import Environment
from claims_cli.model import Claim, Index
from claims_cli.query.usage import SourceUsage
from claims_cli.render.escape import log_lines, many_lines, one_line
from claims_cli.render.wording import format_value

#: Space between two columns: padding, the (blank) divider, padding.
COLUMN_GAP = 3
#: Below this, a wrapped text column is too narrow to read.
MIN_TEXT_WIDTH = 24
#: Widths the value column wraps to, the second when space is short: room
#: for "$500 million / year" on one line, then for "> $121" and "million".
#: A long period ("last two years...") wraps rather than squeeze the claim.
VALUE_WRAP_WIDTHS = (19, 12)
MISSING = "—"

CONFIDENCE_STYLES = {
    "very-low": "red",
    "low": "yellow",
    "medium": "default",
    "high": "green",
    "very-high": "bold green",
}
STATUS_STYLES = {
    "unverified": "dim",
    "supported": "green",
    "partly-supported": "yellow",
    "disputed": "magenta",
    "refuted": "red",
    "misleading": "red",
    "unverifiable": "dim",
}
ID_STYLE = "bold cyan"


def _canvas(encoding: str) -> io.TextIOWrapper:
    """Where a console draws (nowhere: its output is captured), in ``encoding``.

    Rich draws borders in ASCII for a stream that cannot hold box-drawing characters.
    """
    try:
        return io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    except LookupError:
        return io.TextIOWrapper(io.BytesIO(), encoding="utf-8")


def make_console(env: Environment) -> Console:
    """A console as wide as the terminal that colours when ``env`` says so.

    Everything rich would otherwise learn from the process (the width,
    ``NO_COLOR``, ``FORCE_COLOR``, the encoding) is given, so ``env`` alone
    decides. Markup is off: text from claim files is never read as
    ``[link=...]``.
    """
    return Console(
        file=_canvas(env.encoding),
        width=env.columns,
        color_system="standard" if env.color else None,
        force_terminal=env.color,
        no_color=not env.color,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        markup=False,
        highlight=False,
        emoji=False,
    )


def as_text(make: Callable[[int], RenderableType], env: Environment) -> str:
    """What ``make`` builds for the terminal's width, as text to write.

    Lines lose the spaces rich pads them with; a line wider than the
    terminal (an id longer than the terminal is wide) is left whole. A line
    that a CI runner would read as a workflow command (wrapped text that
    starts with ``::``) is defused.
    """
    console = make_console(env)
    with console.capture() as captured:
        console.print(make(console.width), crop=False)
    return log_lines("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))


def plain(text: str, style: str = "") -> Text:
    """Text from a claim file, as a cell: controls shown as escapes, never read as markup."""
    return Text(many_lines(text), style=style)


@dataclass(frozen=True)
class Column:
    """One column of a layout: its header, a cell per row, and how it may shrink.

    A ``flexible`` column takes the width left over (down to ``min_width``);
    a column with a ``cap`` wraps to that width; any other column is as wide
    as its widest line.
    """

    header: str
    cells: Sequence[Text]
    flexible: bool = False
    min_width: int = 0
    cap: int | None = None
    justify: Literal["left", "right"] = "left"

    @property
    def natural(self) -> int:
        lines = [*self.header.splitlines(), *(ln for c in self.cells for ln in c.plain.split("\n"))]
        return max((cell_len(line) for line in lines), default=0)

    @property
    def fixed_width(self) -> int:
        return self.natural if self.cap is None else min(self.natural, self.cap)


def fit(width: int, columns: Sequence[Column]) -> list[int] | None:
    """Widths for ``columns`` within ``width``, or None if the layout does not fit."""
    gaps = COLUMN_GAP * (len(columns) - 1)
    fixed = sum(c.fixed_width for c in columns if not c.flexible)
    left = width - gaps - fixed
    widths = []
    for column in columns:
        if not column.flexible:
            widths.append(column.fixed_width)
            continue
        if left < min(column.natural, column.min_width):
            return None
        widths.append(min(column.natural, left))
    return widths


def choose_layout(
    width: int, layouts: Sequence[Sequence[Column]]
) -> tuple[list[Column], list[int]]:
    """The first layout that fits ``width``; the last one is used whatever the width."""
    for columns in layouts[:-1]:
        widths = fit(width, columns)
        if widths is not None:
            return list(columns), widths
    last = list(layouts[-1])
    # The last layout is one flexible column as wide as its longest id: at
    # worst the terminal wraps that line, which still shows the id whole.
    widths = [
        max(c.min_width, min(c.natural, width)) if c.flexible else c.fixed_width for c in last
    ]
    return last, widths


def _rows_span_lines(columns: Sequence[Column], widths: Sequence[int]) -> bool:
    return any(
        "\n" in cell.plain or column.natural > width
        for column, width in zip(columns, widths, strict=True)
        for cell in column.cells
    )


def draw(columns: Sequence[Column], widths: Sequence[int], caption: str | None = None) -> Table:
    """A borderless table with a rule under the header and these exact column widths.

    Rows that take several lines are set apart by a blank line, and stacked
    headers line up from the top, like the stacked cells below them.
    """
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        # The widths are decided here: rich must neither squeeze a column
        # holding ids (on a terminal narrower than an id) nor stretch any.
        width=sum(widths) + COLUMN_GAP * (len(widths) - 1),
        header_style="bold",
        show_lines=_rows_span_lines(columns, widths),
        caption=caption,
        caption_justify="left",
        caption_style="dim",
    )
    header_lines = max(len(c.header.splitlines()) for c in columns)
    for column, width in zip(columns, widths, strict=True):
        # Rich aligns headers to the bottom; pad them so they read from the top.
        padding = header_lines - len(column.header.splitlines())
        table.add_column(
            column.header + "\n " * padding,
            width=width,
            min_width=width,
            justify=column.justify,
            overflow="fold",
        )
    for row in zip(*(c.cells for c in columns), strict=True):
        table.add_row(*row)
    return table


def _stack(*parts: Text | str) -> Text:
    lines = [p if isinstance(p, Text) else Text(p) for p in parts]
    return Text("\n").join(lines)


def _id(text: str) -> Text:
    return Text(one_line(text), style=ID_STYLE)


def _dot_line(parts: Sequence[str]) -> Text:
    return Text(one_line(" · ".join(p for p in parts if p)), style="dim")


def claims_layouts(claims: Sequence[Claim], index: Index) -> list[list[Column]]:
    """The layouts of the ``claims list`` table, widest first."""
    ids = [_id(c.id) for c in claims]
    texts = [plain(c.claim) for c in claims]
    values = [plain(format_value(c.value)) if c.value else Text("") for c in claims]
    levels = [Text(c.confidence, style=CONFIDENCE_STYLES[c.confidence]) for c in claims]
    statuses = [Text(c.status, style=STATUS_STYLES[c.status]) for c in claims]
    sources = [Text(one_line(c.attribution.source)) for c in claims]
    id_width = max((cell_len(c.id) for c in claims), default=2)

    def wide(value_cap: int) -> list[Column]:
        return [
            Column("id", ids),
            Column("claim", texts, flexible=True, min_width=30),
            Column("value", values, cap=value_cap),
            Column("confidence", levels),
            Column("status", statuses),
            Column("source", sources),
        ]

    left = [_stack(i, t) for i, t in zip(ids, texts, strict=True)]
    right = [_stack(*row) for row in zip(levels, statuses, sources, strict=True)]

    def stacked(value_cap: int) -> list[Column]:
        return [
            Column("id\nclaim", left, flexible=True, min_width=max(id_width, MIN_TEXT_WIDTH)),
            Column("value", values, cap=value_cap),
            Column("confidence\nstatus\nsource", right),
        ]

    single = [
        _stack(
            _id(c.id),
            plain(c.claim),
            _dot_line([v.plain, c.confidence, c.status, c.attribution.source]),
        )
        for c, v in zip(claims, values, strict=True)
    ]
    return [
        *(wide(cap) for cap in VALUE_WRAP_WIDTHS),
        *(stacked(cap) for cap in VALUE_WRAP_WIDTHS),
        [Column("claim", single, flexible=True, min_width=id_width)],
    ]


def sources_layouts(usage: Sequence[SourceUsage]) -> list[list[Column]]:
    """The layouts of the ``claims sources`` table, widest first."""
    ids = [_id(u.source.id) for u in usage]
    titles = [plain(u.source.title) for u in usage]
    kinds = [plain(u.source.kind or MISSING) for u in usage]
    grades = [plain(u.source.reliability or MISSING) for u in usage]
    dates = [plain(u.source.published or MISSING) for u in usage]
    claims = [Text(str(u.claims), style="bold") for u in usage]
    attributed = [Text(str(u.as_attribution)) for u in usage]
    evidence = [Text(str(u.as_evidence)) for u in usage]
    id_width = max((cell_len(u.source.id) for u in usage), default=2)
    wide = [
        Column("id", ids),
        Column("title", titles, flexible=True, min_width=20),
        Column("kind", kinds),
        Column("reliability", grades),
        Column("published", dates),
        Column("claims", claims, justify="right"),
        Column("attribution", attributed, justify="right"),
        Column("evidence", evidence, justify="right"),
    ]
    stacked = [
        Column(
            "id\ntitle",
            [_stack(i, t) for i, t in zip(ids, titles, strict=True)],
            flexible=True,
            min_width=max(id_width, MIN_TEXT_WIDTH),
        ),
        Column(
            "kind\nreliability\npublished",
            [_stack(*row) for row in zip(kinds, grades, dates, strict=True)],
        ),
        Column(
            "claims\nattribution\nevidence",
            [_stack(*row) for row in zip(claims, attributed, evidence, strict=True)],
            justify="right",
        ),
    ]
    single = [
        _stack(
            _id(u.source.id),
            plain(u.source.title),
            _dot_line(
                [
                    u.source.kind or "",
                    f"reliability {u.source.reliability}" if u.source.reliability else "",
                    u.source.published or "",
                    f"{u.claims} claims ({u.as_attribution} attribution, {u.as_evidence} evidence)",
                ]
            ),
        )
        for u in usage
    ]
    return [wide, stacked, [Column("source", single, flexible=True, min_width=id_width)]]


def fitted_table(
    layouts: Sequence[Sequence[Column]], width: int, caption: str | None = None
) -> Table:
    """The widest of ``layouts`` that fits ``width``, drawn."""
    columns, widths = choose_layout(width, layouts)
    return draw(columns, widths, caption)
