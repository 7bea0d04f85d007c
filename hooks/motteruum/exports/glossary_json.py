"""The whole glossary as one JSON document, every language side by side.

The shape (``…`` stands for the other languages, keyed by the codes in ``languages``)::

    {
      "languages": ["et", "en"],
      "uri": "<base>terms/",
      "categories": [
        {"id": "measurement", "uri": "<base>terms/categories/#measurement",
         "labels": {"et": "Mõõtmine ja tagasiside", "en": "Measurement and feedback"}}
      ],
      "terms": [
        {
          "id": "nps",
          "uri": "<base>terms/nps/",
          "category": {"id": "measurement", "labels": {"et": "…", "en": "…"}},
          "related": ["csat", "enps"],
          "sources": [{"author": "…", "year": 2003, "title": "…", "url": "https://…"}],
          "texts": {
            "et": {
              "term": "soovitusindeks",
              "abbreviation": "NPS",
              "expansion": "Net Promoter Score",
              "synonyms": ["net promoter score"],
              "definition": "Markdown, as written",
              "definition_text": "the same as plain text on one line",
              "url": "<base>terms/nps/"
            },
            "en": {"…": "…", "url": "<base>en/terms/nps/"}
          }
        }
      ],
      "frameworks": [
        {"id": "relationship-quality", "uri": "<base>frameworks/relationship-quality/",
         "titles": {"et": "…", "en": "…"}, "terms": ["satisfaction", "trust"]}
      ]
    }

Terms are in id order; frameworks in the site's order, each with the ids of the terms it
mentions in the order they first appear. ``abbreviation``, ``expansion`` and a source's
``author``, ``year``, ``title`` and ``url`` are ``null`` when the glossary has none.
Definitions link other terms as ``[text](<id>.md)``. The text is UTF-8, not ASCII-escaped.
"""

from __future__ import annotations

import json
from typing import Any

from ..glossary import Glossary, Term
from .common import frameworks_in_order, terms_in_order
from .plaintext import plain_text
from .urls import SiteUrls

__all__ = ["to_json"]


def to_json(glossary: Glossary, site: SiteUrls) -> str:
    """The glossary as JSON text (ending in a newline)."""
    document = {
        "languages": list(glossary.languages),
        "uri": site.glossary(),
        "categories": [
            {
                "id": category.id,
                "uri": site.category(category.id),
                "labels": {lang: category.label(lang) for lang in glossary.languages},
            }
            for category in glossary.categories
        ],
        "terms": [_term(glossary, term, site) for term in terms_in_order(glossary)],
        "frameworks": [
            {
                "id": framework.id,
                "uri": site.framework(framework.id),
                "titles": {lang: framework.title(lang) for lang in glossary.languages},
                "terms": list(framework.mentions),
            }
            for framework in frameworks_in_order(glossary)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _term(glossary: Glossary, term: Term, site: SiteUrls) -> dict[str, Any]:
    category = glossary.category(term.category)
    texts = {}
    for lang in glossary.languages:
        text = term.text(lang)
        texts[lang] = {
            "term": text.term,
            "abbreviation": text.abbreviation,
            "expansion": text.expansion,
            "synonyms": list(text.synonyms),
            "definition": text.definition,
            "definition_text": plain_text(text.definition),
            "url": site.page(lang, f"terms/{term.id}/"),
        }
    return {
        "id": term.id,
        "uri": site.term(term.id),
        "category": {
            "id": category.id,
            "labels": {lang: category.label(lang) for lang in glossary.languages},
        },
        "related": list(term.related),
        "sources": [
            {"author": s.author, "year": s.year, "title": s.title, "url": s.url}
            for s in term.sources
        ],
        "texts": texts,
    }
