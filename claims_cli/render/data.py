"""Claims and sources as data for programs: json, jsonl, csv, tsv, yaml and ids.

Every look-up and the data exports share this one path. A :class:`Shape`
says how one item becomes a record (JSON, YAML), a flat row (CSV, TSV) and
an id; a writer per format (named in
:data:`~claims_cli.render.registry.LIST_FORMATS`) writes a whole collection.

Records and columns are derived from the model's dataclasses, so a field
added to the model appears in JSON and CSV without an edit here: the record
is the file's own shape (:func:`~claims_cli.model.to_data`) and a flat column
is a field's path joined with ``_`` (``value_amount``). Output is
deterministic: keys in the file's order, no timestamps. CSV and TSV cells
follow the rules of docs/csv.md: list cells split back into their items
(:func:`list_cell`) and no cell runs as a spreadsheet formula
(:func:`neutralise_formula`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import types
import typing
import unicodedata
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


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text in UTF-8 (not ``\\u`` escapes), except what a terminal or a log must not see.

    U+0085, U+2028 and U+2029 are legal in JSON strings but end lines for many
    line readers (Python's ``str.splitlines``, older JavaScript), so they stay
    escaped and a JSON Lines record always fits on one line; C1 controls,
    bidirectional controls, lone surrogates and GitHub's ``##[`` are escaped
    too (:func:`claims_cli.render.escape.json_safe`). Every escape decodes to
    the same string, so the data is unchanged.
    """
    from claims_cli.render.escape import json_safe

    return json_safe(json.dumps(data, ensure_ascii=False, indent=indent))


def json_text(data: Any) -> str:
    """Indented JSON with non-ASCII text kept as it is, ending in a newline."""
    return dumps(data, indent=2) + "\n"


def yaml_text(data: Any) -> str:
    """Block-style YAML in the order given, non-ASCII text kept as it is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


# --- cells safe in a spreadsheet ------------------------------------------------

#: A cell whose text starts with one of these is run as a formula by some
#: spreadsheet: ``= + - @``, tab and carriage return, and every character that
#: Unicode compatibility normalisation (NFKC) turns into ``=``, ``+``, ``-`` or
#: ``@`` (full-width ``＝＋－＠``, small ``﹦﹢﹣﹫``, super- and subscript
#: ``⁺⁼₊₌``, ``⩵``, ``⩶``, Hebrew ``﬩``), since spreadsheets fold those when a
#: cell is typed or imported. A test checks this list against the running
#: Python's Unicode tables.
FORMULA_STARTERS = frozenset(
    "=+-@\t\r"
    "\uff1d\uff0b\uff0d\uff20"  # full width
    "\ufe66\ufe62\ufe63\ufe6b"  # small forms
    "\u207a\u207c\u208a\u208c"  # superscript and subscript
    "\u2a75\u2a76\ufb29"
)

#: Unicode categories of characters that show nothing before a formula:
#: controls, format characters (BOM, zero-width space and joiners, word
#: joiner, direction marks) and spaces of every width.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

#: Code points Unicode calls default-ignorable (drawn as nothing) that the
#: categories above miss, and the Braille blank, as inclusive ranges.
_INVISIBLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x2065, 0x2065),
    (0x2800, 0x2800),  # Braille pattern blank
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)

#: A number as a spreadsheet reads one: ASCII digits, an optional sign,
#: point and exponent. ``-5`` is data, not a formula, and keeps its sign.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _invisible(char: str) -> bool:
    """Whether ``char`` shows as nothing or as space: a control, format or space character."""
    if "!" <= char <= "~":
        return False  # printable ASCII: most cells start with one
    if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char.isspace():
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _INVISIBLE_RANGES)


def _starts_formula(cell: str) -> bool:
    """Whether a spreadsheet could run ``cell`` as a formula.

    True when the cell starts with a :data:`FORMULA_STARTERS` character, or
    with any number of invisible characters and then one, unless the
    whole cell is a plain number such as ``-5`` or ``+1.5e3``.
    """
    for char in cell:
        if char in FORMULA_STARTERS:
            return _NUMBER.fullmatch(cell) is None
        if not _invisible(char):
            return False
    return False


def neutralise_formula(cell: str) -> str:
    """Keep spreadsheets from running a cell as a formula (OWASP CSV injection).

    A cell that would start a formula gets a leading apostrophe, which
    spreadsheets take as "this is text". So does a cell that already starts
    with an apostrophe, which makes the rule reversible without knowing it:
    a reader removes the first character of every cell that starts with
    ``'`` and has the text back. Negative numbers are kept as they are.
    """
    if cell.startswith("'") or _starts_formula(cell):
        return "'" + cell
    return cell


def delimited(rows: Iterable[dict[str, str]], columns: Sequence[str], *, tsv: bool = False) -> str:
    """Rows as CSV (RFC 4180, CRLF line ends) or TSV (one line per row, no quoting).

    In TSV a tab or line break inside a cell becomes a space, so every row
    stays on one line for ``cut``, ``grep`` and ``awk``; the formula rule is
    applied to the cell as it is written, after that.
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


#: Fields left out of flat rows: an anchor's selectors are positions for
#: annotation tools, not cells for a spreadsheet (JSON and YAML keep them).
_NOT_FLAT = frozenset({("attribution", "anchor")})


def _columns(cls: type, prefix: tuple[str, ...] = ()) -> list[_Column]:
    """A column per field of ``cls``; a nested record's fields flattened with ``_``."""
    hints = typing.get_type_hints(cls)
    out: list[_Column] = []
    for item in dataclasses.fields(cls):
        if item.name == "origin" or (*prefix, item.name) in _NOT_FLAT:
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
#: the attributed source's title and URL, lists as :func:`list_cell` writes them.
FLAT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _CLAIM_COLUMNS)


def _required(record: object) -> list[object]:
    return [
        getattr(record, f.name)
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


#: Between the items of a list cell.
LIST_SEPARATOR = "; "
#: Inside an item, a backslash and a semicolon are escaped with a backslash,
#: so every ``;`` left bare separates two items.
_ITEM_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;"})
#: The cell of a list whose only item is empty (an empty cell is an empty list).
_ONE_EMPTY_ITEM = "\\"


def list_cell(items: Sequence[object]) -> str:
    """A list as one cell that splits back into the same items.

    Items are joined with ``; ``; inside an item ``\\`` is written ``\\\\`` and
    ``;`` is written ``\\;``. An item that is a record is written as its
    required fields joined with ``:`` (evidence as ``source:stance``; the
    stance, one of a fixed set of words, follows the last ``:``). An empty
    list is an empty cell, and a list of one empty item is a lone ``\\``.
    Plain items (no ``;``, no ``\\``) read exactly as before: ``a; b``.
    """
    texts = [
        ":".join(cell_text(v) for v in _required(item))
        if dataclasses.is_dataclass(item)
        else cell_text(item)
        for item in items
    ]
    if texts == [""]:
        return _ONE_EMPTY_ITEM
    return LIST_SEPARATOR.join(text.translate(_ITEM_ESCAPES) for text in texts)


def cell_text(value: object) -> str:
    """A value as one cell: ``""`` for nothing, whole numbers without ``.0``.

    A list is written by :func:`list_cell`, so it splits back into its items.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return list_cell(value)
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
