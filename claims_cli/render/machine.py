"""JSON, JSON Lines and CSV: the claims as records for other programs.

These are the machine formats of ``claims list`` (:mod:`claims_cli.render.data`),
so a field or column is named and written the same everywhere. Output is
deterministic: keys in the file's order, no timestamps.
"""

from __future__ import annotations

from claims_cli.render.data import MachineFormat, claim_shape, serialise
from claims_cli.render.export_base import Exported, ExportInput


def _render(fmt: MachineFormat, job: ExportInput) -> Exported:
    return Exported(serialise(fmt, job.claims, claim_shape(job.index)))


def render_json(job: ExportInput) -> Exported:
    """An array of claim records, indented, ending with a newline."""
    return _render("json", job)


def render_jsonl(job: ExportInput) -> Exported:
    """One claim record per line (JSON Lines)."""
    return _render("jsonl", job)


def render_csv(job: ExportInput) -> Exported:
    """RFC 4180 CSV with a header row and flattened columns; formula cells neutralised."""
    return _render("csv", job)
