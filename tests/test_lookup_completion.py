"""Shell completion of claim ids, tags, sources and statuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from lookup_support import DATED, REPO, SAMPLE, run_claims

from claims_cli.cli import app
from claims_cli.cli.completion import complete_claim_ids, complete_sources, complete_tags


def context(**params: object) -> typer.Context:
    """A context as Typer builds it while completing, with ``params`` parsed so far."""
    ctx = typer.Context(typer.main.get_command(app))
    ctx.params.update(params)
    return ctx


def test_claim_ids_complete_from_the_named_file_with_their_claims() -> None:
    found = complete_claim_ids(context(files=[SAMPLE]), "ababil2")
    assert found == [
        (
            "ababil2-built-in-tajikistan",
            "The Ababil-2 is the drone model to be produced at the new T…",
        ),
        ("ababil2-range-125mi", "The Ababil-2 drone has a range of 125 miles."),
    ]


def test_tags_complete_with_how_many_claims_carry_them() -> None:
    assert complete_tags(context(files=[DATED]), "tr") == [("trade", "6 claims")]
    assert complete_tags(context(files=[DATED]), "rep") == [("reports", "1 claim")]


def test_sources_complete_with_their_titles() -> None:
    assert complete_sources(context(files=[DATED]), "") == [
        ("customs-2023", "Annual customs statistics 2023"),
        ("ministry-release", "Ministry of Trade press release"),
        ("ngo-brief", "Drone exports: a briefing"),
        ("wire-report", "Trade fair opens in Dušanbe"),
    ]


def test_the_default_ledger_is_used_when_no_file_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAIMS_FILE", raising=False)
    monkeypatch.chdir(REPO)
    assert [cid for cid, _ in complete_claim_ids(context(), "trade")] == [
        "trade-121m",
        "trade-target-500m",
    ]


@pytest.mark.parametrize(
    "files",
    [
        [Path("no-such-file.yaml")],
        [Path(__file__)],  # not YAML claims at all
        [REPO / "tests" / "fixtures" / "lookup" / "broken.yaml"],
    ],
)
def test_completion_never_raises(files: list[Path]) -> None:
    ctx = context(files=files)
    assert isinstance(complete_claim_ids(ctx, ""), list)
    assert isinstance(complete_tags(ctx, ""), list)
    assert isinstance(complete_sources(ctx, ""), list)


def test_no_ledger_anywhere_completes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert complete_claim_ids(context(), "") == []


def _complete(words: str) -> list[str]:
    """What bash would offer for the last word of ``words``, through the real script."""
    parts = words.split(" ")
    result = run_claims(
        [],
        _CLAIMS_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(parts) - 1),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_bash_completes_claim_ids_for_show() -> None:
    assert _complete("claims show ababil2") == [
        "ababil2-built-in-tajikistan",
        "ababil2-range-125mi",
    ]


def test_bash_completes_tags_and_sources_from_the_file_named_earlier() -> None:
    assert _complete(f"claims list -f {DATED} --tag dr") == ["drones"]
    assert _complete(f"claims list -f {DATED} --source mi") == ["ministry-release"]
    assert _complete(f"claims stats -f {DATED} -s c") == ["customs-2023"]


def test_bash_completes_statuses_and_formats() -> None:
    assert _complete("claims list --status un") == ["unverified", "unverifiable"]
    assert _complete("claims list --claimant-type g") == ["government"]
    assert _complete("claims list --format j") == ["json", "jsonl"]
