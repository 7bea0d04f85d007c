"""What an author may write: the schema of glossary files, checked by pydantic.

Language sections are not hard-coded: :func:`term_schema` builds the term model for the
languages of the site, so adding a language to ``mkdocs.yml`` adds a required section here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, ForwardRef, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, model_validator

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Url = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, pattern=r"^https?://\S+$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceEntry(_Strict):
    """An attribution: who wrote it, when, and a title or a link (or both)."""

    author: Text | None = None
    year: Annotated[int, Field(strict=True, ge=1900, le=2100)] | None = None
    title: Text | None = None
    url: Url | None = None

    @model_validator(mode="after")
    def _title_or_url(self) -> SourceEntry:
        if self.title is None and self.url is None:
            raise ValueError("a source needs a title or a url (or both)")
        return self


class CrosswordEntry(_Strict):
    """Optional crossword answer and clue for one language."""

    answer: Text | None = None
    clue: Text | None = None


class TermText(_Strict):
    """Everything about a term in one language."""

    term: Text
    abbreviation: Text | None = None
    expansion: Text | None = None
    synonyms: list[Text] = []
    definition: Text
    crossword: CrosswordEntry | None = None

    @model_validator(mode="after")
    def _expansion_needs_abbreviation(self) -> TermText:
        if self.expansion is not None and self.abbreviation is None:
            raise ValueError("'expansion' spells out an abbreviation: add 'abbreviation' too")
        return self


class TermCommon(_Strict):
    """Language-neutral fields of a term file."""

    category: str
    related: list[Text] = []
    sources: list[SourceEntry] = []
    calculator: Text | None = None


class CategoryEntry(_Strict):
    """A category's label per language (the language keys are added per site)."""


def _literal(values: Sequence[str]) -> Any:
    return Literal[tuple(values)]


def term_schema(languages: Sequence[str], categories: Sequence[str]) -> type[TermCommon]:
    """The model of one term file for the given languages and declared categories."""
    fields: dict[str, Any] = {lang: (TermText, ...) for lang in languages}
    fields["category"] = (_literal(categories), ...)
    return create_model("Term", __base__=TermCommon, **fields)


def category_schema(languages: Sequence[str]) -> type[CategoryEntry]:
    """The model of one entry of ``categories.yml``: a label per language."""
    fields: dict[str, Any] = {lang: (Text, ...) for lang in languages}
    return create_model("Category", __base__=CategoryEntry, **fields)


class DiagramEntry(_Strict):
    """How a framework is drawn: the nodes are its sections, or the items of one section."""

    kind: Literal["cycle", "chain", "triangle", "hub"]
    section: Text | None = None
    both_ways: bool = False


class SectionText(_Strict):
    title: Text
    text: Text | None = None


class FrameworkText(_Strict):
    title: Text
    summary: Text


class FrameworkCommon(_Strict):
    """Language-neutral fields of a framework file."""

    order: Annotated[int, Field(strict=True, ge=1)]
    related: list[Text] = []
    sources: list[SourceEntry] = []
    diagram: DiagramEntry | None = None


class ItemText(_Strict):
    """An item's text, with a short label for diagrams when the text is long."""

    text: Text
    label: Text | None = None


def framework_schema(languages: Sequence[str]) -> type[FrameworkCommon]:
    """The model of one framework file: sections of (nested) items, every text per language."""

    def texts(model: Any) -> dict[str, Any]:
        return {lang: (model, ...) for lang in languages}

    forward: Any = ForwardRef("Item")
    item = create_model(
        "Item",
        __base__=_Strict,
        id=(Text | None, None),
        term=(Text | None, None),
        items=(list[forward], []),
        **texts(Text | ItemText),
    )
    item.model_rebuild(_types_namespace={"Item": item})
    section = create_model(
        "Section",
        __base__=_Strict,
        id=(Text, ...),
        term=(Text | None, None),
        items=(list[item], []),
        **texts(SectionText),
    )
    return create_model(
        "Framework",
        __base__=FrameworkCommon,
        sections=(list[section], ...),
        **texts(FrameworkText),
    )
