"""Aliases are bounded by the size of what they expand to, in every command."""

from __future__ import annotations

import resource
import subprocess
import sys
from functools import cache

import pytest
from conftest import Cli, Write, assert_refused, claims_executable, clean_environ, readers

from claims_cli.read.yaml_events import ALIAS_FLOOR, LoadError, parse_text

LONG = 100_000
ALIASES = 9_900


@cache
def string_bomb() -> str:
    """One 100,000-character anchored string and 9,900 claims that alias it."""
    rows = [
        "version: 1",
        "sources:",
        "  - id: s",
        "    title: Wire",
        f"    notes: &long {'x' * LONG}",
        "claims:",
    ]
    rows += [
        f"  - {{id: c{i}, claim: *long, type: event, attribution: {{source: s}}, confidence: low}}"
        for i in range(ALIASES)
    ]
    return "\n".join(rows) + "\n"


def test_a_long_string_aliased_thousands_of_times_is_refused_with_what_it_would_become() -> None:
    text = string_bomb()
    with pytest.raises(LoadError) as caught:
        parse_text(text, "bomb.yaml")
    d = caught.value.diagnostic
    budget = 10 * len(text)
    # The first alias past the bound is the one reported: 100,001 per alias.
    first_over = budget // (LONG + 1) + 1
    assert (d.line, d.column, d.code) == (6 + first_over, 20 + len(str(first_over - 1)), "E104")
    assert d.message.startswith(f"aliases would expand this file of {len(text):,} characters to ")
    total = int(d.message.split(" to ", 1)[1].split(" ", 1)[0].replace(",", ""))
    assert total > ALIASES * (LONG + 1)  # what every alias would bring in
    assert d.message.endswith(
        f"(characters of text plus one per value), past the {budget:,} that aliases may "
        "add to a file this size; refused as a 'billion laughs' document"
    )


def _limit_memory() -> None:
    limit = 1024**3  # the export this file used to make took 4.9 GB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_the_bound_holds_in_time_and_memory(write: Write) -> None:
    path = write("bomb.yaml", string_bomb())
    result = subprocess.run(
        [claims_executable(), "export", "-F", "markdown", "-f", str(path)],
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard: it takes about a second
        preexec_fn=_limit_memory,
        env=clean_environ(),
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    first, closing = result.stderr.splitlines()
    assert first.startswith(f"{path}:")
    assert " E104 aliases would expand this file of " in first
    assert closing == "claims: not exported: the ledger has 1 error"


@pytest.mark.parametrize("command", readers("c1"), ids=" ".join)
def test_every_command_refuses_it(cli: Cli, write: Write, command: list[str]) -> None:
    text = string_bomb()
    path = write("bomb.yaml", text)
    with pytest.raises(LoadError) as caught:
        parse_text(text, "x")
    d = caught.value.diagnostic
    run = cli(*command, str(path))
    assert_refused(run, command, [f"{path}:{d.line}:{d.column}: E104 {d.message}"])


def test_shared_attribution_through_aliases_keeps_working(cli: Cli, write: Write) -> None:
    rows = ["version: 1", "sources:", "  - {id: wire, title: Wire}", "claims:"]
    for i in range(2_000):
        first = i == 0
        rows += [
            f"  - id: c{i}",
            f"    claim: Claim number {i}.",
            "    type: event",
            "    attribution: &wire {source: wire, claimant: Ministry, locator: para 3}"
            if first
            else "    attribution: *wire",
            "    confidence: low",
            "    notes: &note The ministry's weekly bulletin, as the wire carried it."
            if first
            else "    notes: *note",
        ]
    path = write("shared.yaml", "\n".join(rows) + "\n")
    run = cli("validate", str(path))
    assert (run.exit_code, run.stdout) == (0, "No problems: 1 file, 2000 claims, 1 source.\n")


def test_a_small_file_may_expand_to_the_floor() -> None:
    chunk = "y" * 999
    under = ALIAS_FLOOR // 1000  # each alias adds 1,000
    text = f"a: &a {chunk}\nb: [{', '.join(['*a'] * under)}]\n"
    assert len(parse_text(text, "f").data["b"]) == under
    with pytest.raises(LoadError) as caught:
        parse_text(f"a: &a {chunk}\nb: [{', '.join(['*a'] * (under + 1))}]\n", "f")
    assert (caught.value.diagnostic.code, caught.value.diagnostic.column) == ("E104", 5 + 4 * under)
