"""The look-up index: the same answers as reading the files, never stale, harmless when broken.

Every look-up is run twice on a generated ledger, once with ``--no-cache`` and
once from a warm index, and the outputs must be the same bytes. The index must
notice any change to a file's bytes (even one that keeps its size and
modification time), re-read only the file that changed, and fall back to
reading the files when it is corrupt, unusable or busy.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD, Cli, claims_executable, clean_environ

from bench import generate
from claims_cli.index.store import INDEX_NAME

LOOKUPS: list[list[str]] = [
    ["list"],
    ["list", "--tag", "TAG"],
    ["list", "--search", "rahmon cotton"],
    ["list", "--search", "rahmon"],
    ["list", "--sort", "confidence", "--limit", "7", "-F", "json"],
    ["list", "--tag", "no-such-tag"],
    ["list", "--tag", "no-such-tagg", "--status", "refuted"],
    ["list", "--status", "refuted", "--type", "statistic", "--min-confidence", "high"],
    ["list", "--source", "SOURCE", "--claimant-type", "government", "-F", "json"],
    ["list", "--tag", "TAG", "--search", "the", "--sort", "date", "--reverse"],
    ["list", "--search", "no-such-word", "--max-confidence", "low"],
    ["show", "SHOW_ID"],
    ["show", "SHOW_ID", "-F", "json"],
    ["show", "no-such-claim"],
    ["stats"],
    ["stats", "-F", "json", "--tag", "TAG"],
    ["stats", "--status", "refuted"],
    ["stats", "--tag", "no-such-tag"],
    ["sources", "-F", "csv"],
]


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, generate.Picks]:
    data = generate.generate(300, seed=3)
    root = tmp_path_factory.mktemp("ledgers")
    generate.write(data, root / "one.yaml")
    generate.write(data, root / "split", files=4)
    return root / "one.yaml", root / "split", generate.picks(data)


def _args(args: list[str], picks: generate.Picks) -> list[str]:
    swap = {"TAG": picks.tag, "SHOW_ID": picks.show_id, "SOURCE": "stats-2019-00010"}
    return [swap.get(arg, arg) for arg in args]


def _index(cache: Path) -> Path:
    return cache / INDEX_NAME


@pytest.mark.parametrize("shape", ["one file", "split"])
@pytest.mark.parametrize("args", LOOKUPS, ids=" ".join)
def test_every_look_up_answers_the_same_from_the_index(
    cli: Cli,
    tmp_path: Path,
    ledgers: tuple[Path, Path, generate.Picks],
    shape: str,
    args: list[str],
) -> None:
    one, split, picks = ledgers
    target = one if shape == "one file" else split
    command = [*_args(args, picks), "-f", target]
    cache = {"CLAIMS_CACHE_DIR": str(tmp_path / "cache")}
    for terminal in (False, True):
        cold = cli("--no-cache", *command, env=cache, terminal=terminal, columns=120)
        if not terminal:  # --no-cache neither reads nor writes the index
            assert not _index(tmp_path / "cache").exists()
        first = cli(*command, env=cache, terminal=terminal, columns=120)  # builds the index
        warm = cli(*command, env=cache, terminal=terminal, columns=120)
        # A search keeps the text it looked in; the next one reads it from the index.
        again = cli(*command, env=cache, terminal=terminal, columns=120)
        assert _index(tmp_path / "cache").exists()
        for run in (first, warm, again):
            assert (run.exit_code, run.stdout, run.stderr) == (
                cold.exit_code,
                cold.stdout,
                cold.stderr,
            )
        assert "Traceback" not in warm.output


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display names of the files the index parses, as they are parsed."""
    import claims_cli.read.files as files

    parsed: list[str] = []
    real = files.read_claim_file

    def counting(item: files.ClaimFile, *, max_bytes: int) -> object:
        parsed.append(item.display)
        return real(item, max_bytes=max_bytes)

    monkeypatch.setattr(files, "read_claim_file", counting)
    return parsed


def test_a_warm_look_up_parses_nothing_and_an_edit_re_reads_only_its_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = generate.generate(120, seed=5)
    paths = generate.write(data, tmp_path / "split", files=3)
    # Settled files (written well before they are indexed) are trusted by identity.
    for path in paths:
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    assert cli("list", "-f", tmp_path / "split").exit_code == 0
    parsed = _count_parses(monkeypatch)
    before = cli("list", "-F", "json", "-f", tmp_path / "split")
    assert parsed == []

    text = paths[1].read_text(encoding="utf-8")
    first_id = data["claims"][0]["id"]
    # Another valid level for the file's first claim, whatever it had.
    edited = re.sub(
        r"confidence: (\S+)",
        lambda m: "confidence: " + ("high" if m[1] == "low" else "low"),
        text,
        count=1,
    )
    if edited == text:  # pragma: no cover - the generator always writes confidences
        pytest.fail("nothing to edit")
    paths[1].write_text(edited, encoding="utf-8")
    after = cli("list", "-F", "json", "-f", tmp_path / "split")
    assert after.exit_code == 0, after.stderr
    assert [Path(name).name for name in parsed] == [paths[1].name]
    assert after.stdout != before.stdout
    assert after.stdout == cli("--no-cache", "list", "-F", "json", "-f", tmp_path / "split").stdout
    assert first_id  # the ledger is not empty


def _same_size_same_mtime(path: Path, old: str, new: str) -> None:
    assert len(old) == len(new) and old != new
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert path.stat().st_mtime_ns == status.st_mtime_ns


@pytest.mark.parametrize("settled", [True, False], ids=["old file", "just written"])
def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    cli: Cli, write: object, tmp_path: Path, settled: bool
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    if settled:
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    assert cli("show", "trade-121m", "-F", "json", "-f", path).exit_code == 0
    _same_size_same_mtime(path, "confidence: medium", "confidence: high  ")
    warm = cli("show", "trade-121m", "-F", "json", "-f", path)
    assert '"confidence": "high"' in warm.stdout
    assert warm.stdout == cli("--no-cache", "show", "trade-121m", "-F", "json", "-f", path).stdout


def test_a_ledger_with_errors_is_refused_exactly_as_without_the_index(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert cli("list", "-f", path).exit_code == 0  # indexed while good
    path.write_text(GOOD.replace("source: article", "source: artcle"), encoding="utf-8")
    for _ in range(2):  # the second time the index knows the file has errors
        run = cli("list", "-f", path)
        assert run.exit_code == 1
        assert run.stdout == ""
        assert run.stderr == (
            f"{path}:14:27: E302 claims[0].attribution.source: no source 'artcle';"
            " did you mean 'article'?\n"
            "claims: the claim files have 1 error; fix them first ('claims validate' gives the"
            " full report)\n"
        )
        assert run.stderr == cli("--no-cache", "list", "-f", path).stderr


def test_a_reference_across_files_breaking_is_refused(cli: Cli, tmp_path: Path) -> None:
    data = generate.generate(60, seed=9)
    paths = generate.write(data, tmp_path / "split", files=2)
    assert cli("list", "-f", tmp_path / "split").exit_code == 0
    # Remove the second file: claims of the first may cite its sources.
    paths[1].unlink()
    cold = cli("--no-cache", "list", "-f", tmp_path / "split")
    warm = cli("list", "-f", tmp_path / "split")
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


@pytest.mark.parametrize(
    "damage",
    [b"garbage " * 100, b"SQLite format 3\x00" + b"\xff" * 4000, b""],
    ids=["garbage", "truncated header", "empty"],
)
def test_a_corrupt_index_falls_back_to_the_files(cli: Cli, tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("list", "-f", path, env=env).exit_code == 0
    _index(cache).write_bytes(damage)
    expected = cli("--no-cache", "list", "-f", path)
    for _ in range(2):
        run = cli("list", "-f", path, env=env)
        assert (run.exit_code, run.stdout, run.stderr) == (0, expected.stdout, "")


def test_a_truncated_index_falls_back_to_the_files(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("list", "-f", path, env=env).exit_code == 0
    whole = _index(cache).read_bytes()
    _index(cache).write_bytes(whole[: len(whole) // 2])
    run = cli("show", "trade-121m", "-F", "json", "-f", path, env=env)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == cli("--no-cache", "show", "trade-121m", "-F", "json", "-f", path).stdout


@pytest.mark.parametrize("where", ["a file in the way", "writable by others"])
def test_an_unusable_cache_directory_falls_back_to_the_files(
    cli: Cli, tmp_path: Path, where: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    if where == "a file in the way":
        cache.write_text("not a directory", encoding="utf-8")
    else:
        cache.mkdir()
        cache.chmod(0o777)
    run = cli("list", "-F", "json", "-f", path, env={"CLAIMS_CACHE_DIR": str(cache)})
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.stdout == cli("--no-cache", "list", "-F", "json", "-f", path).stdout
    assert not (cache.is_dir() and _index(cache).exists())


def test_a_read_only_index_still_answers(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("list", "-f", path, env=env).exit_code == 0
    # Another process holds the write lock: nothing can be recorded now.
    holder = sqlite3.connect(_index(cache), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        path.write_text(GOOD.replace("medium", "high"), encoding="utf-8")
        run = cli("list", "-F", "json", "-f", path, env=env)
        assert (run.exit_code, run.stderr) == (0, "")
        assert '"confidence": "high"' in run.stdout
    finally:
        holder.close()


def test_two_processes_building_the_index_at_once_both_answer(tmp_path: Path) -> None:
    data = generate.generate(400, seed=11)
    generate.write(data, tmp_path / "split", files=4)
    picks = generate.picks(data)
    env = clean_environ(CLAIMS_CACHE_DIR=str(tmp_path / "cache"))
    command = [claims_executable(), "list", "--tag", picks.tag, "-F", "json"]
    command += ["-f", str(tmp_path / "split")]
    cold = subprocess.run(
        [command[0], "--no-cache", *command[1:]], capture_output=True, env=env, check=False
    )
    assert cold.returncode == 0, cold.stderr
    for _ in range(2):
        running = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(3)
        ]
        for process in running:
            out, err = process.communicate(timeout=120)
            assert (process.returncode, out, err) == (0, cold.stdout, b"")


def test_cache_clear_removes_the_index_and_cache_dir_names_it(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("cache", "dir", env=env).stdout == f"{cache}\n"
    assert cli("list", "-f", path, env=env).exit_code == 0
    assert _index(cache).exists()
    run = cli("cache", "clear", env=env)
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "claims: removed 1 index file\n")
    assert not _index(cache).exists()
    again = cli("cache", "clear", env=env)
    assert again.stderr == "claims: removed 0 index files\n"


def test_validate_never_touches_the_index(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    cache = tmp_path / "cache"
    assert cli("validate", path, env={"CLAIMS_CACHE_DIR": str(cache)}).exit_code == 0
    assert not cache.exists()


def test_look_ups_never_put_the_index_in_the_repository() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from claims_cli.environment import user_cache_dir as u; print(u({}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    default = Path(out.stdout.strip())
    assert default.name == "claims"
    assert Path.cwd() not in default.parents


def test_another_version_of_the_code_reads_the_files_afresh(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claims_cli.index.ledger as indexed

    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)  # settled: trusted by identity
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("list", "-f", path, env=env).exit_code == 0
    parsed = _count_parses(monkeypatch)
    assert cli("list", "-f", path, env=env).exit_code == 0
    assert parsed == []
    # What the index keeps is what this code read: other code reads again.
    monkeypatch.setattr(indexed, "_code_digest", lambda: b"another version")
    run = cli("list", "-F", "json", "-f", path, env=env)
    assert run.stdout == cli("--no-cache", "list", "-F", "json", "-f", path).stdout
    assert parsed == [str(path)]
    with sqlite3.connect(_index(cache)) as db:  # and the old entry is gone
        assert db.execute("SELECT count(*) FROM file").fetchone() == (1,)
