"""Every output format and grouping, by name: one registry per kind of output.

The command line derives its choices, help and completion from these tables,
so adding a format is one entry here plus its renderer. Importing this module
imports no renderer: each entry names its renderer as ``module:function`` and
loads it only when it is used, which keeps start-up light.
"""

from __future__ import annotations

import importlib
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


_MACHINE = (
    OutputFormat(name="json", summary="one JSON array of records"),
    OutputFormat(name="jsonl", summary="one JSON record per line"),
    OutputFormat(name="csv", summary="RFC 4180 CSV with a header row"),
    OutputFormat(name="tsv", summary="tab-separated values with a header row"),
    OutputFormat(name="yaml", summary="a YAML list"),
    OutputFormat(name="ids", summary="one id per line"),
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
    OutputFormat(name="json", summary="the counts as JSON"),
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
        target=f"{__package__}.machine:render_json",
        extensions=(".json",),
    ),
    OutputFormat(
        name="jsonl",
        summary="a claim record per line",
        target=f"{__package__}.machine:render_jsonl",
        extensions=(".jsonl", ".ndjson"),
    ),
    OutputFormat(
        name="csv",
        summary="a flat row per claim",
        target=f"{__package__}.machine:render_csv",
        extensions=(".csv",),
    ),
    OutputFormat(
        name="claimreview",
        summary="schema.org ClaimReview JSON-LD",
        target=f"{__package__}.claimreview:render",
        extensions=(".claimreview.json", ".jsonld"),
    ),
)
#: ``claims export --group-by``.
GROUP_BYS = Registry(
    OutputFormat(name="tag", summary="a section per tag"),
    OutputFormat(name="source", summary="a section per attributed source"),
    OutputFormat(name="status", summary="a section per verdict"),
    OutputFormat(name="type", summary="a section per claim type"),
)
