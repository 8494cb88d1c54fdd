"""A saved article as readable text: what ``claims source archive`` stores and hashes.

Plain text is kept as written, with line ends made ``\\n`` and paragraphs
separated by one blank line. HTML is reduced to the article's own text by
trafilatura, which leaves out navigation, adverts, cookie notices and lists
of related links (``docs/extractors.md`` compares it with inscriptis and the
standard library's parser on pages built like real news pages). trafilatura
is imported only here, and only when HTML is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ArticleKind = Literal["html", "text"]

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class ArticleError(ValueError):
    """The file cannot be read as an article (not UTF-8 text, or no text in it)."""


@dataclass(frozen=True, slots=True)
class Article:
    """The readable text of a saved page, and whether it came from HTML."""

    text: str
    kind: ArticleKind


def looks_like_html(data: bytes, name: str = "") -> bool:
    """Whether ``data`` (from a file called ``name``) is an HTML page."""
    if name.lower().endswith(_HTML_SUFFIXES):
        return True
    return bool(_HTML_START.match(data[:4096]))


def tidy(text: str) -> str:
    """Text as a snapshot keeps it: ``\\n`` line ends, paragraphs apart by one blank line.

    A text with no blank line at all is taken to hold one paragraph per line
    (as text copied from a page often does), so each line becomes a paragraph.
    Trailing white space on each line is dropped; the text ends with one ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if "" not in lines:
        return "".join(f"{line}\n\n" for line in lines).removesuffix("\n")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return body + "\n"


def html_text(data: bytes) -> str:
    """The article text of an HTML page (trafilatura), one paragraph a line."""
    import trafilatura

    text = trafilatura.extract(
        data,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    return text or ""


def read_article(data: bytes, *, name: str = "", html: bool | None = None) -> Article:
    """The readable text of ``data``: HTML (by ``html``, else by name and content) or plain text.

    Raises :class:`ArticleError` when plain text is not UTF-8 or nothing readable is left.
    """
    is_html = looks_like_html(data, name) if html is None else html
    if is_html:
        raw = html_text(data)
        text = tidy("\n\n".join(raw.split("\n")))
        kind: ArticleKind = "html"
    else:
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not UTF-8 text (byte {exc.start})") from None
        if "\x00" in raw:
            raise ArticleError("holds a NUL byte: not a text file")
        text = tidy(raw)
        kind = "text"
    if not text.strip():
        raise ArticleError("no readable text in it")
    return Article(text, kind)
