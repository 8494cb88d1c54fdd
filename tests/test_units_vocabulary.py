"""The unit vocabulary: codes and symbols pass, other spellings are E501 with the near miss,
counted things stay free, and one metric keeps one dimension (E502)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, Cli, Write

from claims_cli.text.units import CURRENCIES, convert, near_miss, symbols, unit_of

LEDGER = """
version: 1
sources:
  - id: s
    title: S
claims:
  - id: a
    claim: A.
    type: statistic
    value: {amount: 5, unit: usd}
    attribution: {source: s}
    confidence: low
  - id: b
    claim: B.
    type: statistic
    value: {amount: 5, unit: kilometres}
    attribution: {source: s}
    confidence: low
  - id: c
    claim: C.
    type: statistic
    value: {amount: 5, unit: pounds}
    attribution: {source: s}
    confidence: low
  - id: d
    claim: D.
    type: statistic
    value: {amount: 5, unit: drones}
    attribution: {source: s}
    confidence: low
  - id: e
    claim: E.
    type: statistic
    value: {amount: 125, unit: km, metric: range}
    attribution: {source: s}
    confidence: low
  - id: f
    claim: F.
    type: statistic
    value: {amount: 90, unit: kg, metric: range}
    attribution: {source: s}
    confidence: low
  - id: g
    claim: G.
    type: statistic
    value: {amount: 78, unit: mi, metric: range}
    attribution: {source: s}
    confidence: low
"""


def test_units_of_another_spelling_and_of_another_dimension(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEDGER)
    result = cli("validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:9:30: E501 claims[0].value.unit: 'usd' is not a unit; did you mean 'USD'?",
        f"{path}:15:30: E501 claims[1].value.unit: 'kilometres' is not a unit; did you mean 'km'?",
        f"{path}:21:30: E501 claims[2].value.unit: 'pounds' is not a unit; "
        "did you mean 'lb' or 'GBP'?",
        f"{path}:39:31: E502 claims[5].value.unit: 'kg' is a mass, but metric 'range' is a "
        f"length in 'e' ({path}:33, 'km')",
        "Found 4 errors and 0 warnings in 1 file, 7 claims, 1 source.",
    ]


def test_the_sample_ledger_keeps_validating(cli: Cli) -> None:
    assert cli("validate", SAMPLE).stdout == "No problems: 1 file, 45 claims, 1 source.\n"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("usd", ("USD",)),
        ("dollars", ("USD",)),
        ("US$", ("USD",)),
        ("kilometres", ("km",)),
        ("Kilometers", ("km",)),
        ("KM", ("km",)),
        ("km²", ("km2",)),
        ("per cent", ("%",)),
        ("miles", ("mi",)),
        ("pounds", ("lb", "GBP")),
        ("دلار", ("USD",)),
    ],
)
def test_near_misses(written: str, meant: tuple[str, ...]) -> None:
    assert near_miss(written) == meant


@pytest.mark.parametrize(
    "free", ["USD", "TJS", "km", "mi", "%", "people", "drones", "layers", "barrels", "cup", "all"]
)
def test_codes_symbols_and_counted_things_are_not_misses(free: str) -> None:
    assert near_miss(free) == ()


def test_dimensions_and_conversion() -> None:
    assert unit_of("mi").dimension == "length"
    assert unit_of("USD").dimension == "currency"
    assert unit_of("drones").dimension == "count"
    assert unit_of("drones").comparable(unit_of("Drone"))
    assert not unit_of("USD").comparable(unit_of("EUR"))
    assert convert(125, "mi", "km") == pytest.approx(201.168)
    assert convert(1, "kWh", "MJ") == pytest.approx(3.6)
    assert convert(1, "km", "kg") is None
    assert convert(5, "drones", "drone") == 5
    assert "TJS" in CURRENCIES and "usd" not in CURRENCIES
    assert symbols("length")[:2] == ("m", "km")


def test_list_by_unit_and_metric(cli: Cli) -> None:
    assert cli("list", "-f", SAMPLE, "--unit", "USD", "--format", "ids").lines == [
        "trade-121m",
        "trade-target-500m",
    ]
    # Another spelling finds the unit it means.
    assert cli("list", "-f", SAMPLE, "--unit", "miles", "--format", "ids").lines == [
        "ababil2-range-125mi"
    ]
    assert cli("list", "-f", SAMPLE, "--metric", "iran-tajikistan-trade", "-F", "ids").lines == [
        "trade-121m"
    ]
    missed = cli("list", "-f", SAMPLE, "--metric", "iran-tajikistan-trad", "-F", "ids")
    assert missed.stderr == (
        "claims: no claims match (no metric 'iran-tajikistan-trad' in the ledger; "
        "did you mean 'iran-tajikistan-trade'?)\n"
    )


def test_stats_groups_figures_by_metric(cli: Cli) -> None:
    import json

    data = json.loads(cli("stats", "-f", SAMPLE, "-F", "json").stdout)
    assert data["by_metric"] == {
        "ababil-2-range": 1,
        "iran-tajikistan-trade": 1,
        "iran-tajikistan-trade-target": 1,
    }
    assert data["figures"]["ababil-2-range"] == {"claims": 1, "unit": "mi", "min": 125, "max": 125}
    chart = cli("stats", "-f", SAMPLE, "-t", "trade").stdout
    assert chart.split("by metric\n")[1].splitlines()[0].split()[0] == "iran-tajikistan-trade"
