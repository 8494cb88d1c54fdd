"""The README cannot drift: its console examples are run and compared, its YAML validated."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, Cli, claims_executable, clean_environ

README = (REPO / "README.md").read_text("utf-8")
#: Each set-up command makes its own virtual environment first: a fresh Debian or
#: Ubuntu refuses ``pip install`` into the system Python (externally managed).
VENV = "python3 -m venv .venv && . .venv/bin/activate"


def console_examples() -> list[tuple[str, str]]:
    """Every ``$ command`` of a ```console block with the output printed under it."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            examples.append((command, "\n".join(output)))
    return examples


def test_the_readme_starts_with_the_two_set_up_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first_block is not None
    assert README.index("```sh") < README.index("\n## ")
    assert first_block[1].splitlines() == [
        f"{VENV} && pip install . && claims list",
        f"{VENV} && pip install -e '.[test]' && pytest",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8")
    assert f"{VENV} && pip install -e '.[test]' && pytest" in script
    for check in ("ruff check", "ruff format --check", "mypy --strict claims_cli"):
        assert check in script


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=lambda x: x[:40])
def test_console_example(command: str, expected: str) -> None:
    """Run as a reader would paste it: through the shell, pipes included."""
    assert shlex.split(command)[0] == "claims"
    env = clean_environ(COLUMNS="80", NO_COLOR="1")
    env["PATH"] = os.path.dirname(claims_executable()) + os.pathsep + env.get("PATH", "")
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (result.stdout + result.stderr).rstrip("\n") == expected.rstrip("\n")


def test_the_format_example_is_valid(cli: Cli, tmp_path: Path) -> None:
    section = README[README.index("## The file format") :]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example[1], encoding="utf-8")
    run = cli("validate", "--strict", str(path))
    assert run.exit_code == 0, run.stdout


def test_every_command_has_a_readme_example() -> None:
    from claims_cli.cli.reference import command_names

    shown = " ".join(command for command, _ in console_examples())
    names = command_names()
    assert names, "no commands registered"
    for name in names:
        assert f"claims {name}" in shown, f"README shows no example of 'claims {name}'"


def test_the_cli_reference_is_made_from_the_commands_help() -> None:
    from claims_cli.cli.reference import REFERENCE, command_names, reference

    assert REFERENCE == REPO / "docs" / "cli.md"
    committed = REFERENCE.read_text("utf-8")
    assert committed == reference(), "docs/cli.md is stale: python -m claims_cli.cli.reference"
    for name in command_names():
        assert f"## `claims {name}`" in committed
        assert f" Usage: claims {name} [OPTIONS]" in committed
    assert "[docs/cli.md](docs/cli.md)" in README
