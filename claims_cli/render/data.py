"""Claims and sources as data for programs: json, jsonl, csv, tsv, yaml and ids.

Every look-up and the data exports share this one path. A :class:`Shape`
says how one item becomes a record (JSON, YAML), a flat row (CSV, TSV) and
an id; a writer per format (named in
:data:`~claims_cli.render.registry.LIST_FORMATS`) writes a whole collection.

Records and columns are derived from the model's dataclasses, so a field
added to the model appears in JSON and CSV without an edit here: the record
is the file's own shape (:func:`~claims_cli.model.to_data`) and a flat column
is a field's path joined with ``_`` (``value_amount``). Output is
deterministic: keys in the file's order, no timestamps.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from claims_cli.model import Claim, Index, Source, to_data
from claims_cli.query.stats import Counts
from claims_cli.query.usage import SourceUsage

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Shape(Generic[T]):
    """How one item of a collection is written in each machine format.

    ``record`` feeds ``json`` and ``jsonl``; ``row`` and ``columns`` feed
    ``csv`` and ``tsv``; ``ident`` feeds ``ids``; ``document`` feeds ``yaml``
    (``record`` when it is not given).
    """

    record: Callable[[T], dict[str, Any]]
    row: Callable[[T], dict[str, str]]
    columns: tuple[str, ...]
    ident: Callable[[T], str]
    document: Callable[[T], Any] | None = None


def serialise(name: str, items: Sequence[T], shape: Shape[T]) -> str:
    """``items`` as text in the machine format ``name``; an empty collection is still valid."""
    from claims_cli.render.registry import LIST_FORMATS

    writer: Callable[[Sequence[T], Shape[T]], str] = LIST_FORMATS[name].load()
    return writer(items, shape)


# --- the writers ---------------------------------------------------------------


def write_json(items: Sequence[T], shape: Shape[T]) -> str:
    """One indented JSON array."""
    return json_text([shape.record(item) for item in items])


def write_jsonl(items: Sequence[T], shape: Shape[T]) -> str:
    """One compact JSON object per line."""
    return "".join(dumps(shape.record(item)) + "\n" for item in items)


def write_csv(items: Sequence[T], shape: Shape[T]) -> str:
    """RFC 4180 CSV: a header row, then a row per item; formula cells neutralised."""
    return delimited((shape.row(item) for item in items), shape.columns)


def write_tsv(items: Sequence[T], shape: Shape[T]) -> str:
    """Tab-separated values, one line per item."""
    return delimited((shape.row(item) for item in items), shape.columns, tsv=True)


def write_yaml(items: Sequence[T], shape: Shape[T]) -> str:
    """A YAML block list, in the file's own shape where the item has one."""
    document = shape.document or shape.record
    return yaml_text([document(item) for item in items])


def write_ids(items: Sequence[T], shape: Shape[T]) -> str:
    """One id per line."""
    return "".join(shape.ident(item) + "\n" for item in items)


def write_counts(counts: Counts) -> str:
    """``claims stats --format json``: the counts as one JSON object."""
    return json_text(counts.to_data())


#: Legal inside JSON strings, but line ends to many line readers.
_LINE_SEPARATORS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}

#: A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text in UTF-8 (not ``\\u`` escapes), except the Unicode line separators.

    U+0085, U+2028 and U+2029 are legal in JSON strings but end lines for many
    line readers (Python's ``str.splitlines``, older JavaScript), so they stay
    escaped and a JSON Lines record always fits on one line.
    """
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_LINE_SEPARATORS)


def json_text(data: Any) -> str:
    """Indented JSON with non-ASCII text kept as it is, ending in a newline."""
    return dumps(data, indent=2) + "\n"


def yaml_text(data: Any) -> str:
    """Block-style YAML in the order given, non-ASCII text kept as it is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


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


def delimited(rows: Iterable[dict[str, str]], columns: Sequence[str], *, tsv: bool = False) -> str:
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


# --- flat columns, derived from the model ------------------------------------------

#: A column: its name, and where its value is found (attribute names from the
#: item, or from the resolved source after :data:`_RESOLVED`).
_Column = tuple[str, tuple[str, ...]]
_RESOLVED = "<source>"


def _optional_inner(hint: Any) -> Any:
    """``X`` for ``X | None``; the hint itself otherwise."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return hint


def _columns(cls: type, prefix: tuple[str, ...] = ()) -> list[_Column]:
    """A column per field of ``cls``; a nested record's fields flattened with ``_``."""
    hints = typing.get_type_hints(cls)
    out: list[_Column] = []
    for item in dataclasses.fields(cls):
        if item.name == "origin":
            continue
        path = (*prefix, item.name)
        inner = _optional_inner(hints[item.name])
        if isinstance(inner, type) and dataclasses.is_dataclass(inner):
            out += _columns(inner, path)
        else:
            out.append(("_".join(path), path))
    return out


def _ordered(columns: list[_Column], first: Sequence[str]) -> list[_Column]:
    """``columns`` with those of the fields named in ``first`` first, in that order.

    The columns of any other field follow in the model's order, so a field
    added to the model gets a column at the end without an edit here.
    """
    rank = {name: n for n, name in enumerate(first)}
    position = {id(column): n for n, column in enumerate(columns)}
    return sorted(columns, key=lambda c: (rank.get(c[1][0], len(rank)), position[id(c)]))


#: The order of the claim fields in a flat row (as it was before columns were
#: derived; scripts depend on it). ``<source>`` is the attributed source, resolved.
_CLAIM_ORDER = (
    "id",
    "claim",
    "type",
    "status",
    "confidence",
    "credibility",
    "value",
    "date",
    "quote",
    "attribution",
    _RESOLVED,
    "tags",
    "entities",
    "evidence",
    "supersedes",
    "notes",
    "checked",
)
_CLAIM_COLUMNS = _ordered(
    [*_columns(Claim), *((f"source_{f}", (_RESOLVED, f)) for f in ("title", "url"))],
    _CLAIM_ORDER,
)
#: Columns of a claim's flat row, in order: nested fields flattened with ``_``,
#: the attributed source's title and URL, lists joined with ``; ``.
FLAT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _CLAIM_COLUMNS)


def _required(record: object) -> list[str]:
    return [
        str(getattr(record, f.name))
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def cell_text(value: object) -> str:
    """A value as one cell: ``""`` for nothing, whole numbers without ``.0``.

    A list is joined with ``; ``; an item of a list that is itself a record
    is written as its required fields joined with ``:`` (evidence as
    ``source:stance``).
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return "; ".join(
            ":".join(_required(v)) if dataclasses.is_dataclass(v) else cell_text(v) for v in value
        )
    return str(value)


def _walk(value: object, path: Sequence[str]) -> object:
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def flat_row(claim: Claim, index: Index) -> dict[str, str]:
    """One claim as a row of text cells named by :data:`FLAT_COLUMNS`."""
    row = {}
    for name, path in _CLAIM_COLUMNS:
        if path[0] == _RESOLVED:
            value = _walk(index.sources.get(claim.attribution.source), path[1:])
        else:
            value = _walk(claim, path)
        row[name] = cell_text(value)
    return row


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


def claim_shape(index: Index) -> Shape[Claim]:
    """Claims: JSON records with the resolved source, flat rows, file-shaped YAML."""
    return Shape(
        record=lambda claim: claim_record(claim, index),
        row=lambda claim: flat_row(claim, index),
        columns=FLAT_COLUMNS,
        ident=lambda claim: claim.id,
        document=to_data,
    )


# --- sources with their counts ------------------------------------------------------

_COUNTS = ("as_attribution", "as_evidence", "claims")
#: The source fields that lead a source row (as before columns were derived);
#: then the three counts, then any other source field in the model's order.
_SOURCE_ORDER = (
    *("id", "title", "kind", "reliability", "published", "accessed"),
    *("publisher", "author", "url", *_COUNTS),
)
_SOURCE_COLUMNS = _ordered(
    [*_columns(Source), *((name, (name,)) for name in _COUNTS)], _SOURCE_ORDER
)
#: Columns of a source's flat row, in order.
SOURCE_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _SOURCE_COLUMNS)


def usage_record(usage: SourceUsage) -> dict[str, Any]:
    """The source with the file's own field names, plus its three counts."""
    record: dict[str, Any] = to_data(usage.source)
    for name in _COUNTS:
        record[name] = getattr(usage, name)
    return record


def usage_row(usage: SourceUsage) -> dict[str, str]:
    """One source as a row of text cells named by :data:`SOURCE_COLUMNS`."""
    return {
        name: cell_text(_walk(usage if path[0] in _COUNTS else usage.source, path))
        for name, path in _SOURCE_COLUMNS
    }


SOURCE_SHAPE: Shape[SourceUsage] = Shape(
    record=usage_record,
    row=usage_row,
    columns=SOURCE_COLUMNS,
    ident=lambda usage: usage.source.id,
)
"""Sources with their counts, the same record in JSON and YAML."""
