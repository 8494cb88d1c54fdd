"""JSON, JSON Lines and CSV exports: faithful, parseable, and safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml
from conftest import Cli, load
from export_support import adversarial_ledger, job, sample_ledger
from hypothesis import given
from hypothesis import strategies as st

from claims_cli.model import CLAIM_FIELDS, Attribution, Claim, Index, Ledger, Source
from claims_cli.render.data import FLAT_COLUMNS, claim_record, flat_row, neutralise_formula
from claims_cli.render.exports import render_csv, render_json, render_jsonl


def rebuild(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A claim file made from exported records: sources collected, resolved copies removed."""
    sources: dict[str, Any] = {}
    claims = []
    for record in records:
        record = dict(record)
        resolved = [record.pop("source", None), *record.pop("evidence_sources", [])]
        for source in resolved:
            if source is not None:
                sources.setdefault(source["id"], source)
        claims.append(record)
    return {"version": 1, "sources": list(sources.values()), "claims": claims}


def test_json_is_an_array_of_records_with_sources_resolved() -> None:
    sample = sample_ledger()
    records = json.loads(render_json(job(sample)).text)
    assert [r["id"] for r in records] == [c.id for c in sample.claims]
    trade = next(r for r in records if r["id"] == "trade-121m")
    assert trade["value"] == {
        "amount": 121000000,
        "unit": "USD",
        "comparator": "gt",
        "period": "last two years (years not stated)",
        "metric": "iran-tajikistan-trade",
    }
    assert trade["source"]["title"] == "Iran boosts ties with Tajikistan (news analysis)"
    assert trade["attribution"]["locator"] == "para 7"
    # Field names and order as in the file, the resolved source last.
    assert [k for k in trade if k != "source"] == [k for k in CLAIM_FIELDS if k in trade]
    assert list(trade)[-1] == "source"


def test_json_keeps_text_as_utf8_and_is_deterministic() -> None:
    adversarial = adversarial_ledger()
    text = render_json(job(adversarial)).text
    assert "Министерство обороны России" in text
    assert "وزارت امور خارجه ایران" in text
    assert text == render_json(job(adversarial)).text
    assert text.endswith("]\n")


def test_evidence_sources_travel_with_the_claim() -> None:
    adversarial = adversarial_ledger()
    index = Index(ledger=adversarial)
    pipe = claim_record(adversarial.claims[0], index)
    assert pipe["source"]["id"] == "src-pipes"
    assert [s["id"] for s in pipe["evidence_sources"]] == ["src-evidence"]
    superseding = claim_record(adversarial.claims[-1], index)
    assert "evidence_sources" not in superseding  # its evidence is its own source


def test_jsonl_has_one_record_per_line() -> None:
    adversarial = adversarial_ledger()
    text = render_jsonl(job(adversarial)).text
    lines = text.splitlines()
    assert len(lines) == len(adversarial.claims)
    assert [json.loads(line) for line in lines] == json.loads(render_json(job(adversarial)).text)


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_a_row_per_claim() -> None:
    sample = sample_ledger()
    text = render_csv(job(sample)).text
    assert text.startswith(",".join(FLAT_COLUMNS) + "\r\n")
    rows = parse_csv(text)
    assert rows[0] == list(FLAT_COLUMNS)
    assert len(rows) == 1 + len(sample.claims)
    trade = dict(zip(FLAT_COLUMNS, next(r for r in rows if r[0] == "trade-121m"), strict=True))
    assert trade["value_amount"] == "121000000"
    assert trade["attribution_source"] == "seed-article"
    assert trade["source_title"] == "Iran boosts ties with Tajikistan (news analysis)"
    assert trade["tags"] == "trade; economy"


def test_csv_neutralises_formula_cells() -> None:
    adversarial = adversarial_ledger()
    rows = parse_csv(render_csv(job(adversarial)).text)
    assert len(rows) == 1 + len(adversarial.claims)
    cells = {row[0]: dict(zip(FLAT_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert cells["pipe-claim"]["attribution_claimant"] == (
        '\'=HYPERLINK("https://evil.example/","click")'
    )
    formula = cells["formula-claim"]
    assert formula["claim"] == "'=1+2"
    assert formula["attribution_claimant"] == "'@SUM(A1:A2)"
    assert formula["notes"] == "'+cmd|' /C calc'!A0"
    assert formula["attribution_locator"] == "'\tTAB"
    # A plain number is data, not a formula, and stays as it is.
    assert formula["quote"] == "+1"
    # Line breaks and pipes stay inside their quoted cell.
    assert cells["newline-claim"]["claim"] == adversarial.claims[1].claim
    for row in rows:
        assert len(row) == len(FLAT_COLUMNS)
        for cell in row:
            assert not cell.startswith(("=", "@", "\t", "\r")) or cell.startswith("'")


def test_json_export_round_trips_through_a_rebuilt_ledger(tmp_path: Path, cli: Cli) -> None:
    sample, adversarial = sample_ledger(), adversarial_ledger()
    for name, ledger in (("sample", sample), ("adversarial", adversarial)):
        records = json.loads(render_json(job(ledger)).text)
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            yaml.safe_dump(rebuild(records), allow_unicode=True, sort_keys=False), "utf-8"
        )
        result = cli("validate", path)
        rebuilt = load(path)
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        plural = "s" if len(ledger.sources) != 1 else ""
        counts = f"1 file, {len(ledger.claims)} claims, {len(ledger.sources)} source{plural}."
        if name == "sample":
            assert result.stdout == f"No problems: {counts}\n"
        else:  # its claims are long on purpose, too long for ClaimReview's claimReviewed
            *warnings, summary = result.stdout.splitlines()
            assert {w.split(" ")[1] for w in warnings} == {"W602"}
            assert summary == f"Found 0 errors and {len(warnings)} warnings in {counts}"
        assert rebuilt.claims == ledger.claims
        assert {s.id: s for s in rebuilt.sources} == {s.id: s for s in ledger.sources}


# --- properties ---------------------------------------------------------------

_any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))


@st.composite
def claims(draw: st.DrawFn) -> list[Claim]:
    count = draw(st.integers(1, 4))
    return [
        Claim(
            id=f"c{n}",
            claim=draw(_any_text),
            type="statement",
            quote=draw(st.none() | _any_text),
            notes=draw(st.none() | _any_text),
            tags=tuple(draw(st.lists(_any_text, max_size=2))),
            attribution=Attribution(source="s", claimant=draw(st.none() | _any_text)),
            confidence="low",
        )
        for n in range(count)
    ]


def _ledger(items: list[Claim]) -> Ledger:
    return Ledger(claims=tuple(items), sources=(Source(id="s", title="S"),))


@given(items=claims())
def test_csv_parses_back_to_the_same_cells(items: list[Claim]) -> None:
    ledger = _ledger(items)
    rows = parse_csv(render_csv(job(ledger)).text)
    assert rows[0] == list(FLAT_COLUMNS)
    assert len(rows) == 1 + len(items)
    index = Index(ledger=ledger)
    for claim, row in zip(items, rows[1:], strict=True):
        expected = flat_row(claim, index)
        assert row == [neutralise_formula(expected[c]) for c in FLAT_COLUMNS]
        for cell, column in zip(row, FLAT_COLUMNS, strict=True):
            original = expected[column]
            assert cell == original or cell == "'" + original


@given(items=claims())
def test_json_and_jsonl_round_trip_any_text(items: list[Claim]) -> None:
    ledger = _ledger(items)
    index = Index(ledger=ledger)
    records = [claim_record(c, index) for c in items]
    assert json.loads(render_json(job(ledger)).text) == records
    lines = render_jsonl(job(ledger)).text.splitlines()
    assert len(lines) == len(items)  # even with U+2028 or U+2029 in the text
    assert [json.loads(line) for line in lines] == records
