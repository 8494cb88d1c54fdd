"""The installed tool as CI and pre-commit run it: real processes, real exit codes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import GOOD, REPO, Write, claims_executable, clean_environ


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_environ(**env),
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=600,
    )


BAD = GOOD.replace("confidence: medium", "confidence: medum")


def test_exit_codes_of_the_installed_command(write: Write, tmp_path: Path) -> None:
    claims = claims_executable()
    write("good.yaml", GOOD)
    write("bad.yaml", BAD)
    ok = run([claims, "validate", "good.yaml"], tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    bad = run([claims, "validate", "bad.yaml"], tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.startswith("bad.yaml:15:17: E204 claims[0].confidence: 'medum'")
    assert "\x1b[" not in bad.stdout  # a pipe gets no colour
    usage = run([claims, "validate", "--format", "nope", "good.yaml"], tmp_path)
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr == (
        "claims: --format: unknown value 'nope' (choose from text, json, github, sarif)\n"
    )
    piped = run([claims, "validate", "-"], tmp_path)  # standard input is empty here
    assert (piped.returncode, piped.stderr) == (1, "")
    assert piped.stdout == (
        "<stdin>:1:1: E109 empty file: expected a mapping with 'version: 1'\n"
        "Found 1 error and 0 warnings in 1 file, 0 claims, 0 sources.\n"
    )


def test_no_traceback_on_hostile_files(write: Write, tmp_path: Path) -> None:
    claims = claims_executable()
    write("bin.yaml", bytes(range(256)))
    write("list.yaml", "- a\n")
    write("tag.yaml", "version: 1\nmeta: !!python/object/apply:os.system [echo pwned]\n")
    result = run([claims, "validate", "bin.yaml", "list.yaml", "tag.yaml"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "pwned" not in result.stdout
    codes = [line.split()[1] for line in result.stdout.splitlines()[:-1]]
    assert codes == ["E106", "E207", "E103"]


def test_python_dash_m_works(tmp_path: Path, write: Write) -> None:
    write("claims.yaml", GOOD)
    result = run([sys.executable, "-m", "claims_cli", "validate"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def closed_pipe(args: list[str], cwd: Path) -> tuple[int, bytes]:
    """Run claims with stdout a pipe the reader has already closed."""
    producer = subprocess.Popen(
        [claims_executable(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environ(),
    )
    assert producer.stdout is not None
    producer.stdout.close()
    _, errors = producer.communicate(timeout=60)
    return producer.returncode, errors


def test_a_closed_pipe_ends_quietly_with_the_honest_status(write: Write, tmp_path: Path) -> None:
    write("claims.yaml", GOOD)
    write("bad.yaml", BAD)
    assert closed_pipe(["export"], tmp_path) == (0, b"")
    # A reader that stops early does not turn a failing validation into a pass.
    assert closed_pipe(["validate", "bad.yaml"], tmp_path) == (1, b"")


@pytest.mark.slow
def test_the_wheel_ships_the_schema(tmp_path: Path) -> None:
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "claims_cli/schema.json" in names
    templates = ("report.html.j2", "report.css", "report.js")
    assert {f"claims_cli/render/templates/{name}" for name in templates} <= set(names)
    packaged = zipfile.ZipFile(wheel).read("claims_cli/schema.json")
    assert packaged == (REPO / "schema.json").read_bytes()


@pytest.mark.slow
def test_pre_commit_hook_from_another_repository(tmp_path: Path) -> None:
    """``pre-commit try-repo`` installs this repository's hook and runs it elsewhere."""
    project = tmp_path / "newsroom"
    project.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    run([*git, "init", "-q"], project)
    (project / "claims.yaml").write_text(GOOD, encoding="utf-8")
    run([*git, "add", "claims.yaml"], project)
    home = str(tmp_path / "pre-commit-home")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "claims-validate"]

    good = run([*try_repo, "--all-files"], project, PRE_COMMIT_HOME=home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    (project / "claims.yaml").write_text(BAD, encoding="utf-8")
    run([*git, "add", "claims.yaml"], project)
    bad = run([*try_repo, "--all-files"], project, PRE_COMMIT_HOME=home)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert "claims.yaml:15:17: E204" in bad.stdout
