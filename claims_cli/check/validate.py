"""``claims validate``: the schema, then every semantic check, in one report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.check.rules import ALL_CHECKS
from claims_cli.exitcodes import ExitStatus
from claims_cli.read.files import ClaimFile
from claims_cli.read.yaml_events import Document, PathParts


@dataclass(frozen=True)
class Report:
    """The outcome of validating a set of claim files."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    claims: int
    sources: int
    #: Whether warnings fail the run (``--strict``).
    strict: bool = False

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


def _entries(doc: Document, section: str) -> int:
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get(section), list):
        return len(data[section])
    return 0


def validate_files(files: Sequence[ClaimFile], *, strict: bool = False) -> Report:
    """Validate claim files together (ids and references span every file)."""
    return validate_ledger(files, strict=strict)[0]


def validate_ledger(files: Sequence[ClaimFile], *, strict: bool = False) -> tuple[Report, Loaded]:
    """The validation report, and the ledger as far as it could be built."""
    from claims_cli.check.schema import schema_diagnostics

    flagged: dict[str, set[PathParts]] = {}

    def run_schema(documents: list[Document]) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for doc in documents:
            if not isinstance(doc.data, dict):
                continue  # the builder says what the top level should be
            marks = flagged.setdefault(doc.file, set())
            for parts, diagnostic in schema_diagnostics(doc):
                found.append(diagnostic)
                marks.add(_record_of(parts))
        return found

    def skip(doc: Document, parts: PathParts) -> bool:
        marks = flagged.get(doc.file, set())
        return parts in marks or (parts != () and () in marks)

    loaded = open_ledger(files, checks=ALL_CHECKS, skip=skip, before=run_schema)
    report = Report(
        diagnostics=tuple(loaded.diagnostics),
        files=len(files),
        claims=sum(_entries(doc, "claims") for doc in loaded.documents),
        sources=sum(_entries(doc, "sources") for doc in loaded.documents),
        strict=strict,
    )
    return report, loaded


def _record_of(parts: PathParts) -> PathParts:
    """The record a path falls in: ``("claims", 3)``, ``("meta",)`` or the file ``()``."""
    if len(parts) >= 2 and parts[0] in ("claims", "sources") and isinstance(parts[1], int):
        return parts[:2]
    if parts[:1] == ("meta",):
        return ("meta",)
    return ()
