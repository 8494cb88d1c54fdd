"""The command-line layer: parse options, call the core, render.

Command modules import the core lazily inside each command, so that starting
``claims list`` loads only what listing needs.
"""

from __future__ import annotations

import io
import sys

from claims_cli.cli.app import app
from claims_cli.cli.commands import author as _author  # noqa: F401
from claims_cli.cli.commands import cache as _cache  # noqa: F401
from claims_cli.cli.commands import coverage as _coverage  # noqa: F401

# Importing a command module registers its commands on the app.
from claims_cli.cli.commands import export as _export  # noqa: F401
from claims_cli.cli.commands import figures as _figures  # noqa: F401
from claims_cli.cli.commands import locate as _locate  # noqa: F401
from claims_cli.cli.commands import lookup as _lookup  # noqa: F401
from claims_cli.cli.commands import review as _review  # noqa: F401
from claims_cli.cli.commands import sources as _sources  # noqa: F401
from claims_cli.cli.commands import validate as _validate  # noqa: F401
from claims_cli.cli.common import ESCAPE_ERRORS, tell
from claims_cli.environment import process_stream
from claims_cli.exitcodes import ExitStatus

__all__ = ["app", "main"]


def _escape_what_cannot_be_encoded() -> None:
    """Let the process's stdout and stderr write escapes for what their encoding lacks.

    Under ``PYTHONIOENCODING=ascii``, or on a console in a legacy code page,
    ``≈`` is written as ``\u2248`` instead of failing; the toolkit's help,
    which is printed without passing through :class:`~claims_cli.cli.common.Output`,
    included.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ESCAPE_ERRORS)


def main() -> None:
    """Entry point of the ``claims`` console script.

    No traceback ever reaches a user: whatever a command lets escape is said
    in one line, ``claims: internal error: TYPE: what``, with exit status
    70. (Tests call the application itself and see the exception.)
    """
    _escape_what_cannot_be_encoded()
    try:
        app()
    except KeyboardInterrupt:
        tell(process_stream("stderr"), "interrupted")
        sys.exit(130)
    except Exception as exc:  # the last resort: a bug, or a failure nobody foresaw
        reason = str(exc) or "(no details)"
        tell(process_stream("stderr"), f"internal error: {type(exc).__name__}: {reason}")
        sys.exit(ExitStatus.SOFTWARE)
