"""MkDocs hook: build the glossary pages from ``glossary/*.yml`` before files are collected.

static-i18n runs ``on_config`` once per language build; generation is idempotent and only
rewrites files whose content changed.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from motteruum.site import generate, localise_markdown


@event_priority(-110)  # after static-i18n (-100) has chosen the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    generate(config)
    localise_markdown(config)
    return config
