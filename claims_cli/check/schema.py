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


#: The sections of a file that hold many records, each checked on its own.
_SECTIONS = ("claims", "sources")


@cache
def _compiled() -> tuple[Any, dict[str, Any]] | None:
    """jsonschema-rs validators of the whole file and of one record of each section.

    None when jsonschema-rs is not installed: then jsonschema walks every file.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency, but only a faster way
        return None
    whole = schema()
    defs = whole["$defs"]

    def compile_(part: dict[str, Any]) -> Any:
        return jsonschema_rs.validator_for({**part, "$defs": defs}, validate_formats=True)

    items = {name: compile_(whole["properties"][name]["items"]) for name in _SECTIONS}
    return compile_(whole), items


def _suspects(data: Any) -> tuple[Any, dict[str, list[int]]] | None:
    """What jsonschema needs to walk to find every problem of ``data``; None if nothing.

    jsonschema-rs (compiled) says whether the file has a problem and which
    records do; jsonschema then walks only the top of the file and those
    records, so its messages (which are ours) stay as they are. Returns the
    data to walk and, for each section, the index in the file of each record
    kept. Without jsonschema-rs (or for data it cannot take) everything is
    walked. A compiled validator may only be stricter than jsonschema, never
    laxer: it picks records, jsonschema decides (a test holds them to it).
    """
    compiled = _compiled()
    if compiled is None or not isinstance(data, dict):
        return data, {}
    whole, items = compiled
    try:
        if whole.is_valid(data):
            return None
        kept: dict[str, list[int]] = {}
        narrowed = dict(data)
        for name, validator in items.items():
            entries = data.get(name)
            if isinstance(entries, list):
                kept[name] = [i for i, entry in enumerate(entries) if not validator.is_valid(entry)]
                narrowed[name] = [entries[i] for i in kept[name]]
    except (ValueError, TypeError, OverflowError):  # pragma: no cover - data it cannot take
        return data, {}
    return narrowed, kept


def schema_diagnostics(doc: Document) -> Iterator[Diagnostic]:
    """Every schema problem of one document, one diagnostic each, located."""
    suspects = _suspects(doc.data)
    if suspects is not None:
        yield from _walked(doc, *suspects)


def all_schema_diagnostics(doc: Document) -> Iterator[Diagnostic]:
    """What :func:`schema_diagnostics` finds, by jsonschema alone walking everything."""
    yield from _walked(doc, doc.data, {})


def _walked(doc: Document, data: Any, kept: dict[str, list[int]]) -> Iterator[Diagnostic]:
    seen: set[tuple[str, int, int, str]] = set()
    for error in _validator().iter_errors(data):
        parts: PathParts = tuple(error.absolute_path)
        if len(parts) > 1 and parts[0] in kept:
            # The record's place in the file, not in the narrowed list.
            parts = (parts[0], kept[str(parts[0])][int(parts[1])], *parts[2:])
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
