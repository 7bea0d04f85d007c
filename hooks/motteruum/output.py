"""Write generated pages into a folder of ``docs/`` that belongs to the generator alone."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: Folders of ``docs/`` that are generated from ``glossary/`` (git ignores them).
GENERATED_FOLDERS = ("terms", "frameworks")


def sync_folder(folder: Path, pages: Mapping[str, str]) -> int:
    """Make ``folder`` hold exactly ``pages`` (paths relative to its parent); return writes.

    Unchanged files are left untouched, so a watching ``mkdocs serve`` is not woken up for
    nothing; files no longer generated are removed.
    """
    root = folder.resolve()
    wanted: dict[str, str] = {}
    for path, text in pages.items():
        target = os.path.normpath(os.path.join(root.parent, path))
        if not target.startswith(f"{root}{os.sep}"):
            raise ValueError(f"{target} is outside the generated folder {folder}")
        wanted[target] = text
    written = 0
    for target, text in sorted(wanted.items()):
        if os.path.islink(target):
            os.unlink(target)  # never written through: the folder is the generator's alone
        try:
            with open(target, encoding="utf-8") as existing:
                if existing.read() == text:
                    continue
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError, UnicodeDecodeError):
            pass
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)
        written += 1
    if root.is_dir():
        for found in sorted(root.rglob("*"), reverse=True):
            if found.is_file() and str(found) not in wanted:
                found.unlink()
            elif found.is_dir() and not any(found.iterdir()):
                found.rmdir()
    return written


def write_generated(docs: Path, pages: Mapping[str, str]) -> int:
    """Write the generated pages (``terms/nps.et.md``: Markdown) into their folders of
    ``docs`` (see :data:`GENERATED_FOLDERS`); return how many files were written."""
    written = 0
    for folder in GENERATED_FOLDERS:
        mine = {path: text for path, text in pages.items() if path.startswith(f"{folder}/")}
        written += sync_folder(docs / folder, mine)
    return written
