"""Publishing: the newsroom report in docs/, and ClaimReview checked against schema.org."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from conftest import REPO, Cli, load
from export_support import ADVERSARIAL, job
from markdown_html import render
from schemaorg import problems

from claims_cli.render import claimreview
from claims_cli.render.exports import ExportInput
from claims_cli.render.markdown import report

NEWSROOM = REPO / "docs" / "examples" / "newsroom.yaml"
NEWSROOM_REPORT = REPO / "docs" / "newsroom-report.md"
BRIDGE = REPO / "tests" / "fixtures" / "export" / "bridge.yaml"
#: The day the committed newsroom report is dated.
REPORT_DAY = date(2025, 3, 8)


def _reviews(path: Any) -> list[dict[str, Any]]:
    reviews: list[dict[str, Any]] = json.loads(claimreview.render(job(load(path))).text)
    return reviews


def test_the_newsroom_report_in_docs_is_up_to_date() -> None:
    ledger = load(NEWSROOM)
    expected = report(ExportInput(ledger=ledger, claims=ledger.claims, today=REPORT_DAY))
    committed = NEWSROOM_REPORT.read_text("utf-8")
    assert committed == expected, (
        "run: CLAIMS_TODAY=2025-03-08 claims export -f docs/examples/newsroom.yaml "
        "-o docs/newsroom-report.md"
    )


def test_the_newsroom_ledger_is_clean_and_its_report_keeps_the_desk_s_notes(cli: Cli) -> None:
    run = cli("validate", "--strict", NEWSROOM)
    assert run.stdout == "No problems: 1 file, 6 claims, 5 sources.\n"
    text = NEWSROOM_REPORT.read_text("utf-8")
    page = render(text)
    assert "Report date: 2025-03-08" in page.text
    for internal in ("pothole fund", "ask the schools office", "Priority", "Assignee"):
        assert internal not in text
    rows = {row[0]: row for row in page.rows}
    assert rows["schools-budget-cut"][3:5] == ["not checked", "unverified"]
    assert rows["population-grew-20pc"][3:5] == ["high", "refuted"]
    items = [text for tag, text in page.blocks if tag == "li"]
    assert (
        "Explanation: National statistics put the rise from 2019 to 2024 at 4.6%, "
        "from 41,200 to 43,100 people." in items
    )


@pytest.mark.parametrize("path", [NEWSROOM, BRIDGE, ADVERSARIAL], ids=lambda p: p.stem)
def test_claimreview_passes_the_schema_org_check(path: Any) -> None:
    reviews = _reviews(path)
    assert reviews
    for review in reviews:
        assert problems(review) == [], review["url"]
        # What Google's fact-check markup requires of each review.
        assert review["@context"] == "https://schema.org"
        assert {"url", "claimReviewed", "reviewRating", "itemReviewed"} <= set(review)
        assert review["reviewRating"]["alternateName"]


def test_the_newsroom_reviews_read_as_published() -> None:
    reviews = {r["url"].rsplit("#claim-", 1)[1]: r for r in _reviews(NEWSROOM)}
    assert sorted(reviews) == [
        "bridge-cost-40m",
        "jobs-from-port",
        "pool-closed-by-council",
        "population-grew-20pc",
        "roads-spending-doubled",
    ]
    bridge = reviews["bridge-cost-40m"]
    assert bridge["url"] == (
        "https://factdesk.example.org/checks/harbourtown-budget-2025#claim-bridge-cost-40m"
    )
    assert bridge["inLanguage"] == "en"
    item = bridge["itemReviewed"]
    assert [work["name"] for work in item["appearance"]] == [
        "Council budget debate, 4 March 2025 (transcript)",
        "Mayor interviewed on the morning show",
    ]
    assert "url" not in item["appearance"][1]  # a radio interview with no address
    assert item["firstAppearance"]["name"] == "Mayor interviewed on the morning show"
    # An unnamed caller: the review names the station that carried the claim.
    pool = reviews["pool-closed-by-council"]["itemReviewed"]["author"]
    assert pool == {"@type": "Organization", "name": "Harbour FM"}


BROKEN = [
    ("claimReviewed", 5, "$.claimReviewed: 5 is not one of ['Text']"),
    ("@type", "Review", None),
    ("itemReviewed.author.@type", "Rating", "$.itemReviewed.author: a Rating is not in the range"),
    ("reviewRating.appearance", [], "$.reviewRating.appearance: not a property of Rating"),
    ("datePublished", "2025-02-30", "$.datePublished: '2025-02-30' is not one of"),
    ("url", "javascript:alert(1)", "$.url: 'javascript:alert(1)' is not one of ['URL']"),
    ("reviewRating.ratingValue", True, "$.reviewRating.ratingValue: True is not one of"),
    ("rating", "x", "$.rating: not a schema.org property"),
]


@pytest.mark.parametrize(("path", "value", "found"), BROKEN)
def test_the_check_finds_what_schema_org_does_not_allow(
    path: str, value: Any, found: str | None
) -> None:
    review = copy.deepcopy(_reviews(BRIDGE)[0])
    *parents, key = path.split(".")
    node = review
    for parent in parents:
        node = node[parent]
    node[key] = value
    seen = problems(review)
    if found is None:  # a Review may not carry claimReviewed
        assert seen == ["$.claimReviewed: not a property of Review"]
    else:
        assert len(seen) == 1 and seen[0].startswith(found), seen
