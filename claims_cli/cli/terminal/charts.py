"""``claims stats``: claim counts drawn as horizontal bar charts."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from claims_cli.query.stats import Counts
from claims_cli.render.escape import one_line
from claims_cli.render.wording import count_of

#: Eighths of a block, so a bar can end between two character cells.
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
#: Longer bars say nothing more and only make lines wrap.
MAX_BAR_WIDTH = 40
#: The most bars an open axis (tags, sources, metrics) draws, the most frequent
#: first; a ledger of thousands of sources gets a line saying how many are left
#: out, and ``--format json`` lists them all.
OPEN_AXIS_BARS = 20
_OPEN_AXES = ("tag", "source", "metric")
_TITLES = {
    "status": "by status",
    "confidence": "by confidence",
    "type": "by type",
    "tag": "by tag",
    "source": "by source (attribution)",
    "metric": "by metric",
}


def bar(count: int, total: int, width: int, *, ascii_only: bool = False) -> str:
    """A bar ``width`` cells long at ``total``, ``count/total`` of it filled, in eighths.

    ``ascii_only``: whole cells of ``#``, for an output that cannot hold block characters.
    """
    if total <= 0 or count <= 0 or width <= 0:
        return ""
    if ascii_only:
        return "#" * max(1, round(width * min(count, total) / total))
    eighths = max(1, round(8 * width * min(count, total) / total))
    full, rest = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[rest] if rest else "")


def stats_chart(
    counts: Counts, width: int, *, of_total: int | None = None, ascii_only: bool = False
) -> Group:
    """A titled bar chart per axis; every bar is scaled to the number of claims."""
    axes = [(name, list(axis.items())) for name, axis in counts.axes()]
    shown = [
        (name, rows[:OPEN_AXIS_BARS] if name in _OPEN_AXES else rows, len(rows))
        for name, rows in axes
    ]
    label_width = max(
        (cell_len(one_line(label)) for _, rows, _ in shown for label, _ in rows), default=1
    )
    count_width = len(str(counts.claims))
    gaps = 2 * 3
    bar_width = max(1, min(MAX_BAR_WIDTH, width - label_width - count_width - 4 - gaps))
    heading = count_of(counts.claims, "claim")
    if of_total is not None and of_total != counts.claims:
        heading += f" (of {of_total})"
    parts: list[Table | Text] = [Text(heading, style="bold")]
    for name, rows, every in shown:
        if name == "metric" and not rows:
            continue  # a ledger that names no metric is not told so at length
        table = Table(
            box=None,
            show_header=False,
            padding=(0, 1),
            pad_edge=False,
            title=_TITLES[name],
            title_justify="left",
            title_style="bold",
        )
        table.add_column(width=label_width, no_wrap=True)
        table.add_column(width=bar_width, no_wrap=True, style="cyan")
        table.add_column(width=count_width, justify="right")
        table.add_column(width=4, justify="right", style="dim")
        for label, count in rows:
            share = f"{round(100 * count / counts.claims)}%" if counts.claims else ""
            # Tags and source ids come from claim files: Text, never markup.
            table.add_row(
                Text(one_line(label)),
                bar(count, counts.claims, bar_width, ascii_only=ascii_only),
                str(count),
                share,
            )
        parts.append(Text(""))
        parts.append(table)
        if every > len(rows):
            left = every - len(rows)
            noun = name if left == 1 else f"{name}s"
            said = f"and {left} more {noun} (--format json lists every one)"
            parts.append(Text(said, style="dim"))
    return Group(*parts)
