"""``claims export`` as a user runs it: formats, files, filters, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, TODAY, TODAY_DATE, Cli, Write
from export_support import ADVERSARIAL, sample_ledger
from markdown_html import render

from claims_cli.render.exports import ExportInput
from claims_cli.render.markdown import report
from claims_cli.render.registry import EXPORT_FORMATS, GROUP_BYS

INVALID = """\
version: 1
sources:
  - id: s
    title: S
claims:
  - id: dup
    claim: One.
    type: event
    attribution: {source: s}
    confidence: low
  - id: dup
    claim: Two.
    type: event
    attribution: {source: nowhere}
    confidence: low
"""


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    path = tmp_path / "invalid.yaml"
    path.write_text(INVALID)
    return path


def test_default_is_the_markdown_report_on_stdout(cli: Cli) -> None:
    sample = sample_ledger()
    result = cli("export", "-f", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == report(
        ExportInput(ledger=sample, claims=sample.claims, today=TODAY_DATE)
    )
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("json", lambda text: len(json.loads(text)) == 45),
        ("jsonl", lambda text: len([json.loads(x) for x in text.splitlines()]) == 45),
        ("csv", lambda text: len(list(csv.reader(io.StringIO(text, newline="")))) == 46),
        ("claimreview", lambda text: json.loads(text) == []),
    ],
)
def test_each_format_on_stdout(fmt: str, check: object, cli: Cli) -> None:
    result = cli("export", "--format", fmt, "-f", str(SAMPLE))
    assert result.exit_code == 0
    assert callable(check) and check(result.stdout)
    assert "\x1b[" not in result.stdout


def test_claimreview_warnings_go_to_stderr(cli: Cli) -> None:
    result = cli("export", "--format", "claimreview", "-f", str(ADVERSARIAL))
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 5
    assert result.stderr.splitlines() == [
        "claims: warning: claim 'long-claim' has no ClaimReview: missing checked.on "
        "(the date of the check), a publisher on source 'src-nourl' (the claimant is "
        "unnamed: the review names who carried the claim)",
        "claims: warning: claim 'superseding-claim' has no ClaimReview: missing checked.on "
        "(the date of the check)",
        "claims: warning: left out 1 unverified claim: a review needs a verdict",
    ]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("report.md", "# "),
        ("REPORT.MARKDOWN", "# "),
        ("claims.json", "[\n  {"),
        ("claims.jsonl", '{"id": '),
        ("claims.ndjson", '{"id": '),
        ("claims.csv", "id,claim,"),
        ("site.claimreview.json", '[\n  {\n    "@context"'),
        ("site.jsonld", '[\n  {\n    "@context"'),
    ],
)
def test_the_format_follows_the_file_extension(
    tmp_path: Path, name: str, first: str, cli: Cli
) -> None:
    out = tmp_path / name
    result = cli("export", "-o", str(out), "-f", str(ADVERSARIAL))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text("utf-8").startswith(first)


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "report.md"
    assert cli("export", "--format", "csv", "-o", str(out), "-f", str(SAMPLE)).exit_code == 0
    assert out.read_text().startswith("id,claim,")


def test_csv_file_keeps_crlf_line_ends(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "claims.csv"
    assert cli("export", "-o", str(out), "-f", str(SAMPLE)).exit_code == 0
    assert out.read_bytes().count(b"\r\n") == 46


def test_an_unknown_extension_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "report.txt"
    result = cli("export", "-o", str(out), "-f", str(SAMPLE))
    assert result.exit_code == 2
    assert "cannot tell the format from" in result.stderr
    assert "markdown, json, jsonl, csv, claimreview" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "yaml"],
            "--format: unknown value 'yaml' (choose from markdown, json, jsonl, csv, claimreview, "
            "html)",
        ),
        (
            ["--format", "jsonn"],
            "--format: unknown value 'jsonn' (choose from markdown, json, jsonl, csv, "
            "claimreview, html); did you mean 'json'?",
        ),
        (
            ["--format", "json", "--group-by", "tag"],
            "--group-by applies to the markdown format only, not json",
        ),
        (
            ["--group-by", "colour"],
            "--group-by: unknown value 'colour' (choose from tag, source, status, type)",
        ),
        (
            ["--status", "true"],
            "--status: unknown value 'true' (choose from unverified, supported, "
            "partly-supported, disputed, refuted, misleading, unverifiable)",
        ),
        (
            ["--type", "opinion"],
            "--type: unknown value 'opinion' (choose from statistic, event, statement, "
            "assessment, forecast)",
        ),
        (
            ["--min-confidence", "huge"],
            "--min-confidence: unknown value 'huge' (choose from very-low, low, medium, high, "
            "very-high)",
        ),
        (
            ["--since", "2022-13"],
            "--since: '2022-13' is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            ["-o", "no-such-dir/report.md"],
            "--output 'no-such-dir/report.md': no such directory 'no-such-dir'",
        ),
        (["-f", "no-such-ledger.yaml"], "no such file or directory: 'no-such-ledger.yaml'"),
        (["--outptu", "x.md"], "no such option --outptu; did you mean --output?"),
        (["--output"], "--output: needs a value"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, cli: Cli) -> None:
    result = cli("export", *([] if "-f" in args else ["-f", str(SAMPLE)]), *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"claims: {message}\n"


def refused_invalid(path: Path) -> str:
    """What ``claims export`` says on stderr when refusing :data:`INVALID` at ``path``."""
    return (
        f"{path}:11:9: E301 claims[1].id: duplicate claim id 'dup' (first defined at {path}:6)\n"
        f"{path}:14:27: E302 claims[1].attribution.source: no source 'nowhere'\n"
        "claims: not exported: the ledger has 2 errors\n"
    )


def test_an_invalid_ledger_is_refused_with_its_errors(invalid: Path, cli: Cli) -> None:
    result = cli("export", "-f", str(invalid))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == refused_invalid(invalid)


@pytest.fixture
def published(tmp_path: Path) -> Iterator[Path]:
    """An earlier report at the output path, still alone and unchanged afterwards."""
    path = tmp_path / "out" / "report.md"
    path.parent.mkdir()
    path.write_bytes(b"the published report\n")
    yield path
    assert path.read_bytes() == b"the published report\n"
    assert [p.name for p in path.parent.iterdir()] == ["report.md"]


def test_an_invalid_ledger_leaves_the_output_file_untouched(
    invalid: Path, published: Path, cli: Cli
) -> None:
    result = cli("export", "-o", str(published), "-f", str(invalid))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == refused_invalid(invalid)


def test_a_ledger_that_fails_the_schema_is_not_published(
    write: Write, published: Path, cli: Cli
) -> None:
    """Export runs what 'claims validate' runs: a javascript: URL never gets out."""
    path = write(
        "bad-url.yaml",
        "version: 1\nsources:\n  - {id: s, title: S, url: 'javascript:alert(1)'}\nclaims:\n"
        "  - {id: c, claim: C., type: event, attribution: {source: s}, confidence: low}\n",
    )
    result = cli("export", "-o", str(published), "-f", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:3:28: E205 sources[0].url: 'javascript:alert(1)' is not an http or https URL\n"
        "claims: not exported: the ledger has 1 error\n"
    )


def test_warnings_do_not_block_an_export(write: Write, cli: Cli) -> None:
    # W118: a bidirectional control character in the notes.
    path = write(
        "warned.yaml",
        "version: 1\nsources: [{id: s, title: S}]\nclaims:\n"
        "  - {id: c, claim: C., type: statistic, value: {amount: 31, unit: people},\n"
        '     notes: "\\u2067x\\u2069", attribution: {source: s}, confidence: low}\n',
    )
    result = cli("export", "--format", "json", "-f", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)[0]["value"]["amount"] == 31


def test_an_exporter_failing_half_way_leaves_the_old_file(
    published: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    real_open = os.fdopen

    class Breaks(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    def broken_fdopen(fd: int, *args: object, **kwargs: object) -> io.StringIO:
        real_open(fd).close()
        return Breaks()

    monkeypatch.setattr("claims_cli.write.atomic.os.fdopen", broken_fdopen)
    result = cli("export", "-o", str(published), "-f", str(SAMPLE))
    monkeypatch.undo()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"claims: cannot write '{published}': No space left on device\n"


def test_a_crashing_exporter_leaves_the_old_file(
    published: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    def crash(job: object) -> str:
        raise RuntimeError("bug in the exporter")

    monkeypatch.setattr("claims_cli.render.markdown.report", crash)
    with pytest.raises(RuntimeError, match="bug in the exporter"):
        cli("export", "-o", str(published), "-f", str(SAMPLE))


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--tag", "trade"], ["trade-121m", "trade-target-500m", "persian-gulf-access"]),
        (["-t", "drones", "--type", "statistic"], ["ababil2-range-125mi"]),
        (["--min-confidence", "medium", "-e", "Bayraktar"], ["bayraktar-azerbaijan"]),
        (["-q", "poorest"], ["tajikistan-poorest-ex-soviet"]),
        (["--claimant", "open university", "--type", "statement"], []),
        (["--status", "supported"], []),
    ],
)
def test_the_filters_select_what_is_exported(args: list[str], ids: list[str], cli: Cli) -> None:
    result = cli("export", "--format", "json", *args, "-f", str(SAMPLE))
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == ids


def test_filters_apply_to_the_markdown_report(cli: Cli) -> None:
    result = cli("export", "--tag", "trade", "--group-by", "tag", "-f", str(SAMPLE))
    assert result.exit_code == 0
    assert "**3 claims: 3 unverified.**" in result.stdout
    assert result.stdout.count("\n| [") == 3


def test_the_sample_report_in_docs_is_up_to_date() -> None:
    sample = sample_ledger()
    committed = (REPO / "docs" / "sample-report.md").read_text("utf-8")
    dated = ExportInput(ledger=sample, claims=sample.claims, today=TODAY_DATE)
    assert committed == report(dated), (
        f"run: CLAIMS_TODAY={TODAY} claims export -o docs/sample-report.md"
    )


def test_the_readme_excerpt_comes_from_the_sample_report() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("<!-- section: export -->")[1].split("<!-- section:")[0]
    quoted = section.split("<!-- sample report excerpt: begin -->\n")[1]
    quoted = quoted.split("<!-- sample report excerpt: end -->")[0]
    excerpt = [line.removeprefix(">").removeprefix(" ") for line in quoted.splitlines()]
    committed = (REPO / "docs" / "sample-report.md").read_text("utf-8").splitlines()
    for line in excerpt:
        assert line in ("", "…") or line in committed, line
    # Rendered in the README, the excerpt's own links still land.
    page = render("\n".join(excerpt))
    assert len(page.rows) == 1
    assert set(page.in_page_targets()) <= set(page.ids)


# --- exit codes, and what the command offers ---------------------------------


def test_exit_codes_and_plain_machine_output(cli: Cli, tmp_path: Path, invalid: Path) -> None:
    # FORCE_COLOR colours terminal output; machine formats stay plain all the same.
    ok = cli("export", "--format", "csv", "-f", SAMPLE, env={"FORCE_COLOR": "1"}, terminal=True)
    assert ok.exit_code == 0
    assert ok.stdout.startswith("id,claim,") and "\x1b[" not in ok.stdout
    bad = cli("export", "-f", invalid)
    assert bad.exit_code == 1
    assert bad.stderr.endswith("claims: not exported: the ledger has 2 errors\n")
    usage = cli("export", "-o", tmp_path / "x.txt", "-f", SAMPLE)
    assert usage.exit_code == 2
    assert usage.stderr.startswith(f"claims: cannot tell the format from '{tmp_path / 'x.txt'}'")


def test_starting_the_cli_loads_no_exporter() -> None:
    code = (
        "import sys, claims_cli.cli; "
        "heavy = ('claims_cli.render.exports', 'claims_cli.render.markdown', 'jsonschema'); "
        "bad = [m for m in sys.modules if m.startswith(heavy)]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_offers_every_registered_format_and_grouping(cli: Cli) -> None:
    # The command offers exactly the registry's names: in its help, and as
    # values it accepts (test_export_registry ties the registry to the exporters).
    help_text = " ".join(cli("export", "--help", columns=200).stdout.replace("│", " ").split())
    assert f"One of: {', '.join(EXPORT_FORMATS.names)}." in help_text
    assert f"group the claim sections by {', '.join(GROUP_BYS.names)}." in help_text
    for name in EXPORT_FORMATS.names:
        assert cli("export", "-F", name, "-f", SAMPLE, "-t", "no-such-tag").exit_code == 0


def test_a_dash_for_output_means_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", "-o", "-", "--format", "jsonl", "-f", str(SAMPLE))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 45
    assert list(tmp_path.iterdir()) == []


def test_export_takes_every_filter_of_list(cli: Cli) -> None:
    """The same options select the same claims in 'claims list' and 'claims export'."""
    args = ["--claimant-type", "government", "--max-confidence", "low", "-f", str(SAMPLE)]
    listed = cli("list", *args, "--format", "ids")
    exported = cli("export", "--format", "json", *args)
    assert listed.exit_code == exported.exit_code == 0
    assert [r["id"] for r in json.loads(exported.stdout)] == listed.stdout.split()
    assert listed.stdout.split() == ["ababil2-range-125mi"]
