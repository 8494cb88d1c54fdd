"""The one diagnostic type that every check and every output format shares."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a claim file, located like a compiler error.

    ``line`` and ``column`` are 1-based; ``path`` is a JSON path such as
    ``$.claims[3].confidence`` (``$`` for the whole document).
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: str = "$"
    related: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }


def json_path(parts: tuple[str | int, ...]) -> str:
    """Render ``("claims", 3, "confidence")`` as ``$.claims[3].confidence``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.replace("_", "").replace("-", "").isalnum():
            out.append(f".{part}")
        else:
            out.append("[" + repr(part) + "]")
    return "".join(out)


def human_path(parts: tuple[str | int, ...]) -> str:
    """Render ``("claims", 3, "confidence")`` as ``claims[3].confidence`` for messages."""
    text = json_path(parts)
    return text[2:] if text.startswith("$.") else text[1:] or "document"


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """``"; did you mean 'medium'?"`` when a near miss exists, else ``""``.

    Case-insensitive, difflib's ratio with cutoff 0.6, the best match; cheap
    per call at any scale (see :mod:`claims_cli.check.near_miss`).
    """
    from claims_cli.check.near_miss import near_misses

    match = near_misses(frozenset(choices)).best(word)
    return f"; did you mean '{match}'?" if match is not None else ""
