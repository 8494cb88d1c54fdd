"""schema.org ``ClaimReview`` JSON-LD, following Google's fact-check markup.

One review per exported claim that carries a verdict (any status but
``unverified``). The output is a JSON array of complete JSON-LD objects, each
with its own ``@context``, so any one of them can be pasted into a page's
``<script type="application/ld+json">``. The status-to-rating mapping and
every field are documented in ``docs/claimreview.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claims_cli.dates import is_full_date
from claims_cli.model import Claim, Index, Meta, Status
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

#: Claimant type -> schema.org type of the claim's author. An unnamed or
#: untyped claimant is still someone speaking, so it is a Person.
AUTHOR_TYPES = {
    "government": "Organization",
    "organization": "Organization",
    "person": "Person",
    "author": "Person",
    "anonymous": "Person",
}


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
    if not (claim.attribution.claimant and claim.attribution.claimant.strip()):
        missing.append("attribution.claimant")
    source = index.sources.get(claim.attribution.source)
    if source is None or not is_http_url(source.url):
        missing.append(f"a url on source '{claim.attribution.source}'")
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
    source = index.sources[claim.attribution.source]
    rating = RATINGS[claim.status]
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating.words}
    if rating.value is not None:
        review_rating |= {
            "ratingValue": rating.value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": source.url}
    if source.title.strip():
        appearance["name"] = source.title
    if source.published:
        appearance["datePublished"] = source.published
    claimant_type = claim.attribution.claimant_type or "person"
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {
            "@type": AUTHOR_TYPES.get(claimant_type, "Person"),
            "name": claim.attribution.claimant,
        },
    }
    if source.published:
        item["datePublished"] = source.published
    item["appearance"] = appearance
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(publisher.url or "", claim.id),
        "datePublished": claim.checked.on,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "claimReviewed": claim.claim,
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
    return review, []


def review_url(page: str, claim_id: str) -> str:
    """``page`` with the claim's report anchor as its fragment (``#claim-<id>``)."""
    parts = urlsplit(page)
    return urlunsplit(parts._replace(fragment=anchor_id("claim", claim_id)))


def _script_safe(text: str) -> str:
    # JSON-LD is pasted into <script> elements: a "</script>" inside a claim
    # must not close the element. The \u escapes decode to the same strings.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
