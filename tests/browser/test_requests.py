"""Every request a page makes finds its file, and nothing is written to the console as an error.

Material's script once fetched ``sitemap.xml`` next to every language alternate of the page
(``terms/nps/sitemap.xml``): two 404s and two console errors on every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response

pytestmark = pytest.mark.browser

PAGES = ["terms/nps/", "en/terms/nps/", "calculators/nps/", "en/calculators/nps/", "", "en/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_request_fails_and_the_console_stays_clean(page: Page, site_url: str, path: str) -> None:
    failed: list[str] = []
    errors: list[str] = []

    def answered(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def logged(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("response", answered)
    page.on("console", logged)
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.goto(site_url + path, wait_until="networkidle")
    assert failed == []
    assert errors == []
