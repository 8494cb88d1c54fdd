"""``claims export --format html``: the page's bytes, read without a browser.

What a browser makes of the page is tested in ``test_html_browser.py``; here,
the page as text: chosen by name and extension, the same bytes every time,
the report date, the CSP hashes, links, escaping, and the embedded JSON-LD.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, TODAY_DATE, Cli, load
from export_support import ADVERSARIAL, job
from html_support import Elements, hostile_ledger, twin_ledger, write_ledger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import texts

from claims_cli.model import (
    Attribution,
    Checked,
    Claim,
    Evidence,
    Ledger,
    Meta,
    Publisher,
    Source,
    Value,
)
from claims_cli.render import html
from claims_cli.render.claim_view import claim_view
from claims_cli.render.exports import ExportInput
from claims_cli.render.registry import EXPORT_FORMATS


def page_of(cli: Cli, path: Path, *args: str) -> str:
    run = cli("export", "-F", "html", "-f", path, *args)
    assert run.exit_code == 0, run.output
    return run.stdout


def ld_json(page: str) -> str | None:
    found = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    return found.group(1) if found else None


def test_html_is_an_export_format_chosen_by_its_extension() -> None:
    assert EXPORT_FORMATS["html"].load() is html.render
    assert EXPORT_FORMATS.for_path("site/report.html") == "html"
    assert EXPORT_FORMATS.for_path("REPORT.HTM") == "html"


def test_the_page_is_the_same_bytes_every_time_and_in_the_output_file(
    cli: Cli, tmp_path: Path
) -> None:
    first = page_of(cli, SAMPLE)
    assert page_of(cli, SAMPLE) == first
    run = cli("export", "-f", SAMPLE, "-o", tmp_path / "report.html")
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == first
    assert first.startswith('<!DOCTYPE html>\n<html lang="en">\n') and first.endswith("</html>\n")


def test_the_header_has_the_title_publisher_and_the_report_date_of_claims_today(
    cli: Cli,
) -> None:
    page = page_of(cli, SAMPLE)
    assert "<title>Iran–Tajikistan ties: sample claims ledger</title>" in page
    assert '<h1 dir="auto">Iran–Tajikistan ties: sample claims ledger</h1>' in page
    assert "<span>Published by claims sample ledger</span>" in page
    assert f'<span>Report of <time datetime="{TODAY}">{TODAY}</time></span>' in page
    assert "<strong>45 claims: 45 unverified.</strong> Not checked yet." in page
    assert '<p class="method"><strong>How to read this report:</strong> the status is' in page
    other_day = cli("export", "-F", "html", "-f", SAMPLE, env={"CLAIMS_TODAY": "2027-01-05"})
    assert '<time datetime="2027-01-05">2027-01-05</time>' in other_day.stdout


def test_report_header_leaves_out_what_the_ledger_does_not_say() -> None:
    header = html.report_header(None, None)
    assert header == html.ReportHeader(
        title="Claims report",
        description=None,
        publisher=None,
        publisher_url=None,
        licence=None,
        report_date=None,
    )


def test_the_policy_allows_exactly_the_inline_style_and_script_by_hash(cli: Cli) -> None:
    page = page_of(cli, ADVERSARIAL)
    parsed = Elements(page)
    (policy,) = [
        attrs["content"]
        for tag, attrs in parsed.attributes
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    (style,) = parsed.texts["style"]
    scripts = [attrs for tag, attrs in parsed.attributes if tag == "script" and "type" not in attrs]
    assert len(scripts) == 1
    script = page.split("<script>")[1].split("</script>")[0]

    def digest(text: str) -> str:
        value = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        return f"'sha256-{value}'"

    assert policy == (
        f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert script == html.asset("report.js") and style == html.asset("report.css")
    # The policy comes first in the head, before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<title>")


def test_links_lead_within_the_page_or_to_http_urls_that_get_no_referrer(cli: Cli) -> None:
    page = page_of(cli, ADVERSARIAL)
    links = [attrs for tag, attrs in Elements(page).attributes if tag == "a"]
    outside = [a for a in links if not (a["href"] or "").startswith("#")]
    assert outside and all(re.match(r"https?://", a["href"] or "") for a in outside)
    assert all(a.get("rel") == "noopener noreferrer" for a in outside)
    # The source whose URL tries to leave its attribute is one link, its URL intact.
    hostile_url = 'https://example.com/e"onmouseover="alert(1)'
    assert {"href": hostile_url, "rel": "noopener noreferrer"} in outside
    assert not any("javascript" in (a["href"] or "") for a in links)


def test_every_field_is_escaped_for_where_it_lands(cli: Cli) -> None:
    page = page_of(cli, ADVERSARIAL)
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;"
        " &amp; &amp;amp; &lt;!-- c --&gt;" in page
    )
    assert "Leaked memo\nsecond line | &lt;img src=x onerror=alert(1)&gt;" in page


def test_a_hostile_ledger_gives_the_elements_of_its_harmless_twin(cli: Cli, tmp_path: Path) -> None:
    hostile = page_of(cli, write_ledger(tmp_path, "hostile.yaml", hostile_ledger()))
    twin = page_of(cli, write_ledger(tmp_path, "twin.yaml", twin_ledger()))
    assert Elements(hostile).elements == Elements(twin).elements
    assert hostile.count("<script") == 2  # the JSON-LD and the page's own script


def test_the_json_ld_is_the_claimreview_export_and_cannot_end_its_script(
    cli: Cli, tmp_path: Path
) -> None:
    path = write_ledger(tmp_path, "hostile.yaml", hostile_ledger())
    embedded = ld_json(page_of(cli, path))
    assert embedded is not None
    reviews = cli("export", "-F", "claimreview", "-f", path)
    assert json.loads(embedded) == json.loads(reviews.stdout)
    assert json.loads(embedded)  # the reviews themselves are claimreview's to choose
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in embedded
    assert "\\u003c/script\\u003e" in embedded and "\\u2028" in embedded


def test_a_page_with_no_review_embeds_no_json_ld(cli: Cli) -> None:
    run = cli("export", "-F", "html", "-f", SAMPLE)
    assert ld_json(run.stdout) is None and "ld+json" not in run.stdout
    # The sample has no verdicts: nothing is missing from the page, so nothing is said.
    assert run.stderr == ""


def test_claims_with_a_verdict_but_no_review_are_named(cli: Cli) -> None:
    run = cli("export", "-F", "html", "-f", ADVERSARIAL)
    assert run.stderr.splitlines() == [
        "claims: warning: claim 'long-claim' has no ClaimReview: missing checked.on "
        "(the date of the check), a publisher on source 'src-nourl' (the claimant is unnamed: "
        "the review names who carried the claim)",
        "claims: warning: claim 'superseding-claim' has no ClaimReview: missing checked.on "
        "(the date of the check)",
    ]


def test_script_safe_json_escapes_what_could_end_a_script_and_nothing_else() -> None:
    text = '{"a": "</script><!-- & \u2028\u2029 é"}'
    safe = html.script_safe_json(text)
    assert safe == '{"a": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 é"}'
    assert json.loads(safe) == json.loads(text)
    assert html.script_safe_json(safe) == safe


def test_the_filters_of_list_choose_the_rows(cli: Cli) -> None:
    page = page_of(cli, SAMPLE, "--tag", "trade")
    rows = re.findall(r'<td data-label="Id"><a class="id" href="#claim-([^"]+)">', page)
    ids = cli("list", "-f", SAMPLE, "--tag", "trade", "--format", "ids").stdout.split()
    assert rows == ids == ["trade-121m", "trade-target-500m", "persian-gulf-access"]
    assert page.count('<article id="claim-') == 3


def test_no_matching_claim_gives_a_page_that_says_so(cli: Cli) -> None:
    page = page_of(cli, SAMPLE, "--search", "no-such-words")
    assert "<p>No claims match.</p>" in page and "<table" not in page
    assert '<p class="summary">' not in page


def test_a_claim_section_shows_the_claim_view_fields_in_its_order() -> None:
    ledger = load(ADVERSARIAL)
    page = html.render(job(ledger)).text
    for claim in ledger.claims:
        section = page.split(f'<article id="claim-{claim.id}" class="claim">')[1]
        section = section.split("</article>")[0]
        labels = re.findall(r"<dt>([^<]+)</dt>", section)
        index = ExportInput(ledger=ledger, claims=ledger.claims).index
        view = claim_view(claim, index, public=True)
        expected = [f.label for f in view.fields if f.label not in ("claim", "quote")]
        assert labels == ["Id", "Type", *(label.capitalize() for label in expected)]
        assert "Notes" not in labels


def test_the_page_is_public_unless_internal_like_the_markdown_report(cli: Cli) -> None:
    ledger = load(ADVERSARIAL)
    noted = [c.id for c in ledger.claims if c.notes]
    assert noted
    public = html.render(job(ledger)).text
    internal = html.render(
        ExportInput(ledger=ledger, claims=ledger.claims, today=TODAY_DATE, internal=True)
    ).text
    assert "<dt>Notes</dt>" not in public and "<dt>Notes</dt>" in internal
    sample = page_of(cli, SAMPLE)
    assert '<td data-label="Confidence">not checked</td>' in sample
    assert '<td data-label="Confidence">medium</td>' not in sample
    assert '<option value="not-checked">not checked</option>' in sample
    inside = cli("export", "-F", "html", "--internal", "-f", SAMPLE).stdout
    assert '<td data-label="Confidence">medium</td>' in inside
    refused = cli("export", "-F", "csv", "--internal", "-f", SAMPLE)
    assert (refused.exit_code, refused.stderr) == (
        2,
        "claims: --internal applies to the markdown and html formats only, not csv\n",
    )


def test_the_page_is_in_the_ledgers_language(cli: Cli, tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8").replace("meta:\n", "meta:\n  language: fa\n", 1)
    path = write_ledger(tmp_path, "fa.yaml", text)
    assert '<html lang="fa">' in page_of(cli, path)
    assert '<html lang="en">' in page_of(cli, SAMPLE)


@pytest.mark.parametrize("name", ["report.html.j2", "report.css", "report.js"])
def test_the_page_files_are_shipped_with_the_package(name: str) -> None:
    assert html.asset(name).strip()


def test_only_the_html_export_imports_jinja2() -> None:
    code = (
        "import sys; import claims_cli.cli; "
        "from claims_cli.render import markdown, claimreview, exports, registry; "
        "assert 'jinja2' not in sys.modules; "
        "from claims_cli.render import html; assert 'jinja2' not in sys.modules; "
        "html._template(); assert 'jinja2' in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")


def _any_ledger(text: Callable[[int], str], tag: str) -> Ledger:
    """A ledger with ``text(n)`` in every text field a page shows, and its review embedded."""
    source = Source(
        id="src",
        title=text(0),
        publisher=text(1),
        author=text(2),
        url="https://example.org/a",
        published="2024",
    )
    claim = Claim(
        id="c1",
        claim=text(3),
        type="statistic",
        quote=text(4),
        value=Value(amount=3, unit=text(5), period=text(6)),
        tags=(tag, "plain"),
        entities=(text(7),),
        attribution=Attribution(source="src", claimant=text(8), locator=text(9)),
        confidence="low",
        status="refuted",
        evidence=(Evidence(source="src", stance="refutes", note=text(10)),),
        notes=text(11),
        checked=Checked(by=text(12), on="2025-01-02"),
    )
    meta = Meta(
        title=text(13),
        description=text(14),
        publisher=Publisher(name=text(15), url="https://example.org/"),
        license=text(16),
        report_url="https://example.org/report",
    )
    later = Claim(
        id="c2",
        claim=text(17),
        type="event",
        attribution=Attribution(source="src"),
        confidence="high",
        supersedes="c1",
    )
    return Ledger(claims=(claim, later), sources=(source,), meta=meta)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(texts.filter(str.strip), min_size=18, max_size=18),
    tag=st.text(st.characters(exclude_categories=("Cs", "Cc", "Z")), min_size=1, max_size=12),
)
def test_no_text_in_any_field_adds_an_element_or_an_attribute(values: list[str], tag: str) -> None:
    def page(ledger: Ledger) -> str:
        return html.render(ExportInput(ledger=ledger, claims=ledger.claims, today=TODAY_DATE)).text

    written = page(_any_ledger(lambda n: values[n], tag))
    plain = page(_any_ledger(lambda n: f"text {n}", "tag"))
    assert Elements(written).elements == Elements(plain).elements
    assert written.count("<script") == plain.count("<script") == 2
