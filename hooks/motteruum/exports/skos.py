"""The glossary as SKOS in Turtle: a concept scheme, its concepts and collections.

Prefixes: ``skos:`` (``http://www.w3.org/2004/02/skos/core#``) and ``dct:``
(``http://purl.org/dc/terms/``); every other IRI is written in full, made from the site's
base URL (see :mod:`.urls`).

- ``<base>terms/`` is the ``skos:ConceptScheme``: the glossary index, with the index's title
  as ``skos:prefLabel`` and its introduction as ``dct:description`` in every language.
- ``<base>terms/<id>/`` is a ``skos:Concept`` per term (id order), ``skos:inScheme`` the
  scheme, with per language (``"…"@et``) one ``skos:prefLabel`` (the preferred term),
  ``skos:altLabel``\\ s (the admitted abbreviation and synonyms), ``skos:hiddenLabel``\\ s
  (the deprecated ones: found by search, never shown as a name to use), no label repeating
  another, a ``skos:definition`` as plain text, the usage note as ``skos:scopeNote`` and the
  example sentence as ``skos:example``; then ``skos:broader``, ``skos:narrower`` and
  ``skos:related`` to other terms as the glossary lists them (the check keeps related
  symmetric and broader/narrower inverse, as SKOS reads them), and a ``dct:source`` literal per
  source (``Author (Year). Title. URL``).
- ``<base>terms/categories/#<category>`` is a ``skos:Collection`` per category with its
  labels as ``skos:prefLabel`` and its terms as ``skos:member``.
- ``<base>frameworks/<id>/`` is a ``skos:Collection`` per framework with its titles as
  ``skos:prefLabel`` and the terms it mentions as ``skos:member``.

Strings are written as short literals with every quote, backslash and control character
escaped, so any text survives; nothing but the standard library writes the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..glossary import DEPRECATED, Glossary, Term, TermText
from ..strings import translate
from .common import citation, frameworks_in_order, terms_in_order
from .plaintext import plain_text
from .urls import SiteUrls

__all__ = ["PREFIXES", "to_turtle", "turtle_iri", "turtle_string"]

PREFIXES: Mapping[str, str] = {
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b"}
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")


def turtle_string(text: str, lang: str | None = None) -> str:
    """A Turtle string literal, ``"…"`` with escapes, tagged ``@lang`` if a language is given."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(char) or f"\\u{ord(char):04X}"

    literal = f'"{_ESCAPED.sub(escape, text)}"'
    if lang is None:
        return literal
    if not _LANGUAGE_TAG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    return f"{literal}@{lang}"


def turtle_iri(iri: str) -> str:
    """An absolute IRI in angle brackets; :class:`ValueError` if it holds forbidden characters."""
    if _NOT_IN_IRI.search(iri):
        raise ValueError(f"not writable as a Turtle IRI: {iri!r}")
    return f"<{iri}>"


def to_turtle(glossary: Glossary, site: SiteUrls) -> str:
    """The glossary as SKOS in Turtle (UTF-8 text, ending in a newline)."""
    languages = glossary.languages
    scheme = turtle_iri(site.glossary())
    terms = terms_in_order(glossary)

    def concept(term_id: str) -> str:
        return turtle_iri(site.term(term_id))

    def translations(key: str) -> list[str]:
        return [turtle_string(translate(key, lang, languages[0]), lang) for lang in languages]

    blocks = [
        "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()),
        _block(
            scheme,
            [
                ("a", ["skos:ConceptScheme"]),
                ("skos:prefLabel", translations("glossary.title")),
                ("dct:description", translations("glossary.intro")),
            ],
        ),
    ]
    blocks += [_concept(glossary, term, scheme, concept) for term in terms]
    for category in glossary.categories:
        members = [concept(term.id) for term in terms if term.category == category.id]
        blocks.append(
            _block(
                turtle_iri(site.category(category.id)),
                [
                    ("a", ["skos:Collection"]),
                    ("skos:prefLabel", _labels(category.labels, languages)),
                    ("skos:member", members),
                ],
            )
        )
    for framework in frameworks_in_order(glossary):
        blocks.append(
            _block(
                turtle_iri(site.framework(framework.id)),
                [
                    ("a", ["skos:Collection"]),
                    ("skos:prefLabel", _labels(framework.titles, languages)),
                    ("skos:member", [concept(term_id) for term_id in sorted(framework.mentions)]),
                ],
            )
        )
    return "\n".join(blocks)


def _concept(glossary: Glossary, term: Term, scheme: str, concept: Callable[[str], str]) -> str:
    languages = glossary.languages
    texts = [(lang, term.text(lang)) for lang in languages]
    return _block(
        concept(term.id),
        [
            ("a", ["skos:Concept"]),
            ("skos:inScheme", [scheme]),
            ("skos:prefLabel", [turtle_string(text.term, lang) for lang, text in texts]),
            (
                "skos:altLabel",
                [
                    turtle_string(label, lang)
                    for lang, text in texts
                    for label in _labels_with_status(text, deprecated=False)
                ],
            ),
            (
                "skos:hiddenLabel",
                [
                    turtle_string(label, lang)
                    for lang, text in texts
                    for label in _labels_with_status(text, deprecated=True)
                ],
            ),
            (
                "skos:definition",
                [turtle_string(plain_text(text.definition), lang) for lang, text in texts],
            ),
            (
                "skos:scopeNote",
                [turtle_string(text.note, lang) for lang, text in texts if text.note],
            ),
            (
                "skos:example",
                [turtle_string(text.example, lang) for lang, text in texts if text.example],
            ),
            ("skos:broader", [concept(other) for other in term.broader]),
            ("skos:narrower", [concept(other) for other in term.narrower]),
            ("skos:related", [concept(related) for related in term.related]),
            ("dct:source", [turtle_string(citation(source)) for source in term.sources]),
        ],
    )


def _labels_with_status(text: TermText, *, deprecated: bool) -> list[str]:
    """The abbreviation and synonyms that are (or are not) deprecated, each name once and
    never the preferred term: SKOS keeps preferred, alternative and hidden labels apart, so a
    name listed twice counts with its first status."""
    first: dict[str, bool] = {}
    for name in text.names()[1:]:
        if name.name != text.term:
            first.setdefault(name.name, name.status == DEPRECATED)
    return [label for label, is_deprecated in first.items() if is_deprecated == deprecated]


def _labels(texts: Mapping[str, str], languages: Sequence[str]) -> list[str]:
    return [turtle_string(texts[lang], lang) for lang in languages]


def _block(subject: str, predicates: Iterable[tuple[str, Sequence[str]]]) -> str:
    """One subject with its predicates; an object list of several goes one object a line."""
    lines = []
    for predicate, objects in predicates:
        if not objects:
            continue
        if len(objects) == 1:
            lines.append(f"    {predicate} {objects[0]}")
        else:
            lines.append(f"    {predicate}\n" + ",\n".join(f"        {o}" for o in objects))
    return f"{subject}\n" + " ;\n".join(lines) + " .\n"
