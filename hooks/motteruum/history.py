"""When a page's sources last changed, from git: the same sources give the same dates, any day.

Dates come from the commits (``git log``), never from the clock, so two builds of the same
commit are byte-identical. Outside a git checkout there are no dates, and pages say none.
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: Generated page (first part of its path in ``docs/``) → the glossary folder it comes from.
GENERATED_FROM = {"terms": "glossary/terms", "frameworks": "glossary/frameworks"}
#: Generated pages made from every file of their glossary folder (lists, indexes).
INDEX_PAGES = frozenset({"index", "categories", "abbreviations"})


class Undated(str):
    """No date: false in templates (the sitemap leaves ``<lastmod>`` out), yet still a date
    string where MkDocs computes a timestamp from the pages' dates (``sitemap.xml.gz``)."""

    def __new__(cls) -> Undated:
        return super().__new__(cls, "1970-01-01")

    def __bool__(self) -> bool:
        return False


def last_changes(root: Path, paths: Iterable[str] = ("glossary", "docs")) -> dict[str, str]:
    """``{path relative to root: YYYY-MM-DD}`` of the last commit that changed each file under
    ``paths``; empty outside a git checkout."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *paths],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            dates.setdefault(line, date)
    return dates


def page_sources(src_uri: str, docs: str = "docs") -> tuple[str, ...]:
    """The files (relative to the project) a page of ``docs/`` is made from: its own file, or
    for a generated page its glossary file (an index: its whole glossary folder)."""
    folder, _, name = src_uri.partition("/")
    if folder in GENERATED_FROM:
        stem = name.split(".")[0]
        if stem in INDEX_PAGES:
            return (GENERATED_FROM[folder], "glossary/categories.yml")
        return (f"{GENERATED_FROM[folder]}/{stem}.yml",)
    return (posixpath.join(docs, src_uri),)


def page_date(src_uri: str, changes: Mapping[str, str]) -> str:
    """When the sources of the page ``src_uri`` last changed (:class:`Undated` if unknown)."""
    found = []
    for source in page_sources(src_uri):
        if source in changes:
            found.append(changes[source])
        else:
            prefix = source.rstrip("/") + "/"
            found += [date for path, date in changes.items() if path.startswith(prefix)]
    return max(found) if found else Undated()


@dataclass(frozen=True)
class SourceLinks:
    """Where a page's source file can be edited, and when it last changed (from git).

    ``edit_base`` is the repository host's address of the project's root for editing (e.g.
    ``https://github.com/org/repo/edit/main/``), ``None`` when the site names no repository.
    """

    edit_base: str | None = None
    changes: Mapping[str, str] = field(default_factory=dict)

    def edit_url(self, path: str) -> str | None:
        """The address where ``path`` (relative to the project) is edited."""
        return f"{self.edit_base}{path}" if self.edit_base else None

    def changed(self, path: str) -> str | None:
        """The date of the last commit that changed ``path`` (None outside git)."""
        return self.changes.get(path)

    @classmethod
    def of(
        cls, repo_url: str | None, edit_uri: str | None, docs: str, changes: Mapping[str, str]
    ) -> SourceLinks:
        """From MkDocs' ``repo_url`` and ``edit_uri`` (which points at the docs folder, e.g.
        ``edit/main/docs/``): the same address for the project's root."""
        if not repo_url or edit_uri is None:
            return cls(None, changes)
        uri = edit_uri.strip("/")
        if uri.endswith(docs.strip("/")):
            uri = uri[: -len(docs.strip("/"))].rstrip("/")
        base = repo_url.rstrip("/") + "/" + (f"{uri}/" if uri else "")
        return cls(base, changes)
