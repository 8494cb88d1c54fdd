"""``claims validate``: the ledger opened with the schema on, as one report and an exit status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.exitcodes import ExitStatus
from claims_cli.read.files import ClaimFile


@dataclass(frozen=True)
class Report:
    """The outcome of validating a set of claim files."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    claims: int
    sources: int
    #: Whether warnings fail the run (``--strict``).
    strict: bool = False

    @classmethod
    def from_loaded(cls, loaded: Loaded, *, strict: bool = False) -> Report:
        """The report on a ledger opened with ``schema=True``."""
        return cls(
            diagnostics=loaded.diagnostics,
            files=loaded.files,
            claims=loaded.claims,
            sources=loaded.sources,
            strict=strict,
        )

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def exit_status(self) -> ExitStatus:
        if self.errors or (self.strict and self.warnings):
            return ExitStatus.PROBLEMS
        return ExitStatus.OK

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files,
            "claims": self.claims,
            "sources": self.sources,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def validate_files(
    files: Sequence[ClaimFile], *, today: date, max_bytes: int, strict: bool = False
) -> Report:
    """Validate claim files together (ids and references span every file)."""
    loaded = open_ledger(files, today=today, max_bytes=max_bytes, schema=True)
    return Report.from_loaded(loaded, strict=strict)
