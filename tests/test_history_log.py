"""``claims log ID``: one claim's history in git, newest first, across files and supersedes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Cli
from history_support import git, history  # noqa: F401  (history is a fixture)


@pytest.fixture
def in_history(history: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.chdir(history)
    return history


def _short(repo: Path, tag: str) -> str:
    return git(repo, "rev-parse", tag).strip()[:12]


def test_who_changed_the_verdict_and_why(cli: Cli, in_history: Path) -> None:
    run = cli("log", "trade-121m")
    assert run.exit_code == 0, run.stderr
    c1, c2 = _short(in_history, "c1"), _short(in_history, "c2")
    assert run.stdout == (
        f"{c2} 2023-02-02 Ann Checker  Refute trade-121m from customs data\n"
        "    status: unverified → refuted\n"
        "    confidence: low → high\n"
        "    evidence added: customs:refutes\n"
        "    checked: (none) → by Ann Checker, on 2023-02-01\n"
        "    explanation: (none) → Customs figures give $96 million.\n"
        f"{c1} 2023-02-01 Ann Checker  Start the trade ledger\n"
        "    added in ledger/trade.yaml\n"
        "    status: unverified\n"
        "    confidence: low\n"
    )


def test_a_claim_is_followed_across_files_and_a_rename(cli: Cli, in_history: Path) -> None:
    drone = cli("log", "drone-plant")
    assert drone.lines[1] == "    moved from ledger/misc.yaml to ledger/trade.yaml"
    poorest = cli("log", "poorest")
    assert [line for line in poorest.lines if line.startswith("    ")][:2] == [
        "    superseded by poorest-revised",
        "    moved from ledger/misc.yaml to ledger/economy.yaml",
    ]


def test_a_removed_claim_and_the_claim_it_superseded(cli: Cli, in_history: Path) -> None:
    removed = cli("log", "trade-target", "--format", "json")
    entries = json.loads(removed.stdout)
    assert [(e["change"], e["subject"]) for e in entries] == [
        ("removed", "Drop the trade target; a sharper poverty claim"),
        ("added", "Start the trade ledger"),
    ]
    assert entries[0]["commit"] == git(in_history, "rev-parse", "c5").strip()
    revised = json.loads(cli("log", "poorest-revised", "-F", "json").stdout)
    assert [(e["claim"], e["change"]) for e in revised] == [
        ("poorest-revised", "added"),
        ("poorest", "superseded-by"),
        ("poorest", "changed"),
        ("poorest", "added"),
    ]


def test_an_unknown_claim_and_a_bad_revision(cli: Cli, in_history: Path) -> None:
    run = cli("log", "no-such-claim")
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr == "claims: no commit changed a claim 'no-such-claim'\n"
    bad = cli("log", "trade-121m", "--rev", "nosuch")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "claims: revision 'nosuch' is not in this repository\n",
    )
    old = cli("log", "trade-121m", "--rev", "c1")
    assert old.lines[1:] == [
        "    added in ledger/trade.yaml",
        "    status: unverified",
        "    confidence: low",
    ]


def test_a_shallow_clone_says_where_the_history_is_cut_off(
    cli: Cli,
    history: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{history}", str(shallow))
    monkeypatch.chdir(shallow)
    c4, c5 = _short(history, "c4"), _short(history, "c5")
    cut = (
        f"claims: log: this clone is shallow: history before {c4} is not here "
        "(git fetch --unshallow)\n"
    )
    run = cli("log", "trade-121m")
    # The boundary commit holds the refuted claim, but did not add it.
    assert (run.exit_code, run.stderr) == (0, cut)
    assert run.stdout == (
        f"{c4} 2023-02-04 Ann Checker  Rename misc.yaml to economy.yaml\n"
        "    present at the shallow boundary, in ledger/trade.yaml\n"
        "    status: refuted\n"
        "    confidence: high\n"
    )
    as_json = cli("log", "trade-121m", "-F", "json")
    assert as_json.stderr == cut
    assert [e["change"] for e in json.loads(as_json.stdout)] == ["present"]
    # A claim added after the boundary is still added where it was.
    revised = cli("log", "poorest-revised")
    assert revised.lines[:2] == [
        f"{c5} 2023-02-05 Ann Checker  Drop the trade target; a sharper poverty claim",
        "    added in ledger/economy.yaml",
    ]
    # With the whole history fetched, nothing is cut off.
    git(shallow, "fetch", "-q", "--unshallow")
    full = cli("log", "trade-121m")
    assert (full.stderr, full.lines[-3]) == ("", "    added in ledger/trade.yaml")
