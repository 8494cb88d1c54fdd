"""The export job: what every exporter takes and gives back, and the data exports.

An exporter is a function from an :class:`ExportInput` (the selected claims
and their ledger) to an :class:`Exported` (text, plus warnings about what was
left out). :data:`~claims_cli.render.registry.EXPORT_FORMATS` names them and
chooses one by a file's extension. The ``json``, ``jsonl`` and ``csv``
exports are the records of :mod:`claims_cli.render.data`, the same as
``claims list`` prints. Nothing here writes to a terminal or a file; see
:mod:`claims_cli.write.atomic` for writing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from claims_cli.model import Claim, Index, Ledger
from claims_cli.render.data import claim_shape, write_csv, write_json, write_jsonl

#: The names of :data:`~claims_cli.render.registry.GROUP_BYS`, as a type.
GroupBy = Literal["tag", "source", "status", "type"]


@dataclass(frozen=True, kw_only=True)
class ExportInput:
    """The claims to export (already selected and ordered) and the ledger they come from."""

    ledger: Ledger
    claims: Sequence[Claim]
    group_by: GroupBy | None = None
    #: The Markdown report shows the desk's internal fields (notes, assignee, priority).
    internal: bool = False
    #: The report's date (``Environment.today``) of the Markdown report and the web page;
    #: None leaves it out.
    today: date | None = None

    @cached_property
    def index(self) -> Index:
        return Index(ledger=self.ledger)


@dataclass(frozen=True)
class Exported:
    """An export's text, and what was left out of it and why (for stderr)."""

    text: str
    warnings: tuple[str, ...] = field(default=())


Render = Callable[[ExportInput], Exported]


def render_json(job: ExportInput) -> Exported:
    """An array of claim records, indented, ending with a newline."""
    return Exported(write_json(job.claims, claim_shape(job.index)))


def render_jsonl(job: ExportInput) -> Exported:
    """One claim record per line (JSON Lines)."""
    return Exported(write_jsonl(job.claims, claim_shape(job.index)))


def render_csv(job: ExportInput) -> Exported:
    """RFC 4180 CSV with a header row and flattened columns; formula cells neutralised."""
    return Exported(write_csv(job.claims, claim_shape(job.index)))
