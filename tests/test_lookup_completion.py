"""Shell completion of claim ids, tags, sources and statuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from conftest import REPO, SAMPLE, Cli
from lookup_support import BROKEN, DATED

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
        ["-"],  # standard input belongs to the shell: never read
    ],
)
def test_a_ledger_that_cannot_be_read_offers_nothing_and_never_raises(files: list[Path]) -> None:
    ctx = context(files=files)
    assert complete_claim_ids(ctx, "") == []
    assert complete_tags(ctx, "") == []
    assert complete_sources(ctx, "") == []


def test_a_ledger_with_errors_still_offers_what_it_holds() -> None:
    # Completion helps fix a ledger too: its ids and sources are still offered.
    ctx = context(files=[BROKEN])
    assert complete_claim_ids(ctx, "") == [
        ("orphan", "This claim cites a source that is not in the ledger."),
        ("same-id", "The first claim with this id."),
    ]
    assert complete_sources(ctx, "") == [("wire", "A wire report")]
    assert complete_tags(ctx, "") == []


def test_no_ledger_anywhere_completes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert complete_claim_ids(context(), "") == []


Complete = Callable[[str], list[str]]


@pytest.fixture
def complete(cli: Cli) -> Complete:
    """``complete("claims list --tag dr")``: what bash offers for the last word."""

    def offered(words: str) -> list[str]:
        parts = words.split(" ")
        result = cli(
            env={
                "_CLAIMS_COMPLETE": "complete_bash",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(parts) - 1),
            }
        )
        assert (result.exit_code, result.stderr) == (0, "")
        return result.stdout.split()

    return offered


def test_bash_completes_claim_ids_for_show(
    complete: Complete, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    assert complete("claims show ababil2") == [
        "ababil2-built-in-tajikistan",
        "ababil2-range-125mi",
    ]


def test_bash_completes_tags_and_sources_from_the_file_named_earlier(complete: Complete) -> None:
    assert complete(f"claims list -f {DATED} --tag dr") == ["drones"]
    assert complete(f"claims list -f {DATED} --source mi") == ["ministry-release"]
    assert complete(f"claims stats -f {DATED} -s c") == ["customs-2023"]


def test_bash_completes_closed_choices_from_the_model_and_registries(complete: Complete) -> None:
    assert complete("claims list --status un") == ["unverified", "unverifiable"]
    assert complete("claims list --claimant-type g") == ["government"]
    assert complete("claims list --format j") == ["json", "jsonl"]
    assert complete("claims list --sort c") == ["confidence"]
    assert complete("claims validate -F s") == ["sarif"]
    assert complete("claims export --group-by s") == ["source", "status"]
    assert complete("claims stats --format c") == ["chart"]
    assert complete("claims li") == ["list"]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("zsh", "#compdef claims"),
        ("bash", "complete -o default -F _claims_completion claims"),
        ("fish", "complete --command claims"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell_named(
    cli: Cli, shell: str, marker: str
) -> None:
    result = cli("--show-completion", shell)
    assert (result.exit_code, result.stderr) == (0, "")
    assert marker in result.stdout
    assert f"complete_{shell}" in result.stdout
    others = {"zsh", "bash", "fish"} - {shell}
    assert not any(f"complete_{other}" in result.stdout for other in others)


def test_show_completion_refuses_a_shell_it_does_not_know(cli: Cli) -> None:
    result = cli("--show-completion", "tcsh")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "claims: --show-completion: unknown value 'tcsh' "
        "(choose from bash, zsh, fish, powershell, pwsh)\n"
    )
