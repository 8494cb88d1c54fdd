"""``claims init --ci`` where a ledger already is: only the CI set-up is written."""

from __future__ import annotations

from pathlib import Path

from conftest import Cli

LEDGER = "version: 1\nsources: []\nclaims: []  # mine\n"


def _ledger(folder: Path, *, schema: bool = True) -> dict[str, bytes]:
    (folder / "claims.yaml").write_text(LEDGER, encoding="utf-8")
    if schema:
        (folder / "schema.json").write_text("{}\n", encoding="utf-8")
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_ci_github_on_an_existing_ledger_writes_only_the_workflow(cli: Cli, in_tmp: Path) -> None:
    before = _ledger(in_tmp)
    result = cli("init", "--ci", "github")
    assert result.exit_code == 0, result.output
    assert result.stdout == ".github/workflows/claims.yml\n"
    assert result.stderr == (
        "claims: init: claims.yaml, schema.json already there; "
        "left as they were, wrote the CI set-up only\n"
    )
    assert {p.name: p.read_bytes() for p in in_tmp.iterdir() if p.is_file()} == before
    assert "claims validate --strict" in (in_tmp / ".github/workflows/claims.yml").read_text()


def test_ci_pre_commit_on_an_existing_ledger_extends_the_config(cli: Cli, in_tmp: Path) -> None:
    config = in_tmp / ".pre-commit-config.yaml"
    original = "repos:\n  - repo: local\n    hooks: []\n"
    config.write_text(original, encoding="utf-8")
    _ledger(in_tmp, schema=False)
    result = cli("init", "--ci", "pre-commit", "--ci", "github")
    assert result.exit_code == 0, result.output
    assert result.stdout == ".github/workflows/claims.yml\n.pre-commit-config.yaml\n"
    assert result.stderr == (
        "claims: init: claims.yaml already there; left as they were, wrote the CI set-up only\n"
    )
    assert (in_tmp / "claims.yaml").read_text("utf-8") == LEDGER
    assert not (in_tmp / "schema.json").exists()
    text = config.read_text("utf-8")
    assert text.startswith(original) and "id: claims-validate" in text


def test_ci_on_an_existing_ledger_still_overwrites_no_ci_file(cli: Cli, in_tmp: Path) -> None:
    before = _ledger(in_tmp)
    workflow = in_tmp / ".github" / "workflows" / "claims.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n", encoding="utf-8")
    result = cli("init", "--ci", "github", "--ci", "pre-commit")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "claims: init: .github/workflows/claims.yml already there; nothing was written\n"
    )
    assert workflow.read_text("utf-8") == "name: mine\n"
    assert not (in_tmp / ".pre-commit-config.yaml").exists()
    assert {p.name: p.read_bytes() for p in in_tmp.iterdir() if p.is_file()} == before


def test_ci_hook_already_there_on_an_existing_ledger_is_refused(cli: Cli, in_tmp: Path) -> None:
    _ledger(in_tmp)
    assert cli("init", "--ci", "pre-commit").exit_code == 0
    config = (in_tmp / ".pre-commit-config.yaml").read_bytes()
    again = cli("init", "--ci", "pre-commit")
    assert again.exit_code == 1
    assert again.stderr == (
        "claims: init: .pre-commit-config.yaml already has a claims-validate hook\n"
    )
    assert (in_tmp / ".pre-commit-config.yaml").read_bytes() == config


def test_plain_init_on_an_existing_ledger_still_refuses(cli: Cli, in_tmp: Path) -> None:
    before = _ledger(in_tmp)
    result = cli("init")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims: init: claims.yaml, schema.json already there; nothing was written\n"
    )
    assert {p.name: p.read_bytes() for p in in_tmp.iterdir() if p.is_file()} == before
    assert not (in_tmp / ".github").exists()
