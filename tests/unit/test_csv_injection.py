"""glossary.csv: cells that a spreadsheet would run as a formula are written as text."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from motteruum.exports import SiteUrls, to_csv
from motteruum.glossary import Category, Glossary, Term, TermText
from motteruum.loader import load_glossary
from tests.conftest import LANGUAGES, GlossaryFactory, term_yaml

BASE = "https://example.org/kb/"
SITE = SiteUrls.of(BASE, [("et", ""), ("en", "en/")])
#: What a spreadsheet reads as the start of a formula (OWASP's list and the full-width forms).
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

FORMULA_TERM = """\
category: measurement
related: []
sources:
  - title: '=HYPERLINK("http://evil.example/","x")'
et:
  term: '=1+1'
  synonyms: ['-2+3', 'kolm']
  definition: '@SUM(A1) on valem.'
en:
  term: '+1'
  abbreviation: '@A'
  expansion: '=A1'
  synonyms: ['one']
  definition: '-1 is a number.'
"""


def read_csv(text: str) -> list[dict[str, str]]:
    """The rows as a spreadsheet program reads the file: bytes, UTF-8 with its BOM."""
    data = text.encode("utf-8").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_formula_cells_get_an_apostrophe(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"formula.yml": FORMULA_TERM, "plain.yml": term_yaml()})
    rows = {row["id"]: row for row in read_csv(to_csv(load_glossary(root, LANGUAGES), SITE))}
    row = rows["formula"]
    assert row["term_et"] == "'=1+1"
    assert row["definition_et"] == "'@SUM(A1) on valem."
    assert row["synonyms_et"] == "'-2+3; kolm"
    assert row["term_en"] == "'+1"
    assert row["abbreviation_en"] == "'@A"
    assert row["expansion_en"] == "'=A1"
    assert row["definition_en"] == "'-1 is a number."
    assert row["sources"] == '\'=HYPERLINK("http://evil.example/","x")'
    # Cells that do not start like a formula are as they were.
    assert row["synonyms_en"] == "one"
    assert row["url_en"] == f"{BASE}en/terms/formula/"
    assert rows["plain"]["term_et"] == "soovitusindeks"
    assert rows["plain"]["definition_en"] == "An English definition."
    for cells in rows.values():
        assert [key for key, cell in cells.items() if cell[:1] in FORMULA_STARTS] == []


def glossary_of(term: str, definition: str, synonym: str) -> Glossary:
    """A one-term glossary built without YAML, so that any text can be tried."""
    text = TermText(term, None, None, (synonym,), definition)
    return Glossary(
        ("et", "en"),
        (Category("measurement", {"et": "Mõõtmine", "en": "Measurement"}),),
        (Term("x", "x.yml", "measurement", (), (), None, {"et": text, "en": text}),),
    )


cell_text = st.text(
    alphabet=st.sampled_from(sorted(FORMULA_STARTS) + list("'\" ,;aõ1\n"))
) | st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@settings(max_examples=200, deadline=None)
@given(cell_text, cell_text, cell_text)
def test_no_written_cell_starts_a_formula(term: str, definition: str, synonym: str) -> None:
    (row,) = read_csv(to_csv(glossary_of(term, definition, synonym), SITE))
    assert [key for key, cell in row.items() if cell[:1] in FORMULA_STARTS] == []
    # The term's name is written as it is, or with one apostrophe in front.
    assert row["term_et"] in (term, "'" + term)
