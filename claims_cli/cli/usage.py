"""One voice for a wrong command line: one line on stderr, exit 2.

Every bad option value, unknown option, unknown command and missing argument
is said the same way, whoever finds it (our own parsing or the option
parser underneath)::

    claims: --format: unknown value 'jsn' (choose from table, json, ...); did you mean 'json'?
    claims: no such option --tagg; did you mean --tag?

Option values reach the commands as text and are checked here, once, so no
message comes from the toolkit's own coercion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from typer._click import exceptions as errors
from typer._click.core import Parameter
from typer.core import TyperArgument, TyperOption

from claims_cli.check.diagnostics import did_you_mean

_Choice = TypeVar("_Choice", bound=str)


class UsageError(Exception):
    """The command line is wrong; ``str()`` is the line to print after ``claims:``."""

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(f"{option}: {message}" if option else message)
        self.option = option


def choice(option: str, value: str, choices: Sequence[_Choice]) -> _Choice:
    """``value`` if it is one of ``choices``, else a usage error naming them."""
    for known in choices:
        if value == known:
            return known
    starting = [known for known in choices if known.startswith(value)] if value else []
    near = f"; did you mean '{starting[0]}'?" if len(starting) == 1 else ""
    raise UsageError(
        f"unknown value '{value}' (choose from {', '.join(choices)})"
        + (near or did_you_mean(value, tuple(choices))),
        option=option,
    )


def choices(
    option: str, values: Sequence[str] | None, allowed: Sequence[_Choice]
) -> tuple[_Choice, ...]:
    """Each of ``values`` checked by :func:`choice`."""
    return tuple(choice(option, value, allowed) for value in values or ())


def count(option: str, value: str | None) -> int | None:
    """A whole number, 0 or more (``--limit``), or None when not given."""
    if value is None:
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        raise UsageError(f"'{value}' is not a whole number (0 or more)", option=option)
    return int(text)


def _flag(name: str) -> str:
    return name if name.startswith("-") else f"--{name}"


def _hint(param: Parameter | None) -> str | None:
    """How the user wrote a parameter: its long option, or an argument's metavar."""
    if param is None:
        return None
    if isinstance(param, TyperOption):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return (param.metavar or (param.name or "").upper()).strip("[].")


def _sentence(text: str) -> str:
    """Toolkit wording as one of our lines: no capital, no full stop, one line."""
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:]


def click_message(error: errors.ClickException) -> str:
    """What the option parser found wrong, in the words of :class:`UsageError`."""
    if isinstance(error, errors.NoSuchOption):
        near = ""
        if error.possibilities:
            near = f"; did you mean {error.possibilities[0]}?"
        return f"no such option {error.option_name}{near}"
    if isinstance(error, errors.MissingParameter):
        param = error.param
        what = "argument" if isinstance(param, TyperArgument) else "option"
        return f"missing {what} {_hint(param)}"
    if isinstance(error, errors.BadOptionUsage):
        found = re.fullmatch(r"Option '.*' requires an argument\.", error.message)
        if found:
            return f"{error.option_name}: needs a value"
        found = re.fullmatch(r"Option '.*' does not take a value\.", error.message)
        if found:
            return f"{error.option_name}: takes no value"
        return f"{error.option_name}: {_sentence(error.message)}"
    if isinstance(error, errors.BadParameter):
        hint = _hint(error.param)
        return f"{hint}: {_sentence(error.message)}" if hint else _sentence(error.message)
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", error.message)
    if extra:
        return f"unexpected argument: {extra[1]}"
    return _sentence(error.format_message())


def unknown_command(name: str, commands: Sequence[str]) -> UsageError:
    """``claims lisst``: the nearest command, else every command."""
    near = did_you_mean(name, tuple(commands))
    if near:
        return UsageError(f"no such command '{name}'{near}")
    return UsageError(f"no such command '{name}' (commands: {', '.join(commands)})")
