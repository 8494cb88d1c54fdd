"""The JSON Schema of the file format, generated from the model.

The dataclasses of :mod:`claims_cli.model` are the one definition of the
format; ``schema.json`` (at the repository root, for editors) and its packaged
copy (``claims_cli/schema.json``, printed by ``claims schema`` and used by
``claims validate``) are this module's output, byte for byte. After changing
the model, regenerate them::

    python -m claims_cli.check.schema_gen          # rewrite both files
    python -m claims_cli.check.schema_gen --check  # exit 1 if either is stale

A test fails when the committed files and the model disagree.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

from claims_cli.model import (
    FORMAT_VERSION,
    SLUG_PATTERN,
    TAG_EXCLUDED,
    FieldShape,
    LedgerFile,
    shape_of,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The kinds of text that several fields share, named by ``spec(text=...)``.
TEXT_DEFS: dict[str, dict[str, Any]] = {
    "slug": {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "description": "An id: lowercase letters, digits, '.', '_' or '-', "
        "starting with a letter or digit.",
    },
    "tag": {
        "type": "string",
        "pattern": f"^[^{TAG_EXCLUDED}]+$",
        "description": "A tag: one word in any script, with no spaces, control characters "
        "or invisible marks. Read in Unicode normal form C.",
    },
    "httpUrl": {
        "type": "string",
        "pattern": "^[hH][tT][tT][pP][sS]?://[^\\s/?#]+[^\\s]*$",
        "description": "An http or https URL.",
    },
    "partialDate": {
        "type": "string",
        "description": "A date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD.",
        "anyOf": [
            {"pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"},
            {"$ref": "#/$defs/fullDate"},
        ],
    },
    "fullDate": {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "description": "A full calendar date, YYYY-MM-DD.",
    },
}


def def_name(record: type) -> str:
    """The ``$defs`` entry of a model class: its name in lower case (``Claim`` -> ``claim``)."""
    return record.__name__.lower()


def _description(record: type) -> str:
    doc = record.__doc__ or ""
    if doc.startswith(record.__name__ + "("):  # the signature dataclasses write
        raise ValueError(f"{record.__name__} needs a docstring: it is the schema's description")
    return inspect.cleandoc(doc).split("\n\n")[0].replace("\n", " ")


def _text(spec: Any) -> dict[str, Any]:
    if "text" in spec:
        if spec["text"] not in TEXT_DEFS:
            raise ValueError(f"no kind of text named {spec['text']!r}")
        return {"$ref": f"#/$defs/{spec['text']}"}
    out: dict[str, Any] = {"type": "string"}
    if spec.get("non_empty"):
        out["minLength"] = 1
    if "pattern" in spec:
        out["pattern"] = spec["pattern"]
    return out


def _field(shape: FieldShape, defs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any]
    if shape.kind == "text":
        out = _text(shape.spec)
    elif shape.kind == "number":
        out = {"type": "number"}
    elif shape.kind == "choice":
        out = {"const": shape.choices[0]} if len(shape.choices) == 1 else {"enum": [*shape.choices]}
        if shape.default is not None:
            out["default"] = shape.default
    elif shape.kind == "texts":
        out = {"type": "array", "items": _text(shape.spec)}
    else:
        assert shape.record is not None
        ref = {"$ref": f"#/$defs/{_record(shape.record, defs)}"}
        out = ref if shape.kind == "record" else {"type": "array", "items": ref}
    if "description" in shape.spec:
        out["description"] = shape.spec["description"]
    return out


def _properties(record: type, defs: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    shapes = shape_of(record)
    required = [name for name, shape in shapes.items() if shape.required]
    return required, {name: _field(shape, defs) for name, shape in shapes.items()}


def _record(record: type, defs: dict[str, Any]) -> str:
    """Add a model class (and the records it holds) to ``defs``; its name there."""
    name = def_name(record)
    if name in defs:
        return name
    entry: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "description": _description(record),
    }
    defs[name] = entry  # before the fields, so a record may hold itself
    required, properties = _properties(record, defs)
    if required:
        entry["required"] = required
    entry["properties"] = properties
    return name


def generate() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one claim file."""
    defs: dict[str, Any] = {name: dict(body) for name, body in TEXT_DEFS.items()}
    required, properties = _properties(LedgerFile, defs)
    return {
        "$schema": DIALECT,
        "title": f"claims ledger, format version {FORMAT_VERSION}",
        "description": _description(LedgerFile),
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


def render() -> str:
    """The schema as committed: two-space JSON, UTF-8 as is, a final newline."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def targets() -> list[Path]:
    """The packaged copy, and the repository's own when run from a checkout."""
    package = Path(__file__).resolve().parents[1]
    found = [package / "schema.json"]
    if (package.parent / "pyproject.toml").is_file():
        found.append(package.parent / "schema.json")
    return found


def main(argv: list[str]) -> int:
    text = render()
    stale = [p for p in targets() if not p.is_file() or p.read_text("utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path} is not what the model generates; run python -m {__spec__.name}")
        return 1 if stale else 0
    for path in stale:
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
