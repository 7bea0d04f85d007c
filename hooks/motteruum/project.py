"""Where a project's parts are, and its languages, read from ``mkdocs.yml`` without MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; its ``!ENV`` and ``!!python`` tags are not needed here."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...]  # the default language first
    #: ``markdown_extensions`` of mkdocs.yml: names, or ``{name: options}``.
    markdown_extensions: tuple[object, ...] = ()

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
    languages = sorted(
        (lang for lang in i18n["languages"] if lang.get("build", True)),
        key=lambda lang: not lang.get("default", False),
    )
    return Project(
        config_file.resolve().parent,
        tuple(str(lang["locale"]) for lang in languages),
        tuple(config.get("markdown_extensions") or ()),
    )
