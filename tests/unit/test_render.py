from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from motteruum.authored import MarkdownSettings, sanitize
from motteruum.authored import render as render_markdown
from motteruum.loader import load_glossary
from motteruum.output import sync_folder
from motteruum.render import Language, Renderer, markdown_text
from tests.conftest import LANGUAGES, PUBLIC_URL, ROOT, GlossaryFactory, term_yaml

SITE = [Language("et", "Eesti", ""), Language("en", "English", "en/")]


def render(make_glossary: GlossaryFactory, files: dict[str, str]) -> dict[str, str]:
    return Renderer(load_glossary(make_glossary(files), LANGUAGES), SITE, PUBLIC_URL).pages()


def test_markdown_text_escapes_html_and_markdown() -> None:
    assert markdown_text("TRI*M <b>") == "TRI\\*M &lt;b&gt;"
    assert markdown_text("[a](b) _x_ #1 |") == "\\[a\\]\\(b\\) \\_x\\_ \\#1 \\|"


def test_every_page_in_every_language(make_glossary: GlossaryFactory) -> None:
    pages = render(make_glossary, {"nps.yml": term_yaml(), "csat.yml": term_yaml("a", "b")})
    names = {"index", "categories", "abbreviations", "nps", "csat"}
    expected = {f"terms/{n}.{lang}.md" for n in names for lang in LANGUAGES}
    expected |= {f"frameworks/index.{lang}.md" for lang in LANGUAGES}
    assert set(pages) == expected


def test_term_page_has_stable_anchors_and_links(make_glossary: GlossaryFactory) -> None:
    nps = term_yaml(related="[csat]").replace(
        "  term: soovitusindeks", "  term: soovitusindeks\n  abbreviation: NPS\n  synonyms: [x*y]"
    )
    csat = term_yaml("rahulolu", "CSAT", related="[nps]")
    pages = render(make_glossary, {"nps.yml": nps, "csat.yml": csat})
    page = pages["terms/nps.et.md"]
    assert page.startswith(
        '---\ntitle: "soovitusindeks"\ndescription: "Eestikeelne definitsioon."\n---\n\n'
    )
    assert "\n# soovitusindeks { #term }\n" in page
    assert "{ #definition }" in page  # the definition gets links to the terms it mentions
    for anchor in ("synonyms", "related", "other-languages", "sources"):
        assert f"{{ #{anchor} .mr-no-mentions }}" in page
    assert "- x\\*y" in page
    assert "- [rahulolu](csat.md)" in page
    assert '<a href="../../en/terms/nps/" hreflang="en" lang="en">Net Promoter Score</a>' in page
    english = pages["terms/nps.en.md"]
    assert "## Definition { #definition }" in english
    assert '<a href="../../../terms/nps/" hreflang="et" lang="et">soovitusindeks</a>' in english


def test_index_groups_by_estonian_letters(make_glossary: GlossaryFactory) -> None:
    words = {
        "a": ("šokk", "shock"),
        "b": ("zoom", "zoom"),
        "c": ("õun", "apple"),
        "d": ("tee", "tea"),
        "e": ("ärimees", "businessman"),
        "f": ("sõna", "word"),
    }
    files = {f"{k}.yml": term_yaml(et, en) for k, (et, en) in words.items()}
    pages = render(make_glossary, files)
    headings = re.findall(r"^## (\S+) \{ #letter", pages["terms/index.et.md"], re.M)
    assert headings == ["S", "Š", "Z", "T", "Õ", "Ä"]
    english = re.findall(r"^## (\S+) \{ #letter", pages["terms/index.en.md"], re.M)
    assert english == ["A", "B", "S", "T", "W", "Z"]
    assert '<a href="#letter-s-caron">Š</a>' in pages["terms/index.et.md"]
    assert '<span aria-hidden="true">Ž</span>' in pages["terms/index.et.md"]


def test_abbreviations_and_synonyms_point_to_their_term(make_glossary: GlossaryFactory) -> None:
    nps = term_yaml().replace(
        "  term: soovitusindeks",
        "  term: soovitusindeks\n  abbreviation: NPS\n  expansion: Net Promoter Score",
    )
    pages = render(make_glossary, {"nps.yml": nps})
    assert "- NPS → vt [soovitusindeks](nps.md)" in pages["terms/index.et.md"]
    assert (
        "| **NPS** | Net Promoter Score | [soovitusindeks](nps.md) |"
        in (pages["terms/abbreviations.et.md"])
    )


#: A term with every mark a name can carry, a usage note, an example, its definition's source
#: and a narrower term (``csat``, which names it as its broader term).
MARKED = """\
category: measurement
narrower: [csat]
sources:
  - author: A. Author
    year: 2020
    title: A title
    url: https://example.org/a
et:
  term: soovitusindeks
  abbreviation: {name: NPS, foreign: en}
  expansion: Net Promoter Score
  synonyms:
    - nõustumisindeks
    - {name: net promoter score, foreign: en}
    - {name: lojaalsusindeks, status: deprecated, reason: ütleb vähem kui *soovitusindeks*}
  definition: Eestikeelne definitsioon.
  definition_source: 1
  note: Kirjutatakse väikese tähega.
  example: Meie soovitusindeks tõusis 40-ni.
en:
  term: Net Promoter Score
  definition: An English definition.
  definition_source: editor
"""
SETTINGS = MarkdownSettings.of(
    yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), yaml.BaseLoader)["markdown_extensions"]
)


def page_html(markdown: str) -> BeautifulSoup:
    """A generated page as the site shows it: its Markdown rendered with the site's extensions
    and passed through the page sanitiser (which must leave the marks as they are)."""
    body = markdown.split("\n---\n", 1)[1].split("<script", 1)[0]
    html = render_markdown(body, SETTINGS)
    clean = sanitize(html)
    for selector in ("small", "span[lang]", "p.mr-definition-source a", "p.mr-term-status"):
        before = BeautifulSoup(html, "html.parser").select(selector)
        assert [str(e) for e in BeautifulSoup(clean, "html.parser").select(selector)] == [
            str(e) for e in before
        ], selector
    return BeautifulSoup(clean, "html.parser")


def test_statuses_notes_and_sources_reach_the_term_page(make_glossary: GlossaryFactory) -> None:
    csat = term_yaml("rahulolu", "CSAT", broader="[nps]")
    pages = render(make_glossary, {"nps.yml": MARKED, "csat.yml": csat})
    page = pages["terms/nps.et.md"]
    assert page.startswith('---\ntitle: "soovitusindeks"\n')  # the title line stays
    for anchor in ("note", "example", "narrower"):
        assert f"{{ #{anchor}" in page
    soup = page_html(page)
    assert soup.select_one("p.mr-term-status small.mr-status--preferred").get_text() == (
        "eelistermin"
    )
    abbreviation = soup.select_one("p.mr-term-abbreviation")
    assert abbreviation.select_one("span[lang=en]").get_text() == "NPS"
    assert [s.get_text() for s in abbreviation.select("small")] == [
        "lubatav",
        "võõrkeelne (inglise keel)",
    ]
    synonyms = soup.find(id="synonyms").find_next("ul").find_all("li")
    assert [" ".join(li.get_text().split()) for li in synonyms] == [
        "nõustumisindeks lubatav",
        "net promoter score lubatav võõrkeelne (inglise keel)",
        "lojaalsusindeks taunitav: ütleb vähem kui *soovitusindeks*",
    ]
    assert synonyms[1].select_one("span").get("lang") == "en"
    assert synonyms[2].select_one("small").get("class") == ["mr-status", "mr-status--deprecated"]
    source = soup.select_one("p.mr-definition-source")
    assert " ".join(source.get_text().split()) == (
        "Definitsiooni allikas: A. Author (2020). A title. https://example.org/a"
    )
    assert source.select_one("a").get("href") == "https://example.org/a"
    assert soup.find(id="note").find_next("p").get_text() == "Kirjutatakse väikese tähega."
    example = soup.find(id="example").find_next("blockquote")
    assert example.get_text().strip() == "Meie soovitusindeks tõusis 40-ni."
    assert soup.find(id="narrower").find_next("ul").find("a").get("href") == "csat.md"
    english = page_html(pages["terms/nps.en.md"])
    assert english.select_one("p.mr-definition-source").get_text() == (
        "Source of the definition: written for this glossary"
    )
    assert english.find(id="note") is None and english.find(id="synonyms") is None
    broader = page_html(pages["terms/csat.en.md"]).find(id="broader")
    assert broader.get_text().startswith("Broader terms")
    assert broader.find_next("ul").find("a").get_text() == "Net Promoter Score"


def test_rendering_is_deterministic(make_glossary: GlossaryFactory) -> None:
    files = {"nps.yml": term_yaml(), "csat.yml": term_yaml("a", "b")}
    assert render(make_glossary, files) == render(make_glossary, dict(reversed(files.items())))


def test_sync_folder_writes_changes_and_removes_stale_files(tmp_path: Path) -> None:
    folder = tmp_path / "terms"
    assert sync_folder(folder, {"terms/a.md": "A", "terms/b.md": "B"}) == 2
    before = (folder / "a.md").stat().st_mtime_ns
    assert sync_folder(folder, {"terms/a.md": "A"}) == 0
    assert (folder / "a.md").stat().st_mtime_ns == before
    assert not (folder / "b.md").exists()
    assert sync_folder(folder, {"terms/a.md": "A2"}) == 1
    assert (folder / "a.md").read_text() == "A2"


def test_sync_folder_refuses_paths_outside(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(ValueError, match="outside the generated folder"):
        sync_folder(tmp_path / "terms", {"other/x.md": "X"})


def test_sync_folder_never_writes_through_a_link(tmp_path: Path) -> None:
    """A page committed as a link to another file is replaced, the other file untouched."""
    folder = tmp_path / "terms"
    folder.mkdir()
    outside = tmp_path / "mkdocs.yml"
    outside.write_text("site_name: x\n")
    (folder / "a.md").symlink_to(outside)
    assert sync_folder(folder, {"terms/a.md": "A"}) == 1
    assert outside.read_text() == "site_name: x\n"
    assert not (folder / "a.md").is_symlink() and (folder / "a.md").read_text() == "A"
