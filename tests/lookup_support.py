"""What the look-up tests share: the ledgers they read and clean ways to run ``claims``."""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import subprocess
import sys
import termios
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from claims_cli.cli import app
from claims_cli.model import Attribution, Claim

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "claims.yaml"
FIXTURES = REPO / "tests" / "fixtures" / "lookup"
DATED = FIXTURES / "dated.yaml"
BROKEN = FIXTURES / "broken.yaml"
WARNINGS = FIXTURES / "warnings.yaml"

#: Variables that change what ``claims`` prints; no test may inherit them.
_ENVIRONMENT = (
    "FORCE_COLOR",
    "NO_COLOR",
    "GITHUB_ACTIONS",
    "CLAIMS_FILE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)

CLAIMS = Path(sys.executable).with_name("claims")
"""The installed console script, next to the interpreter running the tests."""


def make_claim(claim_id: str, *, source: str = "s", **fields: Any) -> Claim:
    """A low-confidence event claim attributed to ``source``, with any other ``fields``."""
    defaults: dict[str, Any] = {
        "claim": f"claim {claim_id}",
        "type": "event",
        "attribution": Attribution(source=source),
        "confidence": "low",
    }
    return Claim(id=claim_id, **{**defaults, **fields})


def invoke(
    args: Sequence[object], *, columns: int = 80, env: Mapping[str, str] | None = None
) -> Result:
    """Run ``claims ARGS`` in-process with a clean environment, stdout not a terminal."""
    clean: dict[str, str | None] = dict.fromkeys(_ENVIRONMENT)
    clean["COLUMNS"] = str(columns)
    clean.update(env or {})
    return CliRunner().invoke(app, [str(a) for a in args], env=clean)


def clean_environ(**extra: str) -> dict[str, str]:
    """``os.environ`` without the variables that change output, plus ``extra``."""
    environ = {k: v for k, v in os.environ.items() if k not in _ENVIRONMENT and k != "COLUMNS"}
    environ.update(extra)
    return environ


def run_claims(
    args: Sequence[object], *, cwd: Path | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``claims`` as a real process with stdout and stderr piped."""
    return subprocess.run(
        [str(CLAIMS), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or REPO,
        env=clean_environ(**extra),
        timeout=60,
        check=False,
    )


def run_in_terminal(
    args: Sequence[object], *, columns: int = 80, expect: int | None = 0, **extra: str
) -> str:
    """Run ``claims ARGS`` on a pseudo-terminal.

    The terminal is ``columns`` wide; returns everything it showed, stdout and
    stderr together as a person would see them, with ``\n`` line ends. The
    exit code must be ``expect`` unless that is None.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    environ = clean_environ(COLUMNS=str(columns), TERM="xterm-256color", **extra)
    process = subprocess.Popen(
        [str(CLAIMS), *map(str, args)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=environ,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:  # Linux reports EIO once the other side is closed
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    code = process.wait(timeout=60)
    assert expect is None or code == expect, (code, chunks)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
