"""What the authoring commands do to a ledger, as changes for :func:`edit_ledger`.

The command line turns options into plain records (the file format's own
mappings, keys in the model's order); the functions here pick ids, pick the
file a record goes to, and make the change. They never look at options.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from claims_cli.model import Claim, Ledger, Source, shape_of
from claims_cli.write.edits import EditError
from claims_cli.write.transaction import Workspace

#: Words of a claim that say little about it, left out of the ids made from it.
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "by",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "it",
        "its",
        "as",
        "than",
        "over",
    ]
)
#: How many words of the claim an id made from it keeps, and how long it may be.
ID_WORDS = 5
ID_LENGTH = 40

_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
#: One amount as written: ASCII digits (grouped by ``,`` in threes or by ``_``),
#: an optional sign, decimal point and exponent. Nothing else may touch it.
_NUMBER = re.compile(
    r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:_[0-9]+)*)(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:[eE][+-]?[0-9]+)?"
)
#: An amount, whitespace, then the rest: an optional scale word and the unit.
_VALUE = re.compile(r"\s*(\S+)(?:\s+(.*?))?\s*", re.S)
_VALUE_HELP = '(write e.g. "121 million USD" or "125 mi")'


def slug(text: str) -> str:
    """An id's worth of ``text``: a few lowercase ASCII words joined by ``-``."""
    # Punctuation of any script (an en dash, say) parts words before accents are dropped.
    spaced = re.sub(r"[^\w]|_", " ", text)
    folded = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    kept = [w for w in words if w not in _FILLER] or words
    out = ""
    for word in kept[:ID_WORDS]:
        longer = f"{out}-{word}" if out else word
        if len(longer) > ID_LENGTH:
            break
        out = longer
    return out or (kept[0][:ID_LENGTH] if kept else "claim")


def unique_id(text: str, taken: Iterable[str]) -> str:
    """A short id made from ``text`` that no id in ``taken`` has (``-2``, ``-3``... if needed)."""
    used = set(taken)
    base = slug(text)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"


def _checked(number: Decimal, text: str) -> Decimal:
    """``number`` if a float holds it as something other than infinity or 0, else ValueError."""
    real = float(number)
    if math.isinf(real):
        raise ValueError(f"'{_shown(text)}' is too large a number (the largest is about 1.8e308)")
    if real == 0 and number != 0:
        raise ValueError(f"'{_shown(text)}' is too small a number: it would be read as 0")
    return number


def _decimal(text: str) -> Decimal:
    """The number ``text`` spells, checked as the loader checks amounts, or ValueError."""
    if _NUMBER.fullmatch(text) is None:
        bare = text.lstrip("+-").lower()
        if bare in ("inf", "infinity", "nan", ".inf", ".nan"):
            raise ValueError(f"'{text}' is not a finite number")
        if any(not ch.isascii() and unicodedata.category(ch) == "Nd" for ch in text):
            raise ValueError(f"'{_shown(text)}' is not a number (write it with the digits 0-9)")
        raise ValueError(f"'{_shown(text)}' is not a number")
    return _checked(Decimal(text.replace(",", "").replace("_", "")), text)


def _plain(number: Decimal, whole: bool) -> int | float:
    return int(number) if whole and number == number.to_integral_value() else float(number)


def parse_amount(text: str) -> int | float:
    """``"1200"`` -> 1200, ``"1.5e3"`` -> 1500.0; ValueError saying why for anything else.

    One number token: ASCII digits, an optional sign, decimal point and
    exponent, finite, and a float that is neither infinite nor rounded to 0,
    as the loader requires of the amounts it reads.
    """
    return _plain(_decimal(text), whole="." not in text)


def parse_value(text: str) -> tuple[int | float, str]:
    """``"121 million USD"`` -> ``(121000000, "USD")``; ``"125 mi"`` -> ``(125, "mi")``.

    The amount is one number token (see :func:`parse_amount`) followed by
    whitespace; a scale word (``million``, ``bn``...) may come next, then the
    unit. Raises :class:`ValueError` with a message for anything else.
    """
    match = _VALUE.fullmatch(text)
    token = match[1] if match else ""
    if _NUMBER.fullmatch(token) is None:
        bare = token.lstrip("+-").lower()
        if token and (
            bare in ("inf", "infinity", "nan", ".inf", ".nan")
            or any(not ch.isascii() and unicodedata.category(ch) == "Nd" for ch in token)
        ):
            _decimal(token)  # raises with the reason
        raise ValueError(f"'{text}' is not an amount and a unit {_VALUE_HELP}")
    amount = _decimal(token)
    rest = (match[2] or "") if match else ""
    word, *after = re.split(r"\s+", rest, maxsplit=1)
    scale = _SCALES.get(word.lower())
    if scale and not after and len(word) == 1:
        scale = None  # "12 m" is 12 metres; "12 m USD" is 12 million USD
    unit = "".join(after) if scale else rest
    if scale:
        amount = _checked(amount * scale, f"{token} {word}")
    if not unit:
        raise ValueError(f"'{text}' has no unit (e.g. '121 million USD', '125 km')")
    return _plain(amount, whole=True), unit


def ordered(record: Mapping[str, Any], model: type) -> dict[str, Any]:
    """``record`` with its keys (and its records' keys) in the model's order, empties left out."""
    shapes = shape_of(model)
    known = [key for key in shapes if key in record]
    rest = [key for key in record if key not in shapes]
    out: dict[str, Any] = {}
    for key in (*known, *rest):
        value = record[key]
        if value is None or value == []:
            continue
        shape = shapes.get(key)
        inner = shape.record if shape is not None else None
        if inner is not None and shape is not None and shape.kind == "record":
            value = ordered(value, inner) if isinstance(value, Mapping) else value
        elif inner is not None and isinstance(value, list):
            value = [ordered(v, inner) if isinstance(v, Mapping) else v for v in value]
        out[key] = value
    return out


def file_for(ledger: Ledger, files: Sequence[str], *, into: str | None, source: str | None) -> str:
    """Where a new record goes: ``into``, else the file holding ``source``, else the first file."""
    if into is not None:
        return into
    for item in ledger.sources:
        if item.id == source and item.origin is not None and item.origin.file in files:
            return item.origin.file
    return files[0]


def add_records(
    work: Workspace,
    *,
    claims: Sequence[Mapping[str, Any]] = (),
    sources: Sequence[Mapping[str, Any]] = (),
    into: str | None = None,
) -> list[str]:
    """Add ``sources`` then ``claims`` (ids made for claims without one); their ids, in order."""
    ledger = work.loaded.ledger
    names = [item.display for item in work.files]
    if into is not None and into not in names:
        raise EditError(f"--into: '{into}' is not one of the ledger's files ({', '.join(names)})")
    taken = {c.id for c in ledger.claims} | {s.id for s in ledger.sources}
    added: list[str] = []
    placed: dict[str, str] = {}
    for source in sources:
        record = ordered(source, Source)
        target = into or names[0]
        work.editor(target).append("sources", record)
        placed[str(record.get("id"))] = target
        taken.add(str(record.get("id")))
        added.append(str(record.get("id")))
    for claim in claims:
        record = dict(claim)
        if not record.get("id"):
            record["id"] = unique_id(str(record.get("claim", "")), taken)
        record = ordered(record, Claim)
        attribution = record.get("attribution")
        cited = attribution.get("source") if isinstance(attribution, Mapping) else None
        target = placed.get(str(cited)) or file_for(ledger, names, into=into, source=cited)
        work.editor(target).append("claims", record)
        taken.add(str(record["id"]))
        added.append(str(record["id"]))
    return added


def where(work: Workspace, section: str, record_id: str) -> str:
    """The file that holds record ``record_id`` of ``section``, or :class:`EditError`.

    Records are looked for as written, not as built: a claim with an error
    (a misspelt status, say) is not in the ledger, but it can be edited.
    """
    for doc in work.loaded.documents:
        records = doc.data.get(section) if isinstance(doc.data, Mapping) else None
        for record in records if isinstance(records, list) else ():
            if isinstance(record, Mapping) and record.get("id") == record_id:
                return doc.file
    what = "claim" if section == "claims" else "source"
    raise EditError(f"no {what} '{record_id}'")


def _is_claim(work: Workspace, record_id: str) -> bool:
    try:
        where(work, "claims", record_id)
    except EditError:
        return False
    return True


class RecordsError(ValueError):
    """A file of records to add that cannot be read as claims and sources."""


def records_from_text(
    raw: bytes, name: str, *, max_bytes: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The claims and sources of YAML (a list of claims, or ``claims:``/``sources:``) or JSONL."""
    from claims_cli.read.yaml_events import LoadError, decode, parse_text

    if len(raw) > max_bytes:
        raise RecordsError(f"'{name}' is over the size limit for one claim file")
    try:
        text = decode(raw, name)
        data: Any = parse_text(text, name).data
    except LoadError as exc:
        data = _json_lines(raw, name, exc.diagnostic.message)
    if isinstance(data, Mapping) and ("claims" in data or "sources" in data):
        claims, sources = data.get("claims") or [], data.get("sources") or []
    elif isinstance(data, Mapping):
        claims, sources = [data], []
    else:
        claims, sources = data, []
    for what, records in (("claims", claims), ("sources", sources)):
        if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
            raise RecordsError(f"'{name}': {what} must be a list of records")
    if not claims and not sources:
        raise RecordsError(f"'{name}' holds no claims or sources")
    return [dict(c) for c in claims], [dict(s) for s in sources]


def _json_lines(raw: bytes, name: str, yaml_message: str) -> list[Any]:
    """Records of a file that is not YAML, read as JSON Lines (one record a line).

    A file whose first record starts with ``{`` is taken for JSON Lines, and a line
    that is not JSON is named with its number; any other file keeps the YAML error.
    """
    import json

    numbered = [
        (number, line)
        for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1)
        if line.strip()
    ]
    if not numbered or not numbered[0][1].lstrip().startswith("{"):
        raise RecordsError(yaml_message)
    records: list[Any] = []
    for number, line in numbered:
        try:
            records.append(json.loads(line))
        except ValueError as exc:
            reason = str(exc).split(": line ")[0]
            raise RecordsError(f"{name}:{number}: not a JSON record ({reason})") from None
    return records


def remove_record(work: Workspace, record_id: str, *, force: bool) -> str:
    """Remove claim or source ``record_id``; what was done, in words.

    A claim that another supersedes, or a source a claim cites, is kept
    (:class:`EditError`) unless ``force``: then the ``supersedes`` and the
    evidence that name it go too. A source claims are attributed to is never removed.
    """
    ledger = work.loaded.ledger
    is_claim = _is_claim(work, record_id)
    section = "claims" if is_claim else "sources"
    display = where(work, section, record_id)
    also: list[str] = []
    if is_claim:
        citing = [c for c in ledger.claims if c.supersedes == record_id]
        if citing and not force:
            names = ", ".join(c.id for c in citing)
            raise EditError(f"claim '{record_id}' is superseded by {names}; use --force")
        for claim in citing:
            assert claim.origin is not None
            work.editor(claim.origin.file).set_field("claims", claim.id, "supersedes", None)
            also.append(f"supersedes of {claim.id}")
    else:
        attributed = [c.id for c in ledger.claims if c.attribution.source == record_id]
        if attributed:
            named = ", ".join(attributed[:3]) + (
                f" and {len(attributed) - 3} more" if len(attributed) > 3 else ""
            )
            raise EditError(
                f"source '{record_id}' is the source of {named}; "
                "remove or re-attribute those claims first"
            )
        citing = [c for c in ledger.claims if any(e.source == record_id for e in c.evidence)]
        if citing and not force:
            names = ", ".join(c.id for c in citing)
            raise EditError(f"source '{record_id}' is evidence for {names}; use --force")
        for claim in citing:
            assert claim.origin is not None
            editor = work.editor(claim.origin.file)
            current = next(c for c in editor.data["claims"] if c.get("id") == claim.id)
            kept = [e for e in current.get("evidence", []) if e.get("source") != record_id]
            editor.set_field("claims", claim.id, "evidence", kept or None)
            also.append(f"evidence of {claim.id}")
    work.editor(display).remove(section, record_id)
    what = "claim" if is_claim else "source"
    extra = f" (and the {', '.join(also)})" if also else ""
    return f"removed {what} {record_id} from {display}{extra}"
