"""Collections as text for machines: ``json``, ``jsonl``, ``csv``, ``tsv``, ``yaml``, ``ids``.

Every look-up shares one ``--format`` switch: a command describes how one
item becomes a record, a flat row and an id (a :class:`Shape`), and
:func:`serialise` writes the whole collection in the format asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from claims_cli.model import Claim, Index, to_data
from claims_cli.query.usage import SOURCE_COLUMNS, SourceUsage, usage_record, usage_row
from claims_cli.render.records import FLAT_COLUMNS, claim_record, delimited, dumps, flat_row

MachineFormat = Literal["json", "jsonl", "csv", "tsv", "yaml", "ids"]
MACHINE_FORMATS: tuple[MachineFormat, ...] = ("json", "jsonl", "csv", "tsv", "yaml", "ids")

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


def json_text(data: Any) -> str:
    """Indented JSON with non-ASCII text kept as it is, ending in a newline."""
    return dumps(data, indent=2) + "\n"


def yaml_text(data: Any) -> str:
    """Block-style YAML in the order given, non-ASCII text kept as it is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


def serialise(fmt: MachineFormat, items: Sequence[T], shape: Shape[T]) -> str:
    """``items`` as text in ``fmt``; an empty collection is still valid output.

    ``json`` is one array, ``jsonl`` one compact object per line, ``csv`` and
    ``tsv`` a header row then one row per item, ``yaml`` a block list and
    ``ids`` one id per line.
    """
    if fmt == "json":
        return json_text([shape.record(item) for item in items])
    if fmt == "jsonl":
        return "".join(dumps(shape.record(item)) + "\n" for item in items)
    if fmt in ("csv", "tsv"):
        rows = (shape.row(item) for item in items)
        return delimited(rows, shape.columns, tsv=fmt == "tsv")
    if fmt == "yaml":
        document = shape.document or shape.record
        return yaml_text([document(item) for item in items])
    return "".join(shape.ident(item) + "\n" for item in items)


def claim_shape(index: Index) -> Shape[Claim]:
    """Claims: JSON records with the resolved source, flat rows, file-shaped YAML."""
    return Shape(
        record=lambda claim: claim_record(claim, index),
        row=lambda claim: flat_row(claim, index),
        columns=FLAT_COLUMNS,
        ident=lambda claim: claim.id,
        document=to_data,
    )


SOURCE_SHAPE: Shape[SourceUsage] = Shape(
    record=usage_record,
    row=usage_row,
    columns=SOURCE_COLUMNS,
    ident=lambda usage: usage.source.id,
)
"""Sources with their counts, the same record in JSON and YAML."""
