"""Reading floors: the least any tool could spend to read a ledger, run as a process.

    python bench/floors.py json LEDGER.json       # json.loads of the same data
    python bench/floors.py yaml-events LEDGER.yaml  # libyaml's event stream, nothing built
    python bench/floors.py yaml-compose LEDGER.yaml # PyYAML's C composer, collector paused

``claims validate`` cannot read a ledger faster than ``json.loads`` reads the
same data; the YAML floors say how much of that gap is YAML itself.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import yaml


def main(argv: list[str]) -> int:
    mode, path = argv
    data = Path(path).read_bytes()
    if mode == "json":
        json.loads(data)
    elif mode == "yaml-events":
        for _ in yaml.parse(data, Loader=yaml.CSafeLoader):
            pass
    elif mode == "yaml-compose":
        # A node per scalar: the collector would walk them all again and again.
        gc.disable()
        yaml.compose(data, Loader=yaml.CSafeLoader)
    else:
        print(f"unknown floor {mode!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
