"""Check every authored text of the glossary as its page will show it.

The schema checks what a field *is*; this checks what its Markdown *becomes*: HTML outside the
allow-list (:mod:`.authored`), widget markers (pages under ``docs/`` only), and every link and
anchor, which must lead to a page of the site and to an anchor that page has. ``motteruum
check`` and the build run the same function, so a text the check passes never stops a build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .authored import MarkdownSettings, field_findings, locate, render
from .exports import DOWNLOADS
from .glossary import Glossary, Item
from .problems import Problem
from .widgets import marker_problems
from .yamlsource import Location, SourceFile, format_location, load_yaml

_ID = re.compile(r'\sid="([^"]+)"')
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:_[A-Z]{2})?)\.md$")


@dataclass(frozen=True)
class AuthoredField:
    """One Markdown field of a glossary file and the page it is shown on."""

    source_path: str
    location: Location
    lang: str
    text: str
    page: str  # the page's source path without language, e.g. "terms/nps.md"


def authored_fields(glossary: Glossary) -> Iterator[AuthoredField]:
    """Every Markdown field an author wrote, in every language."""
    for term in glossary.terms:
        for lang in glossary.languages:
            yield AuthoredField(
                term.source_path,
                (lang, "definition"),
                lang,
                term.text(lang).definition,
                f"terms/{term.id}.md",
            )
    for framework in glossary.frameworks:
        page = f"frameworks/{framework.id}.md"
        path = framework.source_path
        for lang in glossary.languages:
            yield AuthoredField(path, (lang, "summary"), lang, framework.summary(lang), page)
        for index, section in enumerate(framework.sections):
            for lang in glossary.languages:
                text = section.text(lang)
                if text:
                    yield AuthoredField(path, ("sections", index, lang, "text"), lang, text, page)
            yield from _item_fields(
                path, page, ("sections", index, "items"), section.items, glossary.languages
            )


def _item_fields(
    path: str, page: str, at: Location, items: Sequence[Item], languages: Sequence[str]
) -> Iterator[AuthoredField]:
    for index, item in enumerate(items):
        where = (*at, index)
        for lang in languages:
            yield AuthoredField(path, (*where, lang, "text"), lang, item.text(lang), page)
            note = item.note(lang)
            if note:
                yield AuthoredField(path, (*where, lang, "note"), lang, note, page)
        yield from _item_fields(path, page, (*where, "items"), item.items, languages)


@dataclass
class Site:
    """The pages of the site by source path (language suffix removed), to resolve links in."""

    #: ``{page: {lang: Markdown}}`` of every page; generated and authored alike.
    pages: dict[str, dict[str, str]]
    #: Files under ``docs/`` that are not pages, and the downloads the build writes.
    files: frozenset[str]
    settings: MarkdownSettings
    _anchors: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        generated: Mapping[str, str],
        docs_dir: Path,
        languages: Sequence[str],
        settings: MarkdownSettings,
        skip: Sequence[str] = (),
    ) -> Site:
        """``generated``: the glossary's pages (``terms/nps.et.md``: Markdown); ``docs_dir``'s
        own pages are read from disk, except those under the folders in ``skip``."""
        pages: dict[str, dict[str, str]] = {}
        files: set[str] = set(DOWNLOADS)

        def add(path: str, text: str) -> None:
            found = _LANGUAGE_SUFFIX.search(path)
            if found and found.group(1) in languages:
                base = path[: found.start()] + ".md"
                pages.setdefault(base, {})[found.group(1)] = text
            else:
                for lang in languages:
                    pages.setdefault(path, {}).setdefault(lang, text)

        for path, text in generated.items():
            add(path, text)
        if docs_dir.is_dir():
            for file in sorted(docs_dir.rglob("*")):
                relative = file.relative_to(docs_dir).as_posix()
                if relative.split("/")[0] in skip or not file.is_file():
                    continue
                if file.suffix == ".md":
                    add(relative, file.read_text(encoding="utf-8", errors="replace"))
                else:
                    files.add(relative)
        return cls(pages, frozenset(files), settings)

    def anchors(self, page: str, lang: str) -> frozenset[str]:
        """The ids of ``page`` in ``lang``, as its Markdown renders them."""
        key = (page, lang)
        if key not in self._anchors:
            text = _FRONT_MATTER.sub("", self.pages[page].get(lang, ""))
            self._anchors[key] = frozenset(_ID.findall(render(text, self.settings)))
        return self._anchors[key]


def _link_problem(href: str, page: str, lang: str, site: Site) -> str | None:
    """Why ``href``, written on ``page``, leads nowhere (None when it resolves)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if path.endswith("/") or (path and not path.endswith(".md")):
        if target in site.files:
            return None
        return (
            f"the link {href!r} leads to no page or file of the site: link a term as "
            "[text](term-id.md) and another page by its .md file"
        )
    if target not in site.pages:
        return f"the link {href!r} leads to no page: {target} does not exist"
    if fragment and fragment not in site.anchors(target, lang):
        return f"the link {href!r} names an anchor that {target} does not have (#{fragment})"
    return None


def text_problems(glossary: Glossary, root: Path, site: Site) -> list[Problem]:
    """Every problem of the authored texts of ``glossary`` (files relative to ``root``)."""
    problems: list[Problem] = []
    sources: dict[str, tuple[SourceFile, list[str]]] = {}

    def where(item: AuthoredField) -> tuple[SourceFile, list[str]]:
        if item.source_path not in sources:
            file = root / item.source_path
            sources[item.source_path] = (
                load_yaml(file, item.source_path),
                file.read_text(encoding="utf-8").splitlines(),
            )
        return sources[item.source_path]

    def report(item: AuthoredField, message: str, needle: str) -> None:
        source, lines = where(item)
        location = item.location
        if location not in source.positions and location[-1] == "text":
            location = location[:-1]  # an item given as plain text, not as {text: …}
        line, column = source.position(location)
        line, column = locate(lines, line, needle) or (line, column)
        problems.append(Problem(item.source_path, line, column, format_location(location), message))

    for item in authored_fields(glossary):
        inspection = field_findings(item.text, site.settings)
        for finding in inspection.findings:
            report(item, finding.message, finding.needle)
        for href in inspection.links:
            message = _link_problem(href, item.page, item.lang, site)
            if message is not None:
                report(item, message, href)
    return problems


def mentions_setting(meta: Mapping[str, object]) -> bool:
    """A page's ``mentions`` setting (``false`` turns its term links off); ValueError unless it
    is true or false."""
    link = meta.get("mentions", True)
    if not isinstance(link, bool):
        raise ValueError(f"mentions: expected true or false, found {link!r}")
    return link


def front_matter(source: str) -> Mapping[str, object]:
    """The YAML front matter of a page (empty when it has none); ValueError if it is broken."""
    found = _FRONT_MATTER.match(source)
    if found is None:
        return {}
    try:
        data = yaml.safe_load(found.group(0).strip().strip("-"))
    except yaml.YAMLError as error:
        raise ValueError(f"the front matter is not valid YAML: {error}") from None
    return data if isinstance(data, dict) else {}


def page_problems(docs_dir: Path, skip: Sequence[str] = ()) -> list[Problem]:
    """Problems of the hand-written pages under ``docs_dir``: text that is not UTF-8, unknown
    widget markers, a wrong ``mentions`` setting."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative.split("/")[0] in skip:
            continue
        shown = f"{docs_dir.name}/{relative}"
        data = path.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    "",
                    f"the page is not valid UTF-8 text (byte {data[error.start]:#04x}): "
                    "save it as UTF-8",
                )
            )
            continue
        problems += [Problem(shown, line, 1, "", text) for line, text in marker_problems(source)]
        try:
            mentions_setting(front_matter(source))
        except ValueError as error:
            line = next(
                (n for n, row in enumerate(source.splitlines(), 1) if row.startswith("mentions:")),
                1,
            )
            problems.append(Problem(shown, line, 1, "", str(error)))
    return problems
