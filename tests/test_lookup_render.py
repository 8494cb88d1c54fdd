"""Fitting the tables to a width: every line within it, every id whole."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from conftest import SAMPLE, load, make_claim
from hypothesis import given, settings
from hypothesis import strategies as st
from lookup_support import DATED
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from claims_cli.cli.terminal.charts import bar
from claims_cli.cli.terminal.tables import (
    Column,
    choose_layout,
    claims_layouts,
    fit,
    fitted_table,
    sources_layouts,
)
from claims_cli.model import Index, Ledger, Value
from claims_cli.query.usage import source_usage

LEDGERS = [load(SAMPLE), load(DATED)]
LONG = Ledger(
    claims=(
        make_claim(
            "a-very-long-claim-id-that-is-wider-than-most-terminals-allow-for-one-column",
            claim="Ein Anspruch mit Umlauten — äöü — und 中文字符 der umbrochen werden muss. " * 3,
            type="statistic",
            confidence="very-high",
            status="partly-supported",
            value=Value(amount=1.5e9, unit="EUR", comparator="approx", period="2019/2020"),
        ),
    )
)


def render(table: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None, markup=False, highlight=False)
    with console.capture() as captured:
        console.print(table, crop=False)
    return captured.get().splitlines()


def _widest_id(ledger: Ledger) -> int:
    return max(len(c.id) for c in ledger.claims)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=20, max_value=220), st.sampled_from(range(3)))
def test_the_claims_table_fits_any_width_and_keeps_ids_whole(width: int, which: int) -> None:
    ledger = [*LEDGERS, LONG][which]
    claims = list(ledger.claims)
    lines = render(fitted_table(claims_layouts(claims, Index(ledger=ledger)), width), width)
    words = {word for line in lines for word in line.split()}
    assert all(c.id in words for c in claims)
    if width >= _widest_id(ledger):
        assert max(cell_len(line) for line in lines) <= width


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=20, max_value=220), st.sampled_from(range(2)))
def test_the_sources_table_fits_any_width(width: int, which: int) -> None:
    ledger = LEDGERS[which]
    usage = source_usage(ledger.sources, ledger.claims)
    lines = render(fitted_table(sources_layouts(usage), width), width)
    assert max(cell_len(line) for line in lines) <= width
    words = {word for line in lines for word in line.split()}
    assert all(u.source.id in words for u in usage)


def _headers(width: int) -> list[str]:
    ledger = LEDGERS[0]
    columns, _ = choose_layout(width, claims_layouts(list(ledger.claims), Index(ledger=ledger)))
    return [c.header for c in columns]


def test_the_layout_changes_with_the_width() -> None:
    assert _headers(200) == ["id", "claim", "value", "confidence", "status", "source"]
    assert _headers(80) == ["id\nclaim", "value", "confidence\nstatus\nsource"]
    assert _headers(50) == ["claim"]


def _column(header: str, *cells: str, **options: Any) -> Column:
    return dataclasses.replace(Column(header, [Text(c) for c in cells]), **options)


def test_fit_gives_the_flexible_column_what_is_left() -> None:
    columns: Sequence[Column] = [
        _column("id", "abc"),
        _column("text", "x" * 100, flexible=True, min_width=10),
        _column("v", "123456", cap=4),
    ]
    # 3 + 4 fixed, 2 gaps of 3: 30 - 13 = 17 for the text.
    assert fit(30, columns) == [3, 17, 4]
    assert fit(23, columns) == [3, 10, 4]
    assert fit(22, columns) is None
    short = [_column("id", "abc"), _column("text", "tiny", flexible=True, min_width=10)]
    assert fit(12, short) == [3, 4]  # never wider than its text, nor refused for it


def test_bars_are_drawn_in_eighths_of_a_cell() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(1, 16, 4) == "▎"  # a quarter of a cell: two eighths
    assert bar(0, 10, 4) == ""
    assert bar(3, 0, 4) == ""
    assert bar(1, 1000, 4) == "▏"  # a count above zero is never invisible
