"""schema.org JSON-LD for the term pages and the glossary index, one language at a time.

A term page carries a ``DefinedTerm``::

    {
      "@context": "https://schema.org",
      "@type": "DefinedTerm",
      "@id": "<page>#term",
      "name": "soovitusindeks",
      "alternateName": ["NPS", "net promoter score"],
      "description": "the definition as plain text",
      "termCode": "nps",
      "url": "<base>terms/nps/",
      "inLanguage": "et",
      "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": "<index>#glossary",
                           "name": "Sõnastik", "url": "<base>terms/"}
    }

(``alternateName`` is left out when a term has neither abbreviation nor synonyms.) The
index page carries the ``DefinedTermSet`` with the same ``@id``, its ``name``,
``description``, ``url`` and ``inLanguage``, and ``hasDefinedTerm``: every term (id order)
with its ``@id``, ``name``, ``termCode`` and ``url``. The set's name and description are
the index page's title and introduction in that language.

The text is meant for ``<script type="application/ld+json">``: it is written by
:func:`~motteruum.htmljson.script_json`, so no string can end the script early.
"""

from __future__ import annotations

from typing import Any

from ..glossary import Glossary, Term
from ..htmljson import script_json
from ..strings import translate
from .common import alternative_labels, terms_in_order
from .plaintext import plain_text
from .urls import SiteUrls

__all__ = ["defined_term_jsonld", "defined_term_set_jsonld", "script_safe_json"]

CONTEXT = "https://schema.org"


def defined_term_jsonld(glossary: Glossary, term: Term, lang: str, site: SiteUrls) -> str:
    """The ``DefinedTerm`` of ``term`` for its page in ``lang``, as JSON text."""
    _check_language(glossary, lang)
    text = term.text(lang)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DefinedTerm",
        "@id": _term_id(term, lang, site),
        "name": text.term,
    }
    alternates = alternative_labels(text)
    if alternates:
        data["alternateName"] = alternates
    data |= {
        "description": plain_text(text.definition),
        "termCode": term.id,
        "url": _term_url(term, lang, site),
        "inLanguage": lang,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": _set_id(lang, site),
            "name": _title(glossary, lang),
            "url": _index_url(lang, site),
        },
    }
    return script_safe_json(data)


def defined_term_set_jsonld(glossary: Glossary, lang: str, site: SiteUrls) -> str:
    """The ``DefinedTermSet`` of the glossary for its index page in ``lang``, as JSON text."""
    _check_language(glossary, lang)
    default = glossary.languages[0]
    data = {
        "@context": CONTEXT,
        "@type": "DefinedTermSet",
        "@id": _set_id(lang, site),
        "name": _title(glossary, lang),
        "description": translate("glossary.intro", lang, default),
        "url": _index_url(lang, site),
        "inLanguage": lang,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": _term_id(term, lang, site),
                "name": term.text(lang).term,
                "termCode": term.id,
                "url": _term_url(term, lang, site),
            }
            for term in terms_in_order(glossary)
        ],
    }
    return script_safe_json(data)


def script_safe_json(data: object) -> str:
    """JSON text (UTF-8, indented) that can stand inside an HTML ``<script>`` element."""
    return str(script_json(data, indent=2))


def _check_language(glossary: Glossary, lang: str) -> None:
    if lang not in glossary.languages:
        raise ValueError(f"{lang!r} is not a language of the glossary {glossary.languages}")


def _title(glossary: Glossary, lang: str) -> str:
    return translate("glossary.title", lang, glossary.languages[0])


def _term_url(term: Term, lang: str, site: SiteUrls) -> str:
    return site.page(lang, f"terms/{term.id}/")


def _term_id(term: Term, lang: str, site: SiteUrls) -> str:
    return f"{_term_url(term, lang, site)}#term"


def _index_url(lang: str, site: SiteUrls) -> str:
    return site.page(lang, "terms/")


def _set_id(lang: str, site: SiteUrls) -> str:
    return f"{_index_url(lang, site)}#glossary"
