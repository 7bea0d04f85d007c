"""Where a project's parts are, and its languages, read from ``mkdocs.yml`` without MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .languages import site_languages
from .render import Language


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; its ``!ENV`` and ``!!python`` tags are not needed here."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!ENV VAR`` or ``!ENV [VAR, …, default]``, as MkDocs reads it: the first variable that
    is set, else the default (the last item of a list)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    items = loader.construct_sequence(node)  # type: ignore[arg-type]
    for name in items[:-1]:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return items[-1] if items else None


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    #: The site's languages with their URL prefixes, the default first (as the build has them).
    site_languages: tuple[Language, ...]
    #: ``markdown_extensions`` of mkdocs.yml: names, or ``{name: options}``.
    markdown_extensions: tuple[object, ...] = ()
    #: The site's public address (``site_url``).
    site_url: str = "/"
    #: The repository's address and the path where its docs folder is edited (MkDocs' own
    #: ``repo_url`` and ``edit_uri``).
    repo_url: str | None = None
    edit_uri: str | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """The codes of the site's languages, the default first."""
        return tuple(lang.code for lang in self.site_languages)

    @property
    def glossary(self) -> Path:
        return self.root / "glossary"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def calculators(self) -> set[str]:
        """Names of the calculator pages in ``docs/calculators/``."""
        folder = self.docs / "calculators"
        names = {p.name.split(".")[0] for p in folder.glob("*.md")} if folder.is_dir() else set()
        return names - {"index"}


def load_project(config_file: Path) -> Project:
    """The project whose MkDocs configuration is ``config_file``."""
    config: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader)
    plugins = config.get("plugins") or []
    i18n = next((p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p), None)
    if i18n is None:
        raise ValueError(f"{config_file}: the i18n plugin is not configured")
    return Project(
        config_file.resolve().parent,
        tuple(site_languages(i18n["languages"])),
        tuple(config.get("markdown_extensions") or ()),
        str(config.get("site_url") or "/"),
        config.get("repo_url"),
        config.get("edit_uri"),
    )
