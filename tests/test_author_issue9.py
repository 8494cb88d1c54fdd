"""Authoring refusals found by a new user: each says the real reason and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, Cli

#: Every field ``claims add`` needs but the value, for a claim cited to the sample's source.
ADD = (
    "add",
    "--claim",
    "Trade grew",
    "--type",
    "statistic",
    "--source",
    "seed-article",
    "--claimant",
    "X",
    "--claimant-type",
    "person",
    "--quote",
    "trade grew",
    "--status",
    "unverified",
    "--confidence",
    "high",
)
HELP = '(write e.g. "121 million USD" or "125 mi")'


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    return path


def refused(cli: Cli, path: Path, *args: str) -> str:
    """Run ``claims args -f path``; assert a usage error, no traceback, the file untouched."""
    before = path.read_bytes()
    run = cli(*args, "-f", path)
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output
    assert run.stdout == ""
    assert path.read_bytes() == before
    return run.stderr


# --- 1. an amount is one number token ----------------------------------------------


@pytest.mark.parametrize(
    "value", ["1.2.3 m", "10-20 people", "2x4 m", "1,00 m", "12kg", "m 12", "0x1F m"]
)
def test_a_value_whose_amount_is_not_one_number_is_refused(
    cli: Cli, sample: Path, value: str
) -> None:
    for extra in ((), ("--dry-run",)):
        message = refused(cli, sample, *ADD, "--value", value, *extra)
        assert message == f"claims: --value: '{value}' is not an amount and a unit {HELP}\n"


@pytest.mark.parametrize(
    ("value", "amount", "unit"),
    [
        ("1e3 USD", "1000", "USD"),
        ("1.5 million  US dollars", "1500000", "US dollars"),
        ("-3.5 C", "-3.5", "C"),
        ("1,000 people", "1000", "people"),
    ],
)
def test_a_value_with_one_number_token_is_read_whole(
    cli: Cli, sample: Path, value: str, amount: str, unit: str
) -> None:
    run = cli(*ADD, "--value", value, "--dry-run", "-f", sample)
    assert run.exit_code == 0, run.output
    assert f"      amount: {amount}\n      unit: {unit}\n" in run.stdout


REASONS = {
    "١٢٣": "'١٢٣' is not a number (write it with the digits 0-9)",
    "inf": "'inf' is not a finite number",
    "nan": "'nan' is not a finite number",
    "-Infinity": "'-Infinity' is not a finite number",
    "1e400": "'1e400' is too large a number (the largest is about 1.8e308)",
    "9" * 310: "'99999999999999999999... (310 characters)' is too large a number "
    "(the largest is about 1.8e308)",
    "1e-400": "'1e-400' is too small a number: it would be read as 0",
}


@pytest.mark.parametrize("amount", list(REASONS))
def test_an_amount_that_is_not_a_finite_ascii_number_is_refused_with_the_reason(
    cli: Cli, sample: Path, amount: str
) -> None:
    message = refused(cli, sample, *ADD, "--amount", amount, "--unit", "m")
    assert message == f"claims: --amount: {REASONS[amount]}\n"
    message = refused(cli, sample, *ADD, "--value", f"{amount} m")
    assert message == f"claims: --value: {REASONS[amount]}\n"


def test_a_scale_that_overflows_the_amount_is_refused(cli: Cli, sample: Path) -> None:
    message = refused(cli, sample, *ADD, "--value", "1e300 trillion USD")
    expected = "'1e300 trillion' is too large a number (the largest is about 1.8e308)"
    assert message == f"claims: --value: {expected}\n"


def test_set_refuses_a_bad_amount_too(cli: Cli, sample: Path) -> None:
    message = refused(cli, sample, "set", "ababil2-range-125mi", "--amount", "1e400")
    assert message == (
        "claims: --amount: '1e400' is too large a number (the largest is about 1.8e308)\n"
    )


def test_an_amount_in_another_base_is_refused(cli: Cli, sample: Path) -> None:
    message = refused(cli, sample, *ADD, "--amount", "0x1F", "--unit", "m")
    assert message == "claims: --amount: '0x1F' is not a number\n"
