"""What an author may write: the schema of glossary files, checked by pydantic.

Language sections are not hard-coded: :func:`term_schema` builds the term model for the
languages of the site, so adding a language to ``mkdocs.yml`` adds a required section here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Annotated, Any, ForwardRef, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

Text = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, pattern=r"\S")
]

_WORD = re.compile(r"\w+")
#: Alphabets whose letters look alike (Latin "o", Cyrillic "о", Greek "ο").
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _script(character: str) -> str | None:
    if not character.isalpha():
        return None
    script = unicodedata.name(character, "").split(" ", 1)[0]
    return script if script in _LOOKALIKE_SCRIPTS else None


def _name(value: str) -> str:
    """A name as it is stored and compared: NFC, and each word in a single alphabet.

    A word that mixes alphabets (a Cyrillic "о" typed into a Latin word) looks right on the
    page but is never found by search or matched as a duplicate, so it is a problem.
    """
    value = unicodedata.normalize("NFC", value)
    for word in _WORD.findall(value):
        scripts = Counter(script for script in map(_script, word) if script)
        if len(scripts) > 1:
            main = scripts.most_common(1)[0][0]
            odd = next(c for c in word if _script(c) not in (None, main))
            names = " and ".join(script.title() for script in scripts)
            raise ValueError(
                f"the word {word!r} mixes {names} letters ({odd!r} is U+{ord(odd):04X} "
                f"{unicodedata.name(odd)}): type the word in one alphabet"
            )
    return value


#: A name a reader looks for (a term, an abbreviation, a synonym, a title).
Name = Annotated[Text, AfterValidator(_name)]
Url = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, pattern=r"^https?://\S+$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceEntry(_Strict):
    """An attribution: who wrote it, when, and a title or a link (or both)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["title"]}, {"required": ["url"]}]}
    )

    author: Text | None = Field(None, description="Author or authors, as the source names them")
    year: Annotated[int, Field(strict=True, ge=1900, le=2100)] | None = Field(
        None, description="Year of publication"
    )
    title: Text | None = Field(None, description="Title of the work (a title or a url is needed)")
    url: Url | None = Field(None, description="Web address starting with http:// or https://")

    @model_validator(mode="after")
    def _title_or_url(self) -> SourceEntry:
        if self.title is None and self.url is None:
            raise ValueError("a source needs a title or a url (or both)")
        return self


class CrosswordEntry(_Strict):
    """Optional crossword answer and clue for one language."""

    answer: Name | None = Field(None, description="The crossword answer, if not the term itself")
    clue: Text | None = Field(None, description="A short clue that does not contain the answer")


class TermText(_Strict):
    """Everything about a term in one language."""

    model_config = ConfigDict(
        json_schema_extra={"dependentRequired": {"expansion": ["abbreviation"]}}
    )

    term: Name = Field(description="The preferred term; unique in its language")
    abbreviation: Name | None = Field(None, description="Abbreviation, e.g. NPS")
    expansion: Name | None = Field(None, description="The abbreviation spelled out")
    synonyms: list[Name] = Field([], description="Other names readers may look for")
    definition: Text = Field(description="Markdown; link other terms as [text](other-id.md)")
    crossword: CrosswordEntry | None = Field(None, description="Crossword answer and clue")

    @model_validator(mode="after")
    def _expansion_needs_abbreviation(self) -> TermText:
        if self.expansion is not None and self.abbreviation is None:
            raise ValueError("'expansion' spells out an abbreviation: add 'abbreviation' too")
        return self


class TermCommon(_Strict):
    """Language-neutral fields of a term file."""

    category: str = Field(description="One category id of glossary/categories.yml")
    related: list[Text] = Field([], description="Ids (file names) of related terms")
    sources: list[SourceEntry] = Field([], description="Where the content comes from")
    calculator: Text | None = Field(None, description="The calculator page of the term")
    former_ids: list[Text] = Field(
        [], description="Earlier ids of the term; their old addresses redirect here"
    )


class CategoryEntry(_Strict):
    """A category's label per language (the language keys are added per site)."""


def _literal(values: Sequence[str]) -> Any:
    return Literal[tuple(values)]


def term_schema(languages: Sequence[str], categories: Sequence[str]) -> type[TermCommon]:
    """The model of one term file for the given languages and declared categories."""
    fields: dict[str, Any] = {lang: (TermText, ...) for lang in languages}
    fields["category"] = (
        # No categories when categories.yml has problems (reported): any id passes meanwhile.
        _literal(categories) if categories else str,
        Field(description="One category id of glossary/categories.yml"),
    )
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
    title: Name
    text: Text | None = None


class FrameworkText(_Strict):
    title: Name
    summary: Text


class FrameworkCommon(_Strict):
    """Language-neutral fields of a framework file."""

    order: Annotated[int, Field(strict=True, ge=1)]
    related: list[Text] = []
    sources: list[SourceEntry] = []
    diagram: DiagramEntry | None = None


class ItemText(_Strict):
    """An item's text, with a short label for diagrams and an optional explanation."""

    text: Text
    label: Text | None = Field(None, description="A short form of the text for diagrams")
    note: Text | None = Field(None, description="A short explanation (Markdown)")


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
