"""``claims validate`` reads the sources' snapshots: the file, its hash, quotes, locators."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import Cli

ARTICLE = (
    "Council approves harbour bridge\n\n"
    "The city council voted on Wednesday to build a new bridge costing around $40 million\n"
    "across the harbour.\n\n"
    "Mayor Ana Ruiz said the bridge would be “the largest public works project in the\n"
    "city’s history” and promised that the first cars would cross it in 2028.\n\n"
    "Opponents vowed to ask the state auditor to review the plan.\n"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def ledger(
    folder: Path,
    *,
    quote: str,
    locator: str = "para 1",
    snapshot: str = "sources/bridge.txt",
    digest: str | None = None,
    extra: str = "",
) -> Path:
    """A ledger of one source with a snapshot and one claim quoting it (the quote on line 12)."""
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    digest = sha(ARTICLE) if digest is None else digest
    text = (
        "version: 1\n"
        "sources:\n"
        "  - id: bridge\n"
        "    title: Council approves harbour bridge\n"
        f"    snapshot: {snapshot}\n"
        f'    sha256: "{digest}"\n'
        "claims:\n"
        "  - id: cost\n"
        "    claim: The bridge costs about $40 million.\n"
        "    type: statistic\n"
        f"    quote: {quote}\n"
        "    attribution:\n"
        "      source: bridge\n"
        f"      locator: {locator}\n"
        "    confidence: low\n" + extra
    )
    path = folder / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(cli: Cli, path: Path, *more: str) -> tuple[int, list[str]]:
    result = cli("validate", *more, str(path))
    return result.exit_code, [line.replace(str(path), "L") for line in result.stdout.splitlines()]


def test_a_correct_quote_and_locator_pass(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"a new bridge costing around $40 million"')
    assert run(cli, path) == (0, ["No problems: 1 file, 1 claim, 1 source."])


def test_a_quote_split_across_a_line_break_with_straight_quotes_matches(
    cli: Cli, tmp_path: Path
) -> None:
    quote = "'the bridge would be \"the largest public works project in the city''s history\"'"
    path = ledger(tmp_path, quote=quote, locator="para 2")
    assert run(cli, path) == (0, ["No problems: 1 file, 1 claim, 1 source."])


def test_quotation_marks_around_the_whole_quote_are_ignored(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote="'“Opponents vowed to ask the state auditor”'", locator="para 3")
    assert run(cli, path)[0] == 0


def test_a_misquoted_figure_shows_the_closest_passage(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"a new bridge costing around $45 million"')
    assert run(cli, path) == (
        1,
        [
            "L:11:12: E404 claims[0].quote: quote not found in snapshot of 'bridge'; "
            'closest (97%): "a new bridge costing around $40 million"',
            "Found 1 error and 0 warnings in 1 file, 1 claim, 1 source.",
        ],
    )


def test_a_misquoted_word_shows_the_closest_passage(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"Opponents refused to ask the state auditor"', locator="para 3")
    code, lines = run(cli, path)
    assert code == 1
    assert lines[0] == (
        "L:11:12: E404 claims[0].quote: quote not found in snapshot of 'bridge'; "
        'closest (88%): "Opponents vowed to ask the state auditor"'
    )


def test_the_closest_passage_is_whole_when_the_snapshot_quotes_it(cli: Cli, tmp_path: Path) -> None:
    # The snapshot has the passage inside quotation marks and across a line break.
    path = ledger(
        tmp_path,
        quote="'“the biggest public works project in the city’s history”'",
        locator="para 2",
    )
    assert run(cli, path)[1][0] == (
        "L:11:12: E404 claims[0].quote: quote not found in snapshot of 'bridge'; "
        'closest (94%): "the largest public works project in the city’s history"'
    )


def test_the_closest_passage_begins_with_the_quotes_first_word(cli: Cli, tmp_path: Path) -> None:
    path = ledger(
        tmp_path, quote="the big public works project in the city’s history", locator="para 2"
    )
    assert run(cli, path)[1][0] == (
        "L:11:12: E404 claims[0].quote: quote not found in snapshot of 'bridge'; "
        'closest (88%): "the largest public works project in the city’s history"'
    )


def test_a_wrong_locator_is_a_warning_naming_the_right_one(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="para 99")
    assert run(cli, path) == (
        0,
        [
            "L:14:16: W405 claims[0].attribution.locator: 'para 99' is not where the quote is "
            "in the snapshot of 'bridge': it is in para 3",
            "Found 0 errors and 1 warning in 1 file, 1 claim, 1 source.",
        ],
    )


@pytest.mark.parametrize(
    ("locator", "right"), [("line 3", "line 9"), ("para 3", None), ("line 9", None)]
)
def test_line_locators_count_lines_of_the_file(
    cli: Cli, tmp_path: Path, locator: str, right: str | None
) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator=locator)
    code, lines = run(cli, path)
    if right is None:
        assert code == 0
    else:
        assert f"it is in {right}" in lines[0]


def test_a_tampered_snapshot_is_an_error(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="para 3")
    tampered = ARTICLE.replace("$40 million", "$4 million")
    (tmp_path / "sources" / "bridge.txt").write_text(tampered, encoding="utf-8")
    assert run(cli, path) == (
        1,
        [
            "L:6:13: E402 sources[0].sha256: the archived copy of 'bridge' changed since it "
            f"was recorded: sha256 {sha(tampered)}",
            "Found 1 error and 0 warnings in 1 file, 1 claim, 1 source.",
        ],
    )


def test_a_sha256_that_is_no_hash_is_the_schemas_error_alone(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="para 3", digest="not-a-hash")
    code, lines = run(cli, path)
    assert code == 1
    assert [line.split(" ")[1] for line in lines[:-1]] == ["E205"]
    assert lines[0].startswith("L:6:13: E205 sources[0].sha256: ")


def test_a_missing_snapshot_is_an_error(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', snapshot="sources/gone.txt", digest="0" * 64)
    assert run(cli, path)[1][0] == (
        "L:5:15: E401 sources[0].snapshot: the snapshot of 'bridge' is missing ('sources/gone.txt')"
    )


@pytest.mark.parametrize("route", ["../outside.txt", "ABSOLUTE", "sources/link.txt"])
def test_a_snapshot_outside_the_repository_is_an_error(
    cli: Cli, tmp_path: Path, route: str
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (repo / "sources").mkdir()
    os.symlink(outside, repo / "sources" / "link.txt")
    snapshot = str(outside) if route == "ABSOLUTE" else route
    path = ledger(repo, quote='"review the plan"', snapshot=snapshot, locator="para 3")
    code, lines = run(cli, path)
    assert code == 1
    absolute = route == "ABSOLUTE"
    reason = "is an absolute path" if absolute else "leads out of the ledger's repository"
    assert lines[0] == (
        f"L:5:15: E403 sources[0].snapshot: the snapshot of 'bridge' {reason} ('{snapshot}')"
        + ("; give it relative to the ledger file" if absolute else "")
    )


def test_a_snapshot_without_a_hash_is_a_warning(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="para 3")
    text = path.read_text(encoding="utf-8").replace(f'    sha256: "{sha(ARTICLE)}"\n', "")
    path.write_text(text, encoding="utf-8")
    assert run(cli, path)[1][0] == (
        "L:5:15: W407 sources[0].snapshot: the snapshot of 'bridge' has no sha256; record it "
        f"(sha256: {sha(ARTICLE)}) so a changed copy is noticed"
    )


def test_evidence_quotes_are_checked_against_their_source(cli: Cli, tmp_path: Path) -> None:
    extra = (
        "    evidence:\n"
        "      - source: bridge\n"
        "        stance: context\n"
        "        quote: the first cars would cross it in 2029\n"
        "        locator: para 2\n"
    )
    path = ledger(tmp_path, quote='"review the plan"', locator="para 3", extra=extra)
    assert run(cli, path)[1][0] == (
        "L:19:16: E404 claims[0].evidence[0].quote: quote not found in snapshot of 'bridge'; "
        'closest (97%): "the first cars would cross it in 2028."'
    )


def test_a_moved_anchor_is_a_warning(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="para 3")
    text = path.read_text(encoding="utf-8").replace(
        "      locator: para 3\n",
        "      locator: para 3\n      anchor: {exact: review the plan, start: 5, end: 20}\n",
    )
    path.write_text(text, encoding="utf-8")
    assert run(cli, path)[1][0] == (
        "L:15:15: W408 claims[0].attribution.anchor: the anchor no longer matches the snapshot "
        "of 'bridge'; claims locate cost --write records it again"
    )


def test_sources_without_snapshots_are_unaffected_unless_required(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(
        "version: 1\nsources:\n  - id: s\n    title: T\n"
        "claims:\n  - id: c\n    claim: C.\n    type: event\n    quote: not in any copy\n"
        "    attribution: {source: s}\n    confidence: low\n",
        encoding="utf-8",
    )
    assert run(cli, path) == (0, ["No problems: 1 file, 1 claim, 1 source."])
    assert run(cli, path, "--require-snapshots") == (
        1,
        [
            "L:3:9: E406 sources[0].id: source 's' has no snapshot (--require-snapshots); "
            "archive it with claims source archive",
            "Found 1 error and 0 warnings in 1 file, 1 claim, 1 source.",
        ],
    )


def test_page_locators_count_form_feeds(cli: Cli, tmp_path: Path) -> None:
    path = ledger(tmp_path, quote='"review the plan"', locator="page 1")
    paged = ARTICLE.replace("Opponents vowed", "\fOpponents vowed")
    (tmp_path / "sources" / "bridge.txt").write_text(paged, encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace(sha(ARTICLE), sha(paged))
    path.write_text(text, encoding="utf-8")
    assert run(cli, path)[1][0] == (
        "L:14:16: W405 claims[0].attribution.locator: 'page 1' is not where the quote is "
        "in the snapshot of 'bridge': it is in page 2"
    )


def test_a_heading_is_not_a_counted_paragraph(cli: Cli, tmp_path: Path) -> None:
    # "Council approves harbour bridge" heads the snapshot: the body's first paragraph is para 1.
    path = ledger(tmp_path, quote='"approves harbour bridge"', locator="para 1")
    assert run(cli, path)[1][0] == (
        "L:14:16: W405 claims[0].attribution.locator: 'para 1' is not where the quote is "
        "in the snapshot of 'bridge': it is in line 1"
    )
