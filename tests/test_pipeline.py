"""One pipeline opens every ledger: who reports what, once, with the schema on or off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import GOOD, Cli, Write, assert_refused, opened
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_cli.check.pipeline import Loaded
from claims_cli.model import Claim, FieldShape, LedgerFile, shape_of
from claims_cli.read.build import build_ledger
from claims_cli.read.yaml_events import LoadError, parse_text


def located(loaded: Loaded) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in loaded.diagnostics]


# A claim that cannot be built (no confidence, an unknown status) is cited by
# another claim's `supersedes` and is the only claim citing `only-by-broken`.
LEFT_OUT = """\
version: 1
sources:
  - id: article
    title: An article
  - id: only-by-broken
    title: Cited only by the broken claim
claims:
  - id: broken
    claim: A claim with problems of shape.
    type: event
    attribution: {source: only-by-broken}
    status: proven
  - id: newer
    claim: A claim that replaces the broken one.
    type: event
    attribution: {source: article}
    confidence: low
    supersedes: broken
"""


def test_a_record_with_a_schema_error_is_reported_once_and_still_known(write: Write) -> None:
    path = write("claims.yaml", LEFT_OUT)
    loaded = opened(path, schema=True)
    assert located(loaded) == [
        (8, 5, "E202", "claims[0]: missing required key 'confidence'"),
        (
            12,
            13,
            "E204",
            "claims[0].status: 'proven' is not one of unverified, supported, partly-supported, "
            "disputed, refuted, misleading, unverifiable",
        ),
    ]
    # Left out of the ledger, but no E303 for `supersedes: broken`, and no
    # W304 for the source only it cites.
    assert [c.id for c in loaded.ledger.claims] == ["newer"]
    assert (loaded.files, loaded.claims, loaded.sources) == (1, 2, 2)


def test_look_ups_refuse_with_the_same_diagnostics(write: Write) -> None:
    path = write("claims.yaml", LEFT_OUT)
    assert located(opened(path, schema=False)) == located(opened(path, schema=True))


def test_the_list_command_refuses_with_those_lines(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEFT_OUT)
    run = cli("list", "-f", str(path))
    errors = [
        f"{path}:8:5: E202 claims[0]: missing required key 'confidence'",
        f"{path}:12:13: E204 claims[0].status: 'proven' is not one of unverified, supported, "
        "partly-supported, disputed, refuted, misleading, unverifiable",
    ]
    assert_refused(run, ["list"], errors)


def test_a_value_the_loader_refused_is_reported_by_the_loader_alone(write: Write) -> None:
    path = write("claims.yaml", GOOD.replace("confidence: medium", "confidence: !!python/none x"))
    for schema in (True, False):
        [diagnostic] = opened(path, schema=schema).diagnostics
        assert (diagnostic.line, diagnostic.column, diagnostic.code) == (15, 17, "E103")


def test_a_file_that_cannot_be_read_does_not_hide_the_others(write: Write) -> None:
    write("ledger/good.yaml", GOOD)
    write("ledger/bad.yaml", b"\xff")
    loaded = opened(write("ledger/x.yaml", "version: 1\n").parent, schema=True)
    assert [(Path(d.file).name, d.code) for d in loaded.diagnostics] == [("bad.yaml", "E106")]
    assert (loaded.files, loaded.claims, loaded.sources) == (3, 1, 1)
    assert [c.id for c in loaded.ledger.claims] == ["trade-121m"]


def test_the_builder_speaks_if_the_schema_ever_says_nothing(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should schema and builder disagree, a left-out record is still reported."""
    import claims_cli.check.schema as schema_module

    def silent(doc: object) -> Iterator[object]:
        return iter(())

    monkeypatch.setattr(schema_module, "schema_diagnostics", silent)
    path = write("claims.yaml", LEFT_OUT)
    assert [d.code for d in opened(path, schema=True).diagnostics] == ["E202", "E204"]


def test_validate_counts_what_was_written_not_what_was_built(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEFT_OUT)
    report = json.loads(cli("validate", "-F", "json", str(path)).stdout)
    assert report["summary"] == {
        "files": 1,
        "claims": 2,
        "sources": 2,
        "errors": 2,
        "warnings": 0,
    }


# -- the builder never refuses what the schema accepts ---------------------------------


def _valid(shape: FieldShape) -> st.SearchStrategy[object]:
    """Values the schema accepts, borderline ones included (``1.0`` for ``1``, NFD tags)."""
    text = shape.spec.get("text")
    if shape.kind == "choice":
        numbers = [float(c) for c in shape.choices if isinstance(c, int)]
        return st.sampled_from([*shape.choices, *numbers])
    if shape.kind == "number":
        return st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    if shape.kind == "texts":
        words = ["trade", "تجارت", "贸易", "e\u0301conomie"] if text == "tag" else ["x", "Ирана"]
        return st.lists(st.sampled_from(words), max_size=3)
    if shape.kind in ("record", "records"):
        assert shape.record is not None
        one = _record(shape.record)
        return one if shape.kind == "record" else st.lists(one, max_size=2)
    return st.sampled_from(
        {
            "slug": ["a", "trade-1"],
            "httpUrl": ["https://example.org/", "HTTP://x"],
            "partialDate": ["2022", "2022-06", "2024-02-29"],
            "fullDate": ["2022-06-01"],
        }.get(text or "", ["text", "NO", "1"])
    )


_ODD = st.sampled_from(
    [None, True, 0, 1.0, 2.5, "", "Bad Id", "a b", "\u00a0", [], ["x", 1], [" "], {}, {"k": 1}]
)


def _record(record: type) -> st.SearchStrategy[dict[str, object]]:
    """A valid record of a model class, or one with a key dropped, added or given an odd value."""
    shapes = shape_of(record)
    valid = st.fixed_dictionaries(
        {name: _valid(shape) for name, shape in shapes.items() if shape.required},
        optional={name: _valid(shape) for name, shape in shapes.items() if not shape.required},
    )

    def spoil(data: dict[str, object]) -> st.SearchStrategy[dict[str, object]]:
        def change(key: str, odd: object, drop: bool) -> dict[str, object]:
            changed = dict(data)
            if drop:
                changed.pop(key, None)
            else:
                changed[key] = odd
            return changed

        keys = st.sampled_from([*shapes, "extra"])
        return st.builds(change, keys, _ODD, st.booleans())

    return valid | valid.flatmap(spoil)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_record(Claim), min_size=1, max_size=3))
def test_whatever_the_schema_accepts_the_builder_builds(claims: list[dict[str, object]]) -> None:
    from claims_cli.check.schema import schema_diagnostics

    text = yaml.safe_dump({"version": 1, "claims": claims}, allow_unicode=True, sort_keys=False)
    try:
        doc = parse_text(text, "fuzz.yaml")
    except LoadError:
        return
    said = doc.diagnostics + list(schema_diagnostics(doc))
    built = build_ledger([doc])
    if not said:
        assert built.diagnostics == []
        assert len(built.ledger.claims) == len(claims)
    if built.diagnostics:
        assert said, built.diagnostics


def test_the_top_level_comes_from_the_model_too() -> None:
    assert list(shape_of(LedgerFile)) == ["version", "meta", "sources", "claims"]
    assert [s.name for s in shape_of(LedgerFile).values() if s.required] == ["version"]
