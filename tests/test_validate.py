"""``claims validate``: every problem in one run, each at file:line:col with a stable code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD, REPO, Cli, Run, Write, assert_refused, readers


def problems(run: Run) -> list[tuple[int, int, str]]:
    """(line, column, code) of each diagnostic in a JSON report."""
    report = json.loads(run.stdout)
    return [(d["line"], d["column"], d["code"]) for d in report["diagnostics"]]


def messages(run: Run) -> list[str]:
    return [d["message"] for d in json.loads(run.stdout)["diagnostics"]]


def test_the_sample_ledger_is_clean(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    run = cli("validate", "--strict")
    assert run.exit_code == 0, run.stdout
    assert run.stdout.startswith("No problems: 1 file, ")


def test_a_good_file_exits_0(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", GOOD)
    run = cli("validate", str(path))
    assert run.exit_code == 0
    assert run.stdout == "No problems: 1 file, 1 claim, 1 source.\n"


# -- schema problems, with messages for people --------------------------------------

SCHEMA_PROBLEMS = """\
version: 1
sources:
  - id: article
    title: An article
    url: javascript:alert(1)
    published: 2022-02-30
    reliabilty: B
claims:
  - id: Trade 121
    claim: Trade exceeded 121 million dollars.
    type: statistic
    attribution: {source: article, claimant: NO}
    confidence: medum
  - id: c2
    claim: Another claim.
    type: event
    attribution: {source: article}
    confidance: high
    credibility: "3"
"""


def test_schema_problems_are_all_reported_in_one_run(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SCHEMA_PROBLEMS)
    run = cli("validate", "--format", "json", str(path))
    assert run.exit_code == 1
    assert problems(run) == [
        (5, 10, "E205"),
        (6, 16, "E205"),
        (7, 5, "E201"),
        (9, 9, "E205"),
        (12, 46, "E203"),
        (13, 17, "E204"),
        (14, 5, "E202"),
        (18, 5, "E201"),
        (19, 18, "E204"),
    ]
    text = messages(run)
    assert text[0] == "sources[0].url: 'javascript:alert(1)' is not an http or https URL"
    assert "'2022-02-30' is not a real date" in text[1]
    assert text[2] == "sources[0]: unknown key 'reliabilty'; did you mean 'reliability'?"
    assert "'Trade 121' is not a valid id" in text[3]
    assert text[4] == "claims[0].attribution.claimant: 'NO' was read as the boolean false; quote it"
    assert text[5] == (
        "claims[0].confidence: 'medum' is not one of very-low, low, medium, high, very-high; "
        "did you mean 'medium'?"
    )
    assert text[6] == "claims[1]: missing required key 'confidence'"
    assert text[7] == "claims[1]: unknown key 'confidance'; did you mean 'confidence'?"
    assert text[8] == (
        "claims[1].credibility: the text '3' is not one of 1, 2, 3, 4, 5, 6 "
        "(write it without quotes)"
    )


def test_text_format_is_path_line_col_code_message(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("claims.yaml", SCHEMA_PROBLEMS)
    run = cli("validate")
    assert run.exit_code == 1
    assert run.lines[0] == (
        "claims.yaml:5:10: E205 sources[0].url: 'javascript:alert(1)' is not an http or https URL"
    )
    assert run.lines[-1] == "Found 9 errors and 0 warnings in 1 file, 2 claims, 1 source."
    assert "\x1b[" not in run.stdout


def test_missing_version_and_wrong_version(cli: Cli, write: Write) -> None:
    missing = write("a.yaml", "claims: []\n")
    wrong = write("b.yaml", "version: 2\n")
    run = cli("validate", "--format", "json", str(missing), str(wrong))
    assert problems(run) == [(1, 1, "E202"), (1, 10, "E206")]
    assert "use 'version: 1'" in messages(run)[0]


def test_top_level_list(cli: Cli, write: Write) -> None:
    path = write("list.yaml", "- id: a\n- id: b\n")
    run = cli("validate", "--format", "json", str(path))
    assert problems(run) == [(1, 1, "E207")]
    assert "the top level is a list" in messages(run)[0]


# -- semantic checks ----------------------------------------------------------------

SEMANTIC = """\
version: 1
sources:
  - id: article
    title: An article
    published: "2022-06"
    accessed: "2022-05-31"
  - id: unused
    title: Nobody cites this
  - id: future
    title: Not yet written
    published: "2999"
claims:
  - id: trade
    claim: Trade exceeded 121 million dollars.
    type: statistic
    quote: "over $125 million"
    value: {amount: 121000000, unit: USD, comparator: gt}
    attribution: {source: articel}
    confidence: medium
    date: "2030-01"
  - id: trade
    claim: trade exceeded 121 million  dollars
    type: statistic
    attribution: {source: future}
    confidence: low
    status: refuted
    supersedes: trade-old
  - id: plan
    claim: Trade will reach 500 million.
    type: forecast
    date: "2030"
    attribution: {source: article}
    evidence:
      - {source: nowhere, stance: supports}
    confidence: low
    checked: {by: desk, "on": "2999-01-01"}
"""


def test_semantic_checks_at_exact_lines(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SEMANTIC)
    run = cli("validate", "--format", "json", str(path))
    assert run.exit_code == 1
    assert problems(run) == [
        (6, 15, "E306"),  # accessed before published
        (7, 9, "W304"),  # source cited by no claim
        (11, 16, "E305"),  # published in the future
        (17, 21, "W307"),  # amount not in the quote
        (18, 27, "E302"),  # unknown source, with a near miss
        (20, 11, "E305"),  # claim date in the future (not a forecast)
        (21, 9, "E301"),  # duplicate id
        (22, 12, "W309"),  # same claim text (case and spacing aside)
        (26, 13, "W308"),  # a verdict with no evidence
        (26, 13, "W601"),  # a verdict with no explanation
        (27, 17, "E303"),  # supersedes a missing claim
        (34, 18, "E302"),  # evidence source missing
        (36, 31, "E305"),  # checked in the future (a forecast's own date may be ahead)
    ]
    text = dict(zip([p[:1] for p in problems(run)], messages(run), strict=True))
    assert (
        text[(18,)] == "claims[0].attribution.source: no source 'articel'; did you mean 'article'?"
    )
    assert (
        text[(21,)]
        == "claims[1].id: duplicate claim id 'trade' (first defined at " + str(path) + ":13)"
    )
    assert text[(22,)] == "claims[1].claim: same claim text as 'trade'"
    assert "accessed 2022-05-31, before it was published (2022-06)" in text[(6,)]
    assert text[(17,)].startswith("claims[0].value.amount: 121000000 does not appear")
    assert text[(20,)] == (
        "claims[0].date: 2030-01 is after today, 2026-11-28; only a forecast may be dated ahead"
    )


@pytest.mark.parametrize(
    ("quote", "amount", "found"),
    [
        ("over $121 million", 121000000, True),
        ("about 121m in trade", 121000000, True),
        ("US$121 mn", 121000000, True),
        ("121,000,000 dollars", 121000000, True),
        ("a 125-mile range", 125, True),
        ("$1.5bn", 1500000000, True),
        ("45% of voters", 45, True),
        ("over $120 million", 121000000, False),
        ("a 125-mile range", 125000000, False),
    ],
)
def test_figures_in_quotes(quote: str, amount: float, found: bool) -> None:
    from claims_cli.check.quote_figures import figure_in_text

    assert figure_in_text(amount, quote) is found


def test_duplicate_ids_across_files(cli: Cli, write: Write) -> None:
    sources = write(
        "ledger/sources.yaml",
        "version: 1\nsources:\n  - id: s\n    title: S\n",
    )
    write(
        "ledger/a.yaml",
        """
        version: 1
        claims:
          - id: x
            claim: One.
            type: event
            attribution: {source: s}
            confidence: low
        """,
    )
    write(
        "ledger/b.yaml",
        """
        version: 1
        claims:
          - {id: y, claim: Two., type: event, attribution: {source: s}, confidence: low}
          - id: x
            claim: Three.
            type: event
            attribution: {source: s}
            confidence: low
        """,
    )
    run = cli("validate", "--format", "json", str(sources.parent))
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    [d] = report["diagnostics"]
    assert (Path(d["file"]).name, d["line"], d["code"]) == ("b.yaml", 4, "E301")
    assert d["message"].endswith("a.yaml:3)")
    assert report["summary"] == {
        "files": 3,
        "claims": 3,
        "sources": 1,
        "errors": 1,
        "warnings": 0,
    }


def test_warnings_pass_unless_strict(cli: Cli, write: Write) -> None:
    path = write(
        "claims.yaml",
        GOOD.replace("claims:\n", "  - id: lonely\n    title: Uncited\nclaims:\n"),
    )
    run = cli("validate", str(path))
    assert run.exit_code == 0
    assert "W304" in run.stdout
    strict = cli("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert strict.lines[-1].endswith("sources. Warnings fail the run under --strict.")


# -- output formats -----------------------------------------------------------------


def test_json_report_shape(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SCHEMA_PROBLEMS)
    report = json.loads(cli("validate", "-F", "json", str(path)).stdout)
    assert set(report) == {"diagnostics", "summary"}
    first = report["diagnostics"][0]
    assert set(first) == {"file", "line", "column", "code", "severity", "message", "path"}
    assert first["path"] == "$.sources[0].url"
    assert first["severity"] == "error"


def test_github_annotations_are_escaped_and_followed_by_the_plain_report(
    cli: Cli, write: Write
) -> None:
    path = write("a,b:c.yaml", SCHEMA_PROBLEMS)
    run = cli("validate", "-F", "github", str(path))
    first = run.lines[0]
    assert first.startswith("::error file=")
    assert "a%2Cb%3Ac.yaml,line=5,col=10,title=E205 bad-format::" in first
    assert sum(line.startswith("::") for line in run.lines) == 9
    assert run.lines[-1].startswith("Found 9 errors")


def test_github_format_is_chosen_on_github_actions(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SCHEMA_PROBLEMS)
    run = cli("validate", str(path), env={"GITHUB_ACTIONS": "true"})
    assert run.lines[0].startswith("::error ")


def test_github_escapes_newlines_and_percent() -> None:
    from claims_cli.check.diagnostics import Diagnostic, Severity
    from claims_cli.check.validate import Report
    from claims_cli.render.reports import github

    d = Diagnostic("f.yaml", 1, 1, "E101", Severity.ERROR, "100% bad\nreally\r")
    out = github(Report((d,), 1, 0, 0))
    assert out.splitlines()[0].endswith("::100%25 bad%0Areally%0D")


def test_sarif_report(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SEMANTIC)
    log = json.loads(cli("validate", "-F", "sarif", str(path)).stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "E306"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 6, "startColumn": 15}
    assert {r["level"] for r in run["results"]} == {"error", "warning"}


def test_colour_only_when_forced_and_never_with_no_color(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SCHEMA_PROBLEMS)
    assert "\x1b[" in cli("validate", str(path), env={"FORCE_COLOR": "1"}).stdout
    plain = cli("validate", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in plain


def test_unknown_format_is_a_usage_error(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", GOOD)
    run = cli("validate", "-F", "xml", str(path))
    assert run.exit_code == 2
    assert "text" in run.stderr and "sarif" in run.stderr


# -- which files --------------------------------------------------------------------


def test_missing_path_is_a_usage_error(cli: Cli, in_tmp: Path) -> None:
    run = cli("validate", "nope.yaml")
    assert run.exit_code == 2
    assert "no such file or directory: 'nope.yaml'" in run.stderr


def test_discovery_claims_file_then_cwd_then_parents(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("claims.yaml", GOOD)
    write("elsewhere/ledger.yaml", SCHEMA_PROBLEMS)
    deep = in_tmp / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert cli("validate").exit_code == 0  # found two levels up
    run = cli("validate", env={"CLAIMS_FILE": str(in_tmp / "elsewhere" / "ledger.yaml")})
    assert run.exit_code == 1
    monkeypatch.chdir(in_tmp.parent)
    if not (in_tmp.parent / "claims.yaml").exists():
        run = cli("validate")
        assert run.exit_code == 2
        assert "CLAIMS_FILE" in run.stderr


def test_unreadable_files_are_reported_with_the_rest(cli: Cli, write: Write) -> None:
    good = write("good.yaml", GOOD)
    bad = write("bad.yaml", b"version: 1\n\xff\n")
    run = cli("validate", str(good), str(bad))
    assert run.exit_code == 1
    assert f"{bad}:2:1: E106" in run.stdout


def test_schema_command_prints_the_packaged_schema(cli: Cli) -> None:
    run = cli("schema")
    assert run.exit_code == 0
    assert json.loads(run.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_record_with_a_format_error_still_gets_the_semantic_checks(
    cli: Cli, write: Write
) -> None:
    path = write(
        "claims.yaml",
        """
        version: 1
        claims:
          - id: Bad Id
            claim: A claim.
            type: event
            attribution: {source: missing}
            confidence: low
        """,
    )
    run = cli("validate", "-F", "json", str(path))
    assert problems(run) == [(3, 9, "E205"), (6, 27, "E302")]


def test_every_unknown_and_missing_key_of_a_record_in_one_run(cli: Cli, write: Write) -> None:
    path = write(
        "claims.yaml",
        """
        version: 1
        claims:
          - id: a
            foo: 1
            bar: 2
        """,
    )
    run = cli("validate", "-F", "json", str(path))
    assert problems(run) == [
        (3, 5, "E202"),
        (3, 5, "E202"),
        (3, 5, "E202"),
        (3, 5, "E202"),
        (4, 5, "E201"),
        (5, 5, "E201"),
    ]
    missing = sorted(m.rsplit(" ", 1)[1] for m in messages(run)[:4])
    assert missing == ["'attribution'", "'claim'", "'confidence'", "'type'"]


def test_escape_sequences_never_reach_the_terminal(cli: Cli, write: Write) -> None:
    hostile = 'claim: "\\e]0;pwned\\a\\e[31mTrade grew."'
    plain = "claim: Trade exceeded 121 million dollars over two years."
    assert plain in GOOD
    path = write("claims.yaml", GOOD.replace(plain, hostile))
    said = (
        f"{path}:10:12: E117 control character U+001B in text; claim files hold printable "
        "text only (tabs and line breaks aside)"
    )
    for command in readers("trade-121m"):
        run = cli(*command, str(path))
        assert_refused(run, command, [said])
        assert "\x1b" not in run.stdout + run.stderr


def test_ci_formats_name_files_relative_to_the_repository(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / ".git").mkdir()
    write("ledger/claims.yaml", SCHEMA_PROBLEMS)
    (in_tmp / "docs").mkdir()
    monkeypatch.chdir(in_tmp / "docs")
    github = cli("validate", "-F", "github", "../ledger/claims.yaml")
    assert github.lines[0].startswith("::error file=ledger/claims.yaml,line=5,")
    # the plain report after the annotations keeps the path as it was given
    assert github.lines[-2].startswith("../ledger/claims.yaml:")
    sarif = json.loads(cli("validate", "-F", "sarif", str(in_tmp / "ledger/claims.yaml")).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "ledger/claims.yaml", "uriBaseId": "%SRCROOT%"}
    workspace = cli(
        "validate", "-F", "github", "../ledger/claims.yaml", env={"GITHUB_WORKSPACE": str(in_tmp)}
    )
    assert workspace.lines[0].startswith("::error file=ledger/claims.yaml,")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CLAIMS_TODAY", "garbage", "CLAIMS_TODAY: 'garbage' is not a real date"),
        ("CLAIMS_TODAY", "2020-13-01", "CLAIMS_TODAY: '2020-13-01' is not a real date"),
        ("CLAIMS_MAX_FILE_SIZE", "abc", "CLAIMS_MAX_FILE_SIZE: 'abc' is not a size"),
    ],
)
def test_a_bad_setting_is_a_usage_error_not_ignored(
    cli: Cli, write: Write, name: str, value: str, message: str
) -> None:
    path = write("claims.yaml", GOOD)
    for command in (["validate", str(path)], ["list", "-f", str(path)]):
        run = cli(*command, env={name: value})
        assert run.exit_code == 2
        assert run.stderr == f"claims: {message}" + run.stderr.split(message, 1)[1]


def test_version(cli: Cli) -> None:
    from claims_cli import __version__

    run = cli("--version")
    assert (run.exit_code, run.stdout) == (0, f"claims {__version__}\n")


def test_validate_takes_files_with_f_like_the_other_commands(cli: Cli, write: Write) -> None:
    sources = write("sources.yaml", "version: 1\nsources:\n  - {id: s, title: S}\n")
    claims = write(
        "c.yaml",
        "version: 1\nclaims:\n"
        "  - {id: c, claim: C., type: event, attribution: {source: s}, confidence: low}\n",
    )
    assert cli("validate", str(claims), "-f", str(sources)).exit_code == 0
    assert cli("validate", "-f", str(claims), "-f", str(sources)).exit_code == 0
    assert cli("validate", "-f", str(claims)).exit_code == 1  # the source is missing


def test_a_claim_named_like_a_source_is_warned_about(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", GOOD.replace("- id: trade-121m", "- id: article"))
    run = cli("validate", "-F", "json", str(path))
    assert run.exit_code == 0
    assert problems(run) == [(9, 9, "W310")]
    assert messages(run) == [
        "claims[0].id: claim id 'article' is also a source id; give one of them another id"
    ]


@pytest.mark.parametrize("command", [["validate"], ["list"]])
def test_a_bare_year_or_number_where_text_belongs_asks_for_quotes(
    cli: Cli, write: Write, command: list[str]
) -> None:
    path = write(
        "d.yaml",
        """\
        version: 1
        sources:
          - id: s
            title: S
            published: 2020
        claims:
          - id: c
            claim: x
            type: event
            date: 2022-06
            attribution: {source: s, locator: 12}
            confidence: low
        """,
    )
    run = cli(*command, *([] if command == ["validate"] else ["-f"]), path)
    assert_refused(
        run,
        command,
        [
            f"{path}:5:16: E203 sources[0].published: '2020' was read as the number 2020; "
            'quote it ("2020") to write text',
            f"{path}:11:39: E203 claims[0].attribution.locator: '12' was read as the number 12; "
            'quote it ("12") to write text',
        ],
    )
