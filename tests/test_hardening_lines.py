"""Positions count line breaks as YAML does: LF, CRLF, CR, NEL, LS and PS."""

from __future__ import annotations

import pytest
from conftest import Cli, Write, assert_refused

from claims_cli.read.yaml_events import LoadError, decode, parse_text

BREAKS = {
    "LF": b"\n",
    "CRLF": b"\r\n",
    "CR": b"\r",
    "NEL": "\x85".encode(),
    "LS": "\u2028".encode(),
    "PS": "\u2029".encode(),
}


def lines(end: bytes, *rows: bytes) -> bytes:
    return end.join(rows) + end


def refusal(raw: bytes) -> tuple[int, int, str, str]:
    with pytest.raises(LoadError) as caught:
        decode(raw, "f.yaml")
    d = caught.value.diagnostic
    return d.line, d.column, d.code, d.message


@pytest.mark.parametrize("end", BREAKS.values(), ids=BREAKS.keys())
def test_a_bad_byte_is_located_on_its_line(end: bytes) -> None:
    raw = lines(end, b"version: 1", b"meta:", "  title: café ".encode() + b"\xff")
    assert refusal(raw) == (
        3,
        15,
        "E106",
        "not UTF-8 text: byte 0xff cannot start a character (is this a binary file?)",
    )


@pytest.mark.parametrize("end", BREAKS.values(), ids=BREAKS.keys())
def test_a_nul_byte_is_located_on_its_line(end: bytes) -> None:
    raw = lines(end, b"version: 1", b"meta:", "  title: café \x00".encode())
    assert refusal(raw) == (3, 15, "E107", "NUL byte in file: claim files are plain text")


@pytest.mark.parametrize("end", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize("bad", [b"\xff", b"\x00"], ids=["bad-byte", "nul"])
def test_the_position_agrees_with_yamls_own_marks(end: bytes, bad: bytes) -> None:
    # The same file with a good character where the bad one is: YAML's mark
    # for that value is where the refusal must point.
    head = "  - {id: «é», claim: ".encode()
    rows = [b"version: 1", b"claims:", b"", head + b"x}"]
    good = parse_text(decode(lines(end, *rows), "f.yaml"), "f.yaml")
    mark = good.locate(("claims", 0, "claim"))
    rows[-1] = head + bad + b"x}"
    line, column, _, _ = refusal(lines(end, *rows))
    assert (line, column) == (mark.line, mark.column) == (4, 22)


def test_a_byte_order_mark_takes_no_column() -> None:
    assert refusal(b"\xef\xbb\xbfa: \xfe\n") == (
        1,
        4,
        "E106",
        "not UTF-8 text: byte 0xfe cannot start a character (is this a binary file?)",
    )


def test_vertical_tab_and_form_feed_are_not_line_breaks() -> None:
    # str.splitlines() would count these; YAML does not.
    assert refusal(b"a: 1\x0b\x0c\nb: \x00\n")[:3] == (2, 4, "E107")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_tab_indentation_is_found_in_any_line_ending(end: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_text(end.join(["version: 1", "meta:", "\ttitle: x"]) + end, "f.yaml")
    d = caught.value.diagnostic
    assert (d.line, d.column, d.code, d.message) == (
        3,
        1,
        "E108",
        "tab character used for indentation; YAML indents with spaces only",
    )


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
def test_validate_reports_the_exact_line(cli: Cli, write: Write, end: bytes) -> None:
    path = write("c.yaml", lines(end, b"version: 1", b"meta:", b"", b"  title: a\x00b"))
    run = cli("validate", str(path))
    assert_refused(
        run, ["validate"], [f"{path}:4:11: E107 NUL byte in file: claim files are plain text"]
    )


@pytest.mark.parametrize("end", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(
    ("bad", "code", "said"),
    [
        ("\x01", "E117", "control character U+0001 in the file"),
        ("\x1b", "E117", "control character U+001B in the file"),
        ("\x7f", "E117", "control character U+007F in the file"),
        ("\x9b", "E117", "control character U+009B in the file"),
        ("\ufffe", "E101", "character U+FFFE is not allowed in YAML"),
    ],
    ids=["SOH", "ESC", "DEL", "CSI", "FFFE"],
)
@pytest.mark.parametrize("command", [["validate"], ["list"], ["export"]])
def test_a_raw_character_yaml_refuses_is_located_even_in_a_comment(
    cli: Cli, write: Write, end: bytes, bad: str, code: str, said: str, command: list[str]
) -> None:
    # libyaml refuses these before it reads any structure, and counts UTF-8 bytes:
    # the report must still name the line and column, in characters.
    rows = [b"version: 1", b"sources: []", "# café ".encode() + bad.encode() + b" x", b"claims: []"]
    path = write("c.yaml", lines(end, *rows))
    tail = (
        "; claim files hold printable text only (tabs and line breaks aside)"
        if code == "E117"
        else ""
    )
    run = cli(*command, *([] if command[0] == "validate" else ["-f"]), path)
    assert_refused(run, command, [f"{path}:3:8: {code} {said}{tail}"])
