"""What every exporter takes and gives back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from claims_cli.model import Claim, Index, Ledger

GroupBy = Literal["tag", "source", "status", "type"]
GROUP_BYS: tuple[GroupBy, ...] = ("tag", "source", "status", "type")


@dataclass(frozen=True, kw_only=True)
class ExportInput:
    """The claims to export (already selected and ordered) and the ledger they come from."""

    ledger: Ledger
    claims: Sequence[Claim]
    group_by: GroupBy | None = None

    @cached_property
    def index(self) -> Index:
        return Index(ledger=self.ledger)


@dataclass(frozen=True)
class Exported:
    """An export's text, and what was left out of it and why (for stderr)."""

    text: str
    warnings: tuple[str, ...] = field(default=())


Render = Callable[[ExportInput], Exported]
