"""MkDocs hook: glossary pages before files are collected, widgets in pages, the runtime.

static-i18n runs ``on_config`` once per language build; generation is idempotent and only
rewrites files whose content changed.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from motteruum.glossary import Glossary
from motteruum.history import page_date
from motteruum.mention_links import MentionLinks
from motteruum.seo import without_head_alternates
from motteruum.site import (
    NOT_FOUND,
    SearchFields,
    add_preview_card,
    add_share_block,
    check_pages,
    current_language,
    embed_widgets,
    finish_output,
    first_build,
    generate,
    install_mention_links,
    localise_markdown,
    mention_page,
    not_found_context,
    page_language,
    publish_runtime,
    sanitize_page,
    search_in_page_language,
    site_languages,
    source_changes,
    stage_output,
    start_engine_in_head,
    watch_sources_only,
    write_downloads,
    write_not_found_pages,
    write_redirects,
    write_robots_txt,
)
from motteruum.staging import Staging

#: The glossary of the build under way (set anew in every on_config).
_glossary: Glossary | None = None
#: The Markdown extension that links term mentions in the language of the build.
_mentions: MentionLinks | None = None
#: Where the build under way writes until it has succeeded.
_staging: Staging | None = None
#: When each source file last changed (git), read once per build.
_changes: dict[str, str] = {}
#: The 404 page of each language, as the theme rendered it in that language's build.
_not_found: dict[str, str] = {}
#: The search fields of the term and framework pages of this build.
_search: SearchFields | None = None


@event_priority(-110)  # after static-i18n (-100) has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _glossary, _mentions, _staging, _changes, _search
    if first_build(config):
        check_pages(config)
        _staging = stage_output(config)
        _changes = source_changes(config)
        _not_found.clear()
        _glossary = generate(config)  # once per build: the other languages reuse it
        _search = SearchFields(_glossary, site_languages(config))
    if _glossary is None:
        raise PluginError("the glossary of this build was not loaded")
    _mentions = install_mention_links(config, _glossary)
    localise_markdown(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.update_date = page_date(page.file.src_uri, _changes)
    if _glossary is None:
        return markdown
    if _mentions is not None:
        _mentions.page = mention_page(page.file.src_uri, page.meta)
    lang = page_language(page, config)
    return embed_widgets(markdown, page.file.src_uri, lang, config, _glossary, page.url)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = page_language(page, config)
    html = sanitize_page(html, page.file.src_uri)
    return add_share_block(add_preview_card(html, lang, config), page.url, lang, config)


@event_priority(-50)  # after the search plugin (0) has added the page's entries
def on_page_context(
    context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, object]:
    if _search is not None:
        _search.annotate(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang = page_language(page, config)
    output = start_engine_in_head(output, page.url, config)
    return without_head_alternates(search_in_page_language(output, lang))


def on_template_context(
    context: dict[str, object], template_name: str, config: MkDocsConfig
) -> dict[str, object]:
    if template_name == NOT_FOUND:
        not_found_context(context, config)
    return context


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == NOT_FOUND:
        output_content = without_head_alternates(output_content)
        _not_found[current_language(config)] = output_content
    return output_content


@event_priority(-110)  # after static-i18n (-100) has written the search index of all languages
def on_post_build(config: MkDocsConfig) -> None:
    if not first_build(config):
        return  # a language built from inside the first one: the first one finishes the site
    write_not_found_pages(config, _not_found)
    publish_runtime(config)
    write_robots_txt(config)
    if _glossary is not None:
        write_redirects(config, _glossary)
        write_downloads(config, _glossary)
    if _staging is not None:
        finish_output(config, _staging)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    watch_sources_only(server, config)
    return server


def on_build_error(error: Exception) -> None:
    global _staging
    if _staging is not None:
        _staging.abandon()
        _staging = None
