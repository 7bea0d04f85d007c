"""Write generated pages into a folder of ``docs/`` that belongs to the generator alone."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

#: Folders of ``docs/`` that are generated from ``glossary/`` (git ignores them).
GENERATED_FOLDERS = ("terms", "frameworks")


def sync_folder(folder: Path, pages: Mapping[str, str]) -> int:
    """Make ``folder`` hold exactly ``pages`` (paths relative to its parent); return writes.

    Unchanged files are left untouched, so a watching ``mkdocs serve`` is not woken up for
    nothing; files no longer generated are removed.
    """
    parent = folder.parent
    wanted = {(parent / path).resolve(): text for path, text in pages.items()}
    for path in wanted:
        if folder.resolve() not in path.parents:
            raise ValueError(f"{path} is outside the generated folder {folder}")
    written = 0
    for path, text in sorted(wanted.items()):
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def write_generated(docs: Path, pages: Mapping[str, str]) -> int:
    """Write the generated pages (``terms/nps.et.md``: Markdown) into their folders of
    ``docs`` (see :data:`GENERATED_FOLDERS`); return how many files were written."""
    written = 0
    for folder in GENERATED_FOLDERS:
        mine = {path: text for path, text in pages.items() if path.startswith(f"{folder}/")}
        written += sync_folder(docs / folder, mine)
    return written
