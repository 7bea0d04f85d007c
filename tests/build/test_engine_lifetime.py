"""The site builds the same with ProperDocs, the maintained fork of MkDocs 1.x, as with MkDocs:
the way to keep the stack alive when MkDocs 1.x and Material reach their end (README, "Stack
and its lifetime")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

pytestmark = pytest.mark.build


def main_content(page: Path) -> str:
    """A page's ``<article>``: everything the site itself puts on the page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    return "" if article is None else str(article)


def test_properdocs_builds_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "properdocs"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert len(pages) > 200
    different = [str(p) for p in pages if main_content(built_site / p) != main_content(site / p)]
    assert different == []
    generator = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert "ProperDocs" in generator.select_one('meta[name="generator"]')["content"]
    for name in ("sitemap.xml", "search/search_index.json", "downloads/glossary.tbx"):
        assert (site / name).read_bytes() == (built_site / name).read_bytes(), name
