"""'Did you mean' gives difflib's answers, at a cost that does not grow with difflib's."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli.check import near_miss
from claims_cli.check.diagnostics import did_you_mean
from claims_cli.check.near_miss import MAX_SCORED, NearMisses


def reference(word: str, choices: list[str] | set[str]) -> str:
    """What did_you_mean answered when it asked difflib about every candidate."""
    folded = {choice.casefold(): choice for choice in sorted(choices, reverse=True)}
    close = difflib.get_close_matches(word.casefold(), sorted(folded), n=1, cutoff=0.6)
    return f"; did you mean '{folded[close[0]]}'?" if close else ""


def test_the_documented_hints() -> None:
    levels = ["very-low", "low", "medium", "high", "very-high"]
    assert did_you_mean("medum", levels) == "; did you mean 'medium'?"
    assert did_you_mean("TRADE-121M", {"trade-121m", "trade-120m"}) == (
        "; did you mean 'trade-121m'?"
    )
    assert did_you_mean("confidance", ("confidence", "credibility")) == (
        "; did you mean 'confidence'?"
    )
    assert did_you_mean("zzz", levels) == ""
    assert did_you_mean("anything", []) == ""


def test_a_tie_goes_where_difflib_sends_it() -> None:
    # 'ab' is as close to 'ac' as to 'bb'; difflib picks the larger candidate.
    for choices in (["ac", "bb"], ["bb", "ac"], {"AC", "bb"}):
        assert did_you_mean("ab", choices) == reference("ab", choices)
    # Of two spellings that differ only in case, the smaller one answers.
    assert did_you_mean("medum", ["Medium", "medium"]) == "; did you mean 'Medium'?"


def test_many_candidates_find_the_one_letter_away() -> None:
    ids = [f"wire-report-{n}" for n in range(5_000)]
    assert did_you_mean("wire-reprot-4321", ids) == "; did you mean 'wire-report-4321'?"
    assert did_you_mean("Wire-Report-4321", ids) == "; did you mean 'wire-report-4321'?"


words = st.text(alphabet="abcdeAB-1", max_size=12)


@settings(max_examples=400, deadline=None)
@given(word=words, choices=st.lists(words, max_size=MAX_SCORED))
def test_same_answer_as_difflib(word: str, choices: list[str]) -> None:
    assert did_you_mean(word, choices) == reference(word, choices)


def test_the_index_is_built_once_per_set() -> None:
    from claims_cli.check.near_miss import near_misses

    choices = [f"source-{n}" for n in range(100)]
    first = near_misses(frozenset(choices))
    assert isinstance(first, NearMisses)
    assert near_misses(frozenset(reversed(choices))) is first
    assert near_misses(frozenset(choices[1:])) is not first
    assert first.best("sourse-42") == "source-42"


def test_near_misses_stop_when_their_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each question costs one comparison per candidate: 10 candidates, a budget
    # of 25, so two new words are answered and the third is not.
    monkeypatch.setattr(near_miss, "BUDGET", 25)
    index = near_miss.NearMisses(frozenset(f"claim-{n}" for n in range(10)))
    assert index.best("claim-1x") == "claim-1"
    assert index.best("claim-2x") == "claim-2"
    assert index.best("claim-3x") is None
    assert index.best("claim-1x") == "claim-1"  # asked before: its answer is kept
