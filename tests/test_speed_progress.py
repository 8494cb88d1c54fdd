"""Long work shows its progress on a terminal's standard error, and only there.

Runs in-process with an injected :class:`Environment` whose clock is fake:
each reading of it is ``step`` seconds after the one before, so a run "takes"
as long as the test says without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import GOOD, TODAY
from typer.testing import CliRunner

from bench import generate
from claims_cli.check.pipeline import Progress, open_ledger
from claims_cli.cli.app import app
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES, Environment
from claims_cli.read import build
from claims_cli.read.files import find_claim_files

ERASE = "\r\x1b[K"


def fake_clock(step: float) -> Callable[[], float]:
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


def run(
    *args: str, step: float, stderr_terminal: bool = True, columns: int = 80
) -> tuple[int, str, str]:
    env = Environment(
        today=date.fromisoformat(TODAY),
        stderr_isatty=stderr_terminal,
        columns=columns,
        clock=fake_clock(step),
    )
    result = CliRunner().invoke(app, list(args), obj=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_slow_validation_on_a_terminal_shows_progress_then_erases_it(ledger: Path) -> None:
    size = ledger.stat().st_size
    code, out, err = run("validate", str(ledger), step=0.6)
    assert code == 0
    assert out == "No problems: 1 file, 1 claim, 1 source.\n"
    assert err == (
        f"{ERASE}claims: 1 of 1 file read ({size} bytes of {size} bytes)"
        f"{ERASE}claims: 1 of 1 file read ({size} bytes of {size} bytes), 1 claim checked"
        f"{ERASE}"
    )


def test_a_look_up_shows_progress_too(ledger: Path) -> None:
    code, out, err = run("list", "-f", str(ledger), step=0.6)
    assert code == 0
    assert "trade-121m" in out
    assert err.startswith(f"{ERASE}claims: 1 of 1 file read (")
    assert err.endswith(f"1 claim checked{ERASE}")


def test_work_done_within_a_second_shows_nothing(ledger: Path) -> None:
    code, out, err = run("validate", str(ledger), step=0.1)
    assert (code, err) == (0, "")
    assert out == "No problems: 1 file, 1 claim, 1 source.\n"


def test_nothing_is_drawn_when_standard_error_is_not_a_terminal(ledger: Path) -> None:
    code, _, err = run("validate", str(ledger), step=5.0, stderr_terminal=False)
    assert (code, err) == (0, "")


def test_quiet_shows_nothing_on_a_terminal(ledger: Path) -> None:
    code, out, err = run("--quiet", "validate", str(ledger), step=5.0)
    assert (code, err) == (0, "")
    assert out == "No problems: 1 file, 1 claim, 1 source.\n"


def test_problems_are_reported_after_the_progress_line_is_erased(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD.replace("confidence: medium", "confidence: sure"), encoding="utf-8")
    code, out, err = run("list", "-f", str(path), step=0.6)
    assert code == 1
    assert out == ""
    drawn, _, after = err.rpartition(ERASE)
    assert drawn.startswith(f"{ERASE}claims: 1 of 1 file read (")
    assert after == (
        f"{path}:15:17: E204 claims[0].confidence: 'sure' is not one of very-low, low, medium, "
        "high, very-high\n"
        "claims: the claim files have 1 error; fix them first ('claims validate' gives the "
        "full report)\n"
    )


def test_the_line_fits_the_terminal(ledger: Path) -> None:
    _, _, err = run("validate", str(ledger), step=0.6, columns=20)
    lines = [line for line in err.split(ERASE) if line]
    assert lines == ["claims: 1 of 1 file", "claims: 1 of 1 file"]


def test_the_core_reports_bytes_read_within_a_large_file_then_claims_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "TICK_RECORDS", 400)
    paths = generate.write(generate.generate(1_500), tmp_path / "big.yaml", files=2)
    steps: list[Progress] = []
    loaded = open_ledger(
        find_claim_files([str(p) for p in paths]),
        today=date.fromisoformat(TODAY),
        max_bytes=DEFAULT_MAX_FILE_BYTES,
        schema=True,
        progress=steps.append,
    )
    assert loaded.ok
    total = sum(p.stat().st_size for p in paths)
    assert {s.bytes for s in steps} == {total}
    read = [s.bytes_read for s in steps]
    assert read == sorted(read)
    # Ticks inside each file, not only between files.
    assert len({r for r in read if 0 < r < total}) >= 3
    assert steps[0].files_read == 0
    # Two files of 750 claims: ticks at the 400th of each, then the end.
    checked = [(s.files_read, s.claims_checked) for s in steps if s.claims_checked]
    assert checked == [(2, 400), (2, 1_150), (2, 1_500)]
    assert steps[-1] == Progress(2, 2, total, total, 1_500)


def test_environment_from_os_knows_whether_stderr_is_a_terminal() -> None:
    class Tty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    env = Environment.from_os({}, stderr=Tty())  # type: ignore[arg-type]
    assert env.stderr_isatty and not env.quiet
    assert replace(env, quiet=True).quiet
