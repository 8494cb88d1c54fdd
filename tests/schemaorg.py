"""A structural check of JSON-LD against schema.org's definitions (a vendored excerpt).

Every object must have a known ``@type``; every property must be defined for
that type or one of its superclasses (schema.org's ``domainIncludes``); every
value must be in the property's range (``rangeIncludes``): an object of the
range's type or a subtype, or a data type (Text, URL, Number, Date,
DateTime). The check reads the vocabulary from
``tests/fixtures/schemaorg/claimreview-vocabulary.json``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from conftest import FIXTURES

VOCABULARY = json.loads((FIXTURES / "schemaorg" / "claimreview-vocabulary.json").read_text("utf-8"))
TYPES: dict[str, list[str]] = VOCABULARY["types"]
PROPERTIES: dict[str, dict[str, list[str]]] = VOCABULARY["properties"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def ancestors(type_name: str) -> set[str]:
    """``type_name`` and every class above it."""
    found = {type_name}
    for parent in TYPES[type_name]:
        found |= ancestors(parent)
    return found


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    padded = value + "-01" * (2 - value.count("-"))
    try:
        date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def _data_value_ok(kind: str, value: Any) -> bool:
    if kind == "Text":
        return isinstance(value, str)
    if kind == "URL":
        return isinstance(value, str) and re.match(r"^https?://[^\s/]+", value) is not None
    if kind == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind in ("Date", "DateTime"):
        return _is_date(value)
    return False


def problems(node: Any, where: str = "$") -> list[str]:
    """What in ``node`` schema.org's definitions do not allow (empty when it passes)."""
    if not isinstance(node, dict):
        return [f"{where}: not an object"]
    found: list[str] = []
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{where}: unknown @type {type_name!r}"]
    own = ancestors(type_name)
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@type", "@context") or (key == "@context" and where != "$"):
                found.append(f"{where}.{key}: not expected here")
            continue
        spec = PROPERTIES.get(key)
        if spec is None:
            found.append(f"{where}.{key}: not a schema.org property (in the excerpt)")
            continue
        if own.isdisjoint(spec["domain"]):
            found.append(f"{where}.{key}: not a property of {type_name}")
        for n, item in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{key}" + (f"[{n}]" if isinstance(value, list) else "")
            if isinstance(item, dict):
                item_type = item.get("@type")
                if item_type not in TYPES or ancestors(item_type).isdisjoint(spec["range"]):
                    found.append(f"{at}: a {item_type} is not in the range {spec['range']}")
                else:
                    found += problems(item, at)
            elif not any(_data_value_ok(kind, item) for kind in spec["range"]):
                found.append(f"{at}: {item!r} is not one of {spec['range']}")
    return found
