"""Hypothesis strategies for whole ledgers, derived from the model, as YAML text.

``valid_ledgers()`` draws ledgers that ``claims validate`` must accept (warnings
allowed): every key, choice and required field comes from
:func:`claims_cli.model.shape_of`, ids are unique, references resolve and
dates lie in the past. ``hostile_ledgers()`` starts from one of those and
spoils it the way a stranger's pull request might: a duplicate id, a key
dropped or added, a value of the wrong type, a control character, a
bidirectional override, a number YAML 1.1 reads differently from how it is
written, an anchor and alias, a tag. Text in both is hostile on its own:
Markdown and HTML, rich markup, workflow commands (``::error``), formula
starts, right-to-left script, Unicode tag characters, long runs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml
from hypothesis import strategies as st

from claims_cli.model import TAG_EXCLUDED, Claim, FieldShape, LedgerFile, Source, shape_of

#: The day the tests run on (conftest.TODAY); every generated date lies before it.
YEARS = st.integers(1900, 2025)

#: Pieces of text that mean something to some output channel.
HOSTILE_PIECES = [
    "::error file=README.md,line=1::forged",
    "::add-mask::secret",
    "::warning::",
    "::",
    "%0A::error::x",
    "[bold red]markup[/]",
    "[link=https://evil.example]click[/link]",
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "&amp;",
    "*star* _under_ `code` ~~strike~~",
    "[x](javascript:alert(1))",
    "| cell |",
    "# heading",
    "1. item",
    "> quote",
    "---",
    "```",
    '=HYPERLINK("https://evil.example")',
    "+1",
    "-2",
    "@SUM(A1)",
    "＝1+1",
    "\ufeff=1",
    "\u00a0=1",
    "\u200b+1",
    "a; b",
    "a, b",
    '"quoted"',
    "'single'",
    "\\",
    "%",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "\u0085",
    "\u2028",
    "\u2029",
    "وزارت امور خارجه ایران",
    "\u200f",
    "\u200e",
    "שלום",
    "\U000e0041\U000e0042",  # Unicode tag characters (invisible)
    "\U0001f3f4\U000e0067\U000e0062\U000e007f",
    "e\u0301",
    "Ω",
    "𝔘𝔫𝔦",
    "x" * 300,
    " ",
    "NO",
    "yes",
    "null",
    "~",
    "0123",
    "1:30",
    ".inf",
    "2022-06-01",
    "{a: b}",
    "&anchor",
    "*alias",
    "!!python/object:os.system",
]

#: Characters no valid text may hold: the controls and bidirectional overrides
#: the loader refuses (E117) or warns about (W118).
_REFUSED = (
    {chr(c) for c in range(0x09)}
    | {chr(0x0B), chr(0x0C)}
    | {chr(c) for c in range(0x0E, 0x20)}
    | {chr(c) for c in range(0x7F, 0x85)}
    | {chr(c) for c in range(0x86, 0xA0)}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)

_chars = st.characters(exclude_categories=["Cs"], exclude_characters="".join(sorted(_REFUSED)))

#: Text a valid ledger may hold: hostile pieces and random characters.
texts = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(_chars, max_size=6)),
    max_size=6,
).map("".join)
#: The same, never empty nor only white space (``non_empty`` fields).
non_empty_texts = texts.filter(lambda t: t.strip() != "")

_SLUG_START = "abcdefghijklmnopqrstuvwxyz0123456789"
slugs = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_SLUG_START),
    st.text(alphabet=_SLUG_START + "._-", max_size=12),
)


def _tag_ok(tag: str) -> bool:
    import re

    return re.fullmatch(f"[^{TAG_EXCLUDED}]+", tag) is not None


#: Tags: one word in any script, hostile where a word can be.
tags = st.one_of(
    st.sampled_from(
        ["trade", "تجارت", "贸易", "e\u0301conomie", "::error", "=1", "<b>", "[red]x[/]", "a;b"]
    ),
    st.text(_chars, min_size=1, max_size=10).filter(_tag_ok),
)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(YEARS)
    form = draw(st.sampled_from(["y", "ym", "ymd"]))
    if form == "y":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if form == "ym":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


full_dates = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", YEARS, st.integers(1, 12), st.integers(1, 28)
)
urls = st.builds(
    lambda host, path: f"https://{host}.example/{path}",
    slugs,
    st.text(alphabet="abc/?#=&%()[]<>'\"*_", max_size=12),
)
amounts = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -0.0, 5e-324, 1e-300, 1.7976931348623157e308, -1e308, 10**300]),
    st.floats(allow_nan=False, allow_infinity=False),
)


def _value(shape: FieldShape, refs: _Refs) -> st.SearchStrategy[Any]:
    """A valid value of one field, as the file format holds it."""
    text = shape.spec.get("text")
    if shape.name in ("source",):
        return st.sampled_from(refs.sources)
    if shape.name == "supersedes":
        return st.sampled_from(refs.claims)
    if shape.name == "appearances":
        return st.lists(st.sampled_from(refs.sources), max_size=2)
    if shape.name == "language":
        return st.sampled_from(["en", "fa", "fr-CA", "zh-Hant-TW"])
    if shape.kind == "choice":
        return st.sampled_from(shape.choices)
    if shape.kind == "number":
        return amounts
    if shape.kind == "texts":
        item = tags if text == "tag" else non_empty_texts
        return st.lists(item, max_size=3)
    if shape.kind in ("record", "records"):
        assert shape.record is not None
        one = _record(shape.record, refs)
        return one if shape.kind == "record" else st.lists(one, max_size=2)
    if shape.spec.get("pattern"):
        return st.text(alphabet="0123456789abcdefABCDEF", min_size=64, max_size=64)
    by_text: dict[str, st.SearchStrategy[str]] = {
        "slug": slugs,
        "httpUrl": urls,
        "partialDate": partial_dates(),
        "fullDate": full_dates,
    }
    if text in by_text:
        return by_text[text]
    return non_empty_texts if shape.spec.get("non_empty") else texts


@dataclasses.dataclass(frozen=True)
class _Refs:
    sources: list[str]
    claims: list[str]


#: Fields left out of generated records: a snapshot names a file that must exist.
_NOT_GENERATED = {(Source, "snapshot")}


def _record(record: type, refs: _Refs) -> st.SearchStrategy[dict[str, Any]]:
    shapes = shape_of(record)
    return st.fixed_dictionaries(
        {name: _value(s, refs) for name, s in shapes.items() if s.required and name != "id"},
        optional={
            name: _value(s, refs)
            for name, s in shapes.items()
            if not s.required and (record, name) not in _NOT_GENERATED
        },
    )


def _fix_source_dates(source: dict[str, Any]) -> dict[str, Any]:
    """``accessed`` may not come before ``published`` (E306): keep the later one as accessed."""
    published, accessed = source.get("published"), source.get("accessed")
    if published and accessed and accessed < published:
        source["accessed"] = f"{published[:4]}-12-31" if len(published) == 4 else None
        if len(published) == 7:
            source["accessed"] = published + "-28"
        elif len(published) == 10:
            source["accessed"] = published
    return source


@st.composite
def valid_data(draw: st.DrawFn, *, max_claims: int = 4) -> dict[str, Any]:
    """A ledger ``claims validate`` accepts, as plain data in the file's shape."""
    source_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    claim_ids = draw(st.lists(slugs, min_size=1, max_size=max_claims, unique=True))
    refs = _Refs(source_ids, claim_ids)
    sources = [_fix_source_dates({"id": sid, **draw(_record(Source, refs))}) for sid in source_ids]
    claims = []
    for cid in claim_ids:
        claim = {"id": cid, **draw(_record(Claim, refs))}
        if claim.get("supersedes") == cid:
            del claim["supersedes"]
        claims.append(claim)
    data: dict[str, Any] = {"version": 1}
    top = shape_of(LedgerFile)
    assert top["meta"].record is not None
    if draw(st.booleans()):
        data["meta"] = draw(_record(top["meta"].record, refs))
    data["sources"] = [{k: v for k, v in s.items() if v is not None} for s in sources]
    data["claims"] = claims
    return data


def dump(data: Any) -> str:
    """YAML text as a person might write it (block style, keys in the model's order)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)


valid_ledgers = valid_data().map(dump)

#: Raw YAML put where a value was: what YAML 1.1 reads differently from how
#: it looks, tags, anchors, and numbers past every float.
RAW_VALUES = [
    "0123",
    "0x1F",
    "0b101",
    "0o17",
    "1:30",
    "+12",
    "1_000",
    "007",
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "1" + "0" * 320,
    "1" + "0" * 500,
    "-" + "9" * 310,
    "NO",
    "yes",
    "~",
    "2022-06-01",
    "2999-01-01",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!custom x",
    "&a x",
    "*nowhere",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    '"\\e[2J\\e[31mred"',
    '"\\u202eevil"',
    '"\\x00"',
    '"\\x85"',
    '"a\\u2028b"',
    "|\n    ::error file=x::forged\n    ::add-mask::y",
    "''",
]

_PLACEHOLDER = "PLACEHOLDER-9f2c"


@st.composite
def hostile_ledgers(draw: st.DrawFn) -> str:
    """Near-valid ledger text: a valid ledger spoilt in one to three places."""
    data = draw(valid_data())
    raws: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(["duplicate", "drop", "add", "odd", "raw", "raw-amount", "alias"])
        )
        records = [("claims", c) for c in data["claims"]] + [
            ("sources", s) for s in data["sources"]
        ]
        where, record = draw(st.sampled_from(records))
        keys = list(record)
        if kind == "duplicate":
            data[where].append(dict(record))
        elif kind == "drop":
            record.pop(draw(st.sampled_from(keys)))
        elif kind == "add":
            record[draw(st.sampled_from(["confidance", "extra", "Id", "::error", "<b>"]))] = "x"
        elif kind == "odd":
            record[draw(st.sampled_from(keys))] = draw(
                st.sampled_from([None, True, 0, 2.5, "", [], ["x", 1], {}, {"k": 1}, "x" * 5000])
            )
        elif kind in ("raw", "raw-amount"):
            raws.append(draw(st.sampled_from(RAW_VALUES)))
            if kind == "raw-amount" and where == "claims":
                record["value"] = {"amount": _PLACEHOLDER, "unit": "USD"}
            else:
                record[draw(st.sampled_from(keys))] = _PLACEHOLDER
        elif kind == "alias":
            raws.append("*shared")
            record[draw(st.sampled_from(keys))] = _PLACEHOLDER
    text = dump(data)
    for raw in raws:
        # One placeholder per raw value, in order; a dropped record may have taken one.
        text = _put(text, raw)
    if "*shared" in text:
        text = text.replace("version: 1", "version: &shared 1", 1)
    return text


def _put(text: str, raw: str) -> str:
    """Put ``raw`` where the first placeholder is, a block scalar indented under its key."""
    at = text.find(_PLACEHOLDER)
    if at < 0:
        return text
    line_start = text.rfind("\n", 0, at) + 1
    indent = len(text[line_start:at]) - len(text[line_start:at].lstrip(" -"))
    if raw.startswith("|"):
        head, *body = raw.split("\n")
        raw = "\n".join([head, *(" " * (indent + 2) + line.strip() for line in body)])
    return text[:at] + raw + text[at + len(_PLACEHOLDER) :]
