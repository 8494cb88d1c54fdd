"""Candidate claims read out of an article: the sentences worth checking, as claims to edit.

Each sentence of a paragraph (headings, captions and bylines left out) is
scored by its check-worthy elements (:mod:`claims_cli.text.checkworthy`: a
figure with a unit or currency, a date, a superlative or first, an
attribution, a pledge). A sentence that scores at least ``min_score`` is
proposed with:

* ``quote``: the exact clause of the article around its strongest element
  (a clause of three words or fewer takes the next one with it), so the
  quote checks of ``claims validate`` find it in the source;
* ``type``: ``forecast`` for a pledge, ``statistic`` for a figure or a
  superlative, ``assessment`` for a belief or view, ``statement`` for
  something said or claimed, ``event`` for a dated happening;
* ``value``: the first figure of the quote with a unit or currency, read by
  :mod:`claims_cli.text.figures` (``$121 million`` after "over" is
  ``gt 121000000 USD``);
* ``claimant`` and ``claimant_type`` from the attribution phrase: a country
  or its capital is its government (``Iran claims`` -> Government of Iran),
  someone unnamed (``an expert ... says``) is ``anonymous``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims_cli.model import ClaimantType, ClaimType, Comparator
from claims_cli.text.checkworthy import (
    KINDS,
    WEIGHTS,
    Element,
    Kind,
    counted_after,
    elements,
    score,
)
from claims_cli.text.sentences import Sentence, sentences

#: The score a sentence needs to be proposed: any one check-worthy element.
MIN_SCORE = 2

#: Countries whose name (or capital, standing for its government) makes a claimant
#: a government. Short on purpose: a name not here is kept as written.
_COUNTRY_NAMES = (
    "Afghanistan Armenia Azerbaijan Belarus China Egypt France Georgia Germany India Iran "
    "Iraq Israel Japan Jordan Kazakhstan Kyrgyzstan Lebanon Pakistan Qatar Russia Syria "
    "Tajikistan Turkey Turkmenistan Ukraine Uzbekistan Yemen"
)
_COUNTRIES = _COUNTRY_NAMES.split()
_CAPITALS = {
    "Tehran": "Iran",
    "Dushanbe": "Tajikistan",
    "Moscow": "Russia",
    "Beijing": "China",
    "Kabul": "Afghanistan",
    "Ankara": "Turkey",
    "Baku": "Azerbaijan",
    "Washington": "the United States",
    "Kyiv": "Ukraine",
    "Riyadh": "Saudi Arabia",
    "Tashkent": "Uzbekistan",
    "Bishkek": "Kyrgyzstan",
}
_GOVERNMENTS = (
    {name: name for name in _COUNTRIES}
    | _CAPITALS
    | {
        "Saudi Arabia": "Saudi Arabia",
        "the United States": "the United States",
        "the US": "the United States",
    }
)

#: Lines that are not part of an article's body.
_NOT_BODY = re.compile(
    r"^\s*(?:by\s+[A-Z]|photo\b|photograph\b|image\b|picture\b|caption\b|credit\b|"
    r"copyright\b|©|reporting by\b|editing by\b|written by\b|updated\b|published\b|"
    r"read more\b|related\b|share\b|follow us\b|subscribe\b|advertisement\b)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:]\s+|\s+[—–-]\s+|[“”\"]")
_TRIM = " \t\n,;:.!?“”\"'‘’«»()[]—–-"
_BELIEF = re.compile(
    r"\b(?:believes?|believed|views?|argues?|argued|thinks?|considers?|maintains)\b", re.I
)
_ANNUAL = re.compile(r"\b(?:yearly|annual|annually|per year|a year|each year)\b", re.I)
_UNNAMED = re.compile(
    r"^(?:an?|one|some|several|many|two|three)\s+|^(?:experts?|analysts?|officials?|sources?|"
    r"observers?|diplomats?|critics?)\b",
    re.I,
)
_RELATIVE = re.compile(r"^(?:which|that|who|whom|as|while|and|but|so)\s+", re.I)
_ACCORDING = re.compile(r"according to\s+", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence worth checking, with what a claim built from it would hold."""

    #: ``text[start:end]`` of the article is the quote.
    start: int
    end: int
    quote: str
    sentence: str
    #: The paragraph's number in the article (1-based).
    paragraph: int | None
    score: int
    kinds: tuple[str, ...]
    type: ClaimType
    amount: float | None = None
    unit: str | None = None
    comparator: Comparator = "eq"
    period: str | None = None
    claimant: str | None = None
    claimant_type: ClaimantType | None = None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]``, split at commas, semicolons, dashes and quotes."""
    spans: list[tuple[int, int]] = []
    at = start
    for match in _CLAUSE_END.finditer(text, start, end):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _quote_span(text: str, sentence: Sentence, key: Element) -> tuple[int, int]:
    """The clause holding ``key`` (offsets in the article), with the next one if it is short."""
    at = sentence.start + key.start
    clauses = _clauses(text, sentence.start, sentence.end)
    for number, (a, b) in enumerate(clauses):
        if a <= at < b or (at < a and number == 0):
            if len(text[a:b].split()) <= 3 and number + 1 < len(clauses):
                b = clauses[number + 1][1]
            elif len(text[a:b].split()) <= 3 and number > 0:
                a = clauses[number - 1][0]
            return a, b
    return clauses[-1] if clauses else (sentence.start, sentence.end)


def _key(found: list[Element]) -> Element:
    """The element the quote is built around: the heaviest kind, the first of it."""
    return max(found, key=lambda e: (WEIGHTS[e.kind], -e.start))


def _claimant(sentence: str, found: list[Element]) -> tuple[str | None, ClaimantType | None]:
    """Who the sentence says asserts it, from the words before its attribution verb."""
    for element in found:
        if element.kind != "attribution":
            continue
        if element.text.lower() == "according to":
            after = re.match(r"([^,.;:]+)", sentence[element.end :].strip())
            subject = after[1].strip() if after else ""
        else:
            before = re.split(r"[,;:“”\"()—–]", sentence[: element.start])[-1]
            subject = " ".join(before.split()[-7:])
        subject = _RELATIVE.sub("", subject.strip()).strip()
        if not subject or subject.lower() in ("it", "this", "that", "they", "he", "she"):
            continue
        return _who(subject)
    return None, None


def _who(subject: str) -> tuple[str, ClaimantType | None]:
    bare = re.sub(r"^the\s+", "", subject, flags=re.I)
    for name, country in _GOVERNMENTS.items():
        if subject == name or bare == name:
            return f"Government of {country}", "government"
    if _UNNAMED.match(subject):
        rest = re.sub(r"^(?:an?|one)\s+", "", subject, flags=re.I)
        if rest == subject:  # "Officials say": a capital only because it starts the sentence
            rest = rest[:1].lower() + rest[1:]
        return f"unnamed {rest}", "anonymous"
    if re.search(r"\b(?:government|ministry|president|minister|leaders?)\b", subject, re.I):
        return subject, "government"
    return subject, None


def _type(kinds: set[Kind], found: list[Element], sentence: str) -> ClaimType:
    # "will" alone is how a report speaks of plans; "vowed to", "aims to" make a pledge.
    if any(e.kind == "pledge" and e.text.lower() != "will" for e in found):
        return "forecast"
    if any(e.text.lower().startswith(("vow", "pledg", "promis")) for e in found):
        return "forecast"
    if "figure" in kinds or "superlative" in kinds:
        return "statistic"
    if "attribution" in kinds:
        return "assessment" if _BELIEF.search(sentence) else "statement"
    if "pledge" in kinds:
        return "forecast"
    if "date" in kinds:
        return "event"
    return "assessment"


def _value(quote: str, sentence: str) -> tuple[float | None, str | None, Comparator, str | None]:
    from claims_cli.text.figures import read_figures
    from claims_cli.text.units import near_miss, unit_of

    period = "annual" if _ANNUAL.search(sentence) else None
    figures = read_figures(quote)
    for figure in figures:
        if figure.unit is not None:
            return _amount(figure.value), figure.unit, figure.comparator, period
    # No unit or currency: a number of things counted ("3,000 jobs", "12 drones"), or a
    # currency the reader does not take by its name ("200 tenge" is KZT; "200 manat" is
    # AZN or TMT, so no value is guessed).
    for figure in figures:
        counted = counted_after(quote, figure.end)
        if counted is None:
            continue
        if not near_miss(counted):
            return _amount(figure.value), counted, figure.comparator, period
        unit = unit_of(counted)
        if unit.dimension != "count":
            return _amount(figure.value), unit.symbol, figure.comparator, period
    return None, None, "eq", None


def _amount(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _is_body(sentence: Sentence) -> bool:
    if sentence.block.heading:
        return False
    text = sentence.text.strip()
    return len(text.split()) >= 4 and not _NOT_BODY.match(text)


def _clause_spans(text: str, sentence: Sentence, found: list[Element]) -> list[tuple[int, int]]:
    """The quotes a sentence gives: the clause of each element other than an attribution
    (which speaks for the whole sentence), strongest first, each clause once."""
    spans: list[tuple[int, int]] = []
    ordered = sorted(found, key=lambda e: (-WEIGHTS[e.kind], e.start))
    for element in ordered:
        if element.kind == "attribution" and len(found) > 1:
            continue
        span = _quote_span(text, sentence, element)
        if not any(a < span[1] and span[0] < b for a, b in spans):
            spans.append(span)
    return spans or [_quote_span(text, sentence, _key(found))]


def candidates(text: str, *, min_score: int = MIN_SCORE) -> list[Candidate]:
    """The sentences of ``text`` worth checking, one candidate for each clause that holds
    a check-worthy element, in the article's order."""
    found: list[Candidate] = []
    for sentence in sentences(text):
        if not _is_body(sentence):
            continue
        items = elements(sentence.text)
        points = score(items)
        if not items or points < min_score:
            continue
        claimant, claimant_type = _claimant(sentence.text, items)
        spans = sorted(_clause_spans(text, sentence, items))
        for start, end in spans:
            own = [
                e
                for e in items
                if start <= sentence.start + e.start < end or e.kind == "attribution"
            ]
            kinds = {e.kind for e in own}
            quote = text[start:end]
            amount, unit, comparator, period = _value(quote, sentence.text)
            found.append(
                Candidate(
                    start=start,
                    end=end,
                    quote=quote,
                    sentence=sentence.text,
                    paragraph=sentence.block.number,
                    score=score(own),
                    kinds=tuple(k for k in KINDS if k in kinds),
                    type=_type(kinds, own, sentence.text),
                    amount=amount,
                    unit=unit,
                    comparator=comparator,
                    period=period,
                    claimant=claimant,
                    claimant_type=claimant_type,
                )
            )
    return found


#: The tag that marks a proposed claim no person has reviewed yet (``claims validate``
#: warns of it, W504), and the confidence it carries until then.
EXTRACTED_TAG = "extracted"
PLACEHOLDER_CONFIDENCE = "very-low"


def as_claims(found: list[Candidate], *, source: str) -> list[dict[str, object]]:
    """The candidates as claims in the file format, attributed to ``source``.

    Ids are made from each claim's words, unique among the candidates; the
    confidence is the placeholder ``very-low`` and the tag ``extracted`` says so.
    """
    from claims_cli.write.authoring import unique_id

    taken: list[str] = []
    claims: list[dict[str, object]] = []
    per_sentence: dict[tuple[int | None, str], int] = {}
    for candidate in found:
        key = (candidate.paragraph, candidate.sentence)
        per_sentence[key] = per_sentence.get(key, 0) + 1
    for candidate in found:
        text = candidate.sentence.strip()
        if per_sentence[(candidate.paragraph, candidate.sentence)] > 1:
            # One claim for each clause: its own words, so no two claims read alike.
            text = candidate.quote[:1].upper() + candidate.quote[1:] + "."
        claim_id = unique_id(text, taken)
        taken.append(claim_id)
        record: dict[str, object] = {
            "id": claim_id,
            "claim": text,
            "type": candidate.type,
            "quote": candidate.quote,
        }
        if candidate.amount is not None and candidate.unit is not None:
            value: dict[str, object] = {"amount": candidate.amount, "unit": candidate.unit}
            if candidate.comparator != "eq":
                value["comparator"] = candidate.comparator
            if candidate.period:
                value["period"] = candidate.period
            record["value"] = value
        attribution: dict[str, object] = {"source": source}
        if candidate.claimant:
            attribution["claimant"] = candidate.claimant
        if candidate.claimant_type:
            attribution["claimant_type"] = candidate.claimant_type
        if candidate.paragraph is not None:
            attribution["locator"] = f"para {candidate.paragraph}"
        record["attribution"] = attribution
        record["confidence"] = PLACEHOLDER_CONFIDENCE
        record["tags"] = [EXTRACTED_TAG]
        record["status"] = "unverified"
        claims.append(record)
    return claims
