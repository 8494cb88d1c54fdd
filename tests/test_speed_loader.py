"""The fast reading of clean files agrees with the builder that knows every rule.

:func:`claims_cli.read.yaml_events.parse_text` reads a clean file with a
tight loop and leaves anything else to the full builder. These tests hold the
two to the same data, diagnostics and errors, and check that the fast loop is
really taken for the files it is meant for.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_strategies import RAW_VALUES, hostile_ledgers, valid_ledgers

from claims_cli.read import yaml_events
from claims_cli.read.yaml_events import LoadError, parse_text


def _full_builder(text: str) -> tuple[str, Any, list[Any]]:
    try:
        builder = yaml_events._Builder(text, "f.yaml", None)
        data = builder.build()
    except LoadError as exc:
        return "error", exc.diagnostic, []
    return "data", data, builder.diagnostics


def _parsed(text: str) -> tuple[str, Any, list[Any]]:
    try:
        doc = parse_text(text, "f.yaml")
    except LoadError as exc:
        return "error", exc.diagnostic, []
    return "data", doc.data, doc.diagnostics


def _same(text: str) -> None:
    assert _parsed(text) == _full_builder(text)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(valid_ledgers)
def test_a_valid_ledger_takes_the_fast_loop_and_reads_the_same(text: str) -> None:
    assert yaml_events._read_clean(text) == _full_builder(text)[1]
    _same(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_ledgers())
def test_a_spoilt_ledger_reads_the_same(text: str) -> None:
    _same(text)


_PIECES = [
    *RAW_VALUES,
    "a",
    "b",
    "<<",
    "'<<'",
    "a: 1",
    "a: 2",
    "- x",
    "? a",
    ": b",
    "---",
    "...",
    "{a: 1, a: 2}",
    "[&x 1, *x]",
    '"\\t"',
    "'é'",
    "k\u202ey",
    "\n",
    "\n  ",
    "  ",
    ": ",
    "- ",
    "#c",
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_any_small_text_reads_the_same(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "x\n",
        "[1, 2]\n",
        "a: {b: [1, {c: d}]}\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "'<<': 1\n",
        "a: !!str 1\n",
        "a: &x 1\nb: *x\n",
        "a: 0777\n",
        "a: 1e400\n",
        'a: "\\e[31m"\n',
        "a: \u202eb\n",
        "--- 1\n--- 2\n",
        "[" * 70 + "]" * 70 + "\n",
        "a: [b\n",
        "a: '' \nb: ~\nc: null\nd: yes\ne: No\nf: 1_000\ng: .5\nh: 2022-05-30\n",
    ],
)
def test_each_rule_of_the_loader_reads_the_same(text: str) -> None:
    _same(text)
