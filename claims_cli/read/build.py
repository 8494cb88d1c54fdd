"""Turn the plain data of claim files into the typed model.

The builder checks what the model needs to hold together (shapes, required
keys, closed choices, unknown keys) and reports anything else as a diagnostic
instead of failing; it is what look-ups use, so they never import jsonschema.
``claims validate`` runs the JSON Schema first and builds only the records the
schema accepted, so a problem is reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claims_cli.check import messages
from claims_cli.check.diagnostics import Diagnostic, human_path
from claims_cli.model import (
    CLAIM_TYPES,
    CLAIMANT_TYPES,
    COMPARATORS,
    CONFIDENCE_LEVELS,
    CREDIBILITIES,
    FORMAT_VERSION,
    RELIABILITIES,
    SOURCE_KINDS,
    STANCES,
    STATUSES,
    Attribution,
    Checked,
    Claim,
    Evidence,
    Ledger,
    Meta,
    Origin,
    Publisher,
    Source,
    Value,
)
from claims_cli.read.yaml_events import Document, PathParts


@dataclass(frozen=True)
class _Field:
    kind: str  # text | number | choice | texts | record | records
    required: bool = False
    choices: tuple[Any, ...] = ()
    spec: _Spec | None = None


@dataclass(frozen=True)
class _Spec:
    make: Callable[..., Any]
    fields: Mapping[str, _Field]


def _text(required: bool = False) -> _Field:
    return _Field("text", required)


def _choice(choices: tuple[Any, ...], required: bool = False) -> _Field:
    return _Field("choice", required, choices)


PUBLISHER = _Spec(Publisher, {"name": _text(), "url": _text()})
META = _Spec(
    Meta,
    {
        "title": _text(),
        "description": _text(),
        "publisher": _Field("record", spec=PUBLISHER),
        "license": _text(),
    },
)
SOURCE = _Spec(
    Source,
    {
        "id": _text(True),
        "title": _text(True),
        "publisher": _text(),
        "author": _text(),
        "url": _text(),
        "archive_url": _text(),
        "published": _text(),
        "accessed": _text(),
        "kind": _choice(SOURCE_KINDS),
        "reliability": _choice(RELIABILITIES),
        "snapshot": _text(),
        "sha256": _text(),
    },
)
VALUE = _Spec(
    Value,
    {
        "amount": _Field("number", True),
        "unit": _text(True),
        "comparator": _choice(COMPARATORS),
        "period": _text(),
        "metric": _text(),
    },
)
ATTRIBUTION = _Spec(
    Attribution,
    {
        "source": _text(True),
        "claimant": _text(),
        "claimant_type": _choice(CLAIMANT_TYPES),
        "locator": _text(),
    },
)
EVIDENCE = _Spec(
    Evidence,
    {
        "source": _text(True),
        "stance": _choice(STANCES, True),
        "note": _text(),
        "locator": _text(),
    },
)
CHECKED = _Spec(Checked, {"by": _text(), "on": _text()})
CLAIM = _Spec(
    Claim,
    {
        "id": _text(True),
        "claim": _text(True),
        "type": _choice(CLAIM_TYPES, True),
        "quote": _text(),
        "value": _Field("record", spec=VALUE),
        "date": _text(),
        "tags": _Field("texts"),
        "entities": _Field("texts"),
        "attribution": _Field("record", True, spec=ATTRIBUTION),
        "confidence": _choice(CONFIDENCE_LEVELS, True),
        "credibility": _choice(CREDIBILITIES),
        "status": _choice(STATUSES),
        "evidence": _Field("records", spec=EVIDENCE),
        "supersedes": _text(),
        "notes": _text(),
        "checked": _Field("record", spec=CHECKED),
    },
)
TOP_LEVEL_KEYS = ("version", "meta", "sources", "claims")


@dataclass
class Built:
    """What the builder made of a set of documents."""

    ledger: Ledger
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Ids of records that were left out for their problems, so that references
    #: to them are not reported a second time as missing.
    skipped_claim_ids: set[str] = field(default_factory=set)
    skipped_source_ids: set[str] = field(default_factory=set)
    #: Source ids that left-out claims cite, so those sources are not called uncited.
    skipped_citations: set[str] = field(default_factory=set)


class _Reader:
    def __init__(self, doc: Document, out: list[Diagnostic]) -> None:
        self.doc = doc
        self.out = out

    def fail(self, parts: PathParts, code: str, message: str, *, key: bool = False) -> None:
        self.out.append(self.doc.diagnostic(parts, code, message, key=key))

    def wrong_type(self, parts: PathParts, expected: list[str], value: Any) -> None:
        raw = self.doc.plain_scalar(parts) if not isinstance(value, list | dict) else None
        self.fail(parts, "E203", messages.wrong_type(human_path(parts), expected, value, raw))

    def record(self, raw: Any, parts: PathParts, spec: _Spec, **extra: Any) -> Any:
        if not isinstance(raw, dict):
            self.wrong_type(parts, ["object"], raw)
            return None
        ok = True
        for key in raw:
            if key not in spec.fields:
                where = human_path(parts)
                self.fail(
                    (*parts, key),
                    "E201",
                    messages.unknown_key(where, key, spec.fields),
                    key=True,
                )
                ok = False
        values: dict[str, Any] = {}
        for name, item in spec.fields.items():
            if name not in raw:
                if item.required:
                    self.fail(parts, "E202", messages.missing_key(human_path(parts), name))
                    ok = False
                continue
            value = self.field(raw[name], (*parts, name), item)
            if value is _BAD:
                ok = False
            elif value is not None:
                values[name] = value
        return spec.make(**values, **extra) if ok else None

    def field(self, raw: Any, parts: PathParts, item: _Field) -> Any:
        if raw is None and not item.required:
            return None
        if item.kind == "text":
            if isinstance(raw, str):
                return raw
            self.wrong_type(parts, ["string"], raw)
            return _BAD
        if item.kind == "number":
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                return raw
            self.wrong_type(parts, ["number"], raw)
            return _BAD
        if item.kind == "choice":
            if raw in item.choices and type(raw) is type(item.choices[0]):
                return raw
            raw_text = self.doc.plain_scalar(parts)
            where = human_path(parts)
            self.fail(parts, "E204", messages.not_one_of(where, raw, item.choices, raw_text))
            return _BAD
        if item.kind == "texts":
            if not isinstance(raw, list):
                self.wrong_type(parts, ["array"], raw)
                return _BAD
            good = True
            for index, text in enumerate(raw):
                if not isinstance(text, str):
                    self.wrong_type((*parts, index), ["string"], text)
                    good = False
            return tuple(raw) if good else _BAD
        assert item.spec is not None
        if item.kind == "record":
            made = self.record(raw, parts, item.spec)
            return _BAD if made is None else made
        if not isinstance(raw, list):
            self.wrong_type(parts, ["array"], raw)
            return _BAD
        records = [self.record(entry, (*parts, i), item.spec) for i, entry in enumerate(raw)]
        return _BAD if any(r is None for r in records) else tuple(records)


_BAD: Any = object()


def build_ledger(
    documents: list[Document],
    *,
    skip: Callable[[Document, PathParts], bool] | None = None,
) -> Built:
    """The model of every document, with diagnostics for what could not be built.

    ``skip(doc, path)`` names records (``("claims", 3)``, ``("meta",)``) whose
    problems were reported already: they are built if they can be (a bad URL
    still leaves a usable claim for the semantic checks), without a second
    report. A whole file (``()``) named by ``skip`` is left out.
    """
    claims: list[Claim] = []
    sources: list[Source] = []
    meta: Meta | None = None
    built = Built(Ledger())
    for doc in documents:
        if skip is not None and skip(doc, ()):
            _remember_ids(doc.data, built)
            continue
        reader = _Reader(doc, built.diagnostics)
        quiet = _Reader(doc, [])
        data = doc.data
        if not _top_level_ok(reader, data):
            continue
        if data.get("meta") is not None and meta is None:
            use = quiet if skip is not None and skip(doc, ("meta",)) else reader
            meta = use.record(data["meta"], ("meta",), META)
        for section, spec, into in (("sources", SOURCE, sources), ("claims", CLAIM, claims)):
            entries = data.get(section)
            if entries is None:
                continue
            if not isinstance(entries, list):
                reader.wrong_type((section,), ["array"], entries)
                continue
            for index, entry in enumerate(entries):
                parts: PathParts = (section, index)
                use = quiet if skip is not None and skip(doc, parts) else reader
                made = use.record(entry, parts, spec, origin=Origin(doc.file, parts))
                if made is None:
                    _remember(entry, section, built)
                else:
                    into.append(made)
    built.ledger = Ledger(
        claims=tuple(claims),
        sources=tuple(sources),
        meta=meta,
        files=tuple(doc.file for doc in documents),
    )
    return built


def _remember_ids(data: Any, built: Built) -> None:
    if not isinstance(data, dict):
        return
    for section in ("sources", "claims"):
        entries = data.get(section)
        if isinstance(entries, list):
            for entry in entries:
                _remember(entry, section, built)


def _remember(entry: Any, section: str, built: Built) -> None:
    """Note what a left-out record was, so checks do not report it a second time."""
    if not isinstance(entry, dict):
        return
    if isinstance(entry.get("id"), str):
        skipped = built.skipped_claim_ids if section == "claims" else built.skipped_source_ids
        skipped.add(entry["id"])
    if section != "claims":
        return
    refs = [entry.get("attribution")]
    if isinstance(entry.get("evidence"), list):
        refs.extend(entry["evidence"])
    for ref in refs:
        if isinstance(ref, dict) and isinstance(ref.get("source"), str):
            built.skipped_citations.add(ref["source"])


def _top_level_ok(reader: _Reader, data: Any) -> bool:
    """Check the file's outer shape; the records inside are read afterwards."""
    if not isinstance(data, dict):
        found = messages.describe(data)
        reader.fail(
            (),
            "E207",
            f"the top level is {found}; a claim file is a mapping with 'version: 1', "
            "'sources' and 'claims'",
        )
        return False
    ok = True
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            reader.fail((key,), "E201", messages.unknown_key("document", key, TOP_LEVEL_KEYS))
            ok = False
    if "version" not in data:
        reader.fail((), "E202", messages.missing_key("document", "version") + " (use 'version: 1')")
        return False
    version = data["version"]
    if version != FORMAT_VERSION or isinstance(version, bool):
        reader.fail(
            ("version",),
            "E206",
            f"version: this claims reads format version {FORMAT_VERSION}, "
            f"not {messages.describe(version)}",
        )
        return False
    return ok
