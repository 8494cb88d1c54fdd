"""Which HTML-to-text extractor keeps the article and drops the page around it.

``python -m bench.extractors`` reads the news-like pages of
``tests/fixtures/articles/`` and the README's example page,
``docs/examples/harbour-bridge.html`` (each ``NAME.html`` with the article's
own paragraphs in ``NAME.txt``), and scores each extractor on them:

* **kept**: the share of the article's paragraphs found whole in the output
  (after the quote normalisation), so a quote from the article is found;
* **noise**: the share of the output's words that are not the article's
  (navigation, adverts, cookie notices, related links, comments).

The candidates are trafilatura, inscriptis and the standard library's
``html.parser`` (every text node outside ``script`` and ``style``, a line
per block element). docs/extractors.md holds the table this prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from claims_cli.text.normalize import normalize

_ROOT = Path(__file__).resolve().parent.parent
PAGES = _ROOT / "tests" / "fixtures" / "articles"
#: The README's example page, a local paper's story: one of the pages compared.
EXAMPLE = _ROOT / "docs" / "examples" / "harbour-bridge.html"
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "section", "article", "footer"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def standard_library(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def inscriptis_text(html: str) -> str:
    import inscriptis

    return str(inscriptis.get_text(html))


def trafilatura_text(html: str) -> str:
    from claims_cli.text.article import html_text

    return html_text(html.encode("utf-8"))


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_text,
    "inscriptis": inscriptis_text,
    "html.parser": standard_library,
}


def score(output: str, article: str) -> tuple[float, float]:
    """(kept, noise) of ``output`` against the article's paragraphs."""
    text = normalize(output).text
    paragraphs = [normalize(p).text for p in article.split("\n\n") if p.strip()]
    kept = sum(1 for p in paragraphs if p in text) / len(paragraphs)
    words = re.findall(r"\w+", text)
    known = set(re.findall(r"\w+", normalize(article).text))
    noise = sum(1 for w in words if w not in known) / max(1, len(words))
    return kept, noise


def main() -> None:
    pages = sorted([*PAGES.glob("*.html"), EXAMPLE], key=lambda page: page.stem)
    print("| page | extractor | kept | noise |")
    print("| --- | --- | ---: | ---: |")
    totals: dict[str, list[float]] = {name: [0.0, 0.0] for name in EXTRACTORS}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = page.with_suffix(".txt").read_text(encoding="utf-8")
        for name, extract in EXTRACTORS.items():
            kept, noise = score(extract(html), article)
            totals[name][0] += kept
            totals[name][1] += noise
            print(f"| {page.stem} | {name} | {kept:.0%} | {noise:.0%} |")
    for name, (kept, noise) in totals.items():
        share = f"{kept / len(pages):.0%} | {noise / len(pages):.0%}"
        print(f"| **all {len(pages)}** | {name} | {share} |")


if __name__ == "__main__":
    main()
