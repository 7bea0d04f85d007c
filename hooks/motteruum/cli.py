"""``motteruum``: check, scaffold and report on the glossary sources without building the site.

    motteruum check [--format text|json|github]
                                           every problem as path:line:column: field: message
                                           (github: as annotations of a workflow step)
    motteruum new-term ID                  a new term file with every language stubbed
    motteruum report [--format text|json]  translation gaps, terms without sources or relations
    motteruum schema [--check]             write (or verify) glossary/schema/*.schema.json
    motteruum changes BASE [--format markdown|json]
                                           terms and frameworks changed since git revision BASE
    motteruum generate                     check, then write the generated pages into docs/
    motteruum postbuild SITE               the runtime, redirects, downloads, policy into SITE

Run it in the project folder, or give ``--config path/to/mkdocs.yml``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from . import postbuild
from .authored import MarkdownSettings
from .changes import changes
from .github import annotation
from .glossary import Glossary
from .history import SourceLinks, last_changes
from .loader import RESERVED_IDS, SLUG, load_categories, load_glossary
from .output import GENERATED_FOLDERS, write_generated
from .problems import SourceError
from .project import Project, load_project
from .render import Renderer
from .report import gaps
from .runtime import RuntimeMissing
from .schema import SCHEMA_FOLDER, TERM_COMMENT, schemas
from .textcheck import Site, page_problems, text_problems


def _load(project: Project) -> Glossary:
    return load_glossary(project.glossary, project.languages, calculators=project.calculators())


def _check(project: Project) -> Glossary:
    """Every check the build makes of the sources, without building: the glossary, its texts
    as their pages show them, and the hand-written pages; raises :class:`SourceError`."""
    problems = page_problems(project.docs, GENERATED_FOLDERS)
    try:
        glossary = _load(project)
    except SourceError as error:
        raise SourceError([*error.problems, *problems]) from None
    site = Site.of(
        Renderer(glossary, project.site_languages, project.site_url).pages(),
        project.docs,
        project.languages,
        MarkdownSettings.of(project.markdown_extensions),
        skip=GENERATED_FOLDERS,
    )
    problems += text_problems(glossary, project.root, site)
    if problems:
        raise SourceError(problems)
    return glossary


def generate(project: Project) -> int:
    """Check everything as the build does, then write the generated Markdown pages into
    ``docs/`` (the first half of a build, for any engine; the navigation of frameworks is the
    engine's to fill)."""
    glossary = _check(project)
    sources = SourceLinks.of(
        project.repo_url, project.edit_uri, project.docs.name, last_changes(project.root)
    )
    pages = Renderer(glossary, project.site_languages, project.site_url, sources).pages()
    written = write_generated(project.docs, pages)
    print(f"{len(pages)} pages in {project.docs.name}/: {written} written, the rest unchanged")
    return 0


def postbuild_site(project: Project, site: Path) -> int:
    """After another engine has built the pages into ``site``: the runtime, robots.txt, the
    redirects of former ids, the downloads and the security policy for hosts."""
    if not site.is_dir():
        print(f"{site} is not a folder: build the site first", file=sys.stderr)
        return 2
    glossary = _load(project)
    try:
        postbuild.publish_runtime(site, project.root)
    except RuntimeMissing as error:
        print(error, file=sys.stderr)
        return 2
    postbuild.write_robots_txt(site, project.site_url)
    redirects = postbuild.write_redirects(site, glossary, project.site_languages, project.site_url)
    postbuild.write_downloads(site, glossary, project.site_languages, project.site_url)
    postbuild.write_headers(site, postbuild.site_hashes(site) | redirects)
    print(f"{site}: runtime, robots.txt, redirects, downloads and _headers written")
    return 0


def check(project: Project, output_format: str) -> int:
    try:
        glossary = _check(project)
    except SourceError as error:
        if output_format == "json":
            print(json.dumps([asdict(p) for p in error.problems], ensure_ascii=False, indent=1))
        elif output_format == "github":
            for problem in error.problems:
                print(annotation(problem))
            print(error.report().splitlines()[0].rstrip(":"), file=sys.stderr)
        else:
            for problem in error.problems:
                print(problem)
            print(error.report().splitlines()[0].rstrip(":"), file=sys.stderr)
        return 1
    if output_format == "json":
        print("[]")
    else:
        print(f"{len(glossary.terms)} terms and {len(glossary.frameworks)} frameworks: no problems")
    return 0


def new_term(project: Project, term_id: str) -> int:
    path = project.glossary / "terms" / f"{term_id}.yml"
    if not SLUG.match(term_id) or term_id in RESERVED_IDS:
        print(f"{term_id!r} cannot be a term id: use lower-case ASCII words joined by hyphens")
        return 2
    if path.exists():
        print(f"{path.relative_to(project.root)} exists already")
        return 2
    categories = [c.id for c in load_categories(project.glossary, project.languages)]
    lines = [
        TERM_COMMENT,
        f"category:  # one of: {', '.join(categories)}",
        "related: []  # ids of related terms, e.g. [customer-experience, nps]",
        "sources:",
        "  - author:",
        "    year:",
        "    title:",
        "    url:",
    ]
    for lang in project.languages:
        lines += [f"{lang}:", '  term: ""', '  definition: ""']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    created = path.relative_to(project.root)
    print(f"created {created}: fill in the empty fields, then run 'motteruum check'")
    return 0


def report(project: Project, output_format: str) -> int:
    try:
        glossary = _load(project)
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        return 1
    found = gaps(glossary)
    if output_format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True))
        return 0
    titles = {
        "missing_in_language": "Fields given in some languages only",
        "no_sources": "Terms without sources",
        "unrelated": "Terms no other term or framework points to, with no related terms",
    }
    for key, title in titles.items():
        entries = found[key]
        print(f"{title}: {len(entries)}")
        for entry in entries:
            print(f"  {entry}")
    return 0


def schema(project: Project, check_only: bool) -> int:
    categories = [c.id for c in load_categories(project.glossary, project.languages)]
    folder = project.glossary / SCHEMA_FOLDER
    stale = []
    for name, text in schemas(project.languages, categories).items():
        path = folder / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(project.root).as_posix())
        if not check_only:
            folder.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check_only and stale:
        print(f"out of date: {', '.join(stale)} (run 'motteruum schema')")
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="motteruum", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, formats in (("check", ("text", "json", "github")), ("report", ("text", "json"))):
        command = commands.add_parser(name)
        command.add_argument("--format", choices=formats, default="text")
    commands.add_parser("new-term").add_argument("id")
    commands.add_parser("schema").add_argument("--check", action="store_true")
    commands.add_parser("generate", help="write the generated pages into docs/, as a build does")
    commands.add_parser("postbuild", help="add what the site needs besides its pages").add_argument(
        "site", type=Path, help="the folder the pages were built into"
    )
    command = commands.add_parser("changes", help="what changed since a git revision")
    command.add_argument("base", help="the git revision to compare with (origin/main, a commit)")
    command.add_argument("--format", choices=("markdown", "json"), default="markdown")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.config)
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {args.config}: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            return check(project, args.format)
        if args.command == "report":
            return report(project, args.format)
        if args.command == "generate":
            return generate(project)
        if args.command == "postbuild":
            return postbuild_site(project, args.site)
        if args.command == "new-term":
            return new_term(project, args.id)
        if args.command == "changes":
            return changes(project, args.base, args.format)
        return schema(project, args.check)
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader of the output went away (e.g. `| head`)
        return 0


if __name__ == "__main__":
    sys.exit(main())
