"""Building blocks of GitHub Flavored Markdown that cannot be subverted by their text.

Every piece of ledger text that reaches a Markdown report passes through
:func:`text`, every link through :func:`link` and every anchor through
:func:`anchor_id`. The rules, and why:

- ``<``, ``>`` and ``&`` become entities, so no field can open an HTML tag,
  a comment or an entity of its own (``<script>`` shows as text).
- The ASCII punctuation that GFM gives a meaning inline is backslash-escaped:
  ``\\ ` * _ [ ] | ~ $ #`` (``$`` because GitHub renders ``$...$`` as maths,
  ``|`` so a cell cannot end early).
- What only means something at the start of a line (``-``, ``+``, ``=``,
  ``1.``) is escaped at the start of the field; a line break inside a field
  becomes ``<br>``, so a field never starts a new Markdown line.
- GFM turns bare ``www.``, ``http://``, ``ftp://`` and e-mail addresses into
  links. Text fields never make links: ``://`` and ``www.`` are escaped, and
  an empty HTML comment splits ``name@host`` (a backslash does not stop the
  e-mail rule, a comment does).
- GitHub turns ``@name`` into a mention that notifies that person (or a whole
  team), and ``#123``, ``owner/repo#123`` and ``GH-123`` into references that
  show up on that issue. It finds them in the rendered text, after entities and
  backslash escapes are decoded, so only a character in the text stops them:
  a zero-width space (``&#8203;``) goes after an ``@`` that a letter, digit or
  ``_`` follows, after a ``#`` that a digit follows and after ``GH-`` before a
  digit. The text still reads ``@name``, ``#123`` and ``GH-123``.
- Links are made only for ``http``/``https`` URLs with a host, and their
  destinations are percent-encoded so that no character can end them early.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Starts of a field that would begin a list, a heading or a setext underline.
_LEADING = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")
#: One pass over a line: what to escape, and the autolink triggers to defuse.
_SPECIAL = re.compile(
    r"(?P<scheme>:(?=//))"  # http://, ftp://: escaping the colon stops the autolink
    r"|(?P<www>(?<=[Ww][Ww][Ww])\.)"  # www.example.org
    r"|(?P<mail>(?<=[A-Za-z0-9._+-])@)"  # name@host, mailto:, xmpp:
    r"|(?P<mention>@(?=\w))"  # @name, @org/team
    r"|(?P<issue>#(?=[0-9]))"  # #123, owner/repo#123
    r"|(?P<gh>(?<![A-Za-z0-9])[Gg][Hh]-(?=[0-9]))"  # GH-123
    r"|(?P<char>[\\`*_\[\]|~$#<>&])"
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_HTTP_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+[^\s]*$")
#: Characters kept as they are in a link destination; everything else is
#: percent-encoded (the URL's own ``%`` escapes are kept).
_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'*+,;=%"
)
#: Safe in a URL but meaningful to Markdown inside a destination. ``&`` is
#: written as an entity: a backslash does not stop ``&copy;`` being decoded.
_URL_BACKSLASH = frozenset("()")

BREAK = "<br>"
#: Stops GFM's e-mail autolink without showing anything.
_SPLIT = "<!-- -->"
#: A zero-width space: stops a mention or an issue reference without showing.
_ZERO_WIDTH = "&#8203;"
#: What may start a name after ``@``: GitHub's are ASCII, any letter is kept apart.
_NAME_START = re.compile(r"\w")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if match.lastgroup in ("mail", "mention"):
        follows = match.string[match.end() : match.end() + 1]
        mention = _ZERO_WIDTH if _NAME_START.match(follows) else ""
        return (_SPLIT if match.lastgroup == "mail" else "") + char + mention
    if match.lastgroup == "issue":
        return "\\#" + _ZERO_WIDTH
    if match.lastgroup == "gh":
        return char + _ZERO_WIDTH
    if char in _ENTITIES:
        return _ENTITIES[char]
    return "\\" + char


def text(value: str, *, breaks: bool = True) -> str:
    """``value`` as Markdown that renders as exactly that text, in any inline context.

    The result is safe in a paragraph, a list item, a heading, a table cell,
    a blockquote and a link's text. Surrounding whitespace is dropped. Line
    breaks become ``<br>``, or spaces with ``breaks=False`` (for headings).
    NUL characters, which no renderer keeps, become U+FFFD.
    """
    value = value.replace("\x00", "\ufffd").strip()
    lines = [line.strip() for line in _LINE_BREAK.split(value)]
    if not breaks:
        lines = [line for line in lines if line]
    joined = (BREAK if breaks else " ").join(_SPECIAL.sub(_escape, line) for line in lines)
    leading = _LEADING.match(value)
    if leading:
        # An escaped digit run is still a digit run: escape what follows it.
        cut = leading.end()
        marker = joined[cut] if cut < len(joined) else ""
        if leading.group().isdigit():
            return joined[:cut] + "\\" + marker + joined[cut + 1 :]
        return "\\" + joined
    return joined


def is_http_url(url: str | None) -> bool:
    """True for an absolute ``http``/``https`` URL with a host and no whitespace."""
    return bool(url) and _HTTP_URL.match(url or "") is not None


def destination(url: str) -> str:
    """A link destination for an http(s) URL that no character can break out of."""
    out: list[str] = []
    for char in url:
        if char == "&":
            out.append("&amp;")
        elif char in _URL_BACKSLASH:
            out.append("\\" + char)
        elif char in _URL_SAFE:
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
    return "".join(out)


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL; for anything else, the label as text.

    ``label`` is Markdown already (made with :func:`text`).
    """
    if url is None or not is_http_url(url):
        return label
    return f"[{label}]({destination(url)})"


def anchor_id(kind: str, record_id: str) -> str:
    """A stable HTML id such as ``claim-trade-121m``.

    Ids are slugs in a valid ledger; anything else is hashed, so an id can
    never carry markup into an attribute.
    """
    if _SLUG.match(record_id):
        return f"{kind}-{record_id}"
    digest = hashlib.sha256(record_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{kind}-x{digest}"


def anchor(anchor: str) -> str:
    """An empty HTML anchor that in-page links (``#anchor``) lead to.

    GitHub keeps ``id`` on ``<a>`` (prefixed with ``user-content-``, which its
    pages resolve for ``#anchor`` links), so the anchor works where it renders.
    """
    return f'<a id="{anchor}"></a>'


def in_page(label: str, anchor: str) -> str:
    """A link to an anchor of this document; ``label`` is Markdown already."""
    return f"[{label}](#{anchor})"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table; cells are Markdown already (made with :func:`text`)."""
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row(row) for row in rows)
    return lines


def _row(cells: Sequence[str]) -> str:
    # An empty cell would leave "|  |"; a dash keeps every cell visibly present.
    return "| " + " | ".join(cell or "—" for cell in cells) + " |"
