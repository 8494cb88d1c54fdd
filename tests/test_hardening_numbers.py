"""A number means the decimal digits written, in every command, or the file is refused."""

from __future__ import annotations

import pytest
from conftest import Cli, Write, assert_refused, readers

from claims_cli.read.yaml_events import parse_text


def amount(text: str) -> tuple[object, list[tuple[int, int, str, str]]]:
    doc = parse_text(f"value:\n  amount: {text}\n", "f.yaml")
    found = [(d.line, d.column, d.code, d.message) for d in doc.diagnostics]
    return doc.data["value"]["amount"], found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("123", 123),
        ("-5", -5),
        ("0", 0),
        ("+12", 12),  # a sign says what it means
        ("1_000", 1000),  # digit grouping: the same digits
        ("007", 7),  # octal 7 is decimal 7
        ("00", 0),
        (".5", 0.5),
        ("1.", 1.0),
        ("-.5", "-.5"),  # YAML 1.1 has no signed ".5": text
        ("0123.5", 123.5),  # floats are decimal even with a leading zero
        ("1.5e+3", 1500.0),
        ("0o17", "0o17"),  # not a YAML 1.1 number: kept as the text written
        ("1e3", "1e3"),
        ("08", "08"),
    ],
)
def test_numbers_that_mean_what_they_show_are_read(text: str, value: object) -> None:
    assert amount(text) == (value, [])


@pytest.mark.parametrize(
    ("text", "read", "meant"),
    [
        ("0123", "83", "123"),  # octal
        ("-0123", "-83", "-123"),
        ("0777", "511", "777"),
        ("0_10", "8", "10"),
        ("0x1F", "31", "31"),  # hexadecimal
        ("-0x1F", "-31", "-31"),
        ("0b101", "5", "5"),  # binary
        ("1:30", "90", "90"),  # base 60
        ("1:30:00", "5400", "5400"),
        ("1:30.5", "90.5", "90.5"),
    ],
)
def test_a_yaml_11_reading_that_differs_from_the_digits_is_an_error(
    text: str, read: str, meant: str
) -> None:
    assert amount(text) == (
        None,
        [
            (
                2,
                11,
                "E113",
                f"'{text}' would be read as the number {read} (YAML 1.1); write {meant}, "
                "or quote it if you mean the text",
            )
        ],
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1" * 310, "1" * 20 + "... (310 characters)"),
        ("-" + "9" * 5000, "-" + "9" * 19 + "... (5001 characters)"),  # past int()'s digit limit
        ("0x" + "F" * 300, "0x" + "F" * 18 + "... (302 characters)"),
        ("1" + "0" * 400 + ".0", "1" + "0" * 19 + "... (403 characters)"),  # a float's infinity
    ],
)
def test_a_number_too_large_for_a_float_is_refused(text: str, shown: str) -> None:
    assert amount(text) == (
        None,
        [
            (
                2,
                11,
                "E112",
                f"'{shown}' is too large a number (the largest is about 1.8e308); "
                "quote it if you mean the text",
            )
        ],
    )


def test_the_largest_float_still_reads() -> None:
    big = str(int(1.7e308))
    assert amount(big) == (int(big), [])


def test_leading_zeros_alone_are_not_too_large() -> None:
    assert amount("0" * 500 + "1") == (1, [])


LEDGER = """\
version: 1
sources:
  - {{id: wire, title: Wire}}
claims:
  - id: lorries
    claim: Lorries crossed the border.
    type: statistic
    quote: "{quote}"
    value: {{amount: {amount}, unit: lorries}}
    attribution: {{source: wire}}
    confidence: low
"""


@pytest.mark.parametrize("command", readers("lorries"), ids=" ".join)
@pytest.mark.parametrize(
    ("number", "error"),
    [
        (
            "0123",
            "E113 '0123' would be read as the number 83 (YAML 1.1); "
            "write 123, or quote it if you mean the text",
        ),
        (
            "1" * 310,
            f"E112 '{'1' * 20}... (310 characters)' is too large a number "
            "(the largest is about 1.8e308); quote it if you mean the text",
        ),
    ],
    ids=["octal", "too-large-for-a-float"],
)
def test_every_command_refuses_the_amount(
    cli: Cli, write: Write, command: list[str], number: str, error: str
) -> None:
    path = write("c.yaml", LEDGER.format(quote=f"{number} lorries", amount=number))
    run = cli(*command, str(path))
    assert_refused(run, command, [f"{path}:9:21: {error}"])
