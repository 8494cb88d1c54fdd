"""A scripted git history of a ledger, for ``claims diff`` and ``claims log``.

Five commits on ``main``, tagged ``c1`` to ``c5``, in a folder ledger
(``ledger/``):

1. the ledger starts: ``ledger/trade.yaml`` (two sources, ``trade-121m`` and
   ``trade-target``) and ``ledger/misc.yaml`` (``drone-plant``, ``poorest``);
2. ``trade-121m`` is refuted: status, confidence, evidence, explanation;
3. ``drone-plant`` moves from ``misc.yaml`` to ``trade.yaml``;
4. ``misc.yaml`` is renamed ``economy.yaml``;
5. ``trade-target`` is removed and ``poorest-revised`` supersedes ``poorest``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SOURCES = """\
version: 1
sources:
  - id: wire
    title: Wire story on regional trade
    url: https://example.org/wire
    published: "2022-06"
  - id: customs
    title: Customs statistics 2021-2022
    url: https://stats.example.org/customs
    published: "2023-01"
claims:
"""
TRADE = """\
  - id: trade-121m
    claim: Trade exceeded $121 million over two years.
    type: statistic
    attribution: {source: wire, claimant: Government of Iran, claimant_type: government}
    confidence: low
"""
TRADE_REFUTED = """\
  - id: trade-121m
    claim: Trade exceeded $121 million over two years.
    type: statistic
    attribution: {source: wire, claimant: Government of Iran, claimant_type: government}
    confidence: high
    status: refuted
    evidence:
      - {source: customs, stance: refutes, note: "$96 million over the two years."}
    explanation: Customs figures give $96 million.
    checked: {by: Ann Checker, "on": "2023-02-01"}
"""
TARGET = """\
  - id: trade-target
    claim: The two countries aim for $500 million a year.
    type: forecast
    attribution: {source: wire}
    confidence: medium
"""
DRONE = """\
  - id: drone-plant
    claim: Iran opened a drone plant in Dushanbe.
    type: event
    attribution: {source: wire}
    confidence: medium
"""
POOREST = """\
  - id: poorest
    claim: Tajikistan is the poorest former Soviet republic.
    type: statistic
    attribution: {source: wire, claimant: an unnamed expert, claimant_type: anonymous}
    confidence: medium
"""
REVISED = """\
  - id: poorest-revised
    claim: Tajikistan has the lowest GDP per head of the former Soviet republics.
    type: statistic
    attribution: {source: wire, claimant: an unnamed expert, claimant_type: anonymous}
    confidence: medium
    supersedes: poorest
"""
#: The commits: subject, then the files as they are after it (None: removed).
STEPS: list[tuple[str, dict[str, str | None]]] = [
    (
        "Start the trade ledger",
        {
            "ledger/trade.yaml": SOURCES + TRADE + TARGET,
            "ledger/misc.yaml": "version: 1\nclaims:\n" + DRONE + POOREST,
        },
    ),
    (
        "Refute trade-121m from customs data",
        {"ledger/trade.yaml": SOURCES + TRADE_REFUTED + TARGET},
    ),
    (
        "Keep the drone plant with the trade claims",
        {
            "ledger/trade.yaml": SOURCES + TRADE_REFUTED + TARGET + DRONE,
            "ledger/misc.yaml": "version: 1\nclaims:\n" + POOREST,
        },
    ),
    ("Rename misc.yaml to economy.yaml", {}),
    (
        "Drop the trade target; a sharper poverty claim",
        {
            "ledger/trade.yaml": SOURCES + TRADE_REFUTED + DRONE,
            "ledger/economy.yaml": "version: 1\nclaims:\n" + POOREST + REVISED,
        },
    ),
]


def git(repo: Path, *args: str, **env: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout


def make_history(repo: Path) -> Path:
    """Write the history of the module docstring into ``repo`` (a new folder)."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Ann Checker")
    git(repo, "config", "user.email", "ann@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    for number, (subject, files) in enumerate(STEPS, start=1):
        if number == 4:
            git(repo, "mv", "ledger/misc.yaml", "ledger/economy.yaml")
        for name, text in files.items():
            path = repo / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                git(repo, "rm", "-q", name)
            else:
                path.write_text(text, "utf-8")
                git(repo, "add", name)
        when = f"2023-02-0{number}T10:00:00+00:00"
        git(repo, "commit", "-q", "-m", subject, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        git(repo, "tag", f"c{number}")
    return repo


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scripted history, made once per test session (read-only: clone it to change it)."""
    return make_history(tmp_path_factory.mktemp("history") / "repo")
