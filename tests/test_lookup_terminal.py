"""Terminals and pipes: table width, colour, closed pipes, what start-up loads.

Most tests run in-process with an Environment that says "standard output is
a terminal, N columns wide"; a few run the installed script for real, to
prove that a real terminal, a real pipe and a real closed pipe behave the same.
"""

from __future__ import annotations

import errno
import fcntl
import functools
import json
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, Cli, claims_executable, clean_environ, run_claims
from lookup_support import BROKEN, DATED
from rich.cells import cell_len

from claims_cli.environment import Environment

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def visible_lines(text: str) -> list[str]:
    return _ANSI.sub("", text).splitlines()


# --- a terminal, in-process ------------------------------------------------------


@pytest.mark.parametrize("path", [SAMPLE, DATED])
def test_the_table_fits_80_columns_with_every_id_whole(cli: Cli, path: Path) -> None:
    shown = cli("list", "-f", path, terminal=True).stdout
    assert "\x1b[" in shown  # a terminal gets colour
    lines = visible_lines(shown)
    assert max(cell_len(line) for line in lines) <= 80
    assert lines[0].split()[0] == "id" and set(lines[3]) == {"─"}  # a table, not tsv
    words = {word for line in lines for word in line.split()}
    ids = cli("list", "-f", path, "--format", "ids").stdout.split()
    assert ids and all(claim_id in words for claim_id in ids)


def test_the_table_uses_the_width_of_a_wide_terminal(cli: Cli) -> None:
    lines = visible_lines(cli("list", "-f", SAMPLE, terminal=True, columns=200).stdout)
    assert lines[0].split() == ["id", "claim", "value", "confidence", "status", "source"]
    assert 80 < max(cell_len(line) for line in lines) <= 200


def test_a_narrow_terminal_still_shows_every_id_whole(cli: Cli) -> None:
    lines = visible_lines(cli("list", "-f", SAMPLE, terminal=True, columns=50).stdout)
    assert max(cell_len(line) for line in lines) <= 50
    words = {word for line in lines for word in line.split()}
    assert "iran-strategic-interest-central-asia" in words


@pytest.mark.parametrize("args", [["list"], ["sources"], ["stats"], ["show", "ababil2-r"]])
def test_no_color_on_a_terminal_means_no_ansi(cli: Cli, args: list[str]) -> None:
    coloured = cli(*args, "-f", SAMPLE, terminal=True)
    plain = cli(*args, "-f", SAMPLE, terminal=True, env={"NO_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    assert plain.exit_code == 0 and plain.stdout and "\x1b" not in plain.stdout
    assert [line.rstrip() for line in visible_lines(coloured.stdout)] == plain.stdout.splitlines()


def test_a_dumb_terminal_gets_no_colour(cli: Cli) -> None:
    shown = cli("list", "-f", SAMPLE, terminal=True, env={"TERM": "dumb"}).stdout
    assert "\x1b" not in shown and shown.startswith("id ")


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "table"],
        ["show", "ababil2-r"],
        ["sources"],
        ["sources", "--format", "table"],
        ["stats"],
    ],
)
def test_piped_output_has_no_ansi_codes(cli: Cli, args: list[str]) -> None:
    result = cli(*args, "-f", SAMPLE, env={"TERM": "xterm-256color"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout and "\x1b" not in result.stdout
    assert result.stderr == ""


def test_piped_list_defaults_to_tsv(cli: Cli) -> None:
    header, *rows = cli("list", "-f", SAMPLE, "-t", "trade").stdout.splitlines()
    assert header.startswith("id\tclaim\ttype\tstatus\tconfidence\t")
    assert [row.split("\t")[0] for row in rows] == [
        "trade-121m",
        "trade-target-500m",
        "persian-gulf-access",
    ]


def test_an_injected_environment_is_the_one_used(cli: Cli) -> None:
    """The run keeps the Environment it is given, though the variables say otherwise."""
    env = Environment(today=Environment.from_os().today, stdout_isatty=True, columns=60)
    result = cli("list", "-f", SAMPLE, environment=env, env={"FORCE_COLOR": "1"}, columns=200)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert set(lines[1]) == {"─"}  # a table, because the Environment says: a terminal
    assert max(cell_len(line) for line in lines) <= 60
    assert "\x1b" not in result.stdout  # the Environment says: no colour


# --- a closed pipe, in-process ---------------------------------------------------


class _ClosedPipe:
    """Standard output whose reader has gone: every write fails as a closed pipe does."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["list", "-f", SAMPLE], 0),
        (["list", "-f", SAMPLE, "--format", "table"], 0),
        (["show", "-f", SAMPLE, "trade-121m"], 0),
        (["sources", "-f", SAMPLE], 0),
        (["stats", "-f", SAMPLE], 0),
        (["schema"], 0),
        (["export", "-f", SAMPLE], 0),
        (["validate", SAMPLE], 0),
        (["validate", BROKEN], 1),  # a reader that stops early does not make errors pass
    ],
)
def test_a_closed_pipe_ends_quietly_with_the_honest_status(
    cli: Cli, args: list[object], status: int
) -> None:
    stdout = _ClosedPipe()
    stderr = _Capture()
    # Stand-ins with only what the run asks of a stream, not whole TextIO objects.
    env = Environment.from_os(clean_environ(), stdout=stdout, stderr=stderr)  # type: ignore[arg-type]
    result = cli(*args, environment=env)
    assert (result.exit_code, stderr.text) == (status, "")


class _Capture:
    encoding = "utf-8"

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# --- the installed script, for real ------------------------------------------


def _in_a_terminal(args: list[object], *, columns: int = 80) -> tuple[int, str]:
    """Run ``claims ARGS`` on a pseudo-terminal ``columns`` wide: its exit code and screen."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [claims_executable(), *map(str, args)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=clean_environ(TERM="xterm-256color"),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:  # Linux reports EIO once the other side is closed
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_real_terminal_gets_a_coloured_table_and_a_real_pipe_tsv() -> None:
    code, shown = _in_a_terminal(["list", "-f", SAMPLE], columns=72)
    assert code == 0
    assert "\x1b[" in shown
    lines = visible_lines(shown)
    assert lines[0].split()[0] == "id" and max(cell_len(line) for line in lines) <= 72
    piped = run_claims("list", "-f", DATED, "-q", "東京", "--format", "json", TERM="xterm-256color")
    assert (piped.returncode, piped.stderr) == (0, "")
    assert json.loads(piped.stdout)[0]["entities"] == ["東京", "Dušanbe"]


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger whose listing in any format is far larger than a pipe's buffer."""
    lines = ["version: 1", "sources:", "  - id: src", "    title: Säule", "claims:"]
    for n in range(1500):
        lines += [
            f"  - id: claim-{n:05d}",
            f"    claim: Claim number {n}, long enough to fill a pipe buffer in a few rows.",
            "    type: event",
            f'    date: "{2000 + n % 25}"',
            "    tags: [bulk]",
            "    attribution: {source: src, claimant: Rahmón}",
            "    confidence: low",
        ]
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_real_pipe_closed_after_one_line_ends_quietly(big_ledger: Path) -> None:
    """``claims list | head -1``."""
    producer = subprocess.Popen(
        [claims_executable(), "list", "-f", str(big_ledger), "--format", "table"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environ(),
    )
    assert producer.stdout is not None and producer.stderr is not None
    head = subprocess.Popen(["head", "-n", "1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # head alone holds the read end now
    first, _ = head.communicate(timeout=60)
    errors = producer.stderr.read()
    producer.stderr.close()
    assert producer.wait(timeout=60) == 0
    assert errors == b""
    assert len(first.splitlines()) == 1


# --- what start-up loads ------------------------------------------------------


def _modules_imported(args: list[str] | None) -> tuple[int, str, set[str]]:
    """Run ``claims ARGS`` in a fresh interpreter: its exit code, stderr and the modules it loaded.

    What the interpreter loads before any of our code runs (``site`` and the
    ``.pth`` files of the environment) is not counted: ``args=None`` measures it.
    """
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sys.modules)))\n"
    )
    if args is not None:
        code += f"sys.argv = ['claims', *{args!r}]\nfrom claims_cli.cli import main\nmain()\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=clean_environ(),
        check=False,
        timeout=60,
    )
    said, loaded = result.stderr.rsplit("\nMODULES ", 1)
    modules = set(loaded.split())
    if args is not None:
        modules -= _interpreter_modules()
    return result.returncode, said, modules


@functools.cache
def _interpreter_modules() -> frozenset[str]:
    """What a fresh interpreter loads before running anything of ours."""
    return frozenset(_modules_imported(None)[2])


#: Third-party packages a look-up may load: the CLI toolkit and YAML, nothing more.
_ALLOWED_PACKAGES = {
    "claims_cli",
    "typer",
    "click",
    "yaml",
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "shellingham",
    "typing_extensions",
    "annotated_doc",
    "annotated_types",
    "pydantic",  # Typer's own coercion of option values
    "pydantic_core",
    "typing_inspection",
}


def _third_party(modules: set[str]) -> set[str]:
    """Top-level packages outside the standard library (private and runtime names aside)."""
    tops = {name.split(".")[0] for name in modules}
    return {
        top
        for top in tops
        if top not in sys.stdlib_module_names
        and not top.startswith("_")
        and top != "cython_runtime"
    }


def _forbidden(modules: set[str]) -> set[str]:
    return {
        name
        for name in modules
        if name.split(".")[0] in {"jsonschema", "referencing", "jsonschema_specifications"}
        or name
        in {"claims_cli.check.schema", "claims_cli.check.validate", "claims_cli.render.reports"}
        or name
        in {
            "claims_cli.render.exports",
            "claims_cli.render.markdown",
            "claims_cli.render.claimreview",
            "claims_cli.render.gfm",
            "claims_cli.write.atomic",
        }
    }


def test_claims_list_loads_only_what_listing_needs() -> None:
    code, said, modules = _modules_imported(["list", "-f", "claims.yaml", "--format", "ids"])
    assert (code, said) == (0, "")
    assert _forbidden(modules) == set()
    assert _third_party(modules) <= _ALLOWED_PACKAGES
    # Plain formats do not even need rich.
    assert "rich" not in {m.split(".")[0] for m in modules}


@pytest.mark.parametrize(
    "args",
    [
        # (the sample's claims carry no dates: this ledger's do, so a table is drawn)
        ["list", "-f", str(DATED), "--format", "table", "-t", "trade", "--since", "2020"],
        ["show", "-f", "claims.yaml", "trade-121m"],
        ["sources", "-f", "claims.yaml"],
        ["stats", "-f", "claims.yaml", "--format", "json"],
    ],
)
def test_no_look_up_imports_jsonschema(args: list[str]) -> None:
    code, said, modules = _modules_imported(args)
    assert (code, said) == (0, "")
    assert _forbidden(modules) == set()
    assert _third_party(modules) <= _ALLOWED_PACKAGES


def test_an_invalid_ledger_is_reported_without_jsonschema() -> None:
    code, said, modules = _modules_imported(["list", "-f", str(BROKEN)])
    assert code == 1
    assert said.splitlines()[-1] == (
        "claims: the claim files have 2 errors; fix them first "
        "('claims validate' gives the full report)"
    )
    assert not any(m.split(".")[0] == "jsonschema" for m in modules)


@pytest.mark.parametrize(
    ("args", "loads_units"),
    [
        (["list", "-f", "claims.yaml", "--format", "ids"], False),
        (["validate", "claims.yaml"], True),
    ],
)
def test_figures_need_no_units_library(args: list[str], loads_units: bool) -> None:
    """The unit tables are our own: no pint, no pycountry, and a plain look-up reads no table."""
    code, said, modules = _modules_imported(args)
    assert (code, said) == (0, "")
    assert {m.split(".")[0] for m in modules} & {"pint", "pycountry"} == set()
    assert ("claims_cli.text.units" in modules) is loads_units
    assert "claims_cli.query.conflicts" not in modules
