"""Validation reports: ``text``, ``json``, ``github`` and ``sarif``.

Each reporter turns a :class:`~claims_cli.check.validate.Report` into text
with the same signature (:class:`Reporter`); :data:`~claims_cli.render.registry.REPORT_FORMATS`
names them. None writes to a terminal or reads the environment: the caller
says whether to colour and where the repository root is.

File names and messages come from files anyone may have written: every
format escapes them for where it is read (:mod:`claims_cli.render.escape`),
a terminal, a CI log, or a JSON parser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from claims_cli import __version__
from claims_cli.check.codes import CODES, lookup
from claims_cli.check.diagnostics import Diagnostic
from claims_cli.check.validate import Report
from claims_cli.render.escape import json_safe, log_lines, one_line, path_at_line_start
from claims_cli.render.wording import count_of


class Reporter(Protocol):
    """A report format: the report as text, coloured or not, paths relative to ``root``."""

    def __call__(self, report: Report, *, color: bool = False, root: Path | None = None) -> str:
        """The report as text; ``root`` is the repository root CI paths are relative to."""


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
    """``path:line:col: CODE message``, the way compilers and linters print.

    Always one line, safe on a terminal and in a CI log: controls in the
    file name or the message are shown as escapes, and a file name that
    starts with ``::`` as ``./::...`` (see :mod:`claims_cli.render.escape`).
    """
    file = path_at_line_start(diagnostic.file)
    message = one_line(diagnostic.message)
    place = f"{file}:{diagnostic.line}:{diagnostic.column}:"
    if not color:
        return f"{place} {diagnostic.code} {message}"
    tint = _RED if diagnostic.is_error else _YELLOW
    return f"{_BOLD}{place}{_RESET} {tint}{diagnostic.code}{_RESET} {message}"


def text(report: Report, *, color: bool = False, root: Path | None = None) -> str:
    """Diagnostics as ``path:line:col: CODE message``, then the summary line."""
    lines = [format_diagnostic(d, color) for d in report.diagnostics]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def json_report(report: Report, *, color: bool = False, root: Path | None = None) -> str:
    """``{"diagnostics": [...], "summary": {...}}``."""
    payload = {
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "summary": report.summary(),
    }
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


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
    """A workflow command's message: ``%``, CR and LF as the runner unescapes them.

    A line break stays a line break of the annotation; any other control
    character is shown as an escape, as in the plain report.
    """
    return one_line(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    """A workflow command's property: as its message, and ``:`` and ``,`` too."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, *, color: bool = False, root: Path | None = None) -> str:
    """GitHub workflow annotations, then the plain report (GitHub shows only ten).

    The annotations are the only lines that are workflow commands: their
    properties and message are escaped as the runner expects, and no line
    of the plain report can be read as a command (a file named ``::x`` is
    shown as ``./::x``, and ``##[`` as ``#\\x23[``).
    """
    lines = []
    for d in report.diagnostics:
        command = "error" if d.is_error else "warning"
        title = f"{d.code} {lookup(d.code).title}"
        params = ",".join(
            [
                f"file={_escape_property(repository_path(d.file, root))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(title)}",
            ]
        )
        lines.append(f"::{command} {params}::{_escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "") + log_lines(text(report))


def _sarif_rule(code: str) -> dict[str, Any]:
    entry = lookup(code)
    return {
        "id": code,
        "name": entry.title,
        "shortDescription": {"text": entry.title.replace("-", " ")},
        "fullDescription": {"text": entry.help},
        "helpUri": entry.help_uri,
        "defaultConfiguration": {"level": entry.severity.value},
    }


def uri_reference(path: str) -> str:
    """A relative path as a URI reference, as SARIF requires: every byte that is not
    unreserved or ``/`` percent-encoded, so ``#``, ``?``, ``:`` and spaces in a file
    name cannot read as a fragment, a query or a scheme. A name that is not UTF-8
    keeps its bytes."""
    from urllib.parse import quote

    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def sarif(report: Report, *, color: bool = False, root: Path | None = None) -> str:
    """SARIF 2.1.0 for GitHub code scanning: a rule per code, a result per diagnostic.

    Every code of the table is a rule; a code the table lacks still gets one,
    so a report never fails for want of a description.
    """
    codes = list(CODES)
    codes += sorted({d.code for d in report.diagnostics} - set(codes))
    rules = [_sarif_rule(code) for code in codes]
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
                            "uri": uri_reference(repository_path(d.file, root)),
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
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
