"""The filter engine as plain data: each filter, each sort, ties, dates, text folding."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from conftest import SAMPLE, load, make_claim
from hypothesis import given
from hypothesis import strategies as st
from lookup_support import DATED

from claims_cli.dates import date_range
from claims_cli.model import STATUSES, Ledger
from claims_cli.query.filters import Filter, FilterError, SortKey, select

DATED_LEDGER = load(DATED)
SAMPLE_LEDGER = load(SAMPLE)


def ids(
    flt: Filter | None = None,
    ledger: Ledger = DATED_LEDGER,
    *,
    sort: SortKey | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> list[str]:
    return [c.id for c in select(ledger.claims, flt, sort=sort, reverse=reverse, limit=limit)]


def test_an_empty_filter_keeps_every_claim_in_file_order() -> None:
    assert Filter().is_empty
    assert ids(Filter()) == [c.id for c in DATED_LEDGER.claims]


def test_tags_match_any_of_those_given() -> None:
    assert ids(Filter(tags=("drones",))) == ["drone-exports-2021", "drone-exports-2021-revised"]
    assert ids(Filter(tags=("drones", "security"))) == [
        "border-closure-rumour",
        "drone-exports-2021",
        "drone-exports-2021-revised",
    ]


def test_source_matches_attribution_or_evidence() -> None:
    cited = ids(Filter(sources=("ministry-release",)))
    # Attributed to it (ministry-report-fr) or citing it as evidence (the rest).
    assert cited == [
        "trade-2022-total",
        "trade-2023-h1",
        "trade-fair-2022",
        "drone-exports-2021",
        "ministry-report-fr",
    ]


def test_entity_is_case_and_accent_insensitive_but_whole() -> None:
    assert ids(Filter(entities=("davlat rahmon",))) == ["trade-2023-h1"]
    assert ids(Filter(entities=("東京",))) == ["tokyo-delegation"]
    assert ids(Filter(entities=("Rahmon",))) == []


def test_type_and_status_match_exactly() -> None:
    assert ids(Filter(types=("forecast",))) == ["trade-2021-forecast", "border-closure-rumour"]
    assert ids(Filter(statuses=("disputed", "partly-supported"))) == [
        "trade-2023-h1",
        "drone-exports-2021",
    ]


def test_claimant_is_a_folded_substring() -> None:
    assert ids(Filter(claimants=("rahmon",))) == ["trade-2023-h1"]
    assert ids(Filter(claimants=("MINISTÈRE", "customs"))) == [
        "trade-2022-total",
        "ministry-report-fr",
    ]


def test_claimant_type_selects_by_kind_of_claimant() -> None:
    assert ids(Filter(claimant_types=("government",))) == [
        "trade-2022-total",
        "trade-2021-forecast",
        "border-closure-rumour",
        "ministry-report-fr",
    ]


def test_confidence_bounds_are_inclusive_on_the_ordered_scale() -> None:
    assert ids(Filter(min_confidence="high")) == [
        "trade-2022-total",
        "trade-fair-2022",
        "ministry-report-fr",
    ]
    assert ids(Filter(max_confidence="low")) == [
        "trade-2021-forecast",
        "trade-routes-seasonal",
        "border-closure-rumour",
    ]
    assert ids(Filter(min_confidence="medium", max_confidence="medium")) == [
        "trade-2023-h1",
        "tokyo-delegation",
        "drone-exports-2021",
        "drone-exports-2021-revised",
    ]


def test_low_confidence_government_claims_in_the_sample() -> None:
    flt = Filter(claimant_types=("government",), max_confidence="low")
    assert ids(flt, SAMPLE_LEDGER) == ["ababil2-range-125mi"]


def test_a_minimum_above_the_maximum_is_refused_in_the_words_of_the_fields() -> None:
    with pytest.raises(FilterError) as refused:
        Filter(min_confidence="high", max_confidence="low")
    assert str(refused.value) == (
        "min_confidence high is above max_confidence low, so no claim could match"
    )
    # Whoever builds the filter names the fields its own way.
    assert refused.value.worded(str.upper) == (
        "MIN_CONFIDENCE high is above MAX_CONFIDENCE low, so no claim could match"
    )


def test_an_unknown_confidence_level_is_refused() -> None:
    with pytest.raises(FilterError) as refused:
        Filter(max_confidence="sure")  # type: ignore[arg-type]  # the wrong value is the point
    assert str(refused.value) == (
        "max_confidence: unknown confidence level 'sure' "
        "(choose from very-low, low, medium, high, very-high)"
    )


@pytest.mark.parametrize("bad", ["2022-13", "22", "2022-02-30", "yesterday", "2022/01", "{x}"])
def test_a_bound_that_is_not_a_date_is_refused(bad: str) -> None:
    with pytest.raises(FilterError) as refused:
        Filter(since=bad)
    assert str(refused.value) == (
        f"since: '{bad}' is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    )


def test_partial_dates_compare_by_the_days_they_cover() -> None:
    # "2022" is within --since 2022-01: its days run to the end of 2022.
    assert "trade-2022-total" in ids(Filter(since="2022-01"))
    assert ids(Filter(since="2022-06-15")) == [
        "trade-2022-total",
        "trade-2023-h1",
        "ministry-report-fr",
    ]
    assert ids(Filter(until="2021")) == [
        "trade-2021-forecast",
        "drone-exports-2021",
        "drone-exports-2021-revised",
    ]
    assert ids(Filter(since="2022-06", until="2022-06")) == [
        "trade-2022-total",
        "trade-fair-2022",
        "tokyo-delegation",
    ]


def test_undated_claims_never_pass_a_date_bound() -> None:
    assert "trade-routes-seasonal" not in ids(Filter(since="1900"))
    assert "trade-routes-seasonal" not in ids(Filter(until="2100"))


def test_trade_since_2022() -> None:
    assert ids(Filter(tags=("trade",), since="2022")) == [
        "trade-2022-total",
        "trade-2023-h1",
        "trade-fair-2022",
        "ministry-report-fr",
    ]


def test_search_needs_every_word_somewhere_folded() -> None:
    assert ids(Filter(search="rahmon")) == ["trade-2023-h1"]
    assert ids(Filter(search="ECHANGES rapport")) == ["ministry-report-fr"]
    assert ids(Filter(search="winter no date")) == ["trade-routes-seasonal"]  # notes count
    assert ids(Filter(search="drone 2025")) == []
    assert ids(Filter(search="125"), SAMPLE_LEDGER) == ["ababil2-range-125mi"]


def test_search_finds_tags_entities_quote_and_claimant() -> None:
    assert ids(Filter(search="reports")) == ["ministry-report-fr"]  # a tag
    assert ids(Filter(search="東京")) == ["tokyo-delegation"]  # text and entity
    assert ids(Filter(search="$300 million")) == ["trade-2022-total"]  # claim and quote
    assert ids(Filter(search="border agency")) == ["border-closure-rumour"]


def test_filters_combine_with_and() -> None:
    flt = Filter(tags=("trade",), statuses=("supported",), min_confidence="very-high")
    assert ids(flt) == ["trade-fair-2022"]


def test_sort_by_date_puts_undated_last_either_way_and_breaks_ties_by_id() -> None:
    undated = ["border-closure-rumour", "trade-routes-seasonal"]
    ascending = ids(sort="date")
    assert ascending == [
        "drone-exports-2021",
        "drone-exports-2021-revised",
        "trade-2021-forecast",
        "trade-2022-total",
        "tokyo-delegation",
        "trade-fair-2022",
        "ministry-report-fr",
        "trade-2023-h1",
        *undated,
    ]
    descending = ids(sort="date", reverse=True)
    assert descending[-2:] == undated
    # The tie on 2022-06-01 stays in id order when the sort is reversed.
    assert descending.index("tokyo-delegation") < descending.index("trade-fair-2022")
    assert descending[0] == "trade-2023-h1"


def test_sort_by_confidence_status_source_and_id() -> None:
    by_confidence = ids(sort="confidence")
    assert by_confidence[:2] == ["border-closure-rumour", "trade-routes-seasonal"]
    assert by_confidence[-1] == "trade-fair-2022"
    assert ids(sort="confidence", reverse=True)[:3] == [
        "trade-fair-2022",
        "ministry-report-fr",
        "trade-2022-total",
    ]
    statuses = [c.status for c in select(DATED_LEDGER.claims, sort="status")]
    assert statuses == sorted(statuses, key=STATUSES.index)
    assert ids(sort="status")[:3] == [  # the unverified ones, by id
        "border-closure-rumour",
        "drone-exports-2021-revised",
        "tokyo-delegation",
    ]
    sources = [c.attribution.source for c in select(DATED_LEDGER.claims, sort="source")]
    assert sources == sorted(sources)
    assert ids(sort="id") == sorted(ids())
    assert ids(sort="id", reverse=True) == sorted(ids(), reverse=True)


def test_reverse_without_sort_reverses_the_file_order() -> None:
    assert ids(reverse=True) == list(reversed(ids()))


def test_limit_cuts_after_sorting() -> None:
    assert ids(sort="id", limit=2) == sorted(ids())[:2]
    assert ids(limit=0) == []
    assert len(ids(limit=100)) == len(DATED_LEDGER.claims)


_PARTIAL_DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
    ),
)


@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), _PARTIAL_DATES), max_size=12),
    st.booleans(),
)
def test_date_sort_orders_by_start_then_end_with_undated_last(
    rows: list[tuple[str, str | None]], reverse: bool
) -> None:
    claims = [make_claim(f"{name}{n}", date=day) for n, (name, day) in enumerate(rows)]
    chosen = select(claims, sort="date", reverse=reverse)
    assert sorted(c.id for c in chosen) == sorted(c.id for c in claims)
    dated = [c for c in chosen if c.date]
    assert chosen[: len(dated)] == dated  # undated last
    keys = [(date_range(c.date), c.id) for c in dated]
    for (span, claim_id), (next_span, next_id) in itertools.pairwise(keys):
        assert span is not None and next_span is not None
        if span == next_span:
            assert claim_id < next_id  # ties by id, whichever way
        elif reverse:
            assert span > next_span
        else:
            assert span < next_span


def test_since_after_until_is_refused() -> None:
    with pytest.raises(FilterError) as refused:
        Filter(since="2024", until="2023")
    assert str(refused.value) == "since 2024 is after until 2023: no date can match both"
    assert Filter(since="2023-06", until="2023").since == "2023-06"  # overlapping is fine
