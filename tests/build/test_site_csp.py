"""Every HTML file of the built site carries its Content-Security-Policy, and the policy's
hashes are those of exactly its inline scripts, found here by a real HTML parser; the header
for hosts (``_headers``) holds every page's."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

CONSTANT = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:; worker-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)
DATA = {"application/json", "application/ld+json"}


def expected_hashes(soup: BeautifulSoup) -> set[str]:
    hashes = set()
    for script in soup.find_all("script"):
        if script.get("src") or script.get("type", "").lower() in DATA:
            continue
        digest = hashlib.sha256(script.string.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def check_site(site: Path) -> set[str]:
    """Check every page of ``site``; the hashes of them all."""
    every: set[str] = set()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, path
        assert metas[0].parent.name == "head", path
        hashes = expected_hashes(soup)
        suffix = "".join(f" {h}" for h in sorted(hashes))
        assert metas[0]["content"] == CONSTANT.format(hashes=suffix), path
        # before every script of the page, so that none runs outside the policy
        assert text.index("Content-Security-Policy") < text.find("<script") or "<script" not in text
        every |= hashes
    return every


def header(site: Path) -> str:
    match = re.fullmatch(r"/\*\n  Content-Security-Policy: (.+)\n", (site / "_headers").read_text())
    assert match is not None
    return match.group(1)


def test_every_page_has_the_policy_of_its_own_scripts(built_site: Path) -> None:
    every = check_site(built_site)
    suffix = "".join(f" {h}" for h in sorted(every))
    assert header(built_site) == CONSTANT.format(hashes=suffix) + "; frame-ancestors 'self'"
    # the theme's page setup (one per folder depth), palette and tabs, the eager calculators'
    # start: a handful, whatever the number of pages
    assert 4 <= len(every) <= 12


def test_all_redirect_pages_share_one_script(renamed_site: Path) -> None:
    every = check_site(renamed_site)
    redirects = [
        renamed_site / prefix / "terms" / "net-promoter" / "index.html" for prefix in ("", "en")
    ]
    hashes = {
        h
        for page in redirects
        for h in expected_hashes(BeautifulSoup(page.read_text(), "html.parser"))
    }
    assert len(hashes) == 1 and hashes <= every
    assert (
        header(renamed_site)
        == CONSTANT.format(hashes="".join(f" {h}" for h in sorted(every)))
        + "; frame-ancestors 'self'"
    )
