"""JSON, JSON Lines and CSV: the claims as records for other programs.

The records are those of :mod:`claims_cli.records` (``claims list --format
json|csv`` uses the same), so a field is named the same everywhere. Output
is deterministic: keys in the file's order, no timestamps.
"""

from __future__ import annotations

from claims_cli.export.base import Exported, ExportInput
from claims_cli.records import claim_record, delimited, dumps, flat_row


def render_json(job: ExportInput) -> Exported:
    """An array of claim records, indented, ending with a newline."""
    records = [claim_record(c, job.index) for c in job.claims]
    return Exported(dumps(records, indent=2) + "\n")


def render_jsonl(job: ExportInput) -> Exported:
    """One claim record per line (JSON Lines)."""
    return Exported("".join(dumps(claim_record(c, job.index)) + "\n" for c in job.claims))


def render_csv(job: ExportInput) -> Exported:
    """RFC 4180 CSV with a header row and flattened columns; formula cells neutralised."""
    return Exported(delimited(flat_row(c, job.index) for c in job.claims))
