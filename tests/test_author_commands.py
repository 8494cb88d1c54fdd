"""Authoring from the terminal: init, add, set, source add, rm, and edits that never lose data."""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import GOOD, REPO, SAMPLE, TODAY, Cli, claims_executable, clean_environ

from claims_cli.environment import Environment
from claims_cli.read.yaml_events import parse_text

Write = Callable[..., Path]
README = (REPO / "README.md").read_text("utf-8")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed from ``before`` and added in ``after``, by a line diff."""
    removed: list[str] = []
    added: list[str] = []
    old, new = before.splitlines(True), after.splitlines(True)
    matcher = difflib.SequenceMatcher(a=old, b=new)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(old[a0:a1])
            added.extend(new[b0:b1])
    return removed, added


def data_of(path: Path) -> Any:
    """A claim file's data as claims reads it (``on:`` is a key, not True)."""
    return parse_text(path.read_text("utf-8"), path.name).data


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    return path


# --- the path a new user takes ---------------------------------------------------


def test_the_readme_walkthrough_builds_a_valid_ledger(tmp_path: Path) -> None:
    section = README[README.index("## Your first ledger") :]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block is not None
    script = block[1]
    env = clean_environ()
    env["PATH"] = str(Path(claims_executable()).parent) + ":" + env["PATH"]
    run = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "No problems: 1 file, 3 claims, 1 source." in run.stdout
    assert "Traceback" not in run.stderr
    data = data_of(tmp_path / "my-ledger" / "claims.yaml")
    ids = [c["id"] for c in data["claims"]]
    assert ids == [
        "iran-tajikistan-trade-exceeded-121",
        "iran-opened-drone-plant-dushanbe",
        "tajikistan-poorest-former-soviet",
    ]
    supported = data["claims"][1]
    assert supported["status"] == "supported"
    assert supported["checked"] == {"by": "A. Checker", "on": TODAY}
    assert supported["evidence"] == [
        {"source": "wire-2022", "stance": "supports", "note": "Photographs of the opening"}
    ]


def test_no_ledger_here_points_at_init(cli: Cli, in_tmp: Path) -> None:
    result = cli("list")
    assert result.exit_code == 2
    assert result.stderr == (
        "claims: no claims.yaml here or in any parent directory; start one with claims init, "
        "name a file or directory, or set CLAIMS_FILE\n"
    )


# --- init -----------------------------------------------------------------------------


def test_init_writes_a_ledger_that_validates_and_its_schema(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", tmp_path / "new")
    assert result.exit_code == 0, result.stderr
    ledger = (tmp_path / "new" / "claims.yaml").read_text("utf-8")
    assert ledger.startswith("# yaml-language-server: $schema=schema.json\n")
    assert (tmp_path / "new" / "schema.json").read_text("utf-8") == (
        REPO / "schema.json"
    ).read_text("utf-8")
    check = cli("validate", "--strict", tmp_path / "new" / "claims.yaml")
    assert check.stdout == "No problems: 1 file, 1 claim, 1 source.\n"


def test_init_overwrites_nothing(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "claims.yaml").write_text("mine\n", encoding="utf-8")
    result = cli("init")
    assert result.exit_code == 1
    assert result.stderr == "claims: init: claims.yaml already there; nothing was written\n"
    assert (in_tmp / "claims.yaml").read_text("utf-8") == "mine\n"
    assert not (in_tmp / "schema.json").exists() and not (in_tmp / ".github").exists()


def test_init_ci_github_writes_a_workflow_with_the_documented_keys(cli: Cli, in_tmp: Path) -> None:
    assert cli("init", "--ci", "github").exit_code == 0
    workflow = yaml.safe_load((in_tmp / ".github/workflows/claims.yml").read_text("utf-8"))
    # YAML 1.1 reads the key "on" as True; Actions reads it as "on".
    assert set(workflow) == {"name", True, "permissions", "jobs"}
    assert workflow[True] == {"push": None, "pull_request": None}
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "claims validate --strict" in runs
    assert any("--format sarif" in run for run in runs)
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload and upload[0]["with"]["sarif_file"] == "claims.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_init_ci_pre_commit_extends_a_config_and_pre_commit_accepts_it(
    cli: Cli, in_tmp: Path
) -> None:
    config = in_tmp / ".pre-commit-config.yaml"
    original = "# my hooks\nrepos:\n  - repo: local\n    hooks: []   # none yet\n"
    config.write_text(original, encoding="utf-8")
    assert cli("init", "--ci", "pre-commit").exit_code == 0
    text = config.read_text("utf-8")
    assert text.startswith(original)
    hook = yaml.safe_load(text)["repos"][1]["hooks"][0]
    assert hook["id"] == "claims-validate" and hook["entry"] == "claims validate"
    checked = subprocess.run(
        [str(Path(claims_executable()).parent / "pre-commit"), "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    (in_tmp / "claims.yaml").unlink()
    (in_tmp / "schema.json").unlink()
    again = cli("init", "--ci", "pre-commit")
    assert (
        again.stderr == "claims: init: .pre-commit-config.yaml already has a claims-validate hook\n"
    )


# --- add -------------------------------------------------------------------------------


def test_add_without_a_terminal_lists_every_missing_field(cli: Cli, sample: Path) -> None:
    before = sample.read_bytes()
    result = cli("add", "-f", sample, "--claim", "Something happened.")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "claims: add: missing --type, --source, --confidence "
        "(on a terminal, claims asks for them)\n"
    )
    assert sample.read_bytes() == before


def test_add_appends_one_claim_and_touches_no_other_byte(cli: Cli, sample: Path) -> None:
    before = sample.read_text("utf-8")
    result = cli(
        "add", "-f", sample, "--claim", "Iran built the plant in 2022.", "--type", "event",
        "--source", "seed-article", "--confidence", "low", "--tag", "drones", "--tag", "NO",
        "--date", "2022",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "iran-built-plant-2022\n"
    after = sample.read_text("utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n"
        "  - id: iran-built-plant-2022\n"
        "    claim: Iran built the plant in 2022.\n"
        "    type: event\n"
        "    attribution:\n"
        "      source: seed-article\n"
        "    confidence: low\n"
        "    date: '2022'\n"
        '    tags: [drones, "NO"]\n'
    )
    assert cli("validate", sample).exit_code == 0


def test_an_id_made_twice_gets_a_number(cli: Cli, sample: Path) -> None:
    args = ["--claim", "Same words.", "--type", "event", "--source", "seed-article"]
    first = cli("add", "-f", sample, *args, "--confidence", "low")
    second = cli("add", "-f", sample, *args, "--confidence", "high")
    assert (first.stdout, second.stdout) == ("same-words\n", "same-words-2\n")


def test_an_add_that_would_break_the_ledger_is_refused_byte_for_byte(
    cli: Cli, sample: Path
) -> None:
    before = sample.read_bytes()
    result = cli(
        "add", "-f", sample, "--id", "x1", "--claim", "A claim.", "--type", "event",
        "--source", "no-such-source", "--confidence", "low",
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(
        r".*claims\.yaml:\d+:15: E302 claims\[45\]\.attribution\.source: no source "
        r"'no-such-source'(; did you mean .*)?",
        lines[0],
    )
    assert lines[-1] == (
        "claims: not written: the edit would leave the ledger with 1 error; every file is as it was"
    )
    assert "Traceback" not in result.output
    assert sample.read_bytes() == before


def test_add_checks_choices_in_one_voice(cli: Cli, sample: Path) -> None:
    result = cli("add", "-f", sample, "--claim", "x", "--type", "statistc")
    assert result.exit_code == 2
    assert result.stderr == (
        "claims: --type: unknown value 'statistc' (choose from statistic, event, statement, "
        "assessment, forecast); did you mean 'statistic'?\n"
    )


def test_add_from_jsonl_adds_every_claim_in_one_write(cli: Cli, sample: Path) -> None:
    records = [
        {
            "claim": f"Claim number {n}.",
            "type": "event",
            "attribution": {"source": "seed-article"},
            "confidence": "low",
        }
        for n in (1, 2)
    ]
    lines = "\n".join(json.dumps(record) for record in records)
    result = cli("add", "-f", sample, "--from", "-", stdin=lines + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "claim-number-1\nclaim-number-2\n"


def test_add_from_jsonl_names_the_line_that_is_not_json(cli: Cli, sample: Path) -> None:
    before = sample.read_bytes()
    good = json.dumps({"claim": "Fine.", "type": "event", "confidence": "low"})
    stdin = f'{good}\n\n{good}\n{{"claim": "cut short"\n{good}\n'
    result = cli("add", "-f", sample, "--from", "-", stdin=stdin)
    assert (result.exit_code, result.stderr) == (
        2,
        "claims: --from: <stdin>:4: not a JSON record (Expecting ',' delimiter)\n",
    )
    assert sample.read_bytes() == before


def test_add_goes_into_the_file_that_holds_its_source(cli: Cli, write: Write) -> None:
    write("ledger/a.yaml", "version: 1\nsources: []\nclaims: []\n")
    b = write("ledger/b.yaml", GOOD)
    result = cli(
        "add", "-f", b.parent, "--claim", "Another claim.", "--type", "event",
        "--source", "article", "--confidence", "low",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "another-claim" in b.read_text("utf-8")
    assert (b.parent / "a.yaml").read_text("utf-8") == "version: 1\nsources: []\nclaims: []\n"


def _terminal_env() -> Environment:
    env = Environment.from_os(clean_environ(), stdout_isatty=True)
    return dataclasses.replace(env, stdin_isatty=True, color=False)


def test_on_a_terminal_add_asks_for_what_is_missing(cli: Cli, sample: Path) -> None:
    answers = "statistc\nstatistic\nseed-article\nlow\n"
    result = cli(
        "add",
        "-f",
        str(sample),
        "--claim",
        "Asked for the rest.",
        environment=_terminal_env(),
        stdin=answers,
    )
    assert result.exit_code == 0, result.stderr
    assert "type (statistic, event, statement, assessment, forecast): " in result.stderr
    assert "claims: --type: unknown value 'statistc'" in result.stderr
    assert "source (seed-article): " in result.stderr
    assert result.stdout == "asked-rest\n"
    data = yaml.safe_load(sample.read_text("utf-8"))
    assert data["claims"][-1]["type"] == "statistic"


def test_on_a_terminal_no_answer_is_a_usage_error(cli: Cli, sample: Path) -> None:
    before = sample.read_bytes()
    result = cli(
        "add", "-f", str(sample), "--claim", "Asked.", environment=_terminal_env(), stdin=""
    )
    assert result.exit_code == 2
    assert result.stderr.endswith("claims: --type: no answer given\n")
    assert sample.read_bytes() == before


# --- set ---------------------------------------------------------------------------------


def test_set_changes_only_the_claims_own_lines(cli: Cli, sample: Path) -> None:
    before = sample.read_text("utf-8")
    result = cli(
        "set", "trade-121m", "-f", sample, "--status", "supported",
        "--evidence", "seed-article:supports:Customs data", "--checked-by", "Ann",
        "attribution.locator=para 8", "--explanation", "Customs data agree.",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{sample}:354:12: W602 claims[20].claim: 89 characters; ClaimReview's claimReviewed "
        "should be at most 75 (Google's guideline): shorten the claim\n"
        "claims: trade-121m: changed\n"
    )
    removed, added = changed_lines(before, sample.read_text("utf-8"))
    assert removed == ["      locator: para 7\n"]
    assert added == [
        "      locator: para 8\n",
        "    status: supported\n",
        "    evidence:\n",
        "      - source: seed-article\n",
        "        stance: supports\n",
        "        note: Customs data\n",
        "    checked:\n",
        "      by: Ann\n",
        f"      on: '{TODAY}'\n",
        "    explanation: Customs data agree.\n",
    ]


def test_set_unset_removes_an_optional_field_and_its_comment_free_lines(
    cli: Cli, sample: Path
) -> None:
    before = sample.read_text("utf-8")
    result = cli("set", "ababil2-range-125mi", "-f", sample, "--unset", "notes")
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(before, sample.read_text("utf-8"))
    assert added == []
    assert removed == [
        "    notes: >-\n",
        "      About 200 km. The article does not say whether this is combat radius or\n",
        "      one-way range; check against independent specifications.\n",
    ]


def test_set_refuses_to_remove_a_required_field(cli: Cli, sample: Path) -> None:
    result = cli("set", "trade-121m", "-f", sample, "--unset", "confidence")
    assert (result.exit_code, result.stderr) == (
        2,
        "claims: --unset: 'confidence' is required and cannot be removed\n",
    )


def test_set_on_an_unknown_claim_writes_nothing(cli: Cli, sample: Path) -> None:
    before = sample.read_bytes()
    result = cli("set", "no-such-claim", "-f", sample, "--status", "refuted")
    assert result.exit_code == 1
    assert result.stderr == "claims: no claim 'no-such-claim'; nothing was written\n"
    assert sample.read_bytes() == before


def test_an_edit_that_would_touch_an_alias_is_refused(cli: Cli, write: Write) -> None:
    text = GOOD.replace(
        "attribution: {source: article, claimant: The author, claimant_type: author}",
        "attribution: &who {source: article, claimant: The author, claimant_type: author}",
    )
    path = write("claims.yaml", text)
    before = path.read_bytes()
    result = cli("set", "trade-121m", "-f", path, "--claimant", "Someone else")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims: the edit would touch an anchor or alias (& or *); make this change by hand "
        "(line 14); nothing was written\n"
    )
    assert path.read_bytes() == before


def test_a_crlf_file_keeps_its_line_ends(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", GOOD.replace("\n", "\r\n").encode())
    result = cli(
        "set", "trade-121m", "-f", path, "--status", "refuted", "--evidence", "article:refutes"
    )
    assert result.exit_code == 0, result.stderr
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert raw.startswith(GOOD.replace("\n", "\r\n").encode()[:200])


# --- source add, rm ---------------------------------------------------------------------


def test_source_add_defaults_accessed_to_today(cli: Cli, sample: Path) -> None:
    result = cli(
        "source", "add", "-f", sample, "--id", "wire-2022", "--title", "Wire story",
        "--kind", "news",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(sample.read_text("utf-8"))
    assert data["sources"][-1] == {
        "id": "wire-2022",
        "title": "Wire story",
        "accessed": TODAY,
        "kind": "news",
    }


def test_rm_refuses_a_superseded_claim_unless_forced(cli: Cli, write: Write) -> None:
    newer = GOOD + (
        "  - id: newer\n    claim: Newer.\n    type: event\n    supersedes: trade-121m\n"
        "    attribution: {source: article}\n    confidence: low\n"
    )
    path = write("claims.yaml", newer)
    refused = cli("rm", "trade-121m", "-f", path)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "claims: claim 'trade-121m' is superseded by newer; use --force; nothing was written\n"
    )
    assert path.read_text("utf-8") == newer
    forced = cli("rm", "trade-121m", "--force", "-f", path)
    assert forced.exit_code == 0, forced.stderr
    data = yaml.safe_load(path.read_text("utf-8"))
    assert [c["id"] for c in data["claims"]] == ["newer"]
    assert "supersedes" not in data["claims"][0]


def test_rm_takes_only_the_records_lines(cli: Cli, sample: Path) -> None:
    before = sample.read_text("utf-8")
    result = cli("rm", "ababil2-range-125mi", "-f", sample)
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(before, sample.read_text("utf-8"))
    assert added == []
    assert removed[0] == "  - id: ababil2-range-125mi\n" and removed[-1] == "\n"
    assert len(removed) == 24


# --- concurrency --------------------------------------------------------------------------


def test_ten_concurrent_adds_all_land(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    processes = [
        subprocess.Popen(
            [
                claims_executable(),
                "add",
                "-f",
                str(path),
                "--id",
                f"parallel-{n}",
                "--claim",
                f"Parallel claim {n}.",
                "--type",
                "event",
                "--source",
                "article",
                "--confidence",
                "low",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_environ(),
        )
        for n in range(10)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    data = yaml.safe_load(path.read_text("utf-8"))
    assert {c["id"] for c in data["claims"]} == {"trade-121m"} | {
        f"parallel-{n}" for n in range(10)
    }
    assert path.read_text("utf-8").startswith(GOOD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]
