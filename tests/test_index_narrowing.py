"""The index only narrows: every filter selects the same claims from it as from the files.

A warm look-up loads from the index only the claims that may pass its filter
(by tag, cited source, status, type, claimant type, confidence and, once a
file has been searched, the words of ``--search``); the one filter engine
then decides. These tests hold the narrowed selection, the counts, the look-ups
by id and the lines claims start on to what the whole ledger read from its
files gives, on generated ledgers and generated filters, and count what a
warm look-up decodes.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY_DATE, Cli, Write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_strategies import dump, valid_data

from bench import generate
from claims_cli.check.pipeline import open_ledger
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES
from claims_cli.index.ledger import open_indexed
from claims_cli.index.store import INDEX_NAME, Store
from claims_cli.index.stored import StoreView
from claims_cli.index.view import LedgerView, MemoryView
from claims_cli.model import CONFIDENCE_LEVELS, Claim, Index, Ledger
from claims_cli.query.filters import Filter, fold, select
from claims_cli.query.stats import count_claims
from claims_cli.read.files import ClaimFile, find_claim_files


def _split(data: dict[str, Any], files: int) -> list[dict[str, Any]]:
    """The ledger as ``files`` files: sources and meta in the first, claims dealt out."""
    parts: list[dict[str, Any]] = [{"version": 1} for _ in range(files)]
    if "meta" in data:
        parts[0]["meta"] = data["meta"]
    parts[0]["sources"] = data["sources"]
    for number, claim in enumerate(data["claims"]):
        parts[number % files].setdefault("claims", []).append(claim)
    return parts


def _open(files: list[ClaimFile], cache: Path) -> LedgerView:
    view = open_indexed(files, cache_dir=cache, today=TODAY_DATE, max_bytes=DEFAULT_MAX_FILE_BYTES)
    assert view is not None
    return view


@st.composite
def _filters(draw: st.DrawFn, data: dict[str, Any]) -> Filter:
    claims = data["claims"]
    tags = sorted({tag for claim in claims for tag in claim.get("tags", ())}) or ["none"]
    sources = [source["id"] for source in data["sources"]] + ["no-such-source"]
    words = sorted({word for claim in claims for word in fold(claim["claim"]).split()}) or ["x"]
    maybe = st.booleans()
    chosen: dict[str, Any] = {}
    if draw(maybe):
        chosen["tags"] = tuple(draw(st.lists(st.sampled_from([*tags, "no-such-tag"]), max_size=2)))
    if draw(maybe):
        chosen["sources"] = tuple(draw(st.lists(st.sampled_from(sources), max_size=2)))
    if draw(maybe):
        chosen["statuses"] = tuple(
            draw(st.lists(st.sampled_from(["unverified", "supported", "refuted"]), max_size=2))
        )
    if draw(maybe):
        chosen["types"] = tuple(draw(st.lists(st.sampled_from(["statistic", "event"]), max_size=2)))
    if draw(maybe):
        metrics: set[str] = {m for c in claims if (m := (c.get("value") or {}).get("metric"))}
        chosen["metrics"] = (draw(st.sampled_from([*sorted(metrics), "no-such-metric"])),)
    if draw(maybe):
        chosen["claimant_types"] = (draw(st.sampled_from(["person", "author", "government"])),)
    if draw(maybe):
        levels = st.sampled_from(CONFIDENCE_LEVELS)
        low, high = sorted(
            draw(st.lists(levels, min_size=2, max_size=2)), key=CONFIDENCE_LEVELS.index
        )
        chosen["min_confidence"] = low if draw(maybe) else None
        chosen["max_confidence"] = high if draw(maybe) else None
    if draw(maybe):
        # Words from the claims (whole, or a piece of one, as short as one letter).
        picked = draw(st.lists(st.sampled_from(words), min_size=1, max_size=2))
        piece = draw(st.integers(0, 3))
        chosen["search"] = " ".join(word[piece:] or word for word in picked)
    if draw(maybe):
        # A figure of a claim (its amount, or one its text states), spelled another way.
        figure = draw(_figure_searches(claims))
        chosen["search"] = f"{chosen.get('search', '')} {figure}".strip()
    return Filter(**chosen)


_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _spelled(value: float) -> str:
    return f"{value:f}".rstrip("0").rstrip(".") or "0"


@st.composite
def _figure_searches(draw: st.DrawFn, claims: list[dict[str, Any]]) -> str:
    from claims_cli.text.figures import figures_in

    stated = [1e6, 121e6, 2.5]
    for claim in claims:
        if isinstance(claim.get("value"), dict):
            stated.append(float(claim["value"]["amount"]))
        stated.extend(figures_in(f"{claim['claim']}\n{claim.get('quote') or ''}"))
    value = abs(draw(st.sampled_from(stated)))
    spellings = [
        _spelled(value),
        f"{_spelled(value / 1e6)}m",
        f"{_spelled(value / 1e6)} million",
        f"${_spelled(value / 1e3)} thousand",
        _spelled(value).translate(_PERSIAN),
        f"{_spelled(value / 1e6)} میلیون".translate(_PERSIAN),
    ]
    return draw(st.sampled_from(spellings))


def _origins(claims: list[Claim] | tuple[Claim, ...]) -> list[object]:
    return [(claim, claim.origin) for claim in claims]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=valid_data(max_claims=8), files=st.integers(1, 3), draw=st.data())
def test_a_filter_selects_the_same_claims_from_the_index_as_from_the_files(
    data: dict[str, Any], files: int, draw: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number, part in enumerate(_split(data, files)):
            (root / "ledger").mkdir(exist_ok=True)
            (root / "ledger" / f"part-{number}.yaml").write_text(dump(part), encoding="utf-8")
        found = find_claim_files([str(root / "ledger")], cwd=root, claims_file=None)
        whole = open_ledger(found, today=TODAY_DATE, max_bytes=DEFAULT_MAX_FILE_BYTES)
        assert whole.ok, whole.errors
        filters = [draw.draw(_filters(data)) for _ in range(4)] + [Filter()]
        expected = [select(whole.ledger.claims, flt) for flt in filters]

        cache = root / "cache"
        # Built now (from memory), then from the index twice: the second time
        # the words of a search are looked up in the text the first one kept.
        for round_number in range(3):
            view = _open(found, cache)
            assert isinstance(view, MemoryView if round_number == 0 else StoreView)
            try:
                for flt, wanted in zip(filters, expected, strict=True):
                    got = select(view.candidates(flt), flt)
                    assert _origins(got) == _origins(wanted), flt
                _same_ledger(view, whole.ledger, whole.documents)
            finally:
                view.close()


def _same_ledger(view: LedgerView, ledger: Ledger, documents: tuple[Any, ...]) -> None:
    assert view.total == len(ledger.claims)
    assert view.sources == ledger.sources
    assert view.counts() == count_claims(ledger.claims)
    assert view.tags() == {tag for claim in ledger.claims for tag in claim.tags}
    index, full = view.index(), Index(ledger=ledger)
    starts = {doc.file: doc for doc in documents}
    for claim in ledger.claims:
        assert index.claims[claim.id] == claim
        assert claim.id in index.claims
        assert index.superseded_by.get(claim.id) == full.superseded_by.get(claim.id)
        assert claim.origin is not None
        line = starts[claim.origin.file].locate(claim.origin.path).line
        assert view.line_of(index.claims[claim.id]) == line
    assert "no-such-claim" not in index.claims
    assert sorted(index.claims) == sorted(full.claims)
    assert view.ledger() == ledger
    assert _origins(view.ledger().claims) == _origins(ledger.claims)


# --- what a warm look-up loads --------------------------------------------------


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the claims the index decodes, as it decodes them."""
    import claims_cli.read.build as build

    seen: list[str] = []
    real = build.build_claim

    def counting(raw: Any, file: str, position: int) -> Claim | None:
        made = real(raw, file, position)
        seen.append(made.id if made is not None else "?")
        return made

    monkeypatch.setattr(build, "build_claim", counting)
    return seen


@pytest.fixture(scope="module")
def ledger_300(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, generate.Picks]:
    data = generate.generate(300, seed=3)
    path = tmp_path_factory.mktemp("ledger") / "claims.yaml"
    generate.write(data, path)
    return path, generate.picks(data)


@pytest.mark.parametrize(
    ("args", "loads"),
    [
        (["list", "--tag", "TAG", "-F", "ids"], "the matches"),
        (["list", "--search", "rahmon", "-F", "ids"], "the matches"),
        (["show", "SHOW_ID", "-F", "json"], 1),
        (["stats", "-F", "json"], "the figures"),
        (["stats"], 0),
        (["list", "--tag", "no-such-tag"], 0),
    ],
    ids=["list --tag", "list --search", "show", "stats json", "stats chart", "no match"],
)
def test_a_warm_look_up_decodes_only_the_claims_it_may_show(
    cli: Cli,
    ledger_300: tuple[Path, generate.Picks],
    decoded: list[str],
    args: list[str],
    loads: int | str,
) -> None:
    path, picks = ledger_300
    command = [{"TAG": picks.tag, "SHOW_ID": picks.show_id}.get(a, a) for a in args]
    cold = cli("--no-cache", *command, "-f", path)
    for _ in range(3):  # built, then warm; a search keeps its text the first warm time
        decoded.clear()
        warm = cli(*command, "-f", path)
        assert (warm.exit_code, warm.stdout, warm.stderr) == (
            cold.exit_code,
            cold.stdout,
            cold.stderr,
        )
    if loads == "the matches":
        shown = len(cold.stdout.split())
    elif loads == "the figures":  # a metric's spread needs its claims' values
        shown = sum(json.loads(cold.stdout)["by_metric"].values())
        assert 0 < shown < 300
    else:
        shown = int(loads)
    assert len(decoded) == shown
    assert 0 < len(cold.stdout.split()) < 300 or loads != "the matches"


def test_an_edited_file_leaves_no_claims_of_its_old_version_behind(
    cli: Cli, tmp_path: Path
) -> None:
    data = generate.generate(60, seed=4)
    paths = generate.write(data, tmp_path / "split", files=2)
    cache = tmp_path / "cache"
    env = {"CLAIMS_CACHE_DIR": str(cache)}
    assert cli("list", "-f", tmp_path / "split", env=env).exit_code == 0
    for edit in range(3):
        with paths[0].open("a", encoding="utf-8") as stream:
            stream.write(f"# edit {edit}\n")
        assert cli("list", "-f", tmp_path / "split", env=env).exit_code == 0
    with Store(cache) as store:
        claims = store._db.execute("SELECT count(*) FROM claim").fetchone()[0]
        files = store._db.execute("SELECT count(*) FROM file").fetchone()[0]
    assert (claims, files) == (60, 2)
    assert (cache / INDEX_NAME).exists()


def test_a_figure_searched_for_in_another_spelling_is_found_through_the_index(
    cli: Cli, write: Write
) -> None:
    path = write(
        "claims.yaml",
        "version: 1\nsources:\n  - id: wire\n    title: Wire\nclaims:\n"
        "  - id: trade\n    claim: Trade exceeded $121 million.\n    type: statistic\n"
        "    attribution: {source: wire}\n    confidence: low\n"
        "  - id: other\n    claim: Trade grew.\n    type: statistic\n"
        "    attribution: {source: wire}\n    confidence: low\n",
    )
    cold = cli("--no-cache", "list", "--search", "121m trade", "-F", "ids", "-f", path)
    assert (cold.exit_code, cold.stdout) == (0, "trade\n")
    for _ in range(3):  # built, warm, warm with the search text kept
        warm = cli("list", "--search", "121m trade", "-F", "ids", "-f", path)
        assert (warm.exit_code, warm.stdout, warm.stderr) == (0, "trade\n", "")


@pytest.mark.parametrize("search", ["121 million", "$121 million", "۱۲۱ میلیون", "121m"])
def test_a_figure_phrase_finds_the_figure_in_any_digits_through_the_index(
    cli: Cli, write: Write, search: str
) -> None:
    path = write(
        "claims.yaml",
        "version: 1\nsources:\n  - id: wire\n    title: Wire\nclaims:\n"
        "  - id: persian\n    claim: Trade with Iran.\n    type: statistic\n"
        "    quote: حجم تجارت به ۱۲۱ میلیون دلار رسید\n"
        "    attribution: {source: wire}\n    confidence: low\n"
        "  - id: english\n    claim: Trade exceeded $121 million.\n    type: statistic\n"
        "    attribution: {source: wire}\n    confidence: low\n"
        "  - id: other\n    claim: Trade grew by 121 people.\n    type: statistic\n"
        "    attribution: {source: wire}\n    confidence: low\n",
    )
    cold = cli("--no-cache", "list", "--search", search, "-F", "ids", "-f", path)
    assert (cold.exit_code, cold.stdout) == (0, "persian\nenglish\n")
    for _ in range(3):  # built, warm, warm with the search text kept
        warm = cli("list", "--search", search, "-F", "ids", "-f", path)
        assert (warm.exit_code, warm.stdout, warm.stderr) == (0, "persian\nenglish\n", "")
    # The words that are not a figure still narrow and decide.
    other = cli("list", "--search", f"{search} grew", "-F", "ids", "-f", path)
    assert (other.exit_code, other.stdout) == (0, "")
