"""Every inflected form of a word, from simplemma's lexicon of forms and lemmas.

simplemma maps a language's word forms to their lemma (``kogemuse`` → ``kogemus``); turned
round, its lexicon gives the full paradigm of a word it knows (all 28 Estonian case forms of
``kogemus``, ``journeys`` for ``journey``). A word it lacks, usually a compound such as
``kliendikogemus`` or a rare derivation such as ``lojaalsus``, is inflected by analogy: the
known word with the longest common ending (``kogemus``, ``reaalsus``) lends its endings, so
``kliendikogemus`` declines as ``kliendi`` + the forms of ``kogemus``.

A word that the lexicon knows as a form of another word (``kliendi``, a case of ``klient``)
keeps only itself, unless ``expand`` asks for the forms of its lemma too.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..cache import cache_root

#: The shortest common ending that makes one word a model for another.
MIN_ENDING = 3


def normalise(word: str) -> str:
    """The form words are compared in: NFC and case-folded."""
    return unicodedata.normalize("NFC", word).casefold()


@dataclass(frozen=True)
class Paradigm:
    """How a word is inflected: its own forms, or those of the model word it follows."""

    word: str
    lemma: str  # the word's lemma (the word itself unless the lexicon knows it as a form)
    model: str | None  # the known word whose endings it borrows, if any
    forms: frozenset[str]
    known: bool  # the lexicon has the word (as a form or a lemma)


class Lexicon:
    """Forms and lemmas of one language, with the size of every lemma's paradigm.

    The table is kept as simplemma stores it, UTF-8 bytes (``{form: lemma}``): a language has
    millions of forms, and only the few that a glossary needs are ever decoded.
    """

    def __init__(self, table: Mapping[bytes, bytes]) -> None:
        self._table = table
        sizes = Counter(table.values())
        for lemma in sizes:
            if lemma not in table:
                sizes[lemma] += 1  # the lemma is a form of itself
        #: A paradigm at least this big is complete enough to lend its endings.
        self.full = max(2, int(statistics.median(sizes.values()))) if sizes else 2
        self._sizes = sizes
        self._models = sorted(
            text[::-1]
            for lemma, size in sizes.items()
            if size >= self.full and (text := lemma.decode()).isalpha()
        )

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Lexicon:
        """A lexicon of ``(form, lemma)`` pairs given as text."""
        return cls({normalise(f).encode(): normalise(lemma).encode() for f, lemma in pairs})

    def lemma(self, word: str) -> str:
        found = self._table.get(word.encode())
        return word if found is None else found.decode()

    def knows(self, word: str) -> bool:
        encoded = word.encode()
        return encoded in self._table or encoded in self._sizes

    def size(self, lemma: str) -> int:
        return self._sizes.get(lemma.encode(), 0)

    def model_for(self, word: str) -> str | None:
        """The complete-paradigm word with the longest common ending (shortest, then first)."""
        models, key = self._models, word[::-1]
        at = bisect.bisect_left(models, key)
        best = max(
            (_common_prefix(models[i], key) for i in (at - 1, at) if 0 <= i < len(models)),
            default=0,
        )
        if best < MIN_ENDING:
            return None
        # Every model sharing ``best`` characters with the key lies in one run of the list.
        low = bisect.bisect_left(models, key[:best])
        high = bisect.bisect_left(models, key[:best] + "\U0010ffff")
        candidates = [m[::-1] for m in models[low:high] if m != key]
        return min(candidates, key=lambda c: (len(c), c), default=None)

    def forms_of(self, lemmas: set[str]) -> dict[str, set[str]]:
        """The known forms of each of ``lemmas``, the lemma included (one pass over the table)."""
        wanted = {lemma.encode(): lemma for lemma in lemmas}
        found: dict[str, set[str]] = {lemma: {lemma} for lemma in lemmas}
        for form, lemma in self._table.items():
            if lemma in wanted:
                found[wanted[lemma]].add(form.decode())
        return found


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _borrow(word: str, model: str, model_forms: Iterable[str]) -> Iterator[str]:
    """``word`` with the endings of ``model``'s forms: the parts after their common ending."""
    shared = _common_prefix(word[::-1], model[::-1])
    own_stem, model_stem = word[: len(word) - shared], model[: len(model) - shared]
    for form in model_forms:
        if form.startswith(model_stem):
            yield own_stem + form[len(model_stem) :]


class Inflector:
    """Paradigms of words of one language, computed in batches (one pass over the lexicon)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def paradigms(self, words: Iterable[str], *, expand: bool = False) -> dict[str, Paradigm]:
        """The paradigm of every word (keys as given; forms case-folded).

        In a hyphenated word only the last part is inflected (``cx-indeks`` → ``cx-indeksit``).
        """
        plans: dict[str, tuple[str, str, str | None, str | None]] = {}
        for given in words:
            head, dash, last = normalise(given).rpartition("-")
            lemma = self.lexicon.lemma(last)
            if not last or (lemma != last and not expand):
                plans[given] = (head + dash, last, None, None)
                continue
            sparse = self.lexicon.size(lemma) < self.lexicon.full / 2 and last.isalpha()
            plans[given] = (
                head + dash,
                last,
                lemma,
                self.lexicon.model_for(lemma) if sparse else None,
            )
        wanted = {name for plan in plans.values() for name in plan[2:] if name}
        known = self.lexicon.forms_of(wanted)
        result: dict[str, Paradigm] = {}
        for given, (prefix, last, base, model) in plans.items():
            forms = {last}
            if base is not None:
                forms |= known[base]
            if base is not None and model is not None:
                forms |= set(_borrow(base, model, known[model]))
            result[given] = Paradigm(
                word=normalise(given),
                lemma=prefix + (base or self.lexicon.lemma(last)),
                model=model,
                forms=frozenset(prefix + form for form in forms),
                known=self.lexicon.knows(last),
            )
        return result


@cache
def inflector(lang: str) -> Inflector:
    """The inflector of a language simplemma knows (loaded once per process)."""
    return Inflector(Lexicon(_simplemma_table(lang)))


def _simplemma_table(lang: str) -> Mapping[bytes, bytes]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    mapping = DefaultDictionaryFactory().get_dictionary(lang)
    raw = getattr(mapping, "_dict", None)
    if isinstance(raw, dict):  # simplemma's own table, undecoded
        return raw
    return {f.encode(): lemma.encode() for f, lemma in mapping.items()}


def cache_folder() -> Path:
    """Where computed forms are kept between builds (``$XDG_CACHE_HOME/motteruum/forms``)."""
    return cache_root() / "forms"


def paradigms(
    lang: str, words: Iterable[str], *, expand: bool = False, folder: Path | None = None
) -> dict[str, Paradigm]:
    """The paradigm of each of ``words`` in ``lang``, computed once and then read from a cache.

    Loading a lexicon takes seconds; the answer depends only on the words, the language, this
    module and simplemma's version, which together name the cache file.
    """
    wanted = sorted(set(words))
    key = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), version("simplemma").encode(), lang.encode()):
        key.update(part + b"\0")
    key.update(json.dumps([expand, wanted], ensure_ascii=False).encode())
    path = (folder or cache_folder()) / f"{lang}-{key.hexdigest()[:32]}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {
            word: Paradigm(
                word=item["word"],
                lemma=item["lemma"],
                model=item["model"],
                forms=frozenset(item["forms"]),
                known=item["known"],
            )
            for word, item in stored.items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = inflector(lang).paradigms(wanted, expand=expand)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        text = json.dumps(
            {w: {**vars(p), "forms": sorted(p.forms)} for w, p in found.items()},
            ensure_ascii=False,
        )
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only home only costs time
    return found
