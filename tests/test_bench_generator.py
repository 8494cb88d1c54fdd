"""The benchmark's ledger generator: the same bytes for a seed, ledgers that pass, files that split.

No timing here: the benchmarks measure, these tests only make sure that what
they measure is a valid, realistic ledger.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Cli

from bench import generate
from claims_cli.check.quote_figures import figure_in_text
from claims_cli.read.yaml_events import parse_text


def read(path: Path) -> Any:
    """A written file as claims reads it (keys stay text: ``on:`` is not ``True``)."""
    return parse_text(path.read_text(encoding="utf-8"), str(path)).data


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() -> None:
    first = generate.to_yaml(generate.generate(200, seed=7))
    assert generate.to_yaml(generate.generate(200, seed=7)) == first
    assert generate.to_yaml(generate.generate(200, seed=8)) != first


def test_a_ledger_has_n_claims_and_n_over_20_sources_shaped_like_real_ones() -> None:
    data = generate.generate(2000, seed=1)
    claims, sources = data["claims"], data["sources"]
    assert (len(claims), len(sources)) == (2000, 100)
    unchecked = [claim for claim in claims if claim.get("status", "unverified") == "unverified"]
    assert all(100 <= len(claim["claim"]) <= 200 for claim in unchecked)
    # A claim with a verdict fits ClaimReview's claimReviewed (W602).
    assert all(40 <= len(claim["claim"]) <= 75 for claim in claims if claim not in unchecked)
    assert all(2 <= len(claim["tags"]) <= 4 for claim in claims)
    assert all(len(set(claim["tags"])) == len(claim["tags"]) for claim in claims)
    tags = {tag for claim in claims for tag in claim["tags"]}
    assert {"تجارت", "贸易", "экономика"} <= tags
    valued = [claim for claim in claims if "value" in claim]
    assert 0.3 < len(valued) / len(claims) < 0.6
    # The figure is in the quote, as W307 asks.
    assert all(figure_in_text(c["value"]["amount"], c["quote"]) for c in valued)
    assert 0.4 < sum("date" in claim for claim in claims) / len(claims) < 0.8
    with_evidence = [claim for claim in claims if "evidence" in claim]
    assert 0.15 < len(with_evidence) / len(claims) < 0.35
    assert all(claim["status"] not in ("unverified", "unverifiable") for claim in with_evidence)
    ids = [claim["id"] for claim in claims]
    assert len(set(ids)) == len(ids)
    superseded = [claim["supersedes"] for claim in claims if "supersedes" in claim]
    assert 5 <= len(superseded) <= 40
    assert set(superseded) <= set(ids)


def test_a_generated_ledger_passes_strict_validation(cli: Cli, tmp_path: Path) -> None:
    path = generate.write(generate.generate(300, seed=3), tmp_path / "ledger.yaml")[0]

    run = cli("validate", "--strict", path)

    assert (run.exit_code, run.stdout) == (0, "No problems: 1 file, 300 claims, 15 sources.\n")


def test_the_directory_form_splits_the_same_ledger_into_complete_files(
    cli: Cli, tmp_path: Path
) -> None:
    data = generate.generate(300, seed=3)

    paths = generate.write(data, tmp_path / "ledger", files=4)

    assert [path.name for path in paths] == [f"ledger-{n}.yaml" for n in range(1, 5)]
    documents = [read(path) for path in paths]
    assert all(document["version"] == 1 for document in documents)
    assert ["meta" in document for document in documents] == [True, False, False, False]
    assert [len(document["claims"]) for document in documents] == [75, 75, 75, 75]
    # Dealt out in order: together the files hold exactly the one-file ledger.
    assert [c for d in documents for c in d["claims"]] == data["claims"]
    assert [s for d in documents for s in d["sources"]] == data["sources"]
    run = cli("validate", "--strict", tmp_path / "ledger")
    assert (run.exit_code, run.stdout) == (0, "No problems: 4 files, 300 claims, 15 sources.\n")


def test_the_one_file_form_reads_back_as_the_data_it_was_written_from(tmp_path: Path) -> None:
    data = generate.generate(500, seed=5)

    path = generate.write(data, tmp_path / "ledger.yaml")[0]

    assert read(path) == data


def test_the_picks_find_what_claims_finds(cli: Cli, tmp_path: Path) -> None:
    data = generate.generate(1000, seed=0)
    path = generate.write(data, tmp_path / "ledger.yaml")[0]
    picks = generate.picks(data)

    tagged = cli("list", "--tag", picks.tag, "-F", "ids", "-f", path)
    searched = cli("list", "--search", picks.search, "-F", "ids", "-f", path)
    shown = cli("show", picks.show_id, "-F", "json", "-f", path)

    assert 5 <= picks.tag_matches <= 20  # about 1% of the claims
    assert len(tagged.lines) == picks.tag_matches
    assert picks.search_matches > 0
    assert len(searched.lines) == picks.search_matches
    assert (shown.exit_code, picks.show_id) == (0, data["claims"][500]["id"])


def test_the_misspelt_ledger_asks_did_you_mean_for_every_reference(
    cli: Cli, tmp_path: Path
) -> None:
    path = generate.write(generate.misspelt(generate.generate(40)), tmp_path / "bad.yaml")[0]

    run = cli("validate", path)

    misspelt = [line for line in run.lines if " E302 " in line]
    assert run.exit_code == 1
    assert len(misspelt) == 40
    assert misspelt[0] == (
        f"{path}:35:15: E302 claims[0].attribution.source: no source 'wier-2019-00000'; "
        "did you mean 'wire-2019-00000'?"
    )
    assert all(re.search(r"did you mean '[a-z]+-\d{4}-\d{5}'\?$", line) for line in misspelt)


@pytest.mark.parametrize("files", [1, 3])
def test_the_command_line_writes_a_file_or_a_directory(tmp_path: Path, files: int) -> None:
    target = tmp_path / ("ledger.yaml" if files == 1 else "ledger")

    generate.main(["120", "-o", str(target), "--files", str(files), "--seed", "2"])

    written = [target] if files == 1 else sorted(target.iterdir())
    assert len(written) == files
    claims = [claim for path in written for claim in read(path)["claims"]]
    assert claims == generate.generate(120, seed=2)["claims"]
