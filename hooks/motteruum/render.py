"""Render the glossary into Markdown pages, one set per language, with Jinja templates.

Python prepares data; templates (``templates/*.md.j2``) write every piece of markup.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import diagram
from .cache import TemplateCache
from .collation import Collation, letter_anchor
from .exports import DOWNLOADS, SiteUrls, defined_term_jsonld, defined_term_set_jsonld
from .glossary import Framework, Glossary, Term
from .history import SourceLinks
from .seo import description_front_matter
from .strings import language_name, translator

#: Self-assessment page name → the framework whose ``aspects`` and ``scale`` it asks about.
ASSESSMENTS = {
    "cx": "customer-experience-self-assessment",
    "ex": "employee-experience-self-assessment",
}

#: Characters that would start Markdown formatting inside plain text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


@dataclass(frozen=True)
class Language:
    """A language of the site: its code, its name in itself, and its URL prefix."""

    code: str
    name: str
    prefix: str  # "" for the default language, "en/" for English


@dataclass(frozen=True)
class IndexEntry:
    """A line of the A–Z index: a preferred term, or a synonym/abbreviation pointing to one."""

    label: str
    term: Term
    is_reference: bool


def markdown_text(value: object) -> Markup:
    """Plain text made safe for Markdown: ``& < >`` HTML-escaped, Markdown syntax backslashed.

    Quotes stay as they are: they are plain text in element content, and an entity such as
    ``&#39;`` would reach the table of contents escaped once more and show as written.
    """
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False)))


def title_front_matter(name: str) -> Markup:
    """A YAML value for the front matter ``title`` of a generated page: the page's name.

    Material writes the title into ``<title>`` and the navigation without escaping it, and
    un-escapes a title taken from the first heading; a name given here HTML-escaped reaches
    the head as text, whatever it holds (``</title>``, quotes), and the navigation shows it
    exactly as written. JSON quoting is valid YAML and keeps any character as it is.
    """
    return Markup(json.dumps(str(escape(name)), ensure_ascii=False))


def markdown_source(value: str) -> Markup:
    """Markdown written by an author (a definition), kept as Markdown."""
    return Markup(value.strip())


@cache
def environment() -> Environment:
    """The one Jinja environment of the project (autoescaped)."""
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=TemplateCache(),
    )
    env.filters["md"] = markdown_text
    env.filters["markdown"] = markdown_source
    env.filters["anchor"] = letter_anchor
    env.filters["description"] = description_front_matter
    env.filters["page_title"] = title_front_matter
    env.filters["language_name"] = language_name
    return env


class Renderer:
    """Renders every generated page of one glossary for the site's languages."""

    def __init__(
        self,
        glossary: Glossary,
        languages: Sequence[Language],
        site_url: str,
        sources: SourceLinks | None = None,
    ) -> None:
        self.glossary = glossary
        self.languages = tuple(languages)
        self.default = self.languages[0].code
        self.site_url = site_url
        self._contexts: dict[str, dict[str, object]] = {}
        self.sources = sources or SourceLinks()

    @cached_property
    def urls(self) -> SiteUrls:
        """The public addresses of the site's pages in every language."""
        return SiteUrls.of(self.site_url, ((lang.code, lang.prefix) for lang in self.languages))

    def pages(self) -> dict[str, str]:
        """Every generated page: ``{path inside docs/: Markdown}``, in a stable order."""
        pages: dict[str, str] = {}
        for language in self.languages:
            lang = language.code
            pages[f"terms/index.{lang}.md"] = self._render(
                "index.md.j2",
                language,
                jsonld=Markup(defined_term_set_jsonld(self.glossary, lang, self.urls)),
                downloads=[
                    (posixpath.relpath(path, f"{language.prefix}terms/"), kind)
                    for path, kind in DOWNLOADS.items()
                ],
            )
            pages[f"terms/categories.{lang}.md"] = self._render("categories.md.j2", language)
            pages[f"terms/abbreviations.{lang}.md"] = self._render("abbreviations.md.j2", language)
            for term in self.glossary.terms:
                pages[f"terms/{term.id}.{lang}.md"] = self._render(
                    "term.md.j2",
                    language,
                    term=term,
                    source_file=self._source(term.source_path),
                    others=self._other_languages(f"terms/{term.id}/", language),
                    jsonld=Markup(defined_term_jsonld(self.glossary, term, lang, self.urls)),
                )
            pages[f"frameworks/index.{lang}.md"] = self._render("frameworks.md.j2", language)
            for framework in self.glossary.frameworks:
                pages[f"frameworks/{framework.id}.{lang}.md"] = self._render(
                    "framework.md.j2",
                    language,
                    framework=framework,
                    source_file=self._source(framework.source_path),
                    drawing=self._diagram(framework, lang),
                    tool=next((k for k, v in ASSESSMENTS.items() if v == framework.id), None),
                    others=self._other_languages(f"frameworks/{framework.id}/", language),
                )
        return pages

    def redirects(self, site_url: str) -> dict[str, str]:
        """Pages at the addresses of former term ids: ``{path in the site: HTML}``."""
        pages: dict[str, str] = {}
        template = environment().get_template("redirect.html.j2")
        for language in self.languages:
            for term in self.glossary.terms:
                for old in term.former_ids:
                    pages[f"{language.prefix}terms/{old}/index.html"] = template.render(
                        lang=language.code,
                        t=self._t(language.code),
                        title=term.text(language.code).term,
                        target=f"../{term.id}/",
                        canonical=f"{site_url}{language.prefix}terms/{term.id}/",
                    )
        return pages

    def _diagram(self, framework: Framework, lang: str) -> diagram.Layout | None:
        spec = framework.diagram
        if spec is None:
            return None
        if spec.section is None:
            labels = [diagram.Label(s.title(lang), f"#{s.id}") for s in framework.sections]
        else:
            section = next(s for s in framework.sections if s.id == spec.section)
            labels = [
                diagram.Label(item.label(lang), f"../../terms/{item.term}/" if item.term else None)
                for item in section.items
            ]
        if spec.kind == "cycle":
            return diagram.cycle(labels)
        if spec.kind == "triangle":
            return diagram.triangle(labels)
        if spec.kind == "hub":
            return diagram.hub(diagram.Label(framework.title(lang)), labels)
        return diagram.chain(labels, both_ways=spec.both_ways)

    def _t(self, lang: str) -> Callable[..., str]:
        return translator(lang, self.default)

    def _render(self, template: str, language: Language, **context: object) -> str:
        return (
            environment()
            .get_template(template)
            .render(**self._language_context(language.code), **context)
        )

    def _language_context(self, lang: str) -> dict[str, object]:
        """What every page of ``lang`` is rendered with: made once per language, so that the
        sorted lists cost once per build, not once per page."""
        if lang not in self._contexts:
            collation = Collation.for_language(lang)
            self._contexts[lang] = {
                "lang": lang,
                "t": self._t(lang),
                "glossary": self.glossary,
                "terms": sorted(
                    self.glossary.terms, key=lambda x: collation.key(x.text(lang).term)
                ),
                "index": self._index(collation, lang),
                "letters": collation.letters,
                "initial": collation.initial,
                "abbreviations": self._abbreviations(collation, lang),
            }
        return self._contexts[lang]

    def _index(self, collation: Collation, lang: str) -> list[tuple[str, list[IndexEntry]]]:
        entries = []
        for term in self.glossary.terms:
            text = term.text(lang)
            entries.append(IndexEntry(text.term, term, is_reference=False))
            others = [text.abbreviation, *text.synonyms] if text.abbreviation else text.synonyms
            seen = {text.term.casefold()}
            for label in others:
                if label is not None and label.casefold() not in seen:
                    seen.add(label.casefold())
                    entries.append(IndexEntry(label, term, is_reference=True))
        entries.sort(key=lambda entry: (collation.key(entry.label), entry.is_reference))
        groups: dict[str, list[IndexEntry]] = {}
        for entry in entries:
            groups.setdefault(collation.initial(entry.label), []).append(entry)
        return list(groups.items())

    def _abbreviations(self, collation: Collation, lang: str) -> list[Term]:
        with_abbreviation = [t for t in self.glossary.terms if t.text(lang).abbreviation]
        return sorted(
            with_abbreviation, key=lambda t: collation.key(t.text(lang).abbreviation or "")
        )

    def _source(self, path: str) -> dict[str, str | None]:
        """The source file of a page: where to edit it, when it last changed."""
        return {"edit": self.sources.edit_url(path), "changed": self.sources.changed(path)}

    def _other_languages(self, path: str, current: Language) -> list[tuple[Language, str]]:
        """Relative links from ``path`` in ``current`` to the same page in the other languages."""
        here = f"{current.prefix}{path}"
        return [
            (other, posixpath.relpath(f"{other.prefix}{path}", here) + "/")
            for other in self.languages
            if other != current
        ]
