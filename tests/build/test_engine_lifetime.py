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


POST_BUILD = ("assets/pyodide", "downloads", "robots.txt", "_headers")


def test_postbuild_adds_what_the_build_adds(built_site: Path, tmp_path: Path) -> None:
    """``motteruum postbuild SITE`` writes for any engine what the MkDocs build writes after
    the pages: the same files, the same bytes."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for name in POST_BUILD:
        target = site / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "motteruum.cli", "postbuild", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in POST_BUILD:
        made, built = site / name, built_site / name
        files = sorted(p.relative_to(built) for p in built.rglob("*")) if built.is_dir() else [None]
        for part in files:
            a, b = (made / part, built / part) if part else (made, built)
            if b.is_file():
                assert a.read_bytes() == b.read_bytes(), a
