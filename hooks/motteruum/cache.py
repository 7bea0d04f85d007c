"""Results kept between builds in ``$XDG_CACHE_HOME/motteruum``, named by what they depend on.

A cached value is found by a key made of everything that decides it (the input, the version of
the code or library that made it), so a stale value is never read: a change makes a new key.
A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/motteruum`` (``~/.cache/motteruum``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "motteruum"


def cached_text(kind: str, key: Iterable[str], make: Callable[[], str]) -> str:
    """The text ``make()`` returns for ``key``, made once and then read from the cache."""
    digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()
    path = cache_root() / kind / digest[:2] / f"{digest[2:40]}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        pass
    text = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
    return text


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates under ``<cache>/jinja``: Jinja checks each one against the
    template's source and its own version, and compiles again on any difference."""

    def __init__(self) -> None:
        super().__init__(str(cache_root() / "jinja"))

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()
