"""MkDocs hook: every event goes to the site's plugin object (``motteruum.plugin``), which
holds the state of the build under way. The logic lives in the installed package, so that
``mkdocs serve`` picks up a change to it after a restart, and tests can drive it directly."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from motteruum.plugin import SitePlugin

_plugin = SitePlugin()


@event_priority(-110)  # after static-i18n (-100) has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _plugin.on_config(config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _plugin.on_page_markdown(markdown, page, config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _plugin.on_page_content(html, page, config)


@event_priority(-50)  # after the search plugin (0) has added the page's entries
def on_page_context(
    context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, object]:
    _plugin.on_page_context(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _plugin.on_post_page(output, page, config)


def on_template_context(
    context: dict[str, object], template_name: str, config: MkDocsConfig
) -> dict[str, object]:
    return _plugin.on_template_context(context, template_name, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _plugin.on_post_template(output_content, template_name, config)


@event_priority(-110)  # after static-i18n (-100) has written the search index of all languages
def on_post_build(config: MkDocsConfig) -> None:
    _plugin.on_post_build(config)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    return _plugin.on_serve(server, config)


def on_build_error(error: Exception) -> None:
    _plugin.on_build_error()
