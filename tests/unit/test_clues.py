"""Crossword clues do not give their answers away, in either language.

The check is written here on its own, independent of the generator's masking
(:func:`motteruum.crossword_view.mask`), so that a weakness of one is not hidden by the other.

**The answer** of a term in a language is its ``crossword.answer``, else the term when it is one
word (hyphens allowed), else its abbreviation: the answer the schema documents. The words a clue
must not give away (*hidden words*) are the parts of the answer split on spaces and hyphens and
the whole answer without them; when the answer is the abbreviation, also every word of the term
and of the expansion, since a clue must not spell out what the letters stand for.

**Words** are runs of letters, compared case-folded. Estonian õ, ä, ö, ü, š and ž are letters of
their own and are kept (``kõik`` is not ``koik``); no accents are stripped.

**The stem rule.** Estonian case endings and English inflections change the end of a word
(``kogemus`` → ``kogemuse``, ``kogemuste``; ``promoter`` → ``promoters``), so the stem of a hidden
word of four or more letters is its first ``max(4, len - 2)`` letters, and a clue word must not
start with it. A hidden word shorter than four letters (an abbreviation such as ``NPS`` or
``KPI``) must not be a clue word itself, nor with an English plural *s*; shorter words of a term
or an expansion (``net``, ``of``, ``the``) are not checked.

**Compounds.** Estonian compounds end in a word of their own (``kliendi|kogemus``): every ending
of a hidden word that is at least five letters long is treated as a possible last part, and its
stem (as above) must not start a clue word either, so ``kogemuste`` gives away
``KLIENDIKOGEMUS``. The first part is caught the other way round: a clue word of at least five
letters must not share its first five letters with the start of a hidden word, so ``kliendi``,
``klientide`` and ``kokku`` give away ``KLIENDIKOGEMUS`` and ``KOKKUPUUTEPUNKT``.

The rule is an approximation and errs on the strict side: a clue may have to avoid an unrelated
word that happens to share a stem.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from motteruum.glossary import Glossary, TermText
from motteruum.loader import load_glossary
from tests.conftest import LANGUAGES, ROOT

#: A word: a run of letters (no digits, no underscore).
WORD = re.compile(r"[^\W\d_]+")
#: What separates the parts of a multi-word answer.
SEPARATOR = re.compile(r"[\s\-\u2010\u2011]+")
#: Shortest and longest answer the crossword page uses, in letters.
MIN_LETTERS, MAX_LETTERS = 3, 15


def calculators() -> set[str]:
    folder = ROOT / "docs" / "calculators"
    return {p.name.split(".")[0] for p in folder.glob("*.md")} - {"index"}


def load(root: Path = ROOT / "glossary") -> Glossary:
    return load_glossary(root, LANGUAGES, calculators=calculators())


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


def answer_of(text: TermText) -> tuple[str, bool] | None:
    """The answer in this language and whether it is the abbreviation."""
    abbreviation = (text.abbreviation or "").casefold()
    if text.crossword_answer:
        return text.crossword_answer, text.crossword_answer.casefold() == abbreviation
    if len(text.term.split()) == 1:
        return text.term, False
    if text.abbreviation:
        return text.abbreviation, True
    return None


def usable(answer: str) -> bool:
    """Only letters, spaces and hyphens, and a length the crossword page takes."""
    letters = SEPARATOR.sub("", answer)
    return letters.isalpha() and MIN_LETTERS <= len(letters) <= MAX_LETTERS


def hidden_words(answer: str, names: tuple[str, ...] = ()) -> set[str]:
    """The words of the answer (and of ``names``) that a clue must not give away."""
    parts = [p.casefold() for p in SEPARATOR.split(answer) if p]
    found = {*parts, "".join(parts)}
    for name in names:
        found.update(w for w in words(name) if len(w) >= 4)
    return {w for w in found if w}


def giveaways(clue: str, hidden: set[str]) -> set[str]:
    """The words of ``clue`` that give away one of the ``hidden`` words."""
    found: set[str] = set()
    for word in words(clue):
        for secret in hidden:
            if len(secret) < 4:
                if word in (secret, secret + "s"):
                    found.add(word)
                continue
            stems = {stem(secret)} | {
                stem(secret[i:]) for i in range(1, len(secret)) if len(secret) - i >= 5
            }
            if any(word.startswith(s) for s in stems) or (
                len(word) >= 5 and secret.startswith(word[:5])
            ):
                found.add(word)
    return found


def check(text: TermText) -> set[str]:
    """The giveaways of the clue of one term in one language (nothing without a clue)."""
    chosen = answer_of(text)
    if not text.crossword_clue or chosen is None:
        return set()
    answer, is_abbreviation = chosen
    names = (text.term, text.expansion or "") if is_abbreviation else ()
    return giveaways(text.crossword_clue, hidden_words(answer, names))


def test_every_crossword_answer_has_a_handwritten_clue_in_both_languages() -> None:
    missing = [
        (term.id, lang)
        for term in load().terms
        for lang in LANGUAGES
        if (chosen := answer_of(term.text(lang))) is not None
        and usable(chosen[0])
        and not term.text(lang).crossword_clue
    ]
    assert missing == []


def test_no_clue_contains_the_stem_of_its_answer() -> None:
    found = {
        (term.id, lang, term.text(lang).crossword_clue or ""): sorted(bad)
        for term in load().terms
        for lang in LANGUAGES
        if (bad := check(term.text(lang)))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("answer", "names", "clue", "expected"),
    [
        # the two halves of a compound, each in another form
        (
            "KLIENDIKOGEMUS",
            (),
            "Kõigi organisatsiooniga seotud kogemuste summa kliendi jaoks",
            {"kogemuste", "kliendi"},
        ),
        ("kliendikogemus", (), "Ettevõtte kogemuse parandamine", {"kogemuse"}),
        ("klienditeekond", (), "Klientide läbitav teekonna kaart", {"klientide", "teekonna"}),
        # the last part of a compound as a word of its own
        ("SOOVITUSINDEKS", (), "Indeks soovitajate osakaalust", {"indeks", "soovitajate"}),
        # the first part of a compound as a word of its own
        ("KOKKUPUUTEPUNKT", (), "Hetk, kus klient ettevõttega kokku puutub", {"kokku"}),
        # an abbreviation: its expansion and term count too
        (
            "eNPS",
            ("Employee Net Promoter Score",),
            "Net Promoter Score asked of employees",
            {
                "promoter",
                "score",
                "employees",
            },
        ),
        (
            "eNPS",
            ("töötajate soovitusindeks",),
            "Soovitusindeks, mille küsimusele vastavad töötajad",
            {"soovitusindeks", "töötajad"},
        ),
        ("NPS", (), "The NPS-i and the NPSs", {"nps", "npss"}),
        # each word of a multi-word answer
        ("target group", (), "The group an offering is aimed at", {"group"}),
        (
            "customer experience",
            (),
            "The sum of a customer's experiences",
            {
                "customer",
                "experiences",
            },
        ),
        # Estonian letters are letters: õ is not o
        ("kõne", (), "Kone ja kõned", {"kõned"}),
    ],
)
def test_the_rule_catches_words_built_on_the_answer(
    answer: str, names: tuple[str, ...], clue: str, expected: set[str]
) -> None:
    assert giveaways(clue, hidden_words(answer, names)) == expected


@pytest.mark.parametrize(
    ("answer", "clue"),
    [
        (
            "KLIENDIKOGEMUS",
            "Ostja sisemine ja subjektiivne vastus igale otsesele või kaudsele kontaktile",
        ),
        ("SATISFACTION", "The feeling when an experience meets or exceeds expectations"),
        ("TEENUS", "Mittemateriaalne tegevus, mida üks osapool pakub teisele"),
    ],
)
def test_the_rule_lets_fair_clues_through(answer: str, clue: str) -> None:
    assert giveaways(clue, hidden_words(answer)) == set()
