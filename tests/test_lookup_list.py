"""``claims list``: options, formats, exit codes and messages, as a user sees them."""

from __future__ import annotations

import csv
import inspect
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from lookup_support import BROKEN, DATED, FIXTURES, SAMPLE, WARNINGS, invoke

from claims_cli.cli.commands.lookup import list_claims, stats
from claims_cli.cli.options import FILTER_PARAMETERS
from claims_cli.model import CLAIM_TYPES, CLAIMANT_TYPES, CONFIDENCE_LEVELS, STATUSES
from claims_cli.render.records import FLAT_COLUMNS


def listed(*args: object, path: object = DATED) -> list[str]:
    result = invoke(["list", "-f", path, "--format", "ids", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


# --- Done when: each question answered by one command ----------------------


def test_all_low_confidence_claims_made_by_governments() -> None:
    result = invoke(
        ["list", "-f", SAMPLE, "--claimant-type", "government", "--max-confidence", "low"]
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert [(r["id"], r["attribution_claimant"], r["confidence"]) for r in rows] == [
        ("ababil2-range-125mi", "Government of Iran", "low")
    ]


def test_everything_about_trade_since_2022_as_csv() -> None:
    result = invoke(["list", "-f", DATED, "-t", "trade", "--since", "2022", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"id,claim,type,") and b"\r\n" in result.stdout_bytes
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["date"]) for r in rows] == [
        ("trade-2022-total", "2022"),
        ("trade-2023-h1", "2023-06"),
        ("trade-fair-2022", "2022-06-01"),
        ("ministry-report-fr", "2022-11-30"),
    ]
    assert all("trade" in r["tags"].split("; ") for r in rows)


def test_trade_since_2022_on_the_undated_sample_is_a_header_and_a_message() -> None:
    result = invoke(["list", "-f", SAMPLE, "-t", "trade", "--since", "2022", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == ",".join(FLAT_COLUMNS) + "\n"
    assert result.stderr == "claims: no claims match\n"


def test_search_125_finds_the_range_claim() -> None:
    assert listed("-q", "125", path=SAMPLE) == ["ababil2-range-125mi"]


# --- Filters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-t", "drones"], ["drone-exports-2021", "drone-exports-2021-revised"]),
        (
            ["--tag", "events", "--tag", "reports"],
            ["trade-fair-2022", "tokyo-delegation", "ministry-report-fr"],
        ),
        (["-s", "customs-2023"], ["trade-2022-total", "trade-2023-h1"]),
        (["-e", "DUSANBE", "--type", "event"], ["trade-fair-2022", "tokyo-delegation"]),
        (["--type", "forecast"], ["trade-2021-forecast", "border-closure-rumour"]),
        (["--status", "supported"], ["trade-2022-total", "trade-fair-2022", "ministry-report-fr"]),
        (["--claimant", "drone watch"], ["drone-exports-2021", "drone-exports-2021-revised"]),
        (["--claimant-type", "anonymous"], ["trade-routes-seasonal"]),
        (
            ["--min-confidence", "high"],
            ["trade-2022-total", "trade-fair-2022", "ministry-report-fr"],
        ),
        (["--max-confidence", "very-low"], ["trade-routes-seasonal", "border-closure-rumour"]),
        (["--since", "2023"], ["trade-2023-h1"]),
        (["--until", "2021-11"], ["drone-exports-2021", "drone-exports-2021-revised"]),
        (["-q", "rahmon"], ["trade-2023-h1"]),
        (["--search", "Échanges"], ["ministry-report-fr"]),
    ],
)
def test_each_filter(args: list[str], expected: list[str]) -> None:
    assert listed(*args) == expected


def test_sort_reverse_and_limit() -> None:
    assert listed("--sort", "date", "--limit", "3") == [
        "drone-exports-2021",
        "drone-exports-2021-revised",
        "trade-2021-forecast",
    ]
    assert listed("--sort", "date", "-r", "-n", "2") == ["trade-2023-h1", "ministry-report-fr"]
    assert listed("--sort", "date", "-r")[-2:] == [
        "border-closure-rumour",
        "trade-routes-seasonal",
    ]
    assert listed("--sort", "confidence", "-r", "-n", "1") == ["trade-fair-2022"]
    assert listed("--sort", "source", "-n", "1") == ["trade-2022-total"]
    assert listed("--sort", "id", "-n", "1") == ["border-closure-rumour"]
    assert listed("--sort", "status", "-r", "-n", "1") == ["drone-exports-2021"]


# --- Formats ---------------------------------------------------------------


def test_piped_default_is_tsv_with_a_header_and_no_ansi() -> None:
    result = invoke(["list", "-f", DATED, "-t", "drones"])
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == list(FLAT_COLUMNS)
    assert [r.split("\t")[0] for r in rows] == ["drone-exports-2021", "drone-exports-2021-revised"]
    assert "\x1b" not in result.stdout
    assert invoke(["list", "-f", DATED, "-t", "drones", "-F", "tsv"]).stdout == result.stdout


def test_json_is_an_array_of_file_shaped_claims_with_their_source() -> None:
    result = invoke(["list", "-f", DATED, "-q", "rahmon", "--format", "json"])
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    claim = data[0]
    assert claim["id"] == "trade-2023-h1"
    assert claim["attribution"] == {
        "source": "wire-report",
        "claimant": "Davlat Rahmón",
        "claimant_type": "person",
        "locator": "para 5",
    }
    assert claim["value"] == {"amount": 12, "unit": "percent", "comparator": "approx"}
    assert claim["source"]["title"] == "Trade fair opens in Dušanbe"
    assert "Rahmón" in result.stdout  # not escaped as \u00f3


def test_jsonl_is_one_compact_object_per_line() -> None:
    result = invoke(["list", "-f", DATED, "-t", "trade", "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == listed("-t", "trade")
    assert all(r["source"]["id"] == r["attribution"]["source"] for r in records)


def test_yaml_is_the_claims_as_in_the_file() -> None:
    result = invoke(["list", "-f", DATED, "-t", "drones", "--format", "yaml"])
    data = yaml.safe_load(result.stdout)
    assert [c["id"] for c in data] == ["drone-exports-2021", "drone-exports-2021-revised"]
    assert list(data[1]) == [
        "id",
        "claim",
        "type",
        "attribution",
        "confidence",
        "date",
        "tags",
        "status",
        "supersedes",
        "checked",
    ]
    assert data[1]["date"] == "2021-11"
    assert "source" not in data[0]  # file-shaped: the source stays a reference
    assert "東京" in invoke(["list", "-f", DATED, "-q", "東京", "-F", "yaml"]).stdout


def test_values_read_as_people_write_them_in_the_table() -> None:
    result = invoke(
        ["list", "-f", SAMPLE, "-t", "trade", "-q", "million", "-F", "table"], columns=120
    )
    assert "> $121 million" in result.stdout
    assert "$500 million / year" in result.stdout
    table = invoke(["list", "-f", SAMPLE, "-q", "125", "-F", "table"]).stdout
    assert "125 mi (≈ 201 km)" in table


def test_table_format_names_every_field() -> None:
    result = invoke(["list", "-f", DATED, "-F", "table"], columns=200)
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "claim", "value", "confidence", "status", "source"]
    assert "10 claims" in result.stdout
    filtered = invoke(["list", "-f", DATED, "-t", "drones", "-F", "table"], columns=200)
    assert "2 of 10 claims" in filtered.stdout


def test_machine_formats_keep_their_shape_when_nothing_matches() -> None:
    for fmt, expected in [
        ("json", "[]\n"),
        ("jsonl", ""),
        ("ids", ""),
        ("yaml", "[]\n"),
        ("table", ""),
    ]:
        result = invoke(["list", "-f", DATED, "-t", "nothing-here", "--format", fmt])
        assert result.exit_code == 0
        assert result.stdout == expected, fmt
        assert result.stderr.startswith("claims: no claims match")


def test_limit_zero_prints_nothing_and_says_nothing() -> None:
    result = invoke(["list", "-f", DATED, "--limit", "0", "--format", "ids"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_no_match_names_a_tag_or_source_the_ledger_lacks() -> None:
    result = invoke(["list", "-f", SAMPLE, "-t", "tarde"])
    assert result.stderr == (
        "claims: no claims match (no tag 'tarde' in the ledger; did you mean 'trade'?)\n"
    )
    result = invoke(["list", "-f", DATED, "-s", "customs"])
    assert "no source 'customs' in the ledger" in result.stderr


# --- Exit codes and errors -----------------------------------------------


def test_invalid_ledger_exits_1_with_errors_at_file_and_line() -> None:
    result = invoke(["list", "-f", BROKEN])
    assert result.exit_code == 1
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors[0].endswith(
        "broken.yaml:17:9: E301 claims[1].id: duplicate claim id "
        "'same-id' (first defined at " + errors[0].split(":")[0] + ":10)"
    )
    assert "broken.yaml:28:15: E302" in errors[1]
    assert errors[-1].startswith("claims: the claim files have 2 errors")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["sources"], ["stats"]])
def test_every_look_up_refuses_an_invalid_ledger(command: list[str]) -> None:
    result = invoke([*command, "-f", BROKEN])
    assert result.exit_code == 1
    assert "E302" in result.stderr


def test_warnings_do_not_block_a_look_up() -> None:
    result = invoke(["list", "-f", WARNINGS, "--format", "ids"])
    assert result.exit_code == 0
    assert result.stdout == "isolate-in-notes\n"
    assert result.stderr == ""


def test_a_directory_and_repeated_files_make_one_ledger(tmp_path: object) -> None:
    both = invoke(["list", "-f", DATED, "-f", SAMPLE, "--format", "ids"]).stdout.splitlines()
    assert len(both) == 10 + len(listed(path=SAMPLE))
    result = invoke(["list", "-f", FIXTURES, "--format", "ids"])
    assert result.exit_code == 1  # the directory holds the broken fixture too


def test_missing_file_is_a_usage_error() -> None:
    result = invoke(["list", "-f", "no-such.yaml"])
    assert result.exit_code == 2
    assert "no such file or directory: 'no-such.yaml'" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [
        ("--status", "proven", STATUSES),
        ("--type", "rumour", CLAIM_TYPES),
        ("--min-confidence", "sure", CONFIDENCE_LEVELS),
        ("--max-confidence", "Low", CONFIDENCE_LEVELS),
        ("--claimant-type", "state", CLAIMANT_TYPES),
    ],
)
def test_unknown_filter_choice_exits_2_listing_the_valid_values(
    option: str, value: str, valid: tuple[str, ...]
) -> None:
    result = invoke(["list", "-f", DATED, option, value])
    assert result.exit_code == 2
    assert result.stderr == (
        f"claims: {option}: unknown value '{value}' (choose from {', '.join(valid)})\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "listed_values"),
    [
        (["--sort", "title"], "'id', 'date', 'confidence', 'status', 'source'"),
        (["--format", "xml"], "'table', 'json', 'jsonl', 'csv', 'tsv', 'yaml', 'ids'"),
    ],
)
def test_unknown_sort_or_format_exits_2_listing_the_valid_values(
    args: list[str], listed_values: str
) -> None:
    result = invoke(["list", "-f", DATED, *args], columns=400)
    assert result.exit_code == 2
    assert f"'{args[1]}' is not one of {listed_values}" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_bad_date_exits_2_saying_what_a_date_is(option: str) -> None:
    result = invoke(["list", "-f", DATED, option, "2022-13"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"claims: {option}: '2022-13' is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )


def test_contradictory_confidence_bounds_exit_2() -> None:
    result = invoke(["list", "-f", DATED, "--min-confidence", "high", "--max-confidence", "low"])
    assert result.exit_code == 2
    assert "above --max-confidence low" in result.stderr


def test_negative_limit_is_a_usage_error() -> None:
    result = invoke(["list", "-f", DATED, "--limit", "-1"], columns=400)
    assert result.exit_code == 2


@pytest.mark.parametrize("command", [list_claims, stats])
def test_every_filter_option_reaches_the_filter(command: Callable[..., None]) -> None:
    # filter_from reads the options back by name: a misnamed one would not filter.
    assert set(FILTER_PARAMETERS) <= set(inspect.signature(command).parameters)


def test_jsonl_keeps_each_record_on_one_line(tmp_path: Path) -> None:
    ledger = tmp_path / "claims.yaml"
    ledger.write_text(
        "version: 1\n"
        "sources: [{id: s, title: S}]\n"
        "claims:\n"
        '  - {id: c, claim: "one\\u2028two\\u0085three", type: event,\n'
        "     attribution: {source: s}, confidence: low}\n",
        encoding="utf-8",
    )
    result = invoke(["list", "-f", ledger, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["claim"] == "one\u2028two\x85three"
    assert json.loads(invoke(["list", "-f", ledger, "-F", "json"]).stdout)[0]["claim"] == (
        "one\u2028two\x85three"
    )
