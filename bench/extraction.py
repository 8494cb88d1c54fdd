"""``python -m bench.extraction``: recall and precision of ``claims extract``.

Two articles, each with the quotes a fact-checker took from it:

* ``../shared/seed-article.txt`` (beside the repository, never inside it)
  against the quotes of the sample ledger, ``claims.yaml``;
* ``bench/articles/harbour-expansion.txt``, an article of our own, against
  its answer key written by hand, ``harbour-expansion.key.yaml``.

A candidate matches a claim when their quotes overlap in the article.
Recall is the share of claims some candidate matches; precision the share
of candidates that match some claim. ``--verbose`` lists what was missed
and what was proposed in vain.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from claims_cli.text.article import read_article
from claims_cli.text.extract import MIN_SCORE, Candidate, candidates
from claims_cli.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed-article.txt"
OWN = REPO / "bench" / "articles" / "harbour-expansion.txt"
OWN_KEY = REPO / "bench" / "articles" / "harbour-expansion.key.yaml"


@dataclass(frozen=True)
class Score:
    """How one article's candidates compare with its claims."""

    name: str
    claims: int
    candidates: int
    found: int
    right: int
    missed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.claims if self.claims else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.candidates if self.candidates else 0.0


def span_of(quote: str, text: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``, exactly or after normalising both."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    haystack, needle = normalize(text), normalize(quote).text
    at = haystack.text.find(needle)
    if at < 0:
        return None
    return haystack.original_span(at, at + len(needle))


def score(name: str, text: str, quotes: Sequence[str], found: Sequence[Candidate]) -> Score:
    """Match ``found`` against the claims' ``quotes`` by overlapping spans."""
    spans = [(quote, span_of(quote, text)) for quote in quotes]
    located = [(quote, span) for quote, span in spans if span is not None]
    if len(located) != len(spans):
        lost = [quote for quote, span in spans if span is None]
        print(f"{name}: {len(lost)} quotes are not in the article: {lost}", file=sys.stderr)

    def overlaps(candidate: Candidate, span: tuple[int, int]) -> bool:
        return candidate.start < span[1] and span[0] < candidate.end

    missed = tuple(q for q, s in located if not any(overlaps(c, s) for c in found))
    extra = tuple(c.quote for c in found if not any(overlaps(c, s) for _, s in located))
    return Score(
        name=name,
        claims=len(located),
        candidates=len(found),
        found=len(located) - len(missed),
        right=len(found) - len(extra),
        missed=missed,
        extra=extra,
    )


def _article(path: Path) -> str:
    return read_article(path.read_bytes(), name=path.name).text


def seed_score(min_score: int) -> Score | None:
    """The seed article against the sample ledger's quotes; None when it is not there."""
    if not SEED.is_file():
        return None
    text = _article(SEED)
    ledger = yaml.safe_load((REPO / "claims.yaml").read_text("utf-8"))
    quotes = [c["quote"] for c in ledger["claims"] if c.get("quote")]
    return score("seed article", text, quotes, candidates(text, min_score=min_score))


def own_score(min_score: int) -> Score:
    """Our own article against its hand-made answer key."""
    text = _article(OWN)
    key = yaml.safe_load(OWN_KEY.read_text("utf-8"))
    quotes = [c["quote"] for c in key["claims"]]
    return score("harbour-expansion", text, quotes, candidates(text, min_score=min_score))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--min-score", type=int, default=MIN_SCORE)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    scores = []
    seed = seed_score(args.min_score)
    if seed is None:
        print(
            f"seed article: not found at {SEED} (it is kept beside the repository, in "
            "../shared/, and never in it); scoring our own article only",
            file=sys.stderr,
        )
    else:
        scores.append(seed)
    scores.append(own_score(args.min_score))
    print(f"claims extract, --min-score {args.min_score}")
    print(
        f"{'article':<20} {'claims':>6} {'proposed':>8} {'found':>5} {'recall':>6} {'precision':>9}"
    )
    for item in scores:
        print(
            f"{item.name:<20} {item.claims:>6} {item.candidates:>8} {item.found:>5} "
            f"{item.recall:>6.0%} {item.precision:>9.0%}"
        )
        if args.verbose:
            for quote in item.missed:
                print(f"  missed:   {quote}")
            for quote in item.extra:
                print(f"  in vain:  {quote}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
