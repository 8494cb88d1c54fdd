"""Validation reports in every output format, behind one registry.

Each reporter turns a :class:`~claims_cli.check.validate.Report` into text; none
writes to a terminal itself, so the CLI decides where it goes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from claims_cli import __version__
from claims_cli.check.diagnostics import CODES, Diagnostic
from claims_cli.check.validate import Report
from claims_cli.render.wording import count_of

Reporter = Callable[[Report, bool], str]

_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def summary_line(report: Report) -> str:
    """One line for the end of a report: what was read and what was found."""
    scope = (
        f"{count_of(report.files, 'file')}, {count_of(report.claims, 'claim')}, "
        f"{count_of(report.sources, 'source')}"
    )
    if not report.diagnostics:
        return f"No problems: {scope}."
    found = (
        f"Found {count_of(report.errors, 'error')} and {count_of(report.warnings, 'warning')} "
        f"in {scope}."
    )
    if report.strict and report.warnings and not report.errors:
        found += " Warnings fail the run under --strict."
    return found


def format_diagnostic(diagnostic: Diagnostic, color: bool = False) -> str:
    """``path:line:col: CODE message``, the way compilers and linters print."""
    place = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}:"
    if not color:
        return f"{place} {diagnostic.code} {diagnostic.message}"
    tint = _RED if diagnostic.is_error else _YELLOW
    return f"{_BOLD}{place}{_RESET} {tint}{diagnostic.code}{_RESET} {diagnostic.message}"


def text(report: Report, color: bool = False) -> str:
    lines = [format_diagnostic(d, color) for d in report.diagnostics]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def json_report(report: Report, color: bool = False) -> str:
    payload = {
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "summary": report.summary(),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def repository_root() -> Path | None:
    """Where CI paths are relative to: ``GITHUB_WORKSPACE``, else the enclosing git checkout."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    here = Path.cwd().resolve()
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), None)


def repository_path(file: str, root: Path | None) -> str:
    """A diagnostic's file as GitHub expects it: relative to the repository, with ``/``.

    ``claims validate ../claims.yaml`` run in a subfolder still annotates
    ``claims.yaml`` on the pull request. Files outside the repository keep
    their path.
    """
    full = Path(file).resolve()
    if root is not None and full.is_relative_to(root):
        return full.relative_to(root).as_posix()
    return file.replace("\\", "/")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, color: bool = False) -> str:
    """GitHub workflow annotations, then the plain report (GitHub shows only ten)."""
    lines = []
    root = repository_root()
    for d in report.diagnostics:
        command = "error" if d.is_error else "warning"
        title = f"{d.code} {CODES.get(d.code, '')}".strip()
        params = ",".join(
            [
                f"file={_escape_property(repository_path(d.file, root))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(title)}",
            ]
        )
        lines.append(f"::{command} {params}::{_escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "") + text(report)


def sarif(report: Report, color: bool = False) -> str:
    """SARIF 2.1.0 for GitHub code scanning: a rule per code, a result per diagnostic."""
    codes = list(CODES)
    root = repository_root()
    rules = [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": name.replace("-", " ")},
            "defaultConfiguration": {"level": "error" if code.startswith("E") else "warning"},
        }
        for code, name in CODES.items()
    ]
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": repository_path(d.file, root),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": d.line, "startColumn": d.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": d.path, "kind": "member"}],
                }
            ],
        }
        for d in report.diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claims",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_report,
    "github": github,
    "sarif": sarif,
}
