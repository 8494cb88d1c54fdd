"""Benchmark: ``claims validate`` against check-jsonschema on generated ledgers.

Prints a table of wall-clock times (best of several runs) and the ratio of the
two, measured in the same run on the same files. Run from the repository root:

    python bench/validate_bench.py [--claims 1000 10000] [--repeat 3]

Numbers depend on the machine; the ratio is what to watch. check-jsonschema
only checks the schema, while claims also runs its semantic checks.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def ledger(claims: int) -> str:
    lines = ["version: 1", "sources:"]
    sources = max(1, claims // 20)
    for s in range(sources):
        lines += [
            f"  - id: source-{s}",
            f"    title: Source number {s}",
            f"    url: https://example.org/{s}",
            '    published: "2022-06"',
            '    accessed: "2022-07-01"',
            "    kind: news",
            "    reliability: C",
        ]
    lines.append("claims:")
    for c in range(claims):
        lines += [
            f"  - id: claim-{c}",
            f"    claim: Claim number {c} says trade grew by {c} million dollars.",
            "    type: statistic",
            f'    quote: "grew by ${c} million"',
            f"    value: {{amount: {c * 1_000_000}, unit: USD, comparator: gt}}",
            "    tags: [trade, economy]",
            f"    attribution: {{source: source-{c % sources}, claimant: Ministry, "
            "claimant_type: government, locator: para 3}",
            "    confidence: medium",
        ]
    return "\n".join(lines) + "\n"


def best_time(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    claims = shutil.which("claims") or sys.exit("install claims first: pip install -e .")
    peer = shutil.which("check-jsonschema") or sys.exit("pip install check-jsonschema")
    schema = str(REPO / "schema.json")
    header = ("claims", "size", "claims validate", "check-jsonschema", "ratio")
    print("{:>8} {:>9} {:>16} {:>17} {:>6}".format(*header))
    with tempfile.TemporaryDirectory() as folder:
        for count in args.claims:
            path = Path(folder) / f"ledger-{count}.yaml"
            path.write_text(ledger(count), encoding="utf-8")
            ours = best_time([claims, "validate", str(path)], args.repeat)
            theirs = best_time([peer, "--schemafile", schema, str(path)], args.repeat)
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            print(f"{count:>8} {size:>9} {ours:>15.2f}s {theirs:>16.2f}s {theirs / ours:>5.1f}x")


if __name__ == "__main__":
    main()
