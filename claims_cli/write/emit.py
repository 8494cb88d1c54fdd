"""Plain data as YAML text that reads back as the same data, in the style of a claim file.

Records are written in block style with keys in the order given; lists of
short texts (tags, entities) in flow style (``[trade, economy]``); every text
that YAML 1.1 would read as something else (``NO``, ``2022-06-01``, ``1e3``)
is quoted. A text is always written on one line, so what is emitted can be
indented anywhere without changing what it means.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

#: Characters YAML does not allow raw in a double-quoted scalar, or reads as a line break.
_UNPRINTABLE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
#: Text that may stand unquoted inside ``[...]`` or ``{...}``.
_FLOW_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:]*", re.S)
#: A flow list of texts is written on one line up to this many characters.
FLOW_WIDTH = 80


def _double_quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def _resolves_to_text(text: str) -> bool:
    """Whether ``text``, written plain, is read back as this text (not a number, date, bool)."""
    resolver: Any = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))
    return bool(tag == "tag:yaml.org,2002:str")


def scalar(value: Any) -> str:
    """One scalar on one line, plain where YAML reads it back unchanged, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "null"
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")
    dumped = yaml.safe_dump(value, allow_unicode=True, width=2**31 - 1)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").removesuffix("...")
    dumped = dumped.rstrip("\n")
    if "\n" in dumped or _UNPRINTABLE.search(dumped):
        return _double_quoted(value)
    return dumped


def flow(value: Any) -> str:
    """``value`` on one line in flow style: ``{amount: 1, unit: USD}``, ``[a, b]``."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_flow_text(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, str):
        return _flow_text(value)
    return scalar(value)


def _flow_text(text: str) -> str:
    if _FLOW_PLAIN.fullmatch(text) and text == text.strip() and _resolves_to_text(text):
        return text
    return _double_quoted(text)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(not isinstance(v, Mapping | list) for v in value)


def entry(key: str, value: Any) -> list[str]:
    """The lines of one ``key: value`` entry of a block mapping, nested lines indented by two."""
    if isinstance(value, Mapping):
        return [f"{key}:", *("  " + line for line in block(value))]
    if isinstance(value, list | tuple):
        if not value:
            return [f"{key}: []"]
        if _is_texts(value):
            line = f"{key}: {flow(value)}"
            if len(line) <= FLOW_WIDTH:
                return [line]
        return [f"{key}:", *("  " + line for line in sequence(value))]
    return [f"{key}: {scalar(value)}"]


def block(record: Mapping[str, Any]) -> list[str]:
    """The lines of a block mapping, at indentation 0."""
    lines: list[str] = []
    for key, value in record.items():
        lines.extend(entry(str(key), value))
    return lines


def sequence(items: Sequence[Any]) -> list[str]:
    """The lines of a block sequence, at indentation 0: ``- id: x`` / ``  claim: ...``."""
    lines: list[str] = []
    for item in items:
        lines.extend(item_lines(item))
    return lines


def item_lines(item: Any) -> list[str]:
    """One ``- ...`` item of a block sequence, its later lines indented by two."""
    if isinstance(item, Mapping) and item:
        first, *rest = block(item)
        return ["- " + first, *("  " + line for line in rest)]
    if isinstance(item, list | tuple) and item:
        return ["- " + flow(item)]
    return ["- " + scalar(item)]
