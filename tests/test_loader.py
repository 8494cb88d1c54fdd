"""The loader treats claim files as untrusted input: one clear, located error each."""

from __future__ import annotations

import itertools
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import TODAY_DATE, Cli, Write, assert_refused, readers
from hypothesis import given, settings
from hypothesis import strategies as st

from claims_cli.check.rules import ALL_CHECKS, CheckContext, run_checks
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES
from claims_cli.read.build import build_ledger
from claims_cli.read.yaml_events import Document, LoadError, decode, parse_text
from claims_cli.read.yaml_events import read_document as read_with_limit


def read_document(path: str, display: str | None = None) -> Document:
    return read_with_limit(path, display, max_bytes=DEFAULT_MAX_FILE_BYTES)


def fatal(path: Path) -> tuple[int, int, str, str]:
    with pytest.raises(LoadError) as caught:
        read_document(str(path), path.name)
    d = caught.value.diagnostic
    return d.line, d.column, d.code, d.message


def test_duplicate_key_is_an_error_at_the_second_key(write: Write) -> None:
    path = write(
        "c.yaml",
        """
        version: 1
        claims:
          - id: a
            confidence: low
            claim: x
            confidence: high
        """,
    )
    doc = read_document(str(path), "c.yaml")
    [d] = doc.diagnostics
    assert (d.line, d.column, d.code) == (6, 5, "E102")
    assert "duplicate key 'confidence' (first at line 4)" in d.message
    assert doc.data["claims"][0]["confidence"] == "low"  # the first is kept, not the last


def test_keys_are_text_even_when_yaml_11_would_make_them_booleans() -> None:
    doc = parse_text("checked: {on: 2022-06-01, by: me}\n", "c.yaml")
    assert doc.data == {"checked": {"on": "2022-06-01", "by": "me"}}


def test_unquoted_dates_are_text_not_datetimes() -> None:
    doc = parse_text("a: 2022-05-30\nb: 2022-05-30T10:00:00Z\n", "c.yaml")
    assert doc.data == {"a": "2022-05-30", "b": "2022-05-30T10:00:00Z"}


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    letters = "abcdefghij"
    for previous, letter in itertools.pairwise(letters):
        refs = ",".join([f"*{previous}"] * 9)
        lines.append(f"{letter}: &{letter} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_with_bounded_memory(write: Write) -> None:
    text = billion_laughs()
    assert len(text) < 1024
    path = write("laughs.yaml", text)
    tracemalloc.start()
    started = time.perf_counter()
    line, column, code, message = fatal(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (line, column, code) == (5, 14, "E104")
    assert "billion laughs" in message
    assert elapsed < 5 and peak < 20 * 1024 * 1024  # generous: a real expansion is ~10^9


def test_a_few_aliases_for_shared_data_are_fine() -> None:
    doc = parse_text(
        "base: &b {source: s, claimant: X}\nuse: *b\nmerged: {<<: *b, locator: p1}\n", "f"
    )
    assert doc.data["use"] == {"source": "s", "claimant": "X"}
    assert doc.data["merged"] == {"source": "s", "claimant": "X", "locator": "p1"}
    assert doc.diagnostics == []


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("a: &a [1, *a]\n", "f")
    assert (caught.value.diagnostic.line, caught.value.diagnostic.code) == (1, "E105")


def test_python_tags_are_refused_and_never_run(write: Write, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    path = write(
        "evil.yaml",
        f"""
        version: 1
        claims:
          - id: x
            claim: !!python/object/apply:os.mkdir ["{target}"]
        """,
    )
    doc = read_document(str(path), "evil.yaml")
    [d] = doc.diagnostics
    assert (d.line, d.column, d.code) == (4, 12, "E103")
    assert "'!!python/object/apply:os.mkdir' is not allowed" in d.message
    assert not target.exists()


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!!set {a}", "!custom x", "!!omap [{a: 1}]"])
def test_every_non_data_tag_is_refused(tag: str) -> None:
    doc = parse_text(f"version: 1\nx: {tag}\n", "f")
    assert [(d.line, d.code) for d in doc.diagnostics] == [(2, "E103")]


def test_non_utf8_bytes_are_located(write: Write) -> None:
    path = write("latin1.yaml", "version: 1\nmeta:\n  title: caf\xe9\n".encode("latin-1"))
    assert fatal(path)[:3] == (3, 13, "E106")


def test_binary_file(write: Write) -> None:
    path = write("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    line, column, code, message = fatal(path)
    assert (line, column, code) == (1, 1, "E106")
    assert "binary" in message


def test_nul_byte_is_located(write: Write) -> None:
    path = write("nul.yaml", b"version: 1\nmeta:\n  title: a\x00b\n")
    assert fatal(path)[:3] == (3, 11, "E107")


def test_tab_indentation(write: Write) -> None:
    path = write("tabs.yaml", "version: 1\nmeta:\n\ttitle: x\n")
    line, column, code, message = fatal(path)
    assert (line, column, code) == (3, 1, "E108")
    assert "tab" in message and "spaces" in message


@pytest.mark.parametrize("text", ["", "   \n", "# just a comment\n"])
def test_empty_file(write: Write, text: str) -> None:
    path = write("empty.yaml", text)
    assert fatal(path)[:3] == (1, 1, "E109")


def test_second_document(write: Write) -> None:
    path = write("two.yaml", "version: 1\n---\nversion: 1\n")
    assert fatal(path)[:3] == (2, 1, "E110")


def test_huge_file_is_refused_before_reading(write: Write) -> None:
    path = write("huge.yaml", b"")
    with path.open("r+b") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: instant, and never read
    line, column, code, message = fatal(path)
    assert (line, column, code) == (1, 1, "E111")
    assert "200.0 MB" in message and "split" in message


def test_size_limit_is_the_callers(write: Write) -> None:
    path = write("c.yaml", "version: 1\n" + "# padding\n" * 200)
    with pytest.raises(LoadError) as caught:
        read_with_limit(str(path), "c.yaml", max_bytes=1024)
    assert caught.value.diagnostic.message == (
        "file is 2.0 KB, over the 1.0 KB limit for one claim file; split the ledger into "
        "several files in a directory (or raise CLAIMS_MAX_FILE_SIZE)"
    )
    assert read_with_limit(str(path), max_bytes=2011).data == {"version": 1}


def test_claims_max_file_size_sets_the_limit_for_every_command(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", "version: 1\n" + "# padding\n" * 200)
    small = {"CLAIMS_MAX_FILE_SIZE": "1K"}
    too_large = (
        f"{path}:1:1: E111 file is 2.0 KB, over the 1.0 KB limit for one claim file; "
        "split the ledger into several files in a directory (or raise CLAIMS_MAX_FILE_SIZE)"
    )
    for command in readers("any"):
        assert_refused(cli(*command, str(path), env=small), command, [too_large])
    assert cli("validate", str(path), env={"CLAIMS_MAX_FILE_SIZE": "1M"}).exit_code == 0


def test_deep_nesting_is_refused_without_crashing() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("[" * 100_000, "deep.yaml")
    assert caught.value.diagnostic.code == "E115"


def test_syntax_error_is_located() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("version: 1\nclaims:\n  - id: a\n   claim: b\n", "f")
    d = caught.value.diagnostic
    assert (d.line, d.code) == (4, "E101")


def test_non_text_key() -> None:
    with pytest.raises(LoadError) as caught:
        parse_text("version: 1\n? [a, b]\n: c\n", "f")
    assert (caught.value.diagnostic.line, caught.value.diagnostic.code) == (2, "E114")


def test_yaml_11_octal_is_flagged() -> None:
    doc = parse_text("amount: 0777\n", "f")
    [d] = doc.diagnostics
    assert (d.line, d.column, d.code) == (1, 9, "E113")
    assert "511" in d.message


def test_non_finite_numbers_are_refused() -> None:
    doc = parse_text("amount: .nan\n", "f")
    assert [(d.line, d.code) for d in doc.diagnostics] == [(1, "E112")]


def test_marks_are_recovered_lazily() -> None:
    doc = parse_text("version: 1\nclaims:\n  - id: a\n    confidence: medum\n", "f")
    assert doc._marks is None  # the fast path records none
    mark = doc.locate(("claims", 0, "confidence"))
    assert (mark.line, mark.column) == (4, 17)
    assert (doc.locate(("claims", 0, "confidence"), key=True).column) == 5
    # A path that is not in the file falls back to the nearest enclosing value.
    assert doc.locate(("claims", 0, "missing")).line == 3


def test_byte_order_mark_is_accepted(write: Write) -> None:
    path = write("bom.yaml", b"\xef\xbb\xbfversion: 1\n")
    assert read_document(str(path)).data == {"version": 1}


# -- no input ever gives a traceback -------------------------------------------------

yaml_fragments = st.sampled_from(
    [
        "version: 1\n",
        "claims:\n",
        "sources:\n",
        "  - id: a\n",
        "    claim: x\n",
        "    confidence: NO\n",
        "    attribution: {source: s}\n",
        "    value: {amount: 1e3, unit: USD}\n",
        "  - &x {id: b}\n",
        "  - *x\n",
        "  <<: *x\n",
        "- [\n",
        "? \n",
        "\t",
        ": ",
        "!!python/name:os.system\n",
        "'",
        '"',
        "{",
        "}",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "\x00",
        "\ufeff",
        "日本: ",
        "2022-13-45",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(yaml_fragments, st.text(max_size=8)), max_size=25))
def test_any_text_loads_or_fails_with_one_located_error(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        doc = parse_text(text, "fuzz.yaml")
    except LoadError as exc:
        d = exc.diagnostic
        assert d.line >= 1 and d.column >= 1 and d.code.startswith("E")
        return
    built = build_ledger([doc])
    context = CheckContext(ledger=built.ledger, documents={doc.file: doc}, today=TODAY_DATE)
    for d in [*doc.diagnostics, *built.diagnostics, *run_checks(context, ALL_CHECKS)]:
        assert d.line >= 1 and d.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_fail_cleanly(raw: bytes) -> None:
    try:
        parse_text(decode(raw, "b.yaml"), "b.yaml")
    except LoadError as exc:
        assert exc.diagnostic.line >= 1


def test_terminal_escape_sequences_are_refused() -> None:
    doc = parse_text('version: 1\nmeta:\n  title: "\\e[31mred\\e]0;title\\a"\n', "f")
    [d] = doc.diagnostics
    assert (d.line, d.column, d.code) == (3, 10, "E117")
    assert "U+001B" in d.message
    assert doc.data["meta"]["title"] is None


def test_a_control_character_in_a_key_is_shown_escaped() -> None:
    doc = parse_text('version: 1\n"a\\e[2Jb": 1\n', "f")
    [d] = doc.diagnostics
    assert (d.line, d.code) == (2, "E117")
    assert list(doc.data) == ["version", "a\\x1b[2Jb"]


def test_bidirectional_overrides_are_flagged_but_kept() -> None:
    doc = parse_text("version: 1\nmeta:\n  title: abc\u202edcb\n", "f")
    [d] = doc.diagnostics
    assert (d.line, d.column, d.code) == (3, 10, "W118")
    assert doc.data["meta"]["title"] == "abc\u202edcb"


def test_ordinary_text_in_any_script_passes() -> None:
    text = 'version: 1\nmeta: {title: "Рахмон — رحمان\\tok\\nline", description: "€ ½ 東京"}\n'
    assert parse_text(text, "f").diagnostics == []
