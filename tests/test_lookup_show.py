"""``claims show``: the whole record, found by id or unique prefix."""

from __future__ import annotations

import json
from typing import Protocol

import pytest
import yaml
from conftest import SAMPLE, Cli, load, make_claim
from lookup_support import DATED

from claims_cli.model import Index, Ledger
from claims_cli.query.resolve import ClaimNotFound, resolve_claim


class Shown(Protocol):
    def __call__(self, *args: str, path: object = ..., columns: int = ...) -> str: ...


@pytest.fixture
def shown(cli: Cli) -> Shown:
    """``shown(*ids_and_options, path=SAMPLE, columns=80)``: what ``claims show`` prints."""

    def run(*args: str, path: object = SAMPLE, columns: int = 80) -> str:
        result = cli("show", "-f", path, *args, columns=columns)
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def flat(text: str) -> str:
    """The panel's words with the borders and line breaks taken out."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def test_the_full_record_of_the_125_mile_claim(shown: Shown) -> None:
    text = shown("ababil2-range-125mi")
    words = flat(text)
    for expected in [
        "ababil2-range-125mi",
        "claim The Ababil-2 drone has a range of 125 miles.",
        "quote “which Iran claims has 125-mile range”",
        "— Iran boosts ties with Tajikistan (news analysis), para 4",
        "value 125 mi (≈ 201 km) · ababil-2-range",
        "claimant Government of Iran (government)",
        "source seed-article — Iran boosts ties with Tajikistan (news analysis), para 4",
        "confidence low",
        "grade F6 (source reliability cannot be judged; truth cannot be judged)",
        "status unverified",
        "tags drones, defense",
        "entities Ababil-2, Iran",
        "notes About 200 km.",
        "reliability F (reliability cannot be judged)",
        "accessed 2026-11-01",
    ]:
        assert expected in words, expected
    assert words.endswith("statistic · " + str(SAMPLE) + ":161 ─╯")
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\x1b" not in text


def test_a_unique_prefix_is_enough(shown: Shown) -> None:
    assert shown("ababil2-r") == shown("ababil2-range-125mi")


def test_an_exact_id_wins_over_longer_ids_it_starts(shown: Shown) -> None:
    words = flat(shown("drone-exports-2021", path=DATED))
    assert words.startswith("─ drone-exports-2021 ─") or "drone-exports-2021 ─" in words
    assert "claim Drone exports began in 2021." in words


@pytest.mark.parametrize(
    ("ids", "said"),
    [
        (["trade-12m"], "no claim 'trade-12m'; did you mean 'trade-121m'?"),
        (["TRADE-121M"], "no claim 'TRADE-121M'; did you mean 'trade-121m'?"),
        (["zzzz"], "no claim 'zzzz'"),
        (
            ["ababil2"],
            "'ababil2' is the start of 2 claim ids: "
            "ababil2-built-in-tajikistan, ababil2-range-125mi",
        ),
        (
            ["seed-article"],
            "no claim 'seed-article': that is a source id ('claims sources' lists sources, "
            "'claims list -s seed-article' the claims citing it)",
        ),
        # One bad id among several: nothing is shown, not even the good one.
        (["trade-121m", "nope-nope"], "no claim 'nope-nope'"),
    ],
)
def test_an_id_that_names_no_one_claim_exits_1_saying_why(
    cli: Cli, ids: list[str], said: str
) -> None:
    result = cli("show", "-f", SAMPLE, *ids)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"claims: {said}\n")


def test_several_ids_show_several_panels_in_order(shown: Shown) -> None:
    text = shown("trade-121m", "trade-t")
    assert text.index("trade-121m") < text.index("trade-target-500m")
    assert "$500 million / year" in text


def test_grade_evidence_source_links_and_supersession(shown: Shown) -> None:
    words = flat(shown("trade-2022-total", path=DATED, columns=120))
    assert "grade B2 (source usually reliable; probably true)" in words
    assert "supports ministry-release — Ministry of Trade press release, para 2: " in words
    assert "https://trade.example.gov/releases/2022-11-30" in words
    assert "url https://customs.example.org/stats/2023" in words
    assert "publisher State Customs Committee" in words

    old = flat(shown("drone-exports-2021", path=DATED, columns=120))
    assert "refutes ministry-release" in old and "supports wire-report" in old
    assert "superseded by drone-exports-2021-revised — Drone exports began in the last" in old

    new = flat(shown("drone-exports-2021-r", path=DATED, columns=120))
    assert "supersedes drone-exports-2021 — Drone exports began in 2021." in new
    assert "checked by desk on 2024-02-01" in new

    archived = flat(shown("ministry-report-fr", path=DATED, columns=120))
    assert "archive https://archive.example.net/" in archived


def test_grade_needs_credibility(shown: Shown) -> None:
    # The sample's source is graded F, so a claim with a credibility has a grade.
    assert "grade F3 (source reliability cannot be judged; possibly true)" in flat(
        shown("trade-121m")
    )
    words = flat(shown("tokyo-delegation", path=DATED))
    assert "grade" not in words and "credibility" not in words


def test_json_and_yaml_for_scripts(shown: Shown) -> None:
    data = json.loads(shown("ababil2-r", "--format", "json"))
    assert [c["id"] for c in data] == ["ababil2-range-125mi"]
    assert data[0]["value"] == {
        "amount": 125,
        "unit": "mi",
        "comparator": "eq",
        "metric": "ababil-2-range",
    }
    assert data[0]["source"]["id"] == "seed-article"
    document = yaml.safe_load(shown("ababil2-r", "-F", "yaml"))
    assert document[0]["attribution"]["claimant"] == "Government of Iran"


def test_show_rejects_other_formats(cli: Cli) -> None:
    result = cli("show", "-f", SAMPLE, "trade-121m", "--format", "csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "claims: --format: unknown value 'csv' (choose from panel, json, yaml)\n"
    )


def test_resolve_claim_in_the_core() -> None:
    index = Index(ledger=load(SAMPLE))
    assert resolve_claim(index, "trade-1").id == "trade-121m"
    with pytest.raises(ClaimNotFound, match="did you mean 'trade-121m'") as unknown:
        resolve_claim(index, "trade-12m")
    assert unknown.value.candidates == ()


def test_a_long_list_of_candidates_is_cut_short() -> None:
    claims = tuple(make_claim(f"c{n:02d}") for n in range(12))
    with pytest.raises(ClaimNotFound) as ambiguous:
        resolve_claim(Index(ledger=Ledger(claims=claims)), "c")
    assert len(ambiguous.value.candidates) == 12
    assert ambiguous.value.message == (
        "'c' is the start of 12 claim ids: c00, c01, c02, c03, c04, c05, c06, c07, c08, c09 "
        "and 2 more"
    )
