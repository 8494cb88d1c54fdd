"""``claims sources`` and ``claims stats``: counts people and scripts can read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml
from conftest import SAMPLE, Cli, make_claim
from lookup_support import DATED

from claims_cli.model import Evidence, Source
from claims_cli.query.stats import count_claims
from claims_cli.query.usage import source_usage


def test_which_source_carries_most_claims(cli: Cli) -> None:
    result = cli("sources", "-f", DATED, "--format", "tsv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert [(r["id"], r["claims"], r["as_attribution"], r["as_evidence"]) for r in rows] == [
        ("wire-report", "6", "5", "1"),
        ("ministry-release", "5", "1", "5"),
        ("ngo-brief", "3", "3", "0"),
        ("customs-2023", "2", "1", "1"),
    ]
    top = cli("sources", "-f", DATED, "--limit", "1", "--format", "ids")
    assert top.stdout == "wire-report\n"


def test_sources_of_the_sample(cli: Cli) -> None:
    data = json.loads(cli("sources", "-f", SAMPLE, "--format", "json").stdout)
    assert data == [
        {
            "id": "seed-article",
            "title": "Iran boosts ties with Tajikistan (news analysis)",
            "accessed": "2026-11-01",
            "kind": "news",
            "reliability": "F",
            "as_attribution": 45,
            "as_evidence": 0,
            "claims": 45,
        }
    ]


def test_sources_table_shows_kind_reliability_date_and_counts(cli: Cli) -> None:
    wide = cli("sources", "-f", DATED, "-F", "table", columns=160).stdout
    header, _rule, first, *_ = wide.splitlines()
    assert header.split() == [
        "id",
        "title",
        "kind",
        "reliability",
        "published",
        "claims",
        "attribution",
        "evidence",
    ]
    assert first.split() == [
        "wire-report",
        "Trade",
        "fair",
        "opens",
        "in",
        "Dušanbe",
        "news",
        "C",
        "2022-06",
        "6",
        "5",
        "1",
    ]
    narrow = cli("sources", "-f", DATED, "-F", "table", columns=80).stdout
    assert all(len(line) <= 80 for line in narrow.splitlines())
    for source_id in ("wire-report", "ministry-release", "ngo-brief", "customs-2023"):
        assert source_id in narrow.split()


def test_sources_in_every_format(cli: Cli) -> None:
    for fmt in ("csv", "jsonl", "yaml", "ids"):
        result = cli("sources", "-f", DATED, "--format", fmt)
        assert result.exit_code == 0 and "\x1b" not in result.stdout
    records = yaml.safe_load(cli("sources", "-f", DATED, "-F", "yaml").stdout)
    assert records[0]["title"] == "Trade fair opens in Dušanbe"
    assert records[0]["claims"] == 6
    lines = cli("sources", "-f", DATED, "-F", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines][-1] == "customs-2023"


def test_source_usage_counts_a_claim_once_per_source(tmp_path: Path) -> None:
    both = make_claim(
        "c",
        source="a",
        evidence=(Evidence(source="a", stance="supports"), Evidence(source="a", stance="context")),
    )
    usage = source_usage(
        [Source(id="a", title="A"), Source(id="b", title="B"), Source(id="a", title="dup")],
        [both],
    )
    assert [(u.source.title, u.claims, u.as_attribution, u.as_evidence) for u in usage] == [
        ("A", 1, 1, 1),
        ("B", 0, 0, 0),
    ]


def test_stats_json_counts_every_axis(cli: Cli) -> None:
    result = cli("stats", "-f", DATED, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["claims"] == 10
    assert data["by_status"] == {
        "unverified": 5,
        "supported": 3,
        "partly-supported": 1,
        "disputed": 1,
        "refuted": 0,
        "misleading": 0,
        "unverifiable": 0,
    }
    assert data["by_confidence"] == {
        "very-low": 2,
        "low": 1,
        "medium": 4,
        "high": 2,
        "very-high": 1,
    }
    assert data["by_type"] == {
        "statistic": 2,
        "event": 5,
        "statement": 1,
        "assessment": 0,
        "forecast": 2,
    }
    assert list(data["by_tag"].items())[:2] == [("trade", 6), ("drones", 2)]
    assert data["by_source"] == {
        "wire-report": 5,
        "ngo-brief": 3,
        "customs-2023": 1,
        "ministry-release": 1,
    }


def test_stats_takes_the_list_filters(cli: Cli) -> None:
    data = json.loads(
        cli("stats", "-f", DATED, "-t", "trade", "--since", "2022", "-F", "json").stdout
    )
    assert data["claims"] == 4
    assert sum(data["by_status"].values()) == 4
    sample = json.loads(
        cli("stats", "-f", SAMPLE, "--claimant-type", "government", "-F", "json").stdout
    )
    assert sample["claims"] == 2
    assert sample["by_confidence"]["low"] == 1


def test_stats_chart_draws_bars_scaled_to_the_claims_counted(cli: Cli) -> None:
    result = cli("stats", "-f", SAMPLE, columns=80)
    assert result.exit_code == 0
    text = result.stdout
    assert text.splitlines()[0] == "45 claims"
    for title in ("by status", "by confidence", "by type", "by tag", "by source (attribution)"):
        assert title in text
    unverified = next(line for line in text.splitlines() if line.startswith("unverified"))
    assert unverified.split()[-2:] == ["45", "100%"]
    assert "█" * 40 in unverified
    refuted = next(line for line in text.splitlines() if line.startswith("refuted"))
    assert "█" not in refuted and refuted.split()[-2:] == ["0", "0%"]
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\x1b" not in text
    filtered = cli("stats", "-f", SAMPLE, "-t", "trade").stdout
    assert filtered.splitlines()[0] == "3 claims (of 45)"


def test_stats_with_no_match(cli: Cli) -> None:
    result = cli("stats", "-f", DATED, "-t", "nothing")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("claims: no claims match")
    data = json.loads(cli("stats", "-f", DATED, "-t", "nothing", "-F", "json").stdout)
    assert data["claims"] == 0 and data["by_tag"] == {} and data["by_status"]["unverified"] == 0


def test_count_claims_counts_a_repeated_tag_once() -> None:
    claim = make_claim("c", tags=("x", "x"))
    assert count_claims([claim]).by_tag == {"x": 1}


def test_sources_limit_zero_prints_nothing_and_does_not_claim_the_ledger_is_empty(cli: Cli) -> None:
    result = cli("sources", "-f", SAMPLE, "--limit", "0", "--format", "ids")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no sources" not in result.stderr


def test_stats_chart_draws_the_twenty_most_frequent_tags_and_says_how_many_are_left(
    cli: Cli, tmp_path: Path
) -> None:
    claims = "".join(
        f"  - id: c{n}\n    claim: Claim {n}.\n    type: event\n"
        f"    attribution: {{source: s}}\n    confidence: low\n"
        f"    tags: [{', '.join(f'tag-{t:02}' for t in range(n + 1))}]\n"
        for n in range(23)
    )
    path = tmp_path / "claims.yaml"
    path.write_text(f"version: 1\nsources:\n  - id: s\n    title: S\nclaims:\n{claims}", "utf-8")
    chart = cli("stats", "-f", path, columns=80).stdout
    tags = chart.split("by tag\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in tags[:20]] == [f"tag-{t:02}" for t in range(20)]
    assert tags[20:] == ["and 3 more tags (--format json lists every one)"]
    data = json.loads(cli("stats", "-f", path, "-F", "json").stdout)
    assert len(data["by_tag"]) == 23
