"""``claims source archive``, ``claims locate`` and ``claims coverage``, as a user runs them."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Cli

EXAMPLES = REPO / "docs" / "examples"
TEXT = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
SHA = hashlib.sha256(TEXT.encode()).hexdigest()

LEDGER = """\
version: 1
# The desk's sources.
sources:
  - id: courier
    title: Council approves harbour bridge
    kind: news   # a local paper

claims:
  - id: cost
    claim: The bridge will cost about $40 million.
    type: statistic
    quote: "a new bridge costing around $40 million"
    attribution:
      source: courier
      locator: para 1
    confidence: medium
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claims.yaml").write_text(LEDGER, encoding="utf-8")
    shutil.copy(EXAMPLES / "harbour-bridge.html", tmp_path / "page.html")
    shutil.copy(EXAMPLES / "harbour-bridge.txt", tmp_path / "page.txt")
    return tmp_path


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def archive(cli: Cli, repo: Path, *args: str | Path) -> tuple[int, str]:
    result = cli("source", "archive", "-f", repo / "claims.yaml", *args, env={"PWD": str(repo)})
    return result.exit_code, result.stderr


def test_archive_html_stores_the_article_text_and_records_path_and_hash(
    cli: Cli, repo: Path
) -> None:
    code, said = archive(cli, repo, "courier", repo / "page.html")
    assert (code, said) == (
        0,
        "claims: courier: archived the article text of the HTML page as sources/courier.txt "
        f"(781 characters, sha256 {SHA[:12]}…)\n",
    )
    assert (repo / "sources" / "courier.txt").read_text(encoding="utf-8") == TEXT
    assert (repo / "claims.yaml").read_text(encoding="utf-8") == LEDGER.replace(
        "    kind: news   # a local paper\n",
        f"    kind: news   # a local paper\n    snapshot: sources/courier.txt\n    sha256: {SHA}\n",
    )
    assert cli("validate", "--strict", repo / "claims.yaml").exit_code == 0


def test_archive_plain_text_with_keep_html_and_to(cli: Cli, repo: Path) -> None:
    code, _ = archive(cli, repo, "courier", repo / "page.txt", "--to", repo / "copies")
    assert code == 0
    assert "    snapshot: copies/courier.txt\n" in (repo / "claims.yaml").read_text("utf-8")
    code, said = archive(cli, repo, "courier", repo / "page.html", "--keep-html")
    assert code == 0
    assert said.splitlines()[-1] == (
        "claims: courier: the HTML page is kept beside it as sources/courier.html"
    )
    assert (repo / "sources" / "courier.html").read_bytes() == (repo / "page.html").read_bytes()


def test_a_refused_archive_leaves_every_file_byte_identical(cli: Cli, repo: Path) -> None:
    (repo / "wrong.txt").write_text("A page that says something else.\n", encoding="utf-8")
    before = snapshot_of(repo)
    code, said = archive(cli, repo, "courier", repo / "wrong.txt")
    assert code == 1
    assert said.splitlines() == [
        # (the line of the quote in the ledger as the archive would have left it)
        f"{repo / 'claims.yaml'}:14:12: E404 claims[0].quote: quote not found in snapshot of "
        "'courier'; closest (42%): \"A page that says something else.\"",
        "claims: not archived: the copy would leave the ledger with 1 error; "
        "every file is as it was",
    ]
    assert snapshot_of(repo) == before
    assert not (repo / "sources").exists()


def test_a_refused_archive_puts_the_old_copy_back(cli: Cli, repo: Path) -> None:
    assert archive(cli, repo, "courier", repo / "page.txt")[0] == 0
    before = snapshot_of(repo)
    (repo / "wrong.txt").write_text("Nothing about bridges.\n", encoding="utf-8")
    assert archive(cli, repo, "courier", repo / "wrong.txt")[0] == 1
    assert snapshot_of(repo) == {**before, "wrong.txt": b"Nothing about bridges.\n"}


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["nobody", "PAGE"], "no source 'nobody'"),
        (
            ["courier", "PAGE", "--to", "OUTSIDE"],
            "the copy would be outside the ledger's repository ('../outside/courier.txt')",
        ),
    ],
)
def test_archives_that_cannot_be_made_write_nothing(
    cli: Cli, repo: Path, args: list[str], reason: str
) -> None:
    outside = repo.parent / "outside"
    names = {"PAGE": str(repo / "page.txt"), "OUTSIDE": str(outside)}
    before = snapshot_of(repo)
    code, said = archive(cli, repo, *[names.get(a, a) for a in args])
    assert (code, said) == (1, f"claims: source archive: {reason}; nothing was written\n")
    assert snapshot_of(repo) == before
    assert not outside.exists()


@pytest.mark.parametrize("name", ["/nonexist.html", "no/such.html"])
def test_archiving_a_file_that_does_not_exist_is_a_usage_error(
    cli: Cli, repo: Path, name: str
) -> None:
    before = snapshot_of(repo)
    result = cli(
        "source", "archive", "-f", repo / "claims.yaml", "courier", name, env={"PWD": str(repo)}
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"claims: cannot read '{name}': No such file or directory\n",
    )
    assert snapshot_of(repo) == before


def test_dry_run_writes_nothing(cli: Cli, repo: Path) -> None:
    before = snapshot_of(repo)
    code, said = archive(cli, repo, "courier", repo / "page.txt", "--dry-run")
    assert code == 0 and "would archive the text as sources/courier.txt" in said
    assert snapshot_of(repo) == before


@pytest.fixture
def archived(cli: Cli, repo: Path) -> Path:
    assert archive(cli, repo, "courier", repo / "page.txt")[0] == 0
    return repo


def test_locate_prints_place_offsets_and_selectors(cli: Cli, archived: Path) -> None:
    result = cli("locate", "-f", archived / "claims.yaml", "cost")
    assert (result.exit_code, result.stdout) == (
        0,
        "cost: in the snapshot of 'courier' (sources/courier.txt)\n"
        "  where:  para 1, line 3; characters 78-117\n"
        '  prefix: "cil voted on Wednesday to build "\n'
        '  exact:  "a new bridge costing around $40 million"\n'
        '  suffix: " across the harbour, ending a de"\n',
    )
    text = (archived / "sources" / "courier.txt").read_text(encoding="utf-8")
    assert text[78:117] == "a new bridge costing around $40 million"


def test_locate_json_has_web_annotation_selectors(cli: Cli, archived: Path) -> None:
    result = cli("locate", "-f", archived / "claims.yaml", "cost", "--format", "json")
    data = json.loads(result.stdout)
    assert data["locator"] == "para 1" and data["line"] == 3 and data["occurrences"] == 1
    assert data["selectors"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "a new bridge costing around $40 million",
            "prefix": "cil voted on Wednesday to build ",
            "suffix": " across the harbour, ending a de",
        },
        {"type": "TextPositionSelector", "start": 78, "end": 117},
    ]


def test_locate_write_stores_locator_and_anchor(cli: Cli, archived: Path) -> None:
    path = archived / "claims.yaml"
    text = path.read_text(encoding="utf-8").replace("locator: para 1", "locator: para 5")
    path.write_text(text, encoding="utf-8")
    result = cli("locate", "-f", path, "cost", "--write")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == ("claims: cost: locator 'para 1' and anchor recorded")
    assert path.read_text(encoding="utf-8").endswith(
        "    attribution:\n"
        "      source: courier\n"
        "      locator: para 1\n"
        "      anchor:\n"
        "        exact: a new bridge costing around $40 million\n"
        "        prefix: 'cil voted on Wednesday to build '\n"
        "        suffix: ' across the harbour, ending a de'\n"
        "        start: 78\n"
        "        end: 117\n"
        "    confidence: medium\n"
    )
    assert cli("validate", "--strict", path).exit_code == 0


def quoting_twice(archived: Path, locator: str | None) -> Path:
    """The ledger with a quote that is in para 1 and in para 4 of the snapshot."""
    path = archived / "claims.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'quote: "a new bridge costing around $40 million"', "quote: million"
    )
    line = f"      locator: {locator}\n" if locator else ""
    path.write_text(text.replace("      locator: para 1\n", line), encoding="utf-8")
    return path


def test_locate_write_keeps_the_place_the_locator_names(cli: Cli, archived: Path) -> None:
    path = quoting_twice(archived, "para 4")
    result = cli("locate", "-f", path, "cost", "--write")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "cost: in the snapshot of 'courier' (sources/courier.txt) (and 1 more place)",
        "  where:  para 4, line 9; characters 560-567",
    ]
    assert result.stderr == "claims: cost: locator 'para 4' and anchor recorded\n"
    assert "      locator: para 4\n" in path.read_text(encoding="utf-8")
    assert "        start: 560\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("locator", ["para 3", None])
def test_locate_write_refuses_a_quote_in_several_places_the_locator_does_not_name(
    cli: Cli, archived: Path, locator: str | None
) -> None:
    path = quoting_twice(archived, locator)
    before = snapshot_of(archived)
    result = cli("locate", "-f", path, "cost", "--write")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "claims: locate: cost: the quote is in 2 places (para 1, para 4); lengthen the quote or "
        "set the locator to one of them\n",
    )
    assert snapshot_of(archived) == before


def test_locate_without_write_shows_the_first_of_several_places(cli: Cli, archived: Path) -> None:
    result = cli("locate", "-f", quoting_twice(archived, "para 3"), "cost")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "cost: in the snapshot of 'courier' (sources/courier.txt) (and 1 more place)",
        "  where:  para 1, line 3; characters 110-117",
    ]


def test_locate_says_why_it_cannot(cli: Cli, archived: Path, repo: Path) -> None:
    path = archived / "claims.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("$40 million", "$45 million"), encoding="utf-8"
    )
    result = cli("locate", "-f", path, "cost")
    assert (result.exit_code, result.stderr) == (
        1,
        "claims: locate: cost: quote not found in snapshot of 'courier'; closest (97%): "
        '"a new bridge costing around $40 million"\n',
    )


def test_coverage_lists_what_no_claim_quotes(cli: Cli, archived: Path) -> None:
    result = cli("coverage", "-f", archived / "claims.yaml", "courier")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "courier: 5 check-worthy sentences of 7, 1 quoted; 4 missed, 1 partly covered",
        "  1. para 2: attribution, superlative, pledge, date",
        "     Mayor Ana Ruiz said the bridge would be “the largest public works project in the "
        "city’s history” and promised that the first cars would cross it in 2028.",
        "  2. para 4: attribution, figure, pledge",
        "     Opponents on the council claimed the true cost would be closer to $55 million "
        "once the approach roads are counted, and vowed to ask the state auditor to review "
        "the plan.",
    ]
    partial = [line for line in result.stdout.splitlines() if "(partial)" in line]
    assert partial == ["  5. para 1 (partial): date, superlative"]


def test_coverage_json(cli: Cli, archived: Path) -> None:
    result = cli("coverage", "-f", archived / "claims.yaml", "courier", "-F", "json")
    data = json.loads(result.stdout)
    assert (data["sentences"], data["checkworthy"], data["covered"]) == (7, 5, 1)
    second = data["listed"][1]
    assert second["coverage"] == "missed" and second["paragraph"] == 4
    assert {"kind": "figure", "text": "$55 million", "start": second["start"] + 66} in second[
        "elements"
    ]


def test_coverage_needs_a_snapshot(cli: Cli, repo: Path) -> None:
    result = cli("coverage", "-f", repo / "claims.yaml", "courier")
    assert (result.exit_code, result.stderr) == (
        1,
        "claims: coverage: source 'courier' has no snapshot; archive it with "
        "claims source archive courier FILE\n",
    )


def _imported(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['claims', *{args!r}]\n"
        "from claims_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    return set(done.stderr.rsplit("MODULES ", 1)[1].split())


_HEAVY = {"trafilatura", "lxml", "justext", "rapidfuzz"}
_OURS = {"claims_cli.check.quotes", "claims_cli.check.snapshots", "claims_cli.text.article"}


@pytest.mark.parametrize("args", [["validate"], ["list", "-f", "claims.yaml"]])
def test_without_snapshots_neither_the_extractor_nor_the_matcher_is_imported(
    args: list[str],
) -> None:
    modules = _imported(args)
    assert {m.split(".")[0] for m in modules} & _HEAVY == set()
    assert modules & _OURS == set()


def test_archiving_a_directory_is_a_usage_error(cli: Cli, repo: Path) -> None:
    before = snapshot_of(repo)
    result = cli(
        "source", "archive", "-f", repo / "claims.yaml", "courier", ".git",
        env={"PWD": str(repo)},
    )  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "claims: '.git' is a directory, not a saved page\n",
    )
    assert snapshot_of(repo) == before
