"""The crossword page's entries, clues and puzzle, and the generator's browser entry point."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from collections import Counter
from typing import Any

import pytest
from bs4 import BeautifulSoup

from motteruum.crossword import Entry, generate, normalize_answer
from motteruum.crossword.browser import new_puzzle, puzzle_data, puzzle_id
from motteruum.crossword_view import (
    MASK,
    MAX_ENTRIES,
    SEED,
    CrosswordView,
    candidates,
    choose,
    embedded,
    mask,
    page_puzzle,
    short_definition,
)
from motteruum.glossary import Category, Glossary, Term, TermText
from motteruum.loader import load_glossary
from motteruum.runtime import build_wheel, lockfile
from motteruum.widgets import UnknownWidget, replace_markers
from tests.conftest import LANGUAGES, ROOT


def text(term: str, definition: str = "Midagi.", **extra: str | None) -> TermText:
    return TermText(
        term=term,
        abbreviation=extra.get("abbreviation"),
        expansion=extra.get("expansion"),
        synonyms=(),
        definition=definition,
        crossword_answer=extra.get("answer"),
        crossword_clue=extra.get("clue"),
    )


def glossary(*terms: tuple[str, TermText, TermText]) -> Glossary:
    return Glossary(
        languages=("et", "en"),
        categories=(Category("measurement", {"et": "Mõõtmine", "en": "Measurement"}),),
        terms=tuple(
            Term(id, f"glossary/terms/{id}.yml", "measurement", (), (), None, {"et": et, "en": en})
            for id, et, en in terms
        ),
    )


def real_glossary() -> Glossary:
    calculators = {p.name.split(".")[0] for p in (ROOT / "docs" / "calculators").glob("*.md")}
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculators - {"index"})


SMALL = glossary(
    ("customer", text("klient", "Isik, kes ostab [tooteid](product.md)."), text("customer")),
    (
        "nps",
        text("soovitusindeks", "Indeks.", abbreviation="NPS"),
        text(
            "Net Promoter Score",
            "An index of loyalty. Customers are asked.",
            abbreviation="NPS",
            expansion="Net Promoter Score",
        ),
    ),
    ("journey", text("klienditeekond", clue="Ostja tee"), text("customer journey")),
    ("tri-m", text("TRI*M"), text("TRI\\*M")),
    ("ux", text("kasutajakogemus"), text("user experience", abbreviation="UX")),
    (
        "service",
        text("teenus", "Teenus on tegevus. Teenuse osutaja pakub seda."),
        text("service", answer="customer service", clue="Help given to customers"),
    ),
    ("service-2", text("teenus", "Teine teenus."), text("help desk")),
)


def test_answers_come_from_single_words_abbreviations_and_overrides() -> None:
    et = {c.term_id: c for c in candidates(SMALL, "et", "et")}
    en = {c.term_id: c for c in candidates(SMALL, "en", "et")}
    assert et["customer"].entry.answer == "klient"
    assert et["nps"].entry.answer == "soovitusindeks" and not et["nps"].abbreviation
    assert en["nps"].entry.answer == "NPS" and en["nps"].abbreviation
    assert en["nps"].entry.clue == "An index of loyalty (abbr.)"
    assert en["service"].entry.answer == "customer service"  # the author's answer wins
    assert en["service"].entry.clue == "Help given to customers" and en["service"].authored
    assert "journey" not in en  # several words, no abbreviation, no override
    assert "tri-m" not in et and "tri-m" not in en  # the generator rejects "*"
    assert "ux" not in en  # two letters are too short to be a good entry
    assert "service-2" not in et  # the same answer twice
    assert et["journey"].entry.clue == "Ostja tee" and et["journey"].authored


def test_default_clue_is_the_first_sentence_in_plain_text_with_the_answer_masked() -> None:
    et = {c.term_id: c for c in candidates(SMALL, "et", "et")}
    assert et["customer"].entry.clue == "Isik, kes ostab tooteid"
    assert et["service"].entry.clue == f"{MASK} on tegevus"
    assert short_definition("**Kliendi** hääl. Teine lause.") == "Kliendi hääl"
    long = "Sõna " * 30 + "(lisa: " + "sõna " * 5 + ")."
    cut = short_definition(long, limit=60)
    assert len(cut) <= 61 and cut.endswith("…")
    head = "Tehnoloogia kliendisuhete haldamiseks ja interaktsioonide juhtimiseks"
    assert short_definition(f"{head}: platvorm " + "x " * 60) == head


def test_masking_hides_forms_of_the_answer_and_whole_phrases_only() -> None:
    assert mask("Teenuse osutaja pakub teenust", ["teenus"]) == f"{MASK} osutaja pakub {MASK}"
    assert mask("Kliendi vajadused", ["klient"]) == f"{MASK} vajadused"
    assert mask("Kliendikogemus on oluline", ["klient"]) == "Kliendikogemus on oluline"
    assert mask("A customer's customer journey map", ["customer journey"]) == (
        f"A customer's {MASK} map"
    )
    assert mask("The NPS of a company", ["NPS", "Net Promoter Score"]) == (
        f"The {MASK} of a company"
    )
    assert mask("Net Promoter Score, asked", ["Net Promoter Score"]) == f"{MASK}, asked"


def test_answers_are_upper_case_nfc_one_cell_per_estonian_letter() -> None:
    decomposed = unicodedata.normalize("NFD", "väärtus")
    data = puzzle_data(generate([Entry(decomposed, "Hind"), Entry("tõde", "Õige")], seed=1))
    letters = "".join(data["solution"]).replace(".", "")
    assert "Ä" in letters and "Õ" in letters
    assert unicodedata.is_normalized("NFC", letters) and letters == letters.upper()
    assert {c["answer"] for c in data["clues"]} == {"VÄÄRTUS", "TÕDE"}
    assert sorted(c["length"] for c in data["clues"]) == [4, 7]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_puzzle_is_chosen_from_the_glossary_and_deterministic(lang: str) -> None:
    real = real_glossary()
    found = candidates(real, lang, "et")
    chosen = choose(found)
    assert 25 <= len(chosen) <= MAX_ENTRIES
    assert chosen == choose(list(found))
    assert len({e.answer for e in chosen}) == len(chosen)
    first = CrosswordView("glossary", lang, "et", real).render()
    page_puzzle.cache_clear()
    second = CrosswordView("glossary", lang, "et", real).render()
    assert first == second
    data = embedded(first)
    assert data["seed"] == SEED and data["id"] == puzzle_id(data)
    assert 25 <= len(data["clues"]) <= MAX_ENTRIES
    assert {e["answer"] for e in data["entries"]} <= {c["answer"] for c in data["clues"]}
    placed = {unicodedata.normalize("NFC", e.answer.upper()) for e in chosen}
    assert {c["answer"] for c in data["clues"]} <= placed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_more_than_two_answers_of_one_family(lang: str) -> None:
    """KLIENT, KLIENDIKOGEMUS, KLIENDITEEKOND … in one grid give each other away (review C10):
    at most two answers may start with the same five letters."""
    found = candidates(real_glossary(), lang, "et")
    families = Counter(normalize_answer(c.entry.answer).cells[:5] for c in found)
    assert families.most_common(1)[0][1] > 2  # the glossary has such families
    chosen = Counter(normalize_answer(e.answer).cells[:5] for e in choose(found))
    assert max(chosen.values()) <= 2


def test_rendered_widget_has_the_grid_clues_and_key_in_html() -> None:
    html = CrosswordView("glossary", "et", "et", SMALL).render()
    data = embedded(html)
    soup = BeautifulSoup(html, "html.parser")
    cells = soup.select("[data-grid] td.mr-cell")
    assert len(cells) == sum(len(row.replace(".", "")) for row in data["solution"])
    numbers = [int(n.get_text()) for n in soup.select("[data-grid] .mr-cell__number")]
    assert sorted(numbers) == sorted({c["number"] for c in data["clues"]})
    items = soup.select("[data-clues] li[data-clue]")
    assert [i["data-clue"] for i in items] == [
        f"{c['number']}-{c['direction']}"
        for way in ("across", "down")
        for c in data["clues"]
        if c["direction"] == way
    ]
    assert all(i.get_text().endswith(")") for i in items)  # the word lengths
    assert all(not cell.select_one(".mr-cell__letter").get_text() for cell in cells)
    key = "".join(span.get_text() for span in soup.select("[data-key] .mr-cell__letter"))
    assert key == "".join(data["solution"]).replace(".", "")
    assert soup.select_one("[data-toolbar]").has_attr("hidden")
    size = f"{data['width']} × {data['height']}"
    assert soup.select_one("table[data-grid]")["aria-label"] == f"Ristsõna ruudustik, {size}"
    strings = json.loads(soup.select_one("[data-strings]").get_text())
    assert strings["crossword.new"] == "Uus ristsõna"


def test_the_templates_for_the_script_are_the_markup_of_the_page() -> None:
    """The widget holds a <template> of a row, a square, a block, a clue and an answer, each as
    the page's own are written (the same macros), empty, and left out of the search index."""
    soup = BeautifulSoup(CrosswordView("glossary", "et", "et", SMALL).render(), "html.parser")

    def shape(node: Any, children: bool = True) -> tuple[Any, ...]:
        inside = tuple(shape(child) for child in node.find_all(recursive=False))
        names = tuple(sorted(name for name in node.attrs if name != "class"))
        return (node.name, tuple(node.get("class", ())), names, inside if children else ())

    templates = soup.select("[data-crossword] > template")
    names = ["row", "square", "key-square", "block", "clue", "answer"]
    assert [t.get("data-template") for t in templates] == names
    for template in templates:
        assert sorted(template.attrs) == ["data-search-exclude", "data-template"]
        assert template.get_text(strip=True) == ""

    def prototype(name: str, tag: str) -> Any:
        return soup.select_one(f'template[data-template="{name}"]').find(tag)

    assert shape(prototype("row", "tr")) == shape(soup.select_one("[data-grid] tr"), False)
    numbered = soup.select_one("[data-grid] td.mr-cell:has(.mr-cell__number)")
    assert shape(prototype("square", "td")) == shape(numbered)
    key_square = soup.select_one("[data-key] td.mr-cell:has(.mr-cell__number)")
    assert shape(prototype("key-square", "td")) == shape(key_square)
    assert shape(prototype("block", "td")) == shape(soup.select_one("[data-grid] td.mr-block"))
    assert shape(prototype("clue", "li")) == shape(soup.select_one("[data-clues] li"))
    assert shape(prototype("answer", "li")) == shape(soup.select_one("[data-key] li"))


def test_marker_puts_the_crossword_in_the_page() -> None:
    markdown = "# Ristsõna\n\n<!-- crossword: glossary -->\n"
    assert 'data-crossword="glossary"' in replace_markers(markdown, "en", "et", SMALL)
    with pytest.raises(UnknownWidget, match="known: glossary"):
        replace_markers("<!-- crossword: other -->\n", "et", "et", SMALL)


def test_new_puzzle_lays_out_again_and_never_raises() -> None:
    entries = [
        {"answer": a, "clue": f"Vihje {a}"}
        for a in ("klient", "teenus", "väärtus", "lojaalsus", "kogemus", "usaldus", "toode")
    ]
    first = new_puzzle("et", {"entries": entries, "seed": 1})
    assert first["ok"] is True
    again = new_puzzle("et", {"entries": entries, "seed": 1})
    assert again == first
    other = new_puzzle("et", {"entries": entries, "seed": 1, "avoid": first["puzzle"]["id"]})
    assert other["ok"] is True and other["puzzle"]["id"] != first["puzzle"]["id"]
    for form in (
        {},
        {"entries": [], "seed": 1},
        {"entries": entries, "seed": "1"},
        {"entries": entries, "seed": -1},
        {"entries": [{"answer": "a1", "clue": "x"}], "seed": 1},
        {"entries": [{"answer": "kala"}], "seed": 1},
        {"entries": "kala", "seed": 1},
        {"entries": [entries[0], entries[0]], "seed": 1},
    ):
        answer = new_puzzle("et", form)
        assert answer["ok"] is False and answer["error"]["code"] == "invalid", form
    json.dumps(first)  # plain data


def test_the_wheel_carries_the_generator_reproducibly() -> None:
    wheel = build_wheel(ROOT / "calculators")
    assert wheel.data == build_wheel(ROOT / "calculators").data
    names = zipfile.ZipFile(io.BytesIO(wheel.data)).namelist()
    assert "motteruum/__init__.py" in names
    assert "motteruum/crossword/browser.py" in names and "motteruum/crossword/layout.py" in names
    assert "calculators/api.py" in names
    assert not [n for n in names if n.startswith("motteruum/") and "crossword" not in n][1:]
    lock = lockfile({"info": {}}, wheel)
    assert lock["packages"]["calculators"]["imports"] == ["calculators", "motteruum"]  # type: ignore[index]
    bare = build_wheel(ROOT / "calculators", extra=())
    assert bare.imports == ("calculators",) and bare.file_name != wheel.file_name
