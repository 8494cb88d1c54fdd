"""Red team, class 8: CSV and TSV lose nothing and run nothing in a spreadsheet.

A list cell must split back into the items the ledger had, whatever they
hold, by the rule docs/csv.md states; no cell may start a formula, however
its first character is disguised. The reader used here is the one printed in
docs/csv.md, run as it is written, so the documentation cannot drift from
what ``claims`` writes.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Cli
from export_support import job
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_cli.model import (
    STANCES,
    Attribution,
    Claim,
    Evidence,
    Index,
    Ledger,
    Source,
    shape_of,
)
from claims_cli.render.data import (
    FLAT_COLUMNS,
    FORMULA_STARTERS,
    SOURCE_COLUMNS,
    claim_shape,
    delimited,
    flat_row,
    serialise,
)
from claims_cli.render.exports import render_csv

DOC = (REPO / "docs" / "csv.md").read_text("utf-8")


def _documented_reader() -> dict[str, Any]:
    """The functions of the first Python block of docs/csv.md, run as a reader would paste it."""
    block = re.search(r"```python\n(.*?)```", DOC, flags=re.S)
    assert block is not None
    namespace: dict[str, Any] = {}
    exec(block[1], namespace)  # our own documentation, run as written
    return namespace


READER = _documented_reader()
text: Callable[[str], str] = READER["text"]
items: Callable[[str], list[str]] = READER["items"]
evidence: Callable[[str], list[tuple[str, str]]] = READER["evidence"]


def parse_csv(output: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(output, newline="")))
    assert rows[0] == list(FLAT_COLUMNS)
    return [dict(zip(FLAT_COLUMNS, row, strict=True)) for row in rows[1:]]


def test_the_documented_columns_are_the_columns_written() -> None:
    headers = re.findall(r"```text\n(.*?)\n```", DOC, flags=re.S)
    assert headers == [",".join(FLAT_COLUMNS), ",".join(SOURCE_COLUMNS)]


# --- the documented list rule, over any text ------------------------------------------

#: Pieces that mean something to a CSV reader, a list splitter or a spreadsheet.
_TRICKY = [
    *(";", "; ", ";;", "\\", "\\;", "\\\\", ":", ",", '"', "'", "''"),
    *("\n", "\r", "\r\n", "\t", " ", "=", "+", "-", "@", "＝", "＋", "－", "＠"),
    *("\ufeff", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\u2028", "-5", "=1+2"),
]
any_text = st.lists(
    st.one_of(
        st.sampled_from(_TRICKY),
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=6),
    ),
    max_size=6,
).map("".join)
any_list = st.lists(st.one_of(st.just(""), any_text), max_size=4)


@st.composite
def hostile_claims(draw: st.DrawFn) -> list[Claim]:
    return [
        Claim(
            id=f"c{n}",
            claim=draw(any_text),
            type="statement",
            quote=draw(st.none() | any_text),
            notes=draw(st.none() | any_text),
            tags=tuple(draw(any_list)),
            entities=tuple(draw(any_list)),
            evidence=tuple(
                Evidence(source=source, stance=stance)
                for source, stance in draw(
                    st.lists(
                        st.tuples(any_text, st.sampled_from(STANCES)),
                        max_size=3,
                    )
                )
            ),
            attribution=Attribution(
                source="s", claimant=draw(st.none() | any_text), locator=draw(st.none() | any_text)
            ),
            confidence="low",
        )
        for n in range(draw(st.integers(1, 3)))
    ]


def _ledger(claims: list[Claim]) -> Ledger:
    return Ledger(claims=tuple(claims), sources=(Source(id="s", title="S"),))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(claims=hostile_claims())
def test_csv_read_back_by_the_documented_rule_gives_every_list_and_cell(
    claims: list[Claim],
) -> None:
    ledger = _ledger(claims)
    index = Index(ledger=ledger)
    exported = render_csv(job(ledger)).text  # claims export --format csv
    listed = serialise("csv", claims, claim_shape(index))  # claims list --format csv
    assert listed == exported
    for claim, row in zip(claims, parse_csv(exported), strict=True):
        assert items(text(row["tags"])) == list(claim.tags)
        assert items(text(row["entities"])) == list(claim.entities)
        assert evidence(text(row["evidence"])) == [(e.source, e.stance) for e in claim.evidence]
        assert text(row["claim"]) == claim.claim
        assert text(row["quote"]) == (claim.quote or "")
        assert text(row["notes"]) == (claim.notes or "")
        assert text(row["attribution_claimant"]) == (claim.attribution.claimant or "")
        assert text(row["attribution_locator"]) == (claim.attribution.locator or "")
        assert {column: text(cell) for column, cell in row.items()} == flat_row(claim, index)


@pytest.mark.parametrize(
    ("tags", "cell"),
    [
        ((), ""),
        (("",), "\\"),
        (("", ""), "; "),
        (("a; b", "c"), "a\\; b; c"),
        (("a;b",), "a\\;b"),
        (("C:\\dir\\",), "C:\\\\dir\\\\"),
        (("\\;",), "\\\\\\;"),
        (("trade", "economy"), "trade; economy"),
        (("=cmd", "x"), "'=cmd; x"),
        (("'quoted",), "''quoted"),
    ],
)
def test_a_list_cell_is_written_and_read_back_as_documented(
    tags: tuple[str, ...], cell: str
) -> None:
    claim = Claim(
        id="c",
        claim="C",
        type="statement",
        attribution=Attribution(source="s"),
        confidence="low",
        tags=tags,
    )
    ledger = _ledger([claim])
    (row,) = parse_csv(render_csv(job(ledger)).text)
    assert row["tags"] == cell
    assert items(text(cell)) == list(tags)


def test_an_evidence_item_splits_at_its_last_colon() -> None:
    """The documented split holds only while every record in a list ends in a fixed word."""
    for name, field in shape_of(Claim).items():
        if field.kind != "records":
            continue
        assert field.record is not None
        required = [f for f in shape_of(field.record).values() if f.required]
        assert [f.name for f in required] == ["source", "stance"], name
        assert all(":" not in str(choice) for choice in required[-1].choices)


# --- formula starters, however disguised ------------------------------------------

#: What may stand before a formula starter and show as nothing or as space.
INVISIBLE = {
    "nothing": "",
    "byte order mark": "\ufeff",
    "no-break space": "\u00a0",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "space": " ",
    "ideographic space": "\u3000",
    "narrow no-break space": "\u202f",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "right-to-left override": "\u202e",
    "soft hyphen": "\u00ad",
    "Mongolian vowel separator": "\u180e",
    "Hangul filler": "\u3164",
    "variation selector 16": "\ufe0f",
    "Braille blank": "\u2800",
    "line separator": "\u2028",
    "line feed": "\n",
    "several": "\ufeff \u200b\u2060\u00a0",
}


def test_every_compatibility_form_of_a_starter_is_a_starter() -> None:
    """Checked against this Python's Unicode tables, so a new Unicode version cannot slip by."""
    forms = {
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if unicodedata.normalize("NFKC", char)[:1] in {"=", "+", "-", "@"}
    }
    assert forms <= FORMULA_STARTERS
    assert FORMULA_STARTERS - forms == {"\t", "\r"}


def _one_cell(cell: str, *, tsv: bool) -> str:
    """``cell`` as written in a one-column CSV or TSV, parsed back."""
    written = delimited([{"x": cell}], ["x"], tsv=tsv)
    if tsv:
        header, line, end = written.split("\n")
        assert (header, end) == ("x", "")
        return line
    header_row, (cell_read,) = csv.reader(io.StringIO(written, newline=""))
    assert header_row == ["x"]
    return cell_read


@pytest.mark.parametrize("tsv", [False, True], ids=["csv", "tsv"])
@pytest.mark.parametrize("prefix", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_each_starter_behind_each_invisible_prefix_gets_an_apostrophe(
    prefix: str, tsv: bool
) -> None:
    for starter in sorted(FORMULA_STARTERS):
        cell = prefix + starter + "HYPERLINK(1)"
        shown = " ".join(cell.replace("\t", " ").splitlines()) if tsv else cell
        # TSV writes a tab or line break as a space, which starts nothing.
        expected = shown if tsv and starter in "\t\r" else "'" + shown
        assert _one_cell(cell, tsv=tsv) == expected, (prefix, starter)


@pytest.mark.parametrize("tsv", [False, True], ids=["csv", "tsv"])
@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("-5", "-5"),
        ("+1", "+1"),
        ("-2.5e3", "-2.5e3"),
        ("-.5", "-.5"),
        ("-", "'-"),
        ("--5", "'--5"),
        ("-5 apples", "'-5 apples"),
        ("－5", "'－5"),
        ("\u200b-5", "'\u200b-5"),
        ("-inf", "'-inf"),
        ("'tis", "''tis"),
        ("'=1", "''=1"),
        ("economy", "economy"),
        ("a=b", "a=b"),
        ("\u200bplain", "\u200bplain"),
        ("\ufeff", "\ufeff"),
        ("", ""),
    ],
)
def test_numbers_and_plain_text_stay_as_they_are(cell: str, written: str, tsv: bool) -> None:
    assert _one_cell(cell, tsv=tsv) == written
    assert text(written) == cell


# --- through the commands -----------------------------------------------------------

HOSTILE = """\
version: 1
sources:
  - id: src
    title: "\\u2060=HYPERLINK(\\"https://evil.example/\\",\\"click\\")"
    accessed: "2026-11-01"
claims:
  - id: hostile
    claim: "\\uFEFF=HYPERLINK(\\"https://evil.example/\\",\\"click\\")"
    type: statement
    attribution:
      source: src
      claimant: "\\u00A0@SUM(A1:A2)"
      locator: "\\u200B\\u200D+cmd"
    confidence: low
    quote: "-5"
    tags: ["=cmd", x;y, 'back\\slash']
    entities: ["a; b", c, 'C:\\dir', "＝1+1", "'quoted"]
    evidence:
      - source: src
        stance: context
    notes: "\\u3000－2+3"
"""
HEADER = ",".join(FLAT_COLUMNS)
ROW = (
    "hostile,"
    '"\'\ufeff=HYPERLINK(""https://evil.example/"",""click"")",'
    "statement,unverified,low,,,,,,,,-5,src,'\u00a0@SUM(A1:A2),,'\u200b\u200d+cmd,"
    '"\'\u2060=HYPERLINK(""https://evil.example/"",""click"")",,'
    "'=cmd; x\\;y; back\\\\slash,"
    "a\\; b; c; C:\\\\dir; ＝1+1; 'quoted,"
    "src:context,,'\u3000－2+3,,,,,,,"
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, "utf-8")
    return path


def _check_hostile_row(row: dict[str, str]) -> None:
    assert items(text(row["tags"])) == ["=cmd", "x;y", "back\\slash"]
    assert items(text(row["entities"])) == ["a; b", "c", "C:\\dir", "＝1+1", "'quoted"]
    assert evidence(text(row["evidence"])) == [("src", "context")]
    assert text(row["claim"]) == '\ufeff=HYPERLINK("https://evil.example/","click")'


def test_list_as_csv_is_lossless_and_inert(cli: Cli, hostile: Path) -> None:
    result = cli("list", "-f", hostile, "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes == f"{HEADER}\r\n{ROW}\r\n".encode()
    (row,) = parse_csv(result.stdout_bytes.decode())
    _check_hostile_row(row)


def test_export_to_a_csv_file_is_the_same_bytes(cli: Cli, hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = cli("export", "-f", hostile, "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_bytes() == f"{HEADER}\r\n{ROW}\r\n".encode()
    assert cli("export", "-f", hostile, "-F", "csv").stdout_bytes == out.read_bytes()


def test_list_as_tsv_applies_the_same_rules(cli: Cli, hostile: Path) -> None:
    result = cli("list", "-f", hostile, "--format", "tsv")
    assert (result.exit_code, result.stderr) == (0, "")
    header, line = result.stdout.rstrip("\n").split("\n")
    assert header == "\t".join(FLAT_COLUMNS)
    row = dict(zip(FLAT_COLUMNS, line.split("\t"), strict=True))
    assert row["claim"] == '\'\ufeff=HYPERLINK("https://evil.example/","click")'
    assert row["attribution_claimant"] == "'\u00a0@SUM(A1:A2)"
    assert row["attribution_locator"] == "'\u200b\u200d+cmd"
    assert row["source_title"] == '\'\u2060=HYPERLINK("https://evil.example/","click")'
    assert row["notes"] == "'\u3000－2+3"
    assert row["quote"] == "-5"
    _check_hostile_row(row)


def test_sources_as_csv_neutralise_a_disguised_formula(cli: Cli, hostile: Path) -> None:
    result = cli("sources", "-f", hostile, "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes.decode().split("\r\n")[1] == (
        'src,"\'\u2060=HYPERLINK(""https://evil.example/"",""click"")",,,,2026-11-01,,,,1,1,1,,,'
    )


#: Text a valid ledger may hold in an entity; tags take the same without spaces.
_ENTITY = st.text(st.sampled_from("a;\\:\"',=＝-@+ \u00a0\ufeff\u200b\n"), min_size=1, max_size=8)
_TAG = st.text(st.sampled_from("a;\\:\"',=＝-@+"), min_size=1, max_size=6)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tags=st.lists(_TAG, max_size=3, unique=True),
    entities=st.lists(_ENTITY, max_size=3),
    notes=_ENTITY,
)
def test_any_valid_ledger_round_trips_through_list_and_export(
    cli: Cli, tmp_path: Path, tags: list[str], entities: list[str], notes: str
) -> None:
    claim: dict[str, Any] = {
        "id": "c",
        "claim": "C",
        "type": "statement",
        "attribution": {"source": "s"},
        "confidence": "low",
        "notes": notes,
    }
    if tags:
        claim["tags"] = tags
    if entities:
        claim["entities"] = entities
    ledger = {"version": 1, "sources": [{"id": "s", "title": "S"}], "claims": [claim]}
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(ledger, allow_unicode=True), "utf-8")
    listed = cli("list", "-f", path, "--format", "csv")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert cli("export", "-f", path, "-F", "csv").stdout_bytes == listed.stdout_bytes
    (row,) = parse_csv(listed.stdout_bytes.decode())
    assert items(text(row["tags"])) == tags
    assert items(text(row["entities"])) == entities
    assert text(row["notes"]) == notes
