"""Home → a framework → a term it mentions → back to the framework through "where used"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("prefix", "frameworks", "framework", "term", "where_used"),
    [
        ("", "Raamistikud", "Suhte kvaliteet", "Usaldus", "Kus kasutatakse"),
        ("en/", "Frameworks", "Relationship quality", "Trust", "Where used"),
    ],
)
def test_home_framework_term_and_back(
    page: Page,
    site_url: str,
    prefix: str,
    frameworks: str,
    framework: str,
    term: str,
    where_used: str,
) -> None:
    page.goto(f"{site_url}{prefix}")
    page.locator("article").get_by_role("link", name=frameworks, exact=True).click()
    expect(page).to_have_url(f"{site_url}{prefix}frameworks/")
    page.locator("article").get_by_role("link", name=framework, exact=True).click()
    expect(page).to_have_url(f"{site_url}{prefix}frameworks/relationship-quality/")
    expect(page.locator("figure.mr-diagram svg")).to_be_visible()

    page.locator("#levels + ul").get_by_role("link", name=term, exact=True).click()
    expect(page).to_have_url(f"{site_url}{prefix}terms/trust/")
    expect(page.locator("#where-used")).to_have_text(re.compile(f"^{where_used}"))

    page.locator("#where-used + ul").get_by_role("link", name=framework).click()
    expect(page).to_have_url(f"{site_url}{prefix}frameworks/relationship-quality/#levels")
    expect(page.locator("h1")).to_have_text(re.compile(f"^{framework}"))


def test_diagram_boxes_link_to_terms(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}frameworks/relationship-quality/")
    page.locator("figure.mr-diagram a").first.click()
    expect(page).to_have_url(f"{site_url}terms/satisfaction/")
