"""The glossary as a CSV table for spreadsheets: one row per term, languages side by side.

Columns, with one column per language (in the glossary's order) wherever text is::

    id, category, category_et, category_en, term_et, term_en, abbreviation_et,
    abbreviation_en, expansion_et, expansion_en, definition_et, definition_en,
    synonyms_et, synonyms_en, related, url_et, url_en, sources

``category`` is the category id, ``category_<lang>`` its label. Definitions are plain text
on one line (links become their text, see :func:`~.plaintext.plain_text`); synonyms are
joined by ``"; "``, related term ids by ``" "`` and source citations by ``" | "``. Empty
cells are empty strings. Rows are in id order.

Formulas: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
the full-width ``＝ ＋ － ＠``) gets an apostrophe in front (``'=1+1``), so that spreadsheets
show it as text instead of running it as a formula (CSV injection, see
:mod:`calculators.spreadsheet`); every cell of the table is text. A cell that already begins
with apostrophes and such a character gets one more, so taking one apostrophe off such cells
(:func:`calculators.spreadsheet.read_text_cell`) gives the text back exactly.

Encoding: the text starts with a byte order mark (U+FEFF), so that Excel, which otherwise
reads a CSV file in the computer's legacy code page, opens it as UTF-8 and shows õ, ä, ö,
ü, š and ž correctly; other tools (Python's ``utf-8-sig``, LibreOffice, pandas) skip the mark.
Write the returned text with ``encoding="utf-8"`` and ``newline=""``: rows end in CRLF as
RFC 4180 asks, and fields with commas, quotes or line breaks are quoted.
"""

from __future__ import annotations

import csv
import io

from calculators.spreadsheet import text_cell

from ..glossary import Glossary
from .common import citation, terms_in_order
from .plaintext import plain_text
from .urls import SiteUrls

__all__ = ["BOM", "to_csv"]

BOM = "\ufeff"


def to_csv(glossary: Glossary, site: SiteUrls) -> str:
    """The glossary as CSV text, starting with a byte order mark."""
    languages = glossary.languages

    def per_language(name: str) -> list[str]:
        return [f"{name}_{lang}" for lang in languages]

    header = [
        "id",
        "category",
        *per_language("category"),
        *per_language("term"),
        *per_language("abbreviation"),
        *per_language("expansion"),
        *per_language("definition"),
        *per_language("synonyms"),
        "related",
        *per_language("url"),
        "sources",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for term in terms_in_order(glossary):
        texts = [term.text(lang) for lang in languages]
        category = glossary.category(term.category)
        row = [
            term.id,
            term.category,
            *(category.label(lang) for lang in languages),
            *(text.term for text in texts),
            *(text.abbreviation or "" for text in texts),
            *(text.expansion or "" for text in texts),
            *(plain_text(text.definition) for text in texts),
            *("; ".join(text.synonyms) for text in texts),
            " ".join(term.related),
            *(site.page(lang, f"terms/{term.id}/") for lang in languages),
            " | ".join(citation(source) for source in term.sources),
        ]
        writer.writerow([text_cell(cell) for cell in row])
    return BOM + buffer.getvalue()
