"""Untrusted text made safe for the channel it is written to.

File names, paths, ids and the values quoted in messages come from claim
files and command lines that anyone may have written. On a terminal a
control character is an instruction (``ESC[2J`` clears the screen), a line
break starts a line the reader did not expect, and a bidirectional override
makes text read in another order than it is stored. In a CI log a line
starting with ``::`` (or holding ``##[``) is a workflow command to the
runner. The functions here show such characters as visible escapes
(``\\x1b``, ``\\n``, ``\\u202e``) and keep the rest as it is:

- :func:`one_line`: any untrusted string, for one line of a terminal or log;
- :func:`many_lines`: the same, but line breaks stay line breaks (a claim's notes);
- :func:`log_line`: a whole line that must not read as a workflow command;
- :func:`json_safe`: JSON text with the same characters escaped the JSON way.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, the Unicode line and paragraph separators,
#: the bidirectional embeddings, overrides and isolates, and lone surrogates
#: (the bytes of a file name that is not UTF-8). ``##[`` is the legacy form
#: of a GitHub workflow command, which the runner finds anywhere in a line.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|##\\["
)
#: The same, line breaks excepted.
_UNSAFE_INLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|##\\["
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: A colour or style sequence, which a line may start with on a terminal.
_SGR = re.compile("\x1b\\[[0-9;]*m")


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    if char == "##[":
        return "#\\x23["
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as the file system gave it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` safe for one line of a terminal or a CI log.

    Controls, line and paragraph separators, bidirectional controls and
    surrogates are shown as escapes (``\\x1b``, ``\\n``, ``\\u202e``, ``\\xff``
    for a byte of a file name that is not UTF-8), and ``##[`` as ``#\\x23[``.
    Everything else, backslashes included, is left as it is.
    """
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def many_lines(text: str) -> str:
    """``text`` as :func:`one_line` makes it, but its line breaks (``\\n``) kept."""
    return _UNSAFE_INLINE.sub(_visible, text) if _UNSAFE_INLINE.search(text) else text


def log_line(line: str) -> str:
    """``line``, unless a CI runner would read it as a workflow command (``::name::``).

    GitHub's runner takes a line whose first characters after any spaces
    are ``::`` for a command; such a line gets its first colon escaped
    (``\\x3a:``). Apply :func:`one_line` to the untrusted parts first: this
    looks at the start of the line only.
    """
    plain = _SGR.sub("", line).lstrip()
    if not plain.startswith("::"):
        return line
    at = line.index("::")
    return line[:at] + "\\x3a" + line[at + 1 :]


def path_at_line_start(path: str) -> str:
    """A file name that begins a line: :func:`one_line`, and ``./`` before a leading ``::``.

    ``::error file=x::y.yaml`` is shown as ``./::error file=x::y.yaml``, the
    same file, but not a workflow command.
    """
    shown = one_line(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def log_lines(text: str) -> str:
    """Every line of ``text`` through :func:`log_line`."""
    if "::" not in text:
        return text
    return "\n".join(log_line(line) for line in text.split("\n"))


#: What JSON may hold raw but a terminal or a log must not see: C1
#: controls, DEL, separators, bidirectional controls, lone surrogates; and ``##[``.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|##\\[")


def _json_escape(match: re.Match[str]) -> str:
    char = match[0]
    return "#\\u0023[" if char == "##[" else f"\\u{ord(char):04x}"


def json_safe(text: str) -> str:
    """JSON text (from :func:`json.dumps`) that prints safely on a terminal or in a CI log.

    The characters :func:`one_line` escapes and JSON does not are written
    as ``\\u`` escapes, and ``##[`` as ``#\\u0023[``: the same JSON value,
    since none of them can stand outside a string.
    """
    return _JSON_UNSAFE.sub(_json_escape, text) if _JSON_UNSAFE.search(text) else text
