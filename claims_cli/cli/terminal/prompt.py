"""Asking for what a command line left out, on a terminal.

Questions go to standard error, so standard output stays for what the
command prints. On a real terminal with ``readline``, Tab completes from the
offered values (existing source ids, claimants, tags, or the choices);
elsewhere (a test's input) answers are read line by line from the
environment's standard input.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence

from claims_cli.cli.usage import UsageError
from claims_cli.environment import Environment


class Prompter:
    """Asks questions on the run's terminal."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def ask(
        self,
        label: str,
        *,
        option: str,
        offers: Sequence[str] = (),
        check: Callable[[str], object] | None = None,
    ) -> str:
        """An answer to ``label``: non-empty, and accepted by ``check`` (asked again if not).

        ``offers`` are shown (the first few) and completed with Tab. No answer
        at all (end of input) is a :class:`UsageError` naming ``option``.
        """
        shown = ""
        if offers:
            listed = ", ".join(offers[:8]) + (", …" if len(offers) > 8 else "")
            shown = f" ({listed})"
        while True:
            answer = self._line(f"{label}{shown}: ", offers)
            if answer is None:
                raise UsageError("no answer given", option=option)
            answer = answer.strip()
            if not answer:
                continue
            if check is not None:
                try:
                    check(answer)
                except UsageError as error:
                    self.env.stderr.write(f"claims: {error}\n")
                    continue
            return answer

    def _line(self, prompt: str, offers: Sequence[str]) -> str | None:
        if _real_terminal():
            with _completion(offers):
                try:
                    return input(prompt)
                except EOFError:
                    return None
        self.env.stderr.write(prompt)
        self.env.stderr.flush()
        line = self.env.stdin.readline()
        return line.rstrip("\r\n") if line else None


def _real_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _completion(offers: Sequence[str]) -> Iterator[None]:
    try:
        import readline
    except ImportError:  # pragma: no cover - no readline on this platform
        yield
        return

    def complete(text: str, state: int) -> str | None:
        matches = [offer for offer in offers if offer.startswith(text)]
        return matches[state] if state < len(matches) else None

    previous = readline.get_completer()
    readline.set_completer(complete)
    readline.set_completer_delims("")
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)
