"""Addresses of the site's pages, as the exports cite them.

The first language of the glossary is the site's default and has no prefix; every other
language lives under ``<lang>/``, as mkdocs-static-i18n lays the site out:

- a term's page: ``<base>terms/<id>/`` and ``<base>en/terms/<id>/``;
- the glossary index: ``<base>terms/`` (and ``<base>en/terms/``);
- a category on the categories page: ``<base>terms/categories/#<category id>``;
- a framework's page: ``<base>frameworks/<id>/``.

A term's URI, the one identifier of the concept in every format, is its page in the default
language.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..glossary import Glossary

__all__ = [
    "category_uri",
    "framework_uri",
    "glossary_uri",
    "normalise_base_url",
    "page_url",
    "term_uri",
]

#: Characters an IRI written in Turtle (or an XML attribute, unescaped) must not contain.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def normalise_base_url(base_url: str) -> str:
    """The site's absolute base URL, ending in ``/``; :class:`ValueError` if it is not one."""
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"the base URL must be absolute http(s), not {base_url!r}")
    if _NOT_IN_IRI.search(base_url):
        raise ValueError(f"the base URL contains characters an IRI cannot hold: {base_url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"the base URL cannot have a query or a fragment: {base_url!r}")
    return base_url if base_url.endswith("/") else f"{base_url}/"


def page_url(glossary: Glossary, base_url: str, lang: str, path: str) -> str:
    """The address of ``path`` (e.g. ``terms/nps/``) in ``lang``."""
    prefix = "" if lang == glossary.languages[0] else f"{lang}/"
    return f"{normalise_base_url(base_url)}{prefix}{path}"


def term_uri(glossary: Glossary, base_url: str, term_id: str) -> str:
    """The URI of a term: its page in the default language."""
    return page_url(glossary, base_url, glossary.languages[0], f"terms/{term_id}/")


def glossary_uri(glossary: Glossary, base_url: str) -> str:
    """The URI of the glossary as a whole: its index page in the default language."""
    return page_url(glossary, base_url, glossary.languages[0], "terms/")


def category_uri(glossary: Glossary, base_url: str, category_id: str) -> str:
    """The URI of a category: its heading on the categories page in the default language."""
    return page_url(glossary, base_url, glossary.languages[0], f"terms/categories/#{category_id}")


def framework_uri(glossary: Glossary, base_url: str, framework_id: str) -> str:
    """The URI of a framework: its page in the default language."""
    return page_url(glossary, base_url, glossary.languages[0], f"frameworks/{framework_id}/")
