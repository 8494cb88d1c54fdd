"""JSON, JSON Lines and CSV: the claims as records for other programs.

The records are those of :mod:`claims_cli.records` (``claims list --format
json|csv`` uses the same), so a field is named the same everywhere. Output
is deterministic: keys in the file's order, no timestamps.
"""

from __future__ import annotations

import json
from typing import Any

from claims_cli.export.base import Exported, ExportInput
from claims_cli.model import Claim, Index, to_data
from claims_cli.records import claim_record, delimited, flat_row

_LINE_SEPARATORS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def export_record(claim: Claim, index: Index) -> dict[str, Any]:
    """A claim record (with its resolved ``source``) plus ``evidence_sources``.

    ``evidence_sources`` resolves the sources that the claim's evidence cites
    other than its own source, in the order they are cited; it is left out
    when there are none. With it, every source a claim needs travels with it,
    so a ledger can be rebuilt from the export.
    """
    record = claim_record(claim, index)
    own = claim.attribution.source
    extra = [
        to_data(index.sources[sid])
        for sid in claim.cited_sources()
        if sid != own and sid in index.sources
    ]
    if extra:
        record["evidence_sources"] = extra
    return record


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text in UTF-8 (not ``\\u`` escapes), except the Unicode line separators.

    U+0085, U+2028 and U+2029 are legal in JSON strings but end lines for many
    line readers (Python's ``str.splitlines``, older JavaScript), so they stay
    escaped and a JSON Lines record always fits on one line. (JSON escapes
    the ASCII control characters anyway.)
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.translate(_LINE_SEPARATORS)


def render_json(job: ExportInput) -> Exported:
    """An array of claim records, indented, ending with a newline."""
    records = [export_record(c, job.index) for c in job.claims]
    return Exported(dumps(records, indent=2) + "\n")


def render_jsonl(job: ExportInput) -> Exported:
    """One claim record per line (JSON Lines)."""
    return Exported("".join(dumps(export_record(c, job.index)) + "\n" for c in job.claims))


def render_csv(job: ExportInput) -> Exported:
    """RFC 4180 CSV with a header row and flattened columns; formula cells neutralised."""
    return Exported(delimited(flat_row(c, job.index) for c in job.claims))
