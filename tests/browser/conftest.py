"""Playwright driving Debian's chromium; every test fails if the page asks anything off-site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    sync_playwright,
)

from bench.harness import CHROMIUM, FLAGS
from tests.conftest import serve


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def renamed_site_url(renamed_site: Path) -> Iterator[str]:
    yield from serve(renamed_site)


def guarded(context: BrowserContext) -> Iterator[Page]:
    """A page of ``context``; requests leaving the site are blocked and fail the test, and so
    does any uncaught error in the page."""
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1" or request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"uncaught errors in the page: {errors}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop page (see :func:`guarded`)."""
    yield from guarded(browser.new_context(locale="et-EE"))


@pytest.fixture
def touch_page(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized page with a touch screen (see :func:`guarded`)."""
    context = browser.new_context(
        locale="et-EE", has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800}
    )
    yield from guarded(context)
