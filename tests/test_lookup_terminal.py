"""Real processes: a terminal 80 columns wide, pipes, a closed pipe, start-up imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lookup_support import (
    BROKEN,
    CLAIMS,
    DATED,
    REPO,
    SAMPLE,
    clean_environ,
    run_claims,
    run_in_terminal,
)
from rich.cells import cell_len

pytestmark = pytest.mark.skipif(not CLAIMS.exists(), reason="the claims script is not installed")

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def visible_lines(text: str) -> list[str]:
    return _ANSI.sub("", text).splitlines()


@pytest.mark.parametrize("path", [SAMPLE, DATED])
def test_the_table_fits_80_columns_with_every_id_whole(path: Path) -> None:
    shown = run_in_terminal(["list", "-f", str(path)])
    assert "\x1b[" in shown  # a terminal gets colour
    lines = visible_lines(shown)
    assert max(cell_len(line) for line in lines) <= 80
    assert lines[0].split()[0] == "id" and set(lines[3]) == {"─"}  # a table, not tsv
    words = {word for line in lines for word in line.split()}
    ids = run_claims(["list", "-f", path, "--format", "ids"]).stdout.split()
    assert ids and all(claim_id in words for claim_id in ids)


def test_the_table_uses_the_width_of_a_wide_terminal() -> None:
    lines = visible_lines(run_in_terminal(["list", "-f", str(SAMPLE)], columns=200))
    assert lines[0].split() == ["id", "claim", "value", "confidence", "status", "source"]
    assert 80 < max(cell_len(line) for line in lines) <= 200


def test_a_narrow_terminal_still_shows_every_id_whole() -> None:
    shown = run_in_terminal(["list", "-f", str(SAMPLE)], columns=50)
    lines = visible_lines(shown)
    assert max(cell_len(line) for line in lines) <= 50
    words = {word for line in lines for word in line.split()}
    assert "iran-strategic-interest-central-asia" in words


def test_no_color_on_a_terminal_means_no_ansi() -> None:
    shown = run_in_terminal(["list", "-f", str(SAMPLE)], NO_COLOR="1")
    assert "\x1b[" not in shown


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
def test_piped_output_has_no_ansi_codes(args: list[str]) -> None:
    result = run_claims([*args, "-f", SAMPLE], TERM="xterm-256color")
    assert result.returncode == 0, result.stderr
    assert result.stdout and "\x1b" not in result.stdout
    assert result.stderr == ""


def test_piped_list_defaults_to_tsv() -> None:
    result = run_claims(["list", "-f", SAMPLE, "-t", "trade"])
    header, *rows = result.stdout.splitlines()
    assert header.startswith("id\tclaim\ttype\tstatus\tconfidence\t")
    assert [row.split("\t")[0] for row in rows] == [
        "trade-121m",
        "trade-target-500m",
        "persian-gulf-access",
    ]


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger whose listing in any format is far larger than a pipe's buffer."""
    return _big_ledger(tmp_path_factory.mktemp("big"), 1500)


def _big_ledger(folder: Path, count: int) -> Path:
    lines = ["version: 1", "sources:", "  - id: src", "    title: Säule", "claims:"]
    for n in range(count):
        lines += [
            f"  - id: claim-{n:05d}",
            f"    claim: Claim number {n}, long enough to fill a pipe buffer in a few rows.",
            "    type: event",
            f'    date: "{2000 + n % 25}"',
            "    tags: [bulk]",
            "    attribution: {source: src, claimant: Rahmón}",
            "    confidence: low",
        ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["tsv", "json", "table"])
def test_a_pipe_closed_after_one_line_ends_quietly(big_ledger: Path, fmt: str) -> None:
    """``claims list | head -1``."""
    producer = subprocess.Popen(
        [str(CLAIMS), "list", "-f", str(big_ledger), "--format", fmt],
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


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "tsv"],
        ["list", "--format", "json"],
        ["list", "--format", "table"],
        ["show", "claim-00001", "claim-00002"],
        ["sources"],
        ["stats"],
    ],
)
def test_a_pipe_closed_before_any_output_ends_quietly(big_ledger: Path, args: list[str]) -> None:
    # The reader is gone before the first write, so that write always fails
    # (with ``head`` the output may also be cut short without an error).
    producer = subprocess.Popen(
        [str(CLAIMS), *args, "-f", str(big_ledger)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environ(),
    )
    assert producer.stdout is not None
    producer.stdout.close()
    _, errors = producer.communicate(timeout=60)
    assert producer.returncode == 0
    assert errors == b""


def _modules_imported(args: list[str] | None) -> tuple[int, set[str]]:
    """Run ``claims ARGS`` in a fresh interpreter; its exit code and the modules it loaded.

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
    modules = set(result.stderr.rsplit("MODULES ", 1)[1].split())
    if args is not None:
        modules -= _modules_imported(None)[1]
    return result.returncode, modules


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
    code, modules = _modules_imported(["list", "-f", "claims.yaml", "--format", "ids"])
    assert code == 0
    assert _forbidden(modules) == set()
    assert _third_party(modules) <= _ALLOWED_PACKAGES
    # Plain formats do not even need rich.
    assert "rich" not in {m.split(".")[0] for m in modules}


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "claims.yaml", "--format", "table", "-t", "trade", "--since", "2020"],
        ["show", "-f", "claims.yaml", "trade-121m"],
        ["sources", "-f", "claims.yaml"],
        ["stats", "-f", "claims.yaml", "--format", "json"],
    ],
)
def test_no_look_up_imports_jsonschema(args: list[str]) -> None:
    code, modules = _modules_imported(args)
    assert code == 0
    assert _forbidden(modules) == set()
    assert _third_party(modules) <= _ALLOWED_PACKAGES


def test_an_invalid_ledger_is_reported_without_jsonschema() -> None:
    code, modules = _modules_imported(["list", "-f", str(BROKEN)])
    assert code == 1
    assert not any(m.split(".")[0] == "jsonschema" for m in modules)


def test_json_output_of_a_real_process_is_valid_utf8() -> None:
    result = run_claims(["list", "-f", DATED, "-q", "東京", "--format", "json"])
    assert json.loads(result.stdout)[0]["entities"] == ["東京", "Dušanbe"]
