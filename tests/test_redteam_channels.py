"""Red team: every untrusted string escaped for its channel, and no traceback, ever.

Each case writes what a hostile pull request or a hostile desk could hold
(a file name with a terminal escape, rich markup, a workflow command; a
closed or full or ASCII-only stream; a name the system refuses) and asserts
the exact lines a user sees, that no traceback is printed, and where files
are involved that they are byte for byte as they were.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import GOOD, SAMPLE, TODAY, Cli, claims_executable, clean_environ, invoke_claims
from hypothesis import given
from hypothesis import strategies as st

from claims_cli.environment import ClosedStream, Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.render.escape import json_safe, log_line, many_lines, one_line

Write = Callable[[str, str], Path]
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX descriptors and file names")

#: GOOD without the claim's confidence: one error, E202 on line 9.
MISSING_CONFIDENCE = GOOD.replace("    confidence: medium\n", "")
MISSING_LINE = "9:5: E202 claims[0]: missing required key 'confidence'"
#: A workflow command in an annotation, an aside, and a legacy command.
HOSTILE_VALUE = "medum\n::add-mask::x ##[error]y"
HOSTILE = GOOD.replace("confidence: medium", 'confidence: "medum\\n::add-mask::x ##[error]y"')
#: How the plain report shows HOSTILE_VALUE: one line, nothing a runner obeys.
HOSTILE_SHOWN = "'medum\\n::add-mask::x #\\x23[error]y'"
CHOICES = "is not one of very-low, low, medium, high, very-high"
#: A CI annotation of ours: a command, escaped properties, then the message.
ANNOTATION = re.compile(r"::(error|warning) file=[^:,]*,line=\d+,col=\d+,title=[^:,]*::")


def no_traceback(*texts: str | bytes) -> None:
    for text in texts:
        shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        assert "Traceback" not in shown
        assert 'File "' not in shown


def workflow_commands(text: str) -> list[str]:
    """The lines of ``text`` that a GitHub runner would obey."""
    lines = [line for line in text.splitlines() if line.lstrip().startswith("::")]
    return lines + [line for line in text.splitlines() if "##[" in line]


class Streams:
    """Streams for one in-process run: what was written, as bytes in an encoding."""

    def __init__(self, encoding: str = "utf-8") -> None:
        self.out = io.BytesIO()
        self.err = io.BytesIO()
        self.stdout = io.TextIOWrapper(self.out, encoding=encoding, write_through=True)
        self.stderr = io.TextIOWrapper(self.err, encoding=encoding, write_through=True)


def run_in(env: Environment, *args: object) -> int:
    """``claims ARGS`` in-process with ``env``'s streams; exceptions are not swallowed."""
    return invoke_claims(*args, environment=env).exit_code


def environment(**streams: Any) -> Environment:
    return Environment(today=date.fromisoformat(TODAY), **streams)


def run_process(
    args: Sequence[object],
    *,
    cwd: Path,
    close: int | None = None,
    stdout: Any = subprocess.PIPE,
    **extra: str,
) -> subprocess.CompletedProcess[bytes]:
    """The installed ``claims`` as a real process, ``close`` (a descriptor) closed in it."""

    def closing() -> None:
        if close is not None:
            os.close(close)

    return subprocess.run(
        [claims_executable(), *map(str, args)],
        stdout=stdout if close != 1 else None,
        stderr=subprocess.PIPE if close != 2 else None,
        stdin=subprocess.DEVNULL if close != 0 else None,
        cwd=cwd,
        env=clean_environ(**extra),
        preexec_fn=closing,
        timeout=120,
        check=False,
    )


# == Class 2: every untrusted string escaped for the channel it reaches ==============


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("esc\x1b[2J.yaml", "esc\\x1b[2J.yaml"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("nul\x00bel\x07del\x7f", "nul\\x00bel\\x07del\\x7f"),
        ("csi\x9b2J nel\x85", "csi\\x9b2J nel\\x85"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("evil\u202egnp.yaml", "evil\\u202egnp.yaml"),
        ("iso\u2066late\u2069", "iso\\u2066late\\u2069"),
        ("latin1-\udce9.yaml", "latin1-\\xe9.yaml"),  # a file name that is not UTF-8
        ("see ##[add-mask]x", "see #\\x23[add-mask]x"),
        ("Rahmón, Ababil-2, 121 млн, C:\\path\\x1b", "Rahmón, Ababil-2, 121 млн, C:\\path\\x1b"),
    ],
)
def test_one_line_shows_controls_as_escapes(text: str, shown: str) -> None:
    assert one_line(text) == shown


def test_many_lines_keeps_line_breaks_only() -> None:
    assert many_lines("first\nsecond\x1b[2J\r") == "first\nsecond\\x1b[2J\\r"


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


#: Any character, with the dangerous ones (and the makings of "##[") made common.
HOSTILE_CHARACTERS = st.one_of(
    st.characters(exclude_categories=()),
    st.sampled_from(list("\x1b\n\r\x00\x7f\x85\x9b\u2028\u2029\u202e\u2066\udcff\ud83d#[:")),
)


@given(st.text(alphabet=HOSTILE_CHARACTERS))
def test_one_line_never_lets_a_control_through(text: str) -> None:
    shown = one_line(text)
    assert UNSAFE.search(shown) is None
    assert "##[" not in shown
    assert shown == text or "\\" in shown


@given(st.text(alphabet=HOSTILE_CHARACTERS))
def test_json_safe_is_the_same_value(text: str) -> None:
    dumped = json.dumps({"v": text}, ensure_ascii=False)
    safe = json_safe(dumped)
    assert json.loads(safe) == {"v": text}
    assert re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", safe) is None
    assert "##[" not in safe


def test_a_line_starting_with_a_workflow_command_is_defused() -> None:
    assert log_line("::add-mask::x") == "\\x3a:add-mask::x"
    assert log_line("   ::error::x") == "   \\x3a:error::x"
    assert log_line("\x1b[1m::error::x") == "\x1b[1m\\x3a:error::x"
    assert log_line("id ::error::x") == "id ::error::x"


@posix
@pytest.mark.parametrize(
    "command",
    [["validate"], ["list", "-f"], ["export", "-f"], ["show", "trade", "-f"], ["stats", "-f"]],
    ids=" ".join,
)
def test_an_escape_sequence_in_a_file_name_is_shown_not_obeyed(
    cli: Cli, in_tmp: Path, command: list[str]
) -> None:
    name = "esc\x1b[2J.yaml"
    (in_tmp / name).write_text(MISSING_CONFIDENCE, encoding="utf-8")
    run = cli(*command, name)
    assert run.exit_code == 1
    assert f"esc\\x1b[2J.yaml:{MISSING_LINE}" in run.output.splitlines()
    assert "\x1b" not in run.output
    no_traceback(run.output)


@posix
def test_text_report_escapes_a_file_name_even_in_colour(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "esc\x1b[2J.yaml").write_text(MISSING_CONFIDENCE, encoding="utf-8")
    run = cli("validate", "esc\x1b[2J.yaml", terminal=True)
    assert run.stdout.splitlines()[0] == (
        "\x1b[1mesc\\x1b[2J.yaml:9:5:\x1b[0m \x1b[31mE202\x1b[0m "
        "claims[0]: missing required key 'confidence'"
    )
    assert "\x1b[2J" not in run.stdout


MARKUP_DIR = "[link=https:/evil]x[/link]"
MARKUP_FILE = "[bold red]b.yaml"
MARKUP_TEXT = "[link=https://evil]click[/link] and [bold red]alarm[/bold red]"


@posix
def test_markup_in_a_file_name_is_shown_literally_in_the_panel(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / MARKUP_DIR).mkdir(parents=True)
    path = f"{MARKUP_DIR}/{MARKUP_FILE}"
    (in_tmp / path).write_text(GOOD, encoding="utf-8")
    run = cli("show", "trade", "-f", path, terminal=True, columns=120)
    assert run.exit_code == 0
    bottom = run.stdout.splitlines()[-1]
    assert f"statistic · {path}:9" in re.sub("\x1b\\[[0-9;]*m", "", bottom)
    assert "\x1b]8;" not in run.stdout  # no hyperlink
    no_traceback(run.output)


@pytest.mark.parametrize("command", [["list", "-F", "table"], ["show", "trade"]], ids=" ".join)
def test_markup_in_claim_text_is_shown_literally(
    cli: Cli, write: Write, command: list[str]
) -> None:
    ledger = GOOD.replace(
        "claim: Trade exceeded 121 million dollars over two years.", f'claim: "{MARKUP_TEXT}"'
    )
    ledger = ledger.replace("title: An article", 'title: "[link=https://evil]t[/link]"')
    path = write("claims.yaml", ledger)
    run = cli(*command, "-f", path, terminal=True, columns=200)
    assert run.exit_code == 0
    plain = re.sub("\x1b\\[[0-9;]*m", "", run.stdout)
    assert MARKUP_TEXT in plain
    assert "\x1b]8;" not in run.stdout


def test_markup_in_a_source_title_is_shown_literally(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", GOOD.replace("title: An article", 'title: "[bold red]x[/bold]"'))
    run = cli("sources", "-F", "table", "-f", path, terminal=True, columns=120)
    assert "[bold red]x[/bold]" in re.sub("\x1b\\[[0-9;]*m", "", run.stdout)


@posix
@pytest.mark.parametrize(
    "name",
    ["::error file=README.md::owned.yaml", "  ::warning::x.yaml", "::stop-commands::t.yaml"],
)
def test_github_report_has_no_workflow_command_but_its_annotations(
    cli: Cli, in_tmp: Path, name: str
) -> None:
    (in_tmp / name).write_text(HOSTILE, encoding="utf-8")
    run = cli("validate", "-F", "github", name)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    file_property = name.replace(":", "%3A")
    assert lines == [
        f"::error file={file_property},line=15,col=17,title=E204 not-one-of::"
        f"claims[0].confidence: 'medum%0A::add-mask::x #\\x23[error]y' {CHOICES}",
        f"./{name}:15:17: E204 claims[0].confidence: {HOSTILE_SHOWN} {CHOICES}",
        "Found 1 error and 0 warnings in 1 file, 1 claim, 1 source.",
    ]
    commands = workflow_commands(run.stdout)
    assert commands == [lines[0]]
    assert ANNOTATION.match(lines[0])


@posix
def test_github_is_the_default_in_actions_and_just_as_safe(cli: Cli, in_tmp: Path) -> None:
    name = "::error file=README.md::owned.yaml"
    (in_tmp / name).write_text(HOSTILE, encoding="utf-8")
    run = cli("validate", name, env={"GITHUB_ACTIONS": "true"})
    assert len(workflow_commands(run.stdout)) == 1


@posix
@pytest.mark.parametrize("command", [["list", "-f"], ["export", "-F", "csv", "-f"]], ids=" ".join)
def test_a_refusal_on_stderr_cannot_forge_a_command(
    cli: Cli, in_tmp: Path, command: list[str]
) -> None:
    name = "::error file=README.md::owned.yaml"
    (in_tmp / name).write_text(HOSTILE, encoding="utf-8")
    run = cli(*command, name)
    assert run.exit_code == 1
    assert run.stderr.splitlines()[0] == (
        f"./{name}:15:17: E204 claims[0].confidence: {HOSTILE_SHOWN} {CHOICES}"
    )
    assert workflow_commands(run.output) == []


def test_a_table_line_cannot_start_a_workflow_command(cli: Cli, write: Write) -> None:
    ledger = GOOD.replace(
        "claim: Trade exceeded 121 million dollars over two years.", 'claim: "::add-mask::secret"'
    )
    run = cli("list", "-F", "table", "-f", write("claims.yaml", ledger), columns=40)
    assert "\\x3a:add-mask::secret" in run.stdout
    assert workflow_commands(run.stdout) == []


@posix
def test_json_and_sarif_reports_are_json_escaped(cli: Cli, in_tmp: Path) -> None:
    name = "esc\x1b[2J\u202e.yaml"
    (in_tmp / name).write_text(HOSTILE, encoding="utf-8")
    as_json = cli("validate", "-F", "json", name)
    as_sarif = cli("validate", "-F", "sarif", name)
    for run in (as_json, as_sarif):
        assert run.exit_code == 1
        assert UNSAFE.search(run.stdout.replace("\n", "")) is None
        assert "##[" not in run.stdout
        assert workflow_commands(run.stdout) == []
    diagnostic = json.loads(as_json.stdout)["diagnostics"][0]
    assert diagnostic["file"] == name
    message = f"claims[0].confidence: '{HOSTILE_VALUE}' {CHOICES}"
    assert diagnostic["message"] == message
    assert "esc\\u001b[2J\\u202e.yaml" in as_json.stdout
    result = json.loads(as_sarif.stdout)["runs"][0]["results"][0]
    assert result["message"]["text"] == message
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "esc%1B%5B2J%E2%80%AE.yaml"  # a URI reference, as SARIF requires


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("sp ace#1?.yaml", "sp%20ace%231%3F.yaml"),
        ("c:evil.yaml", "c%3Aevil.yaml"),
        ("::error file=README.md::x.yaml", "%3A%3Aerror%20file%3DREADME.md%3A%3Ax.yaml"),
        ("تجارت.yaml", "%D8%AA%D8%AC%D8%A7%D8%B1%D8%AA.yaml"),
    ],
)
def test_sarif_names_a_file_by_a_uri_that_cannot_read_as_a_fragment_or_a_scheme(
    cli: Cli, in_tmp: Path, name: str, uri: str
) -> None:
    (in_tmp / name).write_text(HOSTILE, encoding="utf-8")
    run = cli("validate", "-F", "sarif", name)
    assert run.exit_code == 1
    result = json.loads(run.stdout)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["show", "\x1b[2Jx"], "claims: no claim '\\x1b[2Jx'"),
        (
            ["list", "--status", "\x1b]8;;https://evil\x07x"],
            "claims: --status: unknown value '\\x1b]8;;https://evil\\x07x' (choose from "
            "unverified, supported, partly-supported, disputed, refuted, misleading, unverifiable)",
        ),
        (["list", "-t", "a\nb"], "claims: no claims match (no tag 'a\\nb' in the ledger)"),
        (
            ["list", "-f", "gone\x1b[2J.yaml"],
            "claims: no such file or directory: 'gone\\x1b[2J.yaml'",
        ),
        (["lisst\u202e"], "claims: no such command 'lisst\\u202e'; did you mean 'list'?"),
    ],
)
def test_every_line_on_stderr_is_one_escaped_line(cli: Cli, args: list[str], line: str) -> None:
    run = cli(*args, "-f", SAMPLE) if args[0] == "show" else cli(*args)
    assert run.stderr.splitlines() == [line]
    no_traceback(run.output)


# == Class 4: no traceback, ever ====================================================

# -- closed streams -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["list"], ["validate"], ["stats"], ["show", "trade"], ["export", "-F", "json"]],
    ids=" ".join,
)
def test_a_closed_stdout_is_said_once(write: Write, args: list[str]) -> None:
    path = write("claims.yaml", GOOD)
    streams = Streams()
    env = environment(stdout=ClosedStream("stdout"), stderr=streams.stderr)
    status = run_in(env, *args, "-f" if args[0] != "validate" else "", path)
    assert status == ExitStatus.PROBLEMS
    assert streams.err.getvalue() == b"claims: cannot write to standard output: it is closed\n"


@posix
def test_a_closed_stdout_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text(GOOD, encoding="utf-8")
    done = run_process(["list"], cwd=tmp_path, close=1)
    assert (done.returncode, done.stderr) == (
        1,
        b"claims: cannot write to standard output: it is closed\n",
    )


@posix
@pytest.mark.parametrize(
    ("args", "status"), [(["list"], 0), (["list", "-f", "gone.yaml"], 2), (["validate"], 0)]
)
def test_a_closed_stderr_is_no_crash(tmp_path: Path, args: list[str], status: int) -> None:
    (tmp_path / "claims.yaml").write_text(GOOD, encoding="utf-8")
    done = run_process(args, cwd=tmp_path, close=2)
    assert done.returncode == status
    no_traceback(done.stdout)


def test_an_unwritable_stderr_is_no_crash(write: Write) -> None:
    env = environment(stdout=Streams().stdout, stderr=ClosedStream("stderr"))
    assert run_in(env, "list", "-f", write("claims.yaml", GOOD), "-t", "none") == 0


@pytest.mark.parametrize("command", [["validate", "-"], ["list", "-f", "-"]], ids=" ".join)
def test_a_closed_stdin_read_with_a_dash(command: list[str]) -> None:
    streams = Streams()
    env = environment(stdin=ClosedStream("stdin"), stdout=streams.stdout, stderr=streams.stderr)
    assert run_in(env, *command) == ExitStatus.USAGE
    assert streams.err.getvalue() == b"claims: cannot read standard input: it is closed\n"
    assert streams.out.getvalue() == b""


@posix
def test_a_closed_stdin_in_a_real_process(tmp_path: Path) -> None:
    done = run_process(["validate", "-"], cwd=tmp_path, close=0)
    assert (done.returncode, done.stderr) == (
        2,
        b"claims: cannot read standard input: it is closed\n",
    )


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_stdout_is_said_once(write: Write) -> None:
    streams = Streams()
    env = environment(stdout=_Full(), stderr=streams.stderr)
    assert run_in(env, "list", "-f", write("claims.yaml", GOOD)) == ExitStatus.PROBLEMS
    assert streams.err.getvalue() == (
        b"claims: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["list"], ["validate"], ["schema"], ["--version"], ["--help"]], ids=" ".join
)
def test_dev_full_in_a_real_process(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "claims.yaml").write_text(GOOD, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = run_process(args, cwd=tmp_path, stdout=full)
    assert (done.returncode, done.stderr) == (
        1,
        b"claims: cannot write to standard output: No space left on device\n",
    )


# -- a reader that stops early --------------------------------------------------------


@posix
@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--help"], 0),
        (["list", "--help"], 0),
        (["export", "-h"], 0),
        ([], 2),  # "claims" alone prints the help and is a usage error
        (["schema"], 0),
        (["list"], 0),
        (["list", "-F", "table"], 0),
        (["validate"], 0),
        (["--version"], 0),
    ],
    ids=repr,
)
def test_a_pipe_closed_by_its_reader_ends_quietly(
    tmp_path: Path, args: list[str], status: int
) -> None:
    """``claims --help | head -1``: the reader is gone before the first write."""
    (tmp_path / "claims.yaml").write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    read, written = os.pipe()
    os.close(read)
    try:
        done = run_process(args, cwd=tmp_path, stdout=written)
    finally:
        os.close(written)
    assert (done.returncode, done.stderr) == (status, b"")


# -- an output that cannot hold every character -----------------------------------


# Rich lays the text out before it is escaped, so an escaped line is wider
# than its border: legible, if not aligned, where it used to crash.
ASCII_CASES = {
    "stats": (["stats"], "unverified        " + "#" * 40 + "  1  100%"),
    "show": (
        ["show", "trade"],
        "| claim       Caf\\u00e9 trade exceeded 121 million dollars over two years."
        + " " * 10
        + "|",
    ),
    "table": (
        ["list", "-F", "table"],
        "Caf\\u00e9 trade exceeded 121 million dollars over two   |                | unverified",
    ),
    "json": (
        ["export", "-F", "json"],
        '    "claim": "Caf\\u00e9 trade exceeded 121 million dollars over two years.",',
    ),
}


@pytest.mark.parametrize("case", list(ASCII_CASES))
def test_an_ascii_stdout_gets_escapes(write: Write, case: str) -> None:
    args, expected = ASCII_CASES[case]
    streams = Streams("ascii")
    env = environment(stdout=streams.stdout, stderr=streams.stderr, encoding="ascii")
    ledger = write("claims.yaml", GOOD.replace("claim: Trade", "claim: Café trade"))
    assert run_in(env, *args, "-f", ledger) == 0
    text = streams.out.getvalue().decode("ascii")
    assert expected in text.splitlines()
    assert streams.err.getvalue() == b""
    if case == "json":  # still JSON, and the same claim
        assert json.loads(text)[0]["claim"].startswith("Café trade")


def test_an_ascii_stdout_gets_an_escaped_validation_report(write: Write) -> None:
    path = write("claims.yaml", GOOD.replace("confidence: medium", "confidence: médium"))
    streams = Streams("ascii")
    env = environment(stdout=streams.stdout, stderr=streams.stderr, encoding="ascii")
    assert run_in(env, "validate", path) == 1
    assert streams.out.getvalue().decode("ascii").splitlines()[0] == (
        f"{path}:15:17: E204 claims[0].confidence: 'm\\u00e9dium' {CHOICES}; did you mean 'medium'?"
    )


def test_an_ascii_stderr_gets_escapes() -> None:
    streams = Streams("ascii")
    env = environment(stdout=streams.stdout, stderr=streams.stderr)
    assert run_in(env, "show", "trådé", "-f", SAMPLE) == 1
    assert streams.err.getvalue() == b"claims: no claim 'tr\\u00e5d\\u00e9'\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["stats"], b"unverified" + b" " * 20 + b"#" * 40 + b"  45  100%"),
        (["show", "ababil2-r"], b"| value       125 mi (\\u2248 201 km) \\u00b7 ababil-2-range"),
        (["list", "-F", "table", "-n", "1"], b"----------"),
        (["validate"], b"No problems: 1 file, 45 claims, 1 source."),
        (["--help"], b"Usage: claims [OPTIONS] COMMAND [ARGS]..."),
        (["export", "-F", "markdown", "-q", "poorest"], b"# "),
    ],
    ids=repr,
)
def test_pythonioencoding_ascii_in_a_real_process(
    tmp_path: Path, args: list[str], expected: bytes
) -> None:
    (tmp_path / "claims.yaml").write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    done = run_process(args, cwd=tmp_path, PYTHONIOENCODING="ascii", COLUMNS="80")
    assert (done.returncode, done.stderr) == (0, b"")
    assert expected in done.stdout
    done.stdout.decode("ascii")  # every byte is ASCII


# -- paths the system refuses ------------------------------------------------------

LONG = "a" * 300


def test_a_file_name_too_long_in_f(cli: Cli, in_tmp: Path) -> None:
    run = cli("list", "-f", f"{LONG}.yaml")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"claims: cannot open '{LONG}.yaml': File name too long\n"


def test_a_file_name_too_long_in_claims_file(cli: Cli, in_tmp: Path) -> None:
    run = cli("validate", env={"CLAIMS_FILE": LONG})
    assert run.stderr == f"claims: cannot open '{LONG}': File name too long\n"
    assert run.exit_code == 2


def test_a_file_name_too_long_in_output(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "claims.yaml").write_text(GOOD, encoding="utf-8")
    run = cli("export", "-o", f"{LONG}.md")
    assert run.stderr == f"claims: --output '{LONG}.md': File name too long\n"
    assert run.exit_code == 2


def test_an_output_under_a_regular_file(cli: Cli, in_tmp: Path) -> None:
    ledger = in_tmp / "x.yaml"
    ledger.write_text(GOOD, encoding="utf-8")
    run = cli("export", "-f", ledger.name, "-o", "x.yaml/out.md")
    assert run.stderr == "claims: --output 'x.yaml/out.md': 'x.yaml' is not a directory\n"
    assert run.exit_code == 2
    assert ledger.read_text(encoding="utf-8") == GOOD


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="no /proc")
def test_an_output_folder_even_root_cannot_write(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "claims.yaml").write_text(GOOD, encoding="utf-8")
    run = cli("export", "-o", "/proc/claims.md")
    assert run.exit_code == 1
    assert re.fullmatch(r"claims: cannot write '/proc/claims\.md': [A-Z][^\n]*\n", run.stderr)
    no_traceback(run.output)


# -- settings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "line"),
    [
        (
            {"CLAIMS_MAX_FILE_SIZE": "9999999999G"},
            "claims: CLAIMS_MAX_FILE_SIZE: '9999999999G' is too large (at most 1G; split a "
            "ledger this big into several files in a directory)",
        ),
        (
            {"CLAIMS_TODAY": "０２０２-01-01"},
            "claims: CLAIMS_TODAY: '０２０２-01-01' is not a real date (use YYYY-MM-DD)",
        ),
        (
            {"CLAIMS_TODAY": "2026-01-01\x1b[2J"},
            "claims: CLAIMS_TODAY: '2026-01-01\\x1b[2J' is not a real date (use YYYY-MM-DD)",
        ),
    ],
)
def test_a_bad_setting_is_one_escaped_line(cli: Cli, variables: dict[str, str], line: str) -> None:
    run = cli("list", "-f", SAMPLE, env=variables)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", line + "\n")


def test_empty_settings_are_the_defaults(cli: Cli) -> None:
    run = cli(
        "list", "-f", SAMPLE, "-n", "1", "-F", "ids",
        env={"CLAIMS_TODAY": "", "CLAIMS_MAX_FILE_SIZE": "", "CLAIMS_FILE": ""},
    )  # fmt: skip
    assert (run.exit_code, run.stdout, run.stderr) == (0, "iran-tajikistan-ties-boosted\n", "")


# -- the last resort ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (OSError(errno.EIO, "Input/output error"), "OSError: [Errno 5] Input/output error"),
        (UnicodeError("bad\nbytes\x1b[2J"), "UnicodeError: bad\\nbytes\\x1b[2J"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum "
         "recursion depth exceeded"),
        (MemoryError(), "MemoryError: (no details)"),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else "",
)  # fmt: skip
def test_anything_unforeseen_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    line: str,
) -> None:
    from claims_cli.cli import main
    from claims_cli.cli.commands import lookup

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(lookup, "run_list", fail)
    monkeypatch.setattr(sys, "argv", ["claims", "list", "-f", str(SAMPLE)])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 70
    assert int(ExitStatus.SOFTWARE) == 70
    assert capsys.readouterr().err == f"claims: internal error: {line}\n"


def test_tests_still_see_the_exception(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims_cli.cli.commands import lookup

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(lookup, "run_list", fail)
    with pytest.raises(OSError, match="Input/output error"):
        cli("list", "-f", SAMPLE)


@posix
@pytest.mark.parametrize(
    ("args", "status", "stderr"),
    [
        (
            ["list"],
            2,
            b"claims: cannot use the current directory (No such file or directory); "
            b"was it removed? cd to one that exists\n",
        ),
        (["--version"], 0, b""),
    ],
    ids=repr,
)
def test_a_removed_current_directory(
    tmp_path: Path, args: list[str], status: int, stderr: bytes
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    command = " ".join([claims_executable(), *args])
    done = subprocess.run(
        ["bash", "-c", f"cd {gone} && rmdir {gone} && exec {command}"],
        capture_output=True,
        env=clean_environ(),
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (status, stderr)


@pytest.mark.parametrize(
    ("columns", "width"),
    [("²", 80), ("２００", 80), ("99999999", 1000), ("9" * 5000, 1000), ("-3", 80), ("0", 80)],
    ids=["superscript", "full-width", "huge", "5000 digits", "negative", "zero"],
)
def test_columns_is_read_in_ascii_and_bounded(columns: str, width: int) -> None:
    """A panel fills the width: COLUMNS=99999999 took a minute and gigabytes."""
    streams = Streams()
    env = Environment.from_os(
        {"COLUMNS": columns, "CLAIMS_TODAY": TODAY},
        stdout=streams.stdout,
        stderr=streams.stderr,
        stdout_isatty=True,
    )
    assert env.columns == width
    assert run_in(env, "show", "ababil2-r", "-f", SAMPLE) == 0
    top = re.sub("\x1b\\[[0-9;]*m", "", streams.out.getvalue().decode().splitlines()[0])
    assert len(top) == width


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "json"),
        ("list", "--format", "jsonl"),
        ("show", "c", "--format", "json"),
        ("export", "--format", "json"),
        ("export", "--format", "claimreview"),
    ],
)
def test_json_records_hide_log_commands_and_bidi_controls_but_keep_the_text(
    cli: Cli, in_tmp: Path, args: tuple[str, ...]
) -> None:
    # '##[error]' is a workflow command anywhere in a CI log line; U+2066 and
    # U+0085 are legal in JSON strings but reorder or break lines on a terminal.
    text = "Trade ##[error]grew \u2066fast\u2069 \x85by 5%."
    ledger = GOOD.replace(
        "claim: Trade exceeded 121 million dollars over two years.",
        f"claim: {json.dumps(text)}",
    ).replace("    confidence: medium\n", "    confidence: medium\n    status: supported\n")
    ledger += "    evidence: [{source: article, stance: supports}]\n"
    ledger += "    checked: {on: '2026-11-01'}\n"
    ledger = ledger.replace(
        "version: 1\n",
        "version: 1\nmeta: {publisher: {name: Desk, url: 'https://d.example'}, "
        "report_url: 'https://d.example/report'}\n",
    )
    (in_tmp / "claims.yaml").write_text(ledger.replace("trade-121m", "c"), encoding="utf-8")
    run = cli(*args)
    assert run.exit_code == 0, run.output
    assert "##[" not in run.stdout and "#\\u0023[" in run.stdout
    assert "\u2066" not in run.stdout and "\\u2066" in run.stdout
    assert "\x85" not in run.stdout and "\\u0085" in run.stdout
    lines = run.stdout.splitlines() if "jsonl" in args else [run.stdout]
    found = json.dumps([json.loads(line) for line in lines], ensure_ascii=False)
    assert json.dumps(text, ensure_ascii=False)[1:-1] in found


@pytest.mark.parametrize("command", ["list", "show", "sources", "stats"])
def test_lookups_refuse_an_id_that_validate_refuses(cli: Cli, in_tmp: Path, command: str) -> None:
    # An id is a slug: one holding a line break would start a line of
    # 'list --format ids' with a workflow command.
    ledger = GOOD.replace("  - id: trade-121m\n", '  - id: "x\\n::add-mask::y"\n')
    (in_tmp / "claims.yaml").write_text(ledger, encoding="utf-8")
    said = (
        "claims.yaml:9:9: E205 claims[0].id: 'x\\n::add-mask::y' is not a valid id: "
        "use lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
    )
    assert said in cli("validate").stdout
    run = cli(command, *(["x"] if command == "show" else []), "--format", "json")
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr.splitlines()[0] == said
