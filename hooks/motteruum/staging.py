"""Build into a staging folder and put it in place only when the whole build succeeded.

A build that stops half-way (a broken source found while the English pages are built, a
warning in strict mode) must not leave a site folder that looks finished: the pages are
written into a hidden sibling of the site folder, which replaces the site folder only at the
very end; a failed build removes it and leaves the previous site as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Staging:
    """Where the build under way writes, and where its result belongs."""

    target: Path
    folder: Path

    @classmethod
    def begin(cls, target: Path) -> Staging:
        """A new, empty staging folder beside ``target`` (same file system, so the final move is
        a rename)."""
        target = target.resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        return cls(target, folder)

    def commit(self) -> None:
        """Put the staged site where the target was; the old site is removed."""
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
            self.target.rename(old / "site")
        self.folder.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        """Remove the staged files; the target is left untouched."""
        shutil.rmtree(self.folder, ignore_errors=True)
