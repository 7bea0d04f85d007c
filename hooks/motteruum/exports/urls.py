"""Addresses of the site's pages, as the exports cite them.

The site's languages and their URL prefixes are those the build lays out (read once, by
:func:`motteruum.languages.site_languages`, from static-i18n's configuration): the default
language has the prefix ``""``, English ``en/`` unless ``mkdocs.yml`` links it elsewhere.
:class:`SiteUrls` holds the absolute base URL with those prefixes, and gives

- a term's page: ``<base>terms/<id>/`` and ``<base><prefix>terms/<id>/``;
- the glossary index: ``<base>terms/`` (and ``<base><prefix>terms/``);
- a category on the categories page: ``<base>terms/categories/#<category id>``;
- a framework's page: ``<base>frameworks/<id>/``.

A term's URI, the one identifier of the concept in every format, is its page in the default
language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

__all__ = ["SiteUrls", "normalise_base_url"]

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


@dataclass(frozen=True)
class SiteUrls:
    """The site's absolute base URL and each language's URL prefix, the default first."""

    base_url: str
    #: ``(language code, prefix)`` pairs; the first is the default language (prefix ``""``).
    prefixes: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, base_url: str, prefixes: Iterable[tuple[str, str]]) -> SiteUrls:
        """Checked addresses: an absolute base URL, and prefixes that are ``""`` or end in ``/``."""
        pairs = tuple(prefixes)
        if not pairs:
            raise ValueError("the site has no language")
        for code, prefix in pairs:
            if prefix and (not prefix.endswith("/") or prefix.startswith("/")):
                raise ValueError(
                    f"the prefix of {code!r} must be relative and end in '/': {prefix!r}"
                )
        return cls(normalise_base_url(base_url), pairs)

    @property
    def default(self) -> str:
        """The default language: the one whose pages are the concepts' URIs."""
        return self.prefixes[0][0]

    @cached_property
    def _prefix(self) -> dict[str, str]:
        return dict(self.prefixes)

    def page(self, lang: str, path: str) -> str:
        """The address of ``path`` (e.g. ``terms/nps/``) in ``lang``."""
        prefix = self._prefix.get(lang)
        if prefix is None:
            raise KeyError(f"the site has no language {lang!r}")
        return f"{self.base_url}{prefix}{path}"

    def term(self, term_id: str) -> str:
        """The URI of a term: its page in the default language."""
        return self.page(self.default, f"terms/{term_id}/")

    def glossary(self) -> str:
        """The URI of the glossary as a whole: its index page in the default language."""
        return self.page(self.default, "terms/")

    def category(self, category_id: str) -> str:
        """The URI of a category: its heading on the categories page in the default language."""
        return self.page(self.default, f"terms/categories/#{category_id}")

    def framework(self, framework_id: str) -> str:
        """The URI of a framework: its page in the default language."""
        return self.page(self.default, f"frameworks/{framework_id}/")
