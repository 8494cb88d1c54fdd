"""Authoring refusals found by a new user: each says the real reason and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, Cli, Write

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
        ("1.5 million  barrels of oil", "1500000", "barrels of oil"),
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


# --- 2. refusals that say the real reason --------------------------------------------

ALIASED = """\
version: 1
sources:
  - id: s1
    title: A source
    url: https://example.org/a
    publisher: Example
    published: 2024-01-01
claims:
  - id: c1
    claim: One thing happened.
    type: event
    attribution: &who
      source: s1
      claimant: Example
      claimant_type: organization
    quote: one thing
    status: unverified
    confidence: medium
  - id: c2
    claim: Another thing happened.
    type: event
    attribution: *who
    quote: another thing
    status: unverified
    confidence: medium
"""
CONTROL = "printable text only (tabs and line breaks aside)"


@pytest.mark.parametrize(
    ("args", "option", "code"),
    [
        (("--claim", "X\x1b[2J"), "--claim", "001B"),
        (("--quote", "a\x07b"), "--quote", "0007"),
        (("--value", "12 m\x9b"), "--value", "009B"),
        (("--evidence", "seed-article:supports:a\x00b"), "--evidence", "0000"),
    ],
)
def test_a_control_character_in_an_option_is_a_usage_error_naming_it(
    cli: Cli, sample: Path, args: tuple[str, ...], option: str, code: str
) -> None:
    claim = list(ADD)
    if args[0] in claim:
        at = claim.index(args[0])
        claim[at + 1] = args[1]
    else:
        claim.extend(args)
    message = refused(cli, sample, *claim)
    assert message == (
        f"claims: {option}: control character U+{code} in the value; claim files hold {CONTROL}\n"
    )
    message = refused(cli, sample, "set", "look-east-policy", *args)
    assert message == (
        f"claims: {option}: control character U+{code} in the value; claim files hold {CONTROL}\n"
    )


def test_tabs_and_line_breaks_in_an_option_are_kept(cli: Cli, sample: Path) -> None:
    run = cli("set", "look-east-policy", "--note", "a\tb\nc", "-f", sample)
    assert run.exit_code == 0, run.output
    assert "Traceback" not in run.output
    assert '    entities: [Iran, Dushanbe]\n    notes: "a\\tb\\nc"\n' in sample.read_text("utf-8")


def test_an_edit_of_a_field_written_as_an_alias_says_so(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", ALIASED)
    before = path.read_bytes()
    run = cli("set", "c2", "--locator", "x", "-f", path)
    assert run.exit_code == 1, run.output
    assert run.stderr == (
        "claims: the edit would touch an anchor or alias (& or *); make this change by hand "
        "(line 22); nothing was written\n"
    )
    assert "Traceback" not in run.output
    assert path.read_bytes() == before


def test_a_cr_only_file_is_edited_and_keeps_its_line_ends(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", SAMPLE.read_bytes().replace(b"\n", b"\r"))
    run = cli(*ADD, "--value", "12 m", "-f", path)
    assert run.exit_code == 0, run.output
    assert run.stdout == "trade-grew\n"
    after = path.read_bytes()
    assert b"\n" not in after
    assert after.startswith(SAMPLE.read_bytes().replace(b"\n", b"\r"))
    assert b"\r  - id: trade-grew\r    claim: Trade grew\r" in after
    assert cli("validate", "-f", path).exit_code == 0
    run = cli("rm", "trade-grew", "-f", path)
    assert run.exit_code == 0, run.output
    assert b"trade-grew" not in path.read_bytes()
    assert b"\n" not in path.read_bytes()


def test_a_file_mixing_cr_with_other_line_ends_is_refused_saying_so(cli: Cli, write: Write) -> None:
    text = SAMPLE.read_bytes()
    lines = text.split(b"\n")
    path = write("claims.yaml", b"\n".join(lines[:5]) + b"\r" + b"\n".join(lines[5:]))
    before = path.read_bytes()
    run = cli("set", "look-east-policy", "--status", "unverified", "-f", path)
    assert run.exit_code == 1, run.output
    assert run.stderr == (
        "claims: the file mixes carriage-return (CR) line ends with others; "
        "give it one kind of line end to edit it (line 5); nothing was written\n"
    )
    assert path.read_bytes() == before


def test_a_single_letter_scale_with_nothing_after_it_is_the_unit(cli: Cli, sample: Path) -> None:
    run = cli(*ADD, "--value", "125 m", "--dry-run", "-f", sample)
    assert run.exit_code == 0, run.output
    assert "      amount: 125\n      unit: m\n" in run.stdout
    run = cli(*ADD, "--value", "125 m USD", "--dry-run", "-f", sample)
    assert "      amount: 125000000\n      unit: USD\n" in run.stdout
    message = refused(cli, sample, *ADD, "--value", "125 million")
    assert (
        message == "claims: --value: '125 million' has no unit (e.g. '121 million USD', '125 km')\n"
    )


# --- 3. evidence: remove it all, and no second copy of what is there -------------------

EVIDENCE = (
    "    entities: [Iran, Dushanbe]\n"
    "    evidence:\n"
    "      - source: seed-article\n"
    "        stance: supports\n"
    "        note: first\n"
    "    attribution:\n"
)


def test_unset_evidence_removes_all_of_it(cli: Cli, sample: Path) -> None:
    original = sample.read_bytes()
    run = cli("set", "look-east-policy", "--evidence", "seed-article:supports:first", "-f", sample)
    assert run.exit_code == 0, run.output
    assert EVIDENCE in sample.read_text("utf-8")
    run = cli("set", "look-east-policy", "--unset", "evidence", "-f", sample)
    assert run.exit_code == 0, run.output
    assert run.stderr == "claims: look-east-policy: changed\n"
    assert sample.read_bytes() == original


def test_unset_evidence_with_evidence_replaces_it(cli: Cli, sample: Path) -> None:
    cli("set", "look-east-policy", "--evidence", "seed-article:supports:first", "-f", sample)
    run = cli(
        "set",
        "look-east-policy",
        "--unset",
        "evidence",
        "--evidence",
        "seed-article:context:only",
        "-f",
        sample,
    )
    assert run.exit_code == 0, run.output
    text = sample.read_text("utf-8")
    assert EVIDENCE.replace("supports", "context").replace("first", "only") in text
    assert "note: first" not in text


def test_evidence_already_there_is_refused(cli: Cli, sample: Path) -> None:
    cli("set", "look-east-policy", "--evidence", "seed-article:supports:first", "-f", sample)
    before = sample.read_bytes()
    run = cli("set", "look-east-policy", "--evidence", "seed-article:supports:again", "-f", sample)
    assert run.exit_code == 1, run.output
    assert run.stderr == (
        "claims: claim 'look-east-policy' already has evidence seed-article:supports; "
        "to change it, --unset evidence and give all its evidence again; nothing was written\n"
    )
    assert "Traceback" not in run.output
    assert sample.read_bytes() == before
    run = cli("set", "look-east-policy", "--evidence", "seed-article:refutes", "-f", sample)
    assert run.exit_code == 0, run.output
    assert "        note: first\n      - source: seed-article\n        stance: refutes\n" in (
        sample.read_text("utf-8")
    )


def test_the_same_evidence_twice_in_one_command_is_a_usage_error(cli: Cli, sample: Path) -> None:
    message = refused(
        cli,
        sample,
        "set",
        "look-east-policy",
        "--evidence",
        "seed-article:context",
        "--evidence",
        "seed-article:context:again",
    )
    assert message == "claims: --evidence: 'seed-article:context' is given twice\n"


def test_set_help_says_what_evidence_options_do(cli: Cli) -> None:
    run = cli("set", "--help", columns=200)
    assert run.exit_code == 0
    words = " ".join(run.stdout.replace("│", " ").split())
    assert "--unset evidence removes all evidence." in words
    assert "evidence with a source and stance the claim already has is refused" in words


def test_an_anchor_on_the_line_after_a_removed_field_does_not_stop_the_edit(
    cli: Cli, write: Write
) -> None:
    text = ALIASED.replace("    quote: one thing\n", "    notes: to go\n    quote: &q one thing\n")
    path = write("claims.yaml", text)
    run = cli("set", "c1", "--unset", "notes", "-f", path)
    assert run.exit_code == 0, run.output
    assert path.read_text("utf-8") == text.replace("    notes: to go\n", "")
