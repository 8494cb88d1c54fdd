"""``claims queue`` and ``list --assignee/--priority``: the work a desk has to do."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from conftest import REPO, Cli, Write, make_claim

from claims_cli.model import Attribution, Checked, Evidence, Value
from claims_cli.query.queue import AgeError, parse_age, work_queue, worthiness

NEWSROOM = REPO / "docs" / "examples" / "newsroom.yaml"
TODAY = date(2026, 11, 28)

LEDGER = """\
version: 1
sources:
  - {id: s, title: A source}
claims:
  - id: contradicted
    claim: Refuted, but the evidence supports it.
    type: event
    attribution: {source: s}
    confidence: low
    status: refuted
    evidence: [{source: s, stance: supports}]
    explanation: Wrong way round.
    checked: {by: Dana, "on": "2026-11-01"}
  - id: bare-verdict
    claim: Supported with nothing behind it.
    type: event
    attribution: {source: s}
    confidence: low
    status: supported
    explanation: Trust us.
    checked: {by: Dana, "on": "2026-11-01"}
  - id: open-figure
    claim: Exports reached 5 million tonnes.
    type: statistic
    value: {amount: 5000000, unit: t}
    attribution: {source: s, claimant: Ministry, claimant_type: government}
    confidence: very-low
  - id: open-plain
    claim: Someone said something.
    type: statement
    attribution: {source: s, claimant: a caller, claimant_type: anonymous}
    confidence: high
  - id: old-check
    claim: Checked in 2025.
    type: event
    attribution: {source: s}
    confidence: high
    status: supported
    evidence: [{source: s, stance: supports}]
    explanation: Still true then.
    checked: {by: Eli, "on": "2025-01-10"}
  - id: urgent
    claim: The desk wants this first.
    type: event
    attribution: {source: s}
    confidence: high
    priority: high
    assignee: Eli
  - id: done
    claim: Recently checked, nothing to do.
    type: event
    attribution: {source: s}
    confidence: high
    status: supported
    evidence: [{source: s, stance: supports}]
    explanation: Fine.
    checked: {by: Eli, "on": "2026-11-20"}
"""


def test_the_queue_in_order(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEDGER)
    run = cli("queue", "-f", path)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        "  1. urgent  [not checked yet]  high · @Eli\n"
        "     The desk wants this first.\n"
        "  2. contradicted  [verdict contradicted by its evidence]\n"
        "     Refuted, but the evidence supports it.\n"
        "  3. bare-verdict  [verdict without evidence]\n"
        "     Supported with nothing behind it.\n"
        "  4. open-figure  [not checked yet]\n"
        "     Exports reached 5 million tonnes.\n"
        "  5. open-plain  [not checked yet]\n"
        "     Someone said something.\n"
        "  6. old-check  [checked long ago]\n"
        "     Checked in 2025.\n"
    )


def test_stale_assignee_and_json(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEDGER)
    run = cli("queue", "-f", path, "--stale", "2y", "--format", "json")
    assert [item["id"] for item in json.loads(run.stdout)] == [
        "urgent",
        "contradicted",
        "bare-verdict",
        "open-figure",
        "open-plain",
    ]
    mine = json.loads(cli("queue", "-f", path, "--assignee", "eli", "-F", "json").stdout)
    assert mine == [
        {
            "id": "urgent",
            "reasons": ["unverified"],
            "worthiness": 1,  # high confidence: little doubt
            "status": "unverified",
            "priority": "high",
            "assignee": "Eli",
            "claim": "The desk wants this first.",
        }
    ]
    bad = cli("queue", "-f", path, "--stale", "3 months")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "claims: --stale: '3 months' is not an age: write a number and d, w, m or y "
        "(90d, 6m, 1y)\n",
    )


def test_list_filters_on_assignee_and_priority(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEDGER)
    assert cli("list", "-f", path, "--assignee", "ELI", "-F", "ids").stdout == "urgent\n"
    assert cli("list", "-f", path, "--priority", "high", "-F", "ids").stdout == "urgent\n"
    assert cli("list", "-f", path, "--priority", "low", "-F", "ids").stdout == ""
    bad = cli("list", "-f", path, "--priority", "urgent")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "claims: --priority: unknown value 'urgent' (choose from high, medium, low)\n"
    )


def test_the_newsroom_queue(cli: Cli) -> None:
    run = cli("queue", "-f", NEWSROOM, "-n", "2")
    assert run.lines == [
        "  1. schools-budget-cut  [not checked yet]  high · @B. Reviewer",
        "     The schools maintenance budget was cut this year.",
        "  2. bridge-cost-40m  [checked long ago]",
        "     The harbour bridge will cost about $40 million.",
    ]


def test_worthiness_weighs_a_figure_the_claimant_and_doubt() -> None:
    plain = make_claim("a", confidence="very-high")
    assert worthiness(plain) == 0
    figure = make_claim(
        "b",
        confidence="very-low",
        value=Value(amount=5, unit="t"),
        attribution=Attribution(source="s", claimant="Ministry", claimant_type="government"),
    )
    assert worthiness(figure) == 3 + 2 + 4


def test_a_check_is_stale_after_the_limit() -> None:
    checked = make_claim(
        "c",
        status="supported",
        evidence=(Evidence(source="s", stance="supports"),),
        checked=Checked(on=(TODAY - timedelta(days=91)).isoformat()),
    )
    assert [i.reasons for i in work_queue([checked], today=TODAY, stale=parse_age("90d"))] == [
        ("stale",)
    ]
    assert work_queue([checked], today=TODAY, stale=parse_age("13w")) == []


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("2w", 14), ("6m", 180), ("1y", 365)])
def test_ages(text: str, days: int) -> None:
    assert parse_age(text) == timedelta(days=days)
    with pytest.raises(AgeError):
        parse_age("-1d")
