"""``claims set`` on a claim written in flow style edits the text in place, keeping its style."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Cli

HEAD = "version: 1\nsources:\n  - id: s\n    title: S\nclaims:\n"
FLOW = '  - {id: c1, claim: "Flow claim", type: event, attribution: {source: s}, confidence: low}\n'
BLOCK = (
    "  - id: c2\n    claim: Block\n    type: event\n"
    "    attribution: { source: s, locator: 'p 1' }\n    confidence: low\n"
)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(HEAD + FLOW + BLOCK, encoding="utf-8")
    return path


def edited(cli: Cli, path: Path, *args: str) -> str:
    run = cli("set", *args, "-f", path)
    assert run.exit_code == 0, run.output
    assert "Traceback" not in run.output
    text = path.read_text("utf-8")
    assert text.startswith(HEAD)
    return text[len(HEAD) :]


@pytest.mark.parametrize(
    ("args", "after"),
    [
        (
            ["c1", "--confidence", "high"],
            '  - {id: c1, claim: "Flow claim", type: event, attribution: {source: s}, '
            "confidence: high}\n",
        ),
        (
            ["c1", "--status", "unverified", "--tag", "a,b", "--tag", "NO"],
            '  - {id: c1, claim: "Flow claim", type: event, attribution: {source: s}, '
            'confidence: low, tags: ["a,b", "NO"], status: unverified}\n',
        ),
        (
            ["c1", "--locator", "para 3: {x} #2"],
            '  - {id: c1, claim: "Flow claim", type: event, '
            'attribution: {source: s, locator: "para 3: {x} #2"}, confidence: low}\n',
        ),
        (
            ["c1", "--claim", "Flow, claim [1]"],
            '  - {id: c1, claim: "Flow, claim [1]", type: event, attribution: {source: s}, '
            "confidence: low}\n",
        ),
    ],
)
def test_set_on_a_flow_claim_splices_only_the_changed_text(
    cli: Cli, ledger: Path, args: list[str], after: str
) -> None:
    assert edited(cli, ledger, *args) == after + BLOCK


def test_unset_on_a_flow_claim_takes_the_entry_and_one_comma(cli: Cli, ledger: Path) -> None:
    edited(cli, ledger, "c1", "--locator", "p 9", "--claimant", "Ann", "--note", "n")
    assert edited(cli, ledger, "c1", "--unset", "locator") == (
        '  - {id: c1, claim: "Flow claim", type: event, attribution: {source: s, claimant: Ann}, '
        "confidence: low, notes: n}\n" + BLOCK
    )
    assert edited(cli, ledger, "c1", "--unset", "notes", "--unset", "claimant") == FLOW + BLOCK


def test_a_nested_flow_mapping_of_a_block_claim_is_edited_in_place(cli: Cli, ledger: Path) -> None:
    after = edited(cli, ledger, "c2", "--locator", "p 2", "--claimant", "Ann")
    assert after == FLOW + BLOCK.replace(
        "{ source: s, locator: 'p 1' }", "{ source: s, locator: p 2, claimant: Ann }"
    )
    after = edited(cli, ledger, "c2", "--unset", "locator")
    assert after == FLOW + BLOCK.replace(
        "{ source: s, locator: 'p 1' }", "{ source: s, claimant: Ann }"
    )


@pytest.mark.parametrize(
    ("text", "args", "reason"),
    [
        (
            HEAD + "  - {id: c1, claim: x, type: event, attribution: {source: s}, confidence}\n",
            ["--confidence", "high"],
            "'confidence' has no value written out; make this change by hand (line 6)",
        ),
        (
            HEAD + FLOW.replace("attribution: {", "attribution: &who {") + BLOCK,
            ["--claimant", "Ann"],
            "the edit would touch an anchor or alias (& or *); make this change by hand (line 6)",
        ),
    ],
    ids=["key-without-value", "anchored-mapping"],
)
def test_a_flow_edit_it_cannot_make_safely_is_refused(
    cli: Cli, tmp_path: Path, text: str, args: list[str], reason: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    run = cli("set", "c1", *args, "-f", path)
    assert run.exit_code == 1
    assert run.stderr == f"claims: {reason}; nothing was written\n"
    assert path.read_text("utf-8") == text
