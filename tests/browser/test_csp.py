"""Every kind of page works under the site's Content-Security-Policy sent as a header, as
README tells hosts to send it (the policy of ``_headers``), on top of each page's own <meta>:
no violation, no console error, and the things that run scripts really run.

Violations are seen three ways: the page's ``securitypolicyviolation`` events, the console
(the page's and its workers'), and the reports the browser posts to the test server
(``report-uri``, added to the header here only): a worker's violation (Pyodide's, the search's)
reaches neither the page's events nor, when the worker catches the error, the console."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.conftest import guarded
from tests.browser.test_search import open_search, results
from tests.conftest import _QuietHandler, _Server

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 60_000
PREFIX = {"et": "", "en": "en/"}
#: Where the browser posts its reports of violations, on the test server.
REPORTS = "/__csp-report"
#: Collects the page's policy violations (the event fires on the document that was blocked).
REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""
#: A violation as the browser reports it (the body of its POST is {"csp-report": {…}}).
Report = dict[str, object]
#: How the browser words a violation in the console (page or worker), in any case.
VIOLATION_TEXT = re.compile(r"content security policy|refused to", re.IGNORECASE)
#: What a 404 page's own response writes to the console, expected where a test visits one.
NOT_FOUND = "the server responded with a status of 404"


def header_of(site: Path) -> str:
    """The policy the build wrote into ``_headers`` for hosts."""
    text = (site / "_headers").read_text(encoding="utf-8")
    match = re.search(r"Content-Security-Policy: (.+)", text)
    assert match is not None, text
    return match.group(1).strip()


class Host:
    """The built site served as README tells hosts to: the policy of ``_headers`` on every
    response, reporting violations to the server itself."""

    #: The sites being served: a page's violation may be reported to any of them.
    live: ClassVar[list[Host]] = []

    def __init__(self, site: Path, header: str) -> None:
        self.reports: list[dict[str, Report]] = []
        self.header = f"{header}; report-uri {REPORTS}"
        handler = type(
            "_PolicyHandler", (_PolicyHandler,), {"header": self.header, "reports": self.reports}
        )
        self.server = _Server(("127.0.0.1", 0), partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def serve(self) -> Iterator[Host]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        Host.live.append(self)
        yield self
        Host.live.remove(self)
        self.server.shutdown()
        self.server.server_close()


class _PolicyHandler(_QuietHandler):
    header: ClassVar[str] = ""
    reports: ClassVar[list[dict[str, Report]]] = []

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.header)
        super().end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == REPORTS:
            self.reports.append(json.loads(body))
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def host(built_site: Path) -> Iterator[Host]:
    yield from Host(built_site, header_of(built_site)).serve()


@pytest.fixture(scope="module")
def renamed_host(renamed_site: Path) -> Iterator[Host]:
    yield from Host(renamed_site, header_of(renamed_site)).serve()


class Watch:
    """A page under the policy, and what was said about the policy while it was open: console
    lines, the page's events and the reports every served site received."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []

    def violations(self) -> list[str]:
        found = list(self.console)
        if not self.page.is_closed():
            found += self.page.evaluate("window.__violations || []")
        for host in Host.live:
            found += [json.dumps(report) for report in host.reports]
        return found


@pytest.fixture
def watch(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Watch]:
    """A page that fails its test on any violation of the policy or any console error."""
    expects_404 = "404" in request.node.name
    context = browser.new_context(locale="et-EE", accept_downloads=True)
    context.add_init_script(REPORT_VIOLATIONS)
    for host in Host.live:
        host.reports.clear()
    console: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if expects_404 and NOT_FOUND in message.text:
            return
        if message.type == "error" or VIOLATION_TEXT.search(message.text):
            console.append(f"{message.type}: {message.text}")

    for tab in guarded(context):
        watch = Watch(tab)
        watch.console = console
        tab.on("console", note)
        yield watch
        settle(tab)
        tab.wait_for_timeout(300)  # a report is posted a moment after its violation
        assert watch.violations() == []


def settle(page: Page) -> None:
    if not page.is_closed():
        page.wait_for_load_state("load")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_reading_pages_under_the_policy(watch: Watch, host: Host, lang: str) -> None:
    page = watch.page
    for path in ("", "terms/", "terms/nps/", "frameworks/customer-centric-company/"):
        response = page.goto(f"{host.url}{PREFIX[lang]}{path}")
        assert response is not None
        assert response.headers["content-security-policy"] == host.header
        expect(page.locator("h1").first).to_be_visible()
        settle(page)
        assert watch.violations() == [], path


@pytest.mark.parametrize("lang", ["et", "en"])
def test_calculator_runs_python_under_the_policy(watch: Watch, host: Host, lang: str) -> None:
    page = watch.page
    page.goto(f"{host.url}{PREFIX[lang]}calculators/nps/")
    root = page.locator("[data-calculator=nps]")
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    root.locator("input[name=mode][value=counts]").check()
    root.locator("input[name=promoters]").fill("80")
    root.locator("input[name=passives]").fill("30")
    root.locator("input[name=detractors]").fill("40")
    expect(root.locator('[data-output="n"]')).to_have_text("150")
    expect(root.locator('[data-output="score"]')).to_have_text(re.compile(r"^26[.,]7$"))


@pytest.mark.parametrize("lang", ["et", "en"])
def test_survey_workbench_runs_under_the_policy(watch: Watch, host: Host, lang: str) -> None:
    """The sample survey analysed by Python, and its chart downloaded as SVG."""
    page = watch.page
    page.goto(f"{host.url}{PREFIX[lang]}calculators/survey/")
    root = page.locator("[data-analysis=survey]")
    expect(root).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT)
    root.locator("[data-sample-button]").click()
    expect(root).to_have_attribute("data-state", "done", timeout=ENGINE_TIMEOUT)
    expect(root.locator("[data-output=segments] tbody tr")).to_have_count(5)
    with page.expect_download() as download:
        root.locator("[data-export-svg]").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_self_assessment_and_crossword_under_the_policy(
    watch: Watch, host: Host, lang: str
) -> None:
    page = watch.page
    page.goto(f"{host.url}{PREFIX[lang]}assessments/cx/")
    widget = page.locator("[data-assessment]")
    expect(widget).to_be_visible()
    widget.locator("input[type=radio]").first.check()
    settle(page)
    page.goto(f"{host.url}{PREFIX[lang]}crossword/")
    expect(page.locator("[data-crossword]")).to_have_attribute("data-state", "ready")


@pytest.mark.parametrize(
    ("lang", "query", "term"), [("et", "lojaalsust", "loyalty"), ("en", "loyalty", "loyalty")]
)
def test_search_under_the_policy(
    watch: Watch, host: Host, lang: str, query: str, term: str
) -> None:
    box = open_search(watch.page, host.url, lang)
    found = results(watch.page, box, query)
    assert f"/{PREFIX[lang]}terms/{term}/" in found[:3]


@pytest.mark.parametrize(("lang", "title"), [("et", "Lehte ei leitud"), ("en", "Page not found")])
def test_404_page_under_the_policy(watch: Watch, host: Host, lang: str, title: str) -> None:
    response = watch.page.goto(f"{host.url}{PREFIX[lang]}terms/NOWHERE/")
    assert response is not None and response.status == 404
    expect(watch.page.locator("article h1")).to_have_text(title)


@pytest.mark.parametrize("lang", ["et", "en"])
def test_a_redirect_keeps_query_and_section_under_the_policy(
    watch: Watch, renamed_host: Host, lang: str
) -> None:
    base = f"{renamed_host.url}{PREFIX[lang]}terms/"
    watch.page.goto(f"{base}net-promoter/?x=1#definition")
    expect(watch.page).to_have_url(f"{base}nps/?x=1#definition")
    expect(watch.page.locator("#definition")).to_be_visible()


# --- the checks above can fail ------------------------------------------------------------


def weakened(site: Path, source: str) -> Iterator[Host]:
    """The site served with a header without the sources that match ``source``."""
    header = header_of(site)
    assert re.search(source, header), header
    yield from Host(site, re.sub(f" {source}", "", header)).serve()


@pytest.fixture(scope="module")
def hashless_host(built_site: Path) -> Iterator[Host]:
    yield from weakened(built_site, "'sha256-[^']+'")


@pytest.fixture(scope="module")
def wasmless_host(built_site: Path) -> Iterator[Host]:
    yield from weakened(built_site, "'wasm-unsafe-eval'")


def reports_from(page: Page, host: Host, document: str) -> list[Report]:
    """The reports the server has received from ``document`` (a page or a worker script),
    waiting a few seconds for the first."""
    for _ in range(50):
        found = [
            report["csp-report"]
            for report in host.reports
            if str(report["csp-report"]["document-uri"]).split("?")[0].endswith(document)
        ]
        if found:
            return found
        page.wait_for_timeout(100)
    return []


def test_the_checks_see_a_refused_inline_script(browser: Browser, hashless_host: Host) -> None:
    """Without the hashes in the header, the theme's inline scripts are refused, and the page
    and the server both hear of it."""
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.goto(f"{hashless_host.url}terms/nps/")
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__violations")
    reports = reports_from(page, hashless_host, "/terms/nps/")
    context.close()
    assert violations and all(v.startswith("script-src") for v in violations)
    assert reports and {r["violated-directive"] for r in reports} == {"script-src-elem"}


def test_the_checks_see_a_refused_worker(browser: Browser, wasmless_host: Host) -> None:
    """Without 'wasm-unsafe-eval', Pyodide cannot compile its WebAssembly in the calculator's
    worker: the calculator says so, and the server gets the worker's report, which the page's
    own events never see."""
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.goto(f"{wasmless_host.url}calculators/nps/")
    root = page.locator("[data-calculator=nps]")
    expect(root).to_have_attribute("data-state", "error", timeout=ENGINE_TIMEOUT)
    page_events = page.evaluate("window.__violations")
    reports = reports_from(page, wasmless_host, "/assets/javascripts/calculator-worker.js")
    context.close()
    assert reports and page_events == []
