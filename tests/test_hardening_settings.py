"""Dates and sizes are read in their documented ASCII forms only, and never overflow."""

from __future__ import annotations

from datetime import date

import pytest

from claims_cli.dates import date_range, is_full_date
from claims_cli.environment import Environment, SettingError, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", (date(2022, 1, 1), date(2022, 12, 31))),
        ("2022-02", (date(2022, 2, 1), date(2022, 2, 28))),
        ("2022-06-01", (date(2022, 6, 1), date(2022, 6, 1))),
        ("0001", (date(1, 1, 1), date(1, 12, 31))),
    ],
)
def test_documented_date_forms(text: str, expected: tuple[date, date]) -> None:
    assert date_range(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "٢٠٢٢",  # Arabic-Indic digits: int() would read them as 2022
        "٢٠٢٢-٠٦-٠١",
        "2022-٠٦",
        "２０２２",  # full-width digits
        "0000",  # there is no year 0
        "0000-01",
        "0000-01-01",
        "2022\n",  # a trailing line break is not part of a date
        "2022-06-01\n",
        " 2022",
        "22-06-01",
        "2022-6-1",
    ],
)
def test_anything_else_is_not_a_date(text: str) -> None:
    assert date_range(text) is None
    assert not is_full_date(text)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1000", 1000),
        ("64K", 64 * 1024),
        ("64k", 64 * 1024),
        ("1.5M", 1536 * 1024),
        ("2 MB", 2 * 1024**2),
        ("1G", 1024**3),
        ("0.1", 1),
    ],
)
def test_documented_size_forms(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "CLAIMS_MAX_FILE_SIZE: 'abc' is not a size (bytes, or a number with K, M or G)"),
        ("١٠٠٠", "CLAIMS_MAX_FILE_SIZE: '١٠٠٠' is not a size (bytes, or a number with K, M or G)"),
        ("１K", "CLAIMS_MAX_FILE_SIZE: '１K' is not a size (bytes, or a number with K, M or G)"),
        ("1M\n", "CLAIMS_MAX_FILE_SIZE: '1M\n' is not a size (bytes, or a number with K, M or G)"),
        (
            "1\u2003M",
            "CLAIMS_MAX_FILE_SIZE: '1\u2003M' is not a size (bytes, or a number with K, M or G)",
        ),
        ("-5M", "CLAIMS_MAX_FILE_SIZE: '-5M' is not a size (bytes, or a number with K, M or G)"),
        ("0", "CLAIMS_MAX_FILE_SIZE: '0' is not a size (it must be more than 0)"),
        ("0.0K", "CLAIMS_MAX_FILE_SIZE: '0.0K' is not a size (it must be more than 0)"),
        (
            "9999999999G",
            "CLAIMS_MAX_FILE_SIZE: '9999999999G' is too large (at most 1G; "
            "split a ledger this big into several files in a directory)",
        ),
        (
            "1025M",
            "CLAIMS_MAX_FILE_SIZE: '1025M' is too large (at most 1G; "
            "split a ledger this big into several files in a directory)",
        ),
        (
            "9" * 400,  # a float would be infinite, and int(inf) overflows
            "CLAIMS_MAX_FILE_SIZE: '" + "9" * 37 + "...' is too large (at most 1G; "
            "split a ledger this big into several files in a directory)",
        ),
    ],
)
def test_a_bad_size_is_a_setting_error_that_says_why(text: str, message: str) -> None:
    with pytest.raises(SettingError) as caught:
        parse_size(text)
    assert str(caught.value) == message


def test_the_environment_refuses_an_absurd_size() -> None:
    with pytest.raises(SettingError, match="'9999999999G' is too large"):
        Environment.from_os({"CLAIMS_MAX_FILE_SIZE": "9999999999G"})
    env = Environment.from_os({"CLAIMS_MAX_FILE_SIZE": "64M", "CLAIMS_TODAY": "2024-02-29"})
    assert (env.max_file_bytes, env.today) == (64 * 1024**2, date(2024, 2, 29))
