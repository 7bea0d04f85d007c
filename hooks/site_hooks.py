"""MkDocs hook: glossary pages before files are collected, widgets in pages, the runtime.

static-i18n runs ``on_config`` once per language build; generation is idempotent and only
rewrites files whose content changed.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from motteruum.glossary import Glossary
from motteruum.seo import without_head_alternates, write_robots_txt
from motteruum.site import (
    add_share_block,
    current_language,
    embed_widgets,
    generate,
    localise_markdown,
    publish_runtime,
    search_in_page_language,
    write_downloads,
    write_redirects,
    write_search_forms,
)

#: The glossary of the build under way (set anew in every on_config).
_glossary: Glossary | None = None


@event_priority(-110)  # after static-i18n (-100) has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _glossary
    _glossary = generate(config)
    localise_markdown(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _glossary is None:
        return markdown
    lang = getattr(page.file, "locale", None) or current_language(config)
    return embed_widgets(markdown, page.file.src_uri, lang, config, _glossary)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = getattr(page.file, "locale", None) or current_language(config)
    return add_share_block(html, page.url, lang, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lang = getattr(page.file, "locale", None) or current_language(config)
    return without_head_alternates(search_in_page_language(output, lang))


@event_priority(-110)  # after static-i18n (-100) has written the search index of all languages
def on_post_build(config: MkDocsConfig) -> None:
    publish_runtime(config)
    write_robots_txt(config)
    if _glossary is not None:
        write_redirects(config, _glossary)
        write_downloads(config, _glossary)
        write_search_forms(config, _glossary)
