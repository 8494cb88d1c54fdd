"""One voice for a wrong command line, metavars people read, and ``-`` for standard input."""

from __future__ import annotations

import re

import pytest
from conftest import GOOD, SAMPLE, Cli

from claims_cli.cli.reference import command_names
from claims_cli.render.registry import (
    EXPORT_FORMATS,
    GROUP_BYS,
    LIST_FORMATS,
    REPORT_FORMATS,
    SHOW_FORMATS,
    STATS_FORMATS,
)


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(names)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Closed choices, from the registries and the model, with the near miss.
        (
            ["list", "--format", "jsn"],
            f"--format: unknown value 'jsn' (choose from {_listed(LIST_FORMATS.names)}); "
            "did you mean 'json'?",
        ),
        (
            ["sources", "-F", "xml"],
            f"--format: unknown value 'xml' (choose from {_listed(LIST_FORMATS.names)})",
        ),
        (
            ["show", "x", "-F", "jsn"],
            f"--format: unknown value 'jsn' (choose from {_listed(SHOW_FORMATS.names)}); "
            "did you mean 'json'?",
        ),
        (
            ["stats", "-F", "chrt"],
            f"--format: unknown value 'chrt' (choose from {_listed(STATS_FORMATS.names)}); "
            "did you mean 'chart'?",
        ),
        (
            ["validate", "-F", "x"],
            f"--format: unknown value 'x' (choose from {_listed(REPORT_FORMATS.names)})",
        ),
        (
            ["export", "-F", "md"],
            f"--format: unknown value 'md' (choose from {_listed(EXPORT_FORMATS.names)})",
        ),
        (
            ["export", "--group-by", "x"],
            f"--group-by: unknown value 'x' (choose from {_listed(GROUP_BYS.names)})",
        ),
        (
            ["list", "--sort", "x"],
            "--sort: unknown value 'x' (choose from id, date, confidence, status, source)",
        ),
        (
            ["stats", "--status", "proven"],
            "--status: unknown value 'proven' (choose from unverified, supported, "
            "partly-supported, disputed, refuted, misleading, unverifiable)",
        ),
        # Integers and dates.
        (["list", "--limit", "abc"], "--limit: 'abc' is not a whole number (0 or more)"),
        (["sources", "-n", "-2"], "--limit: '-2' is not a whole number (0 or more)"),
        (
            ["stats", "--until", "2022-02-30"],
            "--until: '2022-02-30' is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        # Paths.
        (["list", "-f", "nowhere.yaml"], "no such file or directory: 'nowhere.yaml'"),
        (["validate", "nowhere.yaml"], "no such file or directory: 'nowhere.yaml'"),
        (["show", "x", "-f", "nowhere"], "no such file or directory: 'nowhere'"),
        # Unknown options and commands, missing values and arguments.
        (["list", "--tagg", "x"], "no such option --tagg; did you mean --tag?"),
        (["validate", "--strict=yes"], "--strict: takes no value"),
        (["list", "--tag"], "--tag: needs a value"),
        (["--verison"], "no such option --verison; did you mean --version?"),
        (["lisst"], "no such command 'lisst'; did you mean 'list'?"),
        (
            ["xyzzy"],
            "no such command 'xyzzy' (commands: init, add, set, rm, coverage, export, "
            "conflicts, extract, locate, list, show, sources, stats, diff, log, queue, "
            "validate, schema, source, cache)",
        ),
        (["show"], "missing argument ID"),
        (["list", "extra"], "unexpected argument: extra"),
        (["schema", "x"], "unexpected argument: x"),
    ],
)
def test_every_usage_error_is_one_line_on_stderr_and_exit_2(
    cli: Cli, args: list[str], message: str
) -> None:
    ledger = ["-f", SAMPLE] if args[0] in ("list", "stats") else []
    result = cli(*args[:1], *ledger, *args[1:])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"claims: {message}\n"


def test_a_bad_setting_names_the_variable(cli: Cli) -> None:
    result = cli("list", "-f", SAMPLE, env={"CLAIMS_TODAY": "soon"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "claims: CLAIMS_TODAY: 'soon' is not a real date (use YYYY-MM-DD)\n"


@pytest.mark.parametrize("name", ["", *command_names()])
def test_help_shows_metavars_people_read(cli: Cli, name: str) -> None:
    result = cli(*([name] if name else []), "--help", columns=120)
    assert result.exit_code == 0
    assert not re.search(r"<[a-z_]+(\[[a-zA-Z]+\])?>", result.stdout), result.stdout
    assert "<bool>" not in result.stdout and "list[" not in result.stdout
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage and "[[" not in usage and "]]" not in usage, usage
    if name in ("list", "stats", "export"):
        for metavar in ("FILE", "TAG", "FORMAT", "DATE", "LEVEL"):
            assert f" {metavar} " in result.stdout, metavar
    if name == "list":
        assert " N " in result.stdout and " KEY " in result.stdout


# --- '-' reads standard input ------------------------------------------------


def test_validate_reads_the_ledger_from_standard_input(cli: Cli) -> None:
    result = cli("validate", "-", stdin=GOOD)
    assert (result.exit_code, result.stdout) == (0, "No problems: 1 file, 1 claim, 1 source.\n")
    bad = cli("validate", "-", stdin=GOOD.replace("confidence: medium", "confidence: medum"))
    assert bad.exit_code == 1
    assert bad.stdout.splitlines()[0] == (
        "<stdin>:15:17: E204 claims[0].confidence: 'medum' is not one of very-low, low, "
        "medium, high, very-high; did you mean 'medium'?"
    )


@pytest.mark.parametrize("command", [["list", "--format", "ids"], ["stats", "-F", "json"]])
def test_every_look_up_reads_standard_input_with_f_dash(cli: Cli, command: list[str]) -> None:
    from_file = cli(*command, "-f", SAMPLE)
    from_stdin = cli(*command, "-f", "-", stdin=SAMPLE.read_bytes())
    assert from_stdin.exit_code == 0
    assert from_stdin.stdout == from_file.stdout


def test_show_names_standard_input_in_its_panel(cli: Cli) -> None:
    shown = cli("show", "-f", "-", "trade-121m", stdin=GOOD).stdout
    assert shown.splitlines()[-1].endswith("─ statistic · <stdin>:9 ─╯")


def test_standard_input_is_decoded_and_bounded_as_a_file_is(cli: Cli) -> None:
    binary = cli("validate", "-", stdin=b"version: 1\n\xff\n")
    assert binary.exit_code == 1
    assert binary.stdout.startswith("<stdin>:2:1: E106 not UTF-8 text: byte 0xff")
    large = cli("validate", "-", stdin=GOOD, env={"CLAIMS_MAX_FILE_SIZE": "100"})
    assert large.exit_code == 1
    assert large.stdout.startswith(
        "<stdin>:1:1: E111 standard input is over the 100 bytes limit for one claim file"
    )
    refused = cli("list", "-f", "-", stdin=b"version: 1\n\xff\n")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("<stdin>:2:1: E106 ")
    assert refused.stderr.endswith(
        "claims: the claim files have 1 error; fix them first "
        "('claims validate' gives the full report)\n"
    )


def test_a_file_and_standard_input_make_one_ledger(cli: Cli, tmp_path: object) -> None:
    sources = "version: 1\nsources:\n  - {id: article, title: An article}\n"
    claims_only = GOOD.split("claims:\n", 1)[1]
    from pathlib import Path

    path = Path(str(tmp_path)) / "sources.yaml"
    path.write_text(sources, encoding="utf-8")
    result = cli("validate", str(path), "-", stdin="version: 1\nclaims:\n" + claims_only)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "No problems: 2 files, 1 claim, 1 source.\n"


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["show"], "Usage: claims show [OPTIONS] ID..."),
        (["init"], "Usage: claims init [OPTIONS] [DIR]"),
        (["set"], "Usage: claims set [OPTIONS] ID [FIELD=VALUE]..."),
        (["validate"], "Usage: claims validate [OPTIONS] [PATH]..."),
    ],
)
def test_usage_lines_use_the_usual_notation(cli: Cli, args: list[str], usage: str) -> None:
    result = cli(*args, "--help", columns=120)
    assert usage in result.stdout.splitlines()[1]


def test_an_empty_output_path_is_a_usage_error(cli: Cli) -> None:
    result = cli("export", "-f", SAMPLE, "-o", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "claims: --output: the path is empty (name a file, or - for standard output)\n"
    )
