"""Read claim files as untrusted input and turn them into plain data.

Claim files arrive in pull requests from anyone, so the loader never lets YAML
construct anything but text, numbers, booleans, nulls, lists and mappings. It
builds values straight from the parser's event stream (libyaml's C parser when
present), which lets it:

* refuse duplicate keys at the second key's line (PyYAML keeps the last one);
* refuse every tag that is not plain data (``!!python/...`` is never run);
* bound what aliases expand to, so a "billion laughs" file fails fast;
* bound nesting depth without recursion (deep nesting crashes recursive
  composers);
* read dates as text (``2022-05-30`` stays a string) and keys as text
  (``on:`` is the key ``"on"``, not ``True``);
* read a number only as the decimal digits written: YAML 1.1's octal, hex,
  binary and base-60 readings are refused (E113), and so is a number too
  large for a float (E112).

The fast path records no line marks but where each record of a section
starts (:attr:`Document.starts`). When a problem must be located,
:meth:`Document.locate` parses the text once more with marks and caches them.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from claims_cli.check.diagnostics import Diagnostic, Severity, json_path

PathParts = tuple[str | int, ...]

#: Collections nested deeper than this are refused (a claim needs about 5).
MAX_DEPTH = 64
#: What aliases expand to is bounded by size: each alias costs the characters
#: of every scalar (keys included) it brings in, plus one per node. A file may
#: expand by at most ``ALIAS_FACTOR`` times its own length, or ``ALIAS_FLOOR``,
#: whichever is larger. Counting nodes alone let one 100,000-character string
#: aliased 9,900 times through, and every later walk of the data (validation,
#: export) then handled a gigabyte; anchors for shared attribution stay far
#: below either bound.
ALIAS_FLOOR = 100_000
ALIAS_FACTOR = 10

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
#: More decimal digits than any float can hold (1.8e308 has 309): refused
#: before ``int()`` spends time on them or hits Python's digit limit.
_MAX_INT_DIGITS = 400

#: Characters no claim text needs: C0/C1 controls but tab, line feed, carriage
#: return and NEL (a YAML line break), and the bidirectional overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(f"{_CONTROL.pattern}|{_BIDI.pattern}")

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver: Any = yaml.resolver.Resolver()
_constructor: Any = yaml.constructor.SafeConstructor()


class LoadError(Exception):
    """A file that cannot be read at all; carries the one diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


@dataclass(slots=True)
class _Marks:
    values: dict[PathParts, Mark] = field(default_factory=dict)
    keys: dict[PathParts, Mark] = field(default_factory=dict)
    plain_text: dict[PathParts, str] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """One claim file: its plain data, and the text to locate problems in."""

    file: str
    data: Any
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _marks: _Marks | None = field(default=None, repr=False)
    #: Where each record of a top-level section starts (``("claims", 3)``), as
    #: :meth:`locate` would say, when the fast reader read the file; else None.
    starts: dict[PathParts, Mark] | None = field(default=None, repr=False)

    def _ensure_marks(self) -> _Marks:
        if self._marks is None:
            marks = _Marks()
            # The text loaded once already, so it cannot fail now.
            with contextlib.suppress(LoadError):
                _Builder(self.text, self.file, marks).build()
            self._marks = marks
        return self._marks

    def locate(self, parts: PathParts, *, key: bool = False) -> Mark:
        """Where the value at ``parts`` starts (or its key, with ``key=True``).

        A path that is not in the file (a missing required key) falls back to
        the nearest enclosing value that is.
        """
        marks = self._ensure_marks()
        if key and parts in marks.keys:
            return marks.keys[parts]
        probe = parts
        while probe:
            if probe in marks.values:
                return marks.values[probe]
            probe = probe[:-1]
        return marks.values.get((), Mark(1, 1))

    def plain_scalar(self, parts: PathParts) -> str | None:
        """The unquoted YAML text that produced the value at ``parts``, if any."""
        return self._ensure_marks().plain_text.get(parts)

    def diagnostic(
        self,
        parts: PathParts,
        code: str,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic located at the value (or key) that ``parts`` names."""
        mark = self.locate(parts, key=key)
        return Diagnostic(
            self.file, mark.line, mark.column, code, severity, message, json_path(parts)
        )


def _fatal(file: str, line: int, column: int, code: str, message: str) -> LoadError:
    return LoadError(Diagnostic(file, line, column, code, Severity.ERROR, message))


#: What YAML (and libyaml's marks) count as a line break: CR LF, CR, LF, NEL,
#: and the Unicode line and paragraph separators. ``str.splitlines`` would also
#: split at vertical tab, form feed and others, and ``"\n"`` alone misses CR.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``, counted as YAML's marks count."""
    line, line_start = 1, 0
    for found in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = found.end()
    return line, index - line_start + 1


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    # Everything before the first bad byte decodes.
    before = raw[:offset].decode("utf-8", "replace")
    return _position_in_text(before, len(before))


def _source_line(text: str, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, split where YAML splits lines."""
    lines = _LINE_BREAK.split(text)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped), or a located LoadError."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fatal(file, 1, 1, "E106", "file is UTF-16; claim files must be UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # exc.object is what follows a byte-order mark, and exc.start counts from there.
        data = bytes(exc.object)
        line, column = _position_of_byte(data, exc.start)
        raise _fatal(
            file,
            line,
            column,
            "E106",
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot start a character "
            "(is this a binary file?)",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _position_in_text(text, nul)
        raise _fatal(file, line, column, "E107", "NUL byte in file: claim files are plain text")
    return text


#: How a claim file is opened: never blocking (a named pipe with no writer
#: would wait forever), never becoming the controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
#: How much more is asked for at a time once the size the file gave is read.
_CHUNK = 1 << 16
#: What each kind of file that is not a regular one is called in messages.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


#: What a long read is told as it goes: the share of the file read so far.
Tick = Callable[[float], None]
#: How many events :func:`_read_clean` reads between two ticks.
_TICK_EVENTS = 1 << 15


def read_document(
    path: str, display: str | None = None, *, max_bytes: int, tick: Tick | None = None
) -> Document:
    """Read one claim file from disk. Raises :class:`LoadError` when it cannot be read.

    Only a regular file is read: a named pipe, socket, device or directory is
    refused (``E119``) without being waited on. A file over ``max_bytes`` is
    refused before it is read (see
    :attr:`claims_cli.environment.Environment.max_file_bytes`), and so is one
    that grows past it while it is read. Any other failure is ``E100``.
    """
    file = display if display is not None else path
    return parse_text(decode(_read_bytes(path, file, max_bytes), file), file, tick=tick)


def _read_bytes(path: str, file: str, limit: int) -> bytes:
    try:
        # Looked at first, so a device is never opened (opening some has effects).
        _check_regular(os.stat(path), file, limit)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(path, file, exc) from None
    except ValueError:  # a NUL character in the name
        raise _fatal(
            file, 1, 1, "E100", "cannot read file: its name holds a NUL character"
        ) from None
    try:
        # The same checks on what was opened: the name may lead elsewhere by now.
        status = os.fstat(descriptor)
        _check_regular(status, file, limit)
        return _read_at_most(descriptor, status.st_size, limit, file)
    except OSError as exc:
        raise _unreadable(path, file, exc) from None
    finally:
        os.close(descriptor)


def _check_regular(status: os.stat_result, file: str, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
        stream = stat.S_ISFIFO(status.st_mode) or stat.S_ISSOCK(status.st_mode)
        hint = "; to read a stream, name '-' and send it to standard input" if stream else ""
        raise _fatal(
            file,
            1,
            1,
            "E119",
            f"cannot read {kind}: claim files must be regular files{hint}",
        )
    if status.st_size > limit:
        raise _fatal(
            file,
            1,
            1,
            "E111",
            f"file is {human_bytes(status.st_size)}, over the {human_bytes(limit)} limit for "
            "one claim file; split the ledger into several files in a directory "
            "(or raise CLAIMS_MAX_FILE_SIZE)",
        )


def _read_at_most(descriptor: int, size: int, limit: int, file: str) -> bytes:
    """What the file holds, asking first for the size it gave and one byte more.

    Asking for ``limit + 1`` bytes at once would reserve that much memory
    whatever the file holds. A file that holds more than it said (it grew, or
    it is one of those that say 0) is read on, up to one byte past the limit.
    """
    first = os.read(descriptor, min(size, limit) + 1)
    chunks = [first]
    total = len(first)
    while chunks[-1] and total <= limit:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:  # the file grew while we read it
        raise _fatal(file, 1, 1, "E111", f"file is over the {human_bytes(limit)} limit")
    return first if total == len(first) else b"".join(chunks)


def _unreadable(path: str, file: str, exc: OSError) -> LoadError:
    """E100 for a file that could not be opened or read, saying why."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOENT and os.path.islink(path):
        try:
            reason = f"broken symbolic link to '{os.readlink(path)}'"
        except OSError:  # pragma: no cover - the link went away as we looked
            reason = "broken symbolic link"
    return _fatal(file, 1, 1, "E100", f"cannot read file: {reason}")


def parse_text(text: str, file: str, *, tick: Tick | None = None) -> Document:
    """Build a :class:`Document` from YAML text. Raises :class:`LoadError` if unusable.

    A clean file (the usual case) is read by :func:`_read_clean`, a tight loop
    that knows only what clean files hold; at the first thing it does not know
    it gives up and :class:`_Builder`, which knows every rule, reads the file
    from the start. So the rules are written once, in :class:`_Builder`, and
    the fast loop can only be faster, never different. ``tick``, if given,
    is called now and then with the share of the text read.
    """
    starts: dict[PathParts, Mark] = {}
    try:
        return Document(file, _read_clean(text, tick, starts), text, [], starts=starts)
    except _NotClean:
        pass
    builder = _Builder(text, file, None)
    data = builder.build()
    return Document(file, data, text, builder.diagnostics)


def _fits_float(number: int) -> bool:
    """Whether ``number`` can be turned into a float, as amounts are when compared."""
    try:
        float(number)
    except OverflowError:
        return False
    return True


def _pos(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def human_bytes(size: int) -> str:
    """A size as people read it: ``512 bytes``, ``3.5 KB``, ``61.0 MB``."""
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


@dataclass(slots=True)
class _Frame:
    is_map: bool
    value: Any
    anchor: str | None
    start_weight: int
    index: int = 0
    key: str | None = None
    key_mark: Mark | None = None
    seen: dict[str, Mark] | None = None
    merges: list[tuple[Any, Mark]] | None = None
    skip_value: bool = False
    merge_value: bool = False
    refused: bool = False


@dataclass(slots=True)
class _Anchor:
    value: Any
    size: int
    done: bool


class _Builder:
    """Plain data from YAML events, with an explicit stack (no recursion)."""

    def __init__(self, text: str, file: str, marks: _Marks | None) -> None:
        self.text = text
        self.file = file
        self.marks = marks
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        # Nodes plus characters of scalars, aliases expanded: the work of a walk.
        self.weight = 0
        self.expanded = 0  # the part of ``weight`` that aliases brought in
        self.alias_budget = max(ALIAS_FLOOR, ALIAS_FACTOR * len(text))
        self.over_budget: Mark | None = None
        self.result: Any = None
        self.documents = 0

    # -- helpers -----------------------------------------------------------
    def _mark(self, event: Any) -> Mark:
        return Mark(event.start_mark.line + 1, event.start_mark.column + 1)

    def _path(self) -> PathParts:
        parts: list[str | int] = []
        for frame in self.stack:
            if frame.is_map:
                if frame.key is not None:
                    parts.append(frame.key)
            else:
                parts.append(frame.index)
        return tuple(parts)

    def _report(self, mark: Mark, code: str, severity: Severity, message: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                self.file, mark.line, mark.column, code, severity, message, json_path(self._path())
            )
        )

    def _error(self, event: Any, code: str, message: str) -> None:
        self._report(self._mark(event), code, Severity.ERROR, message)

    def _warn(self, event: Any, code: str, message: str) -> None:
        self._report(self._mark(event), code, Severity.WARNING, message)

    def _events(self) -> Iterator[Any]:
        loader = _Loader(self.text)
        try:
            while loader.check_event():
                yield loader.get_event()
        except yaml.MarkedYAMLError as exc:
            raise self._syntax_error(exc) from None
        except yaml.reader.ReaderError as exc:
            raise self._unreadable_character(exc) from None
        except yaml.YAMLError as exc:
            raise _fatal(self.file, 1, 1, "E101", f"YAML error: {exc}") from None
        finally:
            loader.dispose()

    def _unreadable_character(self, exc: yaml.reader.ReaderError) -> LoadError:
        """A character YAML refuses anywhere, comments included, located as marks are."""
        index = int(exc.position)
        if _Loader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
            index = len(self.text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line, column = _position_in_text(self.text, index)
        if unicodedata.category(chr(code)) == "Cc":
            return _fatal(
                self.file,
                line,
                column,
                "E117",
                f"control character U+{code:04X} in the file; claim files hold printable "
                "text only (tabs and line breaks aside)",
            )
        return _fatal(
            self.file, line, column, "E101", f"character U+{code:04X} is not allowed in YAML"
        )

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> LoadError:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        source_line = _source_line(self.text, line) if mark else ""
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            return _fatal(
                self.file,
                line,
                column,
                "E108",
                "tab character used for indentation; YAML indents with spaces only",
            )
        if "\t" in problem or "'\\t'" in problem:
            return _fatal(
                self.file, line, column, "E108", "tab character where YAML expects spaces"
            )
        if "nesting depth" in problem:  # libyaml's own bound, in newer PyYAML releases
            return _fatal(
                self.file,
                line,
                column,
                "E115",
                f"collections nested deeper than {MAX_DEPTH} levels",
            )
        context = f" ({exc.context.strip()})" if exc.context and exc.problem else ""
        return _fatal(self.file, line, column, "E101", f"YAML syntax error: {problem}{context}")

    # -- building ----------------------------------------------------------
    def build(self) -> Any:
        for event in self._events():
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._end()
            elif kind is yaml.AliasEvent:
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _fatal(
                        self.file,
                        *_pos(self._mark(event)),
                        "E110",
                        "a second YAML document starts here; a claim file holds one document",
                    )
        if self.documents == 0:
            raise _fatal(
                self.file, 1, 1, "E109", "empty file: expected a mapping with 'version: 1'"
            )
        if self.over_budget is not None:
            raise _fatal(
                self.file,
                *_pos(self.over_budget),
                "E104",
                f"aliases would expand this file of {len(self.text):,} characters to "
                f"{self.weight:,} (characters of text plus one per value), past the "
                f"{self.alias_budget:,} that aliases may add to a file this size; "
                "refused as a 'billion laughs' document",
            )
        return self.result

    def _check_tag(self, event: Any, allowed: set[str]) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return True
        shown = tag.replace(_TAG, "!!")
        self._error(
            event,
            "E103",
            f"YAML tag '{shown}' is not allowed: claim files hold only plain data "
            "(text, numbers, booleans, lists and mappings)",
        )
        return False

    def _scalar(self, event: Any) -> None:
        refused = not self._check_tag(event, _PLAIN_TAGS)
        if self._is_key_position():
            self.weight += 1 + len(event.value)
            self._take_key(event, self._safe_key(event, event.value))
            return
        value = None if refused else self._scalar_value(event)
        if isinstance(value, str) and _UNSAFE.search(value):
            value = self._unsafe_text(event, value)
        size = 1 + len(event.value)
        self.weight += size
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, size, True)
        if self.marks is not None:
            here = self._path()
            self.marks.values[here] = self._mark(event)
            if event.implicit[0] and event.tag is None:
                self.marks.plain_text[here] = event.value
        self._add(value, event)

    def _unsafe_text(self, event: Any, text: str) -> str | None:
        """Refuse control characters; warn of bidirectional overrides.

        Claim text is printed on terminals: an escape sequence in a quoted
        string (``"\\e[31m"``) would restyle or retitle the reader's terminal,
        and overrides can make text read differently from what it holds.
        """
        control = _CONTROL.search(text)
        if control:
            self._error(
                event,
                "E117",
                f"control character U+{ord(control[0]):04X} in text; claim files hold "
                "printable text only (tabs and line breaks aside)",
            )
            return None
        bidi = _BIDI.search(text)
        assert bidi is not None
        self._warn(
            event,
            "W118",
            f"bidirectional control character U+{ord(bidi[0]):04X} in text: it can make "
            "the text display differently from what it says",
        )
        return text

    def _safe_key(self, event: Any, key: str) -> str:
        """A key fit to be quoted in messages: control characters shown as escapes."""
        if not _UNSAFE.search(key):
            return key
        if self._unsafe_text(event, key) is None:
            return key.encode("unicode_escape").decode("ascii")
        return key

    def _scalar_value(self, event: Any) -> Any:
        text = event.value
        tag = event.tag
        if tag in (None, "!"):
            if tag == "!" or not event.implicit[0]:
                return text
            tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
        if tag in (_TAG + "str", _TAG + "timestamp"):
            return text
        if tag == _TAG + "null":
            return None
        node = yaml.ScalarNode(tag, text)
        if tag == _TAG + "bool":
            return _constructor.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return self._integer(event, text)
        if tag == _TAG + "float":
            return self._real(event, text)
        return text  # pragma: no cover - _check_tag admits no other tag

    def _integer(self, event: Any, text: str) -> int | None:
        """An integer exactly as written in decimal, or None and an error.

        YAML 1.1 reads ``0123`` as octal 83, ``0x1F`` as 31, ``0b101`` as 5 and
        ``1:30`` as 90 (base 60). A figure copied from a source means the
        decimal digits it shows, so each reading that differs from them is an
        error (E113); ``+12``, ``1_000`` and ``007`` mean what they show.
        """
        digits = text.lstrip("+-")
        sign = -1 if text.startswith("-") else 1
        if ":" in digits or digits[:2] in ("0x", "0b"):
            # Powers of two and base 60 have no limit on digits: check the size first.
            number = _constructor.construct_yaml_int(yaml.ScalarNode(_TAG + "int", text))
            if not _fits_float(number):
                self._too_large(event, text)
                return None
            self._literal_differs(event, text, number, number)
            return None
        clean = digits.replace("_", "")
        if len(clean.lstrip("0")) > _MAX_INT_DIGITS:
            self._too_large(event, text)
            return None
        number = sign * int(clean, 10)
        if not _fits_float(number):
            self._too_large(event, text)
            return None
        if clean.startswith("0") and len(clean) > 1:
            octal = sign * int(clean, 8)
            if octal != number:
                self._literal_differs(event, text, octal, number)
                return None
        return number

    def _real(self, event: Any, text: str) -> float | None:
        """A finite float as written in decimal, or None and an error."""
        if ":" in text:  # ``1:30.5``, base 60
            real: float = _constructor.construct_yaml_float(yaml.ScalarNode(_TAG + "float", text))
            if not math.isfinite(real):
                self._too_large(event, text)
                return None
            self._literal_differs(event, text, real, real)
            return None
        real = _constructor.construct_yaml_float(yaml.ScalarNode(_TAG + "float", text))
        if math.isfinite(real):
            return real
        if "inf" in text.lower() or "nan" in text.lower():
            self._error(event, "E112", f"'{text}' is not a finite number")
            return None
        self._too_large(event, text)
        return None

    def _literal_differs(self, event: Any, text: str, read: float, meant: float) -> None:
        self._error(
            event,
            "E113",
            f"'{text}' would be read as the number {read} (YAML 1.1); write {meant}, "
            "or quote it if you mean the text",
        )

    def _too_large(self, event: Any, text: str) -> None:
        shown = text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"
        self._error(
            event,
            "E112",
            f"'{shown}' is too large a number (the largest is about 1.8e308); "
            "quote it if you mean the text",
        )

    def _is_key_position(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None

    def _take_key(self, event: Any, key: str) -> None:
        frame = self.stack[-1]
        mark = self._mark(event)
        assert frame.seen is not None
        frame.key = key
        frame.key_mark = mark
        frame.skip_value = False
        frame.merge_value = key == "<<" and bool(event.implicit[0])
        if frame.merge_value:
            return
        first = frame.seen.get(key)
        if first is not None:
            self._error(
                event,
                "E102",
                f"duplicate key '{key}' (first at line {first.line}); "
                "YAML would silently keep only the last one",
            )
            frame.skip_value = True
            return
        frame.seen[key] = mark
        if self.marks is not None:
            self.marks.keys[self._path()] = mark

    def _key_is_not_text(self, event: Any) -> None:
        raise _fatal(
            self.file,
            *_pos(self._mark(event)),
            "E114",
            "mapping keys must be plain text, not a list, mapping or alias",
        )

    def _start(self, event: Any, is_map: bool) -> None:
        if self._is_key_position():
            self._key_is_not_text(event)
        refused = not self._check_tag(event, _COLLECTION_TAGS)
        if len(self.stack) >= MAX_DEPTH:
            raise _fatal(
                self.file,
                *_pos(self._mark(event)),
                "E115",
                f"collections nested deeper than {MAX_DEPTH} levels",
            )
        if self.marks is not None:
            self.marks.values[self._path()] = self._mark(event)
        self.weight += 1
        value: Any = {} if is_map else []
        frame = _Frame(is_map, value, event.anchor, self.weight, refused=refused)
        if is_map:
            frame.seen = {}
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 0, False)
        frame.key_mark = self._mark(event)
        self.stack.append(frame)

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.is_map and frame.merges:
            self._apply_merges(frame)
        if frame.anchor is not None:
            anchor = self.anchors[frame.anchor]
            anchor.size = self.weight - frame.start_weight + 1
            anchor.done = True
        value = None if frame.refused else frame.value
        self._add(value, None)

    def _apply_merges(self, frame: _Frame) -> None:
        assert frame.merges is not None and frame.seen is not None
        if self.over_budget is not None:
            return
        for merged, mark in frame.merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, dict):
                    message = "a merge key '<<' takes a mapping or a list of mappings"
                    self._report(mark, "E116", Severity.ERROR, message)
                    continue
                for key, item in source.items():
                    frame.value.setdefault(key, item)

    def _alias(self, event: Any) -> None:
        if self._is_key_position():
            self._key_is_not_text(event)
        anchor = self.anchors.get(event.anchor)
        mark = self._mark(event)
        if anchor is None:
            raise _fatal(
                self.file, mark.line, mark.column, "E104", f"alias '*{event.anchor}' has no anchor"
            )
        if not anchor.done:
            raise _fatal(
                self.file,
                mark.line,
                mark.column,
                "E105",
                f"alias '*{event.anchor}' refers to a collection that contains it",
            )
        self.weight += anchor.size
        self.expanded += anchor.size
        if self.expanded > self.alias_budget and self.over_budget is None:
            # Reported once the whole file is read, to say what it would
            # expand to; from here on aliases are counted, not built.
            self.over_budget = mark
        if self.over_budget is not None:
            self._add(None, event)
            return
        if self.marks is not None:
            self.marks.values[self._path()] = mark
        self._add(anchor.value, event)

    def _add(self, value: Any, event: Any) -> None:
        if not self.stack:
            self.result = value
            if self.marks is not None and event is not None:
                self.marks.values[()] = self._mark(event)
            return
        frame = self.stack[-1]
        if frame.is_map:
            key = frame.key
            frame.key = None
            if frame.skip_value:
                frame.skip_value = False
                return
            assert key is not None
            if frame.merge_value:
                frame.merge_value = False
                if frame.merges is None:
                    frame.merges = []
                frame.merges.append((value, frame.key_mark or Mark(1, 1)))
                return
            frame.value[key] = value
        else:
            frame.value.append(value)
            frame.index += 1


class _NotClean(Exception):
    """The file holds something :func:`_read_clean` leaves to :class:`_Builder`."""


class _Refuser(_Builder):
    """A builder whose every diagnostic stops :func:`_read_clean`.

    It lends :func:`_read_clean` the reading of numbers and booleans: a value
    that would be reported is left to :class:`_Builder` to report.
    """

    def __init__(self) -> None:
        super().__init__("", "", None)

    def _report(self, mark: Mark, code: str, severity: Severity, message: str) -> None:
        raise _NotClean

    def _mark(self, event: Any) -> Mark:
        return Mark(1, 1)


_REFUSER = _Refuser()
#: The first characters of a plain scalar that YAML 1.1 may read as something
#: other than text; any other plain scalar is text without asking the resolver.
_MAYBE_NOT_TEXT = frozenset(_resolver.yaml_implicit_resolvers) - {""}


def _read_clean(
    text: str, tick: Tick | None = None, starts: dict[PathParts, Mark] | None = None
) -> Any:
    """The plain data of a file with nothing to report, or :class:`_NotClean`.

    Clean means: one document; no tags, anchors or aliases; no merge keys;
    keys that are plain or quoted text; no duplicate key; no control or
    bidirectional characters; numbers that read as written; nesting within
    ``MAX_DEPTH``; and no syntax error. Anything else raises
    :class:`_NotClean` (for a syntax error too: :class:`_Builder` words it).
    Containers are kept on an explicit stack; the top one lives in locals.
    ``starts``, if given, receives where each collection in a list under a
    top-level key starts (the records), read from the events at no extra pass.
    """
    scalar_event = yaml.ScalarEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start = yaml.DocumentStartEvent
    alias_event = yaml.AliasEvent
    maybe_not_text = _MAYBE_NOT_TEXT
    scalar_value = _REFUSER._scalar_value
    unsafe = _UNSAFE.search
    # Only escapes in double-quoted text can bring in what the text does not hold.
    check_all = unsafe(text) is not None
    no_key = _NO_KEY
    # Keys, and short texts such as choices, tags and ids, recur on every
    # record: each is kept once, not once per record.
    shared_texts: dict[str, str] = {}
    shared = shared_texts.setdefault

    loader = _Loader(text)
    check_event, get_event = loader.check_event, loader.get_event
    stack: list[tuple[Any, Any]] = []
    top: Any = None  # the open container: a dict or a list
    is_map = False
    key: Any = no_key  # in a mapping: the key whose value comes next
    result: Any = None
    documents = 0
    length = max(1, len(text))
    countdown = _TICK_EVENTS
    try:
        while check_event():
            event = get_event()
            countdown -= 1
            if not countdown:
                countdown = _TICK_EVENTS
                if tick is not None:
                    tick(event.start_mark.index / length)
            kind = type(event)
            if kind is scalar_event:
                if event.tag is not None or event.anchor is not None:
                    raise _NotClean
                value = event.value
                if (check_all or event.style == '"') and unsafe(value):
                    raise _NotClean
                if is_map and key is no_key:
                    if value in top or (value == "<<" and event.implicit[0]):
                        raise _NotClean
                    key = shared(value, value)
                    continue
                if event.implicit[0] and (not value or value[0] in maybe_not_text):
                    value = scalar_value(event)
                elif len(value) <= _SHARED_LENGTH:
                    value = shared(value, value)
            elif kind is mapping_start or kind is sequence_start:
                if (
                    event.tag is not None
                    or event.anchor is not None
                    or (is_map and key is no_key)
                    or len(stack) >= MAX_DEPTH
                ):
                    raise _NotClean
                if (
                    starts is not None
                    and len(stack) == 2
                    and not is_map
                    and type(stack[1][0]) is dict
                ):
                    mark = event.start_mark
                    starts[(stack[1][1], len(top))] = Mark(mark.line + 1, mark.column + 1)
                stack.append((top, key))
                is_map = kind is mapping_start
                top = {} if is_map else []
                key = no_key
                continue
            elif kind is mapping_end or kind is sequence_end:
                value = top
                top, key = stack.pop()
                is_map = type(top) is dict
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    raise _NotClean
                continue
            elif kind is alias_event:
                raise _NotClean
            else:
                continue
            if is_map:
                top[key] = value
                key = no_key
            elif top is None:
                result = value
            else:
                top.append(value)
    except yaml.YAMLError:
        raise _NotClean from None
    finally:
        loader.dispose()
    if documents == 0:
        raise _NotClean
    return result


_NO_KEY = object()
#: Texts up to this long are kept once however often they recur.
_SHARED_LENGTH = 40
