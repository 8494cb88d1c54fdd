"""Turn the plain data of claim files into the typed model.

What the builder checks comes from the model's dataclasses
(:func:`claims_cli.model.shape_of`): the keys of each record, which are
required, their kinds, the choices of each ``Literal`` and the tags' rule.
It reports what does not fit as diagnostics instead of failing, and leaves
out a record it cannot build; :func:`declared_in` still knows the ids and
citations such a record declared, so the checks that follow report nothing
twice. Look-ups rely on it alone and so never import jsonschema; ``claims
validate`` lets the JSON Schema speak for the shapes instead (see
:mod:`claims_cli.check.pipeline`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claims_cli.check import messages
from claims_cli.check.diagnostics import Diagnostic, human_path
from claims_cli.model import (
    FORMAT_VERSION,
    Claim,
    FieldShape,
    Ledger,
    LedgerFile,
    Meta,
    Origin,
    Source,
    shape_of,
)
from claims_cli.read.yaml_events import Document, PathParts

TOP_LEVEL: Mapping[str, FieldShape] = shape_of(LedgerFile)
TOP_LEVEL_KEYS = tuple(TOP_LEVEL)


@dataclass
class Built:
    """What the builder made of a set of documents."""

    ledger: Ledger
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Declared:
    """What the records of a ledger declare, whether or not they could be built.

    A claim left out for a missing key still cites its source and still owns
    its id: references to it are not missing, and its source is not uncited.
    """

    claim_ids: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    citations: frozenset[str] = frozenset()


def declared_in(documents: Iterable[Document]) -> Declared:
    """The ids (in file order) and cited source ids of every record in ``documents``."""
    ids: dict[str, dict[str, None]] = {"claims": {}, "sources": {}}
    citations: set[str] = set()
    for doc in documents:
        data = doc.data
        if not isinstance(data, dict):
            continue
        for section, seen in ids.items():
            entries = data.get(section)
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, dict):
                    continue
                if isinstance(entry.get("id"), str):
                    seen.setdefault(entry["id"])
                if section == "claims":
                    citations.update(_cited(entry))
    return Declared(tuple(ids["claims"]), tuple(ids["sources"]), frozenset(citations))


def _cited(entry: dict[str, Any]) -> Iterable[str]:
    evidence = entry.get("evidence")
    refs = [entry.get("attribution"), *(evidence if isinstance(evidence, list) else ())]
    for ref in refs:
        if isinstance(ref, dict) and isinstance(ref.get("source"), str):
            yield ref["source"]
    appearances = entry.get("appearances")
    for source_id in appearances if isinstance(appearances, list) else ():
        if isinstance(source_id, str):
            yield source_id


def _choose(raw: Any, choices: tuple[Any, ...]) -> Any:
    """The choice ``raw`` is, compared as JSON Schema's ``enum`` does.

    ``1.0`` is the choice ``1``; ``true`` is not, nor is the text ``"1"``.
    """
    for choice in choices:
        if (
            raw == choice
            and isinstance(raw, bool) == isinstance(choice, bool)
            and isinstance(raw, str) == isinstance(choice, str)
        ):
            return choice
    return _BAD


class _Reader:
    def __init__(self, doc: Document, out: list[Diagnostic]) -> None:
        self.doc = doc
        self.out = out

    def fail(self, parts: PathParts, code: str, message: str, *, key: bool = False) -> None:
        self.out.append(self.doc.diagnostic(parts, code, message, key=key))

    def wrong_type(self, parts: PathParts, expected: list[str], value: Any) -> None:
        raw = self.doc.plain_scalar(parts) if not isinstance(value, list | dict) else None
        self.fail(parts, "E203", messages.wrong_type(human_path(parts), expected, value, raw))

    def record(self, raw: Any, parts: PathParts, model: type, **extra: Any) -> Any:
        """The model object ``raw`` describes, or None (with diagnostics) if it cannot be built."""
        if not isinstance(raw, dict):
            self.wrong_type(parts, ["object"], raw)
            return None
        shapes = shape_of(model)
        ok = True
        for key in raw:
            if key not in shapes:
                where = human_path(parts)
                self.fail((*parts, key), "E201", messages.unknown_key(where, key, shapes), key=True)
                ok = False
        values: dict[str, Any] = {}
        for name, shape in shapes.items():
            if name not in raw:
                if shape.required:
                    self.fail(parts, "E202", messages.missing_key(human_path(parts), name))
                    ok = False
                continue
            value = self.field(raw[name], (*parts, name), shape)
            if value is _BAD:
                ok = False
            elif value is not None:
                values[name] = value
        return model(**values, **extra) if ok else None

    def field(self, raw: Any, parts: PathParts, shape: FieldShape) -> Any:
        if raw is None and not shape.required:
            return None
        if shape.kind == "text":
            if not isinstance(raw, str):
                self.wrong_type(parts, ["string"], raw)
                return _BAD
            if shape.spec.get("text") == "slug":
                problem = messages.slug_problem(raw)
                if problem:
                    # Said as the schema says it, and the record still built: look-ups
                    # refuse a ledger with a bad id as validate does.
                    self.fail(parts, "E205", f"{human_path(parts)}: {problem}")
            return raw
        if shape.kind == "number":
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                return raw
            self.wrong_type(parts, ["number"], raw)
            return _BAD
        if shape.kind == "choice":
            chosen = _choose(raw, shape.choices)
            if chosen is _BAD:
                raw_text = self.doc.plain_scalar(parts)
                where = human_path(parts)
                self.fail(parts, "E204", messages.not_one_of(where, raw, shape.choices, raw_text))
            return chosen
        if shape.kind == "record":
            assert shape.record is not None
            made = self.record(raw, parts, shape.record)
            return _BAD if made is None else made
        if not isinstance(raw, list):
            self.wrong_type(parts, ["array"], raw)
            return _BAD
        if shape.kind == "texts":
            return self.texts(raw, parts, shape)
        assert shape.record is not None
        made_all = [self.record(entry, (*parts, i), shape.record) for i, entry in enumerate(raw)]
        return _BAD if any(r is None for r in made_all) else tuple(made_all)

    def texts(self, raw: list[Any], parts: PathParts, shape: FieldShape) -> Any:
        good = True
        for index, text in enumerate(raw):
            if not isinstance(text, str):
                self.wrong_type((*parts, index), ["string"], text)
                good = False
            elif shape.spec.get("text") == "tag":
                problem = messages.tag_problem(text)
                if problem:
                    # A format problem, like a bad id: said, and the claim still built.
                    self.fail((*parts, index), "E205", f"{human_path((*parts, index))}: {problem}")
        if not good:
            return _BAD
        if shape.spec.get("text") == "tag":
            return tuple(unicodedata.normalize("NFC", text) for text in raw)
        return tuple(raw)


_BAD: Any = object()


#: How many records :func:`build_ledger` builds between two calls of ``tick``.
TICK_RECORDS = 4096


def build_ledger(
    documents: Iterable[Document], *, tick: Callable[[int], None] | None = None
) -> Built:
    """The model of every document, with diagnostics for what could not be built.

    A file whose top level is wrong (not a mapping, no or another ``version``,
    an unknown key) is left out whole; a record that cannot be built is left
    out alone. ``tick``, if given, is called now and then with the number of
    claims looked at so far.
    """
    claims: list[Claim] = []
    sources: list[Source] = []
    meta: Meta | None = None
    built = Built(Ledger())
    files: list[str] = []
    looked_at = 0
    for doc in documents:
        files.append(doc.file)
        reader = _Reader(doc, built.diagnostics)
        data = doc.data
        if not _top_level_ok(reader, data):
            continue
        if data.get("meta") is not None and meta is None:
            meta = reader.record(data["meta"], ("meta",), Meta)
        for section, model, into in (("sources", Source, sources), ("claims", Claim, claims)):
            entries = data.get(section)
            if entries is None:
                continue
            if not isinstance(entries, list):
                reader.wrong_type((section,), ["array"], entries)
                continue
            for index, entry in enumerate(entries):
                parts: PathParts = (section, index)
                made = reader.record(entry, parts, model, origin=Origin(doc.file, parts))
                if made is not None:
                    into.append(made)
                if tick is not None and section == "claims" and index and not index % TICK_RECORDS:
                    tick(looked_at + index)
            if section == "claims":
                looked_at += len(entries)
    built.ledger = Ledger(
        claims=tuple(claims),
        sources=tuple(sources),
        meta=meta,
        files=tuple(files),
    )
    return built


def build_claim(raw: Any, file: str, position: int) -> Claim | None:
    """Entry ``position`` of the claims of ``file``, as :func:`build_ledger` builds it.

    For plain data already known to build without a problem (the look-up
    index keeps only such claims); None if it does not, without saying why.
    """
    parts: PathParts = ("claims", position)
    try:
        made = _Reader(Document(file, None, ""), []).record(
            raw, parts, Claim, origin=Origin(file, parts)
        )
    except Exception:  # a problem to locate in a text it does not have
        return None
    return made if isinstance(made, Claim) else None


def _top_level_ok(reader: _Reader, data: Any) -> bool:
    """Check the file's outer shape; the records inside are read afterwards."""
    if not isinstance(data, dict):
        reader.fail((), "E207", messages.top_level(data))
        return False
    ok = True
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            reader.fail(
                (key,), "E201", messages.unknown_key("document", key, TOP_LEVEL_KEYS), key=True
            )
            ok = False
    if "version" not in data:
        reader.fail((), "E202", messages.missing_key("document", "version") + " (use 'version: 1')")
        return False
    version = data["version"]
    if version != FORMAT_VERSION or isinstance(version, bool):
        message = messages.wrong_version("version", FORMAT_VERSION, version)
        reader.fail(("version",), "E206", message)
        return False
    return ok
