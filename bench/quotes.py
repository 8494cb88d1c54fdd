"""Quote checking at scale: a 1 MB snapshot and a thousand quotes, as ``claims validate`` runs.

``python -m bench.quotes`` writes, in a temporary folder, a snapshot of about
1 MB of generated prose (paragraphs of sentences with figures, curly quotes
and line breaks) and a ledger of one source and 1,000 claims quoting it: most
quotes exact, some across a line break or with straight quotes for curly
ones, and 1% misquoted (a figure changed), so the closest-passage search runs
too. It then times ``claims validate --strict`` on it (median of ``--runs``
runs, in one process each) and prints the result; the target is under a
second. ``--size`` and ``--quotes`` change the scale.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    *("council", "port", "trade", "minister", "bridge", "grain", "harbour", "budget"),
    *("report", "tonnes", "region", "agency", "survey", "drone", "plant", "border"),
    *("treaty", "election", "turnout", "vaccine", "clinic", "school"),
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    figure = f"${rng.randint(2, 900)} million" if rng.random() < 0.3 else str(rng.randint(10, 99))
    words.insert(rng.randint(1, len(words) - 1), figure)
    if rng.random() < 0.2:
        words[2] = f"“{words[2]}"
        words[5] = f"{words[5]}”"
    return " ".join(words).capitalize() + "."


def snapshot(rng: random.Random, size: int) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < size:
        lines = [" ".join(sentence(rng) for _ in range(2)) for _ in range(rng.randint(1, 3))]
        text = "\n".join(lines)
        paragraphs.append(text)
        total += len(text) + 2
    return "\n\n".join(paragraphs) + "\n"


def ledger(rng: random.Random, text: str, quotes: int) -> tuple[str, int]:
    """The ledger's text, and how many of its quotes are misquoted."""
    paragraphs = text.split("\n\n")
    claims: list[str] = []
    wrong = 0
    for n in range(quotes):
        number = rng.randrange(len(paragraphs))
        words = paragraphs[number].split(" ")
        start = rng.randrange(max(1, len(words) - 8))
        quote = " ".join(words[start : start + 8])
        quote = quote.replace("“", '"').replace("”", '"') if n % 3 == 0 else quote
        if n % 100 == 99:
            quote = quote + " 7777"
            wrong += 1
        escaped = quote.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        claims.append(
            f"  - id: q{n}\n    claim: Claim {n}.\n    type: statement\n"
            f'    quote: "{escaped}"\n    attribution: {{source: s, locator: para {number + 1}}}\n'
            "    confidence: low\n"
        )
    digest = hashlib.sha256(text.encode()).hexdigest()
    head = (
        "version: 1\nsources:\n  - id: s\n    title: Generated\n"
        f"    snapshot: snapshot.txt\n    sha256: {digest}\nclaims:\n"
    )
    return head + "".join(claims), wrong


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="snapshot size in bytes")
    parser.add_argument("--quotes", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        text = snapshot(rng, args.size)
        (root / "snapshot.txt").write_text(text, encoding="utf-8")
        body, wrong = ledger(rng, text, args.quotes)
        (root / "claims.yaml").write_text(body, encoding="utf-8")
        plain = root / "plain.yaml"
        plain.write_text(
            "\n".join(
                line
                for line in body.splitlines()
                if "snapshot" not in line and "sha256" not in line
            )
            + "\n",
            encoding="utf-8",
        )
        times: dict[str, list[float]] = {"claims.yaml": [], "plain.yaml": []}
        found = 0
        for _ in range(args.runs):
            for name, taken in times.items():
                began = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "claims_cli", "validate", name],
                    cwd=root,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                taken.append(time.perf_counter() - began)
                if name == "claims.yaml":
                    found = done.stdout.count(" E404 ")
        with_quotes = statistics.median(times["claims.yaml"])
        without = statistics.median(times["plain.yaml"])
        print(
            f"snapshot {len(text.encode()):,} bytes, {args.quotes:,} quotes "
            f"({wrong} misquoted, {found} reported), median of {args.runs}:\n"
            f"  claims validate, quotes checked:     {with_quotes:.2f} s\n"
            f"  claims validate, the same ledger without its snapshot: {without:.2f} s\n"
            f"  checking the quotes:                 {with_quotes - without:.2f} s"
        )


if __name__ == "__main__":
    main()
