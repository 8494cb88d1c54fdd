"""Find the near miss for a misspelt word among many candidates, cheaply.

The answer is difflib's (``get_close_matches`` with n=1: the best ratio at or
above the cutoff, ties to the larger candidate), compared without case. What
changes is the cost: difflib computes a ratio for every candidate, so 1,000
misspelt references among 1,000 ids took 20 seconds. Here the candidates are
indexed once per set, and rapidfuzz bounds each ratio from above in C (its
Indel similarity is ``2 * LCS / total``, and difflib's matching blocks are a
common subsequence, so never longer than the LCS); difflib then runs only on
the few candidates whose bound could still win.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

CUTOFF = 0.6
#: How many candidates difflib may score for one word. Only a set built to
#: defeat the bound (many candidates whose common subsequences difflib cannot
#: find) reaches it; the best found so far is the answer then.
MAX_SCORED = 50
_EPSILON = 1e-9  # the two libraries compute the same fractions in floating point
#: rapidfuzz turns a score cutoff into a whole-number distance, and a cutoff of
#: exactly 0.6 can round one candidate too many away; difflib has the last word.
_PREFILTER = CUTOFF - 0.1
#: How many candidate comparisons one set of candidates may cost in a run.
#: Each question costs as many as there are candidates, so a ledger of
#: 100,000 claims whose every ``supersedes`` is misspelt would otherwise cost
#: 10^10 of them; past this budget the remaining problems are still reported,
#: without a "did you mean". Well under a second of work.
BUDGET = 5_000_000


class NearMisses:
    """An index of candidates, built once and asked many times."""

    def __init__(self, choices: frozenset[str]) -> None:
        # Compare without case, so 'TRADE-121M' still finds 'trade-121m'; of
        # two candidates that differ only in case, the smaller one answers.
        self.original: dict[str, str] = {}
        for choice in sorted(choices, reverse=True):
            self.original[choice.casefold()] = choice
        # Largest first: rapidfuzz breaks ties in bound by position, and
        # difflib breaks ties in score towards the larger candidate.
        self.folded = sorted(self.original, reverse=True)
        self.budget = BUDGET
        self.answers: dict[str, str | None] = {}

    def best(self, word: str) -> str | None:
        """The candidate closest to ``word``, if any is close enough.

        None as well once this set's :data:`BUDGET` is spent (a word asked
        before keeps its answer).
        """
        wanted = word.casefold()
        if wanted in self.answers:
            return self.answers[wanted]
        cost = max(1, len(self.folded))
        if cost > self.budget:
            return None
        self.budget -= cost
        found = self._best(wanted)
        self.answers[wanted] = found
        return found

    def _best(self, wanted: str) -> str | None:
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        # The few highest bounds, chosen in C without sorting every candidate.
        bounded = process.extract(
            wanted,
            self.folded,
            scorer=Indel.normalized_similarity,
            limit=MAX_SCORED,
            score_cutoff=_PREFILTER,
        )
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(wanted)
        best: tuple[float, str] | None = None
        for choice, bound, _ in bounded:
            if best is not None and bound < best[0] - _EPSILON:
                break  # no candidate left can reach the best score
            matcher.set_seq1(choice)
            score = matcher.ratio()
            if score >= CUTOFF and (best is None or (score, choice) > best):
                best = (score, choice)
        return self.original[best[1]] if best else None


@lru_cache(maxsize=16)
def near_misses(choices: frozenset[str]) -> NearMisses:
    """The index for a set of candidates; asking again with the same set reuses it."""
    return NearMisses(choices)
