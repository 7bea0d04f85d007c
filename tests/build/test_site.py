"""Build the real site in both languages with --strict and check what a reader gets."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from motteruum.loader import load_glossary
from tests.conftest import LANGUAGES, PUBLIC_URL, ROOT, copy_project, mkdocs, term_yaml

pytestmark = pytest.mark.build

ESTONIAN_ORDER = "A B C D E F G H I J K L M N O P Q R S Š Z Ž T U V W Õ Ä Ö Ü X Y".split()
PREFIX = {"et": "", "en": "en/"}
SITE_URL = PUBLIC_URL


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def heading(html: Any, selector: str = "h1") -> str:
    """A heading's text without its permalink (``html`` is a page or the heading itself)."""
    element = html if html.name == selector else html.select_one(selector)
    assert element is not None
    return "".join(str(s) for s in element.find_all(string=True) if s.parent.name != "a").strip()


def glossary_terms() -> list[str]:
    return [t.id for t in load_glossary(ROOT / "glossary", LANGUAGES, calculators=_calcs()).terms]


def _calcs() -> set[str]:
    folder = ROOT / "docs" / "calculators"
    return {p.name.split(".")[0] for p in folder.glob("*.md")} - {"index"}


def test_every_term_has_a_page_in_both_languages(built_site: Path) -> None:
    glossary = load_glossary(ROOT / "glossary", LANGUAGES, calculators=_calcs())
    for term in glossary.terms:
        for lang in LANGUAGES:
            html = page(built_site, f"{PREFIX[lang]}terms/{term.id}")
            assert html.html is not None and html.html["lang"] == lang
            assert heading(html) == term.text(lang).term
            assert html.select_one("h1")["id"] == "term"
            title = html.find("title")
            assert title is not None and title.get_text().startswith(term.text(lang).term)
            for anchor in ("definition", "other-languages"):
                assert html.find(id=anchor) is not None, (term.id, lang, anchor)


def test_index_letters_follow_estonian_order(built_site: Path) -> None:
    html = page(built_site, "terms")
    headings = [heading(h2, "h2") for h2 in html.select("article h2[id^=letter-]")]
    assert headings, "the index has letter groups"
    positions = [ESTONIAN_ORDER.index(letter) for letter in headings]
    assert positions == sorted(positions)
    jump = [a["href"] for a in html.select("nav.mr-letters a")]
    assert jump == [f"#{h2['id']}" for h2 in html.select("article h2[id^=letter-]")]


def test_index_links_every_term_in_both_languages(built_site: Path) -> None:
    for lang in LANGUAGES:
        base = f"/{PREFIX[lang]}terms/"
        html = page(built_site, f"{PREFIX[lang]}terms")
        linked = {
            urljoin(base, a["href"]) for a in html.select("article ul:not(.mr-downloads) li a")
        }
        assert linked == {f"{base}{term_id}/" for term_id in glossary_terms()}


def test_category_and_abbreviation_pages(built_site: Path) -> None:
    for lang in LANGUAGES:
        categories = page(built_site, f"{PREFIX[lang]}terms/categories")
        assert categories.find(id="measurement") is not None
        abbreviations = page(built_site, f"{PREFIX[lang]}terms/abbreviations")
        cells = [row.find("td").get_text(strip=True) for row in abbreviations.select("tbody tr")]
        assert {"CX", "EX", "NPS", "eNPS", "CEM", "CRM", "UX"} <= set(cells)


def test_language_switcher_lands_on_the_same_page(built_site: Path) -> None:
    for term_id in glossary_terms():
        for lang, other in (("et", "en"), ("en", "et")):
            path = f"/{PREFIX[lang]}terms/{term_id}/"
            html = page(built_site, path.strip("/"))
            link = html.select_one(f"a.md-select__link[hreflang={other}]")
            assert link is not None
            assert urljoin(path, link["href"]) == f"/{PREFIX[other]}terms/{term_id}/"


def test_sitemap_lists_every_page_with_its_alternate(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    site_url = SITE_URL
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    pages = set()
    for path in built_site.rglob("index.html"):
        if "assets" not in path.parts:
            folder = path.parent.relative_to(built_site).as_posix()
            pages.add(site_url + ("" if folder == "." else f"{folder}/"))
    assert set(entries) == pages
    for term_id in glossary_terms():
        et, en = f"{site_url}terms/{term_id}/", f"{site_url}en/terms/{term_id}/"
        assert entries[et] == {"et": et, "en": en}
        assert entries[en] == {"et": et, "en": en}


def test_build_is_deterministic(built_site: Path, tmp_path: Path) -> None:
    """The same sources give the same bytes on any day: the second build runs with its clock
    (MkDocs' build date) set to another year."""
    again = tmp_path / "again"
    result = mkdocs(
        "build", "--strict", "--site-dir", str(again), env={"SOURCE_DATE_EPOCH": "946684800"}
    )
    assert result.returncode == 0, result.stderr
    compared = filecmp.dircmp(built_site, again)
    differing: list[str] = []

    def collect(cmp: filecmp.dircmp[str], prefix: str) -> None:
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors)
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            collect(sub, f"{prefix}{name}/")

    collect(compared, "")
    # sitemap.xml.gz carries the gzip time stamp MkDocs writes; everything else is identical
    assert [d for d in differing if d != "sitemap.xml.gz"] == []


def test_no_page_names_a_local_address(built_site: Path) -> None:
    """A default build names the public address everywhere, never the machine that built it."""
    local = re.compile(r"127\.0\.0\.1|localhost|0\.0\.0\.0")
    found = [
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*")
        if path.suffix in {".html", ".xml", ".txt", ".json", ".csv", ".tbx", ".ttl", ".js"}
        and local.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []
    assert f"<loc>{PUBLIC_URL}terms/nps/</loc>" in (built_site / "sitemap.xml").read_text()


def test_sitemap_dates_come_from_the_commits(built_site: Path) -> None:
    """Each page's lastmod is the date of the last commit that changed its source."""
    import subprocess

    def committed(path: str) -> str:
        return subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    sitemap = (built_site / "sitemap.xml").read_text()
    for loc, path in (
        (f"{SITE_URL}terms/nps/", "glossary/terms/nps.yml"),
        (f"{SITE_URL}en/frameworks/competencies/", "glossary/frameworks/competencies.yml"),
        (f"{SITE_URL}en/calculators/nps/", "docs/calculators/nps.en.md"),
    ):
        entry = sitemap[sitemap.index(f"<loc>{loc}</loc>") :].split("</url>")[0]
        date = committed(path)
        assert date and f"<lastmod>{date}</lastmod>" in entry, (loc, date)


def test_sub_path_deployment(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "SITE_URL": "https://example.org/kb/"}
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "<loc>https://example.org/kb/en/terms/nps/</loc>" in (site / "sitemap.xml").read_text()
    html = (site / "en" / "terms" / "nps" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    internal = [a["href"] for a in soup.select("a[href^='/']")]
    assert internal == [], "links must be relative so the site works under any sub-path"
    # crawlers read robots.txt at the root of the domain only: a sub-path site leaves it out
    assert not (site / "robots.txt").exists()


def test_broken_sources_stop_the_build_with_every_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    terms = project / "glossary" / "terms"
    (terms / "nps.yml").write_text(term_yaml(related="[nps, nothing]"), encoding="utf-8")
    (terms / "Bad Name.yml").write_text("category: [\n", encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "glossary/terms/nps.yml:12:11: related[0]: a term cannot be related to itself" in output
    assert "glossary/terms/nps.yml:12:16: related[1]: no term with id 'nothing'" in output
    assert (
        "glossary/terms/Bad Name.yml:1:1: id: the file name (term id) 'Bad Name' is not a slug"
        in output
    )
    assert "glossary/terms/Bad Name.yml:2:1:" in output
    assert not (tmp_path / "out" / "index.html").exists()


CALCULATORS = ("nps", "enps", "ces", "csat")


def test_calculator_pages_carry_the_contract_and_a_built_example(built_site: Path) -> None:
    for lang in LANGUAGES:
        for name in CALCULATORS:
            html = page(built_site, f"{PREFIX[lang]}calculators/{name}")
            root = html.select_one(f"[data-calculator={name}]")
            assert root is not None and root["data-state"] == "loading"
            for key in ("score", "ci-low", "ci-high", "n", "message"):
                assert root.select_one(f'[data-output="{key}"]') is not None, (name, key)
            assert root.select_one('[data-output="message"]')["role"] == "alert"
            assert root.select_one("noscript") is not None
            score = root.select_one('[data-output="score"]').get_text()
            assert re.fullmatch(r"−?\d+,\d+" if lang == "et" else r"-?\d+\.\d+", score), score
        assert html.select_one("select[name=confidence]") is not None


def test_calculator_pages_start_their_engine_from_the_head(built_site: Path) -> None:
    code = (built_site / "assets" / "javascripts" / "engine-start.js").read_text("utf-8")
    assert (built_site / "assets" / "javascripts" / "calculator-worker.js").is_file()
    for lang in LANGUAGES:
        for name in CALCULATORS:
            html = page(built_site, f"{PREFIX[lang]}calculators/{name}")
            assert html.select_one(f"[data-calculator={name}]")["data-engine"] == "eager"
            assert html.select("script[src$='engine-start.js']") == []
            starts = html.select("script[data-start=eager]")
            assert len(starts) == 1 and starts[0].parent.name == "head"
            assert starts[0].string == code.strip()
            worker = urljoin(
                f"{SITE_URL}{PREFIX[lang]}calculators/{name}/", starts[0]["data-worker"]
            )
            assert worker == f"{SITE_URL}assets/javascripts/calculator-worker.js"
        # the example on the overview waits to be seen: its start script follows it
        html = page(built_site, f"{PREFIX[lang]}calculators")
        example = html.select_one("[data-calculator=csat]")
        assert example is not None and not example.has_attr("data-engine")
        follower = example.find_next_sibling()
        assert follower.name == "script" and follower["src"].endswith("engine-start.js")
        assert html.head.select("script[data-start]") == []


def test_a_misspelt_marker_stops_the_build_with_its_page_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    source = project / "docs" / "calculators" / "nps.en.md"
    text = source.read_text(encoding="utf-8")
    source.write_text("---\ntitle: NPS\n---\n" + text.replace("nps eager", "nps eagr"), "utf-8")
    line = ("---\ntitle: NPS\n---\n" + text).splitlines().index("<!-- calculator: nps eager -->")
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    message = "unknown option 'eagr' in the marker of calculator 'nps'"
    assert f"docs/calculators/nps.en.md:{line + 1}:1: {message}" in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_term_pages_link_their_calculator(built_site: Path) -> None:
    for lang in LANGUAGES:
        html = page(built_site, f"{PREFIX[lang]}terms/nps")
        link = html.select_one("#calculator ~ p a.md-button")
        assert link is not None and link["href"] == "../../calculators/nps/"


def test_runtime_is_served_by_the_site_with_a_checked_wheel(built_site: Path) -> None:
    runtime = built_site / "assets" / "pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    (package,) = lock["packages"].values()
    wheel = runtime / package["file_name"]
    assert re.fullmatch(r"calculators-1\.0\.0\+[0-9a-f]{12}-py3-none-any\.whl", wheel.name)
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (runtime / name).stat().st_size > 10_000


def test_nothing_points_outside_the_site(built_site: Path) -> None:
    outside = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1)""")
    for path in built_site.rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in html.select("script[src], link[href], img[src]"):
            target = tag.get("src") or tag.get("href")
            if tag.name == "link" and target.startswith(SITE_URL):
                continue  # canonical and alternate links name the site itself
            assert not re.match(r"(?:https?:)?//", target), (path, target)
    scripts = (built_site / "assets" / "javascripts").glob("*.js")
    for script in scripts:
        assert not outside.search(script.read_text()), script
    assert (
        "cdn.jsdelivr"
        not in (built_site / "assets" / "javascripts" / "calculator-worker.js").read_text()
    )


def test_former_ids_keep_their_addresses(renamed_site: Path) -> None:
    for lang in LANGUAGES:
        html = page(renamed_site, f"{PREFIX[lang]}terms/net-promoter")
        refresh = html.select_one('meta[http-equiv="refresh"]')
        assert refresh is not None and refresh["content"] == "0; url=../nps/"
        canonical = html.select_one('link[rel="canonical"]')
        assert canonical["href"] == f"{SITE_URL}{PREFIX[lang]}terms/nps/"
        assert html.html["lang"] == lang
    sitemap = (renamed_site / "sitemap.xml").read_text()
    assert "net-promoter" not in sitemap


def test_open_data_downloads_parse_and_hold_every_term(built_site: Path) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ElementTree

    import rdflib

    ids = set(glossary_terms())
    downloads = built_site / "downloads"
    data = json.loads((downloads / "glossary.json").read_text(encoding="utf-8"))
    assert {term["id"] for term in data["terms"]} == ids
    rows = list(csv.DictReader(io.StringIO((downloads / "glossary.csv").read_text("utf-8-sig"))))
    assert {row["id"] for row in rows} == ids
    assert all(row["term_et"] and row["term_en"] for row in rows)
    tbx = ElementTree.parse(downloads / "glossary.tbx").getroot()
    entries = tbx.findall(".//{urn:iso:std:iso:30042:ed-2}conceptEntry")
    assert len(entries) == len(ids)
    graph = rdflib.Graph().parse(downloads / "glossary.ttl", format="turtle")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    concepts = set(graph.subjects(rdflib.RDF.type, skos.Concept))
    assert len(concepts) == len(ids)
    for concept in concepts:
        labels = {label.language for label in graph.objects(concept, skos.prefLabel)}
        assert labels == {"et", "en"}


def test_index_links_the_downloads_and_pages_carry_json_ld(built_site: Path) -> None:
    for lang in LANGUAGES:
        index = page(built_site, f"{PREFIX[lang]}terms")
        links = [a["href"] for a in index.select("#downloads ~ ul.mr-downloads a")]
        assert len(links) == 4
        for href in links:
            assert (built_site / PREFIX[lang] / "terms" / href).resolve().is_file(), href
        (block,) = index.select('script[type="application/ld+json"]')
        term_set = json.loads(block.string)
        assert term_set["@type"] == "DefinedTermSet"
        assert len(term_set["hasDefinedTerm"]) == len(glossary_terms())
        nps = page(built_site, f"{PREFIX[lang]}terms/nps")
        (block,) = nps.select('script[type="application/ld+json"]')
        term = json.loads(block.string)
        assert term["@type"] == "DefinedTerm" and term["inLanguage"] == lang
        assert term["url"] == f"{SITE_URL}{PREFIX[lang]}terms/nps/"


def test_every_page_has_a_qr_code_of_its_public_address(built_site: Path) -> None:
    import segno

    for path in built_site.rglob("index.html"):
        relative = path.parent.relative_to(built_site).as_posix()
        if relative.startswith("assets") or "net-promoter" in relative:
            continue
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        address = SITE_URL + ("" if relative == "." else f"{relative}/")
        caption = html.select_one(".mr-share figcaption")
        assert caption is not None and caption.get_text() == address, path
        svg = html.select_one("svg.mr-qr")
        side = segno.make(address, error="m").symbol_size(scale=1, border=4)[0]
        assert svg["viewbox"] == f"0 0 {side} {side}"
