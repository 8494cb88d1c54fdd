"""``claims conflicts`` and ``validate --conflicts``: claims of one thing that disagree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE, Cli, Write, make_claim

from claims_cli.query.conflicts import disagree, find_conflicts, read_value

LEDGER = """
version: 1
sources:
  - id: wire
    title: Wire story
  - id: ministry
    title: Ministry statement
claims:
  - id: range-125mi
    claim: The Ababil-2 has a range of 125 miles.
    type: statistic
    value: {amount: 125, unit: mi, metric: ababil-2-range}
    attribution: {source: wire, claimant: Government of Iran, locator: para 4}
    confidence: low
  - id: range-200km
    claim: The Ababil-2 flies about 200 km.
    type: statistic
    value: {amount: 200, unit: km, comparator: approx, metric: ababil-2-range}
    attribution: {source: ministry}
    confidence: medium
  - id: range-90km
    claim: The Ababil-2 flies 90 km at most.
    type: statistic
    value: {amount: 90, unit: km, comparator: lte, metric: ababil-2-range}
    attribution: {source: ministry, claimant: Defence ministry}
    confidence: high
"""


@pytest.fixture
def ledger(write: Write, in_tmp: Path) -> Path:
    write("claims.yaml", LEDGER)
    return Path("claims.yaml")


def _value(amount: float, unit: str = "USD", comparator: str = "eq", **more: object) -> object:
    from claims_cli.model import Value

    return Value(amount=amount, unit=unit, comparator=comparator, **more)  # type: ignore[arg-type]


def _disagree(a: object, b: object, tolerance: float = 0.05) -> bool:
    first = read_value(make_claim("a", value=a), tolerance=tolerance)
    second = read_value(make_claim("b", value=b), tolerance=tolerance)
    assert first is not None and second is not None
    return disagree(first, second, tolerance=tolerance)


def test_comparators_and_tolerance() -> None:
    over_121m = _value(121e6, comparator="gt")
    assert not _disagree(over_121m, _value(130e6))
    assert _disagree(over_121m, _value(100e6))
    assert not _disagree(over_121m, _value(118e6))  # within 5% of 121 million
    assert _disagree(over_121m, _value(118e6), tolerance=0.01)
    assert not _disagree(_value(100, "mi"), _value(161, "km"))  # the same distance
    assert _disagree(_value(100, "mi"), _value(140, "km"))
    assert not _disagree(_value(100, "USD"), _value(200, "EUR"))  # never converted
    assert not _disagree(_value(5, "USD", period="annual"), _value(9, "USD", period="2022"))
    assert _disagree(_value(5, "USD", period="annual"), _value(9, "USD", period="yearly"))
    assert not _disagree(_value(100, comparator="approx"), _value(109))  # 100 ± 5%, within 5%


def test_conflicts_side_by_side(cli: Cli, ledger: Path) -> None:
    result = cli("conflicts", "-f", ledger, columns=80)
    assert result.exit_code == 1
    assert result.stdout == (
        "metric 'ababil-2-range': 125 mi (≈ 201 km) conflicts with ≤ 90 km (≈ 56 mi)\n"
        "              range-125mi                        range-90km\n"
        "  claim       The Ababil-2 has a range of 125    The Ababil-2 flies 90 km at most.\n"
        "              miles.\n"
        "  value       125 mi (≈ 201 km)                  ≤ 90 km (≈ 56 mi)\n"
        "  source      wire, para 4                       ministry\n"
        "  claimant    Government of Iran                 Defence ministry\n"
        "  confidence  low                                high\n"
        "  at          claims.yaml:8                      claims.yaml:20\n"
        "\n"
        "metric 'ababil-2-range': ≈ 200 km (≈ 124 mi) conflicts with ≤ 90 km (≈ 56 mi)\n"
        "              range-200km                        range-90km\n"
        "  claim       The Ababil-2 flies about 200 km.   The Ababil-2 flies 90 km at most.\n"
        "  value       ≈ 200 km (≈ 124 mi)                ≤ 90 km (≈ 56 mi)\n"
        "  source      ministry                           ministry\n"
        "  claimant    —                                  Defence ministry\n"
        "  confidence  medium                             high\n"
        "  at          claims.yaml:14                     claims.yaml:20\n"
        "\n"
        "Found 2 conflicting pairs among 3 claims with a value (tolerance 5%).\n"
    )


def test_conflicts_as_json(cli: Cli, ledger: Path) -> None:
    result = cli("conflicts", "-f", ledger, "--format", "json")
    assert result.exit_code == 1
    [group] = json.loads(result.stdout)
    assert group["metric"] == "ababil-2-range" and group["certainty"] == "conflict"
    assert [c["id"] for c in group["claims"]] == ["range-125mi", "range-200km", "range-90km"]
    assert [c["line"] for c in group["claims"]] == [8, 14, 20]
    assert group["claims"][0]["stated"] == "125 mi (≈ 201 km)"
    assert group["pairs"] == [["range-125mi", "range-90km"], ["range-200km", "range-90km"]]


def test_tolerance_option(cli: Cli, ledger: Path) -> None:
    # 125 mi is 201.2 km: "about 200 km" agrees with it at 0.5%, not at 0.1%.
    loose = json.loads(cli("conflicts", "-f", ledger, "--tolerance", "0.5%", "-F", "json").stdout)
    assert ["range-125mi", "range-200km"] not in loose[0]["pairs"]
    strict = json.loads(cli("conflicts", "-f", ledger, "--tolerance", "0.1", "-F", "json").stdout)
    assert ["range-125mi", "range-200km"] in strict[0]["pairs"]
    bad = cli("conflicts", "-f", ledger, "--tolerance", "lots")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "claims: --tolerance: 'lots' is not a percentage from 0 up to 100 (say 5 or 2.5%)\n",
    )


def test_filters_narrow_what_is_compared(cli: Cli, ledger: Path) -> None:
    result = cli("conflicts", "-f", ledger, "--source", "ministry")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "Found 1 conflicting pair among 2 claims with a value (tolerance 5%)."
    )


def test_the_sample_ledger_has_no_conflict(cli: Cli) -> None:
    # Its three figures measure three things: a range, a two-year trade total
    # and an annual trade target (a pledge, not a measurement).
    result = cli("conflicts", "-f", SAMPLE)
    assert (result.exit_code, result.stdout) == (
        0,
        "No conflicts among 3 claims with a value (tolerance 5%).\n",
    )
    assert json.loads(cli("conflicts", "-f", SAMPLE, "-F", "json").stdout) == []


def test_validate_warns_at_both_claims(cli: Cli, ledger: Path) -> None:
    assert cli("validate", ledger).exit_code == 0
    result = cli("validate", "--conflicts", ledger)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{ledger}:11:12: W503 claims[0].value: 125 mi (≈ 201 km) conflicts with ≤ 90 km "
        f"(≈ 56 mi) in 'range-90km' ({ledger}:23) for metric 'ababil-2-range'",
        f"{ledger}:17:12: W503 claims[1].value: ≈ 200 km (≈ 124 mi) conflicts with ≤ 90 km "
        f"(≈ 56 mi) in 'range-90km' ({ledger}:23) for metric 'ababil-2-range'",
        f"{ledger}:23:12: W503 claims[2].value: ≤ 90 km (≈ 56 mi) conflicts with 125 mi "
        f"(≈ 201 km) in 'range-125mi' ({ledger}:11) for metric 'ababil-2-range'",
        f"{ledger}:23:12: W503 claims[2].value: ≤ 90 km (≈ 56 mi) conflicts with ≈ 200 km "
        f"(≈ 124 mi) in 'range-200km' ({ledger}:17) for metric 'ababil-2-range'",
        "Found 0 errors and 4 warnings in 1 file, 3 claims, 2 sources.",
    ]
    assert cli("validate", "--conflicts", "--strict", ledger).exit_code == 1


def test_possible_conflicts_need_a_shared_entity_and_tag() -> None:
    def claim(claim_id: str, amount: float, **fields: Any) -> object:
        return make_claim(
            claim_id,
            value=_value(amount),
            entities=fields.pop("entities", ("Tajikistan",)),
            tags=fields.pop("tags", ("trade",)),
            **fields,
        )

    claims = [
        claim("a", 121e6),
        claim("b", 300e6),
        claim("c", 900e6, tags=("aid",)),
        claim("d", 50e6, supersedes="a", entities=("tajikistan",)),
    ]
    groups = find_conflicts(claims)  # type: ignore[arg-type]
    assert [(g.certainty, [c.id for c in g.claims]) for g in groups] == [
        ("possible", ["a", "b", "d"])
    ]
    assert [(p.first.id, p.second.id) for p in groups[0].pairs] == [("a", "b"), ("b", "d")]
    assert groups[0].label == "no metric; same USD; entity Tajikistan; tag trade"


def test_periods_written_with_any_dash_or_to_are_one_period() -> None:
    usd = _value(121e6, period="2020–2021")  # en dash
    for period in ("2020-2021", "2020 - 2021", "2020 to 2021", "2020—2021", " 2020 –2021 "):
        assert _disagree(usd, _value(90e6, period=period)), period
    assert not _disagree(usd, _value(90e6, period="2021-2022"))


CURRENCIES = """
version: 1
sources:
  - id: wire
    title: Wire story
claims:
  - id: trade-usd
    claim: Trade came to $121 million.
    type: statistic
    value: {amount: 121000000, unit: USD, metric: trade-total, period: "2020–2021"}
    attribution: {source: wire}
    confidence: low
  - id: trade-eur
    claim: Trade came to €90 million.
    type: statistic
    value: {amount: 90000000, unit: EUR, metric: trade-total, period: 2020-2021}
    attribution: {source: wire}
    confidence: low
"""


def test_claims_of_one_metric_in_different_currencies_are_said_not_compared(
    cli: Cli, write: Write, in_tmp: Path
) -> None:
    write("claims.yaml", CURRENCIES)
    result = cli("conflicts", "-f", "claims.yaml", columns=80)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "metric 'trade-total': not compared: different currencies (USD, EUR)\n"
        "  trade-usd: $121 million (2020–2021) at claims.yaml:6\n"
        "  trade-eur: €90 million (2020-2021) at claims.yaml:12\n"
        "\n"
        "No conflicts among 2 claims with a value (tolerance 5%).\n"
    )
    as_json = cli("conflicts", "-f", "claims.yaml", "-F", "json")
    assert as_json.exit_code == 0
    [note] = json.loads(as_json.stdout)
    assert note["metric"] == "trade-total" and note["certainty"] is None
    assert note["not_compared"] == "different currencies: USD, EUR"
    assert [c["id"] for c in note["claims"]] == ["trade-usd", "trade-eur"]
    assert [c["line"] for c in note["claims"]] == [6, 12]
    assert note["pairs"] == []
