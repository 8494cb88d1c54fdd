"""The shared text analysis: normalisation, paragraphs and sentences, check-worthy elements."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims_cli.text.article import ArticleError, looks_like_html, read_article, tidy
from claims_cli.text.checkworthy import elements, score
from claims_cli.text.normalize import normalize, quote_key
from claims_cli.text.sentences import Layout, blocks, paragraphs, sentences

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


@pytest.mark.parametrize(
    ("quote", "snapshot"),
    [
        ("Iran’s “look east” policy", 'Iran\'s "look east" policy'),
        ("costing around\n$40 million", "costing  around $40 million"),
        ("non—Western", "non-Western"),
        ("ﬁne Ｆull", "fine full"),
        ("CAFÉ", "cafe\u0301"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
)
def test_normalisation_makes_these_equal(quote: str, snapshot: str) -> None:
    assert normalize(quote).text == normalize(snapshot).text


def test_quote_key_drops_marks_that_enclose_the_whole_quote() -> None:
    assert quote_key("“the largest public works project”") == "the largest public works project"
    assert quote_key('"Iran’s plant" is "new"') == '"iran\'s plant" is "new"'


def test_original_span_maps_back_through_collapsed_space_and_expansions() -> None:
    text = "Say  “ﬁne\n\nwords” now"
    norm = normalize(text)
    at = norm.text.index("fine words")
    start, end = norm.original_span(at, at + len("fine words"))
    assert text[start:end] == "ﬁne\n\nwords"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_every_normalised_character_maps_into_the_original(text: str) -> None:
    norm = normalize(text)
    for index in range(len(norm.text)):
        start, end = norm.original_span(index, index + 1)
        assert 0 <= start < end <= len(text)
    assert normalize(norm.text).text == norm.text


def test_paragraphs_are_blank_line_blocks_and_headings_are_not_counted() -> None:
    text = "Title of the piece\n\nFirst one.\nStill first.\n\n\n## A heading\n\nSecond: yes.\n"
    found = [(b.number, text[b.start : b.end], b.line) for b in blocks(text)]
    assert found == [
        (None, "Title of the piece", 1),
        (1, "First one.\nStill first.", 3),
        (None, "## A heading", 7),
        (2, "Second: yes.", 9),
    ]
    assert len(paragraphs(text)) == 2


def test_layout_gives_paragraph_line_and_page() -> None:
    text = "One.\n\nTwo.\n\fThree.\n"
    layout = Layout(text)
    at = text.index("Three")
    assert (layout.paragraph_at(at), layout.line_at(at), layout.page_at(at)) == (2, 4, 2)
    assert Layout("No pages.").page_at(0) is None


def test_sentences_split_at_ends_but_not_at_abbreviations() -> None:
    text = "Mr. Ruiz said “yes.” The U.S. agreed. A. Checker wrote it!\n\nNext one"
    assert [s.text for s in sentences(text)] == [
        "Mr. Ruiz said “yes.”",
        "The U.S. agreed.",
        "A. Checker wrote it!",
        "Next one",
    ]
    assert [s.block.number for s in sentences(text)] == [1, 1, 1, None]


def test_check_worthy_elements_with_kinds_and_spans() -> None:
    sentence = "Leaders vowed to raise trade to $500 million months ago, the first such pledge."
    found = [(e.kind, e.text) for e in elements(sentence)]
    assert found == [
        ("pledge", "vowed to"),
        ("attribution", "vowed"),
        ("figure", "$500 million"),
        ("date", "months ago"),
        ("superlative", "first"),
    ]
    for item in elements(sentence):
        assert sentence[item.start : item.end] == item.text
    assert score(elements(sentence)) == 4 + 2 + 3 + 2 + 2
    assert elements("The Ababil-2 drone flew.") == []
    assert [(e.kind, e.text) for e in elements("Exports rose, with much left to ship.")] == [
        ("change", "rose"),
        ("quantity", "much"),
    ]
    assert [e.kind for e in elements("It has a 125-mile range.")] == ["figure"]


def test_plain_text_is_tidied_into_blank_line_paragraphs() -> None:
    assert tidy("one\r\ntwo\n") == "one\n\ntwo\n"
    assert tidy("one\nstill one\n\n\n\ntwo  \n\n") == "one\nstill one\n\ntwo\n"
    article = read_article(b"\xef\xbb\xbfJust text.\n", name="a.txt")
    assert (article.kind, article.text) == ("text", "Just text.\n")


def test_not_text_is_refused() -> None:
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article(b"caf\xe9", name="a.txt")
    with pytest.raises(ArticleError, match="no readable text"):
        read_article(b"  \n\n", name="a.txt")


def test_html_is_recognised_by_name_or_content() -> None:
    assert looks_like_html(b"anything", "page.HTM")
    assert looks_like_html(b"  <!-- saved -->\n<!DOCTYPE html><html>", "page")
    assert not looks_like_html(b"Plain words about <b>", "notes.txt")


def test_html_page_keeps_the_article_and_drops_the_page_around_it() -> None:
    page = (EXAMPLES / "harbour-bridge.html").read_bytes()
    article = read_article(page, name="harbour-bridge.html")
    assert article.kind == "html"
    assert article.text == (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
    for boilerplate in ("cookies", "Advertisement", "Ferry fares", "Most read", "Sign up"):
        assert boilerplate not in article.text


ARTICLES = Path(__file__).parent / "fixtures" / "articles"


# The third page compared, the README's harbour-bridge example, is checked above.
@pytest.mark.parametrize("name", ["wire", "ministry"])
def test_every_paragraph_of_each_news_page_is_kept_and_the_furniture_dropped(name: str) -> None:
    article = read_article((ARTICLES / f"{name}.html").read_bytes(), name=f"{name}.html")
    kept = normalize(article.text).text
    expected = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    for paragraph in expected.split("\n\n"):
        assert normalize(paragraph).text in kept
    for furniture in ("cookies", "Subscribe", "Most popular", "More stories", "Comments"):
        assert furniture not in article.text
