"""Markdown building blocks: any text renders as itself, links only for http(s)."""

from __future__ import annotations

import re

import pytest
from conftest import make_claim
from hypothesis import example, given
from markdown_html import ISSUE_REFERENCE, MENTION, render, shown
from strategies import texts

from claims_cli.render import gfm

CONTEXTS = {
    "paragraph": ("{}", "p"),
    "list item": ("- **Label:** {}", "li"),
    "heading": ("### {}", "h3"),
    "blockquote": ("> {}", "blockquote"),
    "table cell": ("| a | b |\n| --- | --- |\n| x | {} |", "td"),
    "link label": ("[{}](#somewhere)", "p"),
}


def _block_text(markdown: str, tag: str) -> str:
    page = render(markdown)
    found = [content for block, content in page.blocks if block == tag]
    return found[-1] if found else ""


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@given(value=texts)
@example(value="- not a list")
@example(value="1. not a list")
@example(value="1) not a list")
@example(value="> not a quote")
@example(value="# not a heading #")
@example(value="=== not a heading")
@example(value="    not code")
@example(value="a | b \\| c \\")
@example(value="```\nnot a fence\n```")
@example(value="<img src=x onerror=alert(1)>")
@example(value="see www.example.org or https://example.org/_x_ or me@example.org")
@example(value="mailto:me@example.org xmpp:me@example.org FTP://example.org")
def test_text_renders_as_itself_in_every_context(context: str, value: str) -> None:
    template, tag = CONTEXTS[context]
    breaks = context != "heading"
    markdown = template.format(gfm.text(value, breaks=breaks))
    got = _block_text(markdown, tag)
    if context == "blockquote":
        got = got.strip("\n")
    if context == "list item":
        got = got.removeprefix("Label:")
    expected = shown(value.replace("\x00", "\ufffd"), breaks=breaks)
    if context == "table cell" and not expected:
        expected = ""
    assert got.strip() == expected.strip()


@given(value=texts)
def test_text_never_makes_markup(value: str) -> None:
    page = render(gfm.text(value))
    assert page.tags <= {"p", "br"}
    assert page.hrefs == []


def test_text_mentions_no_one_and_references_no_issue() -> None:
    value = "@everyone, ask @octocat or @org/team (me@example.org): #12, a/b#3, GH-4, C# 5 @ 9"
    markdown = gfm.text(value)
    assert markdown == (
        "@&#8203;everyone, ask @&#8203;octocat or @&#8203;org/team "
        "(me<!-- -->@&#8203;example.org): \\#&#8203;12, a/b\\#&#8203;3, GH-&#8203;4, C\\# 5 @ 9"
    )
    page = render(markdown)
    assert page.text.strip() == value
    assert [n for n in page.nodes if MENTION.search(n) or ISSUE_REFERENCE.search(n)] == []


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@given(value=texts)
@example(value="@user\n@team/x #1\nGH-2 a@b_@c")
def test_no_mention_or_issue_reference_survives(context: str, value: str) -> None:
    template, _ = CONTEXTS[context]
    page = render(template.format(gfm.text(value, breaks=context != "heading")))
    assert [n for n in page.nodes if MENTION.search(n) or ISSUE_REFERENCE.search(n)] == []


@given(value=texts)
def test_text_in_a_table_cell_keeps_the_row_whole(value: str) -> None:
    rows = [["x", gfm.text(value), "y"]]
    page = render("\n".join(gfm.table(["a", "b", "c"], rows)))
    assert len(page.rows) == 1
    assert len(page.rows[0]) == 3
    assert page.rows[0][0] == "x"
    assert page.rows[0][2] == "y"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//example.org/protocol-relative",
        "/relative/path",
        "https://",
        "https:///no-host",
        "https://exa mple.org/",
        "http://example.org/\nsecond",
        "",
    ],
)
def test_no_link_for_anything_but_an_http_url(url: str) -> None:
    assert gfm.link("label", url) == "label"
    assert not gfm.is_http_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "HTTP://EXAMPLE.ORG/A",
        'https://example.org/a)b"c<d>|e]f`g\\h',
        "https://example.org/?q=a&copy;b",
        "https://example.ir/خبر?id=۱",
        "https://example.org/a_(b)_c*d*",
    ],
)
def test_an_http_url_becomes_one_link_to_itself(url: str) -> None:
    page = render("| a |\n| --- |\n| " + gfm.link("go", url) + " |")
    assert len(page.rows) == 1 and len(page.rows[0]) == 1
    assert page.rows[0][0] == "go"
    assert len(page.hrefs) == 1
    href = page.hrefs[0]
    assert href.lower().startswith(("http://", "https://"))
    # The same address, percent-encoded where a character could have ended it.
    from urllib.parse import unquote

    assert unquote(href) == unquote(url)


def test_the_url_of_a_source_built_without_the_schema_is_still_checked() -> None:
    # The schema refuses such URLs, but the report must not depend on it.
    from claims_cli.model import Ledger, Source
    from claims_cli.render.exports import ExportInput
    from claims_cli.render.markdown import report

    source = Source(
        id="s",
        title="Evil",
        url="javascript:alert(document.cookie)",
        archive_url="data:text/html,<script>alert(1)</script>",
    )
    claim = make_claim("c")
    markdown = report(
        ExportInput(ledger=Ledger(claims=(claim,), sources=(source,)), claims=[claim])
    )
    page = render(markdown)
    assert all(h.startswith("#") for h in page.hrefs)
    assert "javascript:alert(document.cookie)" not in markdown


@pytest.mark.parametrize("record_id", ['x" onmouseover="alert(1)', "Trade 121M", "<b>", "a#b"])
def test_an_id_that_is_not_a_slug_cannot_reach_an_attribute(record_id: str) -> None:
    anchor = gfm.anchor_id("claim", record_id)
    assert re.fullmatch(r"claim-[a-z0-9._-]+", anchor)
    assert gfm.anchor_id("claim", record_id) == anchor  # stable
    assert gfm.anchor_id("claim", "trade-121m") == "claim-trade-121m"


def test_anchor_and_in_page_link_meet() -> None:
    markdown = f"### {gfm.anchor('claim-x')}Title\n\n{gfm.in_page('go', 'claim-x')}\n"
    page = render(markdown)
    assert page.in_page_targets() == ["claim-x"]
    assert "claim-x" in page.ids
