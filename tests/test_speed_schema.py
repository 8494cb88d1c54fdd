"""The compiled validator picks the records jsonschema words: the findings are the same.

``claims validate`` asks jsonschema-rs which records of a file break the
schema and lets jsonschema walk only those. These tests hold that to finding
exactly what jsonschema finds walking the whole file, and check that the
compiled validator is really used.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_strategies import hostile_ledgers, valid_data, valid_ledgers

from claims_cli.check import schema
from claims_cli.read.yaml_events import LoadError, parse_text

pytest.importorskip("jsonschema_rs")


def _both(text: str) -> None:
    try:
        doc = parse_text(text, "f.yaml")
    except LoadError:
        return
    assert list(schema.schema_diagnostics(doc)) == list(schema.all_schema_diagnostics(doc))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_ledgers())
def test_a_spoilt_ledger_has_the_same_findings(text: str) -> None:
    _both(text)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(valid_data(), st.data())
def test_any_value_anywhere_in_a_record_has_the_same_findings(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    odd = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(["abc\n", "a b", "2024-02-30", "2024-02-29\n", "http://x y", "ａ"]),
        st.lists(st.text(max_size=3), max_size=2),
        st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    )
    records = data["claims"] + data["sources"]
    for _ in range(draw.draw(st.integers(1, 3))):
        record = draw.draw(st.sampled_from(records))
        keys = [*record, "extra"]
        record[draw.draw(st.sampled_from(keys))] = draw.draw(odd)
    doc = parse_text("version: 1\n", "f.yaml")
    doc.data = data
    found = list(schema.schema_diagnostics(doc))
    assert found == list(schema.all_schema_diagnostics(doc))


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(valid_ledgers)
def test_a_valid_ledger_is_passed_by_the_compiled_validator_alone(text: str) -> None:
    doc = parse_text(text, "f.yaml")
    assert schema._suspects(doc.data) is None


def test_only_the_failing_records_are_walked_and_located_where_they_are() -> None:
    text = (
        "version: 1\n"
        "sources:\n"
        "  - {id: s1, title: One}\n"
        "  - {id: s2, title: Two, kind: nws}\n"
        "claims:\n"
        "  - {id: c1, claim: A., type: event, attribution: {source: s1}, confidence: high}\n"
        "  - {id: c2, claim: B., type: event, attribution: {source: s1}, confidence: high}\n"
        "  - {id: c3, claim: C., type: event, attribution: {source: s1}, confidance: high}\n"
    )
    doc = parse_text(text, "f.yaml")
    suspects = schema._suspects(doc.data)
    assert suspects is not None
    assert suspects[1] == {"claims": [2], "sources": [1]}
    found = [(d.line, d.column, d.code, d.message) for d in schema.schema_diagnostics(doc)]
    assert found == [
        (
            4,
            32,
            "E204",
            "sources[1].kind: 'nws' is not one of news, government, academic, ngo, dataset, "
            "social, other; did you mean 'news'?",
        ),
        (8, 65, "E201", "claims[2]: unknown key 'confidance'; did you mean 'confidence'?"),
        (8, 5, "E202", "claims[2]: missing required key 'confidence'"),
    ]
