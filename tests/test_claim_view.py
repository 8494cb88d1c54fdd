"""One claim view: the panel of ``claims show`` and the Markdown report show the same fields."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, load
from lookup_support import DATED
from markdown_html import render
from rich.console import Console

from claims_cli.cli.terminal.panel import claim_panel
from claims_cli.model import Claim, Index, Ledger
from claims_cli.render.claim_view import ClaimView, Field, Line, claim_view
from claims_cli.render.exports import ExportInput
from claims_cli.render.markdown import report

LEDGERS = {"sample": SAMPLE, "dated": DATED}


def plain(line: Line, url_break: str) -> str:
    text = ""
    for part in line:
        text += (url_break if text else "") + part.text if part.kind == "url" else part.text
    return text


def panel_text(claim: Claim, index: Index) -> str:
    console = Console(width=400, color_system=None, markup=False, highlight=False)
    with console.capture() as captured:
        console.print(claim_panel(claim, index))
    return captured.get()


def panel_labels(text: str, view: ClaimView) -> list[str]:
    """The labels of the claim's rows, in order (the source's details follow a blank row)."""
    rows = [line.strip("│ ").rstrip() for line in text.splitlines()[1:-1]]
    claim_rows = rows[: rows.index("")] if "" in rows else rows
    known = sorted({f.label for f in view.fields}, key=len, reverse=True)
    labels = []
    for row in claim_rows:
        label = next((k for k in known if row.startswith(k + "  ")), None)
        if label is not None and not row.startswith(" "):
            labels.append(label)
    return labels


def section_items(markdown: str, claim_id: str) -> list[str]:
    start = markdown.index(f"- **Id:** {claim_id}\n")
    section = markdown[start : markdown.index("\n\n", start)]
    return [line for line in section.splitlines() if line.startswith("- **")]


def _ledger(name: str) -> Ledger:
    return load(LEDGERS[name])


@pytest.mark.parametrize("name", list(LEDGERS))
def test_the_panel_and_the_report_show_the_views_fields_in_its_order(name: str) -> None:
    ledger = _ledger(name)
    index = Index(ledger=ledger)
    markdown = report(ExportInput(ledger=ledger, claims=ledger.claims, internal=True))
    for claim in ledger.claims:
        view = claim_view(claim, index)
        labels = [f.label for f in view.fields]
        assert panel_labels(panel_text(claim, index), view) == labels, claim.id
        items = section_items(markdown, claim.id)
        expected = ["Id", "Type", *(f.label.capitalize() for f in view.fields)]
        expected.remove("Claim")
        if view.field("quote") is not None:
            expected.remove("Quote")
        assert [item[4 : item.index(":**")] for item in items] == expected, claim.id


def _field(view: ClaimView, label: str) -> Field:
    found = view.field(label)
    assert found is not None, label
    return found


def test_every_field_reads_the_same_in_the_panel_and_the_report() -> None:
    ledger = _ledger("dated")
    index = Index(ledger=ledger)
    page = render(report(ExportInput(ledger=ledger, claims=ledger.claims, internal=True)))
    items = [text for tag, text in page.blocks if tag == "li"]
    for claim in ledger.claims:
        view = claim_view(claim, index)
        words = " ".join(panel_text(claim, index).replace("│", " ").split())
        for field in view.fields:
            for line in field.lines:
                shown = plain(line, " ")
                assert " ".join(shown.split()) in words, (claim.id, field.label)
                if field.label in ("claim", "quote"):
                    continue
                in_report = plain(line, " · ")
                label = field.label.capitalize()
                assert (
                    f"{label}: {in_report}" in items or in_report in items  # a list's items
                ), (claim.id, field.label, in_report)


def test_the_view_of_a_checked_claim_with_evidence_and_history() -> None:
    ledger = _ledger("dated")
    index = Index(ledger=ledger)
    old = claim_view(index.claims["drone-exports-2021"], index)
    assert [plain(line, " | ") for line in _field(old, "evidence").lines] == [
        "refutes ministry-release — Ministry of Trade press release"
        " | https://trade.example.gov/releases/2022-11-30",
        "supports wire-report — Trade fair opens in Dušanbe | https://wire.example.com/trade-fair",
    ]
    assert _field(old, "superseded by").listing
    new = claim_view(index.claims["drone-exports-2021-revised"], index)
    assert plain(_field(new, "checked").lines[0], "") == "by desk on 2024-02-01"
    assert [f.label for f in new.fields][-2:] == ["supersedes", "checked"]


def test_the_value_shows_its_metric_and_the_grade_its_meaning() -> None:
    ledger = _ledger("sample")
    index = Index(ledger=ledger)
    view = claim_view(index.claims["trade-121m"], index)
    value = _field(view, "value").lines[0]
    assert plain(value, "") == "> $121 million (last two years (years not stated)) · " + (
        "iran-tajikistan-trade"
    )
    grade = _field(view, "grade").lines[0]
    assert plain(grade, "") == "F3 (source reliability cannot be judged; possibly true)"
    assert [p.kind for p in _field(view, "source").lines[0]] == [
        "source_ref",
        "sep",
        "source_title",
        "sep",
        "locator",
    ]
