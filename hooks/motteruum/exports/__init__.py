"""The glossary in open formats, for download and for search engines.

Every export is a pure function of a :class:`~motteruum.glossary.Glossary` (and, where
addresses are needed, the site's :class:`~.urls.SiteUrls`: its base URL and the URL prefix of
each language) that returns the file's text: deterministic, with no timestamps, terms in id
order, languages in the glossary's order. Only the standard library writes them.

- :func:`to_json`: everything, every language side by side (:mod:`.glossary_json`);
- :func:`to_csv`: one row per term for spreadsheets, UTF-8 with a BOM (:mod:`.glossary_csv`);
- :func:`to_tbx`: TBX-Basic (ISO 30042:2019) for translation tools (:mod:`.tbx`);
- :func:`to_turtle`: SKOS concepts and collections in Turtle (:mod:`.skos`);
- :func:`defined_term_jsonld` / :func:`defined_term_set_jsonld`: schema.org JSON-LD for a
  term page and for the glossary index (:mod:`.jsonld`);
- :func:`plain_text`: a Markdown definition as plain text (:mod:`.plaintext`).

:func:`downloads` gives the four files by the path they are published under.
"""

from __future__ import annotations

from ..glossary import Glossary
from .glossary_csv import to_csv
from .glossary_json import to_json
from .jsonld import defined_term_jsonld, defined_term_set_jsonld
from .plaintext import plain_text
from .skos import to_turtle
from .tbx import to_tbx
from .urls import SiteUrls

__all__ = [
    "DOWNLOADS",
    "SiteUrls",
    "defined_term_jsonld",
    "defined_term_set_jsonld",
    "downloads",
    "plain_text",
    "to_csv",
    "to_json",
    "to_tbx",
    "to_turtle",
]

#: Where each export is published inside the site, with its media type.
DOWNLOADS = {
    "downloads/glossary.json": "application/json",
    "downloads/glossary.csv": "text/csv; charset=utf-8",
    "downloads/glossary.tbx": "application/xml",
    "downloads/glossary.ttl": "text/turtle",
}


def downloads(glossary: Glossary, site: SiteUrls) -> dict[str, str]:
    """Every download file: ``{path inside the site: text}`` (write the text as UTF-8)."""
    return {
        "downloads/glossary.json": to_json(glossary, site),
        "downloads/glossary.csv": to_csv(glossary, site),
        "downloads/glossary.tbx": to_tbx(glossary, site),
        "downloads/glossary.ttl": to_turtle(glossary, site),
    }
