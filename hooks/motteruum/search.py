"""Site search in the reader's language that finds a term from any of its inflected forms.

Material's search (lunr in a Web Worker) knows no Estonian, matches the start of words only
and keeps one index for every language. Two additions make it work for this glossary:

* The entries of term and framework pages in ``search/search_index.json`` get two fields,
  boosted in ``mkdocs.yml``: :data:`FORMS` lists every form of every word of the page's names
  in that language (for a term: the term, its abbreviation and expansion, its synonyms; see
  :mod:`motteruum.words.inflection`), and :data:`HEAD` the forms of a one-word term and of
  its abbreviation, so that the page of ``rahulolu`` comes before ``töötajate rahulolu uuring``.
  A reader typing ``kliendikogemuse`` or ``soovitusindeksit`` finds the term page, whose
  text never has to contain that form.
* Every entry is marked with its language (both while the pages are built, so that the index
  is written once), and each page starts Material's worker through a
  small wrapper (``docs/assets/javascripts/workers/search-i18n.js``) that passes on only the
  entries of the page's language.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import escape

from .glossary import Glossary, Term
from .htmljson import script_json
from .problems import ThemeChanged
from .strings import translate
from .words.inflection import Paradigm, normalise, paradigms

#: The search index field with the forms of a term of one word and of its abbreviation, so
#: that ``rahulolu`` finds the page of ``rahulolu`` before ``töötajate rahulolu uuring``.
HEAD = "headword"
#: The search index field with the forms of every word of every name of the page.
FORMS = "forms"
#: The search index field with each name of several words as one token, its words joined by
#: and starting with :data:`JOIN`, the last word in all its forms (``_net_promoter_scores``);
#: the search worker looks a query of several words up here, joined the same way. (The leading
#: ``_`` keeps a query of one word, matched as the start of words, from matching phrases.)
PHRASE = "phrase"
JOIN = "_"
#: The wrapper around Material's search worker, next to it in ``assets/javascripts/workers/``.
WORKER = "search-i18n.js"

#: Words as Material's search separates them (it splits on spaces, hyphens and punctuation).
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_CONFIG = re.compile(
    r'(<script id="__config" type="application/json">)(?P<json>.*?)(</script>)', re.DOTALL
)


@dataclass(frozen=True)
class Names:
    """What a page is called: its head words, all its names, and the names kept as phrases."""

    heads: tuple[str, ...]
    names: tuple[str, ...]
    phrases: tuple[str, ...]


def term_names(term: Term, lang: str) -> list[str]:
    """What a reader may call a term in one language: term, abbreviation, expansion, synonyms."""
    text = term.text(lang)
    found = [text.term, text.abbreviation, text.expansion, *text.synonyms]
    return [name for name in found if name]


def words(text: str) -> list[str]:
    """The words of ``text`` as the search index separates them."""
    return _WORD.findall(text)


def page_names(glossary: Glossary, lang: str) -> dict[str, Names]:
    """Location of a page (without language prefix) → its names, for terms and frameworks.

    A framework's title is a name to find it by, but neither a head word nor a phrase: a
    framework named like a term (``teeninduse käsiraamat``) comes after the term's page.
    """
    pages: dict[str, Names] = {}
    for term in glossary.terms:
        text = term.text(lang)
        names = tuple(term_names(term, lang))
        single = words(text.term) if len(words(text.term)) == 1 else []
        heads = single + words(text.abbreviation or "")
        pages[f"terms/{term.id}/"] = Names(tuple(heads), names, names)
    for framework in glossary.frameworks:
        title = framework.title(lang)
        pages[f"frameworks/{framework.id}/"] = Names((), (title,), ())
    return pages


def page_fields(
    glossary: Glossary, lang: str, languages: Sequence[str]
) -> dict[str, dict[str, str]]:
    """Location → the search fields of the page: forms of its head words and of all names.

    A word that ``lang`` does not know but another site language does (the English original
    among Estonian synonyms) is inflected in that language.
    """
    pages = page_names(glossary, lang)
    per_page = {
        location: {word for name in names.names for word in words(name)} | set(names.heads)
        for location, names in pages.items()
    }
    everything = {w for found in per_page.values() for w in found}
    chosen: dict[str, Paradigm] = paradigms(lang, everything, expand=True)
    strangers = {w for w, p in chosen.items() if not p.known}
    for other in (code for code in languages if code != lang):
        for word, paradigm in paradigms(other, strangers, expand=True).items():
            if paradigm.known and not chosen[word].known:
                chosen[word] = paradigm

    def forms(found: Iterable[str]) -> str:
        return " ".join(sorted({form for word in found for form in chosen[word].forms}))

    def phrases(names: Iterable[str]) -> str:
        joined = set()
        for name in names:
            *first, last = words(name) or [""]
            if first:
                start = JOIN + JOIN.join(normalise(word) for word in first) + JOIN
                joined |= {start + form for form in chosen[last].forms}
        return " ".join(sorted(joined))

    return {
        location: {
            HEAD: forms(pages[location].heads),
            FORMS: forms(found),
            PHRASE: phrases(pages[location].phrases),
        }
        for location, found in per_page.items()
    }


def mark_entry(entry: dict[str, Any], lang: str, fields: Mapping[str, str]) -> None:
    """Give one search entry its language, and the forms fields it should have (none for an
    entry of a section, or of a page without names)."""
    entry["lang"] = lang
    for name in (HEAD, FORMS, PHRASE):
        if fields.get(name):
            entry[name] = fields[name]
        else:
            entry.pop(name, None)


def annotate_page(
    entries: list[dict[str, Any]], url: str, lang: str, fields: Mapping[str, str]
) -> None:
    """Mark the entries the search plugin has just added for the page at ``url`` (the last ones
    of ``entries``): each gets the page's language, the page's own entry its forms ``fields``.

    Done while the pages are built, so the index is written once, already complete.
    """
    for entry in reversed(entries):
        location = str(entry.get("location", ""))
        if location.split("#", 1)[0] != url:
            break
        mark_entry(entry, lang, fields if location == url else {})


def name_search_dialog(html: str, lang: str) -> str:
    """Give Material's search dialog an accessible name (it has a role but no name)."""
    if _DIALOG not in html:
        if _DIALOG[:-1] + " aria-label=" in html:
            return html  # named already
        raise ThemeChanged(f"the theme's search dialog is no longer written as {_DIALOG}")
    label = escape(translate("search.dialog", lang, lang))
    return html.replace(_DIALOG, _DIALOG.replace(">", f' aria-label="{label}">'), 1)


def localise_worker(html: str, lang: str) -> str:
    """Point the page's search at the language wrapper around Material's worker (and name
    its dialog in the page's language)."""
    html = name_search_dialog(html, lang)
    match = _CONFIG.search(html)
    if match is None:
        raise ThemeChanged("the theme no longer writes its settings as <script id=__config>")
    replaced = _localised_settings(match["json"], lang)
    return html[: match.start("json")] + replaced + html[match.end("json") :]


@lru_cache(maxsize=64)
def _localised_settings(settings: str, lang: str) -> str:
    """The theme's settings (JSON text) with the search worker of ``lang`` (they differ only by
    the pages' depth, so a build makes a few and reuses them)."""
    config = json.loads(settings)
    material = config.get("search")
    if not isinstance(material, str):
        raise ThemeChanged("the theme's settings no longer name the search worker ('search')")
    folder, name = posixpath.split(material.split("?", 1)[0])
    if name == WORKER:
        return settings
    query = urlencode({"lang": lang, "worker": name})
    config["search"] = posixpath.join(folder, f"{WORKER}?{query}")
    return str(script_json(config))
