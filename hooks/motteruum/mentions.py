"""Where running text mentions a glossary term, in any inflected form or by its abbreviation.

A term is mentioned by its name or a synonym (``kliendikogemuse juhtimise`` is a mention of
``kliendikogemuse juhtimine``: each word may take any of its forms, see
:mod:`motteruum.words.inflection`; a word that is itself a case form, such as ``kliendi``,
must appear as written), or by its abbreviation, also with an Estonian case ending or an
English plural (``NPS-i``, ``KPIs``; abbreviations are matched with their capitals).
At each place the longest name wins, so ``töötajate soovitusindeks`` is not read as
``soovitusindeks``. A synonym in quotation marks (``„miks“``) names the word as a word, not a
mention to look for: ``miks`` in a sentence is a question, not the term.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .crossword_view import short_definition
from .glossary import Glossary
from .words.inflection import normalise, paradigms

#: A word of running text: letters and digits, hyphenated parts kept together.
_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
#: What may stand between the words of a name: spaces, after a hanging hyphen ("motivatsiooni-").
_GAP = re.compile(r"[-‐]?\s+")
#: An abbreviation's Estonian case ending (NPS-i, KPI-dega) or English plural (KPIs).
_ABBREVIATION_ENDING = r"(?:[-‐]\w{1,5}|s)?"
#: Quotation marks around a whole synonym.
_QUOTED = re.compile(r"^[„“”\"'‘’«»].*[„“”\"'‘’«»]$")
#: The length of a preview's text, in characters.
PREVIEW_LENGTH = 160


@dataclass(frozen=True)
class Mention:
    """A mention of ``term`` at ``start:end`` of a text."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class Preview:
    """What a preview card shows: the term (with its abbreviation) and its definition's start."""

    title: str
    text: str


@dataclass(frozen=True)
class _Name:
    term: str
    words: tuple[frozenset[str], ...]  # the allowed forms of each word, case-folded
    preferred: bool  # the term's own name, not a synonym


class Finder:
    """Finds the mentions of a glossary's terms in texts of one language."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        spelled: list[tuple[str, list[str], bool]] = []
        abbreviations: dict[str, str] = {}
        for term in glossary.terms:
            text = term.text(lang)
            spelled.append((term.id, _WORD.findall(text.term), True))
            for synonym in text.synonyms:
                if not _QUOTED.match(synonym):
                    spelled.append((term.id, _WORD.findall(synonym), False))
            if text.abbreviation:
                abbreviations.setdefault(text.abbreviation, term.id)
        forms = paradigms(lang, {w for _, found, _ in spelled for w in found})
        names = [
            _Name(term_id, tuple(forms[w].forms for w in found), preferred)
            for term_id, found, preferred in spelled
            if found
        ]
        self._by_first: dict[str, list[_Name]] = defaultdict(list)
        for name in names:
            for form in name.words[0]:
                self._by_first[form].append(name)
        for starting in self._by_first.values():
            starting.sort(key=lambda n: (-len(n.words), not n.preferred, n.term))
        self._abbreviations = abbreviations
        self._abbreviation = (
            re.compile(
                "(?<![\\w-])("
                + "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
                + f"){_ABBREVIATION_ENDING}(?![\\w-])"
            )
            if abbreviations
            else None
        )

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in ``text``, left to right, the longest at each place."""
        words = list(_WORD.finditer(text))
        k = 0
        while k < len(words):
            found = self._name_at(text, words, k) or self._abbreviation_at(words[k])
            if found is None:
                k += 1
                continue
            mention, length = found
            yield mention
            k += length

    def _name_at(self, text: str, words: list[re.Match[str]], k: int) -> tuple[Mention, int] | None:
        for name in self._by_first.get(normalise(words[k].group()), ()):
            end = k + len(name.words)
            if end > len(words):
                continue
            if all(
                normalise(words[k + i].group()) in allowed
                and (i == 0 or _GAP.fullmatch(text, words[k + i - 1].end(), words[k + i].start()))
                for i, allowed in enumerate(name.words)
            ):
                return Mention(words[k].start(), words[end - 1].end(), name.term), len(name.words)
        return None

    def _abbreviation_at(self, word: re.Match[str]) -> tuple[Mention, int] | None:
        if self._abbreviation is None:
            return None
        match = self._abbreviation.fullmatch(word.group())
        if match is None:
            return None
        return Mention(word.start(), word.end(), self._abbreviations[match[1]]), 1


def previews(glossary: Glossary, lang: str) -> dict[str, Preview]:
    """The preview card of every term in ``lang``."""
    found = {}
    for term in glossary.terms:
        text = term.text(lang)
        title = f"{text.term} ({text.abbreviation})" if text.abbreviation else text.term
        found[term.id] = Preview(title, short_definition(text.definition, PREVIEW_LENGTH))
    return found
