"""schema.org ``ClaimReview`` JSON-LD, following Google's fact-check markup.

One review per exported claim that carries a verdict (any status but
``unverified``). The output is a JSON array of complete JSON-LD objects, each
with its own ``@context``, so any one of them can be pasted into a page's
``<script type="application/ld+json">``. The status-to-rating mapping and
every field are documented in ``docs/claimreview.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claims_cli.dates import date_range, is_full_date
from claims_cli.model import Claim, Index, Meta, Source, Status
from claims_cli.render.data import dumps
from claims_cli.render.exports import Exported, ExportInput
from claims_cli.render.gfm import anchor_id, is_http_url
from claims_cli.render.wording import count_of

BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True)
class Rating:
    """How a verdict reads in a review: in words, and on the 1-5 scale when it has a place there."""

    words: str
    value: int | None


#: Verdict -> rating. ``disputed`` and ``unverifiable`` say nothing about how
#: true a claim is, so they carry words but no number.
RATINGS: dict[Status, Rating] = {
    "supported": Rating("Supported", 5),
    "partly-supported": Rating("Partly supported", 3),
    "misleading": Rating("Misleading", 2),
    "refuted": Rating("Refuted", 1),
    "disputed": Rating("Disputed", None),
    "unverifiable": Rating("Unverifiable", None),
}

#: Claimant type -> schema.org type of the claim's author.
AUTHOR_TYPES = {
    "government": "Organization",
    "organization": "Organization",
    "person": "Person",
    "author": "Person",
}

#: A claimant written as a description of someone unnamed, not as a name.
_UNNAMED = re.compile(r"\b(unnamed|anonymous|unknown|unidentified)\b", re.IGNORECASE)


def render(job: ExportInput) -> Exported:
    """A JSON array of ClaimReview objects; a warning for each claim left out."""
    reviews: list[dict[str, Any]] = []
    warnings: list[str] = []
    unverified = 0
    for claim in job.claims:
        if claim.status not in RATINGS:
            unverified += 1
            continue
        review, missing = claim_review(claim, job.index, job.ledger.meta)
        if review is None:
            warnings.append(f"claim '{claim.id}' has no ClaimReview: missing {', '.join(missing)}")
        else:
            reviews.append(review)
    if unverified:
        left_out = count_of(unverified, "unverified claim")
        warnings.append(f"left out {left_out}: a review needs a verdict")
    return Exported(_script_safe(dumps(reviews, indent=2)) + "\n", tuple(warnings))


def is_unnamed(claim: Claim) -> bool:
    """Whether the claimant is someone unnamed: no claimant, ``anonymous``, or "unnamed …"."""
    claimant = (claim.attribution.claimant or "").strip()
    return (
        not claimant
        or claim.attribution.claimant_type == "anonymous"
        or _UNNAMED.search(claimant) is not None
    )


def missing_fields(claim: Claim, index: Index, meta: Meta | None) -> list[str]:
    """What a claim lacks for a complete review, named as in the file (empty if nothing)."""
    missing = []
    if claim.status not in RATINGS:
        missing.append("status (a verdict other than unverified)")
    if not (claim.checked and claim.checked.on and is_full_date(claim.checked.on)):
        missing.append("checked.on (the date of the check)")
    publisher = meta.publisher if meta else None
    if not (publisher and publisher.name and publisher.name.strip()):
        missing.append("meta.publisher.name")
    if not (publisher and is_http_url(publisher.url)):
        missing.append("meta.publisher.url (an http or https URL)")
    if review_url(claim, meta) is None:
        missing.append("review_url, or meta.report_url (where the review is published)")
    source = index.sources.get(claim.attribution.source)
    if is_unnamed(claim) and not (source and source.publisher and source.publisher.strip()):
        missing.append(
            f"a publisher on source '{claim.attribution.source}' "
            "(the claimant is unnamed: the review names who carried the claim)"
        )
    return missing


def claim_review(
    claim: Claim, index: Index, meta: Meta | None
) -> tuple[dict[str, Any] | None, list[str]]:
    """The ClaimReview for ``claim``, or None and the fields it lacks."""
    missing = missing_fields(claim, index, meta)
    if missing:
        return None, missing
    # missing_fields has checked every value used below.
    assert meta is not None and meta.publisher is not None and claim.checked is not None
    publisher = meta.publisher
    source = index.sources.get(claim.attribution.source)
    rating = RATINGS[claim.status]
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating.words}
    if rating.value is not None:
        review_rating |= {
            "ratingValue": rating.value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    if claim.explanation and claim.explanation.strip():
        review_rating["ratingExplanation"] = claim.explanation
    item: dict[str, Any] = {"@type": "Claim", "author": claimant(claim, index)}
    if source is not None and source.published:
        item["datePublished"] = source.published
    shown = appearances(claim, index)
    item["appearance"] = shown
    first = first_appearance(claim, index)
    if first is not None:
        item["firstAppearance"] = first
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(claim, meta),
        "datePublished": claim.checked.on,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "claimReviewed": claim.claim,
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
    if meta.language:
        review["inLanguage"] = meta.language
    return review, []


def claimant(claim: Claim, index: Index) -> dict[str, Any]:
    """Who made the claim: a ``Person`` or an ``Organization`` by name.

    An unnamed claimant has no name to give, so the claim's author is the
    organisation that carried it: the publisher of the claim's source
    (:func:`missing_fields` makes sure there is one).
    """
    if is_unnamed(claim):
        source = index.sources[claim.attribution.source]
        return {"@type": "Organization", "name": source.publisher}
    kind = AUTHOR_TYPES.get(claim.attribution.claimant_type or "person", "Person")
    return {"@type": kind, "name": claim.attribution.claimant}


def appearances(claim: Claim, index: Index) -> list[dict[str, Any]]:
    """A ``CreativeWork`` for each source the claim appeared in: its source, then ``appearances``.

    A source without a URL still appears, by its title and date.
    """
    works = []
    for source_id in dict.fromkeys((claim.attribution.source, *claim.appearances)):
        source = index.sources.get(source_id)
        if source is not None:
            works.append(_work(source))
    return works


def first_appearance(claim: Claim, index: Index) -> dict[str, Any] | None:
    """The appearance published earliest, when any of them has a date."""
    dated = []
    for n, source_id in enumerate(dict.fromkeys((claim.attribution.source, *claim.appearances))):
        source = index.sources.get(source_id)
        span = date_range(source.published) if source is not None else None
        if source is not None and span is not None:
            dated.append((span[0], n, source))
    return _work(min(dated, key=lambda d: (d[0], d[1]))[2]) if dated else None


def _work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if is_http_url(source.url):
        work["url"] = source.url
    work["name"] = source.title if source.title.strip() else source.id
    if source.published:
        work["datePublished"] = source.published
    if source.publisher and source.publisher.strip():
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    return work


def review_url(claim: Claim, meta: Meta | None) -> str | None:
    """Where the review is read: the claim's ``review_url``, else the report's address.

    The report's address is ``meta.report_url`` with the claim's anchor as
    its fragment (``#claim-<id>``). Never the publisher's home page: a
    review's URL must lead to the review.
    """
    if is_http_url(claim.review_url):
        return claim.review_url
    page = meta.report_url if meta else None
    if not is_http_url(page):
        return None
    assert page is not None
    return with_anchor(page, claim.id)


def with_anchor(page: str, claim_id: str) -> str:
    """``page`` with the claim's report anchor as its fragment (``#claim-<id>``)."""
    parts = urlsplit(page)
    return urlunsplit(parts._replace(fragment=anchor_id("claim", claim_id)))


def _script_safe(text: str) -> str:
    # JSON-LD is pasted into <script> elements: a "</script>" inside a claim
    # must not close the element. The \u escapes decode to the same strings.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
