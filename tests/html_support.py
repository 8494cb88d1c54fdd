"""What the HTML export's tests share: a hostile ledger, its harmless twin, and a page parser.

:func:`hostile_ledger` puts script tags, event handlers, ``javascript:``
links, ``</script>``, ``<!--`` and line separators in every text field a
page shows and in every URL the format accepts, on claims with every
verdict, so that its ClaimReview is embedded too. :func:`twin_ledger` is the
same ledger with each of those strings replaced by plain words: a page that
escapes everything has the same elements for both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

#: Text that would run script, add an element or leave its context if it were not escaped.
PAYLOADS = (
    '</script><script>window.pwned = "script"</script>',
    "<img src=x onerror=\"window.pwned = 'img'\">",
    "<svg onload=\"window.pwned = 'svg'\"></svg>",
    '"><script>window.pwned = "attribute"</script>',
    "' onmouseover='window.pwned = 1' x='",
    'javascript:window.pwned = "link"',
    '<a href="javascript:window.pwned = 1">click</a>',
    '<!--<script>window.pwned = "comment"</script>-->',
    '<iframe srcdoc="<script>parent.pwned = 1</script>"></iframe>',
    "<style>body { display: none }</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "</SCRIPT\u2028\u2029><!--",
    "{{ 7 * 7 }} {% raw %} ${7 * 7}",
    '<form action="https://evil.example/"><button>send</button></form>',
)
#: Tags hold no white space: script and handlers in one word each.
TAG_PAYLOADS = (
    "</script><script>window.pwned=1</script>",
    '"><img/src=x/onerror=window.pwned=1>',
)
#: URLs the format accepts (http(s), no white space) that try to leave the attribute.
URL_PAYLOADS = (
    'https://example.org/"><script>window.pwned=1</script>',
    "https://example.org/'onmouseover='window.pwned=1'",
    "https://example.org/</script><!--&amp;",
)


def _quoted(text: str) -> str:
    # JSON strings are YAML double-quoted scalars: any text, written safely.
    return json.dumps(text)


def _ledger(
    text: Callable[[int], str], tag: Callable[[int], str], url: Callable[[int], str]
) -> str:
    """The hostile ledger's YAML, with ``text(n)``, ``tag(n)`` and ``url(n)`` filled in."""
    verdicts = (
        "supported",
        "partly-supported",
        "disputed",
        "refuted",
        "misleading",
        "unverifiable",
        "unverified",
    )
    q = _quoted
    lines = [
        "version: 1",
        "meta:",
        f"  title: {q(text(0))}",
        f"  description: {q(text(1) + chr(10) + text(2))}",
        "  publisher:",
        f"    name: {q(text(3))}",
        f"    url: {q(url(0))}",
        f"  license: {q(text(4))}",
        f"  report_url: {q(url(0))}",
        "sources:",
        "  - id: src-a",
        f"    title: {q(text(5))}",
        f"    publisher: {q(text(6))}",
        f"    author: {q(text(7))}",
        f"    url: {q(url(1))}",
        f"    archive_url: {q(url(2))}",
        '    published: "2024-05"',
        '    accessed: "2024-06-01"',
        "    kind: news",
        "    reliability: B",
        "  - id: src-b",
        f"    title: {q(text(8))}",
        f"    url: {q(url(0))}",
        "    kind: dataset",
        "claims:",
    ]
    for n, verdict in enumerate(verdicts):
        k = 9 + n
        lines += [
            f"  - id: claim-{n}",
            f"    claim: {q(text(k % len(PAYLOADS)) + ' ' + str(n))}",
            "    type: statistic",
            f"    quote: {q(text((k + 1) % len(PAYLOADS)) + ' 12.5')}",
            "    value:",
            "      amount: 12.5",
            f"      unit: {q(text((k + 2) % len(PAYLOADS)))}",
            f"      period: {q(text((k + 3) % len(PAYLOADS)))}",
            f"    tags: [{q(tag(n % len(TAG_PAYLOADS)))}, plain]",
            f"    entities: [{q(text((k + 5) % len(PAYLOADS)))}]",
            "    attribution:",
            "      source: src-a",
            f"      claimant: {q(text((k + 6) % len(PAYLOADS)))}",
            "      claimant_type: organization",
            f"      locator: {q(text((k + 7) % len(PAYLOADS)))}",
            "    confidence: medium",
            f"    status: {verdict}",
        ]
        if verdict not in ("unverified", "unverifiable"):
            lines += [
                "    evidence:",
                "      - source: src-b",
                "        stance: supports",
                f"        note: {q(text((k + 8) % len(PAYLOADS)))}",
            ]
        if n:
            lines.append("    supersedes: claim-0" if n == 1 else f"    notes: {q(text(n))}")
        lines += [
            "    checked:",
            f"      by: {q(text((k + 9) % len(PAYLOADS)))}",
            '      on: "2025-01-02"',
        ]
    return "\n".join(lines) + "\n"


def hostile_ledger() -> str:
    """The ledger whose every shown field tries to run script or add an element."""
    return _ledger(
        lambda n: PAYLOADS[n % len(PAYLOADS)],
        lambda n: TAG_PAYLOADS[n],
        lambda n: URL_PAYLOADS[n],
    )


def twin_ledger() -> str:
    """:func:`hostile_ledger` with plain words in place of every payload."""
    return _ledger(
        lambda n: f"plain text {n % len(PAYLOADS)}",
        lambda n: f"plain-tag-{n}",
        lambda n: f"https://example.org/plain/{n}",
    )


def write_ledger(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)


class Elements(HTMLParser):
    """The elements of a page in document order, as (tag, attribute names), and their texts."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(name for name, _ in attrs)))
        self.attributes.append((tag, dict(attrs)))
        if tag not in _VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts.setdefault(self._open[-1], []).append(data)
