"""Site search in chromium, typed as a reader types: Estonian inflected forms find their term,
the term page comes first when the query is the term, and each language sees its own pages."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from motteruum.loader import load_glossary
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.browser

#: An inflected form (or a phrase of them) → the term page it must find among the first three.
ESTONIAN = {
    "kliendikogemuse": "customer-experience",
    "kliendikogemust": "customer-experience",
    "lojaalsust": "loyalty",
    "lojaalsusega": "loyalty",
    "soovitusindeksi": "nps",
    "soovitusindeksit": "nps",
    "NPS-i": "nps",
    "klienditeekonna": "customer-journey",
    "klienditeekondadest": "customer-journey",
    "kokkupuutepunktides": "touchpoint",
    "kokkupuutepunkte": "touchpoint",
    "teenustaseme lepingut": "service-level-agreement",
    "SLA-d": "service-level-agreement",
    "rahulolust": "satisfaction",
    "kaebuste juhtimisel": "complaint-management",
    "müstilise ostja uuringut": "mystery-shopping",
    "sisseelamisel": "onboarding",
    "persoonid": "persona",
    "väärtuspõhisel värbamisel": "value-based-recruitment",
    "väärtuspakkumist": "value-proposition",
    "töötajakogemusega": "employee-experience",
    "töötajateekonnal": "employee-journey",
    "usaldusest": "trust",
    "pühendumust": "commitment",
    "organisatsioonikultuuri": "culture",
    "kliendikesksusest": "customer-centricity",
    "eesliini": "frontline",
    "sihtrühmale": "target-group",
    "teenusdisainiga": "service-design",
    "strateegiale": "strategy",
    "tegevuskavaga": "action-plan",
    "kliendilubadust": "customer-promise",
    "KPI-dega": "kpi",
    "võtmetulemusnäitajaid": "kpi",
    "ooteajad": "waiting-time",
    "siseklientidele": "internal-customer",
    "teeninduskanalite": "service-channel",
    "klienditagasisidet": "customer-feedback",
    "tulemusjuhtimise": "performance-management",
    "kvaliteedijuhtimisest": "quality-management",
}

ENGLISH = {
    "customer journeys": "customer-journey",
    "touchpoints": "touchpoint",
    "customer experiences": "customer-experience",
    "organisational values": "values",
    "complaints": "complaint-management",
    "personas": "persona",
    "SMART goal": "smart-goals",
    "service channels": "service-channel",
    "key performance indicators": "kpi",
    "KPIs": "kpi",
    "onboarded": "onboarding",
    "first contact resolution": "first-call-resolution",
    "employee net promoter scores": "enps",
    "waiting times": "waiting-time",
    "brand promises": "customer-promise",
    "trusting": "trust",
    "segments": "segment",
    "strategies": "strategy",
    "customer behavior": "customer-behaviour",  # American spellings are synonyms
    "organizational culture": "culture",
}

#: Besides every term's name: a query that is an abbreviation or a form of a one-word term →
#: the term page that must come first.
FIRST = {
    "et": {
        "rahulolu": "satisfaction",
        "teenindus": "customer-service",
        "teenus": "service",
        "soovitusindeks": "nps",
        "klient": "customer",
        "kliendi": "customer",
        "NPS": "nps",
        "CES": "ces",
    },
    "en": {
        "satisfaction": "satisfaction",
        "service": "service",
        "customer": "customer",
        "NPS": "nps",
        "value": "value",
    },
}

PREFIX = {"et": "", "en": "en/"}


#: Counts the answers of the search worker (Material's SearchMessageType.RESULT is 3).
COUNT_RESULTS = """
window.__searchAnswers = 0;
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", ({ data }) => {
      if (data && data.type === 3) window.__searchAnswers += 1;
    });
  }
};
"""


def open_search(page: Page, site_url: str, lang: str) -> Locator:
    page.add_init_script(COUNT_RESULTS)
    page.goto(f"{site_url}{PREFIX[lang]}")
    box = page.locator("input.md-search__input")
    box.click()
    return box


def results(page: Page, box: Locator, query: str) -> list[str]:
    """The pages found for ``query``, in order (one per page: Material groups its sections).

    Material searches when a key is released; the list is read once the worker has answered
    that query and the answer has been drawn.
    """
    answered = page.evaluate("window.__searchAnswers")
    box.fill(query)
    box.press("End")
    page.wait_for_function("n => window.__searchAnswers > n", arg=answered, timeout=20_000)
    found: list[str] = page.evaluate(
        """async () => {
            for (let k = 0; k < 2; k++) await new Promise(requestAnimationFrame);
            return [...document.querySelectorAll(".md-search-result__list > li")]
                .map((li) => new URL(li.querySelector("a").href).pathname);
        }"""
    )
    return found


def found_within(
    page: Page, box: Locator, site_url: str, queries: dict[str, str], lang: str, top: int
) -> list[str]:
    """Every query whose term page is not among the first ``top`` results, with what came."""
    root = "/" + PREFIX[lang]
    misses = []
    for query, term in queries.items():
        got = results(page, box, query)
        if f"{root}terms/{term}/" not in got[:top]:
            misses.append(f"{query!r} → expected {term}, got {got[:top]}")
    return misses


def test_estonian_inflected_forms_find_their_terms(page: Page, site_url: str) -> None:
    box = open_search(page, site_url, "et")
    assert len(ESTONIAN) >= 30
    misses = found_within(page, box, site_url, ESTONIAN, "et", top=3)
    assert misses == []


def test_english_queries_find_their_terms(page: Page, site_url: str) -> None:
    box = open_search(page, site_url, "en")
    assert len(ENGLISH) >= 15
    misses = found_within(page, box, site_url, ENGLISH, "en", top=3)
    assert misses == []


@pytest.mark.parametrize("lang", ["et", "en"])
def test_a_term_as_query_puts_its_page_first(page: Page, site_url: str, lang: str) -> None:
    glossary = load_glossary(
        ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs")
    )
    queries = {term.text(lang).term: term.id for term in glossary.terms}
    assert len(queries) == len(glossary.terms)  # no two terms share a name
    box = open_search(page, site_url, lang)
    misses = found_within(page, box, site_url, {**queries, **FIRST[lang]}, lang, top=1)
    assert misses == []


@pytest.mark.parametrize(
    ("lang", "query"),
    [("et", "customer experience"), ("et", "klient"), ("en", "kliendikogemus"), ("en", "service")],
)
def test_results_are_in_the_language_of_the_page(
    page: Page, site_url: str, lang: str, query: str
) -> None:
    box = open_search(page, site_url, lang)
    got = results(page, box, query)
    assert got, f"nothing found for {query!r}"
    english = [href for href in got if href.startswith("/en/")]
    assert english == (got if lang == "en" else [])


def test_enter_opens_the_best_result(page: Page, site_url: str) -> None:
    box = open_search(page, site_url, "et")
    assert results(page, box, "lojaalsust")[0] == "/terms/loyalty/"
    box.press("Enter")
    expect(page).to_have_url(f"{site_url}terms/loyalty/?h=lojaalsust")
    expect(page.locator("h1")).to_contain_text("lojaalsus")


def test_a_very_long_query_does_not_tie_the_search_up(
    page: Page, site_url: str, built_site: Path
) -> None:
    """A pasted text of 300 words (the site's own Estonian text, colons and all) is cut to its
    first ten words by the worker wrapper: it finds what those words find, it is answered
    within seconds, and so is the next query. (A generous bound: it took 4–16 s before,
    depending on the machine.)"""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    words: list[str] = []
    for entry in index["docs"]:
        if entry.get("lang") == "et":
            words += re.sub(r"<[^>]+>", " ", html.unescape(entry["text"])).split()
    query = " ".join(words[:300])
    assert len(query.split()) == 300
    box = open_search(page, site_url, "et")
    assert results(page, box, "klient")  # the index is ready
    start = time.monotonic()
    found = results(page, box, query)
    assert time.monotonic() - start < 5
    assert found == results(page, box, " ".join(words[:10]))
    assert results(page, box, "lojaalsust")[0] == "/terms/loyalty/"
