"""Every inflected form of a word, from simplemma's lexicon of forms and lemmas.

simplemma maps a language's word forms to their lemma (``kogemuse`` → ``kogemus``); turned
round, its lexicon gives the full paradigm of a word it knows (all 28 Estonian case forms of
``kogemus``, ``journeys`` for ``journey``). A word it lacks, usually a compound such as
``kliendikogemus`` or a rare derivation such as ``lojaalsus``, is inflected by analogy: the
known word form with the longest common ending (``kogemus``, ``reaalsus``) lends the endings of
its lemma's forms, so ``kliendikogemus`` declines as ``kliendi`` + the forms of ``kogemus``. The
model may be any form, so a compound or derivation that is itself a case form finds its lemma
too: ``kliendikogemuse`` ends like ``kogemuse``, a form of ``kogemus``, and so is a form of
``kliendikogemus``; ``parendustegevused`` is the plural of ``parendustegevus``.

A word that the lexicon knows as a form of another word (``kliendi``, a case of ``klient``)
keeps only itself, unless ``expand`` asks for the forms of its lemma too.

Where the lexicon is wrong or too thin for a word of the glossary (``bränd`` would decline like
``ränd``, *rännu*), ``words/<language>.yml`` gives the word's paradigm in full (see
:func:`own_paradigms`); it takes the place of the lexicon's, and the word is a model for
others (``ettevõttebränd``). ``bench/inflection_reference.py`` finds such words with EstNLTK's
Vabamorf and prints their paradigms.
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
from typing import Any, AnyStr

import yaml

from ..cache import cache_root

#: The shortest common ending that makes one word a model for another.
MIN_ENDING = 3
#: The shortest known form that, ending a word the lexicon lacks, is read as its last part
#: (``indeks`` in ``soovitusindeks``, rather than ``absindeks``, a case of ``absint``).
MIN_PART = 6
#: The folder of the paradigms given by hand, one file per language (``et.yml``).
OWN_PARADIGMS = Path(__file__).parent


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
    millions of forms, and only the few that a glossary needs are ever decoded. ``own`` gives
    paradigms in full (lemma → forms) that take the place of the table's: a form listed there
    belongs to that lemma, and the lemma has those forms and no others.
    """

    def __init__(
        self, table: Mapping[bytes, bytes], own: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self._table = table
        sizes = Counter(table.values())
        for lemma in sizes:
            if lemma not in table:
                sizes[lemma] += 1  # the lemma is a form of itself
        #: A paradigm at least this big is complete enough to lend its endings.
        self.full = max(2, int(statistics.median(sizes.values()))) if sizes else 2
        self._own: dict[str, frozenset[str]] = {}
        self._own_lemma: dict[str, str] = {}
        for given in sorted(own or {}):
            head = normalise(given)
            paradigm = frozenset({head, *(normalise(form) for form in (own or {})[given])})
            self._own[head] = paradigm
            for member in sorted(paradigm):
                self._own_lemma.setdefault(member, head)
            # A paradigm given in full is complete, however many forms the language has.
            sizes[head.encode()] = max(len(paradigm), self.full)
        self._sizes = sizes
        self._models = sorted(
            text[::-1]
            for lemma, size in sizes.items()
            if size >= self.full and (text := lemma.decode()).isalpha()
        )
        #: Every form of a paradigm that may lend its endings, its UTF-8 reversed (kept as bytes:
        #: a third less memory than text for millions of forms), made when first needed.
        self._endings: list[bytes] | None = None

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[str, str]], own: Mapping[str, Iterable[str]] | None = None
    ) -> Lexicon:
        """A lexicon of ``(form, lemma)`` pairs given as text."""
        table = {normalise(f).encode(): normalise(lemma).encode() for f, lemma in pairs}
        return cls(table, own)

    def lemma(self, word: str) -> str:
        if word in self._own_lemma:
            return self._own_lemma[word]
        found = self._table.get(word.encode())
        return word if found is None else found.decode()

    def knows(self, word: str) -> bool:
        encoded = word.encode()
        return word in self._own_lemma or encoded in self._table or encoded in self._sizes

    def size(self, lemma: str) -> int:
        return self._sizes.get(lemma.encode(), 0)

    def model_for(self, word: str) -> str | None:
        """The complete-paradigm word with the longest common ending (shortest, then first)."""
        found = _nearest(self._models, word[::-1], MIN_ENDING, "\U0010ffff")
        return None if found is None else found[::-1]

    def form_model_for(self, word: str) -> str | None:
        """The form, of a paradigm not too sparse to lend its endings, that ``word`` ends like.

        The longest such form, of :data:`MIN_PART` letters or more, that ends ``word`` after a
        known word (a compound: ``soovitus`` + ``indeks``, not ``müs`` + ``tilise``); else the
        form with the longest common ending (the shortest, then the first). The list of every
        form (reversed) is made the first time it is needed: for Estonian it takes a few
        seconds and some 150 MB, once per build whose forms are not in the cache.
        """
        for start in range(MIN_ENDING, len(word) - MIN_PART + 1):
            first, part = word[:start], word[start:]
            lends = self.knows(part) and self.size(self.lemma(part)) >= self.full / 2
            if lends and self.knows(first):
                return part
        if self._endings is None:
            own = {lemma.encode() for lemma in self._own}
            fuller = {lemma for lemma, size in self._sizes.items() if size >= self.full / 2} - own
            endings = [form[::-1] for form, lemma in self._table.items() if lemma in fuller]
            endings += (form.encode()[::-1] for forms in self._own.values() for form in forms)
            endings.sort()
            self._endings = endings
        found = _nearest(self._endings, word.encode()[::-1], MIN_ENDING, b"\xff")
        return None if found is None else found[::-1].decode()

    def forms_of(self, lemmas: set[str]) -> dict[str, set[str]]:
        """The known forms of each of ``lemmas``, the lemma included (one pass over the table)."""
        wanted = {lemma.encode(): lemma for lemma in lemmas if lemma not in self._own}
        found: dict[str, set[str]] = {lemma: {lemma} for lemma in lemmas}
        for given in lemmas & self._own.keys():
            found[given] |= self._own[given]
        if wanted:
            for form, lemma in self._table.items():
                if lemma in wanted:
                    found[wanted[lemma]].add(form.decode())
        return found


def _nearest(
    reversed_words: list[AnyStr], key: AnyStr, shortest: int, top: AnyStr
) -> AnyStr | None:
    """Of a sorted list of reversed words (text or UTF-8), the one with the longest common
    start with the reversed word ``key`` (at least ``shortest``; the shortest, then the first
    read forwards), not ``key`` itself. ``top`` sorts after every character."""
    at = bisect.bisect_left(reversed_words, key)
    best = max(
        (
            _common_prefix(reversed_words[i], key)
            for i in (at - 1, at, at + 1)
            if 0 <= i < len(reversed_words) and reversed_words[i] != key
        ),
        default=0,
    )
    if best < shortest:
        return None
    # Every word sharing ``best`` characters with the key lies in one run of the list.
    low = bisect.bisect_left(reversed_words, key[:best])
    high = bisect.bisect_left(reversed_words, key[:best] + top)
    candidates = [m for m in reversed_words[low:high] if m != key]
    return min(candidates, key=lambda c: (len(c), c[::-1]), default=None)


def _common_prefix(a: AnyStr, b: AnyStr) -> int:
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
        plans = {given: self._plan(given, expand) for given in words}
        wanted = {name for plan in plans.values() for name in (plan.base, plan.lends) if name}
        known = self.lexicon.forms_of(wanted)
        result: dict[str, Paradigm] = {}
        for given, plan in plans.items():
            forms = {plan.last}
            if plan.base is not None:
                forms |= known[plan.base]
            if plan.model is not None and plan.lends is not None:
                forms |= set(_borrow(plan.base or plan.last, plan.model, known[plan.lends]))
            result[given] = Paradigm(
                word=normalise(given),
                lemma=plan.prefix + plan.lemma,
                model=plan.model,
                forms=frozenset(plan.prefix + form for form in forms),
                known=self.lexicon.knows(plan.last),
            )
        return result

    def _plan(self, given: str, expand: bool) -> _Plan:
        head, dash, last = normalise(given).rpartition("-")
        prefix = head + dash
        lemma = self.lexicon.lemma(last)
        if not last or (lemma != last and not expand):
            return _Plan(prefix, last, lemma)
        sparse = self.lexicon.size(lemma) < self.lexicon.full / 2 and last.isalpha()
        model = self.lexicon.model_for(lemma) if sparse else None
        if not self.lexicon.knows(last) and last.isalpha():
            # A word the lexicon lacks is read as the form it ends like, when that shares a
            # longer ending than the nearest lemma: ``kliendikogemuse`` is to ``kliendikogemus``
            # what ``kogemuse`` is to ``kogemus``.
            form = self.lexicon.form_model_for(last)
            shared = _common_prefix(last[::-1], form[::-1]) if form else 0
            if form is not None and shared > _common_prefix(last[::-1], (model or "")[::-1]):
                lends = self.lexicon.lemma(form)
                form_stem = form[: len(form) - shared]
                if lends.startswith(form_stem):
                    own = last[: len(last) - shared] + lends[len(form_stem) :]
                    if own != last and not expand:
                        return _Plan(prefix, last, own)
                    return _Plan(prefix, last, own, model=form, lends=lends)
        return _Plan(prefix, last, lemma, base=lemma, model=model, lends=model)


@dataclass(frozen=True)
class _Plan:
    """How one word is inflected: its own forms (of ``base``) and endings borrowed from the
    forms of ``lends``, the lemma of ``model``, by the ending ``model`` shares with the word."""

    prefix: str  # the parts of a hyphenated word before the last (kept as they are)
    last: str
    lemma: str
    base: str | None = None
    model: str | None = None
    lends: str | None = None


def own_paradigms_file(lang: str) -> Path:
    """The file of paradigms given by hand for ``lang`` (``words/et.yml``)."""
    return OWN_PARADIGMS / f"{lang}.yml"


def own_paradigms(lang: str) -> dict[str, list[str]]:
    """The paradigms given by hand for ``lang``: lemma → every form, as the file lists them.

    The file (which may be missing) maps a lemma to the list of its forms, for example
    ``bränd: [bränd, brändi, brände, brändid, …]``; the lemma need not be repeated in the list.
    """
    path = own_paradigms_file(lang)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    data: Any = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected lemma: [forms …], found {type(data).__name__}")
    own: dict[str, list[str]] = {}
    for lemma, forms in data.items():
        if not isinstance(lemma, str) or not isinstance(forms, list):
            raise ValueError(f"{path}: {lemma!r}: expected lemma: [forms …]")
        if not all(isinstance(form, str) and form for form in forms):
            raise ValueError(f"{path}: {lemma}: every form must be text (quote yes, no, on, off)")
        own[lemma] = forms
    return own


@cache
def inflector(lang: str) -> Inflector:
    """The inflector of a language simplemma knows (loaded once per process), with the
    paradigms of :func:`own_paradigms` in the place of the lexicon's."""
    return Inflector(Lexicon(_simplemma_table(lang), own_paradigms(lang)))


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
    module, simplemma's version and the paradigms given by hand, which together name the cache
    file.
    """
    wanted = sorted(set(words))
    own = own_paradigms_file(lang)
    key = hashlib.sha256()
    for part in (
        Path(__file__).read_bytes(),
        version("simplemma").encode(),
        lang.encode(),
        own.read_bytes() if own.is_file() else b"",
    ):
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
