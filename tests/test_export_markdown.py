"""The Markdown report, rendered through GitHub's own renderer (cmarkgfm) and read back."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from conftest import SAMPLE, make_claim, opened
from export_support import adversarial_ledger, job, sample_ledger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_html import ISSUE_REFERENCE, MENTION, Page, render, shown
from strategies import texts

from claims_cli.model import (
    Attribution,
    Checked,
    Claim,
    Evidence,
    Ledger,
    Meta,
    Source,
    Status,
)
from claims_cli.render.exports import ExportInput, GroupBy
from claims_cli.render.markdown import (
    TABLE_CLAIM_LIMIT,
    newest_check,
    report,
    shorten,
    status_counts,
)

#: Every element the report may produce. Anything else came from a field.
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "a", "strong", "ul", "li", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
#: Every way the report groups its sections (the registry offers the same names).
GROUP_BYS: tuple[GroupBy, ...] = get_args(GroupBy)
HEADER = ["Id", "Claim", "Value", "Confidence", "Status", "Source"]


def assert_links_resolve(page: Page) -> None:
    targets = page.in_page_targets()
    assert targets, "the report links to its own sections"
    missing = sorted(set(targets) - set(page.ids))
    assert not missing, f"links to missing anchors: {missing}"
    assert len(page.ids) == len(set(page.ids)), "anchors are unique"


def assert_only_safe_links(page: Page) -> None:
    for href in page.hrefs:
        assert href.startswith("#") or re.match(r"(?i)https?://", href), href


def test_sample_report_has_title_summary_and_one_row_per_claim() -> None:
    sample = sample_ledger()
    markdown = report(job(sample))
    page = render(markdown)
    assert page.headings[0] == (1, "Iran–Tajikistan ties: sample claims ledger")
    assert "45 claims: 45 unverified." in page.text
    assert "Not checked yet." in page.text
    assert page.header == HEADER
    assert len(page.rows) == len(sample.claims) == 45
    assert all(len(row) == len(HEADER) for row in page.rows)
    assert [row[0] for row in page.rows] == [c.id for c in sample.claims]
    trade = next(row for row in page.rows if row[0] == "trade-121m")
    assert trade[2] == "> $121 million (last two years (years not stated))"
    assert trade[3] == "not checked (F3)"
    assert_links_resolve(page)
    assert_only_safe_links(page)


def test_every_claim_has_a_section_under_its_anchor() -> None:
    sample = sample_ledger()
    page = render(report(job(sample)))
    for claim in sample.claims:
        assert page.ids.count(f"claim-{claim.id}") == 1
    assert "source-seed-article" in page.ids
    claim_headings = [text for level, text in page.headings if level == 3]
    assert claim_headings == [c.claim for c in sample.claims]


def test_a_section_shows_quote_locator_attribution_confidence_verdict() -> None:
    sample = sample_ledger()
    page = render(report(job(sample)))
    quotes = [text for tag, text in page.blocks if tag == "blockquote"]
    trade = sample.claims[[c.id for c in sample.claims].index("trade-121m")]
    assert trade.quote is not None
    assert any(
        trade.quote in q and "— Iran boosts ties with Tajikistan (news analysis), para 7" in q
        for q in quotes
    )
    items = [text for tag, text in page.blocks if tag == "li"]
    start = items.index("Id: trade-121m")
    assert items[start : start + 9] == [
        "Id: trade-121m",
        "Type: statistic",
        "Value: > $121 million (last two years (years not stated)) · iran-tajikistan-trade",
        "Claimant: article author (unnamed) (author)",
        "Source: seed-article — Iran boosts ties with Tajikistan (news analysis), para 7",
        "Grade: F3 (source reliability cannot be judged; possibly true)",
        "Status: unverified",
        "Tags: trade, economy",
        "Entities: Iran, Tajikistan",
    ]
    assert items[start + 9].startswith("Id: ")  # no notes, no confidence: nothing follows


def test_the_report_is_byte_identical_run_after_run() -> None:
    first = report(job(sample_ledger()))
    assert report(job(opened(SAMPLE).ledger)) == first  # read afresh
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_adversarial_fields_come_out_as_text() -> None:
    adversarial = adversarial_ledger()
    markdown = report(job(adversarial))
    for unsafe in (True, False):
        page = render(markdown, unsafe=unsafe)
        assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
        assert_only_safe_links(page)
        for literal in (
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            '<script>alert("x")</script>',
            "*stars* _under_ **bold** [x](javascript:alert(1)) `code` ~~strike~~ $x$",
            "[Someone](javascript:alert(1))",
            '=HYPERLINK("https://evil.example/","click")',
            "Министерство обороны России",
            "وزارت امور خارجه ایران",
            "mail@example.org",
            "www.example.org",
        ):
            assert literal in page.text, literal
        # "mail@example.org" reads as itself but mentions no user "example".
        assert [n for n in page.nodes if MENTION.search(n) or ISSUE_REFERENCE.search(n)] == []
    page = render(markdown)
    assert len(page.rows) == len(adversarial.claims)
    assert all(len(row) == len(HEADER) for row in page.rows)
    cells = {row[0]: row for row in page.rows}
    assert cells["pipe-claim"][1] == "Revenue | costs | profit all rose by 1.5 million euros"
    assert cells["newline-claim"][1] == adversarial.claims[1].claim
    assert cells["formula-claim"][1] == "=1+2"
    assert_links_resolve(page)
    assert not any("javascript" in href.lower() for href in page.hrefs)


def test_adversarial_links_go_where_the_ledger_says() -> None:
    adversarial = adversarial_ledger()
    page = render(report(job(adversarial)))
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert "https://example.org/report?a=1&b=(2)%7Cx" in external
    assert "https://web.archive.org/web/2025/https://example.org/report" in external
    assert "https://example.com/e%22onmouseover=%22alert(1)" in external
    assert "https://factcheck.example.org/reports/adversarial" in external


def test_a_very_long_claim_is_shortened_in_the_table_only() -> None:
    adversarial = adversarial_ledger()
    long_claim = next(c for c in adversarial.claims if c.id == "long-claim")
    page = render(report(job(adversarial)))
    cell = next(row for row in page.rows if row[0] == "long-claim")[1]
    assert len(cell) <= TABLE_CLAIM_LIMIT and cell.endswith("…")
    assert long_claim.claim.startswith(cell[:-1])
    assert (3, long_claim.claim) in page.headings


@pytest.mark.parametrize("group_by", GROUP_BYS)
@pytest.mark.parametrize("ledger_name", ["sample", "adversarial"])
def test_grouped_reports_keep_one_section_per_claim(group_by: GroupBy, ledger_name: str) -> None:
    ledger = {"sample": sample_ledger, "adversarial": adversarial_ledger}[ledger_name]()
    page = render(report(job(ledger, group_by=group_by)))
    assert len(page.rows) == len(ledger.claims)
    for claim in ledger.claims:
        assert page.ids.count(f"claim-{claim.id}") == 1
    assert_links_resolve(page)
    titles = {"tag": "tag", "source": "source", "status": "status", "type": "type"}
    assert (2, f"Claims by {titles[group_by]}") in page.headings
    claim_headings = [text for level, text in page.headings if level == 4]
    assert sorted(claim_headings) == sorted(shown(c.claim, breaks=False) for c in ledger.claims)


def test_grouping_by_tag_lists_a_claim_under_each_of_its_tags() -> None:
    sample = sample_ledger()
    page = render(report(job(sample, group_by="tag")))
    groups = [text for level, text in page.headings if level == 3]
    assert groups == sorted({t for c in sample.claims for t in c.tags})
    # trade-target-500m is tagged [trade, economy, diplomacy]: its section sits
    # under the first of those in the report (diplomacy), links elsewhere.
    links = page.in_page_targets()
    assert links.count("claim-trade-target-500m") == 1 + 2  # table + two "also under"


def test_grouping_by_verdict_follows_the_verdict_order() -> None:
    adversarial = adversarial_ledger()
    page = render(report(job(adversarial, group_by="status")))
    groups = [text for level, text in page.headings if level == 3]
    assert groups == [
        "unverified",
        "supported",
        "partly supported",
        "disputed",
        "refuted",
        "misleading",
        "unverifiable",
    ]


def test_an_empty_selection_says_so() -> None:
    sample = sample_ledger()
    markdown = report(ExportInput(ledger=sample, claims=[]))
    page = render(markdown)
    assert "No claims match." in page.text
    assert page.rows == []


def test_summary_helpers() -> None:
    def claim(cid: str, status: Status, on: str | None = None) -> Claim:
        return make_claim(cid, status=status, checked=Checked(on=on) if on else None)

    claims = [
        claim("a", "refuted", "2024-05-01"),
        claim("b", "supported", "2025-01-02"),
        claim("c", "supported", "not a date"),
        claim("d", "unverified"),
    ]
    assert status_counts(claims) == "4 claims: 1 unverified, 2 supported, 1 refuted"
    assert status_counts(claims[:1]) == "1 claim: 1 refuted"
    assert newest_check(claims) == "2025-01-02"
    assert newest_check(claims[2:]) is None
    assert shorten("short", 10) == "short"
    assert shorten("one two three four five", 12) == "one two…"


# --- properties ---------------------------------------------------------------

_slugs = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,12}\Z")


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    ids = draw(st.lists(_slugs, min_size=1, max_size=4, unique=True))
    source = Source(
        id="src",
        title=draw(texts),
        publisher=draw(st.none() | texts),
        url=draw(st.none() | st.sampled_from(["https://example.org/a", "javascript:alert(1)"])),
    )
    claims = tuple(
        Claim(
            id=cid,
            claim=draw(texts),
            type="statement",
            quote=draw(st.none() | texts),
            notes=draw(st.none() | texts),
            tags=tuple(draw(st.lists(texts, max_size=2))),
            attribution=Attribution(
                source="src", claimant=draw(st.none() | texts), locator=draw(st.none() | texts)
            ),
            confidence="medium",
            evidence=(Evidence(source="src", stance="context", note=draw(st.none() | texts)),),
        )
        for cid in ids
    )
    meta = Meta(title=draw(st.none() | texts), description=draw(st.none() | texts))
    return Ledger(claims=claims, sources=(source,), meta=meta)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ledger=ledgers(), group_by=st.sampled_from([None, *GROUP_BYS]))
def test_any_text_keeps_the_report_whole(ledger: Ledger, group_by: GroupBy | None) -> None:
    page = render(report(job(ledger, group_by=group_by)))
    assert page.tags <= ALLOWED_TAGS
    assert_only_safe_links(page)
    assert len(page.rows) == len(ledger.claims)
    assert all(len(row) == len(HEADER) for row in page.rows)
    assert [row[0] for row in page.rows] == [c.id for c in ledger.claims]
    assert_links_resolve(page)
    level = 3 if group_by is None else 4
    headings = [text for lvl, text in page.headings if lvl == level]
    assert sorted(h.strip() for h in headings) == sorted(
        shown(c.claim, breaks=False) for c in ledger.claims
    )


def test_grouping_never_drops_a_claim_whose_value_it_does_not_know() -> None:
    # Only objects built outside the loader can hold such values; they still appear.
    odd = make_claim("odd", source="elsewhere", type="rumour", status="bogus")
    plain = make_claim("plain")
    ledger = Ledger(claims=(plain, odd), sources=(Source(id="s", title="S"),))
    for group_by in GROUP_BYS:
        page = render(report(job(ledger, group_by=group_by)))
        assert {"claim-odd", "claim-plain"} <= set(page.ids), group_by
        assert_links_resolve(page)


def test_a_claim_in_several_groups_is_linked_under_its_group_name() -> None:
    markdown = report(job(sample_ledger(), group_by="tag"))
    seen_under = re.findall(r"^Also under (.*):$", markdown, flags=re.M)
    assert seen_under, "the sample has claims with several tags"
    tags = {tag for claim in sample_ledger().claims for tag in claim.tags}
    assert set(seen_under) <= tags


# --- a public report: header, method, what stays internal ---------------------


def _desk_ledger() -> Ledger:
    source = Source(id="s", title="Council minutes", url="https://council.example.org/m")
    checked = make_claim(
        "checked",
        status="refuted",
        confidence="high",
        evidence=(Evidence(source="s", stance="refutes"),),
        explanation="The minutes show a cost of $25 million.",
        notes="Ask the council press office for the full budget.",
        assignee="Dana",
        priority="high",
        checked=Checked(by="Dana", on="2025-04-03"),
    )
    open_claim = make_claim("open", confidence="very-high", notes="Check the archive.")
    return Ledger(claims=(checked, open_claim), sources=(source,), meta=Meta(title="Desk"))


def _items(markdown: str) -> list[str]:
    return [text for tag, text in render(markdown).blocks if tag == "li"]


def test_the_public_report_keeps_notes_assignee_and_priority_out() -> None:
    ledger = _desk_ledger()
    public = report(ExportInput(ledger=ledger, claims=ledger.claims))
    items = _items(public)
    assert "Explanation: The minutes show a cost of $25 million." in items
    assert "Confidence: high" in items
    for private in ("Ask the council", "Check the archive", "Dana\n", "Priority", "Assignee"):
        assert private not in public
    assert "Checked: by Dana on 2025-04-03" in items  # who checked is public record
    internal = _items(report(ExportInput(ledger=ledger, claims=ledger.claims, internal=True)))
    assert "Notes: Ask the council press office for the full budget." in internal
    assert "Priority: high" in internal and "Assignee: Dana" in internal
    assert "Notes: Check the archive." in internal


def test_an_unverified_claims_confidence_is_not_shown_as_a_verdict() -> None:
    ledger = _desk_ledger()
    page = render(report(ExportInput(ledger=ledger, claims=ledger.claims)))
    assert [row[3] for row in page.rows] == ["high", "not checked"]
    open_section = _items(report(ExportInput(ledger=ledger, claims=ledger.claims[1:])))
    assert not any(item.startswith("Confidence") for item in open_section)
    internal = render(report(ExportInput(ledger=ledger, claims=ledger.claims, internal=True)))
    assert [row[3] for row in internal.rows] == ["high", "very high"]


def test_the_header_gives_the_report_date_and_how_to_read_it() -> None:
    from datetime import date

    ledger = _desk_ledger()
    markdown = report(ExportInput(ledger=ledger, claims=ledger.claims, today=date(2025, 5, 1)))
    lines = markdown.splitlines()
    assert lines[:4] == ["# Desk", "", "Report date: 2025-05-01", ""]
    assert lines[4].startswith("**How to read this report:** the status is the verdict.")
    assert "IPCC scale" in lines[4] and "Admiralty scale" in lines[4]
    assert "Report date" not in report(ExportInput(ledger=ledger, claims=ledger.claims))
