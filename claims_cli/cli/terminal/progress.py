"""Progress of long work, drawn on one line of standard error and erased at the end.

Only on a terminal, only without ``--quiet``, and only once the work has
taken about a second: a quick command, a pipe or a log shows nothing extra.
"""

from __future__ import annotations

from types import TracebackType

from claims_cli.check.pipeline import Progress
from claims_cli.environment import Environment
from claims_cli.read.yaml_events import human_bytes

#: Nothing is drawn before the work has taken this long (seconds).
DELAY = 1.0
#: Nor redrawn more often than this.
INTERVAL = 0.1
_ERASE = "\r\x1b[K"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def describe(step: Progress) -> str:
    """The line shown for ``step``: files and bytes read, claims checked."""
    text = (
        f"claims: {step.files_read:,} of {_count(step.files, 'file')} read "
        f"({human_bytes(step.bytes_read)} of {human_bytes(step.bytes)})"
    )
    if step.claims_checked:
        text += f", {_count(step.claims_checked, 'claim')} checked"
    return text


class ProgressLine:
    """A :data:`~claims_cli.check.pipeline.ProgressCallback` that draws on stderr.

    Use it as a context manager: leaving erases what was drawn.
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.shown = env.stderr_isatty and not env.quiet
        self.start = env.clock()
        self.drawn_at: float | None = None

    def __call__(self, step: Progress) -> None:
        if not self.shown:
            return
        now = self.env.clock()
        if now - self.start < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < INTERVAL:
            return
        line = describe(step)[: max(1, self.env.columns - 1)]
        self.env.stderr.write(_ERASE + line)
        self.env.stderr.flush()
        self.drawn_at = now

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.drawn_at is not None:
            self.env.stderr.write(_ERASE)
            self.env.stderr.flush()
