"""Mentions of terms in running text: found in any form, linked once per section, previewed."""

from __future__ import annotations

from dataclasses import replace

import markdown
import pytest
from bs4 import BeautifulSoup

from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from motteruum.mention_links import MentionLinks, PageContext
from motteruum.mentions import Finder, previews
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


@pytest.fixture(scope="module")
def finder(glossary: Glossary) -> Finder:
    return Finder(glossary, "et")


def found(finder: Finder, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term) for m in finder.find(text)]


def test_inflected_forms_and_phrases_are_mentions(finder: Finder) -> None:
    text = (
        "Klienditeekonna kaardistamisel leitakse olulised kokkupuutepunktid, "
        "kliendikogemuse juhtimise tsükkel algab lojaalsusest."
    )
    assert found(finder, text) == [
        ("Klienditeekonna kaardistamisel", "customer-journey-mapping"),
        ("kokkupuutepunktid", "touchpoint"),
        ("kliendikogemuse juhtimise", "customer-experience-management"),
        ("lojaalsusest", "loyalty"),
    ]


def test_the_longest_name_wins(finder: Finder) -> None:
    assert found(finder, "Töötajate soovitusindeks ja soovitusindeks") == [
        ("Töötajate soovitusindeks", "enps"),
        ("soovitusindeks", "nps"),
    ]


def test_abbreviations_with_case_endings_and_capitals_only(finder: Finder) -> None:
    assert found(finder, "NPS-i ja eNPS-iga, KPI-de ja SLA-d; nps ei ole lühend") == [
        ("NPS-i", "nps"),
        ("eNPS-iga", "enps"),
        ("KPI-de", "kpi"),
        ("SLA-d", "service-level-agreement"),
    ]


def test_a_one_letter_abbreviation_is_found_with_its_ending(glossary: Glossary) -> None:
    nps = glossary.term("nps")
    texts = dict(nps.texts)
    texts["et"] = replace(texts["et"], abbreviation="N")
    changed = replace(
        glossary, terms=tuple(replace(nps, texts=texts) if t is nps else t for t in glossary.terms)
    )
    assert found(Finder(changed, "et"), "N ja N-i, aga mitte Nõu ega NN") == [
        ("N", "nps"),
        ("N-i", "nps"),
    ]


def test_words_of_a_name_must_follow_each_other(finder: Finder) -> None:
    # A full stop between "kliendi" and "hääl" ends the name.
    assert found(finder, "Kuula kliendi häält.") == [("kliendi häält", "voice-of-the-customer")]
    assert not any(term == "voice-of-the-customer" for _, term in found(finder, "kliendi. Hääl"))
    assert found(finder, "motivatsiooni- ja tasusüsteemi") == [
        ("motivatsiooni- ja tasusüsteemi", "motivation-and-reward-system")
    ]


def test_a_quoted_synonym_is_not_looked_for(finder: Finder) -> None:
    # purpose has the synonym „miks“ (why): a question in a sentence is not the term.
    assert found(finder, "Miks see oluline on? Olemasolu põhjus") == [
        ("Olemasolu põhjus", "purpose")
    ]


def test_english_mentions(glossary: Glossary) -> None:
    english = Finder(glossary, "en")
    text = "Customer journeys and touchpoints; KPIs and the NPS."
    assert found(english, text) == [
        ("Customer journeys", "customer-journey"),
        ("touchpoints", "touchpoint"),
        ("KPIs", "kpi"),
        ("NPS", "nps"),
    ]


def test_previews_hold_the_term_and_the_start_of_its_definition(glossary: Glossary) -> None:
    card = previews(glossary, "et")["nps"]
    assert card.title == "soovitusindeks (NPS)"
    assert card.text.startswith("Lojaalsust näitav indeks")
    assert len(card.text) <= 161
    assert previews(glossary, "en")["trust"].title == "trust"


def render(glossary: Glossary, source: str, src_uri: str, *, link: bool = True) -> BeautifulSoup:
    extension = MentionLinks(Finder(glossary, "et"), previews(glossary, "et"))
    extension.page = PageContext(src_uri, link=link)
    html = markdown.markdown(source, extensions=["attr_list", "toc", extension])
    return BeautifulSoup(html, "html.parser")


def mentions(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"])) for a in soup.select("a.mr-mention")]


PAGE = """\
# Lojaalsus ja NPS

Lojaalsust mõõdab [soovitusindeks](../terms/nps.md). Lojaalsus kasvab, kui NPS-i `NPS-i` jälgitakse.

## Teine osa

Lojaalsusega seotud [ettevõtte lehe](https://example.org/lojaalsus) kokkupuutepunktid.

## Allikad { .mr-no-mentions }

Lojaalsus ja kokkupuutepunktid.
"""


def test_first_mention_per_section_is_linked(glossary: Glossary) -> None:
    soup = render(glossary, PAGE, "frameworks/example.et.md")
    assert mentions(soup) == [
        ("Lojaalsust", "../terms/loyalty.md"),
        ("Lojaalsusega", "../terms/loyalty.md"),
        ("kokkupuutepunktid", "../terms/touchpoint.md"),
    ]
    # Not in headings, code, links, nor after an author's own link to the term (NPS-i).
    assert soup.select("h1 a, h2 a") == [
        s for s in soup.select("h1 a, h2 a") if s.get("href", "").startswith("#")
    ]
    assert soup.code is not None and soup.code.get_text() == "NPS-i"
    assert soup.find("a", href="https://example.org/lojaalsus").get_text() == "ettevõtte lehe"


def test_a_section_marked_for_no_mentions_keeps_its_text_and_loses_the_mark(
    glossary: Glossary,
) -> None:
    soup = render(glossary, PAGE, "frameworks/example.et.md")
    heading = soup.find("h2", id="allikad")
    assert heading is not None and not heading.get("class")
    assert "mr-mention" not in str(heading.find_next("p"))


def test_links_to_term_pages_carry_their_preview(glossary: Glossary) -> None:
    soup = render(glossary, PAGE, "frameworks/example.et.md", link=False)
    assert mentions(soup) == []
    author = soup.find("a", href="../terms/nps.md")
    assert author is not None
    assert author["data-preview-term"] == "soovitusindeks (NPS)"
    assert str(author["data-preview"]).startswith("Lojaalsust näitav indeks")


@pytest.mark.parametrize(
    ("src_uri", "href"),
    [
        ("index.et.md", "terms/loyalty.md"),
        ("frameworks/trinity.en.md", "../terms/loyalty.md"),
        ("terms/trust.et.md", "loyalty.md"),
    ],
)
def test_links_are_relative_to_the_page(glossary: Glossary, src_uri: str, href: str) -> None:
    assert mentions(render(glossary, "Lojaalsus.", src_uri)) == [("Lojaalsus", href)]


def test_a_term_page_does_not_link_to_itself(glossary: Glossary) -> None:
    soup = render(glossary, "Lojaalsus ja usaldus.", "terms/loyalty.et.md")
    assert mentions(soup) == [("usaldus", "trust.md")]


def test_text_around_links_and_inline_markup_is_kept(glossary: Glossary) -> None:
    source = "Enne **rõhku** usaldus, siis *pühendumus* ja lõpuks lojaalsus."
    soup = render(glossary, source, "index.et.md")
    assert soup.get_text() == "Enne rõhku usaldus, siis pühendumus ja lõpuks lojaalsus."
    assert [t for t, _ in mentions(soup)] == ["usaldus", "pühendumus", "lojaalsus"]
