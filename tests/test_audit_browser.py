"""The HTML audit of the shipped example, opened in a real headless Chromium (issue 15).

Debian's `chromium` and `chromium-driver` (installed by `.ci/run`), driven by Selenium
through /usr/bin/chromedriver; a fresh profile, no network features. The page is checked
as rendered: highlights, statuses, evidence on hover and on keyboard focus, no request
but the page itself, and escaping (a `<script>` in an article, a quote or a source title
shows as text and never runs). A screenshot is saved to $MESACHECK_ARTIFACTS (else the
test's tmp folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/mesa-optimization.md"
CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install '.[test]')"
)
if not (CHROMIUM.is_file() and DRIVER.is_file()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
        " apt-get install -y chromium chromium-driver",
        allow_module_level=True,
    )

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def mesacheck(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mesacheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("audit") / "example.html"
    made = mesacheck(["audit", "--no-cache", EXAMPLE, "--html", str(out)], ROOT)
    assert made.returncode == 0, made.stderr
    got = mesacheck(["audit", "--no-cache", EXAMPLE, "--format", "json"], ROOT)
    assert got.returncode == 0, got.stderr
    return out, json.loads(got.stdout)


def requests(driver: Any) -> list[str]:
    """The URLs the page asked for since the log was last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def open_page(driver: Any, page: Path) -> list[str]:
    driver.get_log("performance")  # drop what earlier pages did
    driver.get(page.as_uri())
    driver.find_element(By.TAG_NAME, "body")
    return requests(driver)


def shown_evidence(driver: Any) -> Any:
    """The evidence section the panel shows (exactly one)."""
    shown = driver.execute_script(
        "return [...document.querySelectorAll('#evidence .ev')]"
        ".filter(e => getComputedStyle(e).display !== 'none')"
    )
    assert len(shown) == 1, [e.get_attribute("id") for e in shown]
    assert shown[0].is_displayed()
    return shown[0]


def unescaped(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_every_figure_is_highlighted_once(browser: Any, example: tuple[Path, dict]) -> None:
    page, report = example
    open_page(browser, page)
    marks = browser.execute_script(
        """return [...document.querySelectorAll('[data-figure-id]')].map(m => [
          m.dataset.figureId, m.dataset.status, m.textContent,
          document.querySelectorAll('[data-cont="' + m.dataset.figureId + '"]').length])"""
    )
    assert len(marks) == len(report["figures"]) == report["summary"]["figures"] > 100
    assert [m[0] for m in marks] == [f["id"] for f in report["figures"]]
    for (_id, status, text, continued), f in zip(marks, report["figures"], strict=True):
        assert status == f["group"]
        if not continued:
            assert text == unescaped(f["text"])
    counts = {
        b.get_attribute("data-count"): int(b.text)
        for b in browser.find_elements(By.CSS_SELECTOR, "[data-count]")
    }
    assert counts == report["summary"]["by_group"]


def test_the_2500x_gap_is_a_disagreement_whose_evidence_shows_1520x(
    browser: Any, example: tuple[Path, dict]
) -> None:
    page, report = example
    open_page(browser, page)
    wanted = [f for f in report["figures"] if f["text"] == "2,500×"]
    assert len(wanted) == 3  # the article states it three times
    for f in wanted:
        mark = browser.find_element(By.CSS_SELECTOR, f'[data-figure-id="{f["id"]}"]')
        assert mark.get_attribute("data-status") == "disagrees"
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        ActionChains(browser).move_to_element(mark).perform()
        ev = shown_evidence(browser)
        assert ev.get_attribute("id") == f"ev-{f['id']}"
        expected = ev.find_element(By.CSS_SELECTOR, ".expected").text
        assert expected == "1,520×"
        assert "ai-safety-funding.disparity" in ev.text
        assert "$152B" in ev.text and "~$100M" in ev.text  # the formula's operands


def test_a_backed_figure_shows_its_source_title_and_quote(
    browser: Any, example: tuple[Path, dict]
) -> None:
    page, report = example
    open_page(browser, page)
    f = next(
        f
        for f in report["figures"]
        if f["group"] == "backed" and f["text"] == "12%" and f["sources"][0]["quote"]
    )
    source = f["sources"][0]
    mark = browser.find_element(By.CSS_SELECTOR, f'[data-figure-id="{f["id"]}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    ev = shown_evidence(browser)
    assert ev.get_attribute("id") == f"ev-{f['id']}"
    titles = [t.text for t in ev.find_elements(By.CSS_SELECTOR, "cite.source-title")]
    assert source["title"] in titles
    quotes = [q.text for q in ev.find_elements(By.TAG_NAME, "blockquote")]
    assert source["quote"] in quotes
    marked = ev.find_elements(By.CSS_SELECTOR, "blockquote mark.qv")
    assert marked and marked[0].text == "12%"  # the value is marked in the quote


def test_focusing_a_figure_by_keyboard_shows_its_evidence(
    browser: Any, example: tuple[Path, dict], tmp_path: Path
) -> None:
    page, report = example
    open_page(browser, page)
    browser.execute_script("window.scrollTo(0, 0)")
    focused = None
    for _ in range(40):  # past the filters to the first figures
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        if focused.get_attribute("data-figure-id"):
            break
    assert focused is not None
    first = focused.get_attribute("data-figure-id")
    assert first is not None
    by_id = {f["id"]: f for f in report["figures"]}
    ev = shown_evidence(browser)
    assert ev.get_attribute("id") == f"ev-{first}"
    assert unescaped(by_id[first]["text"]) in ev.text
    ActionChains(browser).send_keys(Keys.TAB).perform()
    following = browser.switch_to.active_element.get_attribute("data-figure-id")
    assert following == f"f{int(first[1:]) + 1}"  # the next figure, in reading order
    assert shown_evidence(browser).get_attribute("id") == f"ev-{following}"
    # the screenshot of the issue: the 2,500× figure focused, its evidence beside it
    gap = next(f for f in report["figures"] if f["text"] == "2,500×")
    mark = browser.find_element(By.CSS_SELECTOR, f'[data-figure-id="{gap["id"]}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    folder = Path(os.environ.get("MESACHECK_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "audit-example.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("MESACHECK_UPDATE_DOCS"):  # refresh the README's screenshot
        shutil.copyfile(shot, ROOT / "docs" / "audit.png")


def test_the_page_makes_no_request(browser: Any, example: tuple[Path, dict]) -> None:
    page, _report = example
    asked = open_page(browser, page)
    marks = browser.find_elements(By.CSS_SELECTOR, "[data-figure-id]")
    for m in marks[:5]:  # hovering shows evidence: still nothing fetched
        ActionChains(browser).move_to_element(m).perform()
    asked += requests(browser)
    assert asked == [page.as_uri()]
    policy = browser.find_element(
        By.CSS_SELECTOR, 'meta[http-equiv="Content-Security-Policy"]'
    ).get_attribute("content")
    assert policy.startswith("default-src 'none'")


def test_status_is_not_told_by_colour_alone_and_print_shows_all_evidence(
    browser: Any, example: tuple[Path, dict]
) -> None:
    page, report = example
    open_page(browser, page)
    icons = browser.execute_script(
        """const out = {};
        for (const m of document.querySelectorAll('mark[data-figure-id]')) {
          const s = m.dataset.status, icon = getComputedStyle(m, '::after').content;
          (out[s] = out[s] || new Set()).add(icon + ' ' + m.getAttribute('aria-label'));
        }
        return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));"""
    )
    used = {g for g, n in report["summary"]["by_group"].items() if n}
    assert set(icons) == used
    first = {g: v[0].split(" ")[0] for g, v in icons.items()}
    assert len(set(first.values())) == len(first)  # one icon per status
    assert all(i not in ("none", "normal", '""') for i in first.values())
    labels = {"disagrees": "(disagrees)", "backed": "(backed)", "stale": "(stale)"}
    for g, label in labels.items():  # and the status in words, for screen readers
        assert all(v.endswith(label) for v in icons[g])
    count = (
        "return [...document.querySelectorAll('#evidence .ev')]"
        ".filter(e => getComputedStyle(e).display !== 'none').length"
    )
    assert browser.execute_script(count) == 0  # on screen: only the one asked for
    # a filter takes a status's highlights (and their Tab stops) away, and gives them back
    backed = 'mark[data-figure-id][data-status="backed"]'
    look = (
        f"const m = document.querySelector('{backed}');"
        "return [getComputedStyle(m, '::after').content, m.tabIndex]"
    )
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="backed"]')
    box.click()
    assert browser.execute_script(look) == ["none", -1]
    box.click()
    assert browser.execute_script(look) == [first["backed"], 0]
    dates = "return [...document.querySelectorAll('mark[data-kind=\"date\"]')].map(m => m.tabIndex)"
    assert set(browser.execute_script(dates)) == {0}
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter-kind="date"]').click()
    assert set(browser.execute_script(dates)) == {-1}
    assert len(browser.execute_script(dates)) == report["summary"]["by_kind"]["date"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(count) == len(report["figures"])
        assert not browser.find_element(By.CSS_SELECTOR, ".filters").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


SCRIPT = "<script>window.__mc_pwned = {n}</script>"


def test_scripts_in_article_quote_and_title_show_as_text(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "evil.yaml").write_text(
        textwrap.dedent(
            f"""\
            claims:
              - id: evil.rate
                statement: "Rate of evil {SCRIPT.format(n=3)}"
                value: "42%"
                subject: [evil rate]
                sources:
                  - source: evil-source
                    quote: "we found 42% {SCRIPT.format(n=4)} of the time"
                    locator: "page 2 <img src=x onerror=window.__mc_pwned=7>"
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "sources" / "evil.yaml").write_text(
        textwrap.dedent(
            f"""\
            sources:
              - id: evil-source
                title: "{SCRIPT.format(n=5)} A Title"
                authors: ["Mallory <b onmouseover=window.__mc_pwned=8>M</b>"]
                year: 2024
                url: "javascript:window.__mc_pwned=9"
            """
        ),
        encoding="utf-8",
    )
    article = tmp_path / "evil.md"
    article.write_text(
        textwrap.dedent(
            f"""\
            # A title {SCRIPT.format(n=6)}

            The evil rate is 42% <!-- claim: evil.rate --> and {SCRIPT.format(n=10)} more.

            {SCRIPT.format(n=1)}

            <img src="http://127.0.0.1:9/x.png" onerror="window.__mc_pwned = 2">

            ![a chart of 12% growth](http://127.0.0.1:9/chart.png)

            [a link](javascript:window.__mc_pwned=11) and <http://127.0.0.1:9/auto>.
            """
        ),
        encoding="utf-8",
    )
    out = tmp_path / "evil.html"
    made = mesacheck(["audit", "--no-cache", "evil.md", "--html", str(out)], tmp_path)
    assert made.returncode == 0, made.stderr
    got = mesacheck(["audit", "--no-cache", "evil.md", "--format", "json"], tmp_path)
    report = json.loads(got.stdout)
    asked = open_page(browser, out)
    fig = next(f for f in report["figures"] if f["text"] == "42%")
    assert fig["claim"] == "evil.rate" and fig["group"] == "backed"
    mark = browser.find_element(By.CSS_SELECTOR, f'[data-figure-id="{fig["id"]}"]')
    ActionChains(browser).move_to_element(mark).perform()
    for m in browser.find_elements(By.CSS_SELECTOR, "main a, .ev.active .authors"):
        if m.is_displayed():
            ActionChains(browser).move_to_element(m).perform()
    asked += requests(browser)
    assert browser.execute_script("return typeof window.__mc_pwned") == "undefined"
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1  # the page's own
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, aside img, b[onmouseover]")
    text = browser.find_element(By.TAG_NAME, "main").text
    for n in (1, 6, 10):
        assert SCRIPT.format(n=n) in text
    ev = shown_evidence(browser)
    assert SCRIPT.format(n=3) in ev.text  # the statement
    assert SCRIPT.format(n=5) + " A Title" in ev.find_element(By.CSS_SELECTOR, "cite").text
    assert f"we found 42% {SCRIPT.format(n=4)} of the time" in ev.text
    assert ev.find_element(By.CSS_SELECTOR, "mark.qv").text == "42%"
    assert not ev.find_elements(By.CSS_SELECTOR, 'a[href^="javascript"]')
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript"]')
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-figure-id]")) == len(report["figures"])
    assert asked == [out.as_uri()]
