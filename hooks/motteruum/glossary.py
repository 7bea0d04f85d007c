"""The validated glossary: frozen, typed objects the renderers work with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

#: The standing of a name (ISO 704, IATE): the term is preferred; an abbreviation or a synonym
#: is admitted unless the author deprecated it.
Status = Literal["preferred", "admitted", "deprecated"]
PREFERRED: Status = "preferred"
ADMITTED: Status = "admitted"
DEPRECATED: Status = "deprecated"


@dataclass(frozen=True)
class Source:
    author: str | None
    year: int | None
    title: str | None
    url: str | None


@dataclass(frozen=True)
class Designation:
    """One name of a concept in one language, with its standing.

    ``status`` is :data:`PREFERRED` for the term, else :data:`ADMITTED` or :data:`DEPRECATED`;
    ``reason`` says why a deprecated name should not be used. ``foreign`` is the ISO 639 code of
    the language a foreign-language form comes from when it is used as it is in this language's
    text (``en`` for *onboarding* among the Estonian names), else ``None``.
    """

    name: str
    status: Status = ADMITTED
    reason: str | None = None
    foreign: str | None = None


@dataclass(frozen=True)
class TermText:
    """A term in one language.

    ``term``, ``abbreviation`` and ``synonyms`` are the names as text (what search, mentions
    and the index look for); ``designations`` holds the same names with their status, in the
    order term, abbreviation, synonyms (see :meth:`names`).
    """

    term: str
    abbreviation: str | None
    expansion: str | None
    synonyms: tuple[str, ...]
    definition: str
    crossword_answer: str | None = None
    crossword_clue: str | None = None
    designations: tuple[Designation, ...] = ()
    #: The number of the term's source the definition comes from (1 = the first), ``"editor"``
    #: for a definition written for the glossary, ``None`` when the author has not said.
    definition_source: int | Literal["editor"] | None = None
    #: A usage note and an example sentence (plain text).
    note: str | None = None
    example: str | None = None

    def names(self) -> tuple[Designation, ...]:
        """Every name with its status: the term, the abbreviation (if any), the synonyms.

        A text made without designations has the defaults: the term preferred, the others
        admitted and in the text's own language.
        """
        if self.designations:
            return self.designations
        others = (self.abbreviation,) if self.abbreviation else ()
        return (
            Designation(self.term, PREFERRED),
            *(Designation(name) for name in (*others, *self.synonyms)),
        )

    @property
    def preferred(self) -> Designation:
        """The term with its status (preferred) and language marker."""
        return self.names()[0]

    @property
    def abbreviation_name(self) -> Designation | None:
        """The abbreviation with its status, if there is one."""
        return self.names()[1] if self.abbreviation else None

    @property
    def synonym_names(self) -> tuple[Designation, ...]:
        """The synonyms with their status, in the author's order."""
        return self.names()[len(self.names()) - len(self.synonyms) :]


@dataclass(frozen=True)
class Term:
    """A concept with its text in every language; ``id`` is its file name and URL slug."""

    id: str
    source_path: str
    category: str
    #: Ids of related terms. Symmetric: the check reports a link one file lists and the other
    #: does not (the build adds nothing), so what a page lists is what its file says.
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    calculator: str | None
    texts: Mapping[str, TermText]
    former_ids: tuple[str, ...] = ()
    #: Ids of broader and narrower concepts; the check keeps them inverse (see
    #: :func:`~.loader.check_relations`), as it keeps ``related`` symmetric.
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()

    def text(self, lang: str) -> TermText:
        return self.texts[lang]


@dataclass(frozen=True)
class Category:
    id: str
    labels: Mapping[str, str]

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True)
class Item:
    """A list item of a framework section, optionally about a term, with sub-items."""

    texts: Mapping[str, str]
    labels: Mapping[str, str | None]
    term: str | None
    items: tuple[Item, ...]
    id: str | None = None
    notes: Mapping[str, str | None] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return self.texts[lang]

    def note(self, lang: str) -> str | None:
        """A short explanation of the item, if the author gave one."""
        return self.notes.get(lang)

    def label(self, lang: str) -> str:
        """A short form for diagrams (the text itself unless a label is given)."""
        return self.labels[lang] or self.texts[lang]


@dataclass(frozen=True)
class Section:
    id: str
    titles: Mapping[str, str]
    texts: Mapping[str, str | None]
    term: str | None
    items: tuple[Item, ...]

    def title(self, lang: str) -> str:
        return self.titles[lang]

    def text(self, lang: str) -> str | None:
        return self.texts[lang]


@dataclass(frozen=True)
class Diagram:
    kind: str
    section: str | None
    both_ways: bool


@dataclass(frozen=True)
class Framework:
    """A management model: titled sections of items, drawn as a diagram where it is one."""

    id: str
    source_path: str
    order: int
    titles: Mapping[str, str]
    summaries: Mapping[str, str]
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    diagram: Diagram | None
    sections: tuple[Section, ...]

    def title(self, lang: str) -> str:
        return self.titles[lang]

    def summary(self, lang: str) -> str:
        return self.summaries[lang]

    @cached_property
    def mentions(self) -> dict[str, str | None]:
        """Every term the framework mentions, with the section anchor of its first mention."""
        found: dict[str, str | None] = dict.fromkeys(self.related)

        def walk(items: tuple[Item, ...], anchor: str) -> None:
            for item in items:
                if item.term is not None:
                    found.setdefault(item.term, anchor)
                walk(item.items, anchor)

        for section in self.sections:
            if section.term is not None:
                found.setdefault(section.term, section.id)
            walk(section.items, section.id)
        return found


@dataclass(frozen=True)
class Glossary:
    """Every term, category and framework, in the languages of the site."""

    languages: tuple[str, ...]
    categories: tuple[Category, ...]
    terms: tuple[Term, ...]
    frameworks: tuple[Framework, ...] = ()
    _by_id: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {term.id: term for term in self.terms})

    def term(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def where_used(self, term_id: str) -> list[tuple[Framework, str | None]]:
        """The frameworks that mention a term, with the anchor of the first mention."""
        return [
            (framework, framework.mentions[term_id])
            for framework in self.frameworks
            if term_id in framework.mentions
        ]
