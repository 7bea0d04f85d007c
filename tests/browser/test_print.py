"""Term and framework pages print cleanly: no navigation, source addresses written out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["terms/nps/", "en/frameworks/voice-of-the-customer-methods/"])
def test_print_view(page: Page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}{path}")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    source = page.locator('#sources ~ ul a[href^="http"]').first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert after.startswith('" (http')
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
