"""``python -m scripts.html_screenshot``: a picture of a ledger's web page, for the docs.

Exports the ledger with ``claims export --format html`` (as installed in
this environment; ``CLAIMS_TODAY`` sets the report date) and photographs the
top of the page in headless Chromium, ``--width`` × ``--height`` CSS pixels.
The README's pictures are made with::

    CLAIMS_TODAY=2026-11-28 python -m scripts.html_screenshot -o docs/html-report.png
    CLAIMS_TODAY=2026-11-28 python -m scripts.html_screenshot --width 360 --height 1200 \\
        -o docs/html-report-360.png
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.chromium import Chromium, file_url, find_chromium


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.html_screenshot")
    parser.add_argument("-f", "--file", default="claims.yaml", help="the ledger (claims.yaml)")
    parser.add_argument("-o", "--output", required=True, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--height", type=int, default=820)
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        parser.error("Chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="claims-screenshot-") as folder:
        page_file = Path(folder) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "claims_cli", "export", "-f", args.file, "-o", str(page_file)],
            check=True,
        )
        with Chromium(executable) as browser:
            page = browser.new_page(width=args.width, height=args.height)
            page.open(file_url(page_file))
            Path(args.output).write_bytes(page.screenshot())
    print(f"wrote {args.output} ({args.width} x {args.height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
