"""One reader of figures: any script's digits, scale words, currencies, units, comparators."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, Cli, Write

from claims_cli.text.figures import Figure, as_figure, figure_in_text, read_figures


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("exceeding to over $121 million between", 121e6, "USD", "gt"),
        ("which Iran claims has 125-mile range", 125, "mi", "eq"),
        ("۵ میلیون دلار", 5e6, "USD", "eq"),
        ("٥ مليون دولار", 5e6, "USD", "eq"),
        ("１２１ million", 121e6, None, "eq"),
        ("١٬٥٠٠٫٥ kilometres", 1500.5, "km", "eq"),
        ("US$121 mn", 121e6, "USD", "eq"),
        ("121m", 121e6, None, "eq"),
        ("the mast is 125 m tall", 125, "m", "eq"),
        ("about 40 per cent", 40, "%", "approx"),
        ("at least 3,000 people", 3000, None, "gte"),
        ("up to 120 km/h", 120, "km/h", "lte"),
        ("> 1.5bn EUR", 1.5e9, "EUR", "gt"),
        ("fewer than 20k", 20000, None, "lt"),
        ("USD 5 million", 5e6, "USD", "eq"),
    ],
)
def test_read_figures(text: str, value: float, unit: str | None, comparator: str) -> None:
    figure = read_figures(text)[0]
    assert (figure.value, figure.unit, figure.comparator) == (value, unit, comparator)


def test_a_figure_knows_its_span() -> None:
    text = "commerce exceeding to over $121 million between"
    [figure] = read_figures(text)
    assert figure == Figure(27, 39, 121, 1e6, "USD", "gt")
    assert text[figure.start : figure.end] == "$121 million"


def test_words_are_not_units_or_comparators_by_accident() -> None:
    assert [f.unit for f in read_figures("at least 5 in 2022")] == [None, None]
    assert read_figures("moreover 5 drones")[0].comparator == "eq"
    assert [f.value for f in read_figures("all 500 people")] == [500]
    assert read_figures("a 10-20 range")[1].value == 20


@pytest.mark.parametrize(
    ("quote", "amount"),
    [
        ("۱۲۱ میلیون دلار", 121e6),
        ("١٢١ مليون", 121e6),
        ("１２５ miles", 125),
        ("۵ میلیارد", 5e9),
    ],
)
def test_w307_reads_other_digits(quote: str, amount: float) -> None:
    assert figure_in_text(amount, quote)


def test_as_figure_is_one_figure_and_nothing_else() -> None:
    assert as_figure("121m") == 121e6
    assert as_figure("۱۲۵") == 125
    assert as_figure("$500m") == 500e6
    assert as_figure("121m,") is None
    assert as_figure("ababil") is None


def test_validate_accepts_a_persian_quote(cli: Cli, write: Write) -> None:
    path = write(
        "claims.yaml",
        """
        version: 1
        sources:
          - id: s
            title: S
        claims:
          - id: a
            claim: Trade reached five million dollars.
            type: statistic
            quote: "تجارت به ۵ میلیون دلار رسید"
            value: {amount: 5000000, unit: USD}
            attribution: {source: s}
            confidence: low
          - id: b
            claim: Trade reached six million dollars.
            type: statistic
            quote: "تجارت به ۵ میلیون دلار رسید"
            value: {amount: 6000000, unit: USD}
            attribution: {source: s}
            confidence: low
        """,
    )
    assert cli("validate", path).stdout.splitlines() == [
        f"{path}:17:21: W307 claims[1].value.amount: 6000000 does not appear in the quote; "
        "check the figure or the quote",
        "Found 0 errors and 1 warning in 1 file, 2 claims, 1 source.",
    ]


def test_search_finds_a_figure_written_another_way(cli: Cli) -> None:
    def ids(*words: str) -> list[str]:
        return cli("list", "-f", SAMPLE, "-q", *words, "-F", "ids").lines

    assert ids("121m") == ["trade-121m"]
    assert ids("121000000") == ["trade-121m"]
    assert ids("$500m") == ["trade-target-500m"]
    assert ids("۱۲۵") == ["ababil2-range-125mi"]
    assert ids("126") == []
