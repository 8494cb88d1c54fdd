"""What every test shares: the repository's paths, a clean environment, one way to run claims,
and one way to open a ledger.

In-process runs go through the ``cli`` fixture, which hands the command an
:class:`~claims_cli.environment.Environment` (a terminal or a pipe, so many
columns wide, or one the test built) and lets exceptions through, so a crash
never passes for an exit code. Real processes, for the few tests that need
one, get the same clean environment from :func:`clean_environ`. Ledgers are
opened through the one pipeline on :data:`TODAY` by :func:`opened` and
:func:`load`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from claims_cli.check.pipeline import Loaded, open_ledger
from claims_cli.cli import app, register
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES, Environment, SettingError
from claims_cli.model import Attribution, Claim, Ledger
from claims_cli.read.files import find_claim_files

#: Property tests judge behaviour, never speed: no per-example deadline, which a
#: busy CI machine would turn into failures that say nothing about the code.
settings.register_profile("claims", deadline=None)
settings.load_profile("claims")

# The console script registers only the command it runs; in-process runs need all.
register()

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "claims.yaml"
FIXTURES = REPO / "tests" / "fixtures"
#: The day every test runs on (``CLAIMS_TODAY``).
TODAY = "2026-11-28"
#: :data:`TODAY` as the core takes it.
TODAY_DATE = date.fromisoformat(TODAY)

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
        environment: Environment | None = None,
    ) -> Run: ...


class Write(Protocol):
    def __call__(self, name: str, text: str | bytes) -> Path: ...


def invoke_claims(
    *args: object,
    env: Mapping[str, str] | None = None,
    terminal: bool = False,
    columns: int = 80,
    stdin: str | bytes | None = None,
    environment: Environment | None = None,
) -> Run:
    """Run claims in-process; exceptions are not swallowed. The one way tests do it.

    ``env`` adds environment variables; ``terminal=True`` makes standard
    output a terminal (coloured unless ``NO_COLOR``), ``columns`` wide;
    ``stdin`` is what standard input holds. ``environment`` is the one the
    run uses instead, as built by the test (its streams included). Tests
    take it as the ``cli`` fixture; hypothesis tests, which cannot take
    function-scoped fixtures, call it directly.
    """
    environ = clean_environ(COLUMNS=str(columns), **(env or {}))
    if environment is None:
        # On a bad setting the run builds its own, and says what is wrong.
        with contextlib.suppress(SettingError):
            environment = Environment.from_os(environ, stdout_isatty=terminal)
    # What the run reads from os.environ itself (Typer's completion variables,
    # a setting it refuses) comes from the same variables.
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


@pytest.fixture
def cli() -> Cli:
    """``cli("list", "-f", path)``: :func:`invoke_claims`, as a fixture."""
    return invoke_claims


@pytest.fixture
def write(tmp_path: Path) -> Write:
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


def readers(claim_id: str) -> list[list[str]]:
    """Every command that reads a ledger, as ``cli(*command, path)`` runs it.

    ``show`` asks for ``claim_id``; ``export`` writes both a flat and a
    Markdown format.
    """
    return [
        ["validate"],
        ["list", "-f"],
        ["show", claim_id, "-f"],
        ["sources", "-f"],
        ["stats", "-f"],
        ["export", "-F", "csv", "-f"],
        ["export", "-F", "markdown", "-f"],
    ]


def assert_refused(run: Run, command: Sequence[str], errors: Sequence[str]) -> None:
    """``run`` of ``command`` refused its ledger, saying exactly ``errors`` and its closing line.

    ``validate`` reports on stdout and ends with its count; every other
    command prints nothing on stdout, the errors on stderr, and a closing
    line saying what it did not do. A crash (exit 1 too) never passes.
    """
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    assert run.exit_code == 1, run.output
    if command[0] == "validate":
        *said, closing = run.stdout.splitlines()
        assert (said, run.stderr) == (list(errors), "")
        assert closing.startswith(f"Found {count} and "), closing
        return
    if command[0] == "export":
        closing = f"claims: not exported: the ledger has {count}"
    else:
        closing = (
            f"claims: the claim files have {count}; fix them first "
            "('claims validate' gives the full report)"
        )
    assert (run.stdout, run.stderr.splitlines()) == ("", [*errors, closing])


def opened(path: Path | str, *, schema: bool = False) -> Loaded:
    """The ledger at ``path`` as the one pipeline opens it, on :data:`TODAY`."""
    files = find_claim_files([str(path)])
    return open_ledger(files, today=TODAY_DATE, max_bytes=DEFAULT_MAX_FILE_BYTES, schema=schema)


@functools.cache
def load(path: Path) -> Ledger:
    """The ledger at ``path``, which has no errors; read once per test run."""
    loaded = opened(path)
    assert loaded.ok, loaded.errors
    return loaded.ledger


def make_claim(claim_id: str, *, source: str = "s", **fields: Any) -> Claim:
    """A low-confidence event claim attributed to ``source``, with any other ``fields``."""
    defaults: dict[str, Any] = {
        "claim": f"claim {claim_id}",
        "type": "event",
        "attribution": Attribution(source=source),
        "confidence": "low",
    }
    return Claim(id=claim_id, **{**defaults, **fields})


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
