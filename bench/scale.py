"""How the build's cost grows with the glossary, against a plain site of the same pages.

    .venv/bin/python bench/scale.py [--terms 80 250 1000] [--runs 1] [--code CHECKOUT]

For each size, a synthetic glossary is made from the real one (every term cloned with a number
in its id and names, relations kept inside each clone, the frameworks as they are), and the
project is built with ``mkdocs build --strict`` as a reader's site would be. The control is a
plain Material + static-i18n site of the same pages: the Markdown the hooks generated, the
hand-written pages, the same theme, plugins and Markdown extensions, and no hooks. Printed per
size: CPU seconds (user + system of the build process and its children), the ratio
project/control, peak memory (maximum resident set size), site size and search index size.

``--code`` builds with the hooks of another checkout (e.g. a ``git worktree`` of an older
commit), to compare two versions on the same machine. Run it by hand on a quiet machine; it is
never part of the tests. Inflected forms are cached in
``~/.cache/motteruum/``: the first run at a size pays for them, so run twice and read the second.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def synthetic_glossary(target: Path, size: int) -> None:
    """``target/glossary`` with ``size`` terms cloned from the real ones."""
    shutil.copytree(ROOT / "glossary", target / "glossary")
    terms = target / "glossary" / "terms"
    originals = sorted(terms.glob("*.yml"))
    clones = [(copy, path) for copy in range(1, size // len(originals) + 2) for path in originals][
        : max(0, size - len(originals))
    ]
    made = {path.stem for path in originals} | {f"{path.stem}-{copy}" for copy, path in clones}

    def renamed(name: str | dict[str, str], suffix: str) -> str | dict[str, str]:
        """A name with ``suffix``: text, or a mapping with a status (``{name: …, …}``)."""
        if isinstance(name, dict):
            return {**name, "name": f"{name['name']}{suffix}"}
        return f"{name}{suffix}"

    def clone_id(term_id: str, copy: int) -> str:
        """The clone of ``term_id`` in ``copy``, or the original where that clone is not made."""
        return f"{term_id}-{copy}" if f"{term_id}-{copy}" in made else term_id

    for copy, path in clones:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # relations within the copy only: both ends are written in both files (the check keeps
        # related symmetric and broader/narrower inverse), and an original never lists a clone
        for relation in ("related", "broader", "narrower"):
            if relation in data:
                data[relation] = [f"{r}-{copy}" for r in data[relation] if f"{r}-{copy}" in made]
        data.pop("former_ids", None)
        data.pop("calculator", None)
        for lang in ("et", "en"):
            text = data[lang]
            text["term"] = renamed(text["term"], f" {copy}")
            if text.get("abbreviation"):
                text["abbreviation"] = renamed(text["abbreviation"], str(copy))
            text["synonyms"] = [renamed(s, f" {copy}") for s in text.get("synonyms", [])]
            text.pop("crossword", None)
            # links to other terms lead to this copy's terms
            text["definition"] = re.sub(
                r"\]\(([a-z0-9-]+)\.md",
                lambda m, copy=copy: f"]({clone_id(m.group(1), copy)}.md",
                text["definition"],
            )
        out = terms / f"{path.stem}-{copy}.yml"
        out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def project_copy(target: Path, size: int, code: Path = ROOT) -> Path:
    project = target / "project"
    project.mkdir()
    shutil.copytree(
        ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("terms", "frameworks")
    )
    synthetic_glossary(project, size)
    (project / "hooks").mkdir()
    shutil.copy(code / "hooks" / "site_hooks.py", project / "hooks")
    if (code / "hooks" / "theme").is_dir():
        shutil.copytree(code / "hooks" / "theme", project / "hooks" / "theme")
    shutil.copy(code / "mkdocs.yml", project)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "calculators").symlink_to(ROOT / "calculators")
    return project


def control_copy(project: Path, target: Path) -> Path:
    """The same pages as plain Markdown: no hooks, no glossary, same theme and plugins."""
    control = target / "control"
    shutil.copytree(project / "docs", control / "docs")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\n  custom_dir: .*", "", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    # the same navigation as the project's, where the hook lists every framework
    frameworks = sorted(
        (yaml.safe_load(path.read_text(encoding="utf-8"))["order"], path.stem)
        for path in (project / "glossary" / "frameworks").glob("*.yml")
    )
    listed = "".join(f"      - frameworks/{name}.md\n" for _, name in frameworks)
    config = config.replace(
        "      - frameworks/index.md\n", "      - frameworks/index.md\n" + listed
    )
    (control / "mkdocs.yml").write_text(config, encoding="utf-8")
    return control


def run_python(
    arguments: list[str], folder: Path, code: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """This environment's Python with ``arguments`` in ``folder``, importing the hooks of the
    checkout ``code``; stops the script, with the end of its errors, when it fails."""
    result = subprocess.run(
        [sys.executable, *arguments],
        cwd=folder,
        env={**ENV, "PYTHONPATH": f"{code / 'hooks'}:{code}"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed in {folder}:\n{result.stderr[-3000:]}")
    return result


def build(folder: Path, site: Path, code: Path = ROOT) -> tuple[float, float]:
    """CPU seconds and peak memory (MiB) of ``mkdocs build --strict`` in ``folder``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    script = (
        "import resource, runpy, sys;"
        "sys.argv = ['mkdocs', 'build', '--strict', '-q', '-d', sys.argv[1]];"
        "code = 0\n"
        "try:\n runpy.run_module('mkdocs', run_name='__main__')\n"
        "except SystemExit as e:\n code = e.code or 0\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr);"
        "sys.exit(code)"
    )
    result = run_python(["-c", script, str(site)], folder, code)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = int(result.stderr.strip().splitlines()[-1]) / 1024
    return cpu, peak


def size_of(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[80, 250, 1000])
    parser.add_argument("--runs", type=int, default=1, help="builds per size; the best is shown")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose hooks build")
    args = parser.parse_args()
    print(
        f"{'terms':>6} {'project CPU s':>14} {'control CPU s':>14} {'ratio':>6} "
        f"{'project MiB':>12} {'control MiB':>12} {'site MiB':>9} {'index MiB':>10}"
    )
    for size in args.terms:
        with tempfile.TemporaryDirectory(prefix="motteruum-scale-") as tmp:
            target = Path(tmp)
            project = project_copy(target, size, args.code.resolve())
            runs = [
                build(project, target / f"site-{n}", args.code.resolve()) for n in range(args.runs)
            ]
            cpu, peak = min(runs)
            control = control_copy(project, target)
            plain = [build(control, target / f"control-site-{n}") for n in range(args.runs)]
            control_cpu, control_peak = min(plain)
            site = target / "site-0"
            index = site / "search" / "search_index.json"
            print(
                f"{size:>6} {cpu:>14.1f} {control_cpu:>14.1f} {cpu / control_cpu:>6.2f} "
                f"{peak:>12.0f} {control_peak:>12.0f} {size_of(site):>9.1f} "
                f"{index.stat().st_size / 2**20:>10.2f}",
                flush=True,
            )
    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
