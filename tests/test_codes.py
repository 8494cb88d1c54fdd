"""Diagnostic codes: one table, every emitted code in it, documented, and read by the reports."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

from code_tables import between_markers, format_table, readme_table
from conftest import REPO, TODAY_DATE

from claims_cli.check.codes import CODES, DOCS_URL, lookup
from claims_cli.check.diagnostics import Diagnostic, Severity
from claims_cli.check.validate import Report, validate_files
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES
from claims_cli.read.files import find_claim_files
from claims_cli.render.reports import github, sarif

PACKAGE = REPO / "claims_cli"
_CODE = re.compile(r"""^[rbuRBU]*(['"])([EW]\d{3})\1$""")


def code_literals() -> dict[str, list[str]]:
    """Every string literal of the package that is exactly a code, with where it stands."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        source = path.read_text("utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            match = _CODE.match(token.string) if token.type == tokenize.STRING else None
            if match:
                place = f"{path.relative_to(REPO)}:{token.start[0]}"
                found.setdefault(match[2], []).append(place)
    return found


def test_the_scan_finds_the_checks_codes() -> None:
    literals = code_literals()
    # A scan that found nothing would pass everything below.
    assert len(literals) >= 30
    assert any(place.startswith("claims_cli/check/rules.py") for place in literals["E301"])
    assert any(place.startswith("claims_cli/read/yaml_events.py") for place in literals["E102"])


def test_every_code_the_package_emits_is_in_the_table() -> None:
    missing = {code: places for code, places in code_literals().items() if code not in CODES}
    assert not missing, f"add these to claims_cli/check/codes.py: {missing}"


def test_every_code_in_the_table_is_emitted_somewhere() -> None:
    dead = sorted(set(CODES) - set(code_literals()))
    assert not dead, f"codes no check reports: {dead}"


def test_severity_agrees_with_the_letter_and_titles_are_unique() -> None:
    for code, entry in CODES.items():
        assert entry.code == code
        expected = Severity.ERROR if code.startswith("E") else Severity.WARNING
        assert entry.severity is expected, code
        assert re.fullmatch(r"[a-z0-9.-]+", entry.title), code
        assert entry.help.endswith("."), code
    titles = [entry.title for entry in CODES.values()]
    assert len(titles) == len(set(titles))


def test_emitted_diagnostics_have_the_tables_severity() -> None:
    paths = [REPO / "docs" / "examples" / "broken.yaml"]
    paths += sorted((REPO / "tests" / "fixtures" / "schema" / "invalid").glob("*.yaml"))
    paths += sorted((REPO / "tests" / "fixtures" / "lookup").glob("*.yaml"))
    seen = set()
    for path in paths:
        report = validate_files(
            list(find_claim_files([str(path)])), today=TODAY_DATE, max_bytes=DEFAULT_MAX_FILE_BYTES
        )
        for d in report.diagnostics:
            assert d.severity is CODES[d.code].severity, (path.name, d.code)
            seen.add(d.code)
    assert {"E201", "E202", "E204", "E306"} <= seen


def test_docs_format_lists_every_code_under_its_anchor() -> None:
    docs = (REPO / "docs" / "format.md").read_text("utf-8")
    assert between_markers(docs) == format_table(), "run: python tests/code_tables.py"
    for entry in CODES.values():
        assert docs.count(f'<a id="{entry.anchor}"></a>') == 1, entry.code
    assert "\n## Diagnostic codes\n" in docs


def test_the_readme_table_is_the_tables_ledger_rules() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    table = between_markers(readme)
    assert table == readme_table(), "run: python tests/code_tables.py"
    assert "| [E301](docs/format.md#e301) | error | The same claim or source id twice" in table


def _report(*codes: str) -> Report:
    diagnostics = tuple(
        Diagnostic("claims.yaml", n, 3, code, lookup(code).severity, f"problem {n}")
        for n, code in enumerate(codes, start=1)
    )
    return Report(diagnostics, 1, 0, 0)


def test_sarif_rules_take_their_words_from_the_table() -> None:
    log = json.loads(sarif(_report("E301", "W307")))
    driver = log["runs"][0]["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert list(rules) == list(CODES)
    assert rules["E301"] == {
        "id": "E301",
        "name": "duplicate-id",
        "shortDescription": {"text": "duplicate id"},
        "fullDescription": {"text": "The same claim or source id twice, across all files."},
        "helpUri": DOCS_URL + "#e301",
        "defaultConfiguration": {"level": "error"},
    }
    assert rules["W307"]["defaultConfiguration"] == {"level": "warning"}
    results = log["runs"][0]["results"]
    assert [driver["rules"][r["ruleIndex"]]["id"] for r in results] == ["E301", "W307"]


def test_a_code_missing_from_the_table_does_not_break_a_report() -> None:
    log = json.loads(sarif(_report("E301", "E999")))
    driver = log["runs"][0]["tool"]["driver"]
    result = log["runs"][0]["results"][1]
    rule = driver["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"] == "E999"
    assert rule["name"] == "undocumented"
    assert rule["fullDescription"] == {"text": "No description is recorded for this code."}
    assert result["level"] == "error"
    first = github(_report("W998")).splitlines()[0]
    assert first == "::warning file=claims.yaml,line=1,col=3,title=W998 undocumented::problem 1"


def test_ci_reports_name_files_relative_to_the_root_they_are_given(tmp_path: Path) -> None:
    file = tmp_path / "ledger" / "claims.yaml"
    report = Report((Diagnostic(str(file), 2, 1, "E301", Severity.ERROR, "twice"),), 1, 0, 0)

    def annotated(root: Path | None) -> str:
        return github(report, root=root).splitlines()[0].split(",")[0]

    def uri(root: Path | None) -> str:
        location = json.loads(sarif(report, root=root))["runs"][0]["results"][0]["locations"][0]
        return str(location["physicalLocation"]["artifactLocation"]["uri"])

    assert annotated(tmp_path) == "::error file=ledger/claims.yaml"
    assert uri(tmp_path) == "ledger/claims.yaml"
    # Outside the root, or with none, the path stays as it was given.
    for root in (tmp_path / "elsewhere", None):
        assert uri(root) == file.as_posix()
        assert annotated(root).startswith("::error file=") and "claims.yaml" in annotated(root)
