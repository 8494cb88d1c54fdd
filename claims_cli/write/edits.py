"""Targeted edits of a claim file's text: everything the edit does not touch keeps its bytes.

A claim file is edited as text, guided by the positions of the YAML nodes
(PyYAML's composer, with marks): a new claim is inserted after the last
one, a changed field replaces only that field's entry, a removed record
takes only its own lines. In a record or nested mapping written in flow
style (``{id: c1, ...}``) a changed value replaces only its value's text, a
new key goes before the closing brace and a removed one takes one comma with
it, so the record keeps its style. In a nested mapping written in block style
a changed key replaces only its ``key: value``, a removed one takes its own
lines and a new one goes on a line of its own after the mapping's last line,
at the mapping's indentation. Comments, blank lines, quoting, key order and
flow or block style elsewhere stay exactly as they were, which no YAML
library that re-emits the whole file can promise.

Each edit is checked: the edited text is read back and must hold exactly the
data the edit meant (the old data with that one change), or
:class:`EditError` is raised and nothing is written. Where an edit cannot be
made safely (an anchor or alias in the text it would replace, a list of
records written in flow style, a file that is not a mapping, line ends that mix lone
carriage returns with others) it is refused the same way, saying why.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from claims_cli.read.yaml_events import LoadError, parse_text
from claims_cli.write import emit

Data = dict[str, Any]


class EditError(Exception):
    """An edit that cannot be made safely; ``str()`` says why, ``line`` where (1-based)."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class _Tree:
    root: yaml.MappingNode
    #: Character offsets of every anchor and alias in the text.
    anchors: tuple[int, ...]


def _compose(text: str) -> _Tree:
    # The pure-Python loader: its marks count characters of this very text.
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        anchors = tuple(
            int(event.start_mark.index)
            for event in yaml.parse(text, Loader=yaml.SafeLoader)
            if event.start_mark is not None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise EditError(
            "the file is not YAML that can be edited safely",
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("the file is not a block mapping of version, sources and claims", line=1)
    return _Tree(root, anchors)


def _flow(node: yaml.Node) -> bool:
    return bool(getattr(node, "flow_style", False))


def _content_end(node: yaml.Node, text: str) -> int:
    """Where the last character of a node's own text is (exclusive), comments not included."""
    if isinstance(node, yaml.ScalarNode):
        end = int(node.end_mark.index)
        if node.style in ("|", ">"):  # a block scalar's mark runs on over the blank lines after it
            end = max(int(node.start_mark.index) + 1, len(text[:end].rstrip()))
        return end
    if _flow(node) or not node.value:
        return int(node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        key, value = node.value[-1]
        return max(_content_end(key, text), _content_end(value, text))
    return _content_end(node.value[-1], text)


class Editor:
    """The text of one claim file, edited one change at a time."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        crlf, lf, cr = text.count("\r\n"), text.count("\n"), text.count("\r")
        if cr and not lf:
            self.newline = "\r"
        elif crlf and crlf == lf:
            self.newline = "\r\n"
        else:
            self.newline = "\n"
        if cr > crlf and self.newline != "\r":
            # A lone carriage return is a line break to YAML, but not one an edit can keep.
            lone = re.search(r"\r(?!\n)", text)
            assert lone is not None
            raise EditError(
                "the file mixes carriage-return (CR) line ends with others; "
                "give it one kind of line end to edit it",
                line=len(re.findall(r"\r\n|\r|\n", text[: lone.start()])) + 1,
            )
        #: Edits work on text with ``\n`` line ends; the file's own come back on writing.
        self.text = text.replace(self.newline, "\n") if self.newline != "\n" else text
        data = _read(self.text, file)
        if not isinstance(data, dict):
            raise EditError("the file is not a mapping of version, sources and claims", line=1)
        self.data: Data = data
        self.changed = False

    # --- finding things -----------------------------------------------------------

    def _line_of(self, index: int) -> int:
        return self.text.count("\n", 0, index) + 1

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, index: int) -> int:
        """The start of the line after the one ``index`` is on (the text's end if none)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def _section(self, tree: _Tree, name: str) -> tuple[yaml.Node, yaml.Node] | None:
        for key, value in tree.root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key, value
        return None

    def _item(self, tree: _Tree, section: str, record_id: str) -> tuple[yaml.Node, int]:
        found = self._section(tree, section)
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            raise EditError(f"no {section} to edit")
        for index, item in enumerate(found[1].value):
            if isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    if key.value == "id" and value.value == record_id:
                        return item, index
        raise EditError(f"no record '{record_id}' in {section}")

    def _untouched_anchors(self, tree: _Tree, start: int, end: int) -> None:
        last = max(start, end)
        if end != start and self.text[last - 1] != "\n":
            # An alias's node ends where the node it names ends, maybe lines earlier:
            # what is replaced runs on to the end of its last line at least.
            line_end = self.text.find("\n", last)
            end = len(self.text) if line_end < 0 else line_end
        for index in tree.anchors:
            if start <= index < end:
                raise EditError(
                    "the edit would touch an anchor or alias (& or *); make this change by hand",
                    line=self._line_of(index),
                )

    # --- applying -------------------------------------------------------------------

    def _apply(self, start: int, end: int, text: str, expected: Data, tree: _Tree) -> None:
        self._untouched_anchors(tree, start, end)
        edited = self.text[:start] + text + self.text[end:]
        if _read(edited, self.file) != expected:
            raise EditError(
                "the change could not be written without changing something else; "
                "the file was left as it was",
                line=self._line_of(start),
            )
        self.text = edited
        self.data = expected
        self.changed = True

    def _indented(self, lines: list[str], column: int) -> str:
        return ("\n" + " " * column).join(lines)

    def append(self, section: str, record: Mapping[str, Any]) -> None:
        """Add ``record`` at the end of ``section`` (``claims`` or ``sources``)."""
        expected = copy.deepcopy(self.data)
        current = expected.get(section)
        expected[section] = [*(current if isinstance(current, list) else []), dict(record)]
        tree = _compose(self.text)
        found = self._section(tree, section)
        lines = emit.item_lines(dict(record))
        if found is None:
            start = end = len(self.text)
            lead = "" if not self.text or self.text.endswith("\n") else "\n"
            body = self._indented(lines, 2)
            self._apply(start, end, f"{lead}{section}:\n  {body}\n", expected, tree)
            return
        key, value = found
        column = key.start_mark.column
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            first = value.value[0]
            dash = self.text.rfind("-", 0, first.start_mark.index)
            dash_column = dash - self._line_start(dash)
            at = self._after_line(_content_end(value.value[-1], self.text))
            lead = "" if at == 0 or self.text[at - 1] == "\n" else "\n"
            if self._blank_before(value.value[-1]):
                lead += "\n"  # items kept apart by a blank line: so is the new one
            body = self._indented(lines, dash_column)
            self._apply(at, at, f"{lead}{' ' * dash_column}{body}\n", expected, tree)
            return
        empty = (isinstance(value, yaml.SequenceNode) and not value.value) or (
            isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
        )
        if not empty:
            raise EditError(
                f"'{section}' is not written as a block list (- items); "
                "rewrite it in block style to add to it",
                line=key.start_mark.line + 1,
            )
        start, end = int(key.end_mark.index), _content_end(value, self.text)
        body = self._indented(lines, column + 2)
        self._apply(start, end, f":\n{' ' * (column + 2)}{body}", expected, tree)

    def set_field(
        self,
        section: str,
        record_id: str,
        name: str,
        value: Any,
        *,
        order: Sequence[str] = (),
    ) -> None:
        """Give field ``name`` of record ``record_id`` the value ``value`` (None removes it).

        A new key goes after the keys that come before it in ``order`` (the
        format's order of keys), else after the record's last key.
        """
        tree = _compose(self.text)
        item, index = self._item(tree, section, record_id)
        expected = copy.deepcopy(self.data)
        record = expected[section][index]
        if value is None:
            if name not in record:
                return
            del record[name]
        else:
            record[name] = value
        entries = {key.value: (key, node) for key, node in item.value}
        if isinstance(item, yaml.MappingNode) and _flow(item):
            old = self.data[section][index]
            self._splice_flow(item, old, record, expected, tree)
            return
        if name in entries:
            key, node = entries[name]
            old_value = self.data[section][index].get(name)
            both = isinstance(value, dict) and isinstance(old_value, dict)
            # An alias (*name) is composed as the node it names, written elsewhere.
            aliased = node.start_mark.index < key.end_mark.index
            if both and isinstance(node, yaml.MappingNode) and not aliased:
                assert isinstance(value, dict) and isinstance(old_value, dict)
                if _flow(node):
                    self._splice_flow(node, old_value, value, expected, tree)
                    return
                splices = self._block_splices(node, old_value, value, tree)
                if splices is not None:
                    self._splice(splices, expected, tree)
                    return
            if value is None:
                start = self._line_start(key.start_mark.index)
                if self.text[start : key.start_mark.index].strip():
                    self._rewrite_record(item, record, expected, tree)
                    return
                end = self._after_line(_content_end(node, self.text))
                self._apply(start, end, "", expected, tree)
                return
            lines = emit.entry(name, value)
            start, end = key.start_mark.index, _content_end(node, self.text)
            body = self._indented(lines, key.start_mark.column)
            self._apply(start, end, body, expected, tree)
            return
        if value is None:
            return
        # A new key goes after the keys that come before it in the record's order.
        earlier = list(order[: list(order).index(name)]) if name in order else list(entries)
        before = [k for k in earlier if k in entries]
        anchor_key, anchor_node = entries[before[-1]] if before else list(entries.values())[-1]
        column = anchor_key.start_mark.column
        at = self._after_line(_content_end(anchor_node, self.text))
        lead = "" if self.text[at - 1] == "\n" else "\n"
        body = self._indented(emit.entry(name, value), column)
        self._apply(at, at, f"{lead}{' ' * column}{body}\n", expected, tree)

    def _splice_flow(
        self, node: yaml.MappingNode, old: Data, new: Data, expected: Data, tree: _Tree
    ) -> None:
        """Change a flow mapping (``{a: 1, b: 2}``) from ``old`` to ``new`` in place."""
        self._splice(self._flow_splices(node, old, new, tree), expected, tree)

    def _splice(self, splices: list[tuple[int, int, str]], expected: Data, tree: _Tree) -> None:
        """Replace each ``(start, end, text)`` span at once (none overlap), as one edit."""
        if not splices:
            return
        start = min(s for s, _, _ in splices)
        end = max(e for _, e, _ in splices)
        pieces: list[str] = []
        at = start
        for s, e, text in sorted(splices, key=lambda splice: (splice[0], splice[1])):
            pieces.append(self.text[at:s])
            pieces.append(text)
            at = e
        pieces.append(self.text[at:end])
        self._apply(start, end, "".join(pieces), expected, tree)

    def _flow_splices(
        self, node: yaml.MappingNode, old: Data, new: Data, tree: _Tree
    ) -> list[tuple[int, int, str]]:
        """The text spans to replace so that flow mapping ``node`` reads as ``new``.

        A changed value replaces only its own text; a nested flow mapping is
        changed the same way; a removed key takes its ``key: value`` and one
        comma next to it; a new key goes before the closing brace.
        """
        if int(node.start_mark.index) in tree.anchors:  # others may name this mapping
            raise EditError(
                "the edit would touch an anchor or alias (& or *); make this change by hand",
                line=node.start_mark.line + 1,
            )
        close = int(node.end_mark.index) - 1
        if self.text[close : close + 1] != "}":
            raise EditError(
                "the record's flow mapping does not end in '}'; make this change by hand",
                line=self._line_of(close),
            )
        entries = [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        if len(entries) != len(node.value):
            raise EditError(
                "the record has a key that is not text; make this change by hand",
                line=node.start_mark.line + 1,
            )
        splices: list[tuple[int, int, str]] = []
        for position, (key, value) in enumerate(entries):
            name = key.value
            if name not in new:
                splices.append(self._flow_removal(entries, position))
                continue
            if name in old and old[name] == new[name]:
                continue
            if (
                isinstance(value, yaml.MappingNode)
                and _flow(value)
                and isinstance(new[name], dict)
                and isinstance(old.get(name), dict)
            ):
                splices.extend(self._flow_splices(value, old[name], new[name], tree))
                continue
            if int(value.start_mark.index) == int(value.end_mark.index):
                raise EditError(
                    f"'{name}' has no value written out; make this change by hand",
                    line=key.start_mark.line + 1,
                )
            start, end = int(value.start_mark.index), _content_end(value, self.text)
            splices.append((start, end, emit.flow(new[name])))
        written = {key.value for key, _ in entries}
        added = [f"{emit.flow(k)}: {emit.flow(v)}" for k, v in new.items() if k not in written]
        if added:
            if entries:
                at = _content_end(entries[-1][1], self.text)
                at = max(at, _content_end(entries[-1][0], self.text))
                splices.append((at, at, "".join(f", {text}" for text in added)))
            else:
                splices.append((close, close, ", ".join(added)))
        return splices

    def _block_splices(
        self, node: yaml.MappingNode, old: Data, new: Data, tree: _Tree
    ) -> list[tuple[int, int, str]] | None:
        """The text spans to replace so that block mapping ``node`` reads as ``new``.

        A changed entry replaces only its ``key: value`` text (a comment after it
        stays); a nested mapping is changed the same way; a removed key takes its
        own lines; a new key goes on a line of its own after the mapping's last
        line, at the mapping's indentation. None where a key does not start a
        line of its own (the entry is then written anew).
        """
        if int(node.start_mark.index) in tree.anchors:  # others may name this mapping
            raise EditError(
                "the edit would touch an anchor or alias (& or *); make this change by hand",
                line=node.start_mark.line + 1,
            )
        entries = [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        if not entries or not new or len(entries) != len(node.value):
            return None
        column = int(entries[0][0].start_mark.column)
        splices: list[tuple[int, int, str]] = []
        for key, value in entries:
            name = key.value
            start = int(key.start_mark.index)
            own_line = not self.text[self._line_start(start) : start].strip()
            if not own_line or key.start_mark.column != column:
                return None
            if name in old and name in new and old[name] == new[name]:
                continue
            end = max(_content_end(key, self.text), _content_end(value, self.text))
            if int(value.start_mark.index) == int(value.end_mark.index):
                # No value written (``key:``): its mark may be lines on; the entry ends at ':'.
                colon = re.compile(r"[ \t]*:").match(self.text, _content_end(key, self.text))
                if colon is None:
                    return None
                end = colon.end()
            if name not in new:
                splices.append((self._line_start(start), self._after_line(end), ""))
                continue
            if value.start_mark.index < key.end_mark.index:
                return None  # an alias: written anew, which refuses to touch it
            nested = isinstance(new[name], dict) and isinstance(old.get(name), dict)
            if nested and isinstance(value, yaml.MappingNode) and value.value and new[name]:
                if _flow(value):
                    splices.extend(self._flow_splices(value, old[name], new[name], tree))
                    continue
                inner = self._block_splices(value, old[name], new[name], tree)
                if inner is None:
                    return None
                splices.extend(inner)
                continue
            lines = emit.entry(name, new[name])
            splices.append((start, end, self._indented(lines, column)))
        written = {key.value for key, _ in entries}
        added = [line for k, v in new.items() if k not in written for line in emit.entry(k, v)]
        if added:
            at = self._after_line(_content_end(node, self.text))
            lead = "" if self.text[at - 1] == "\n" else "\n"
            splices.append((at, at, f"{lead}{' ' * column}{self._indented(added, column)}\n"))
        return splices

    def _flow_removal(
        self, entries: Sequence[tuple[yaml.Node, yaml.Node]], position: int
    ) -> tuple[int, int, str]:
        """The span of one ``key: value`` of a flow mapping and one comma next to it."""
        key, value = entries[position]
        start = int(key.start_mark.index)
        end = max(_content_end(value, self.text), _content_end(key, self.text))
        after = re.compile(r"[ \t]*,[ \t]*").match(self.text, end)
        if after is not None and position + 1 < len(entries):
            return start, after.end(), ""
        if position > 0:
            previous = max(_content_end(n, self.text) for n in entries[position - 1])
            between = self.text[previous:start]
            if re.fullmatch(r"[ \t]*,[ \t]*", between):
                return previous, end, ""
        if after is not None:
            return start, after.end(), ""
        return start, end, ""

    def _rewrite_record(self, item: yaml.Node, record: Data, expected: Data, tree: _Tree) -> None:
        """Write a whole record anew, in block style."""
        lines = emit.block(record)
        start, end = item.start_mark.index, _content_end(item, self.text)
        self._apply(start, end, self._indented(lines, item.start_mark.column), expected, tree)

    def remove(self, section: str, record_id: str) -> None:
        """Remove record ``record_id`` and its lines from ``section``."""
        tree = _compose(self.text)
        item, index = self._item(tree, section, record_id)
        expected = copy.deepcopy(self.data)
        del expected[section][index]
        found = self._section(tree, section)
        assert found is not None
        key, sequence = found
        if _flow(sequence):
            raise EditError(
                f"'{section}' is written in flow style ([...]); remove the record by hand",
                line=key.start_mark.line + 1,
            )
        if len(sequence.value) == 1:
            start, end = int(key.end_mark.index), _content_end(sequence, self.text)
            self._apply(start, end, ": []", expected, tree)
            return
        start = self._line_start(item.start_mark.index)
        if self.text[start : item.start_mark.index].strip() != "-":
            raise EditError(
                "the record does not start a line of its own; remove it by hand",
                line=item.start_mark.line + 1,
            )
        end = self._after_line(_content_end(item, self.text))
        if self._blank_before(item):
            # The blank line that kept this record apart goes with it.
            while end < len(self.text) and self.text[end] == "\n":
                end += 1
        self._apply(start, end, "", expected, tree)

    def _blank_before(self, item: yaml.Node) -> bool:
        """Whether the line before an item's first line is empty."""
        start = self._line_start(item.start_mark.index)
        return start >= 2 and self.text[start - 2] == "\n"

    def result(self) -> str:
        """The edited text, with the file's own line ends."""
        if self.newline == "\n":
            return self.text
        return self.text.replace("\n", self.newline)


def _read(text: str, file: str) -> Any:
    """The data of ``text`` as every command reads it (None when it cannot be read)."""
    try:
        return parse_text(text, file).data
    except LoadError:
        return None


Change = Callable[[Editor], None]
