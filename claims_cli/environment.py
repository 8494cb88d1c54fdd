"""Everything ``claims`` learns from the world outside its arguments, read once.

The :class:`Environment` holds the date, the limits, the standard streams and
whether they are terminals, colour, the output encoding, the CI variables and
the repository root. It is built once at start-up by :meth:`Environment.from_os`
and passed down; nothing else in ``claims`` reads ``os.environ`` or ``sys.std*``,
so tests construct one directly instead of spawning terminals (as httpie does).
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO, cast

#: A claim file larger than this is refused before it is read (override with
#: ``CLAIMS_MAX_FILE_SIZE``, in bytes or with a ``K``/``M``/``G`` suffix).
#: 100,000 generated claims make a 61 MB file; this admits twice that.
DEFAULT_MAX_FILE_BYTES = 128 * 1024 * 1024
#: The width tables and panels are drawn to when nothing says otherwise.
DEFAULT_COLUMNS = 80


class SettingError(ValueError):
    """An environment variable is set to something ``claims`` cannot use."""


def parse_today(text: str) -> date:
    """``CLAIMS_TODAY``: a full ``YYYY-MM-DD`` date that exists."""
    from claims_cli.dates import is_full_date

    if not is_full_date(text):
        raise SettingError(f"CLAIMS_TODAY: '{text}' is not a real date (use YYYY-MM-DD)")
    return date.fromisoformat(text)


#: The largest size limit ``parse_size`` accepts. A claim file is read into
#: memory whole, so a limit beyond this is a mistake, not a wish.
MAX_SIZE_SETTING = 1024**3
_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?) *([KMG]?)B?", re.ASCII | re.IGNORECASE)
_SCALE = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(text: str, name: str = "CLAIMS_MAX_FILE_SIZE") -> int:
    """A size in bytes: ``1000``, ``64K``, ``1.5M``, ``1G`` (a trailing ``B`` is allowed).

    ASCII digits only, more than zero and at most ``MAX_SIZE_SETTING``;
    anything else raises :class:`SettingError` naming the setting.
    """
    from decimal import Decimal

    shown = text if len(text) <= 40 else text[:37] + "..."
    match = _SIZE.fullmatch(text)
    if not match:
        raise SettingError(f"{name}: '{shown}' is not a size (bytes, or a number with K, M or G)")
    # Decimal, not float: a long run of digits is a clear "too large", never
    # an infinity that overflows when it is turned back into an int.
    size = Decimal(match[1]) * _SCALE[match[2].upper()]
    if size <= 0:
        raise SettingError(f"{name}: '{shown}' is not a size (it must be more than 0)")
    if size > MAX_SIZE_SETTING:
        raise SettingError(
            f"{name}: '{shown}' is too large (at most 1G; split a ledger this big "
            "into several files in a directory)"
        )
    return max(1, int(size))


class ClosedStream:
    """A standard stream the process was started without (``claims list >&-``).

    Python then leaves ``sys.stdout`` (or ``stdin``, ``stderr``) as None.
    This stands in for it: not a terminal, and every read or write raises
    :class:`OSError` (``EBADF``, "it is closed") for the caller to report.
    """

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, name: str) -> None:
        self.name = f"<{name}>"

    def _closed(self, *args: object, **kwargs: object) -> Any:
        raise OSError(errno.EBADF, "it is closed")

    write = read = readline = flush = fileno = _closed

    @property
    def buffer(self) -> Any:
        return self._closed()

    def isatty(self) -> bool:
        return False


def user_cache_dir(environ: Mapping[str, str]) -> Path | None:
    """``CLAIMS_CACHE_DIR``, else ``claims`` in the user's cache directory (platformdirs)."""
    chosen = environ.get("CLAIMS_CACHE_DIR", "")
    if chosen:
        return Path(chosen)
    try:
        from platformdirs import user_cache_path
    except ImportError:  # pragma: no cover - a dependency; without it, no index
        return None
    return user_cache_path("claims", appauthor=False)


class _ProcessStream:
    """``sys.stdin``/``stdout``/``stderr`` as they are when used, not when made.

    An :class:`Environment` made before a run (by a test, say) writes where
    the run's standard output is: a test runner that swaps ``sys.stdout``
    for the run still captures what is written. A stream the process has
    not got (None) is a :class:`ClosedStream`.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        stream = getattr(sys, self._name)
        return getattr(ClosedStream(self._name) if stream is None else stream, attribute)

    def __repr__(self) -> str:
        return f"<the process's {self._name}>"


def process_stream(name: str) -> TextIO:
    """The process's ``stdin``, ``stdout`` or ``stderr``, looked up at each use."""
    return cast(TextIO, _ProcessStream(name))


#: The widest that terminal output is drawn: a panel fills the width, so
#: ``COLUMNS=99999999`` would otherwise take gigabytes and minutes.
MAX_COLUMNS = 1000


def parse_columns(text: str | None) -> int | None:
    """``COLUMNS``: a positive whole number of character cells (at most ``MAX_COLUMNS``), else None.

    ASCII digits only (``int("²")`` fails where ``"²".isdigit()`` does not).
    """
    digits = (text or "").strip()
    if not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits) > len(str(MAX_COLUMNS)):
        return MAX_COLUMNS
    return min(int(digits), MAX_COLUMNS) or None


def _terminal_columns(stream: TextIO) -> int | None:
    try:
        return min(os.get_terminal_size(stream.fileno()).columns, MAX_COLUMNS) or None
    except (AttributeError, ValueError, OSError):  # not a terminal, or no descriptor
        return None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _current_directory() -> Path:
    """Where ``claims`` runs; a directory removed under the shell is a :class:`SettingError`."""
    try:
        return Path.cwd()
    except OSError as exc:
        raise SettingError(
            f"cannot use the current directory ({exc.strerror or exc}); was it removed? "
            "cd to one that exists"
        ) from None


@dataclass(frozen=True, kw_only=True)
class Environment:
    """What one run of ``claims`` may know about its surroundings."""

    today: date
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    #: The standard streams; by default the process's, as they are when used.
    stdin: TextIO = field(default_factory=lambda: process_stream("stdin"), repr=False)
    stdout: TextIO = field(default_factory=lambda: process_stream("stdout"), repr=False)
    stderr: TextIO = field(default_factory=lambda: process_stream("stderr"), repr=False)
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    #: Whether standard error is a terminal: long work shows its progress there.
    stderr_isatty: bool = False
    #: ``--quiet``: no progress, even on a terminal.
    quiet: bool = False
    #: Seconds from some fixed moment (how long work has taken, not the date).
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    #: How many character cells wide terminal output is drawn (``COLUMNS``, else
    #: the terminal's width, else 80).
    columns: int = DEFAULT_COLUMNS
    #: Whether terminal output may be coloured (``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``).
    color: bool = False
    #: The encoding of standard output; text it cannot hold is written as escapes.
    encoding: str = "utf-8"
    #: ``GITHUB_ACTIONS=true``: validation reports default to annotations.
    github_actions: bool = False
    #: ``GITHUB_WORKSPACE``, where CI paths are relative to, when set.
    github_workspace: Path | None = None
    #: ``CLAIMS_FILE``: the ledger to use when no file is named.
    claims_file: str | None = None
    cwd: Path = field(default_factory=Path.cwd)
    #: Where look-ups keep their index (``CLAIMS_CACHE_DIR``, else the user's
    #: cache directory); None: no index, every look-up reads the files.
    cache_dir: Path | None = None

    @classmethod
    def from_os(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdout_isatty: bool | None = None,
    ) -> Environment:
        """The environment of this process. Raises :class:`SettingError` for a bad setting.

        ``environ`` and the streams default to the process's own;
        ``stdout_isatty`` says whether standard output is a terminal instead
        of asking it (colour and width follow from it as they would).
        """
        env = os.environ if environ is None else environ
        stdin = stdin or process_stream("stdin")
        stdout = stdout or process_stream("stdout")
        stderr = stderr or process_stream("stderr")
        fixed = env.get("CLAIMS_TODAY", "").strip()
        size = env.get("CLAIMS_MAX_FILE_SIZE", "").strip()
        is_tty = _is_terminal(stdout) if stdout_isatty is None else stdout_isatty
        if env.get("NO_COLOR"):
            color = False
        elif env.get("FORCE_COLOR"):
            color = True
        else:
            color = is_tty and env.get("TERM") != "dumb"
        workspace = env.get("GITHUB_WORKSPACE")
        return cls(
            today=parse_today(fixed) if fixed else date.today(),
            max_file_bytes=parse_size(size) if size else DEFAULT_MAX_FILE_BYTES,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            stdin_isatty=_is_terminal(stdin),
            stdout_isatty=is_tty,
            stderr_isatty=_is_terminal(stderr),
            columns=parse_columns(env.get("COLUMNS"))
            or (_terminal_columns(stdout) if is_tty else None)
            or DEFAULT_COLUMNS,
            color=color,
            encoding=getattr(stdout, "encoding", None) or "utf-8",
            github_actions=env.get("GITHUB_ACTIONS") == "true",
            github_workspace=Path(workspace) if workspace else None,
            claims_file=env.get("CLAIMS_FILE") or None,
            cwd=_current_directory(),
            cache_dir=user_cache_dir(env),
        )

    @cached_property
    def repository_root(self) -> Path | None:
        """Where CI paths are relative to: ``GITHUB_WORKSPACE``, else the enclosing git checkout."""
        if self.github_workspace is not None:
            return self.github_workspace.resolve()
        here = self.cwd.resolve()
        return next((p for p in (here, *here.parents) if (p / ".git").exists()), None)
