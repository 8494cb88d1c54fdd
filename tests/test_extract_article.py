"""``claims extract``: candidate claims read out of an article, and the scores that measure it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE, Cli, Write

from claims_cli.text.checkworthy import elements
from claims_cli.text.extract import candidates

ARTICLE = """\
Drone plant opens near Dushanbe

By A. Writer

Photo: The new plant, seen from the road.

Iran claims the Ababil-2 has a 125-mile range.
Trade between the two countries exceeded $121 million last year.

"It is the poorest of the former Soviet republics," an expert at a London university says.

The weather was mild. Officials vowed to raise trade to $500 million a year.
"""


@pytest.fixture
def article(write: Write) -> Path:
    return write("article.txt", ARTICLE)


def test_candidates_with_quote_type_value_and_claimant() -> None:
    found = candidates(ARTICLE)
    assert [(c.paragraph, c.quote, c.type) for c in found] == [
        (2, "Iran claims the Ababil-2 has a 125-mile range", "statistic"),
        (2, "Trade between the two countries exceeded $121 million last year", "statistic"),
        (3, "It is the poorest of the former Soviet republics", "statistic"),
        (4, "Officials vowed to raise trade to $500 million a year", "forecast"),
    ]
    assert [(c.amount, c.unit, c.comparator, c.period) for c in found] == [
        (125, "mi", "eq", None),
        (121000000, "USD", "gt", None),
        (None, None, "eq", None),
        (500000000, "USD", "eq", "annual"),
    ]
    assert [(c.claimant, c.claimant_type) for c in found] == [
        ("Government of Iran", "government"),
        (None, None),
        ("unnamed expert at a London university", "anonymous"),
        ("unnamed officials", "anonymous"),
    ]
    for candidate in found:
        assert ARTICLE[candidate.start : candidate.end] == candidate.quote


def test_yaml_claims_that_claims_add_loads(cli: Cli, article: Path, write: Write) -> None:
    result = cli("extract", article, "--source", "wire-2022")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:18] == [
        f"# 4 candidate claims from {article}, proposed by claims extract.",
        "# Review each: reword the claim, set the confidence, remove the tag 'extracted'.",
        "claims:",
        "  - id: iran-claims-ababil-2-125",
        "    claim: Iran claims the Ababil-2 has a 125-mile range.",
        "    type: statistic",
        "    quote: Iran claims the Ababil-2 has a 125-mile range",
        "    value:",
        "      amount: 125",
        "      unit: mi",
        "    attribution:",
        "      source: wire-2022",
        "      claimant: Government of Iran",
        "      claimant_type: government",
        "      locator: para 2",
        "    confidence: very-low",
        "    tags: [extracted]",
        "    status: unverified",
    ]
    ledger = write(
        "claims.yaml",
        """
        version: 1
        sources:
          - id: wire-2022
            title: Wire story
        claims: []
        """,
    )
    added = cli("add", "-f", ledger, "--from", "-", stdin=result.stdout)
    assert added.exit_code == 0, added.output
    checked = cli("validate", ledger)
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[0] == (
        f"{ledger}:14:17: W504 claims[0].confidence: proposed by 'claims extract' and not "
        "yet reviewed; set the confidence ('very-low' is a placeholder) and remove the tag "
        "'extracted'"
    )
    assert checked.stdout.splitlines()[-1] == (
        "Found 0 errors and 4 warnings in 1 file, 4 claims, 1 source."
    )


def test_table(cli: Cli, article: Path) -> None:
    result = cli("extract", article, "--format", "table", columns=80)
    assert result.stdout == (
        "score  para  type        value                 quote\n"
        "    6     2  statistic   125 mi (≈ 201 km)     Iran claims the Ababil-2 has a\n"
        "                                               125-mile range\n"
        "    6     2  statistic   > $121 million        Trade between the two countries\n"
        "                                               exceeded $121 million last year\n"
        "    5     3  statistic                         It is the poorest of the former\n"
        "                                               Soviet republics\n"
        "    8     4  forecast    $500 million / year   Officials vowed to raise trade to\n"
        "                                               $500 million a year\n"
        "4 candidate claims\n"
    )


def test_headings_bylines_captions_and_noise_are_not_proposed() -> None:
    quotes = " ".join(c.quote for c in candidates(ARTICLE))
    for noise in ("Drone plant opens", "By A. Writer", "Photo", "weather"):
        assert noise not in quotes


def test_html_articles(cli: Cli, write: Write) -> None:
    page = write(
        "page.html",
        "<html><head><title>T</title></head><body><nav>Home | World</nav><article>"
        "<h1>Trade talks</h1><p>Officials said trade exceeded $121 million in 2023, the "
        "highest figure on record. The talks ended on May 30 in Dushanbe after two days of "
        "meetings between the delegations.</p></article></body></html>",
    )
    result = cli("extract", page, "--format", "table", columns=100)
    assert result.exit_code == 0
    assert "> $121 million" in result.stdout
    assert "Home" not in result.stdout
    assert result.stdout.splitlines()[-1] == "3 candidate claims"


def test_an_article_with_nothing_to_check(cli: Cli, write: Write) -> None:
    path = write("calm.txt", "The sun rose over the hills and the birds sang.\n")
    result = cli("extract", path)
    assert (result.exit_code, result.stderr) == (
        0,
        f"claims: no check-worthy sentences in {path}\n",
    )
    assert result.stdout.endswith("claims: []\n")
    missing = cli("extract", "nowhere.txt")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "claims: cannot read 'nowhere.txt': No such file or directory\n",
    )


def test_checkworthy_finds_figures_with_the_one_reader() -> None:
    assert [e.text for e in elements("Trade reached ۵ میلیون دلار last year.")] == [
        "۵ میلیون دلار",
        "last year",
    ]
    assert [e.kind for e in elements("The Ababil-2 drone flew over 3,000 troops.")] == ["figure"]
    assert elements("The F-16 flew 20 times.")[0].text == "20 times"


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed-article.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article lives outside the repository")
def test_the_seed_article_gives_the_claims_the_issue_names() -> None:
    from claims_cli.text.article import read_article

    found = candidates(read_article(SEED.read_bytes(), name=SEED.name).text)
    by_quote = {c.quote: c for c in found}
    trade = by_quote[
        "with bilateral commerce exceeding to over $121 million between during last two years"
    ]
    assert (trade.amount, trade.unit, trade.comparator) == (121000000, "USD", "gt")
    target = next(c for c in found if "$500 million" in c.quote)
    assert (target.amount, target.type, target.period) == (500000000, "forecast", "annual")
    drone = by_quote["which Iran claims has 125-mile range"]
    assert (drone.amount, drone.unit, drone.claimant) == (125, "mi", "Government of Iran")
    assert "on May 30, Tajikistan President paid a visit to Iran" in by_quote
    experts = [c for c in found if c.claimant_type == "anonymous"]
    assert [c.claimant for c in experts] == [
        "unnamed expert in British Open University",
        "unnamed Iranian expert",
    ]


def test_the_readme_publishes_the_scores_the_script_measures() -> None:
    from bench.extraction import main

    readme = (SAMPLE.parent / "README.md").read_text("utf-8")
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        assert main([]) == 0
    for line in printed.getvalue().splitlines()[2:]:
        if line.startswith("seed article") and not SEED.is_file():
            continue
        assert line in readme, f"README lacks the measured line: {line}"


def test_a_number_of_things_counted_is_the_value(cli: Cli, write: Write) -> None:
    path = write(
        "count.txt",
        "The army said it had bought 12 drones last year.\n\n"
        "Officials said the plant pays 200 manat a month.\n\n"
        "Officials said the bridge cost 90 tenge a metre.\n",
    )
    proposed = yaml.safe_load(cli("extract", path).stdout)["claims"]
    assert [c.get("value") for c in proposed] == [
        {"amount": 12, "unit": "drones"},
        None,  # 'manat' is the currency of two countries (AZN, TMT), not a thing counted
        {"amount": 90, "unit": "KZT"},
    ]
