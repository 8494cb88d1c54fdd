"""ClaimReview JSON-LD: Google's fact-check properties, the documented rating, skips."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import REPO, load
from export_support import adversarial_ledger, job

from claims_cli.model import (
    STATUSES,
    Attribution,
    Checked,
    Claim,
    ClaimantType,
    Ledger,
    Meta,
    Publisher,
    Source,
)
from claims_cli.render import claimreview

DOC = REPO / "docs" / "claimreview.md"
BRIDGE = REPO / "tests" / "fixtures" / "export" / "bridge.yaml"
PUBLISHER = Publisher(name="Fact Desk", url="https://desk.example.org/")
REPORT = "https://desk.example.org/checks"
META = Meta(publisher=PUBLISHER, report_url=REPORT)
SOURCE = Source(id="s", title="Article", url="https://news.example.org/a", published="2025-01-05")


def make(**changes: Any) -> Claim:
    fields: dict[str, Any] = {
        "id": "c1",
        "claim": "The bridge cost $40 million.",
        "type": "statistic",
        "attribution": Attribution(source="s", claimant="City Council", claimant_type="government"),
        "confidence": "high",
        "status": "supported",
        "checked": Checked(by="A. Checker", on="2025-04-03"),
    }
    fields.update(changes)
    return Claim(**fields)


def reviews_of(
    *claims: Claim, meta: Meta | None = None, sources: tuple[Source, ...] = (SOURCE,)
) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    ledger = Ledger(claims=claims, sources=sources, meta=meta or META)
    result = claimreview.render(job(ledger))
    return json.loads(result.text), result.warnings


def test_a_review_has_googles_properties() -> None:
    (review,), warnings = reviews_of(make(explanation="The audit says $40 million."))
    assert warnings == ()
    article = {
        "@type": "CreativeWork",
        "url": "https://news.example.org/a",
        "name": "Article",
        "datePublished": "2025-01-05",
    }
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://desk.example.org/checks#claim-c1",
        "datePublished": "2025-04-03",
        "author": {"@type": "Organization", "name": "Fact Desk", "url": PUBLISHER.url},
        "claimReviewed": "The bridge cost $40 million.",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Supported",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": "The audit says $40 million.",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "City Council"},
            "datePublished": "2025-01-05",
            "appearance": [article],
            "firstAppearance": article,
        },
    }


def test_the_url_is_the_claims_own_review_else_the_report_never_the_home_page() -> None:
    (own,), _ = reviews_of(make(review_url="https://desk.example.org/2025/bridge"))
    assert own["url"] == "https://desk.example.org/2025/bridge"
    reviews, warnings = reviews_of(make(), meta=Meta(publisher=PUBLISHER))
    assert reviews == []
    assert warnings == (
        "claim 'c1' has no ClaimReview: missing review_url, or meta.report_url "
        "(where the review is published)",
    )


def test_every_appearance_is_listed_and_the_earliest_is_the_first() -> None:
    memo = Source(id="memo", title="Leaked memo", published="2024-11")
    radio = Source(
        id="radio", title="Radio interview", url="https://radio.example.org/1", published="2025"
    )
    claim = make(appearances=("radio", "memo"))
    (review,), _ = reviews_of(claim, sources=(SOURCE, memo, radio))
    item = review["itemReviewed"]
    assert [work.get("url") for work in item["appearance"]] == [
        "https://news.example.org/a",
        "https://radio.example.org/1",
        None,  # no URL: still an appearance, by its name and date
    ]
    assert item["appearance"][2] == {
        "@type": "CreativeWork",
        "name": "Leaked memo",
        "datePublished": "2024-11",
    }
    assert item["firstAppearance"] == item["appearance"][2]
    assert item["datePublished"] == "2025-01-05"  # where the claim was recorded from


def test_a_source_without_a_url_still_makes_a_review() -> None:
    (review,), warnings = reviews_of(make(), sources=(Source(id="s", title="Memo"),))
    assert warnings == ()
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "name": "Memo"}]
    assert "firstAppearance" not in review["itemReviewed"]  # no date to order by
    assert "datePublished" not in review["itemReviewed"]


def test_the_language_is_the_ledgers() -> None:
    (review,), _ = reviews_of(
        make(), meta=Meta(publisher=PUBLISHER, report_url=REPORT, language="fr-CA")
    )
    assert review["inLanguage"] == "fr-CA"
    (review,), _ = reviews_of(make())
    assert "inLanguage" not in review


def _documented_ratings() -> dict[str, tuple[str, int | None]]:
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+?) \| (\d|none) \|$", DOC.read_text(), re.M)
    return {s: (words, None if n == "none" else int(n)) for s, words, n in rows}


def test_the_rating_of_every_verdict_is_the_documented_one() -> None:
    documented = _documented_ratings()
    assert set(documented) == set(STATUSES) - {"unverified"}
    for status, (words, value) in documented.items():
        (review,), _ = reviews_of(make(status=status))
        rating = review["reviewRating"]
        assert rating["alternateName"] == words
        if value is None:
            assert set(rating) == {"@type", "alternateName"}
        else:
            assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
                value,
                5,
                1,
            )


@pytest.mark.parametrize(
    ("claimant_type", "schema_type"),
    [
        ("government", "Organization"),
        ("organization", "Organization"),
        ("person", "Person"),
        ("author", "Person"),
        (None, "Person"),
    ],
)
def test_the_claimant_is_a_person_or_an_organization(
    claimant_type: ClaimantType | None, schema_type: str
) -> None:
    claim = make(
        attribution=Attribution(source="s", claimant="Someone", claimant_type=claimant_type)
    )
    (review,), _ = reviews_of(claim)
    assert review["itemReviewed"]["author"] == {"@type": schema_type, "name": "Someone"}


@pytest.mark.parametrize(
    ("claimant", "claimant_type"),
    [
        ("a ministry official", "anonymous"),
        ("article author (unnamed)", "author"),
        ("Unnamed expert, British Open University", "person"),
        (None, None),
    ],
)
def test_an_unnamed_claimant_is_the_outlet_that_carried_the_claim(
    claimant: str | None, claimant_type: ClaimantType | None
) -> None:
    outlet = Source(id="s", title="Article", publisher="Daily Example")
    claim = make(
        attribution=Attribution(source="s", claimant=claimant, claimant_type=claimant_type)
    )
    (review,), _ = reviews_of(claim, sources=(outlet,))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Daily Example"}
    reviews, warnings = reviews_of(claim)  # SOURCE names no publisher
    assert reviews == []
    assert warnings == (
        "claim 'c1' has no ClaimReview: missing a publisher on source 's' "
        "(the claimant is unnamed: the review names who carried the claim)",
    )


def test_unverified_claims_are_left_out_with_one_note() -> None:
    reviews, warnings = reviews_of(make(id="a", status="unverified"), make(id="b"))
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == ["claim-b"]
    assert warnings == ("left out 1 unverified claim: a review needs a verdict",)


def test_an_incomplete_claim_is_skipped_with_what_it_lacks() -> None:
    incomplete = make(
        id="no-date",
        checked=Checked(by="A. Checker"),
        attribution=Attribution(source="nourl"),
    )
    bad_date = make(id="bad-date", checked=Checked(on="2025-04"))
    sources = (SOURCE, Source(id="nourl", title="Memo"))
    reviews, warnings = reviews_of(make(), incomplete, bad_date, sources=sources)
    assert len(reviews) == 1
    assert warnings == (
        "claim 'no-date' has no ClaimReview: missing checked.on (the date of the check), "
        "a publisher on source 'nourl' (the claimant is unnamed: the review names who "
        "carried the claim)",
        "claim 'bad-date' has no ClaimReview: missing checked.on (the date of the check)",
    )


def test_no_publisher_means_no_reviews() -> None:
    reviews, warnings = reviews_of(make(), meta=Meta(title="No publisher", report_url=REPORT))
    assert reviews == []
    assert warnings == (
        "claim 'c1' has no ClaimReview: missing meta.publisher.name, "
        "meta.publisher.url (an http or https URL)",
    )
    bad_url = Meta(publisher=Publisher(name="X", url="javascript:x"), report_url=REPORT)
    _, warnings = reviews_of(make(), meta=bad_url)
    assert warnings == (
        "claim 'c1' has no ClaimReview: missing meta.publisher.url (an http or https URL)",
    )


def test_the_review_url_replaces_any_fragment() -> None:
    assert (
        claimreview.with_anchor("https://x.org/report?a=1#top", "trade-121m")
        == "https://x.org/report?a=1#claim-trade-121m"
    )


def test_adversarial_text_cannot_close_a_script_element() -> None:
    adversarial = adversarial_ledger()
    result = claimreview.render(job(adversarial))
    assert not re.search(r"[<>&]", result.text)
    reviews = json.loads(result.text)
    reviewed = {r["url"].rsplit("#claim-", 1)[1]: r for r in reviews}
    assert sorted(reviewed) == [
        "formula-claim",
        "html-claim",
        "markdown-claim",
        "newline-claim",
        "pipe-claim",
    ]
    html = reviewed["html-claim"]
    assert html["claimReviewed"].startswith('<script>alert("x")</script>')
    assert html["itemReviewed"]["author"]["name"] == "Министерство обороны России"
    assert reviewed["newline-claim"]["itemReviewed"]["author"]["@type"] == "Organization"
    assert reviewed["pipe-claim"]["author"]["name"] == "Desk & Co <i>italic</i>"
    assert [w.split("'")[1] for w in result.warnings[:-1]] == ["long-claim", "superseding-claim"]
    assert result.warnings[-1] == "left out 1 unverified claim: a review needs a verdict"


def test_the_documented_example_is_the_real_output() -> None:
    block = re.search(r"```json\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None
    result = claimreview.render(job(load(BRIDGE)))
    assert block.group(1) == result.text
    assert "claims: warning: " + result.warnings[0] in DOC.read_text()


def test_the_example_ledger_is_the_one_in_the_format_docs() -> None:
    import yaml

    format_doc = (REPO / "docs" / "format.md").read_text("utf-8")
    example = re.search(r"## A complete small example\n\n```yaml\n(.*?)```", format_doc, re.S)
    assert example is not None
    assert yaml.safe_load(BRIDGE.read_text("utf-8")) == yaml.safe_load(example.group(1))
