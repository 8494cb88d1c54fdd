"""Random ledgers through every command and format, in-process: nothing crashes, all output parses.

The ledgers come from :mod:`ledger_strategies`: valid ones derived from the
model, and near-valid ones spoilt the way a hostile pull request would. Each
is run through ``validate`` (every report format), ``list`` and ``sources``
(every format, on a pipe and on a terminal), ``show``, ``stats`` and
``export`` (every format). Whatever the input: no exception, exit 0 or 1,
and every machine format is well formed. A valid ledger validates with exit 0
and ``list --format ids`` names every claim.

``CLAIMS_FUZZ_EXAMPLES`` raises the number of examples for a longer hunt
(``CLAIMS_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_cli.py``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from conftest import Cli, Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_strategies import hostile_ledgers, texts, valid_data, valid_ledgers
from markdown_html import render

from claims_cli.render.registry import EXPORT_FORMATS, LIST_FORMATS, REPORT_FORMATS

_EXAMPLES = int(os.environ.get("CLAIMS_FUZZ_EXAMPLES", "12"))
settings.register_profile(
    "cli-fuzz",
    max_examples=_EXAMPLES,
    deadline=None,
    # ``cli`` and ``tmp_path`` hold nothing between runs: each example rewrites the file.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZ = settings.get_profile("cli-fuzz")


@pytest.fixture(autouse=True)
def _one_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the Click command from the Typer app once, not on every run.

    ``CliRunner.invoke`` rebuilds it each time, which is two thirds of an
    in-process run; the fuzz tests make hundreds of runs.
    """
    import typer.testing

    monkeypatch.setattr(typer.testing, "_get_command", _command)


@functools.cache
def _command(app: Any) -> Any:
    return typer.main.get_command(app)


#: Every element the Markdown report makes itself; anything else came from a field.
REPORT_TAGS = {
    "h1", "h2", "h3", "h4", "p", "a", "strong", "ul", "li", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
#: The only lines of ``--format github`` output that may start with ``::``.
ANNOTATION = re.compile(r"::(error|warning) file=[^\n]*::")


def _ids(text: str) -> list[str]:
    return [c["id"] for c in yaml.safe_load(text)["claims"] if isinstance(c, dict) and "id" in c]


def no_crash(run: Run, *, usage: bool = False) -> None:
    """Exit 0 or 1 (2 only when ``usage`` says a usage error is possible), no traceback."""
    allowed = {0, 1, 2} if usage else {0, 1}
    assert run.exit_code in allowed, (run.exit_code, run.output)
    assert "Traceback" not in run.output, run.output


#: Outputs that let a field start a line with ``::`` (a workflow command in
#: GitHub Actions) on purpose: data formats keep every byte of a field (see
#: ``test_data_formats_keep_every_byte_of_a_field``); every other output is checked.
FORGES_WORKFLOW_COMMANDS = {
    ("list", "csv"),
    ("sources", "csv"),
    ("export", "markdown"),
    ("export", "csv"),
    ("export", "html"),
}


def check_github(stdout: str) -> None:
    """Only our own annotations may start a line with ``::`` (a workflow command).

    Lines end as the Actions runner ends them, at CR, LF or CRLF (not at
    U+0085 or U+2028, which ``str.splitlines`` would also split at).
    """
    for line in re.split(r"\r\n|\r|\n", stdout):
        if line.startswith("::"):
            assert ANNOTATION.match(line), line


def check_commands(command: str, name: str, run: Run) -> None:
    """No line of any output starts a workflow command, unless that output is a known finding."""
    if (command, name) not in FORGES_WORKFLOW_COMMANDS:
        check_github(run.stdout)
    if ("*", "diagnostics on stderr") not in FORGES_WORKFLOW_COMMANDS:
        check_github(run.stderr)


def check_csv(stdout: str, rows: int) -> list[list[str]]:
    read = list(csv.reader(io.StringIO(stdout, newline="")))
    assert len(read) == rows + 1, (len(read), rows)
    assert len({len(r) for r in read}) == 1, "every row has the header's cells"
    return read


def check_markdown(markdown: str, claims: int) -> None:
    for unsafe in (True, False):
        page = render(markdown, unsafe=unsafe)
        assert page.tags <= REPORT_TAGS, page.tags - REPORT_TAGS
        for element in page.elements:
            assert not any(name.startswith("on") for name in element.attrs), element
            if element.tag == "a" and "href" in element.attrs:
                href = str(element.attrs["href"])
                assert href.startswith("#") or re.match(r"(?i)https?://", href), href
    if claims:
        assert len(render(markdown).rows) == claims


def check_machine(name: str, stdout: str, rows: int | None) -> None:
    """``stdout`` of a list-like machine format is well formed (and has ``rows`` records)."""
    if name == "json":
        data = json.loads(stdout)
        assert rows is None or len(data) == rows
    elif name == "jsonl":
        records = [json.loads(line) for line in stdout.splitlines()]
        assert rows is None or len(records) == rows
    elif name == "csv":
        check_csv(stdout, rows) if rows is not None else list(csv.reader(io.StringIO(stdout)))
    elif name == "tsv":
        lines = stdout.split("\n")
        assert lines[-1] == ""
        assert rows is None or len(lines) - 2 == rows, lines
        assert len({line.count("\t") for line in lines[:-1]}) == 1
    elif name == "yaml":
        data = yaml.safe_load(stdout)
        assert rows is None or len(data or []) == rows
    elif name == "ids":
        assert rows is None or len(stdout.splitlines()) == rows


def run_everything(cli: Cli, path: Path, text: str, *, valid: bool, columns: int) -> None:
    """Every command and format on the ledger at ``path``."""
    ids = _ids(text) if valid else []
    claims = len(ids)
    for name in REPORT_FORMATS.names:
        run = cli("validate", "--format", name, path)
        no_crash(run)
        if valid:
            assert run.exit_code == 0, run.output
        if name in ("json", "sarif"):
            report = json.loads(run.stdout)
            if name == "json":
                errors = sum(d["severity"] == "error" for d in report["diagnostics"])
                assert errors == report["summary"]["errors"]
                assert (errors == 0) == (run.exit_code == 0)
            else:
                assert report["version"] == "2.1.0"
        check_commands("validate", name, run)
        if name == "text" and valid:
            assert run.stdout.splitlines()[-1].startswith(("No problems:", "Found 0 errors"))

    for command in ("list", "sources"):
        for name in LIST_FORMATS.names:
            run = cli(command, "-f", path, "--format", name)
            no_crash(run)
            check_commands(command, name, run)
            if valid:
                assert run.exit_code == 0, run.output
            if run.exit_code == 0 and name != "table":
                expected = claims if command == "list" and valid else None
                check_machine(name, run.stdout, expected)
        no_crash(cli(command, "-f", path, terminal=True, columns=columns))

    if valid:
        listed = cli("list", "-f", path, "--format", "ids")
        assert listed.stdout.splitlines() == ids

    show_ids = ids or ["a"]
    for name in ("panel", "json", "yaml"):
        run = cli("show", "-f", path, "--format", name, *show_ids, terminal=True, columns=columns)
        no_crash(run)
        check_commands("show", name, run)
        if valid:
            assert run.exit_code == 0, run.output
        if run.exit_code == 0 and name == "json":
            json.loads(run.stdout)
        elif run.exit_code == 0 and name == "yaml":
            yaml.safe_load(run.stdout)

    for name, terminal in (("chart", True), ("chart", False), ("json", False)):
        run = cli("stats", "-f", path, "--format", name, terminal=terminal, columns=columns)
        no_crash(run)
        check_commands("stats", name, run)
        if run.exit_code == 0 and name == "json":
            json.loads(run.stdout)

    for name in EXPORT_FORMATS.names:
        run = cli("export", "-f", path, "--format", name)
        no_crash(run)
        check_commands("export", name, run)
        if valid:
            assert run.exit_code == 0, run.output
        if run.exit_code != 0:
            assert run.stdout == "", "a ledger with errors is not exported"
            continue
        if name == "markdown":
            check_markdown(run.stdout, claims)
        elif name == "csv":
            check_csv(run.stdout, claims if valid else len(check_csv_rows(run.stdout)))
        elif name == "claimreview":
            json.loads(run.stdout)
            assert "<" not in run.stdout, "JSON-LD must be safe inside a <script> element"
        else:
            check_machine(name, run.stdout, claims if valid else None)


def check_csv_rows(stdout: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(stdout, newline="")))[1:]


@FUZZ
@given(text=valid_ledgers, columns=st.integers(20, 200))
def test_a_valid_ledger_goes_through_every_command_and_format(
    cli: Cli, tmp_path: Path, text: str, columns: int
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    run_everything(cli, path, text, valid=True, columns=columns)


@FUZZ
@given(text=hostile_ledgers(), columns=st.integers(20, 200))
def test_a_hostile_ledger_never_crashes_any_command(
    cli: Cli, tmp_path: Path, text: str, columns: int
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    run_everything(cli, path, text, valid=False, columns=columns)
    assert path.read_bytes() == before, "no command changes the ledger"


@FUZZ
@given(data=valid_data(), stdin=st.booleans())
def test_a_valid_ledger_reads_the_same_from_standard_input(
    cli: Cli, data: dict[str, Any], stdin: bool
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    run = cli("list", "-f", "-", "--format", "ids", stdin=text.encode("utf-8"))
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines() == [c["id"] for c in data["claims"]]


@FUZZ
@given(
    text=valid_ledgers,
    option=st.sampled_from(["--search", "--tag", "--entity", "--claimant", "--source"]),
    value=texts,
    command=st.sampled_from(["list", "stats", "export"]),
)
def test_any_filter_text_is_a_filter_not_a_crash(
    cli: Cli, tmp_path: Path, text: str, option: str, value: str, command: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    # ``--option=value`` so that a value starting with '-' is still a value.
    run = cli(command, "-f", path, f"{option}={value}")
    no_crash(run)
    assert run.exit_code == 0, run.output


def test_the_workflow_command_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        check_github("::error file=a,line=1::ok\n::add-mask::secret\n")
    check_github("::error file=a,line=1,col=2,title=E1::ok\nplain \u2028::x\n")


# --- findings: each reduced to the smallest input, expected to fail until fixed ------

#: A ledger whose every field that reaches a human format starts a workflow command.
FORGING = """\
version: 1
meta:
  description: "::add-mask::description"
sources:
  - id: s
    title: "::add-mask::source"
claims:
  - id: c
    claim: "::add-mask::claim"
    type: event
    attribution: {source: s}
    confidence: low
    tags: ["::add-mask::tag"]
    notes: "a\\n::add-mask::notes"
"""
#: A top-level key holding a line break: its E201 message carries it raw.
FORGING_KEY = 'version: 1\n"x\\n::add-mask::y": 1\n'


@pytest.mark.parametrize("name", ["github", "text"])
def test_finding_validate_report_quotes_a_key_raw(cli: Cli, tmp_path: Path, name: str) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(FORGING_KEY, encoding="utf-8")
    run = cli("validate", "--format", name, path)
    assert run.exit_code == 1
    assert run.stdout.count("E201 document: unknown key") == 1
    check_github(run.stdout)


def test_finding_list_refusal_quotes_a_key_raw(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(FORGING_KEY, encoding="utf-8")
    run = cli("list", "-f", path, "--format", "json")
    assert run.exit_code == 1
    assert "E201 document: unknown key" in run.stderr
    check_github(run.stderr)


@pytest.mark.parametrize(
    ("args", "columns", "forged"),
    [
        (("list", "--format", "table"), 30, "::add-mask::claim"),
        (("sources", "--format", "table"), 80, "::add-mask::source"),
        (("stats", "--format", "chart"), 80, "::add-mask::tag"),
    ],
)
def test_a_field_never_starts_a_workflow_command_in_a_drawing(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], columns: int, forged: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(FORGING, encoding="utf-8")
    run = cli(*args, "-f", path, columns=columns)
    assert run.exit_code == 0, run.output
    assert "\\x3a" + forged[1:] in run.stdout  # shown, its first colon escaped
    check_github(run.stdout)


@pytest.mark.parametrize(
    ("args", "forged"),
    [
        (("list", "--format", "csv"), '\n::add-mask::notes",,'),
        (("export", "--format", "csv"), '\n::add-mask::notes",,'),
        (("export", "--format", "markdown"), "\n::add-mask::description"),
    ],
)
def test_data_formats_keep_every_byte_of_a_field(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], forged: str
) -> None:
    # Data is not a log: CSV and Markdown are written exactly, so a field may
    # start a line with '::'. docs/security.md says to write them with -o in CI.
    path = tmp_path / "claims.yaml"
    path.write_text(FORGING, encoding="utf-8")
    run = cli(*args, "-f", path)
    assert run.exit_code == 0, run.output
    assert forged in run.stdout


@pytest.mark.parametrize("command", ["list", "show", "sources", "stats"])
def test_lookups_report_an_unknown_top_level_key_where_validate_does(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("version: 1\nclaims: []\nsources: []\nx: 1\n", encoding="utf-8")
    said = (
        "k.yaml:4:1: E201 document: unknown key 'x'; expected one of claims, meta, sources, version"
    )
    assert said in cli("validate", path).stdout
    run = cli(command, "-f", path, *(["c"] if command == "show" else []))
    assert run.exit_code == 1
    assert said in run.stderr, run.stderr
