"""The JSON Schema of the file format, and its errors as located diagnostics.

Only ``claims validate``, ``claims export`` and ``claims schema`` import this
module: it pulls in jsonschema, which look-ups do without. The schema itself is
generated from the model (:mod:`claims_cli.check.schema_gen`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from claims_cli.check import messages
from claims_cli.check.diagnostics import Diagnostic, human_path
from claims_cli.read.yaml_events import Document, PathParts


def schema_text() -> str:
    """The schema exactly as shipped (``claims schema`` prints this)."""
    return resources.files("claims_cli").joinpath("schema.json").read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _format_problem(error: Any) -> str:
    """What is wrong with a value that failed a pattern, format or length rule."""
    defs = schema()["$defs"]
    value = error.instance
    if error.validator == "minLength":
        return "must not be empty"
    if error.schema is defs["tag"]:
        return messages.tag_problem(value) or f"'{value}' is not a valid tag"
    if error.schema is defs["slug"]:
        return messages.slug_problem(value) or f"'{value}' is not a valid id"
    if error.schema is defs["httpUrl"]:
        return f"'{value}' is not an http or https URL"
    if error.schema is defs["partialDate"]:
        return f"'{value}' is not a real date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    if error.schema is defs["fullDate"]:
        return f"'{value}' is not a full date: expected YYYY-MM-DD with a real day"
    if error.validator == "pattern" and "64" in str(error.validator_value):
        return f"'{value}' is not a SHA-256 digest (expected 64 hexadecimal digits)"
    return f"{messages.describe(value)} is not valid: {error.message}"  # pragma: no cover


def schema_diagnostics(doc: Document) -> Iterator[Diagnostic]:
    """Every schema problem of one document, one diagnostic each, located."""
    seen: set[tuple[str, int, int, str]] = set()
    for error in _validator().iter_errors(doc.data):
        parts: PathParts = tuple(error.absolute_path)
        for diagnostic in _translate(doc, parts, error):
            # A date can fail both its pattern and its format: say it once.
            key = (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.message)
            if key in seen:
                continue
            seen.add(key)
            yield diagnostic


def _translate(doc: Document, parts: PathParts, error: Any) -> Iterator[Diagnostic]:
    where = human_path(parts)
    value = error.instance
    kind = error.validator
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        owner = "document" if not parts else where
        for key in value:
            if key not in allowed:
                message = messages.unknown_key(owner, key, allowed)
                yield doc.diagnostic((*parts, key), "E201", message, key=True)
    elif kind == "required":
        owner = "document" if not parts else where
        for key in error.validator_value:
            if key not in value:
                hint = " (use 'version: 1')" if key == "version" else ""
                yield doc.diagnostic(parts, "E202", messages.missing_key(owner, key) + hint)
    elif kind == "type" and not parts:
        yield doc.diagnostic(parts, "E207", messages.top_level(value))
    elif kind == "type":
        raw = doc.plain_scalar(parts)
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        yield doc.diagnostic(parts, "E203", messages.wrong_type(where, names, value, raw))
    elif kind == "enum":
        raw = doc.plain_scalar(parts)
        message = messages.not_one_of(where, value, error.validator_value, raw)
        yield doc.diagnostic(parts, "E204", message)
    elif kind == "const":
        yield doc.diagnostic(
            parts, "E206", messages.wrong_version(where, error.validator_value, value)
        )
    elif kind in ("pattern", "format", "anyOf", "minLength"):
        yield doc.diagnostic(parts, "E205", f"{where}: {_format_problem(error)}")
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield doc.diagnostic(parts, "E208", f"{where}: {error.message}")
