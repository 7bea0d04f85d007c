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


class _Node:
    """A place in the tree of names: the forms that lead on, and the name that ends here."""

    __slots__ = ("name", "next")

    def __init__(self) -> None:
        self.next: dict[str, list[_Node]] = {}
        self.name: _Name | None = None


def _rank(name: _Name) -> tuple[bool, str]:
    """Which of two names of the same length wins: the term's own name, then the first id."""
    return (not name.preferred, name.term)


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
        self._root = _Node()
        nodes: dict[tuple[frozenset[str], ...], _Node] = {}
        for name in names:
            node = self._root
            path: tuple[frozenset[str], ...] = ()
            for allowed in name.words:
                path = (*path, allowed)
                child = nodes.get(path)
                if child is None:
                    child = nodes[path] = _Node()
                    for form in allowed:
                        node.next.setdefault(form, []).append(child)
                node = child
            if node.name is None or _rank(name) < _rank(node.name):
                node.name = name
        self._abbreviations = abbreviations
        #: The first two letters of every abbreviation (all of one of a single letter): a word
        #: that starts otherwise is no abbreviation.
        self._abbreviation_starts = frozenset(a[:2] for a in abbreviations)
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
        forms = [normalise(word.group()) for word in words]
        starts = self._root.next
        k = 0
        while k < len(words):
            found = None
            if forms[k] in starts:
                found = self._name_at(text, words, forms, k)
            word = words[k].group()
            if found is None and (
                word[:2] in self._abbreviation_starts or word[:1] in self._abbreviation_starts
            ):
                found = self._abbreviation_at(words[k])
            if found is None:
                k += 1
                continue
            mention, length = found
            yield mention
            k += length

    def _name_at(
        self, text: str, words: list[re.Match[str]], forms: list[str], k: int
    ) -> tuple[Mention, int] | None:
        """The longest name that starts at word ``k`` (``forms``: the words normalised): one
        walk down the tree of names, word by word, so its cost does not grow with the number
        of names."""
        frontier = [self._root]
        best: tuple[_Name, int] | None = None
        for i in range(k, len(words)):
            if i > k and not _GAP.fullmatch(text, words[i - 1].end(), words[i].start()):
                break
            frontier = [child for node in frontier for child in node.next.get(forms[i], ())]
            if not frontier:
                break
            ending = [node.name for node in frontier if node.name is not None]
            if ending:
                best = (min(ending, key=_rank), i - k + 1)
        if best is None:
            return None
        name, length = best
        return Mention(words[k].start(), words[k + length - 1].end(), name.term), length

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
