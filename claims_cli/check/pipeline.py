"""Open a ledger: read its files, build the model, check it holds together.

This is the path every look-up takes (``list``, ``show``, ``sources``,
``stats``, ``export``); it never imports jsonschema. ``claims validate`` adds
the schema and the full set of checks on top (see :mod:`claims_cli.check.validate`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.rules import INTEGRITY_CHECKS, Check, CheckContext, run_checks
from claims_cli.dates import today
from claims_cli.model import Ledger
from claims_cli.read.build import build_ledger
from claims_cli.read.files import ClaimFile, read_claim_file
from claims_cli.read.yaml_events import Document, LoadError, PathParts


@dataclass
class Loaded:
    """A ledger and everything found wrong while opening it."""

    ledger: Ledger
    documents: list[Document]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_documents(files: Sequence[ClaimFile]) -> tuple[list[Document], list[Diagnostic]]:
    """Every file that could be read, and a diagnostic for each that could not."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for item in files:
        try:
            doc = read_claim_file(item)
        except LoadError as exc:
            diagnostics.append(exc.diagnostic)
            continue
        documents.append(doc)
        diagnostics.extend(doc.diagnostics)
    return documents, diagnostics


def open_ledger(
    files: Sequence[ClaimFile],
    *,
    checks: Sequence[Check] = INTEGRITY_CHECKS,
    skip: Callable[[Document, PathParts], bool] | None = None,
    before: Callable[[list[Document]], list[Diagnostic]] | None = None,
) -> Loaded:
    """Read, build and check a ledger; problems come back as sorted diagnostics.

    ``before`` runs on the documents before the model is built (the schema, in
    ``validate``), and ``skip`` leaves out records it already reported.
    """
    documents, diagnostics = read_documents(files)
    if before is not None:
        diagnostics.extend(before(documents))
    built = build_ledger(documents, skip=skip)
    diagnostics.extend(built.diagnostics)
    context = CheckContext(
        ledger=built.ledger,
        documents={doc.file: doc for doc in documents},
        today=today(),
        skipped_claim_ids=built.skipped_claim_ids,
        skipped_source_ids=built.skipped_source_ids,
        skipped_citations=built.skipped_citations,
    )
    diagnostics.extend(run_checks(context, checks))
    diagnostics = _once(diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(built.ledger, documents, diagnostics)


def _once(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what follows from a value the loader refused (a forbidden tag, a NaN).

    The loader replaces such a value with null; the schema and the builder
    would then call the same spot "an empty value", which says nothing new.
    """
    refused = {(d.file, d.path) for d in diagnostics if d.code.startswith("E1")}
    return [
        d for d in diagnostics if d.code.startswith(("E1", "W1")) or (d.file, d.path) not in refused
    ]
