"""One registry per kind of output, pointing at the real renderers; columns from the model."""

from __future__ import annotations

import dataclasses
import json
import typing

import pytest
from export_support import adversarial_ledger, job, sample_ledger

from claims_cli.model import Claim, Index, Source, to_data
from claims_cli.query.stats import count_claims
from claims_cli.query.usage import source_usage
from claims_cli.render import data
from claims_cli.render.exports import Exported, GroupBy
from claims_cli.render.registry import (
    EXPORT_FORMATS,
    GROUP_BYS,
    LIST_FORMATS,
    REPORT_FORMATS,
    SHOW_FORMATS,
    STATS_FORMATS,
)


@pytest.mark.parametrize(
    "registry", [REPORT_FORMATS, LIST_FORMATS, SHOW_FORMATS, STATS_FORMATS, EXPORT_FORMATS]
)
def test_every_format_with_a_target_loads_a_function(registry: typing.Any) -> None:
    for fmt in registry.values():
        if fmt.target:
            assert callable(fmt.load()), fmt.name


def test_formats_the_command_line_draws_itself_have_no_renderer() -> None:
    with pytest.raises(LookupError, match="the table format is drawn by the command line"):
        LIST_FORMATS["table"].load()
    assert not STATS_FORMATS["chart"].target and not SHOW_FORMATS["panel"].target


def test_every_machine_format_of_list_writes_the_sample() -> None:
    ledger = sample_ledger()
    shape = data.claim_shape(Index(ledger=ledger))
    outputs = {
        name: data.serialise(name, ledger.claims, shape)
        for name, fmt in LIST_FORMATS.items()
        if fmt.target
    }
    assert list(outputs) == ["json", "jsonl", "csv", "tsv", "yaml", "ids"]
    assert outputs["ids"].splitlines() == [c.id for c in ledger.claims]
    assert json.loads(outputs["json"]) == [
        json.loads(line) for line in outputs["jsonl"].splitlines()
    ]
    assert outputs["tsv"].splitlines()[0].split("\t") == list(data.FLAT_COLUMNS)
    # show's json and yaml are list's, not copies.
    assert SHOW_FORMATS["json"] is LIST_FORMATS["json"]


@pytest.mark.parametrize("name", EXPORT_FORMATS.names)
def test_each_export_format_renders_every_claim_it_can(name: str) -> None:
    ledger = adversarial_ledger()
    result = EXPORT_FORMATS[name].load()(job(ledger))
    assert isinstance(result, Exported) and result.text.endswith("\n")
    shown = [claim.id for claim in ledger.claims if claim.id in result.text]
    if name == "claimreview":  # a review needs a verdict and a date; the rest is said
        assert shown == [
            "pipe-claim",
            "newline-claim",
            "html-claim",
            "markdown-claim",
            "formula-claim",
        ]
        assert [w.split(" has no ")[0] for w in result.warnings] == [
            "claim 'long-claim'",
            "claim 'superseding-claim'",
            "left out 1 unverified claim: a review needs a verdict",
        ]
    else:
        assert shown == [claim.id for claim in ledger.claims]
        # The page embeds the ClaimReview too, and names the verdicts it cannot review.
        reviewless = ["claim 'long-claim'", "claim 'superseding-claim'"] if name == "html" else []
        assert [w.split(" has no ")[0] for w in result.warnings] == reviewless


def test_stats_json_is_the_counts() -> None:
    claims = sample_ledger().claims
    text = STATS_FORMATS["json"].load()(count_claims(claims))
    assert json.loads(text)["claims"] == 45


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("report.md", "markdown"),
        ("REPORT.MARKDOWN", "markdown"),
        ("out/claims.json", "json"),
        ("site.claimreview.json", "claimreview"),
        ("feed.jsonld", "claimreview"),
        ("x.ndjson", "jsonl"),
        ("table.csv", "csv"),
        (".json", None),
        ("report.txt", None),
        ("report", None),
    ],
)
def test_an_output_name_chooses_its_format_by_the_longest_ending(
    path: str, expected: str | None
) -> None:
    assert EXPORT_FORMATS.for_path(path) == expected


def test_the_export_endings_are_listed_in_registry_order() -> None:
    assert EXPORT_FORMATS.extensions == (
        ".md",
        ".markdown",
        ".json",
        ".jsonl",
        ".ndjson",
        ".csv",
        ".claimreview.json",
        ".jsonld",
        ".html",
        ".htm",
    )


def test_the_group_by_type_names_the_registered_groupings() -> None:
    assert typing.get_args(GroupBy) == GROUP_BYS.names


# --- columns derived from the model ------------------------------------------------


def _leaves(cls: type, prefix: str = "") -> list[str]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if f.name == "origin":
            continue
        inner = [a for a in typing.get_args(hints[f.name]) if a is not type(None)]
        nested = inner[0] if len(inner) == 1 else hints[f.name]
        if isinstance(nested, type) and dataclasses.is_dataclass(nested):
            out += _leaves(nested, f"{prefix}{f.name}_")
        else:
            out.append(prefix + f.name)
    return out


def test_every_claim_field_has_a_column_and_the_old_order_is_kept() -> None:
    # An anchor's selectors are positions for annotation tools: JSON keeps them, rows do not.
    leaves = [leaf for leaf in _leaves(Claim) if not leaf.startswith("attribution_anchor_")]
    assert sorted(data.FLAT_COLUMNS) == sorted([*leaves, "source_title", "source_url"])
    assert "attribution_anchor_exact" in _leaves(Claim)
    assert data.FLAT_COLUMNS[:6] == ("id", "claim", "type", "status", "confidence", "credibility")
    # A new field adds its column after these; the ones people script against stay in order.
    tail = ("supersedes", "notes", "checked_by", "checked_on")
    at = data.FLAT_COLUMNS.index("supersedes")
    assert data.FLAT_COLUMNS[at : at + len(tail)] == tail


@dataclasses.dataclass(frozen=True, kw_only=True)
class Review:
    by: str
    verdict: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Longer(Claim):
    """A claim with fields the model may grow: text, a record, a list of records."""

    language: str | None = None
    review: Review | None = None
    reviews: tuple[Review, ...] = ()


def test_a_new_claim_field_gets_a_column_without_an_edit() -> None:
    columns = [name for name, _ in data._columns(Longer)]
    assert columns[-4:] == ["language", "review_by", "review_verdict", "reviews"]
    claim = sample_ledger().claims[0]
    longer = Longer(
        **{f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)},
        language="fa",
        reviews=(Review(by="desk", verdict="ok"), Review(by="editor")),
    )
    assert data.cell_text(longer.reviews) == "desk; editor"
    assert to_data(longer)["language"] == "fa"


def test_source_rows_keep_their_columns_and_add_the_rest_at_the_end() -> None:
    assert (
        *("id", "title", "kind", "reliability", "published", "accessed", "publisher", "author"),
        *("url", "as_attribution", "as_evidence", "claims", "archive_url", "snapshot", "sha256"),
    ) == data.SOURCE_COLUMNS
    source = Source(id="s", title="S", sha256="ab" * 32, archive_url="https://a.example/s")
    (usage,) = source_usage([source], [])
    row = data.usage_row(usage)
    assert row["sha256"] == "ab" * 32 and row["claims"] == "0" and row["kind"] == ""
    assert data.usage_record(usage) == {
        "id": "s",
        "title": "S",
        "archive_url": "https://a.example/s",
        "sha256": "ab" * 32,
        "as_attribution": 0,
        "as_evidence": 0,
        "claims": 0,
    }
