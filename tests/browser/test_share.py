"""Trainers copy a link to a page or a section, or show the page as a QR code."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PUBLIC_URL

pytestmark = pytest.mark.browser


def test_copy_page_and_section_links(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}en/terms/nps/")
    page.get_by_role("button", name="Copy the link to this page").click()
    expect(page.locator("[data-share-status]")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}en/terms/nps/"
    page.locator("#definition .headerlink").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}en/terms/nps/#definition"


def test_qr_code_shows_the_public_address(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}terms/nps/")
    page.get_by_text("Näita QR-koodi").click()
    qr = page.locator(".mr-share__qr svg.mr-qr")
    expect(qr).to_be_visible()
    expect(page.locator(".mr-share__qr figcaption")).to_have_text(f"{PUBLIC_URL}terms/nps/")
    assert qr.bounding_box()["width"] > 200  # big enough to scan from a projected slide
