"""Tags are words in any script, read in normal form C; entities are any text."""

from __future__ import annotations

import json
import unicodedata

import pytest
from conftest import REPO, Cli, Write, assert_refused

UNICODE = REPO / "tests" / "fixtures" / "schema" / "valid" / "unicode-tags.yaml"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_tags_in_any_script_are_valid(cli: Cli) -> None:
    run = cli("validate", "--strict", str(UNICODE))
    assert (run.exit_code, run.stdout) == (0, "No problems: 1 file, 1 claim, 1 source.\n")


def test_the_fixture_really_holds_decomposed_tags() -> None:
    text = UNICODE.read_text("utf-8")
    assert nfd("économie") in text and "économie" not in text
    assert nfd("آمار") in text and "آمار" not in text


@pytest.mark.parametrize(
    "tag", ["تجارت", "贸易", "économie", nfd("économie"), "آمار", nfd("آمار"), "Торговля"]
)
def test_tag_matches_whichever_normal_form_it_is_written_in(cli: Cli, tag: str) -> None:
    run = cli("list", "-f", str(UNICODE), "--tag", tag, "--format", "ids")
    assert (run.exit_code, run.stdout) == (0, "a\n")


def test_a_tag_is_not_matched_by_another_word(cli: Cli) -> None:
    run = cli("list", "-f", str(UNICODE), "--tag", "economie", "--format", "ids")
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == (
        "claims: no claims match (no tag 'economie' in the ledger; did you mean 'économie'?)\n"
    )


def test_tags_come_out_in_normal_form_c(cli: Cli) -> None:
    run = cli("show", "-f", str(UNICODE), "a", "--format", "json")
    [shown] = json.loads(run.stdout)
    tags = shown["tags"]
    assert tags == [
        "تجارت",
        "贸易",
        "économie",
        "آمار",
        "expert-opinion",
        "Торговля",
        "zwnj\u200cword",
    ]
    assert all(unicodedata.is_normalized("NFC", tag) for tag in tags)


CLAIM = """\
version: 1
sources:
  - {{id: s, title: S}}
claims:
  - id: a
    claim: Trade grew.
    type: event
    attribution: {{source: s}}
    confidence: low
    tags: {tags}
    entities: {entities}
"""


@pytest.mark.parametrize(
    ("tags", "column", "message"),
    [
        (
            "[Trade Talk]",
            12,
            "claims[0].tags[0]: 'Trade Talk' is not a valid tag: it contains a space; "
            "a tag is one word in any script, with no spaces or control characters",
        ),
        (
            '[ok, "贸易\\u3000协定"]',
            16,
            "claims[0].tags[1]: '贸易\\u3000协定' is not a valid tag: it contains a space "
            "character (U+3000); a tag is one word in any script, with no spaces or control "
            "characters",
        ),
        (
            '["trade\\tdeal"]',
            12,
            "claims[0].tags[0]: 'trade\\u0009deal' is not a valid tag: it contains a tab; "
            "a tag is one word in any script, with no spaces or control characters",
        ),
        (
            '["trade\\u200b"]',
            12,
            "claims[0].tags[0]: 'trade\\u200b' is not a valid tag: it contains the invisible "
            "character U+200B; a tag is one word in any script, with no spaces or control "
            "characters",
        ),
        ('[""]', 12, "claims[0].tags[0]: must not be empty"),
    ],
)
def test_a_bad_tag_is_named_alike_by_validate_and_the_look_ups(
    cli: Cli, write: Write, tags: str, column: int, message: str
) -> None:
    path = write("claims.yaml", CLAIM.format(tags=tags, entities="[]"))
    report = json.loads(cli("validate", "-F", "json", str(path)).stdout)
    assert [(d["line"], d["column"], d["code"], d["message"]) for d in report["diagnostics"]] == [
        (10, column, "E205", message)
    ]
    run = cli("list", "-f", str(path))
    assert_refused(run, ["list"], [f"{path}:10:{column}: E205 {message}"])


@pytest.mark.parametrize(
    ("entity", "asked"),
    [
        ("ایران", "ایران"),
        (nfd("Emomali Rahmón"), "emomali rahmon"),
        ("Emomali Rahmón", nfd("EMOMALI RAHMÓN")),
        ("北京", "北京"),
    ],
)
def test_entities_are_any_text_and_match_ignoring_case_and_accents(
    cli: Cli, write: Write, entity: str, asked: str
) -> None:
    path = write("claims.yaml", CLAIM.format(tags="[]", entities=f"[{entity}]"))
    assert cli("validate", "--strict", str(path)).exit_code == 0
    run = cli("list", "-f", str(path), "--entity", asked, "--format", "ids")
    assert (run.exit_code, run.stdout) == (0, "a\n")
