"""Exit codes of every ``claims`` command, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What a ``claims`` process tells its caller."""

    OK = 0
    """Success: no errors (warnings allowed), or a look-up with no match."""
    PROBLEMS = 1
    """The claim files have errors (or warnings under ``--strict``), or a look-up failed."""
    USAGE = 2
    """The command line itself is wrong: an unknown option value, a missing file."""
    SOFTWARE = 70
    """Something went wrong inside ``claims`` (EX_SOFTWARE): a bug, said in one line."""
