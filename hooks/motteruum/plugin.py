"""The site's MkDocs events, handled by one object that holds the state of the build under way.

``hooks/site_hooks.py`` only forwards MkDocs' events here. static-i18n builds the default
language and then, from inside that build, every other one, running the events again for
each; everything that does not depend on the language (the glossary loaded, validated, checked
and rendered, the staging folder, the dates from git, the search fields) is made once, in the
first language's ``on_config``, and kept in a :class:`BuildState` until the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page

from .csp import secured
from .glossary import Glossary
from .history import page_date
from .mention_links import MentionLinks
from .problems import ThemeChanged
from .render import Language
from .seo import without_head_alternates
from .site import (
    NOT_FOUND,
    ContentEnd,
    SearchFields,
    after_content,
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
    restore_widgets,
    sanitize_page,
    search_in_page_language,
    site_languages,
    source_changes,
    source_links,
    stage_output,
    start_engine_in_head,
    watch_sources_only,
    write_downloads,
    write_headers,
    write_not_found_pages,
    write_redirects,
    write_robots_txt,
)
from .staging import Staging
from .widgets import HeldWidgets

#: What to do when a theme upgrade changed the markup the build edits.
THEME_ADVICE = "the theme's markup changed; adapt the edit in hooks/motteruum to it"


@dataclass
class BuildState:
    """What one build (all its languages) knows, made in the first language's ``on_config``."""

    glossary: Glossary
    staging: Staging
    search: SearchFields
    #: When each source file last changed (git).
    changes: dict[str, str]
    #: The site's languages and their URL prefixes, the default first.
    languages: list[Language]
    #: The 404 page of each language, as the theme rendered it in that language's pass.
    not_found: dict[str, str] = field(default_factory=dict)
    #: The Markdown extension that links term mentions, for the language being built.
    mentions: MentionLinks | None = None
    #: The hashes of every inline script of the site, for the policy hosts send as a header.
    script_hashes: set[str] = field(default_factory=set)
    #: The widgets of the page being converted, kept out of Markdown.
    widgets: HeldWidgets = field(default_factory=HeldWidgets)
    #: The mark at the end of each page's content, for what follows it.
    content_end: ContentEnd = field(default_factory=ContentEnd)


class SitePlugin:
    """The glossary, the widgets and the runtime of the site, for MkDocs."""

    def __init__(self) -> None:
        self.state: BuildState | None = None

    def _state(self) -> BuildState:
        if self.state is None:
            raise PluginError("the glossary of this build was not loaded")
        return self.state

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if first_build(config):
            check_pages(config)
            changes = source_changes(config)
            glossary = generate(config, source_links(config, changes))
            languages = site_languages(config)
            self.state = BuildState(
                glossary=glossary,
                staging=stage_output(config),
                search=SearchFields(glossary, languages),
                changes=changes,
                languages=languages,
            )
        state = self._state()
        state.mentions = install_mention_links(config, state.glossary)
        localise_markdown(config)
        return config

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        state = self._state()
        page.update_date = page_date(page.file.src_uri, state.changes)
        if state.mentions is not None:
            state.mentions.page = mention_page(page.file.src_uri, page.meta)
        lang = page_language(page, config)
        return embed_widgets(
            markdown,
            page.file.src_uri,
            lang,
            state.languages,
            state.glossary,
            page.url,
            state.widgets,
        )

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig) -> str:
        state = self._state()
        html = restore_widgets(html, page.file.src_uri, state.widgets)
        return state.content_end.add(sanitize_page(html, page.file.src_uri))

    def on_page_context(self, page: Page, config: MkDocsConfig) -> None:
        self._state().search.annotate(page, config)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        state = self._state()
        lang = page_language(page, config)
        output = start_engine_in_head(output, page.url, config)
        try:
            address = (config.site_url or "/") + page.url
            default = state.languages[0].code
            following = after_content(page.content or "", address, lang, default)
            output = state.content_end.replace(output, following)
            output = without_head_alternates(search_in_page_language(output, lang))
            return self._secured(output)  # the last edit: the hashes of the final scripts
        except ThemeChanged as error:
            raise PluginError(f"{page.file.src_uri}: {error}: {THEME_ADVICE}") from None

    def _secured(self, html: str) -> str:
        """``html`` with its Content-Security-Policy; its hashes join the site's header."""
        state = self._state()
        html, hashes = secured(html)
        state.script_hashes.update(hashes)
        return html

    def on_template_context(
        self, context: dict[str, object], template_name: str, config: MkDocsConfig
    ) -> dict[str, object]:
        if template_name == NOT_FOUND:
            not_found_context(context, config)
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == NOT_FOUND:
            lang = current_language(config)
            try:
                # the page's search looks at its own language, as on every other page
                output = search_in_page_language(without_head_alternates(output), lang)
                output = self._secured(output)
            except ThemeChanged as error:
                raise PluginError(f"{template_name}: {error}: {THEME_ADVICE}") from None
            self._state().not_found[lang] = output
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not first_build(config):
            return  # a language built from inside the first one: the first one finishes
        state = self._state()
        write_not_found_pages(config, state.not_found)
        publish_runtime(config)
        write_robots_txt(config)
        state.script_hashes.update(write_redirects(config, state.glossary))
        write_downloads(config, state.glossary)
        write_headers(config, state.script_hashes)
        finish_output(config, state.staging)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
        watch_sources_only(server, config)
        return server

    def on_build_error(self) -> None:
        if self.state is not None:
            self.state.staging.abandon()
            self.state = None
