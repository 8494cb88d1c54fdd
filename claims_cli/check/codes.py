"""Every diagnostic code, once: its severity, its short title and what it means.

``E`` codes are errors and ``W`` codes warnings; the hundreds say who finds
them: 1 reading the YAML, 2 the schema, 3 the ledger's rules, 4 quotes and
locators checked against the sources' archived copies (snapshots), 5 figures
(units, metrics and conflicting values), 6 what a verdict needs before it is
published (review and publishing). Checks write
their code as a literal where they report it; a test scans the package for
those literals and holds them, this table, ``docs/format.md`` (where each code
has an anchor such as ``#e301``) and the README's table in step. Reports read
titles and help from here: the SARIF rules, the GitHub annotation titles.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims_cli.check.diagnostics import Severity

#: Where the codes are explained; a code's help page is this plus ``#`` and
#: the code in lower case (``…/docs/format.md#e301``).
DOCS_URL = "https://github.com/OWNER/claims/blob/main/docs/format.md"


@dataclass(frozen=True, slots=True)
class Code:
    """One diagnostic code: ``E301``, an error, ``duplicate-id``, and a sentence of help."""

    code: str
    severity: Severity
    title: str
    help: str

    @property
    def anchor(self) -> str:
        """The anchor of the code's entry in ``docs/format.md``: ``e301``."""
        return self.code.lower()

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.anchor}"


_E = Severity.ERROR
_W = Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "E100",
            _E,
            "unreadable-file",
            "The file cannot be read (no permission, or a symbolic link that leads nowhere).",
        ),
        Code("E101", _E, "yaml-syntax", "The file is not well-formed YAML."),
        Code(
            "E102",
            _E,
            "duplicate-key",
            "A mapping has the same key twice; plain YAML would keep only the last value.",
        ),
        Code(
            "E103",
            _E,
            "forbidden-tag",
            "A tag such as `!!python/object` asks for more than plain data; loading never "
            "builds objects.",
        ),
        Code(
            "E104",
            _E,
            "alias-expansion",
            "Aliases expand to more than the bound allows (a file that multiplies itself).",
        ),
        Code("E105", _E, "recursive-alias", "An alias refers to a collection that contains it."),
        Code("E106", _E, "not-utf8", "The file is not UTF-8 text."),
        Code("E107", _E, "nul-byte", "The file holds a NUL byte."),
        Code("E108", _E, "tab-indentation", "A tab is used for indentation; indent with spaces."),
        Code("E109", _E, "empty-file", "The file is empty or holds only comments."),
        Code(
            "E110",
            _E,
            "multiple-documents",
            "A second YAML document follows a `---` line; put it in a file of its own.",
        ),
        Code(
            "E111",
            _E,
            "file-too-large",
            "The file is over the size limit (128 MB, or `CLAIMS_MAX_FILE_SIZE`).",
        ),
        Code(
            "E112",
            _E,
            "bad-number",
            "A number that cannot be read, is not finite, or is too large for a float.",
        ),
        Code(
            "E113",
            _E,
            "yaml-1.1-number",
            "A number YAML 1.1 reads differently from how it is written (`0123` is 83, "
            "`1:30` is 90): write the digits meant, or quote it if you mean the text.",
        ),
        Code(
            "E114",
            _E,
            "non-text-key",
            "A mapping key is a list, a mapping or an alias; keys must be plain text.",
        ),
        Code("E115", _E, "too-deep", "Collections are nested deeper than 64 levels."),
        Code(
            "E116",
            _E,
            "bad-merge",
            "A merge key `<<` is given something other than a mapping or a list of mappings.",
        ),
        Code(
            "E117",
            _E,
            "control-character",
            "Quoted text holds a control character, such as a terminal escape sequence.",
        ),
        Code(
            "W118",
            _W,
            "bidirectional-control",
            "Text holds a bidirectional override character, so it displays differently "
            "from what it holds.",
        ),
        Code(
            "E119",
            _E,
            "not-a-regular-file",
            "A claim-file name leads to a named pipe, a socket or a device; claims are read "
            "only from regular files (and from standard input, named `-`).",
        ),
        Code("E201", _E, "unknown-key", "A key the format does not define (often a misspelling)."),
        Code("E202", _E, "missing-key", "A required key is missing."),
        Code("E203", _E, "wrong-type", "A value of the wrong type, such as a list for text."),
        Code("E204", _E, "not-one-of", "A value outside a closed choice, such as a status."),
        Code(
            "E205",
            _E,
            "bad-format",
            "A value of the right type in the wrong form: an id, a URL that is not http(s), "
            "a date that is not a real calendar date.",
        ),
        Code("E206", _E, "unsupported-version", "`version` is not a format version this reads."),
        Code("E207", _E, "not-a-mapping", "The top level of the file is not a mapping."),
        Code("E208", _E, "schema", "Any other disagreement with the JSON Schema."),
        Code("E301", _E, "duplicate-id", "The same claim or source id twice, across all files."),
        Code(
            "E302",
            _E,
            "unknown-source",
            "An attribution, evidence or appearance `source` that names no source.",
        ),
        Code("E303", _E, "unknown-supersedes", "`supersedes` naming a claim that does not exist."),
        Code("W304", _W, "uncited-source", "A source that no claim cites."),
        Code(
            "E305",
            _E,
            "future-date",
            "A date in the future (a forecast's own `date` may lie ahead).",
        ),
        Code(
            "E306",
            _E,
            "accessed-before-published",
            "A source `accessed` before it was `published`.",
        ),
        Code(
            "W307",
            _W,
            "amount-not-in-quote",
            '`value.amount` not among the figures of the `quote` (121000000 matches "$121 '
            'million", "121m", "US$121 mn").',
        ),
        Code(
            "W308",
            _W,
            "verdict-without-evidence",
            "A verdict other than `unverified`/`unverifiable` with no evidence.",
        ),
        Code("W309", _W, "duplicate-claim-text", "The same claim text twice."),
        Code("W310", _W, "id-shared-by-claim-and-source", "A claim with the same id as a source."),
        Code(
            "E401",
            _E,
            "snapshot-unreadable",
            "A source's `snapshot` file is missing, or cannot be read as UTF-8 text.",
        ),
        Code(
            "E402",
            _E,
            "snapshot-changed",
            "A snapshot's SHA-256 is not the `sha256` recorded for it: the archived copy changed.",
        ),
        Code(
            "E403",
            _E,
            "snapshot-outside-repository",
            "A `snapshot` path leads out of the ledger's repository (by `..`, an absolute "
            "path or a symbolic link).",
        ),
        Code(
            "E404",
            _E,
            "quote-not-in-snapshot",
            "A claim's or evidence item's `quote` is not in its source's snapshot, even "
            "after normalising; the closest passage is shown.",
        ),
        Code(
            "W405",
            _W,
            "wrong-locator",
            "A `para N`, `line N` or `page N` locator that is not where the quote sits in "
            "the snapshot; the right one is named.",
        ),
        Code(
            "E406",
            _E,
            "snapshot-required",
            "A source without a `snapshot`, with `claims validate --require-snapshots`.",
        ),
        Code(
            "W407",
            _W,
            "snapshot-without-hash",
            "A source with a `snapshot` but no `sha256`, so a changed copy would go unnoticed.",
        ),
        Code(
            "W408",
            _W,
            "anchor-moved",
            "An `attribution.anchor` whose text no longer sits at its place in the snapshot "
            "(`claims locate ID --write` records it again).",
        ),
        Code(
            "E501",
            _E,
            "unit-spelling",
            "`value.unit` names a known unit or currency in another spelling (`usd`, `dollars`, "
            "`kilometres`); write its symbol or ISO 4217 code (`USD`, `km`).",
        ),
        Code(
            "E502",
            _E,
            "metric-dimension",
            "Claims of one `value.metric` in units of different dimensions (a length in one, a "
            "mass in another).",
        ),
        Code(
            "W503",
            _W,
            "conflicting-values",
            "Two claims that measure the same thing (the same metric, or possibly so) and "
            "whose values disagree beyond the tolerance (`claims validate --conflicts`; "
            "warned at both claims).",
        ),
        Code(
            "W504",
            _W,
            "unreviewed-extraction",
            "A claim `claims extract` proposed (tag `extracted`) that no person has reviewed: "
            "its confidence `very-low` is a placeholder.",
        ),
        Code(
            "W601",
            _W,
            "verdict-without-explanation",
            "A verdict other than `unverified`/`unverifiable` with no `explanation` of it.",
        ),
        Code(
            "W602",
            _W,
            "claim-reviewed-too-long",
            "A claim with a verdict longer than 75 characters, Google's guideline for "
            "ClaimReview's `claimReviewed`.",
        ),
        Code(
            "W603",
            _W,
            "verdict-contradicted-by-evidence",
            "A `supported` claim whose only evidence `refutes` it, or a `refuted` one whose "
            "only evidence `supports` it (`context` aside).",
        ),
    )
}


def lookup(code: str) -> Code:
    """The table's entry for ``code``; a code the table lacks gets a plain entry, never an error.

    Reports must not fail because a check learnt a code before the table did
    (a test keeps that from reaching a release).
    """
    found = CODES.get(code)
    if found is not None:
        return found
    severity = Severity.WARNING if code.startswith("W") else Severity.ERROR
    return Code(code, severity, "undocumented", "No description is recorded for this code.")
