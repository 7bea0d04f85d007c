"""axe-core (the pinned npm package) finds no serious or critical violation on each page type."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "terms/",
    "terms/categories/",
    "terms/abbreviations/",
    "terms/nps/",
    "frameworks/",
    "frameworks/customer-experience-management-cycle/",
    "frameworks/customer-centric-company/",
    "calculators/",
    "calculators/nps/",
    "calculators/ces/",
    "assessments/cx/",
    "plan/abc/",
]


def violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the browser's debugging protocol, which the page's
    # Content-Security-Policy does not govern (a <script> tag with axe inline would be refused).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        })).violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }))"""
    )
    return [v for v in found if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violations(page: Page, site_url: str, prefix: str, path: str) -> None:
    page.goto(f"{site_url}{prefix}{path}")
    expect(page.locator("h1")).to_be_visible()
    assert violations(page) == []
