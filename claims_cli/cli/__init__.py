"""The command-line layer: parse options, call the core, render.

Command modules import the core lazily inside each command, so that starting
``claims list`` loads only what listing needs.
"""

from __future__ import annotations

import sys

from claims_cli.cli.app import app
from claims_cli.cli.commands import author as _author  # noqa: F401
from claims_cli.cli.commands import cache as _cache  # noqa: F401

# Importing a command module registers its commands on the app.
from claims_cli.cli.commands import export as _export  # noqa: F401
from claims_cli.cli.commands import lookup as _lookup  # noqa: F401
from claims_cli.cli.commands import validate as _validate  # noqa: F401
from claims_cli.environment import process_stream

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``claims`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        process_stream("stderr").write("claims: interrupted\n")
        sys.exit(130)
