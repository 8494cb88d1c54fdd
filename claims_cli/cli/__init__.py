"""The command-line layer: parse options, call the core, render.

Command modules import the core lazily inside each command, so that starting
``claims list`` loads only what listing needs; and :func:`main` imports only the
module of the command it runs (:func:`register`).
"""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Sequence

from claims_cli.cli.app import app
from claims_cli.cli.common import ESCAPE_ERRORS, tell
from claims_cli.environment import process_stream
from claims_cli.exitcodes import ExitStatus

__all__ = ["COMMANDS", "COMMAND_MODULES", "app", "main", "register"]

#: The modules of ``claims_cli.cli.commands`` whose import registers commands on
#: the app, in the order ``claims --help`` lists their commands.
COMMAND_MODULES = (
    "author",
    "cache",
    "coverage",
    "export",
    "figures",
    "locate",
    "lookup",
    "review",
    "sources",
    "validate",
)
#: Each command word and the modules that register it (and its subcommands), so
#: that ``claims validate`` imports the validate command alone: a tenth of its
#: start-up was importing the other commands. A test holds this to the app.
COMMANDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("init", "add", "set", "rm"), ("author",)),
    "coverage": ("coverage",),
    "export": ("export",),
    **dict.fromkeys(("conflicts", "extract"), ("figures",)),
    "locate": ("locate",),
    **dict.fromkeys(("list", "show", "sources", "stats"), ("lookup",)),
    **dict.fromkeys(("diff", "log", "queue"), ("review",)),
    **dict.fromkeys(("validate", "schema"), ("validate",)),
    "source": ("author", "sources"),
    "cache": ("cache",),
}
#: Top-level options that take no value and leave the command word to come.
_FLAGS = ("--no-cache", "--quiet")


def register(modules: Sequence[str] = COMMAND_MODULES) -> None:
    """Register the commands of ``modules`` (every command by default) on the app.

    :func:`main` registers only the command it runs; anything else that runs
    ``app`` in process (the tests, the CLI reference) calls this first.
    """
    for name in COMMAND_MODULES:
        if name in modules:
            importlib.import_module(f"claims_cli.cli.commands.{name}")


def _command_word(args: Sequence[str]) -> str | None:
    """The command a command line names, when only flags stand before it."""
    for arg in args:
        if arg in _FLAGS:
            continue
        return None if arg.startswith("-") else arg
    return None


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
    # Help, completion, an option first or a word that is no command: every command,
    # so that lists and near misses name them all.
    register(COMMANDS.get(_command_word(sys.argv[1:]) or "", COMMAND_MODULES))
    try:
        app()
    except KeyboardInterrupt:
        tell(process_stream("stderr"), "interrupted")
        sys.exit(130)
    except Exception as exc:  # the last resort: a bug, or a failure nobody foresaw
        reason = str(exc) or "(no details)"
        tell(process_stream("stderr"), f"internal error: {type(exc).__name__}: {reason}")
        sys.exit(ExitStatus.SOFTWARE)
