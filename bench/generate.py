"""Realistic generated ledgers of any size, the same bytes for the same seed.

A ledger of N claims cites N/20 sources. Each claim's text runs 100 to 200
characters; a claim with a ``value`` quotes the clause its figure appears in
(so W307 stays quiet), others quote a clause of their own text or nothing;
2 to 4 tags come from a vocabulary weighted like a real desk's, with Persian,
Chinese and Russian tags among them; some claims are dated, some carry
evidence (and then a verdict, its explanation and who checked it; the text
of a claim with a verdict, ``unverifiable`` included, is cut to the 75
characters ClaimReview allows, and a verdict its evidence contradicts becomes
``disputed``), a few supersede an earlier claim. Every date lies before 2025,
so ``claims validate --strict`` passes on
any later day.

    python -m bench.generate 10000 -o ledger.yaml            # one file
    python -m bench.generate 10000 -o ledger/ --files 10     # a directory of 10 files
    python -m bench.generate 10000 -o ledger.json --json     # the same data as JSON
    python -m bench.generate 1000 -o misspelt.yaml --misspelt # every reference a typo
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Changes whenever the same seed would give different bytes.
GENERATOR_VERSION = 2

Data = dict[str, Any]

# Weighted vocabularies: a few tags carry most claims, a long tail carries few,
# as on a real desk. Non-Latin tags are NFC already.
TAGS: tuple[tuple[str, int], ...] = (
    ("economy", 40),
    ("trade", 30),
    ("diplomacy", 30),
    ("security", 25),
    ("energy", 20),
    ("elections", 18),
    ("health", 15),
    ("migration", 12),
    ("defense", 12),
    ("climate", 10),
    ("corruption", 8),
    ("human-rights", 8),
    ("infrastructure", 7),
    ("agriculture", 6),
    ("water", 5),
    ("media", 5),
    ("drones", 4),
    ("sanctions", 3),
    ("covid-19", 3),
    ("تجارت", 3),
    ("انرژی", 2),
    ("贸易", 2),
    ("экономика", 2),
    ("выборы", 1),
    ("iran-foreign-policy", 2),
    ("remittances", 1),
)
COUNTRIES = (
    "Iran",
    "Tajikistan",
    "Uzbekistan",
    "Kazakhstan",
    "Kyrgyzstan",
    "Afghanistan",
    "Turkmenistan",
    "Azerbaijan",
    "Armenia",
    "Georgia",
    "Türkiye",
    "Pakistan",
    "China",
    "Russia",
    "India",
)
PEOPLE = (
    "Emomali Rahmon",
    "Shavkat Mirziyoyev",
    "Kassym-Jomart Tokayev",
    "Sadyr Japarov",
    "Ilham Aliyev",
    "Nikol Pashinyan",
    "Rahmón aide",
)
CITIES = ("Dushanbe", "Tehran", "Tashkent", "Almaty", "Bishkek", "Baku", "Khujand", "Mashhad")
GOODS = ("cotton", "aluminium", "wheat", "electricity", "natural gas", "cement", "textiles")
CLAIMANTS = (
    ("Ministry of Economy", "government"),
    ("Government of {country}", "government"),
    ("{person}", "person"),
    ("State statistics agency", "government"),
    ("World Bank country office", "organization"),
    ("Chamber of Commerce", "organization"),
    ("unnamed official", "anonymous"),
    ("unnamed expert, regional university", "anonymous"),
    ("article author (unnamed)", "author"),
)
OUTLETS = (
    ("wire", "Regional wire service", "news"),
    ("daily", "The Capital Daily", "news"),
    ("ministry", "Ministry of Economy", "government"),
    ("stats", "National statistics agency", "dataset"),
    ("journal", "Journal of Central Asian Studies", "academic"),
    ("watch", "Rights Watch Central Asia", "ngo"),
    ("feed", "Official social media account", "social"),
)
FILLERS = (
    "a figure that officials repeated at a press briefing the following week",
    "according to remarks reported by several regional outlets",
    "as stated in the annual report released at the end of that year",
    "in a speech to a business forum attended by foreign investors",
    "a claim repeated in state media without any supporting document",
)
VERDICTS = ("supported", "partly-supported", "disputed", "refuted", "misleading")
CONFIDENCE = ("very-low", "low", "medium", "high", "very-high")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def generate(claims: int, *, seed: int = 0) -> Data:
    """A version-1 ledger of ``claims`` claims as plain data (dicts, lists, text, numbers)."""
    rng = random.Random(f"claims-bench/{GENERATOR_VERSION}/{seed}/{claims}")
    sources = [_source(rng, index) for index in range(max(1, claims // 20))]
    out: list[Data] = []
    seen_text: set[str] = set()
    superseded: set[int] = set()
    for index in range(claims):
        claim = _claim(rng, index, sources, seen_text)
        # About one claim in a hundred replaces an earlier one, once each.
        if index > 0 and rng.random() < 0.01:
            earlier = rng.randrange(max(0, index - 50), index)
            if earlier not in superseded:
                superseded.add(earlier)
                claim["supersedes"] = out[earlier]["id"]
        out.append(claim)
    return {
        "version": 1,
        "meta": {
            "title": f"Generated ledger of {claims:,} claims",
            "description": "Central Asian trade, energy and politics, generated for benchmarks.",
            "publisher": {"name": "claims benchmark", "url": "https://example.org/claims"},
            "license": "CC0-1.0",
        },
        "sources": sources,
        "claims": out,
    }


def _date(rng: random.Random, first: int = 2015, last: int = 2024) -> tuple[int, int, int]:
    return rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)


def _source(rng: random.Random, index: int) -> Data:
    slug, outlet, kind = OUTLETS[index % len(OUTLETS)]
    year, month, day = _date(rng, 2015, 2023)
    country = rng.choice(COUNTRIES)
    source: Data = {
        "id": f"{slug}-{year}-{index:05d}",
        "title": f"{outlet}: {rng.choice(GOODS)} and {rng.choice(TAGS)[0]} in {country}, "
        f"{MONTHS[month - 1]} {year}",
        "url": f"https://example.org/{slug}/{year}/{month:02d}/{index}",
        "published": rng.choice((f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}")),
        "accessed": f"{year + 1}-{month:02d}-{day:02d}",
        "kind": kind,
        "reliability": rng.choice("ABCCCDDEF"),
    }
    if kind == "news" and rng.random() < 0.5:
        source["author"] = rng.choice(("Staff reporter", "Farrukh Sharipov", "Zarina Nazarova"))
    if rng.random() < 0.3:
        source["publisher"] = outlet
    return source


def _figure(rng: random.Random) -> tuple[Data, str, str]:
    """A value, a phrase stating it, and the quote that states it."""
    kind = rng.randrange(4)
    comparator = rng.choice(("eq", "approx", "gt", "lt", "gte"))
    word = {"eq": "", "approx": "about ", "gt": "more than ", "lt": "less than "}.get(
        comparator, "at least "
    )
    if kind == 0:
        millions = rng.randint(2, 999)
        written = rng.choice((f"${millions} million", f"US${millions} mn", f"{millions}m dollars"))
        value: Data = {"amount": millions * 1_000_000, "unit": "USD"}
    elif kind == 1:
        tenths = rng.randint(1, 400)
        written = f"{tenths / 10:g}%"
        value = {"amount": tenths / 10, "unit": "%"}
    elif kind == 2:
        count = rng.randint(1_000, 900_000)
        written = f"{count:,} people"
        value = {"amount": count, "unit": "people"}
    else:
        tonnes = rng.randint(2, 90) * 1000
        written = f"{tonnes:,} tonnes"
        value = {"amount": tonnes, "unit": "t"}
    if comparator != "eq":
        value["comparator"] = comparator
    if rng.random() < 0.5:
        value["period"] = rng.choice(("one year", "two years", "first quarter", "2019-2023"))
    if rng.random() < 0.3:
        # Metrics named as before the units were the vocabulary's symbols.
        named = {"%": "percent", "t": "tonnes"}.get(value["unit"], value["unit"].lower())
        value["metric"] = f"{named}-{rng.choice(GOODS).replace(' ', '-')}"
    phrase = f"{word}{written}"
    return value, phrase, f"reached {phrase}"


def _text(rng: random.Random, phrase: str | None) -> str:
    country, other = rng.sample(COUNTRIES, 2)
    good = rng.choice(GOODS)
    year = rng.randint(2015, 2024)
    if phrase is not None:
        base = rng.choice(
            (
                f"{country}'s exports of {good} to {other} reached {phrase} in {year}",
                f"Spending on {good} imports by {country} reached {phrase} in {year}",
                f"The number of workers from {country} in {other} reached {phrase} by {year}",
            )
        )
    else:
        base = rng.choice(
            (
                f"{country} and {other} agreed to build a joint {good} plant near "
                f"{rng.choice(CITIES)}",
                f"{rng.choice(PEOPLE)} said {country} will not join sanctions against {other}",
                f"{country} has quietly expanded its security cooperation with {other} "
                f"since {year}",
            )
        )
    text = base
    fillers = list(FILLERS)
    rng.shuffle(fillers)
    while len(text) < 100 and fillers:
        text = f"{text}, {fillers.pop()}"
    return text[:199].rstrip(" ,") + "."


def _claim(rng: random.Random, index: int, sources: list[Data], seen: set[str]) -> Data:
    has_value = rng.random() < 0.45
    value, phrase, figure_quote = _figure(rng) if has_value else (None, None, None)
    text = _text(rng, phrase)
    # W309 warns about the same text twice: vary it until it is new.
    while _fold(text) in seen:
        text = _text(rng, phrase)
        if _fold(text) in seen:
            text = f"{text[:-1]}, report {index}."
    seen.add(_fold(text))
    # The first claims cite each source once, so none is left uncited (W304).
    source = sources[index] if index < len(sources) else rng.choice(sources)
    kind = "statistic" if has_value else rng.choice(("event", "statement", "assessment"))
    claimant, claimant_type = rng.choice(CLAIMANTS)
    claimant = claimant.format(country=rng.choice(COUNTRIES), person=rng.choice(PEOPLE))
    words = text.split()
    claim: Data = {"id": f"{_slug(' '.join(words[:5]))}-{index}", "claim": text, "type": kind}
    if figure_quote is not None:
        claim["quote"] = figure_quote
        claim["value"] = value
    elif rng.random() < 0.6:
        start = rng.randrange(0, len(words) // 2)
        claim["quote"] = " ".join(words[start : start + rng.randint(6, 12)]).strip(" ,.")
    if rng.random() < 0.6:
        year, month, day = _date(rng)
        written = (f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}")
        claim["date"] = rng.choice(written)
    tags = _tags(rng)
    claim["tags"] = tags
    entities = [c for c in COUNTRIES if c in text][:3]
    if rng.random() < 0.2:
        entities.append(rng.choice(PEOPLE))
    if entities:
        claim["entities"] = entities
    claim["attribution"] = {
        "source": source["id"],
        "claimant": claimant,
        "claimant_type": claimant_type,
        "locator": f"para {rng.randint(1, 30)}",
    }
    claim["confidence"] = rng.choice(CONFIDENCE)
    if rng.random() < 0.5:
        claim["credibility"] = rng.randint(1, 6)
    if rng.random() < 0.25:
        claim["evidence"] = [
            {
                "source": rng.choice(sources)["id"],
                "stance": rng.choice(("supports", "refutes", "context")),
                "note": rng.choice(("Customs data for the same year.", "Official transcript.")),
            }
            for _ in range(rng.randint(1, 2))
        ]
        claim["status"] = rng.choice(VERDICTS)
        year, month, day = _date(rng, 2024, 2024)
        claim["checked"] = {"by": "desk", "on": f"{year}-{month:02d}-{day:02d}"}
        _publishable(claim, index)
    elif rng.random() < 0.05:
        claim["status"] = "unverifiable"
        _fit_for_review(claim, index)
    if rng.random() < 0.15:
        claim["notes"] = f"Check against {rng.choice(OUTLETS)[1]} figures for {rng.choice(GOODS)}."
    return claim


#: The stance that contradicts a verdict (W603).
_AGAINST = {"supported": "refutes", "refuted": "supports"}


def _publishable(claim: Data, index: int) -> None:
    """A claim with a verdict made ready to publish, without drawing from the generator.

    Its text fits ClaimReview's 75 characters (W602), it says why (W601), and
    a verdict its only evidence contradicts becomes ``disputed`` (W603).
    """
    _fit_for_review(claim, index)
    stances = {e["stance"] for e in claim["evidence"]} - {"context"}
    if stances == {_AGAINST.get(claim["status"])}:
        claim["status"] = "disputed"
    claim["explanation"] = claim["evidence"][0]["note"]


def _fit_for_review(claim: Data, index: int) -> None:
    """The claim's text cut to ClaimReview's 75 characters, kept unique by its index."""
    tail = f" (no. {index})."
    cut = claim["claim"][: 75 - len(tail)].rsplit(" ", 1)[0].rstrip(" ,.")
    claim["claim"] = cut + tail


def _tags(rng: random.Random) -> list[str]:
    names = [name for name, _ in TAGS]
    weights = [weight for _, weight in TAGS]
    chosen: list[str] = []
    wanted = rng.randint(2, 4)
    while len(chosen) < wanted:
        tag = rng.choices(names, weights)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "claim"


def misspelt(data: Data) -> Data:
    """The ledger with every attribution's source one typo away from a real id.

    Each reference then asks "did you mean": the worst case for the near-miss
    search, which the first tries of it took 20 s over for 1,000 references.
    """
    claims = []
    for claim in data["claims"]:
        source = claim["attribution"]["source"]
        # Swap two letters in the middle: "wire-2020-00000" -> "wier-2020-00000".
        typo = source[:2] + source[3] + source[2] + source[4:]
        claims.append({**claim, "attribution": {**claim["attribution"], "source": typo}})
    return {**data, "claims": claims}


# --- Writing ------------------------------------------------------------------

# A plain scalar: starts with a letter and holds nothing that YAML reads
# specially in block or flow context (": ", " #", ",", brackets, quotes).
_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][^:#\"\n\\]*")
_FLOW_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][^:#,\[\]{}\"\n\\]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value: Any, *, flow: bool = False) -> str:
    if isinstance(value, bool):  # never generated; kept out of the int branch
        raise TypeError("no booleans in a ledger")
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = _FLOW_PLAIN if flow else _PLAIN
    if plain.fullmatch(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    # JSON's double-quoted strings are YAML's double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        pairs = (f"{key}: {_scalar(item, flow=True)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return "[" + ", ".join(_scalar(item, flow=True) for item in value) + "]"


def _mapping(record: Data, indent: str) -> Iterator[str]:
    """One record's lines in block style; short nested values in flow style."""
    for key, value in record.items():
        if isinstance(value, dict):
            if key == "value":
                yield f"{indent}{key}: {_flow(value)}"
            else:
                yield f"{indent}{key}:"
                yield from _mapping(value, indent + "  ")
        elif isinstance(value, list):
            if value and isinstance(value[0], dict):
                yield f"{indent}{key}:"
                for item in value:
                    lines = list(_mapping(item, indent + "    "))
                    yield f"{indent}  - {lines[0].lstrip()}"
                    yield from lines[1:]
            else:
                yield f"{indent}{key}: {_flow(value)}"
        else:
            yield f"{indent}{key}: {_scalar(value)}"


def to_yaml(document: Data) -> str:
    """A ledger document as YAML written the way people write claim files."""
    lines = ["# yaml-language-server: $schema=schema.json", f"version: {document['version']}"]
    if "meta" in document:
        lines.append("meta:")
        lines.extend(_mapping(document["meta"], "  "))
    for section in ("sources", "claims"):
        items = document.get(section) or []
        if not items:
            continue
        lines.append(f"{section}:")
        for record in items:
            body = list(_mapping(record, "    "))
            lines.append(f"  - {body[0].lstrip()}")
            lines.extend(body[1:])
    return "\n".join(lines) + "\n"


def split(data: Data, files: int) -> list[Data]:
    """The ledger as ``files`` complete documents: sources and claims dealt out in runs.

    Each document holds a consecutive share of the sources and of the claims
    (the first also holds ``meta``), so claims cite sources in other files
    and ids must be unique across all of them, as in a real split ledger.
    """
    if files < 1:
        raise ValueError("files must be at least 1")
    documents: list[Data] = []
    for part in range(files):
        document: Data = {"version": 1}
        if part == 0 and "meta" in data:
            document["meta"] = data["meta"]
        for section in ("sources", "claims"):
            items = data[section]
            share = items[len(items) * part // files : len(items) * (part + 1) // files]
            if share:
                document[section] = share
        documents.append(document)
    return documents


def write(data: Data, target: Path, *, files: int = 1) -> list[Path]:
    """Write the ledger as one file at ``target`` or, with ``files`` > 1, a directory of files."""
    if files == 1:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_yaml(data), encoding="utf-8")
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    width = len(str(files))
    paths = []
    for number, document in enumerate(split(data, files), start=1):
        path = target / f"ledger-{number:0{width}d}.yaml"
        path.write_text(to_yaml(document), encoding="utf-8")
        paths.append(path)
    return paths


def write_json(data: Data, target: Path) -> Path:
    """The same ledger as one JSON document: what ``json.loads`` reads as the floor."""
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


# --- What the benchmarks ask of a ledger ---------------------------------------


@dataclass(frozen=True)
class Picks:
    """Arguments for the look-ups, chosen from the ledger so each finds something."""

    tag: str
    tag_matches: int
    search: str
    search_matches: int
    show_id: str


def picks(data: Data) -> Picks:
    """A tag carried by about 1% of the claims, a word about as rare, the middle claim's id."""
    claims = data["claims"]
    counts = Counter(tag for claim in claims for tag in claim.get("tags", ()))
    target = max(1, len(claims) // 100)
    tag = min(sorted(counts), key=lambda name: (abs(counts[name] - target), name))
    # Two words, both needed; "rahmon" also finds "Rahmón", so accents are folded.
    search = "rahmon cotton"
    matches = sum(
        1
        for claim in claims
        if all(
            any(word in _ascii_fold(text) for text in _search_texts(claim))
            for word in search.split()
        )
    )
    return Picks(tag, counts[tag], search, matches, claims[len(claims) // 2]["id"])


def _search_texts(claim: Data) -> list[str]:
    attribution = claim.get("attribution", {})
    return [
        claim.get("claim", ""),
        claim.get("quote", ""),
        claim.get("notes", ""),
        attribution.get("claimant", ""),
        *claim.get("tags", ()),
        *claim.get("entities", ()),
    ]


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("claims", type=int, help="how many claims")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file or directory")
    parser.add_argument("--files", type=int, default=1, help="write a directory of this many")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="write JSON instead of YAML")
    parser.add_argument("--misspelt", action="store_true", help="misspell every reference")
    args = parser.parse_args(argv)
    data = generate(args.claims, seed=args.seed)
    if args.misspelt:
        data = misspelt(data)
    if args.json:
        write_json(data, args.output)
    else:
        write(data, args.output, files=args.files)


if __name__ == "__main__":
    main()
