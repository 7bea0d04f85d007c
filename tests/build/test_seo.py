"""What search engines read: the language alternates of each page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.build.test_site import SITE_URL

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page of the site by its folder, without the redirect pages of former ids."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        if "assets" in path.parts:
            continue
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if html.select_one('meta[http-equiv="refresh"]') is None:
            found[str(path.parent.relative_to(site))] = html
    return found


def test_language_alternates_are_in_the_sitemap_not_in_each_head(built_site: Path) -> None:
    for path, html in pages(built_site).items():
        assert html.head.select("link[hreflang]") == [], path
        assert html.select("a.md-select__link[hreflang]"), path
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{SITE_URL}en/terms/nps/"' in sitemap
