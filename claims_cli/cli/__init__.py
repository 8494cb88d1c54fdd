"""The command-line layer: parse options, call the core, render.

Command modules import the core lazily inside each command, so that starting
``claims list`` loads only what listing needs.
"""

from __future__ import annotations

import os
import sys

# Importing a command module registers its commands on the app.
from claims_cli.cli import export as _export  # noqa: F401
from claims_cli.cli import lookup as _lookup  # noqa: F401
from claims_cli.cli import validate as _validate  # noqa: F401
from claims_cli.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``claims`` console script."""
    try:
        app()
    except BrokenPipeError:
        # The reader went away (``claims list | head -1``): stop quietly, and
        # point stdout at devnull so the interpreter's final flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("claims: interrupted\n")
        sys.exit(130)
