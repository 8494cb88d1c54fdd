"""Shared test helpers: run the CLI in-process, write claim files, find the repo."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims_cli.cli import app

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the same environment on a laptop and in CI."""
    for name in ("CLAIMS_FILE", "GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR", "CLAIMS_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMS_TODAY", "2026-11-28")


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture
def cli() -> Callable[..., Run]:
    """``cli("validate", "x.yaml")``: run claims in-process; exceptions are not swallowed."""

    def run(*args: str, env: dict[str, str] | None = None) -> Run:
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

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
