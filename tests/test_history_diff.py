"""``claims diff``: what a pull request changes, claim by claim, on a scripted history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Cli
from history_support import git, history  # noqa: F401  (history is a fixture)
from markdown_html import ISSUE_REFERENCE, MENTION, render


@pytest.fixture
def in_history(history: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.chdir(history)
    return history


def test_a_verdict_change_comes_first_with_confidence(cli: Cli, in_history: Path) -> None:
    run = cli("diff", "c1", "c2", "-f", "ledger")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        "Changes from c1 to c2\n"
        "Claims: 0 added, 1 changed, 0 removed; 1 verdict changed.\n"
        "\n"
        "changed  trade-121m  Trade exceeded $121 million over two years.\n"
        "         status: unverified → refuted\n"
        "         confidence: low → high\n"
        "         evidence added: customs:refutes\n"
        "         checked: (none) → by Ann Checker, on 2023-02-01\n"
        "         explanation: (none) → Customs figures give $96 million.\n"
    )


def test_a_moved_claim_and_a_renamed_file(cli: Cli, in_history: Path) -> None:
    moved = cli("diff", "c2", "c3", "-f", "ledger")
    assert moved.lines[3:] == [
        "changed  drone-plant  Iran opened a drone plant in Dushanbe.",
        "         moved from ledger/misc.yaml to ledger/trade.yaml",
    ]
    renamed = cli("diff", "c3", "c4", "-f", "ledger")
    # The file's claims did not move: the file was renamed.
    assert renamed.lines[1:] == [
        "Claims: 0 added, 0 changed, 0 removed; 0 verdicts changed.",
        "",
        "renamed ledger/misc.yaml → ledger/economy.yaml",
    ]


def test_a_removed_and_a_superseding_claim(cli: Cli, in_history: Path) -> None:
    run = cli("diff", "c4", "c5", "-f", "ledger", "--format", "json")
    data = json.loads(run.stdout)
    assert data["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 0,
        "superseded": 1,
        "verdicts": 0,
    }
    assert [(c["id"], c["change"], c["supersedes"]) for c in data["claims"]] == [
        ("poorest-revised", "added", "poorest"),
        ("trade-target", "removed", None),
    ]


def test_the_whole_history_in_json(cli: Cli, in_history: Path) -> None:
    data = json.loads(cli("diff", "c1", "c5", "-f", "ledger", "-F", "json").stdout)
    assert (data["base"], data["head"]) == ("c1", "c5")
    assert data["renamed"] == [{"from": "ledger/misc.yaml", "to": "ledger/economy.yaml"}]
    trade = next(c for c in data["claims"] if c["id"] == "trade-121m")
    assert [f["field"] for f in trade["fields"]] == [
        "status",
        "confidence",
        "evidence",
        "checked",
        "explanation",
    ]
    assert trade["fields"][2]["added"] == [
        {"source": "customs", "stance": "refutes", "note": "$96 million over the two years."}
    ]
    drone = next(c for c in data["claims"] if c["id"] == "drone-plant")
    assert drone["moved"] == ["ledger/misc.yaml", "ledger/trade.yaml"]


def test_markdown_is_a_safe_pull_request_comment(cli: Cli, in_history: Path) -> None:
    run = cli("diff", "c1", "c5", "-f", "ledger", "--format", "markdown")
    assert run.exit_code == 0
    page = render(run.stdout)
    assert page.headings[0] == (3, "Claims ledger: changes from c1 to c5")
    assert page.header == ["Claim", "Change", "Text", "Status"]
    rows = {row[0]: row for row in page.rows}
    assert rows["trade-121m"][1:] == [
        "changed",
        "Trade exceeded $121 million over two years.",
        "unverified → refuted",
    ]
    assert rows["trade-target"][1] == "removed"
    assert page.hrefs == []  # no links a claim could plant


def test_a_pull_request_comment_pings_no_one(
    cli: Cli,
    history: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(history, clone)
    said = "@everyone: @octocat and @org/team said so (#12, owner/repo#3, GH-4)."
    trade = clone / "ledger" / "trade.yaml"
    trade.write_text(
        trade.read_text("utf-8")
        + f"  - id: pinged\n    claim: '{said}'\n    type: statement\n    confidence: low\n"
        + "    attribution: {source: wire}\n"
    )
    monkeypatch.chdir(clone)
    run = cli("diff", "c5", "-f", "ledger", "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    assert (
        "| pinged | added | @&#8203;everyone: @&#8203;octocat and @&#8203;org/team said so "
        "(\\#&#8203;12, owner/repo\\#&#8203;3, GH-&#8203;4). | unverified |"
    ) in run.lines
    page = render(run.stdout)
    assert {row[0]: row[2] for row in page.rows} == {"pinged": said}
    assert [n for n in page.nodes if MENTION.search(n) or ISSUE_REFERENCE.search(n)] == []


def test_the_default_compares_the_working_tree_with_the_merge_base(
    cli: Cli,
    history: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(history, clone)
    git(clone, "checkout", "-q", "-b", "feature")
    trade = clone / "ledger" / "trade.yaml"
    trade.write_text(trade.read_text("utf-8").replace("confidence: medium", "confidence: low"))
    monkeypatch.chdir(clone)
    run = cli("diff", "-f", "ledger")
    assert run.exit_code == 0, run.stderr
    head = git(clone, "rev-parse", "HEAD")[:12]
    assert run.lines[:4] == [
        f"Changes from main ({head}) to working tree",
        "Claims: 0 added, 1 changed, 0 removed; 0 verdicts changed.",
        "",
        "changed  drone-plant  Iran opened a drone plant in Dushanbe.",
    ]
    assert run.lines[4] == "         confidence: medium → low"


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("nosuch", "claims: revision 'nosuch' is not in this repository\n"),
        (
            "--output=x",
            "claims: '--output=x' is not a revision: give a branch, tag or commit "
            "(main, HEAD~1, a1b2c3d)\n",
        ),
        (
            "c1..c2",
            "claims: 'c1..c2' is not a revision: give a branch, tag or commit "
            "(main, HEAD~1, a1b2c3d)\n",
        ),
    ],
)
def test_a_bad_revision_is_a_usage_error(
    cli: Cli, in_history: Path, revision: str, message: str
) -> None:
    run = cli("diff", "-f", "ledger", "--", revision)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", message)


def test_a_shallow_clone_says_what_to_fetch(
    cli: Cli,
    history: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history}", str(shallow))
    monkeypatch.chdir(shallow)
    first = git(history, "rev-parse", "c1").strip()
    run = cli("diff", first, "-f", "ledger")
    assert run.exit_code == 2
    assert run.stderr == (
        f"claims: revision '{first}' is not in this repository; this is a shallow clone: "
        "fetch the revision (git fetch --deepen=N, or fetch-depth: 0 in actions/checkout)\n"
    )
    # With the base fetched, the shallow clone compares as any other.
    git(shallow, "fetch", "-q", "--depth", "5", "origin", "main")
    assert cli("diff", first, "HEAD", "-f", "ledger").exit_code == 0


def test_outside_a_repository(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "claims.yaml").write_text("version: 1\n")
    monkeypatch.chdir(tmp_path)
    run = cli("diff")
    assert run.exit_code == 2
    assert run.stderr.endswith("is not in a git repository\n")


def test_standard_input_has_no_history(cli: Cli, in_history: Path) -> None:
    run = cli("diff", "c1", "-f", "-", stdin="version: 1\n")
    assert (run.exit_code, run.stderr) == (
        2,
        "claims: standard input (-) has no history in git: name the ledger's files\n",
    )
