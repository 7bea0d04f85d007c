"""UI strings per language, looked up with :func:`translate` (``t(key)`` in templates)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources

import yaml
from babel import Locale


@cache
def catalog() -> Mapping[str, Mapping[str, str]]:
    """Every UI string: ``{key: {language: text}}``."""
    text = resources.files(__package__).joinpath("strings.yml").read_text(encoding="utf-8")
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, dict[str, str]] = yaml.load(text, Loader=loader)
    return data


def translate(key: str, lang: str, fallback: str, **values: object) -> str:
    """The text of ``key`` in ``lang``, else in ``fallback`` (the site's default language)."""
    texts = catalog()[key]
    text = texts.get(lang) or texts[fallback]
    return text.format(**values) if values else text


def translator(lang: str, fallback: str) -> Callable[..., str]:
    """:func:`translate` for one language: the ``t`` that templates call."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, fallback, **values)

    return t


def language_name(code: str, lang: str) -> str:
    """The name of the language ``code`` in the language ``lang`` (``en`` in ``et``: inglise)."""
    names: Mapping[str, str] = Locale.parse(lang).languages
    return names.get(code, code)
