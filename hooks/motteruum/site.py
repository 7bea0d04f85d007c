"""The glue between MkDocs and the glossary: read the site's languages, generate the pages."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import postbuild
from .authored import MarkdownSettings, sanitize
from .glossary import Glossary
from .history import SourceLinks, last_changes
from .languages import site_languages as languages_of
from .loader import load_glossary
from .mention_links import MentionLinks, PageContext
from .mentions import Finder, previews
from .output import GENERATED_FOLDERS, write_generated
from .problems import SourceError, ThemeChanged
from .render import Language, Renderer
from .runtime import RuntimeMissing
from .search import annotate_page, localise_worker, page_fields
from .share import preview_card, share_block
from .staging import Staging
from .strings import translate, translator
from .textcheck import Site, mentions_setting, page_problems, text_problems
from .widgets import (
    EAGER,
    ENGINE_START,
    HeldWidgets,
    UnknownWidget,
    replace_markers,
    start_engine_early,
)

#: How the JSON-LD block that ends a generated page starts.
JSONLD_START = '<script type="application/ld+json">'


def site_languages(config: MkDocsConfig) -> list[Language]:
    """The languages of the i18n plugin, the default first."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("the glossary needs the i18n plugin (mkdocs-static-i18n) in mkdocs.yml")
    return languages_of(plugin.config.languages)


def calculator_pages(docs_dir: Path) -> set[str]:
    """Names of the calculator pages present in ``docs/calculators/``."""
    folder = docs_dir / "calculators"
    names = {path.name.split(".")[0] for path in folder.glob("*.md")} if folder.is_dir() else set()
    return names - {"index"}


def source_links(config: MkDocsConfig, changes: Mapping[str, str]) -> SourceLinks:
    """Where each source file is edited (``repo_url``, ``edit_uri``) and when it changed."""
    project = Path(config.config_file_path).parent.resolve()
    docs = Path(config.docs_dir).resolve().relative_to(project).as_posix()
    return SourceLinks.of(config.repo_url, config.edit_uri, docs, changes)


def generate(config: MkDocsConfig, sources: SourceLinks | None = None) -> Glossary:
    """Validate ``glossary/`` and write its pages into ``docs/terms/``; stop on problems."""
    project = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    languages = site_languages(config)
    try:
        glossary = load_glossary(
            project / "glossary",
            [lang.code for lang in languages],
            calculators=calculator_pages(docs_dir),
        )
    except SourceError as error:
        raise PluginError(error.report()) from None
    pages = Renderer(glossary, languages, config.site_url or "/", sources).pages()
    if first_build(config):
        check_texts(config, glossary, pages)
    write_generated(docs_dir, pages)
    list_frameworks_in_nav(config, glossary)
    return glossary


def first_build(config: MkDocsConfig) -> bool:
    """Whether this is the build of the first language (static-i18n builds the others from
    inside it, with its ``building`` flag set)."""
    return not getattr(config.plugins.get("i18n"), "building", False)


def stage_output(config: MkDocsConfig) -> Staging:
    """Send the build's output to a staging folder (see :mod:`.staging`)."""
    staging = Staging.begin(Path(config.site_dir))
    config.site_dir = str(staging.folder)
    return staging


def finish_output(config: MkDocsConfig, staging: Staging) -> None:
    """Put the staged site in place, unless strict mode counted a warning: then MkDocs stops
    the build right after this event, and the staged files are abandoned."""
    counted = any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )
    if counted and config.strict:
        return
    staging.commit()
    config.site_dir = str(staging.target)


#: The theme's page for addresses that do not exist (a static template, one per language).
NOT_FOUND = "404.html"


def not_found_context(context: dict[str, object], config: MkDocsConfig) -> None:
    """What the 404 page of the language being built needs: its UI strings, its home page, and
    a language switcher that leads to the 404 page of each other language."""
    languages = site_languages(config)
    here = next(lang for lang in languages if lang.code == current_language(config))
    context["t"] = translator(here.code, languages[0].code)
    # the page is served at any missing address, so its links start from the site's root
    context["home"] = urlsplit(config.site_url or "/").path.rstrip("/") + "/" + here.prefix
    # set as an attribute, as static-i18n sets each page's: an attribute hides the item
    alternates = [
        {"name": lang.name, "link": f"{lang.prefix}{NOT_FOUND}", "lang": lang.code}
        for lang in languages
    ]
    setattr(config.extra, "alternate", alternates)  # noqa: B010 (an attribute, not an item)


def write_not_found_pages(config: MkDocsConfig, pages: Mapping[str, str]) -> None:
    """Each language's 404 page in its part of the site: ``404.html``, ``en/404.html``."""
    for lang in site_languages(config):
        if lang.code in pages:
            target = Path(config.site_dir) / f"{lang.prefix}{NOT_FOUND}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages[lang.code], encoding="utf-8")


def watch_sources_only(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """``mkdocs serve`` watches all of ``docs/``, so the pages the build itself writes into its
    generated folders would wake it a second time after every change: watch every other part of
    ``docs/`` instead (``glossary/`` is watched through ``watch:`` in mkdocs.yml)."""
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for child in sorted(docs.iterdir()):
        if child.is_dir() and child.name not in GENERATED_FOLDERS:
            server.watch(str(child))


def write_robots_txt(config: MkDocsConfig) -> None:
    """``robots.txt`` at the root of the built site, when that is the root of its domain."""
    postbuild.write_robots_txt(Path(config.site_dir), config.site_url or "")


def source_changes(config: MkDocsConfig) -> dict[str, str]:
    """When each file of ``glossary/`` and ``docs/`` last changed, from git (see
    :mod:`.history`)."""
    project = Path(config.config_file_path).parent
    docs = Path(config.docs_dir).resolve().relative_to(project.resolve()).as_posix()
    return last_changes(project, ("glossary", docs))


def markdown_settings(config: MkDocsConfig) -> MarkdownSettings:
    """The site's Markdown extensions and their options, as the pages are rendered with."""
    names = [e for e in config.markdown_extensions if isinstance(e, str)]
    return MarkdownSettings.of(names, config.mdx_configs)


def check_texts(config: MkDocsConfig, glossary: Glossary, pages: Mapping[str, str]) -> None:
    """Stop the build on authored text that the allow-list refuses or whose links lead nowhere
    (the same check as ``motteruum check``)."""
    project = Path(config.config_file_path).parent
    site = Site.of(
        pages,
        Path(config.docs_dir),
        glossary.languages,
        markdown_settings(config),
        skip=GENERATED_FOLDERS,
    )
    problems = text_problems(glossary, project, site)
    if problems:
        raise PluginError(SourceError(problems).report())


def sanitize_page(html: str, src_uri: str) -> str:
    """A generated page's content through the allow-list sanitiser; its closing JSON-LD block
    (written by the template, not by an author) is kept as it is."""
    if src_uri.split("/")[0] not in GENERATED_FOLDERS:
        return html
    body, data = html, ""
    start = html.rfind(JSONLD_START)
    if start >= 0 and html.rstrip().endswith("</script>"):
        body, data = html[:start], html[start:]
    return sanitize(body) + data


def list_frameworks_in_nav(config: MkDocsConfig, glossary: Glossary) -> None:
    """Fill the nav section that starts with ``frameworks/index.md`` with every framework."""
    for entry in config.nav or []:
        if not isinstance(entry, dict):
            continue
        for pages in entry.values():
            if isinstance(pages, list) and pages[:1] == ["frameworks/index.md"]:
                pages[1:] = [f"frameworks/{f.id}.md" for f in glossary.frameworks]


def current_language(config: MkDocsConfig) -> str:
    """The language being built now (static-i18n builds one language at a time)."""
    languages = site_languages(config)
    plugin = config.plugins["i18n"]
    return str(getattr(plugin, "current_language", None) or languages[0].code)


def localise_markdown(config: MkDocsConfig) -> None:
    """Set Markdown options that show text to readers in the language being built."""
    default = site_languages(config)[0].code
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = translate("heading.permalink", current_language(config), default)


def embed_widgets(
    markdown: str,
    src_uri: str,
    lang: str,
    languages: Sequence[Language],
    glossary: Glossary,
    page_url: str,
    held: HeldWidgets,
) -> str:
    """Replace the widget markers of one page (at ``page_url``, in ``lang``, one of the site's
    ``languages``) by placeholders of ``held`` that :func:`restore_widgets` replaces after
    Markdown."""
    try:
        prefix = next((language.prefix for language in languages if language.code == lang), "")
        return replace_markers(
            markdown, lang, languages[0].code, glossary, page_url, held.hold, prefix=prefix
        )
    except UnknownWidget as error:
        raise PluginError(f"docs/{src_uri}: {error}") from None


def restore_widgets(html: str, src_uri: str, held: HeldWidgets) -> str:
    """The page's widgets in place of their placeholders."""
    try:
        return held.restore(html)
    except UnknownWidget as error:
        raise PluginError(f"docs/{src_uri}: {error}") from None


def start_engine_in_head(html: str, page_url: str, config: MkDocsConfig) -> str:
    """An eager calculator's page gets engine-start.js inline in its head."""
    if EAGER not in html:
        return html
    code = (Path(config.docs_dir) / ENGINE_START).read_text(encoding="utf-8")
    return start_engine_early(html, page_url, code)


def check_pages(config: MkDocsConfig) -> None:
    """Stop the build before any page is written if an authored page has a wrong marker or
    setting: every language's pages are checked in the first build, not each in its own."""
    problems = page_problems(Path(config.docs_dir), GENERATED_FOLDERS)
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems))


def publish_runtime(config: MkDocsConfig) -> None:
    """Put Pyodide and the calculators wheel into the built site."""
    try:
        postbuild.publish_runtime(Path(config.site_dir), Path(config.config_file_path).parent)
    except RuntimeMissing as error:
        raise PluginError(str(error)) from None


def write_redirects(config: MkDocsConfig, glossary: Glossary) -> set[str]:
    """Keep every former term address working: a redirect page per language, with its
    Content-Security-Policy; return the hashes of their inline scripts."""
    site_url = config.site_url or "/"
    return postbuild.write_redirects(
        Path(config.site_dir), glossary, site_languages(config), site_url
    )


def write_headers(config: MkDocsConfig, script_hashes: Iterable[str]) -> None:
    """``_headers``: the site's Content-Security-Policy for hosts that send it as a header."""
    postbuild.write_headers(Path(config.site_dir), script_hashes)


def write_downloads(config: MkDocsConfig, glossary: Glossary) -> None:
    """The glossary as JSON, CSV, TBX and SKOS under ``downloads/`` (once, for all languages)."""
    postbuild.write_downloads(
        Path(config.site_dir), glossary, site_languages(config), config.site_url or "/"
    )


def after_content(content: str, address: str, lang: str, default: str) -> str:
    """What follows a page's content (in ``lang``; ``default``: the site's default language):
    the preview card's markup on a page that links to terms, the copy-link button and the QR code
    of the page's public ``address``."""
    card = preview_card(lang, default) if "data-preview=" in content else ""
    return card + share_block(address, lang, default)


class ContentEnd:
    """A mark at the end of a page's content, replaced by :func:`after_content` in the page.

    What follows the content is excluded from search; kept out of the content, it is not even
    read by the search plugin, which reads every page's content. The mark carries a token made
    for each build, so no page can hold one by chance or on purpose.
    """

    def __init__(self) -> None:
        self.mark = f"<!-- motteruum:content-end:{secrets.token_hex(8)} -->"

    def add(self, content: str) -> str:
        return content + self.mark

    def replace(self, output: str, following: str) -> str:
        """``output`` with ``following`` in place of the mark; :class:`ThemeChanged` when the
        theme did not write the page's content (and its mark) into the page."""
        at = output.rfind(self.mark)
        if at < 0:
            raise ThemeChanged("the page does not contain its content")
        return output[:at] + following + output[at + len(self.mark) :]


def search_in_page_language(html: str, lang: str) -> str:
    """Make the page's search look only at pages of its own language."""
    return localise_worker(html, lang)


class SearchFields:
    """The forms fields of every term and framework page, made once per language and build."""

    def __init__(self, glossary: Glossary, languages: Sequence[Language]) -> None:
        self.glossary = glossary
        self.languages = tuple(languages)
        self._fields: dict[str, dict[str, dict[str, str]]] = {}

    def annotate(self, page: Page, config: MkDocsConfig) -> None:
        """Mark the search entries of ``page`` with its language and its forms fields."""
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if not isinstance(entries, list):
            return
        language = next(
            (lang for lang in self.languages if lang.code == page_language(page, config)),
            self.languages[0],
        )
        if language.code not in self._fields:
            codes = [lang.code for lang in self.languages]
            self._fields[language.code] = page_fields(self.glossary, language.code, codes)
        location = (
            page.url[len(language.prefix) :] if page.url.startswith(language.prefix) else page.url
        )
        fields = self._fields[language.code].get(location, {})
        annotate_page(entries, page.url, language.code, fields)


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language of ``page`` (static-i18n marks each page's file with its locale)."""
    return getattr(page.file, "locale", None) or current_language(config)


def install_mention_links(config: MkDocsConfig, glossary: Glossary) -> MentionLinks:
    """Add the term-mention links of the language being built to the Markdown extensions."""
    lang = current_language(config)
    extension = MentionLinks(Finder(glossary, lang), previews(glossary, lang))
    config.markdown_extensions = [
        e for e in config.markdown_extensions if not isinstance(e, MentionLinks)
    ] + [extension]  # type: ignore[list-item]  # MkDocs hands instances to Markdown
    return extension


def mention_page(src_uri: str, meta: Mapping[str, object]) -> PageContext:
    """What the mention links need to know of a page (its setting was checked by check_pages)."""
    try:
        return PageContext(src_uri, link=mentions_setting(meta))
    except ValueError as error:
        raise PluginError(f"docs/{src_uri}: {error}") from None
