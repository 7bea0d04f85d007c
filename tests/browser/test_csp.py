"""Every kind of page works under the site's Content-Security-Policy sent as a header, as
README tells hosts to send it (the policy of ``_headers``), on top of each page's own <meta>:
no violation, no console error, and the things that run scripts really run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.conftest import guarded
from tests.browser.test_search import open_search, results
from tests.conftest import serve

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 60_000
#: Collects the page's policy violations (the event fires on the document that was blocked).
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def header_of(site: Path) -> str:
    text = (site / "_headers").read_text(encoding="utf-8")
    match = re.search(r"Content-Security-Policy: (.+)", text)
    assert match is not None, text
    return match.group(1).strip()


@pytest.fixture(scope="module")
def strict_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site, {"Content-Security-Policy": header_of(built_site)})


@pytest.fixture(scope="module")
def strict_renamed_url(renamed_site: Path) -> Iterator[str]:
    yield from serve(renamed_site, {"Content-Security-Policy": header_of(renamed_site)})


#: What a 404 page's own response writes to the console, expected where a test visits one.
NOT_FOUND = "the server responded with a status of 404"


@pytest.fixture
def strict_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    expects_404 = "404" in request.node.name
    context = browser.new_context(locale="et-EE")
    context.add_init_script(REPORT_VIOLATIONS)
    problems: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if expects_404 and NOT_FOUND in message.text:
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    for tab in guarded(context):
        tab.on("console", note)
        yield tab
        problems += tab.evaluate("window.__violations") if not tab.is_closed() else []
        assert problems == [], problems


def settle(page: Page) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_reading_pages_under_the_policy(strict_page: Page, strict_url: str, prefix: str) -> None:
    for path in ("", "terms/", "terms/nps/", "frameworks/customer-centric-company/"):
        response = strict_page.goto(f"{strict_url}{prefix}{path}")
        assert response is not None and response.headers["content-security-policy"]
        expect(strict_page.locator("h1").first).to_be_visible()
        settle(strict_page)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_calculator_runs_python_under_the_policy(
    strict_page: Page, strict_url: str, prefix: str
) -> None:
    strict_page.goto(f"{strict_url}{prefix}calculators/nps/")
    root = strict_page.locator("[data-calculator=nps]")
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    root.locator("input[name=mode][value=counts]").check()
    root.locator("input[name=promoters]").fill("80")
    root.locator("input[name=passives]").fill("30")
    root.locator("input[name=detractors]").fill("40")
    expect(root.locator('[data-output="n"]')).to_have_text("150")
    settle(strict_page)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_self_assessment_and_crossword_under_the_policy(
    strict_page: Page, strict_url: str, prefix: str
) -> None:
    strict_page.goto(f"{strict_url}{prefix}assessments/cx/")
    widget = strict_page.locator("[data-assessment]")
    expect(widget).to_be_visible()
    widget.locator("input[type=radio]").first.check()
    settle(strict_page)
    strict_page.goto(f"{strict_url}{prefix}crossword/")
    crossword = strict_page.locator("[data-crossword]")
    expect(crossword).to_have_attribute("data-state", "ready")
    settle(strict_page)


@pytest.mark.parametrize(
    ("lang", "query", "term"), [("et", "lojaalsust", "loyalty"), ("en", "loyalty", "loyalty")]
)
def test_search_under_the_policy(
    strict_page: Page, strict_url: str, lang: str, query: str, term: str
) -> None:
    box = open_search(strict_page, strict_url, lang)
    found = results(strict_page, box, query)
    assert f"/{'en/' if lang == 'en' else ''}terms/{term}/" in found[:3]
    settle(strict_page)


def test_404_page_under_the_policy(strict_page: Page, strict_url: str) -> None:
    response = strict_page.goto(f"{strict_url}en/terms/NOWHERE/")
    assert response is not None
    expect(strict_page.locator("article h1")).to_have_text("Page not found")
    settle(strict_page)


def test_a_redirect_keeps_query_and_section_under_the_policy(
    strict_page: Page, strict_renamed_url: str
) -> None:
    strict_page.goto(f"{strict_renamed_url}en/terms/net-promoter/?from=qr#definition")
    expect(strict_page).to_have_url(f"{strict_renamed_url}en/terms/nps/?from=qr#definition")
    settle(strict_page)


@pytest.fixture(scope="module")
def hashless_url(built_site: Path) -> Iterator[str]:
    policy = re.sub(r" 'sha256-[^']+'", "", header_of(built_site))
    yield from serve(built_site, {"Content-Security-Policy": policy})


def test_the_detector_sees_a_blocked_inline_script(browser: Browser, hashless_url: str) -> None:
    """The checks above can fail: without the hashes, the theme's inline scripts are refused
    and the page reports it."""
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.goto(f"{hashless_url}terms/nps/")
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__violations")
    context.close()
    assert violations and all(v.startswith("script-src") for v in violations)
