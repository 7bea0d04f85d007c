"""What the site needs besides the pages an engine renders, written into a built site folder.

The same functions serve the MkDocs build (``site.py`` calls them after the pages are written)
and ``motteruum postbuild SITE`` (any other engine): the runtime (Pyodide and the calculators
wheel), ``robots.txt``, redirect pages for former term ids, the open-data downloads and the
Content-Security-Policy for hosts (``_headers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from .csp import headers_file, page_hashes, policy, secured
from .exports import SiteUrls, downloads
from .glossary import Glossary
from .render import Language, Renderer
from .runtime import publish
from .seo import robots_txt


def write_text(site: Path, path: str, text: str) -> None:
    """``text`` at ``path`` of the site, as written (no newline translation)."""
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as file:
        file.write(text)


def publish_runtime(site: Path, project: Path) -> None:
    """Pyodide (from ``node_modules/pyodide``) and the calculators wheel, into the site."""
    publish(site, project / "node_modules" / "pyodide", project / "calculators")


def write_robots_txt(site: Path, site_url: str) -> None:
    """``robots.txt``, when the site is the root of its domain: crawlers read it from there
    only, so a site under a sub-path leaves it to the domain."""
    if not urlsplit(site_url or "/").path.strip("/"):
        write_text(site, "robots.txt", robots_txt(site_url))


def write_redirects(
    site: Path, glossary: Glossary, languages: Sequence[Language], site_url: str
) -> set[str]:
    """A redirect page, with its security policy, at every former term address of every
    language; return the hashes of their inline scripts."""
    hashes: set[str] = set()
    for path, html in Renderer(glossary, languages, site_url).redirects(site_url).items():
        html, found = secured(html)
        hashes.update(found)
        write_text(site, path, html)
    return hashes


def write_downloads(
    site: Path, glossary: Glossary, languages: Sequence[Language], site_url: str
) -> None:
    """The glossary as JSON, CSV, TBX and SKOS under ``downloads/``, citing the pages of
    ``languages`` at their prefixes under ``site_url``."""
    urls = SiteUrls.of(site_url, ((language.code, language.prefix) for language in languages))
    for path, text in downloads(glossary, urls).items():
        write_text(site, path, text)


def write_headers(site: Path, script_hashes: Iterable[str]) -> None:
    """``_headers``: the site's policy for hosts that send it as a header (all pages' hashes,
    and ``frame-ancestors``, which only a header can carry)."""
    write_text(site, "_headers", headers_file(policy(script_hashes, header=True)))


def site_hashes(site: Path) -> set[str]:
    """The hashes of the inline scripts of every HTML page in ``site``."""
    return {
        h for page in sorted(site.rglob("*.html")) for h in page_hashes(page.read_text("utf-8"))
    }
