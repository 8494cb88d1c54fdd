"""The README's look-up examples are real: each command prints what the README shows."""

from __future__ import annotations

import re
import shlex

import pytest
from lookup_support import CLAIMS, REPO, run_claims

_SECTION = re.compile(r"<!-- section: lookups -->(.*?)<!-- section: ", re.S)
_CONSOLE = re.compile(r"```console\n(.*?)```", re.S)


def _examples() -> list[tuple[str, str]]:
    """Each ``$ command`` of the look-ups section with the lines shown under it."""
    section = _SECTION.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert section is not None
    examples: list[tuple[str, str]] = []
    for block in _CONSOLE.findall(section.group(1)):
        command: str | None = None
        shown: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(shown)))
                command, shown = line[2:], []
            else:
                shown.append(line)
        assert command is not None
        examples.append((command, "\n".join(shown)))
    return examples


EXAMPLES = _examples()


def test_the_section_has_examples_of_every_look_up() -> None:
    commands = " ".join(command for command, _ in EXAMPLES)
    for name in ("claims list", "claims show", "claims sources", "claims stats"):
        assert name in commands


@pytest.mark.skipif(not CLAIMS.exists(), reason="the claims script is not installed")
@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command: str, shown: str) -> None:
    words = shlex.split(command)
    assert words[0] == "claims"
    # Piped, 80 columns, no colour: as the README says it was captured.
    result = run_claims(words[1:], COLUMNS="80", NO_COLOR="1")
    assert (result.stdout + result.stderr).rstrip("\n") == shown.rstrip("\n")
