"""``claims list``: options, formats, exit codes and messages, as a user sees them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Protocol

import pytest
import typer
import yaml
from conftest import SAMPLE, Cli, Write, assert_refused
from lookup_support import BROKEN, DATED, FIXTURES, WARNINGS
from typer.core import TyperGroup

from claims_cli.cli import app
from claims_cli.cli.options import FLAGS, SORT_KEYS
from claims_cli.model import CLAIM_TYPES, CLAIMANT_TYPES, CONFIDENCE_LEVELS, STATUSES
from claims_cli.query.filters import Filter
from claims_cli.render.data import FLAT_COLUMNS
from claims_cli.render.registry import LIST_FORMATS


class Listed(Protocol):
    def __call__(self, *args: object, path: object = ...) -> list[str]: ...


@pytest.fixture
def listed(cli: Cli) -> Listed:
    """``listed(*options, path=DATED)``: the ids ``claims list`` prints."""

    def run(*args: object, path: object = DATED) -> list[str]:
        result = cli("list", "-f", path, "--format", "ids", *args)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    return run


# --- Done when: each question answered by one command ----------------------


def test_all_low_confidence_claims_made_by_governments(cli: Cli) -> None:
    result = cli("list", "-f", SAMPLE, "--claimant-type", "government", "--max-confidence", "low")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert [(r["id"], r["attribution_claimant"], r["confidence"]) for r in rows] == [
        ("ababil2-range-125mi", "Government of Iran", "low")
    ]


def test_everything_about_trade_since_2022_as_csv(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "-t", "trade", "--since", "2022", "--format", "csv")
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


def test_trade_since_2022_on_the_undated_sample_is_a_header_and_a_message(cli: Cli) -> None:
    result = cli("list", "-f", SAMPLE, "-t", "trade", "--since", "2022", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == ",".join(FLAT_COLUMNS) + "\n"
    assert result.stderr == "claims: no claims match\n"


def test_search_125_finds_the_range_claim(listed: Listed) -> None:
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
def test_each_filter(args: list[str], expected: list[str], listed: Listed) -> None:
    assert listed(*args) == expected


def test_sort_reverse_and_limit(listed: Listed) -> None:
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


def test_piped_default_is_tsv_with_a_header_and_no_ansi(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "-t", "drones")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == list(FLAT_COLUMNS)
    assert [r.split("\t")[0] for r in rows] == ["drone-exports-2021", "drone-exports-2021-revised"]
    assert "\x1b" not in result.stdout
    assert cli("list", "-f", DATED, "-t", "drones", "-F", "tsv").stdout == result.stdout


def test_json_is_an_array_of_file_shaped_claims_with_their_source(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "-q", "rahmon", "--format", "json")
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


def test_jsonl_is_one_compact_object_per_line(cli: Cli, listed: Listed) -> None:
    result = cli("list", "-f", DATED, "-t", "trade", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == listed("-t", "trade")
    assert all(r["source"]["id"] == r["attribution"]["source"] for r in records)


def test_yaml_is_the_claims_as_in_the_file(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "-t", "drones", "--format", "yaml")
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
    assert "東京" in cli("list", "-f", DATED, "-q", "東京", "-F", "yaml").stdout


def test_values_read_as_people_write_them_in_the_table(cli: Cli) -> None:
    result = cli("list", "-f", SAMPLE, "-t", "trade", "-q", "million", "-F", "table", columns=120)
    assert "> $121 million" in result.stdout
    assert "$500 million / year" in result.stdout
    table = cli("list", "-f", SAMPLE, "-q", "125", "-F", "table").stdout
    assert "125 mi (≈ 201 km)" in table


def test_table_format_names_every_field(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "-F", "table", columns=200)
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "claim", "value", "confidence", "status", "source"]
    assert "10 claims" in result.stdout
    filtered = cli("list", "-f", DATED, "-t", "drones", "-F", "table", columns=200)
    assert "2 of 10 claims" in filtered.stdout


def test_machine_formats_keep_their_shape_when_nothing_matches(cli: Cli) -> None:
    for fmt, expected in [
        ("json", "[]\n"),
        ("jsonl", ""),
        ("ids", ""),
        ("yaml", "[]\n"),
        ("table", ""),
    ]:
        result = cli("list", "-f", DATED, "-t", "nothing-here", "--format", fmt)
        assert result.exit_code == 0
        assert result.stdout == expected, fmt
        assert result.stderr.startswith("claims: no claims match")


def test_limit_zero_prints_nothing_and_says_nothing(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "--limit", "0", "--format", "ids")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_no_match_names_a_tag_or_source_the_ledger_lacks(cli: Cli) -> None:
    result = cli("list", "-f", SAMPLE, "-t", "tarde")
    assert result.stderr == (
        "claims: no claims match (no tag 'tarde' in the ledger; did you mean 'trade'?)\n"
    )
    result = cli("list", "-f", DATED, "-s", "customs")
    assert "no source 'customs' in the ledger" in result.stderr


# --- Exit codes and errors -----------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["sources"], ["stats"]])
def test_every_look_up_refuses_an_invalid_ledger_with_its_errors(
    command: list[str], cli: Cli
) -> None:
    result = cli(*command, "-f", BROKEN)
    errors = [
        f"{BROKEN}:17:9: E301 claims[1].id: duplicate claim id 'same-id' "
        f"(first defined at {BROKEN}:10)",
        f"{BROKEN}:28:15: E302 claims[2].attribution.source: no source 'no-such-source'",
    ]
    assert_refused(result, command, errors)


def test_warnings_do_not_block_a_look_up(cli: Cli) -> None:
    result = cli("list", "-f", WARNINGS, "--format", "ids")
    assert result.exit_code == 0
    assert result.stdout == "isolate-in-notes\n"
    assert result.stderr == ""


def test_a_directory_and_repeated_files_make_one_ledger(
    tmp_path: object, cli: Cli, listed: Listed
) -> None:
    both = cli("list", "-f", DATED, "-f", SAMPLE, "--format", "ids").stdout.splitlines()
    assert len(both) == 10 + len(listed(path=SAMPLE))
    # The directory holds the broken fixture too, and a second file defining its source.
    result = cli("list", "-f", FIXTURES, "--format", "ids")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{BROKEN}:17:9: E301 claims[1].id: duplicate claim id 'same-id' "
        f"(first defined at {BROKEN}:10)\n"
        f"{BROKEN}:28:15: E302 claims[2].attribution.source: no source 'no-such-source'\n"
        f"{WARNINGS}:6:9: E301 sources[0].id: duplicate source id 'wire' "
        f"(first defined at {BROKEN}:6)\n"
        "claims: the claim files have 3 errors; fix them first "
        "('claims validate' gives the full report)\n"
    )


def test_missing_file_is_a_usage_error(cli: Cli) -> None:
    result = cli("list", "-f", "no-such.yaml")
    assert result.exit_code == 2
    assert result.stderr == "claims: no such file or directory: 'no-such.yaml'\n"


@pytest.mark.parametrize(
    ("option", "value", "valid", "near"),
    [
        ("--status", "proven", STATUSES, ""),
        ("--type", "rumour", CLAIM_TYPES, ""),
        ("--type", "ev", CLAIM_TYPES, "; did you mean 'event'?"),
        ("--min-confidence", "sure", CONFIDENCE_LEVELS, ""),
        ("--max-confidence", "Low", CONFIDENCE_LEVELS, "; did you mean 'low'?"),
        ("--claimant-type", "state", CLAIMANT_TYPES, ""),
        ("--sort", "dat", SORT_KEYS, "; did you mean 'date'?"),
        ("--format", "jsn", LIST_FORMATS.names, "; did you mean 'json'?"),
        ("-F", "xml", LIST_FORMATS.names, ""),
    ],
)
def test_an_unknown_choice_exits_2_listing_the_valid_values(
    cli: Cli, option: str, value: str, valid: tuple[str, ...], near: str
) -> None:
    result = cli("list", "-f", DATED, option, value)
    assert result.exit_code == 2
    flag = "--format" if option == "-F" else option
    assert result.stderr == (
        f"claims: {flag}: unknown value '{value}' (choose from {', '.join(valid)}){near}\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_bad_date_exits_2_saying_what_a_date_is(cli: Cli, option: str) -> None:
    result = cli("list", "-f", DATED, option, "2022-13")
    assert result.exit_code == 2
    assert result.stderr == (
        f"claims: {option}: '2022-13' is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )


def test_contradictory_bounds_exit_2_naming_the_options(cli: Cli) -> None:
    result = cli("list", "-f", DATED, "--min-confidence", "high", "--max-confidence", "low")
    assert (result.exit_code, result.stderr) == (
        2,
        "claims: --min-confidence high is above --max-confidence low, so no claim could match\n",
    )
    result = cli("list", "-f", DATED, "--since", "2024", "--until", "2023")
    assert (result.exit_code, result.stderr) == (
        2,
        "claims: --since 2024 is after --until 2023: no date can match both\n",
    )


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", "٣"])
def test_a_limit_that_is_not_a_whole_number_is_a_usage_error(cli: Cli, value: str) -> None:
    result = cli("list", "-f", DATED, "--limit", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"claims: --limit: '{value}' is not a whole number (0 or more)\n"


@pytest.mark.parametrize("name", ["list", "stats", "export"])
def test_every_command_that_selects_takes_every_filter_option(name: str) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    command = group.commands[name]
    offered = {opt for param in command.params for opt in param.opts}
    assert set(FLAGS.values()) <= offered
    # One per field of the core filter, none forgotten.
    assert set(FLAGS) == {f.name for f in dataclasses.fields(Filter)}


def test_jsonl_keeps_each_record_on_one_line(write: Write, cli: Cli) -> None:
    ledger = write(
        "claims.yaml",
        "version: 1\n"
        "sources: [{id: s, title: S}]\n"
        "claims:\n"
        '  - {id: c, claim: "one\\u2028two\\u0085three", type: event,\n'
        "     attribution: {source: s}, confidence: low}\n",
    )
    result = cli("list", "-f", ledger, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["claim"] == "one\u2028two\x85three"
    assert json.loads(cli("list", "-f", ledger, "-F", "json").stdout)[0]["claim"] == (
        "one\u2028two\x85three"
    )
