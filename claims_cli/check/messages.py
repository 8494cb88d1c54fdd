"""Messages for people, shared by the schema check and the model builder.

Each says what was expected, what was found, and the near miss if there is one,
so a problem reads the same whichever part of ``claims`` found it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from claims_cli.check.diagnostics import did_you_mean
from claims_cli.model import SLUG_PATTERN, TAG_EXCLUDED

#: What each JSON type is called in a message.
TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


def describe(value: Any) -> str:
    """How a found value reads in a message: ``the number 12``, ``a list``."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover - the loader yields no other type


def yaml_surprise(value: Any, raw: str | None) -> str | None:
    """``'NO' was read as the boolean false; quote it`` when YAML 1.1 changed the text."""
    if raw is None or isinstance(value, str):
        return None
    if isinstance(value, bool) and raw.lower() not in ("true", "false"):
        return f"'{raw}' was read as the boolean {str(value).lower()}; quote it"
    if value is None and raw not in ("", "~", "null", "Null", "NULL"):
        return None  # pragma: no cover - only the null spellings resolve to None
    return None


def wrong_type(where: str, expected: Iterable[str], value: Any, raw: str | None = None) -> str:
    expected = list(expected)
    surprise = yaml_surprise(value, raw)
    if surprise:
        return f"{where}: {surprise}"
    if raw is not None and expected == ["string"] and isinstance(value, int | float):
        # 'date: 2020' or 'locator: 12': YAML read a number where text belongs.
        return (
            f"{where}: '{raw}' was read as the number {value}; quote it (\"{raw}\") to write text"
        )
    names = [TYPE_NAMES.get(name, name) for name in expected]
    wanted = " or ".join(names)
    return f"{where}: expected {wanted}, found {describe(value)}"


def not_one_of(where: str, value: Any, choices: Iterable[Any], raw: str | None = None) -> str:
    surprise = yaml_surprise(value, raw)
    if surprise:
        return f"{where}: {surprise}"
    choices = list(choices)
    options = [str(choice) for choice in choices]
    listed = ", ".join(options)
    textual = all(isinstance(choice, str) for choice in choices)
    if isinstance(value, str) and textual:
        return f"{where}: '{value}' is not one of {listed}{did_you_mean(value, options)}"
    hint = " (write it without quotes)" if isinstance(value, str) and value in options else ""
    return f"{where}: {describe(value)} is not one of {listed}{hint}"


def unknown_key(where: str, key: str, allowed: Iterable[str]) -> str:
    options = sorted(allowed)
    hint = did_you_mean(key, options)
    if not hint:
        hint = "; expected one of " + ", ".join(options)
    return f"{where}: unknown key '{key}'{hint}"


def missing_key(where: str, key: str) -> str:
    return f"{where}: missing required key '{key}'"


def top_level(value: Any) -> str:
    return (
        f"the top level is {describe(value)}; a claim file is a mapping with 'version: 1', "
        "'sources' and 'claims'"
    )


def wrong_version(where: str, expected: int, value: Any) -> str:
    return f"{where}: this claims reads format version {expected}, not {describe(value)}"


_NOT_IN_TAG = re.compile(f"[{TAG_EXCLUDED}]")
_SLUG = re.compile(SLUG_PATTERN.replace("$", r"\Z"))


def slug_problem(value: str) -> str | None:
    """What makes ``value`` no id (None for a good one)."""
    if _SLUG.match(value):
        return None
    return (
        f"'{value}' is not a valid id: use lowercase letters, digits, '.', '_' or '-', "
        "starting with a letter or digit"
    )


def tag_problem(value: str) -> str | None:
    """What makes ``value`` no tag (None for a good one): the character, named."""
    if not value:
        return "must not be empty"
    found = _NOT_IN_TAG.search(value)
    if found is None:
        return None
    char = found[0]
    code = f"U+{ord(char):04X}"
    if char == " ":
        what = "a space"
    elif char == "\t":
        what = "a tab"
    elif char in "\n\r\x85\u2028\u2029":
        what = f"a line break ({code})"
    elif unicodedata.category(char) == "Cc" and not char.isspace():
        what = f"the control character {code}"
    elif char.isspace():
        what = f"a space character ({code})"
    else:
        what = f"the invisible character {code}"
    # Show the text with its offending characters escaped (a space stays a space).
    shown = _NOT_IN_TAG.sub(lambda m: m[0] if m[0] == " " else f"\\u{ord(m[0]):04x}", value)
    return (
        f"'{shown}' is not a valid tag: it contains {what}; a tag is one word in any script, "
        "with no spaces or control characters"
    )
