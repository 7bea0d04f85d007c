"""Whether two versions of the project build the same site from the real glossary.

    .venv/bin/python bench/same_output.py BASE [OTHER] [--diff N]

``BASE`` and ``OTHER`` are git revisions (``OTHER`` defaults to the working tree as it is,
uncommitted changes included). Each is built with ``mkdocs build --strict`` from its own
checkout (a temporary ``git worktree``) with its own hooks, theme, docs and glossary, using
this checkout's virtual environment and ``node_modules``. Printed: the files only one site
has, and the files that differ, each with the first ``N`` lines of a unified diff (HTML and
JSON pretty-printed first, so a diff shows the element that changed). Exit status 0 when the
two sites are byte for byte the same, 1 otherwise.

Use it to show that a change of the build's code changes no page (a refactoring), or exactly
the pages it means to. It builds twice (about 10 s of CPU each); it is never part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import filecmp
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import ROOT, run_python


def checkout(revision: str, target: Path) -> Path:
    """A worktree of ``revision`` under ``target``, with this checkout's ``node_modules``."""
    tree = target / revision.replace("/", "_")
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision],
        cwd=ROOT,
        check=True,
    )
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    return tree


def build(tree: Path, site: Path) -> None:
    run_python(["-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], tree, tree)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def readable(path: Path) -> list[str]:
    """The file's lines, one element or JSON value per line where it is HTML or JSON."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), indent=1, ensure_ascii=False)
    elif path.suffix == ".html":
        text = text.replace("><", ">\n<")
    return text.splitlines()


def compare(base: Path, other: Path, lines: int) -> bool:
    ours, theirs = files(base), files(other)
    same = True
    for name in sorted(ours - theirs):
        print(f"only in BASE:  {name}")
        same = False
    for name in sorted(theirs - ours):
        print(f"only in OTHER: {name}")
        same = False
    for name in sorted(ours & theirs):
        if filecmp.cmp(base / name, other / name, shallow=False):
            continue
        same = False
        print(f"differs:       {name}")
        if lines and Path(name).suffix in {".html", ".json", ".xml", ".txt", ".js", ".css", ""}:
            diff = difflib.unified_diff(
                readable(base / name), readable(other / name), "BASE", "OTHER", lineterm="", n=1
            )
            for line in list(diff)[2 : 2 + lines]:
                print(f"    {line[:200]}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="a git revision")
    parser.add_argument("other", nargs="?", help="a git revision (default: the working tree)")
    parser.add_argument("--diff", type=int, default=12, help="diff lines shown per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motteruum-same-") as tmp:
        target = Path(tmp)
        trees = []
        try:
            base_tree = checkout(args.base, target)
            trees.append(base_tree)
            other_tree = ROOT if args.other is None else checkout(args.other, target)
            if args.other is not None:
                trees.append(other_tree)
            build(base_tree, target / "site-base")
            build(other_tree, target / "site-other")
            same = compare(target / "site-base", target / "site-other", args.diff)
        finally:
            for tree in trees:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False
                )
    other = args.other or "the working tree"
    print(f"{args.base} and {other}: {'the same site' if same else 'different sites'}")
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
