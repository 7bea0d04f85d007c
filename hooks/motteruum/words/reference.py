"""The reference forms of the glossary's Estonian name words, and how the build's forms meet it.

The build inflects words from simplemma's lexicon and by analogy
(:mod:`motteruum.words.inflection`); nothing in the build needs a morphological analyser. The
reference comes from one: EstNLTK's Vabamorf synthesiser, run by hand
(``bench/inflection_reference.py``), wrote for every word of every Estonian name of a term the
forms a reader most often types (singular and plural nominative, genitive and partitive) to a
file kept with the tests. The tests check that the search has each of them for the term's page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..glossary import Glossary, Term
from ..search import words
from .inflection import normalise

#: The forms the reference holds for each word (Vabamorf's names of number and case).
FORMS = ("sg n", "sg g", "sg p", "pl n", "pl g", "pl p")

#: What a reference entry is: its lemma, part of speech and the forms of :data:`FORMS`.
Entry = Mapping[str, object]


def native_names(term: Term, lang: str) -> list[str]:
    """The names of ``term`` that are words of ``lang``: the term and its synonyms, not those
    marked as a form of another language (``{name: onboarding, foreign: en}``), and not the
    abbreviation or its expansion (often a name in English)."""
    text = term.text(lang)
    designations = [text.preferred, *text.synonym_names]
    return [d.name for d in designations if d.foreign is None]


def words_of(name: str) -> list[str]:
    """The words of a name as the search separates them, as written, without abbreviations."""
    return [word for word in words(name) if not _abbreviation(word)]


def name_words(glossary: Glossary, lang: str) -> dict[str, set[str]]:
    """Term id → the words of its names in ``lang``, as written (abbreviations left out)."""
    return {
        term.id: {word for name in native_names(term, lang) for word in words_of(name)}
        for term in glossary.terms
    }


def _abbreviation(word: str) -> bool:
    """Two capitals (``SMART``, ``CX``, ``eNPS``) or a digit: an abbreviation, not a word."""
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


def read_reference(path: Path) -> dict[str, Entry | None]:
    """The reference file written by ``bench/inflection_reference.py``: word → entry, or
    ``None`` for a word that does not decline (``ja``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    words = data["words"]
    if not isinstance(words, dict):
        raise ValueError(f"{path}: 'words' is not a mapping")
    return words


def reference_forms(entry: Entry | None) -> set[str]:
    """Every form of :data:`FORMS` an entry lists (case-folded)."""
    forms: set[str] = set()
    if entry is None:
        return forms
    for name in FORMS:
        listed = entry.get(name, [])
        if isinstance(listed, list):
            forms |= {normalise(str(form)) for form in listed}
    return forms


def write_reference(path: Path, words: Mapping[str, Entry | None], generator: str) -> None:
    """Write the reference sorted, one word a line, so that a change is a readable diff."""
    lines = [
        "{",
        f'  "generator": {json.dumps(generator, ensure_ascii=False)},',
        f'  "forms": {json.dumps(list(FORMS))},',
        '  "words": {',
    ]
    ordered = sorted(words)
    for n, word in enumerate(ordered):
        comma = "," if n < len(ordered) - 1 else ""
        entry = json.dumps(words[word], ensure_ascii=False, sort_keys=True)
        lines.append(f"    {json.dumps(word, ensure_ascii=False)}: {entry}{comma}")
    lines += ["  }", "}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
