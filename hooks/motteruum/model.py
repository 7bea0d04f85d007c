"""What an author may write: the schema of glossary files, checked by pydantic.

Language sections are not hard-coded: :func:`term_schema` builds the term model for the
languages of the site, so adding a language to ``mkdocs.yml`` adds a required section here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Annotated, Any, ForwardRef, Literal

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    create_model,
    field_validator,
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


@cache
def _language_codes() -> frozenset[str]:
    """The ISO 639 codes a page can name a language by (Babel's list of language names)."""
    names: Mapping[str, str] = Locale("en").languages
    return frozenset(code for code in names if "_" not in code)


def _language_code(value: str) -> str:
    if value not in _language_codes():
        raise ValueError(
            f"{value!r} is not a language code: use the two- or three-letter ISO 639 code of "
            "the language the form comes from, such as 'en', 'de' or 'fr'"
        )
    return value


#: The form of a language code: two or three lower-case letters (ISO 639-1 or -2/3).
LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}$"
#: The language a foreign-language form comes from: an ISO 639 code such as ``en``.
LanguageCode = Annotated[
    str,
    StringConstraints(strict=True, pattern=LANGUAGE_CODE_PATTERN),
    AfterValidator(_language_code),
]
_FOREIGN = (
    "The language the form comes from (an ISO 639 code such as en), when it is a foreign-"
    "language form used as it is in this language's text (a loanword such as onboarding)"
)


class PreferredEntry(_Strict):
    """The preferred term written as a mapping, to mark it as a foreign-language form."""

    name: Name = Field(description="The preferred term")
    foreign: LanguageCode | None = Field(None, description=_FOREIGN)


class NameEntry(_Strict):
    """An abbreviation or a synonym with its status, written as a mapping."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"status": {"const": "deprecated"}}, "required": ["status"]},
            "then": {"required": ["reason"]},
            "else": {"not": {"required": ["reason"]}},
        }
    )

    name: Name = Field(description="The abbreviation or the synonym")
    status: Literal["admitted", "deprecated"] = Field(
        "admitted",
        description="admitted (the default: a name one may use) or deprecated (a name readers "
        "meet but should not use; needs a reason)",
    )
    reason: Text | None = Field(
        None, description="Why a deprecated name should not be used (plain text)"
    )
    foreign: LanguageCode | None = Field(None, description=_FOREIGN)

    @field_validator("status", mode="before")
    @classmethod
    def _not_preferred(cls, value: Any) -> Any:
        if value == "preferred":
            raise ValueError(
                "only 'term' is the preferred name: an abbreviation or a synonym is 'admitted' "
                "or 'deprecated' (to prefer this name, swap it with 'term')"
            )
        return value

    @model_validator(mode="after")
    def _reason_with_deprecated(self) -> NameEntry:
        if self.status == "deprecated" and self.reason is None:
            raise ValueError(
                "a deprecated name needs a 'reason': say why it should not be used "
                "(and what to say instead)"
            )
        if self.status != "deprecated" and self.reason is not None:
            raise ValueError(
                "'reason' says why a name is deprecated: add 'status: deprecated' or leave "
                "'reason' out"
            )
        return self


def _text_or_mapping(value: Any) -> str:
    return "name-entry" if isinstance(value, dict) else "name-text"


#: Tags of the two ways to write a name; :mod:`.validation` leaves them out of locations.
NAME_TAGS = frozenset({"name-text", "name-entry"})
#: The preferred term: its text, or ``{name: …, foreign: en}``.
PreferredName = Annotated[
    Annotated[Name, Tag("name-text")] | Annotated[PreferredEntry, Tag("name-entry")],
    Discriminator(_text_or_mapping),
]
#: An abbreviation or a synonym: its text (admitted), or ``{name: …, status: …, reason: …,
#: foreign: …}``.
OtherName = Annotated[
    Annotated[Name, Tag("name-text")] | Annotated[NameEntry, Tag("name-entry")],
    Discriminator(_text_or_mapping),
]


class CrosswordEntry(_Strict):
    """Optional crossword answer and clue for one language."""

    answer: Name | None = Field(None, description="The crossword answer, if not the term itself")
    clue: Text | None = Field(None, description="A short clue that does not contain the answer")


#: The number of a term's source, 1 for the first.
SourceNumber = Annotated[int, Field(strict=True, ge=1)]


class TermText(_Strict):
    """Everything about a term in one language."""

    model_config = ConfigDict(
        json_schema_extra={"dependentRequired": {"expansion": ["abbreviation"]}}
    )

    term: PreferredName = Field(
        description="The preferred term; unique in its language. Text, or {name: …, foreign: en} "
        "for a foreign-language form"
    )
    abbreviation: OtherName | None = Field(
        None,
        description="Abbreviation, e.g. NPS: text (admitted), or {name: …, status: deprecated, "
        "reason: …} / {name: …, foreign: en}",
    )
    expansion: Name | None = Field(None, description="The abbreviation spelled out")
    synonyms: list[OtherName] = Field(
        [],
        description="Other names readers may look for: text (admitted), or {name: …, status: "
        "deprecated, reason: …} / {name: …, foreign: en}",
    )
    definition: Text = Field(description="Markdown; link other terms as [text](other-id.md)")
    definition_source: SourceNumber | Literal["editor"] | None = Field(
        None,
        description="Where the definition comes from: the number of a source in 'sources' "
        "(1 = the first), or editor (written for this glossary)",
    )
    note: Text | None = Field(None, description="A usage note (plain text)")
    example: Text | None = Field(
        None, description="An example sentence that uses the term (plain text)"
    )
    crossword: CrosswordEntry | None = Field(None, description="Crossword answer and clue")

    @field_validator("definition_source", mode="before")
    @classmethod
    def _source_number_or_editor(cls, value: Any) -> Any:
        number = isinstance(value, int) and not isinstance(value, bool)
        if value is None or value == "editor" or (number and value >= 1):
            return value
        raise ValueError(
            "expected the number of a source in 'sources' (1 = the first) or editor (written "
            f"for this glossary), found {value!r}"
        )

    @model_validator(mode="after")
    def _expansion_needs_abbreviation(self) -> TermText:
        if self.expansion is not None and self.abbreviation is None:
            raise ValueError("'expansion' spells out an abbreviation: add 'abbreviation' too")
        return self


class TermCommon(_Strict):
    """Language-neutral fields of a term file."""

    category: str = Field(description="One category id of glossary/categories.yml")
    related: list[Text] = Field(
        [],
        description="Ids (file names) of related terms; each of them lists this term's id in "
        "its related too (related links go both ways)",
    )
    broader: list[Text] = Field(
        [],
        description="Ids of broader concepts (this term is a kind of each); each of them "
        "lists this term's id under narrower",
    )
    narrower: list[Text] = Field(
        [],
        description="Ids of narrower concepts (each is a kind of this term); each of them "
        "lists this term's id under broader",
    )
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
