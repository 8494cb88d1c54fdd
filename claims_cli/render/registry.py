"""Every output format and grouping, by name: one registry per kind of output.

The command line derives its choices, help and completion from these tables,
so adding a format is one entry here plus its renderer. Importing this module
imports no renderer: each entry names its renderer as ``module:function`` and
loads it only when it is used, which keeps start-up light.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, kw_only=True)
class OutputFormat:
    """A named format: what it is for, which file names choose it, and its renderer."""

    name: str
    summary: str
    #: ``module:attribute`` of the renderer; empty for formats the CLI draws itself.
    target: str = ""
    #: File name endings that choose this format for ``--output`` (longest match wins).
    extensions: tuple[str, ...] = ()

    def load(self) -> Any:
        """The renderer, imported on first use."""
        if not self.target:
            raise LookupError(f"the {self.name} format is drawn by the command line")
        module, _, attribute = self.target.partition(":")
        return getattr(importlib.import_module(module), attribute)


class Registry(Mapping[str, OutputFormat]):
    """An ordered, read-only table of formats by name."""

    def __init__(self, *formats: OutputFormat) -> None:
        self._formats = {f.name: f for f in formats}

    def __getitem__(self, name: str) -> OutputFormat:
        return self._formats[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._formats)

    @property
    def extensions(self) -> tuple[str, ...]:
        """Every file name ending that chooses a format, in registry order."""
        return tuple(ext for fmt in self._formats.values() for ext in fmt.extensions)

    def for_path(self, path: str) -> str | None:
        """The format a file name asks for by its ending (the longest match), if any.

        ``report.md`` -> ``markdown``; ``site.claimreview.json`` -> ``claimreview``;
        ``claims.json`` -> ``json``. Case does not matter; a name that is only
        an ending (``.json``) chooses nothing.
        """
        name = os.path.basename(path).lower()
        found: tuple[int, str] | None = None
        for fmt in self._formats.values():
            for ending in fmt.extensions:
                fits = name.endswith(ending) and len(name) > len(ending)
                if fits and (found is None or len(ending) > found[0]):
                    found = (len(ending), fmt.name)
        return found[1] if found else None


def _data(name: str, summary: str) -> OutputFormat:
    """A collection format of :mod:`claims_cli.render.data` (``write_<name>(items, shape)``)."""
    return OutputFormat(name=name, summary=summary, target=f"{__package__}.data:write_{name}")


_MACHINE = (
    _data("json", "one JSON array of records"),
    _data("jsonl", "one JSON record per line"),
    _data("csv", "RFC 4180 CSV with a header row"),
    _data("tsv", "tab-separated values with a header row"),
    _data("yaml", "a YAML list"),
    _data("ids", "one id per line"),
)

#: ``claims validate --format``.
REPORT_FORMATS = Registry(
    OutputFormat(
        name="text", summary="path:line:col: CODE message", target=f"{__package__}.reports:text"
    ),
    OutputFormat(
        name="json",
        summary="diagnostics and a summary as JSON",
        target=f"{__package__}.reports:json_report",
    ),
    OutputFormat(
        name="github",
        summary="GitHub workflow annotations, then the text report",
        target=f"{__package__}.reports:github",
    ),
    OutputFormat(
        name="sarif", summary="SARIF 2.1.0 for code scanning", target=f"{__package__}.reports:sarif"
    ),
)
#: ``claims list --format`` and ``claims sources --format``.
LIST_FORMATS = Registry(
    OutputFormat(name="table", summary="a table fitted to the terminal"),
    *_MACHINE,
)
#: ``claims show --format``.
SHOW_FORMATS = Registry(
    OutputFormat(name="panel", summary="a panel for people"),
    *(f for f in _MACHINE if f.name in ("json", "yaml")),
)
#: ``claims stats --format``.
STATS_FORMATS = Registry(
    OutputFormat(name="chart", summary="bar charts for people"),
    OutputFormat(
        name="json", summary="the counts as JSON", target=f"{__package__}.data:write_counts"
    ),
)
#: ``claims export --format``.
EXPORT_FORMATS = Registry(
    OutputFormat(
        name="markdown",
        summary="a report in GitHub Markdown",
        target=f"{__package__}.markdown:render",
        extensions=(".md", ".markdown"),
    ),
    OutputFormat(
        name="json",
        summary="an array of claim records",
        target=f"{__package__}.exports:render_json",
        extensions=(".json",),
    ),
    OutputFormat(
        name="jsonl",
        summary="a claim record per line",
        target=f"{__package__}.exports:render_jsonl",
        extensions=(".jsonl", ".ndjson"),
    ),
    OutputFormat(
        name="csv",
        summary="a flat row per claim",
        target=f"{__package__}.exports:render_csv",
        extensions=(".csv",),
    ),
    OutputFormat(
        name="claimreview",
        summary="schema.org ClaimReview JSON-LD",
        target=f"{__package__}.claimreview:render",
        extensions=(".claimreview.json", ".jsonld"),
    ),
    OutputFormat(
        name="html",
        summary="a self-contained web page",
        target=f"{__package__}.html:render",
        extensions=(".html", ".htm"),
    ),
)
#: ``claims export --group-by`` (the Markdown report's sections; see
#: :data:`claims_cli.render.exports.GroupBy`).
GROUP_BYS = Registry(
    OutputFormat(name="tag", summary="a section per tag"),
    OutputFormat(name="source", summary="a section per attributed source"),
    OutputFormat(name="status", summary="a section per verdict"),
    OutputFormat(name="type", summary="a section per claim type"),
)
