"""Exporters behind one registry: by name for ``--format``, by extension for ``-o``.

Each format is a function from an :class:`ExportInput` (the selected claims
and their ledger) to an :class:`Exported` (text, plus warnings about what was
left out). Nothing here writes to a terminal or a file; see
:mod:`claims_cli.write.atomic` for writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from claims_cli.render import claimreview, machine, markdown
from claims_cli.render.export_base import GROUP_BYS, Exported, ExportInput, GroupBy, Render

__all__ = [
    "FORMATS",
    "GROUP_BYS",
    "ExportFormat",
    "ExportInput",
    "Exported",
    "GroupBy",
    "export",
    "format_for_path",
    "known_extensions",
]


@dataclass(frozen=True)
class ExportFormat:
    """A format: its name, the file extensions that choose it, and its renderer."""

    name: str
    extensions: tuple[str, ...]
    render: Render
    summary: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "markdown", (".md", ".markdown"), markdown.render, "a report in GitHub Markdown"
        ),
        ExportFormat("json", (".json",), machine.render_json, "an array of claim records"),
        ExportFormat("jsonl", (".jsonl", ".ndjson"), machine.render_jsonl, "a record per line"),
        ExportFormat("csv", (".csv",), machine.render_csv, "a flat row per claim"),
        ExportFormat(
            "claimreview",
            (".claimreview.json", ".jsonld"),
            claimreview.render,
            "schema.org ClaimReview JSON-LD",
        ),
    )
}


def format_for_path(path: str) -> str | None:
    """The format a file name asks for by its extension (the longest match), if any.

    ``report.md`` -> ``markdown``; ``site.claimreview.json`` -> ``claimreview``;
    ``claims.json`` -> ``json``. Case does not matter.
    """
    name = os.path.basename(path).lower()
    found: tuple[int, str] | None = None
    for fmt in FORMATS.values():
        for extension in fmt.extensions:
            fits = name.endswith(extension) and len(name) > len(extension)
            if fits and (found is None or len(extension) > found[0]):
                found = (len(extension), fmt.name)
    return found[1] if found else None


def known_extensions() -> list[str]:
    """Every extension :func:`format_for_path` recognises, in registry order."""
    return [ext for fmt in FORMATS.values() for ext in fmt.extensions]


def export(job: ExportInput, format_name: str) -> Exported:
    """Render ``job`` in the named format (a key of :data:`FORMATS`)."""
    return FORMATS[format_name].render(job)
