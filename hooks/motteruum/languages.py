"""The site's languages and their places, read one way for the build and for ``motteruum``.

mkdocs-static-i18n lists the languages in ``mkdocs.yml``; the build gets them as the plugin's
validated configuration objects, ``motteruum`` as the plain mappings of the file. Both go
through :func:`site_languages`: the languages that are built, the default first, each with its
URL prefix (``""`` for the default, ``en/`` for English); a ``locale: null`` entry is only a
link in the language switcher, not a language of the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .render import Language


def _get(entry: Any, key: str, default: Any = None) -> Any:
    if isinstance(entry, Mapping):
        return entry.get(key, default)
    return getattr(entry, key, default)


def site_languages(entries: Iterable[Any]) -> list[Language]:
    """The built languages of static-i18n's ``languages`` entries, the default first."""
    built = [
        entry
        for entry in entries
        if _get(entry, "build", True) and str(_get(entry, "locale")) not in {"null", "None"}
    ]
    built.sort(key=lambda entry: not _get(entry, "default", False))
    found = []
    for entry in built:
        code = str(_get(entry, "locale"))
        link = _get(entry, "link") or f"/{code}/"
        prefix = "" if _get(entry, "default", False) else str(link).strip("/") + "/"
        found.append(Language(code, str(_get(entry, "name") or code), prefix))
    return found
