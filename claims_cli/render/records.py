"""Claims as records for machines: nested JSON objects and flat rows.

``claims list --format json|csv|tsv`` and ``claims export`` share these, so a
column or a field is named the same wherever it appears.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from claims_cli.model import Claim, Index, to_data

#: Columns of a flat row, in order. Nested fields are flattened with ``_``;
#: lists are joined with ``; `` (evidence as ``source:stance``).
FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "claim",
    "type",
    "status",
    "confidence",
    "credibility",
    "value_amount",
    "value_unit",
    "value_comparator",
    "value_period",
    "value_metric",
    "date",
    "quote",
    "attribution_source",
    "attribution_claimant",
    "attribution_claimant_type",
    "attribution_locator",
    "source_title",
    "source_url",
    "tags",
    "entities",
    "evidence",
    "supersedes",
    "notes",
    "checked_by",
    "checked_on",
)

#: Legal inside JSON strings, but line ends to many line readers.
_LINE_SEPARATORS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}

#: A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def claim_record(claim: Claim, index: Index) -> dict[str, Any]:
    """The claim with the file's own field names, plus the sources it cites, resolved.

    ``source`` is the attribution's source object. ``evidence_sources`` holds
    the other sources the evidence cites, in the order cited (left out when
    there are none). With both, every source a claim needs travels with it, so
    a ledger can be rebuilt from a JSON export.
    """
    record: dict[str, Any] = to_data(claim)
    own = claim.attribution.source
    source = index.sources.get(own)
    if source is not None:
        record["source"] = to_data(source)
    extra = [
        to_data(index.sources[sid])
        for sid in claim.cited_sources()
        if sid != own and sid in index.sources
    ]
    if extra:
        record["evidence_sources"] = extra
    return record


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def flat_row(claim: Claim, index: Index) -> dict[str, str]:
    """One claim as a row of text cells named by :data:`FLAT_COLUMNS`."""
    value = claim.value
    attribution = claim.attribution
    source = index.sources.get(attribution.source)
    checked = claim.checked
    cells: dict[str, object] = {
        "id": claim.id,
        "claim": claim.claim,
        "type": claim.type,
        "status": claim.status,
        "confidence": claim.confidence,
        "credibility": claim.credibility,
        "value_amount": value.amount if value else None,
        "value_unit": value.unit if value else None,
        "value_comparator": value.comparator if value else None,
        "value_period": value.period if value else None,
        "value_metric": value.metric if value else None,
        "date": claim.date,
        "quote": claim.quote,
        "attribution_source": attribution.source,
        "attribution_claimant": attribution.claimant,
        "attribution_claimant_type": attribution.claimant_type,
        "attribution_locator": attribution.locator,
        "source_title": source.title if source else None,
        "source_url": source.url if source else None,
        "tags": "; ".join(claim.tags),
        "entities": "; ".join(claim.entities),
        "evidence": "; ".join(f"{e.source}:{e.stance}" for e in claim.evidence),
        "supersedes": claim.supersedes,
        "notes": claim.notes,
        "checked_by": checked.by if checked else None,
        "checked_on": checked.on if checked else None,
    }
    return {column: _text(cells[column]) for column in FLAT_COLUMNS}


def neutralise_formula(cell: str) -> str:
    """Keep spreadsheets from running a cell as a formula (OWASP CSV injection).

    A cell that would start a formula gets a leading apostrophe, which
    spreadsheets hide and treat as "this is text". Negative numbers are kept.
    """
    if cell.startswith(_FORMULA_STARTS) and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def delimited(
    rows: Iterable[dict[str, str]],
    columns: Sequence[str] = FLAT_COLUMNS,
    *,
    tsv: bool = False,
) -> str:
    """Rows as CSV (RFC 4180, CRLF line ends) or TSV (one line per row, no quoting).

    In TSV a tab or line break inside a cell becomes a space, so every row
    stays on one line for ``cut``, ``grep`` and ``awk``.
    """
    if tsv:
        lines = ["\t".join(columns)]
        for row in rows:
            cells = (neutralise_formula(_one_line(row[c])) for c in columns)
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_formula(row[c]) for c in columns])
    return out.getvalue()


def _one_line(cell: str) -> str:
    return " ".join(cell.replace("\t", " ").splitlines()) if cell else cell


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text in UTF-8 (not ``\\u`` escapes), except the Unicode line separators.

    U+0085, U+2028 and U+2029 are legal in JSON strings but end lines for many
    line readers (Python's ``str.splitlines``, older JavaScript), so they stay
    escaped and a JSON Lines record always fits on one line.
    """
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_LINE_SEPARATORS)
