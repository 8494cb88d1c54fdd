"""Render Markdown the way GitHub does (cmarkgfm) and read the HTML back for tests.

Text is read as a person sees it: the zero-width spaces that stop GitHub's
mentions and issue references are dropped (``Page.nodes`` keeps them, as the
text nodes GitHub looks for mentions in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

ZERO_WIDTH_SPACE = "\u200b"
#: GitHub's mentions (``@name``, ``@org/team``) and issue references (``#1``,
#: ``owner/repo#1``, ``GH-1``), matched in a text node as GitHub does, or more.
MENTION = re.compile(r"@\w")
ISSUE_REFERENCE = re.compile(r"#[0-9]|(?<![A-Za-z0-9])GH-[0-9]", re.IGNORECASE)


def to_html(markdown: str, *, unsafe: bool = True) -> str:
    """GFM to HTML. ``unsafe`` keeps raw HTML, so escaping is the only defence left.

    Without it cmark drops every raw HTML tag (our anchors and ``<br>`` too), as a
    stricter sanitiser than GitHub's would.
    """
    options = Options.CMARK_OPT_UNSAFE if unsafe else Options.CMARK_OPT_DEFAULT
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=options))


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


@dataclass
class Page:
    """What a rendered report holds: elements, anchors, links, table rows and text."""

    elements: list[Element] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    #: Each text node as the HTML holds it, zero-width spaces kept.
    nodes: list[str] = field(default_factory=list)

    @property
    def tags(self) -> set[str]:
        return {e.tag for e in self.elements}

    def in_page_targets(self) -> list[str]:
        return [h[1:] for h in self.hrefs if h.startswith("#")]


class _Reader(HTMLParser):
    _BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # block tag, its text so far
        self._in_head = False
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, dict(attrs)))
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.page.ids.append(str(values[name]))
        if tag == "a" and values.get("href") is not None:
            self.page.hrefs.append(str(values["href"]))
        if tag == "br":
            self._data("\n")
            return
        if tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_head = False
        elif tag == "tr":
            self._row = []
        if tag in self._BLOCKS:
            self._open.append((tag, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            if self._in_head:
                self.page.header = self._row
            else:
                self.page.rows.append(self._row)
            self._row = None
        if tag in self._BLOCKS and self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            content = "".join(parts)
            if tag in ("td", "th") and self._row is not None:
                self._row.append(content)
            if tag.startswith("h") and tag[1:].isdigit():
                self.page.headings.append((int(tag[1:]), content))
            self.page.blocks.append((tag, content))

    def handle_data(self, data: str) -> None:
        self.page.nodes.append(data)
        self._data(data.replace(ZERO_WIDTH_SPACE, ""))

    def _data(self, data: str) -> None:
        self._text.append(data)
        for _, parts in self._open:
            parts.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._text)


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def render(markdown: str, *, unsafe: bool = True) -> Page:
    return read(to_html(markdown, unsafe=unsafe))


def shown(value: str, *, breaks: bool = True) -> str:
    """What a reader should see for ``value``: lines trimmed, joined by line breaks."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", value.strip())]
    if not breaks:
        return " ".join(line for line in lines if line).replace(ZERO_WIDTH_SPACE, "")
    return "\n".join(lines).replace(ZERO_WIDTH_SPACE, "")
