"""The web page in a real browser: headless Chromium, driven through its DevTools protocol.

One browser serves the whole session (per test worker); each test opens its
pages in a fresh browser context, from ``file://`` URLs. Where Chromium is
not installed the tests are skipped with the reason, except in CI (``CI``
set), where they fail: CI installs it (``.ci/run``).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, invoke_claims, load
from export_support import ADVERSARIAL
from html_support import hostile_ledger, twin_ledger, write_ledger

from claims_cli.query.filters import fold
from claims_cli.render import html
from claims_cli.render.exports import ExportInput
from scripts.chromium import BrowserError, Chromium, Page, file_url, find_chromium

#: Every page the tests open, by name: the ledger it is made from.
LEDGERS = ("sample", "adversarial", "hostile", "twin")
#: Which elements a page has, in document order, with the names of their attributes.
ELEMENTS = """[...document.querySelectorAll("*")].map(
    e => e.tagName + "[" + [...e.attributes].map(a => a.name).join(",") + "]")"""
#: The ids of the summary rows a reader sees.
SAMPLE_CLAIMS = len(load(SAMPLE).claims)
SHOWN_ROWS = """[...document.querySelectorAll("#summary tbody tr")]
    .filter(row => row.getClientRects().length > 0)
    .map(row => row.querySelector("a").getAttribute("href").slice(1))"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        reason = (
            "the browser tests need Chromium, which is not installed "
            "(Debian: apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run them", pytrace=False)
        pytest.skip(reason)
    try:
        chromium = Chromium(executable)
    except BrowserError as exc:
        pytest.fail(f"Chromium ({executable}) did not start: {exc}", pytrace=False)
    with chromium:
        yield chromium


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each page, exported through the command line, by name."""
    folder = tmp_path_factory.mktemp("pages")
    sources = {
        "sample": SAMPLE,
        "adversarial": ADVERSARIAL,
        "hostile": write_ledger(folder, "hostile.yaml", hostile_ledger()),
        "twin": write_ledger(folder, "twin.yaml", twin_ledger()),
    }
    made = {}
    for name, ledger in sources.items():
        out = folder / f"{name}.html"
        run = invoke_claims("export", "-f", ledger, "-o", out)
        assert run.exit_code == 0, run.output
        made[name] = out
    return made


Opener = Callable[..., Page]


@pytest.fixture
def open_page(browser: Chromium, pages: dict[str, Path]) -> Iterator[Opener]:
    """``open_page("sample")``: a new tab showing that page; closed after the test."""
    opened: list[Page] = []

    def opener(name: str, *, width: int = 1024, height: int = 768, script: bool = True) -> Page:
        page = browser.new_page(width=width, height=height)
        opened.append(page)
        if not script:
            page.send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.open(file_url(pages[name]))
        return page

    yield opener
    for page in opened:
        page.close()


def settle(page: Page) -> None:
    """Let timers and late events of the page run."""
    page.evaluate("new Promise(done => setTimeout(done, 250))")


def console_problems(page: Page) -> list[str]:
    """Errors and warnings: the console's, uncaught exceptions, and the browser's own log."""
    said = [
        f"console.{e['type']}: {[a.get('value') for a in e['args']]}"
        for e in page.of("Runtime.consoleAPICalled")
        if e["type"] in ("error", "warning", "assert")
    ]
    said += [
        f"exception: {e['exceptionDetails'].get('text')}"
        for e in page.of("Runtime.exceptionThrown")
    ]
    said += [
        f"log {e['entry']['level']}: {e['entry']['text']}"
        for e in page.of("Log.entryAdded")
        if e["entry"]["level"] in ("error", "warning")
    ]
    return said


def requests(page: Page) -> list[str]:
    return [e["request"]["url"] for e in page.of("Network.requestWillBeSent")]


def scripts_run(page: Page, url: str) -> list[str]:
    """The SHA-256 (hex) of every script the page itself compiled (handlers included)."""
    return [e["hash"] for e in page.of("Debugger.scriptParsed") if e["url"] == url]


def own_script_hash() -> str:
    return hashlib.sha256(html.asset(html.SCRIPT).encode("utf-8")).hexdigest()


def select(page: Page, field: str, value: str) -> None:
    page.evaluate(
        f"""(() => {{ const s = document.getElementById({json.dumps("filter-" + field)});
        s.value = {json.dumps(value)};
        s.dispatchEvent(new Event("change", {{bubbles: true}})); }})()"""
    )


def listed(*args: str, ledger: Path = ADVERSARIAL) -> list[str]:
    run = invoke_claims("list", "-f", ledger, *args, "--format", "ids")
    assert run.exit_code == 0, run.output
    return [f"claim-{claim_id}" for claim_id in run.stdout.split()]


# --- loading, and what a hostile ledger can do ---------------------------------------


@pytest.mark.parametrize("name", ["sample", "adversarial", "hostile"])
def test_the_page_loads_from_a_file_with_no_console_error_and_no_request(
    open_page: Opener, pages: dict[str, Path], name: str
) -> None:
    page = open_page(name)
    settle(page)
    assert console_problems(page) == []
    assert requests(page) == [file_url(pages[name])]
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    # The script ran: the filters are shown and count the rows.
    claims = {"sample": SAMPLE_CLAIMS, "adversarial": len(load(ADVERSARIAL).claims), "hostile": 7}[
        name
    ]
    count = page.evaluate("document.getElementById('filter-count').textContent")
    assert count == f"{claims} of {claims} claims shown"


def test_a_hostile_ledger_runs_no_script_but_the_pages_own(
    open_page: Opener, pages: dict[str, Path]
) -> None:
    page = open_page("hostile")
    settle(page)
    url = file_url(pages["hostile"])
    assert scripts_run(page, url) == [own_script_hash()]
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 2  # the JSON-LD and the page's script
    handlers = page.evaluate(
        """[...document.querySelectorAll("*")].flatMap(e => [...e.attributes])
        .filter(a => a.name.startsWith("on") || /^\\s*javascript:/i.test(a.value))
        .map(a => a.name)"""
    )
    assert handlers == []
    assert console_problems(page) == [] and requests(page) == [url]
    # What the payloads say is on the page, as text.
    assert page.evaluate("document.title") == '</script><script>window.pwned = "script"</script>'


def test_a_hostile_ledger_adds_no_element_beyond_the_template(open_page: Opener) -> None:
    hostile = open_page("hostile").evaluate(ELEMENTS)
    twin = open_page("twin").evaluate(ELEMENTS)
    assert hostile == twin
    assert len(hostile) > 300


def test_the_policy_refuses_a_script_the_page_did_not_make(open_page: Opener) -> None:
    # Were markup ever to slip through, the CSP would still refuse to run it;
    # and the console check above would see the refusal.
    page = open_page("sample")
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend",
        '<img src="data:," onerror="window.pwned = 1">'
        + '<a id="x" href="javascript:window.pwned = 2">x</a>');
        document.getElementById("x").click()"""
    )
    settle(page)
    assert page.evaluate("typeof window.pwned") == "undefined"
    problems = console_problems(page)
    assert problems and all("Content Security Policy" in p for p in problems), problems


# --- the filters ---------------------------------------------------------------------


def test_typing_in_the_search_box_hides_the_rows_that_do_not_match(open_page: Opener) -> None:
    page = open_page("sample")
    page.evaluate("document.getElementById('filter-search').focus()")
    query = "TAJÍK  dushanbe"
    page.type_text(query)
    ledger = load(SAMPLE)
    shown_text = html._Page(ExportInput(ledger=ledger, claims=ledger.claims)).searched_text
    expected = [
        f"claim-{c.id}"
        for c in ledger.claims
        if all(word in fold(shown_text(c)) for word in fold(query).split())
    ]
    assert 1 < len(expected) < SAMPLE_CLAIMS
    assert page.evaluate(SHOWN_ROWS) == expected
    assert page.evaluate("document.getElementById('filter-count').textContent") == (
        f"{len(expected)} of {SAMPLE_CLAIMS} claims shown"
    )
    page.type_text(" nowhere")
    assert page.evaluate(SHOWN_ROWS) == []
    assert page.evaluate("document.getElementById('filter-count').textContent") == (
        f"0 of {SAMPLE_CLAIMS} claims shown"
    )


def test_the_filters_keep_the_claims_list_keeps(open_page: Opener) -> None:
    page = open_page("adversarial")
    select(page, "status", "refuted")
    assert page.evaluate(SHOWN_ROWS) == listed("--status", "refuted") != []
    select(page, "status", "")
    select(page, "tag", "budget")
    assert page.evaluate(SHOWN_ROWS) == listed("--tag", "budget")
    select(page, "confidence", "medium")
    both = listed("--tag", "budget", "--min-confidence", "medium", "--max-confidence", "medium")
    assert page.evaluate(SHOWN_ROWS) == both != []
    select(page, "tag", "")
    select(page, "confidence", "")
    assert page.evaluate(SHOWN_ROWS) == listed()


def test_the_filters_work_from_the_keyboard(open_page: Opener) -> None:
    page = open_page("sample")
    focused = []
    for _ in range(6):
        page.press("Tab", key_code=9)
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if focused[-1] == "filter-search":
            break
    assert focused == ["A", "filter-search"]  # the skip link, then the search box
    page.type_text("trade")
    searched = page.evaluate(SHOWN_ROWS)
    assert searched
    page.press("Tab", key_code=9)
    assert page.evaluate("document.activeElement.id") == "filter-status"
    page.press("Tab", key_code=9)
    assert page.evaluate("document.activeElement.id") == "filter-confidence"
    # Nobody has checked the sample's claims: the page shows no confidence for
    # them, and the filter's one choice is "not checked".
    page.press("ArrowDown", key_code=40)  # any -> not checked
    assert page.evaluate("document.activeElement.value") == "not-checked"
    assert page.evaluate(SHOWN_ROWS) == searched
    page.press("Tab", key_code=9)
    assert page.evaluate("document.activeElement.id") == "filter-tag"
    page.press("ArrowDown", key_code=40)  # any -> the first tag
    first_tag = page.evaluate("document.activeElement.value")
    shown = page.evaluate(SHOWN_ROWS)
    tagged = listed("--tag", first_tag, ledger=SAMPLE)
    assert shown == [row for row in searched if row in tagged]
    page.press("ArrowUp", key_code=38)
    assert len(page.evaluate(SHOWN_ROWS)) > len(shown)


def test_every_control_has_a_label(open_page: Opener) -> None:
    page = open_page("sample")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll("input, select")]
        .filter(c => c.labels.length === 0 || !c.labels[0].textContent.trim()).map(c => c.id)"""
    )
    assert unlabelled == []
    headings = page.evaluate("[...document.querySelectorAll('h1, h2')].map(h => h.textContent)")
    assert headings == [
        "Iran–Tajikistan ties: sample claims ledger",
        "Summary",
        "Claims",
        "Sources",
    ]


def test_without_javascript_the_page_shows_every_claim(open_page: Opener) -> None:
    page = open_page("sample", script=False)
    assert page.evaluate("document.getElementById('filters').getClientRects().length") == 0
    assert len(page.evaluate(SHOWN_ROWS)) == SAMPLE_CLAIMS


# --- anchors and the JSON-LD -----------------------------------------------------------


@pytest.mark.parametrize("name", ["sample", "adversarial"])
def test_every_anchor_of_the_page_resolves(open_page: Opener, name: str) -> None:
    page = open_page(name)
    targets = page.evaluate(
        """[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute("href"))"""
    )
    missing = page.evaluate(
        f"""{json.dumps(targets)}.filter(h => !document.getElementById(h.slice(1)))"""
    )
    assert targets and missing == []
    rows = page.evaluate("""[...document.querySelectorAll("#summary tbody a[href^='#claim-']")]
        .map(a => a.getAttribute("href"))""")
    ledger = load(SAMPLE if name == "sample" else ADVERSARIAL)
    assert rows == [f"#claim-{c.id}" for c in ledger.claims]
    # Following a row's link brings its claim to the top of the window (one in
    # the middle: the page may end before the last claim reaches the top).
    last = rows[len(rows) // 2]
    top = page.evaluate(
        f"""(() => {{ document.querySelector('#summary a[href="{last}"]').click();
        return [location.hash, Math.round(document.getElementById("{last[1:]}")
            .getBoundingClientRect().top)]; }})()"""
    )
    assert top[0] == last and abs(top[1]) <= 1


def test_the_embedded_json_ld_is_the_claimreview_export(
    open_page: Opener, pages: dict[str, Path]
) -> None:
    for name in ("hostile", "adversarial"):
        embedded = open_page(name).evaluate(
            """JSON.parse(document.querySelector('script[type="application/ld+json"]').text)"""
        )
        ledger = pages[name].with_suffix(".yaml") if name == "hostile" else ADVERSARIAL
        run = invoke_claims("export", "-F", "claimreview", "-f", ledger)
        assert embedded == json.loads(run.stdout) != []


# --- reading: contrast, print, narrow screens ---------------------------------------------

#: For each element with text of its own: tag, class, contrast ratio, whether
#: the text is large, and the relative luminance of what is behind it.
CONTRAST = """(() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const e of document.querySelectorAll("body *")) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || e.getClientRects().length === 0) continue;
    const style = getComputedStyle(e);
    const a = lum(rgb(style.color)), b = lum(behind(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const back = Math.round(b * 1000) / 1000;
    out.push([e.tagName, e.className, Math.round(ratio * 100) / 100, large, back]);
  }
  return out;
})()"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["sample", "adversarial"])
def test_text_contrast_passes_wcag_aa(open_page: Opener, name: str, scheme: str) -> None:
    page = open_page(name)
    page.emulate_media(color_scheme=scheme)
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(21, 23, 26)")
    measured = page.evaluate(CONTRAST)
    failing = [m for m in measured if m[2] < (3 if m[3] else 4.5)]
    assert measured and failing == []
    # The scheme holds everywhere: no light patch on a dark page, nor a dark one on a light.
    if scheme == "dark":
        assert [m for m in measured if m[4] > 0.05] == []
    else:
        assert [m for m in measured if m[4] < 0.5] == []
    # Every verdict's colours are among those measured (the adversarial ledger has them all).
    if name == "adversarial":
        verdicts = {m[1] for m in measured if m[1].startswith("verdict ")}
        assert len(verdicts) == 7


def test_the_print_stylesheet_prints_the_whole_report_with_link_addresses(
    open_page: Opener,
) -> None:
    page = open_page("adversarial")
    select(page, "status", "refuted")
    on_screen = len(page.evaluate(SHOWN_ROWS))
    page.emulate_media("print", color_scheme="dark")
    # Dark text on white paper, whatever the reader's screen prefers.
    colours = page.evaluate(
        """[getComputedStyle(document.body).color,
        getComputedStyle(document.documentElement).backgroundColor]"""
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert page.evaluate("document.getElementById('filters').getClientRects().length") == 0
    assert len(page.evaluate(SHOWN_ROWS)) == len(load(ADVERSARIAL).claims) > on_screen
    after = page.evaluate(
        """(() => { const a = document.querySelector('a[href^="http"]');
        return [a.getAttribute("href"), getComputedStyle(a, "::after").content]; })()"""
    )
    assert after[1] == json.dumps(f" <{after[0]}>")


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("name", ["sample", "adversarial", "hostile"])
def test_at_360_pixels_nothing_scrolls_sideways(open_page: Opener, name: str) -> None:
    page = open_page(name, width=360, height=740)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths == [360, 360]
    wider = page.evaluate(
        """[...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > 360.5)
        .filter(e => !e.closest("#summary thead"))  // clipped to a pixel, for screen readers
        .map(e => e.tagName)"""
    )
    assert wider == []
    shot = page.screenshot()
    assert _png_size(shot) == (360, 740)
    # The summary's rows are cards: the table's header row is moved out of sight.
    labels = page.evaluate(
        """getComputedStyle(document.querySelector("#summary td"), "::before").content"""
    )
    assert labels == '"Id: "'
