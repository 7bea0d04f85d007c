"""The validated glossary: frozen, typed objects the renderers work with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    author: str | None
    year: int | None
    title: str | None
    url: str | None


@dataclass(frozen=True)
class TermText:
    """A term in one language."""

    term: str
    abbreviation: str | None
    expansion: str | None
    synonyms: tuple[str, ...]
    definition: str
    crossword_answer: str | None = None
    crossword_clue: str | None = None


@dataclass(frozen=True)
class Term:
    """A concept with its text in every language; ``id`` is its file name and URL slug."""

    id: str
    source_path: str
    category: str
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    calculator: str | None
    texts: Mapping[str, TermText]

    def text(self, lang: str) -> TermText:
        return self.texts[lang]


@dataclass(frozen=True)
class Category:
    id: str
    labels: Mapping[str, str]

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True)
class Glossary:
    """Every term and category, in the languages of the site."""

    languages: tuple[str, ...]
    categories: tuple[Category, ...]
    terms: tuple[Term, ...]
    _by_id: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {term.id: term for term in self.terms})

    def term(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)
