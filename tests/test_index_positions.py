"""Where ``show`` says a claim starts is the same line from the index as from the files.

The index records each claim's start as the fast reader sees it; a file the
fast reader leaves to the full reader (here, one with an anchor) is located by
reading it with marks. Both must name the line the claim starts on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Cli

SOURCES = """\
version: 1
sources:
  - &article
    id: article
    title: An article
    url: https://example.org/article
claims:
"""

#: Three claims: one in flow style on one line, one in flow style over two
#: lines after a blank line, one in block style after a comment.
CLAIMS = """\
  - {id: first, claim: Trade exceeded 121 million dollars., type: statistic, confidence: medium,
     attribution: {source: article, claimant: The author, claimant_type: author}}

  - {id: second, claim: Trade exceeded 122 million dollars., type: statistic,
     confidence: medium, attribution: {source: article, claimant: Author, claimant_type: author}}
  # the third
  -
    id: third
    claim: Trade exceeded 123 million dollars.
    type: statistic
    attribution: {source: article, claimant: The author, claimant_type: author}
    confidence: medium
"""


@pytest.mark.parametrize("reader", ["fast", "full"])
@pytest.mark.parametrize(("claim", "line"), [("first", 8), ("second", 11), ("third", 15)])
def test_show_names_the_line_a_claim_starts_on_from_the_index(
    cli: Cli, tmp_path: Path, reader: str, claim: str, line: int
) -> None:
    text = SOURCES + CLAIMS
    if reader == "fast":
        text = text.replace(" &article", "")  # no anchor: the fast reader reads it
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    env = {"CLAIMS_CACHE_DIR": str(tmp_path / "cache")}
    cold = cli("--no-cache", "show", claim, "-f", path, env=env, columns=200)
    first = cli("show", claim, "-f", path, env=env, columns=200)  # builds the index
    warm = cli("show", claim, "-f", path, env=env, columns=200)
    assert cold.exit_code == 0, cold.output
    assert f"{path}:{line}" in cold.stdout
    for run in (first, warm):
        assert (run.exit_code, run.stdout, run.stderr) == (0, cold.stdout, cold.stderr)
    assert (tmp_path / "cache").is_dir()
