"""Benchmark: ``claims validate`` on a ledger whose references are all misspelt.

Every claim cites a source id that does not exist but is one letter away from
one that does, so each reference asks for a "did you mean". Run from the
repository root:

    python bench/near_miss_bench.py [--claims 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ledger(claims: int) -> str:
    lines = ["version: 1", "sources:"]
    lines += [f"  - {{id: wire-report-{s}, title: Report {s}}}" for s in range(claims)]
    lines.append("claims:")
    lines += [
        f"  - {{id: claim-{c}, claim: Claim {c}., type: event, "
        f"attribution: {{source: wire-reprot-{c}}}, confidence: low}}"
        for c in range(claims)
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    print("claims  seconds")
    with tempfile.TemporaryDirectory() as folder:
        for count in args.claims:
            path = Path(folder) / f"misspelt-{count}.yaml"
            path.write_text(ledger(count), encoding="utf-8")
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "claims_cli", "validate", str(path)],
                capture_output=True,
                check=False,
            )
            print(f"{count:>6}  {time.perf_counter() - started:7.2f}")


if __name__ == "__main__":
    main()
