"""What every test shares: the repository's paths, a clean environment, one way to run claims.

In-process runs go through the ``cli`` fixture, which hands the command an
:class:`~claims_cli.environment.Environment` (a terminal or a pipe, so many
columns wide) and lets exceptions through, so a crash never passes for an
exit code. Real processes, for the few tests that need one, get the same
clean environment from :func:`clean_environ`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pytest
from typer.testing import CliRunner

from claims_cli.cli import app
from claims_cli.environment import Environment, SettingError

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "claims.yaml"
FIXTURES = REPO / "tests" / "fixtures"
#: The day every test runs on (``CLAIMS_TODAY``).
TODAY = "2026-11-28"

#: Variables that change what ``claims`` prints; no test inherits them.
SCRUBBED = (
    "CLAIMS_FILE",
    "CLAIMS_TODAY",
    "CLAIMS_MAX_FILE_SIZE",
    "CLAIMS_CACHE_DIR",
    "COLUMNS",
    "FORCE_COLOR",
    "NO_COLOR",
    "GITHUB_ACTIONS",
    "GITHUB_WORKSPACE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)


def clean_environ(**extra: str) -> dict[str, str]:
    """``os.environ`` without the variables that change output, on :data:`TODAY`, plus ``extra``."""
    environ = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    environ["CLAIMS_TODAY"] = TODAY
    if "CLAIMS_CACHE_DIR" in os.environ:  # the test's own index, set by _plain_environment
        environ["CLAIMS_CACHE_DIR"] = os.environ["CLAIMS_CACHE_DIR"]
    environ.update(extra)
    return environ


@pytest.fixture(autouse=True)
def _plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests see the same environment on a laptop and in CI, and an empty index of their own."""
    for name in SCRUBBED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMS_TODAY", TODAY)
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


class Run:
    """What one run of ``claims`` did: its exit code and what it wrote."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, stdout_bytes: bytes = b"") -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.stdout_bytes = stdout_bytes

    @property
    def output(self) -> str:
        """Standard output, then standard error."""
        return self.stdout + self.stderr

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


class Cli(Protocol):
    def __call__(
        self,
        *args: object,
        env: Mapping[str, str] | None = None,
        terminal: bool = False,
        columns: int = 80,
        stdin: str | bytes | None = None,
    ) -> Run: ...


@pytest.fixture
def cli() -> Cli:
    """``cli("list", "-f", path)``: run claims in-process; exceptions are not swallowed.

    ``env`` adds environment variables; ``terminal=True`` makes standard
    output a terminal (coloured unless ``NO_COLOR``), ``columns`` wide;
    ``stdin`` is what standard input holds.
    """

    def run(
        *args: object,
        env: Mapping[str, str] | None = None,
        terminal: bool = False,
        columns: int = 80,
        stdin: str | bytes | None = None,
    ) -> Run:
        environ = clean_environ(COLUMNS=str(columns), **(env or {}))
        try:
            environment: Environment | None = Environment.from_os(environ, stdout_isatty=terminal)
        except SettingError:
            environment = None  # the run builds its own, and says what is wrong
        # The core still reads some variables itself; it sees the same ones.
        during: dict[str, str | None] = {name: environ.get(name) for name in SCRUBBED}
        during.update(env or {})
        result = CliRunner().invoke(
            app,
            [str(a) for a in args],
            obj=environment,
            input=stdin,
            env=during,
            catch_exceptions=False,
        )
        return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write("claims.yaml", text)``: a dedented file in the test's folder."""

    def make(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return make


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def claims_executable() -> str:
    """The installed ``claims`` script beside this interpreter."""
    found = shutil.which("claims", path=os.path.dirname(sys.executable)) or shutil.which("claims")
    assert found, "the claims console script is not installed"
    return found


def run_claims(*args: object, cwd: Path = REPO, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``claims`` as a real process, stdout and stderr piped."""
    return subprocess.run(
        [claims_executable(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=clean_environ(**extra),
        timeout=120,
        check=False,
    )


GOOD = """\
version: 1
sources:
  - id: article
    title: An article
    url: https://example.org/article
    published: "2022-06"
    accessed: "2022-07-01"
claims:
  - id: trade-121m
    claim: Trade exceeded 121 million dollars over two years.
    type: statistic
    quote: "over $121 million"
    value: {amount: 121000000, unit: USD, comparator: gt}
    attribution: {source: article, claimant: The author, claimant_type: author}
    confidence: medium
"""
