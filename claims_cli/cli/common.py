"""Where a command's output goes: the run's streams, quietly closed pipes, refusals.

Everything ``claims`` prints passes through here, so three promises are kept
in one place: a line on stderr is one line whatever it quotes (controls in
a file name or a value are shown as escapes), text a stream's encoding
cannot hold is written as escapes rather than failing, and a stream that
is closed or full ends the command with a message, never a traceback.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus

if TYPE_CHECKING:
    from rich.console import RenderableType

    from claims_cli.check.diagnostics import Diagnostic


class StreamError(Exception):
    """Standard output cannot be written (closed, full, failing); ``str()`` says why."""


#: The codec error handler :func:`encodable` writes with (see :func:`_escape_unencodable`).
ESCAPE_ERRORS = "claims.escape"


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """What an encoding cannot hold, as ``\\uXXXX`` (a pair of them beyond the BMP).

    The one escape that reads the same in a JSON string, a YAML quoted
    string and to a person: JSON written to an ASCII-only output stays
    valid JSON, where Python's ``\\xe9`` would not be.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)


def encodable(text: str, stream: TextIO) -> str:
    """``text`` with what ``stream``'s encoding cannot hold written as ``\\u`` escapes.

    A Windows console or a redirect under ``PYTHONIOENCODING=ascii`` gets
    ``\\u2248`` for ``≈`` instead of an error.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, ESCAPE_ERRORS).decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know: UTF-8 is the best guess
        return text.encode("utf-8", ESCAPE_ERRORS).decode("utf-8")


def tell(stream: TextIO, message: str) -> None:
    """``claims: message`` on ``stream`` (stderr), one line, escaped; never fails.

    With standard error closed or broken there is nowhere left to say
    anything, so the line is dropped.
    """
    from claims_cli.render.escape import one_line

    write_line(stream, f"claims: {one_line(message)}")


def write_line(stream: TextIO, line: str) -> None:
    """One line of ours on ``stream`` (stderr); dropped if the stream cannot take it."""
    try:
        stream.write(encodable(line, stream) + "\n")
        stream.flush()
    except (OSError, ValueError):  # closed, broken or full: nothing more can be said
        pass


class Output:
    """A command's standard output and error, as the :class:`Environment` says they are.

    A reader that stops early (``claims list | head -1``) is not a failure:
    once standard output is closed, writes to it are dropped and the command
    ends with the status it would have had anyway (``validate`` still says
    whether the files had errors). Standard output that cannot be written at
    all (closed before the run, a full disk) raises :class:`StreamError`.
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.closed = False

    def write(self, text: str) -> None:
        """Plain text to stdout: machine formats never pass through rich."""
        if self.closed:
            return
        stdout = self.env.stdout
        try:
            stdout.write(encodable(text, stdout))
            stdout.flush()
        except BrokenPipeError:
            self.closed = True
            silence(stdout)
        except (OSError, ValueError) as exc:
            self.closed = True
            silence(stdout)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StreamError(f"cannot write to standard output: {reason}") from None

    def say(self, message: str) -> None:
        """A note to stderr: ``claims: message``, on one line whatever it quotes."""
        tell(self.env.stderr, message)

    def draw(self, make: Callable[[int], RenderableType]) -> None:
        """Draw what ``make`` builds for the terminal's width, as plain or coloured text."""
        from claims_cli.cli.terminal.tables import as_text

        self.write(as_text(make, self.env))

    def refuse(self, errors: Sequence[Diagnostic], closing: str) -> ExitStatus:
        """Print the ledger's errors as ``file:line:col: CODE message`` and a closing line.

        ``closing`` may use ``{count}`` and ``{errors}`` ("1 error", "3 errors").
        Returns the status of a refusal.
        """
        from claims_cli.render.reports import format_diagnostic
        from claims_cli.render.wording import count_of

        for diagnostic in errors:
            write_line(self.env.stderr, format_diagnostic(diagnostic))
        count = len(errors)
        self.say(closing.format(count=count, errors=count_of(count, "error")))
        return ExitStatus.PROBLEMS


def silence(stream: TextIO) -> None:
    """Point ``stream``'s descriptor at devnull, so the interpreter's last flush cannot fail.

    Whatever is still buffered for a closed pipe or a full disk is dropped
    instead of being reported on the way out.
    """
    try:
        descriptor = stream.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return  # not a real file (a test's capture): nothing will flush it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
