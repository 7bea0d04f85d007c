"""The crossword page: answers and clues chosen from the glossary, laid out now, as HTML.

Per language, a term gives one answer: its ``crossword.answer`` if the author wrote one, else
the term when it is a single word (hyphens allowed), else its abbreviation. The clue is the
author's ``crossword.clue``, else the first sentence of the definition as plain text with the
answer (and the term, its abbreviation and its expansion) masked. Answers the generator would
reject, repeats, and answers shorter than :data:`MIN_LETTERS` or longer than
:data:`MAX_LETTERS` are skipped. Of the rest, :data:`MAX_ENTRIES` are taken, those with an
author's clue first, each group in an order shuffled with :data:`SEED`, and laid out with the
same seed: the same glossary always gives the same puzzle.

The grid, the clue lists and an answer key are written into the page, so it prints and reads
without JavaScript; the page script plays the puzzle embedded as JSON next to them.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from markupsafe import Markup

from .cache import cached_text
from .crossword import AnswerError, Entry, generate, normalize_answer
from .crossword.browser import puzzle_data
from .exports.plaintext import plain_text
from .glossary import Glossary, TermText
from .htmljson import script_json
from .render import environment
from .strings import catalog, translate

__all__ = [
    "CROSSWORDS",
    "MASK",
    "MAX_ENTRIES",
    "SEED",
    "Candidate",
    "CrosswordView",
    "candidates",
    "choose",
    "mask",
    "page_puzzle",
    "short_definition",
]

#: Names a ``<!-- crossword: … -->`` marker may use.
CROSSWORDS: Final = ("glossary",)
#: Seed of the page's puzzle: the choice of entries and the layout.
SEED: Final = 2024
#: Entries offered to the layout (fewer when the glossary has fewer usable answers).
MAX_ENTRIES: Final = 30
MIN_LETTERS: Final = 3
MAX_LETTERS: Final = 15
#: Longest clue taken from a definition, in characters.
CLUE_LENGTH: Final = 90
#: What replaces the answer in a clue made from a definition.
MASK: Final = "…"

_WORD = re.compile(r"\w+", re.UNICODE)
#: The end of a sentence: a full stop, ! or ? before a space and a capital letter or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”“»]?\s+(?=[\"„“«(]?[A-ZÕÄÖÜŠŽ])")
#: Where a long sentence may be cut: before a colon, semicolon, dash or parenthesis.
_CLAUSE_BREAK = re.compile(r"[:;]\s|\s[–—]\s|\s\(")


@dataclass(frozen=True)
class Candidate:
    """A term's answer and clue in one language."""

    term_id: str
    entry: Entry
    authored: bool  # the clue is the author's crossword.clue
    abbreviation: bool  # the answer is the term's abbreviation


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("„") == text.count("“")


def short_definition(definition: str, limit: int = CLUE_LENGTH) -> str:
    """The first sentence of a Markdown definition as plain text, shortened if long.

    A long sentence ends at its last clause break (colon, semicolon, dash or opening
    parenthesis) that keeps it within ``limit`` and no shorter than half of it, outside
    parentheses and quotes; failing that, at the last whole word, with "…".
    """
    text = plain_text(definition)
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip().rstrip(".").strip()
    if len(first) <= limit:
        return first
    breaks = [
        m.start()
        for m in _CLAUSE_BREAK.finditer(first)
        if limit // 2 <= m.start() <= limit and _balanced(first[: m.start()])
    ]
    if breaks:
        return first[: breaks[-1]].rstrip()
    cut = first[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return f"{cut}…"


def _fold(text: str) -> str:
    return text.casefold()


def _same_word(word: str, hidden: str) -> bool:
    """Is ``word`` a form of ``hidden``? Case-insensitive; endings allowed (Estonian cases).

    ``teenuse`` is a form of ``teenus``, and ``kliendi`` of ``klient`` (one letter of the stem
    may change before an ending of up to three letters).
    """
    word, hidden = _fold(word), _fold(hidden)
    if len(hidden) < 2:
        return False
    if word.startswith(hidden):
        return len(word) - len(hidden) <= 4 or len(hidden) >= 5
    if len(hidden) >= 5 and len(word) <= len(hidden) + 3:
        return word.startswith(hidden[:-1])
    return False


def mask(clue: str, hidden: Sequence[str]) -> str:
    """``clue`` with every form of the texts in ``hidden`` replaced by :data:`MASK`.

    A text of one word hides any word that is a form of it; a text of several words hides the
    same words in a row (the last one in any form), so "customer" alone stays visible when the
    answer is "customer journey".
    """
    phrases = sorted(
        {tuple(_WORD.findall(text)) for text in hidden if _WORD.findall(text)},
        key=len,
        reverse=True,
    )
    words = list(_WORD.finditer(clue))
    masked: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        for phrase in phrases:
            end = k + len(phrase)
            if end > len(words):
                continue
            head = [_fold(w.group()) for w in words[k : end - 1]]
            if head == [_fold(p) for p in phrase[:-1]] and _same_word(
                words[end - 1].group(), phrase[-1]
            ):
                masked.append((words[k].start(), words[end - 1].end()))
                k = end
                break
        else:
            k += 1
    for start, stop in reversed(masked):
        clue = clue[:start] + MASK + clue[stop:]
    return clue


def _answer(text: TermText) -> tuple[str, bool] | None:
    """The answer a term gives in one language, and whether it is the abbreviation."""
    if text.crossword_answer:
        return text.crossword_answer, False
    if not text.term.split()[1:]:
        return text.term, False
    if text.abbreviation:
        return text.abbreviation, True
    return None


def candidates(glossary: Glossary, lang: str, default_lang: str) -> list[Candidate]:
    """Every usable answer of the glossary in ``lang``, in the glossary's order."""
    found: list[Candidate] = []
    seen: set[str] = set()
    for term in glossary.terms:
        text = term.text(lang)
        chosen = _answer(text)
        if chosen is None:
            continue
        answer, is_abbreviation = chosen
        try:
            cells = normalize_answer(answer).cells
        except AnswerError:
            continue
        if not MIN_LETTERS <= len(cells) <= MAX_LETTERS or cells in seen:
            continue
        if text.crossword_clue:
            clue = " ".join(text.crossword_clue.split())
        else:
            hidden = [answer, text.term, *(t for t in (text.abbreviation, text.expansion) if t)]
            clue = mask(short_definition(text.definition), hidden)
        if is_abbreviation:
            clue = translate("crossword.abbreviation", lang, default_lang, clue=clue)
        seen.add(cells)
        authored = bool(text.crossword_clue)
        found.append(Candidate(term.id, Entry(answer, clue), authored, is_abbreviation))
    return found


#: Answers that start with the same letters are one family (KLIENT, KLIENDIKOGEMUS,
#: KLIENDITEEKOND): in one grid their crossings and clues give each other away.
FAMILY_LETTERS: Final = 5
#: At most this many answers of one family in a puzzle.
FAMILY_LIMIT: Final = 2


def choose(found: Sequence[Candidate], seed: int = SEED, limit: int = MAX_ENTRIES) -> list[Entry]:
    """Up to ``limit`` entries: those with an author's clue first, each group shuffled, and at
    most :data:`FAMILY_LIMIT` answers that start with the same :data:`FAMILY_LETTERS` letters."""
    rng = random.Random(seed)
    authored = [c for c in found if c.authored]
    others = [c for c in found if not c.authored]
    rng.shuffle(authored)
    rng.shuffle(others)
    chosen: list[Entry] = []
    families: dict[str, int] = {}
    for candidate in authored + others:
        family = normalize_answer(candidate.entry.answer).cells[:FAMILY_LETTERS]
        if families.get(family, 0) >= FAMILY_LIMIT:
            continue
        families[family] = families.get(family, 0) + 1
        chosen.append(candidate.entry)
        if len(chosen) == limit:
            break
    return chosen


@cache
def page_puzzle(entries: tuple[Entry, ...], seed: int = SEED) -> dict[str, Any]:
    """The page's puzzle as plain data (see :func:`~motteruum.crossword.browser.puzzle_data`).

    Laying a puzzle out takes about half a second, the same for the same entries, seed and
    generator: it is kept between builds (see :mod:`.cache`) under a key made of all three.
    """
    key = (
        _generator_digest(),
        str(seed),
        json.dumps([[entry.answer, entry.clue] for entry in entries], ensure_ascii=False),
    )

    def lay_out() -> str:
        return json.dumps(puzzle_data(generate(entries, seed)), ensure_ascii=False)

    data: dict[str, Any] = json.loads(cached_text("crossword", key, lay_out))
    return data


@cache
def _generator_digest() -> str:
    """A digest of the crossword generator's code: a new generator makes new puzzles."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).parent / "crossword").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    letter: str | None
    number: int


class CrosswordView:
    """Renders the crossword of one language."""

    def __init__(self, name: str, lang: str, default_lang: str, glossary: Glossary) -> None:
        self.name = name
        self.lang = lang
        self.default_lang = default_lang
        self.glossary = glossary

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, self.default_lang, **values)

    def puzzle(self) -> dict[str, Any]:
        entries = choose(candidates(self.glossary, self.lang, self.default_lang))
        if not entries:
            raise ValueError(f"the glossary has no crossword answers in {self.lang!r}")
        return page_puzzle(tuple(entries))

    def render(self) -> str:
        data = self.puzzle()
        numbers = {(c["row"], c["col"]): c["number"] for c in data["clues"]}
        rows = [
            [
                Cell(r, c, None if letter == "." else letter, numbers.get((r, c), 0))
                for c, letter in enumerate(line)
            ]
            for r, line in enumerate(data["solution"])
        ]
        template = environment().get_template("crossword.html.j2")
        return template.render(
            name=self.name,
            lang=self.lang,
            t=self.t,
            puzzle=data,
            rows=rows,
            across=[c for c in data["clues"] if c["direction"] == "across"],
            down=[c for c in data["clues"] if c["direction"] == "down"],
            data=_script_json(data),
            strings=_script_json(self.strings()),
        )

    def strings(self) -> dict[str, str]:
        """The UI strings the page script needs, in this language."""
        return {key: self.t(key) for key in sorted(catalog()) if key.startswith("crossword.")}


def _script_json(data: object) -> Markup:
    """Compact JSON that can stand inside an HTML ``<script>`` element."""
    return script_json(data)


def embedded(html: str) -> dict[str, Any]:
    """The puzzle data embedded in rendered crossword HTML (for tests and tools)."""
    match = re.search(r'<script type="application/json" data-puzzle>(.*?)</script>', html, re.S)
    if match is None:
        raise ValueError("no crossword data in the page")
    data: dict[str, Any] = json.loads(match.group(1))
    return data
