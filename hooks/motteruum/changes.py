"""``motteruum changes BASE``: what a pull request changes in the glossary, for its reviewers.

The glossary of git revision ``BASE`` (read with ``git archive`` into a temporary folder) and
the glossary of the working tree are both loaded with :func:`~motteruum.loader.load_glossary`,
so only what a reader can see counts, never the layout of a file. Terms and frameworks are
compared field by field and language by language; a term that lists a removed id in
``former_ids`` was renamed. A text whose translation changed while its own did not (a
definition, a usage note or example, a framework's summary, a section's text or items) is
listed as a translation that may be out of date. The result is Markdown for a GitHub job
summary, or JSON.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .glossary import DEPRECATED, Framework, Glossary, Item, Term
from .loader import load_glossary
from .problems import Problem, SourceError
from .project import Project

#: Texts whose translations should change together: when one language's text changes and
#: another's does not, the other may be out of date.
PROSE = ("definition", "note", "example", "summary")
PROSE_SUFFIXES = (".text", ".items")
#: The key of the fields that belong to no language (category, related, sources …).
COMMON = "*"


class CompareError(Exception):
    """One side of the comparison cannot be read; ``problems`` when its glossary is invalid."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Stale:
    """A text that changed in some languages and not in the others."""

    field: str
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A term or framework in one of the lists, with its names and pages in every language."""

    id: str
    names: dict[str, str]
    links: dict[str, str]
    #: For a renamed term, its id at BASE.
    former_id: str | None = None
    #: For a removed term, the term that lists its id in ``former_ids`` (its old address
    #: leads there).
    replaced_by: str | None = None
    #: The changed fields by language code (``*``: fields of no language).
    fields: dict[str, list[str]] = field(default_factory=dict)
    stale: list[Stale] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """The changes of one kind of page: terms or frameworks."""

    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    renamed: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            name: len(getattr(self, name)) for name in ("added", "removed", "renamed", "changed")
        }


@dataclass(frozen=True)
class Changes:
    base: str
    languages: tuple[str, ...]
    terms: Kind
    frameworks: Kind
    #: False when ``base`` is not an ancestor of ``HEAD``: what changed on ``base`` since the
    #: branch left it then shows as changes in the other direction.
    base_is_ancestor: bool = True

    def stale(self) -> list[tuple[str, Entry, Stale]]:
        """Every possibly stale translation, with the kind (``term``, ``framework``) and entry."""
        found = []
        for kind, entries in (("term", self.terms), ("framework", self.frameworks)):
            for entry in [*entries.renamed, *entries.changed]:
                found += [(kind, entry, stale) for stale in entry.stale]
        return found


# Reading the glossary of a revision ---------------------------------------------------------


def _git(cwd: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed"
        raise CompareError(message)
    return result.stdout


def glossary_at(project: Project, base: str) -> Glossary:
    """The glossary of the project at git revision ``base``, loaded for the project's current
    languages; raises :class:`CompareError`."""
    if base.startswith("-"):
        raise CompareError(f"{base!r} is not a git revision")
    try:
        top = Path(_git(project.root, "rev-parse", "--show-toplevel").decode().strip())
    except OSError as error:  # no git command
        raise CompareError(f"cannot run git: {error}") from None
    prefix = project.root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except CompareError:
        raise CompareError(f"{base!r} is not a commit of this repository") from None
    commit_id = commit.decode().strip()
    listed = _git(top, "ls-tree", "--name-only", commit_id, "--", f"{prefix}glossary")
    if not listed.strip():
        raise CompareError(f"{base} has no {prefix}glossary/ folder")
    pages = _git(top, "ls-tree", "--name-only", commit_id, "--", f"{prefix}docs/calculators/")
    calculators = {Path(name).name.split(".")[0] for name in pages.decode().split()} - {"index"}
    archive = _git(top, "archive", "--format=tar", commit_id, "--", f"{prefix}glossary")
    with tempfile.TemporaryDirectory(prefix="motteruum-changes-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            try:
                tar.extractall(folder, filter="data")
            except tarfile.FilterError as error:
                raise CompareError(f"cannot unpack the glossary of {base}: {error}") from None
        try:
            return load_glossary(
                Path(folder) / prefix / "glossary", project.languages, calculators=calculators
            )
        except SourceError as error:
            raise CompareError(f"the glossary at {base} cannot be loaded", error.problems) from None


def is_ancestor(project: Project, base: str) -> bool:
    """Whether ``base`` is an ancestor of ``HEAD`` (true where git cannot tell)."""
    result = subprocess.run(
        ["git", "merge-base", "--is-ancestor", base, "HEAD"],
        cwd=project.root,
        capture_output=True,
        check=False,
    )
    return result.returncode != 1


# Comparing ----------------------------------------------------------------------------------


Fields = dict[str, object]


def _term_fields(term: Term, languages: Sequence[str]) -> tuple[dict[str, Fields], Fields]:
    per_language: dict[str, Fields] = {}
    for lang in languages:
        text = term.text(lang)
        per_language[lang] = {
            "term": text.term,
            "abbreviation": text.abbreviation,
            "expansion": text.expansion,
            "synonyms": text.synonyms,
            # the standing of the names that are not plainly admitted (deprecated, foreign)
            "status": tuple(
                (name.name, name.status, name.reason, name.foreign)
                for name in text.names()
                if name.status == DEPRECATED or name.reason or name.foreign
            ),
            "definition": text.definition,
            "definition_source": text.definition_source,
            "note": text.note,
            "example": text.example,
            "crossword": (text.crossword_answer, text.crossword_clue),
        }
    common: Fields = {
        "category": term.category,
        "related": term.related,
        "broader": term.broader,
        "narrower": term.narrower,
        "sources": term.sources,
        "calculator": term.calculator,
        "former_ids": term.former_ids,
    }
    return per_language, common


def _item_texts(items: tuple[Item, ...], lang: str) -> object:
    return tuple(
        (item.text(lang), item.labels.get(lang), item.note(lang), _item_texts(item.items, lang))
        for item in items
    )


def _item_links(items: tuple[Item, ...]) -> object:
    return tuple((item.id, item.term, _item_links(item.items)) for item in items)


def _framework_fields(
    framework: Framework, languages: Sequence[str]
) -> tuple[dict[str, Fields], Fields]:
    per_language: dict[str, Fields] = {}
    for lang in languages:
        fields: Fields = {"title": framework.title(lang), "summary": framework.summary(lang)}
        for section in framework.sections:
            key = f"sections.{section.id}"
            fields[f"{key}.title"] = section.title(lang)
            fields[f"{key}.text"] = section.text(lang)
            fields[f"{key}.items"] = _item_texts(section.items, lang)
        per_language[lang] = fields
    common: Fields = {
        "order": framework.order,
        "related": framework.related,
        "sources": framework.sources,
        "diagram": framework.diagram,
        "sections": tuple(section.id for section in framework.sections),
    }
    for section in framework.sections:
        common[f"sections.{section.id}.links"] = (section.term, _item_links(section.items))
    return per_language, common


def _is_prose(name: str) -> bool:
    return name in PROSE or (name.startswith("sections.") and name.endswith(PROSE_SUFFIXES))


def _differences(
    old: tuple[dict[str, Fields], Fields],
    new: tuple[dict[str, Fields], Fields],
    languages: Sequence[str],
) -> tuple[dict[str, list[str]], list[Stale]]:
    """The changed fields by language (and :data:`COMMON`), and the possibly stale texts.

    Fields are compared where both sides have them: a section added or removed shows in
    the common ``sections`` field.
    """
    changed: dict[str, list[str]] = {}
    for lang in languages:
        before, after = old[0][lang], new[0][lang]
        names = [name for name in after if name in before and before[name] != after[name]]
        if names:
            changed[lang] = names
    before, after = old[1], new[1]
    common = [name for name in after if name in before and before[name] != after[name]]
    if common:
        changed[COMMON] = common
    prose = [name for name in new[0][languages[0]] if _is_prose(name)]
    stale = []
    for name in prose:
        langs = [lang for lang in languages if name in old[0][lang] and name in new[0][lang]]
        moved = tuple(lang for lang in langs if name in changed.get(lang, ()))
        kept = tuple(lang for lang in langs if lang not in moved)
        if moved and kept:
            stale.append(Stale(name, moved, kept))
    return changed, stale


class _Pages:
    """Names and addresses of the built pages (``site_url`` if the project has one, else
    addresses relative to the site's root)."""

    def __init__(self, project: Project) -> None:
        self.root = "" if project.site_url in {"", "/"} else project.site_url.rstrip("/") + "/"
        self.prefixes = {lang.code: lang.prefix for lang in project.site_languages}

    def links(self, folder: str, page_id: str) -> dict[str, str]:
        return {
            lang: f"{self.root}{prefix}{folder}/{page_id}/"
            for lang, prefix in self.prefixes.items()
        }


def compare(old: Glossary, new: Glossary, project: Project, base: str) -> Changes:
    """The changes from ``old`` (the glossary at ``base``) to ``new``."""
    languages = project.languages
    pages = _Pages(project)
    old_terms = {term.id: term for term in old.terms}
    new_terms = {term.id: term for term in new.terms}
    terms = Kind()

    def term_entry(term: Term, links: bool = True) -> Entry:
        names = {lang: term.text(lang).term for lang in languages}
        return Entry(term.id, names, pages.links("terms", term.id) if links else {})

    renamed_from: dict[str, str] = {}
    for term in new.terms:
        if term.id in old_terms:
            continue
        former = next((i for i in term.former_ids if i in old_terms and i not in new_terms), None)
        if former is None:
            terms.added.append(term_entry(term))
        else:
            renamed_from[former] = term.id
            fields, stale = _differences(
                _term_fields(old_terms[former], languages),
                _term_fields(term, languages),
                languages,
            )
            terms.renamed.append(
                replace(term_entry(term), former_id=former, fields=fields, stale=stale)
            )
    redirects = {old_id: term.id for term in new.terms for old_id in term.former_ids}
    for term in old.terms:
        if term.id not in new_terms and term.id not in renamed_from:
            entry = term_entry(term, links=False)
            terms.removed.append(replace(entry, replaced_by=redirects.get(term.id)))
        elif term.id in new_terms:
            fields, stale = _differences(
                _term_fields(term, languages),
                _term_fields(new_terms[term.id], languages),
                languages,
            )
            if fields:
                entry = term_entry(new_terms[term.id])
                terms.changed.append(replace(entry, fields=fields, stale=stale))

    old_frameworks = {framework.id: framework for framework in old.frameworks}
    new_frameworks = {framework.id: framework for framework in new.frameworks}
    frameworks = Kind()

    def framework_entry(framework: Framework, links: bool = True) -> Entry:
        names = {lang: framework.title(lang) for lang in languages}
        found = pages.links("frameworks", framework.id) if links else {}
        return Entry(framework.id, names, found)

    for framework in sorted(new.frameworks, key=lambda f: f.id):
        if framework.id not in old_frameworks:
            frameworks.added.append(framework_entry(framework))
            continue
        fields, stale = _differences(
            _framework_fields(old_frameworks[framework.id], languages),
            _framework_fields(framework, languages),
            languages,
        )
        if fields:
            entry = framework_entry(framework)
            frameworks.changed.append(replace(entry, fields=fields, stale=stale))
    for framework in sorted(old.frameworks, key=lambda f: f.id):
        if framework.id not in new_frameworks:
            frameworks.removed.append(framework_entry(framework, links=False))
    return Changes(base, tuple(languages), terms, frameworks)


# Writing ------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = set("\\`*_[]<>|~&$")


def _md(text: str) -> str:
    """Author text as literal Markdown: every character Markdown could read as markup escaped,
    and no line breaks."""
    flat = " ".join(text.split())
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in flat)


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def _names(entry: Entry, languages: Sequence[str]) -> str:
    parts = []
    for lang in languages:
        name = _md(entry.names[lang])
        link = entry.links.get(lang)
        parts.append(f"{lang}: [{name}]({link})" if link else f"{lang}: {name}")
    return " · ".join(parts)


def _field_lines(entry: Entry, languages: Sequence[str]) -> list[str]:
    lines = []
    for lang in [*languages, COMMON]:
        if lang in entry.fields:
            label = "all languages" if lang == COMMON else lang
            lines.append(f"  - {label}: {', '.join(_code(f) for f in entry.fields[lang])}")
    return lines


def markdown(changes: Changes) -> str:
    """The changes as Markdown for a GitHub job summary (or a pull-request comment)."""
    languages = changes.languages
    lines = [f"## Glossary changes since {_code(changes.base)}", ""]
    counts = []
    for title, kind in (("Terms", changes.terms), ("Frameworks", changes.frameworks)):
        listed = [f"{n} {name}" for name, n in kind.counts().items() if n]
        counts.append(f"**{title}:** {', '.join(listed) if listed else 'no changes'}.")
    lines += [" ".join(counts), ""]
    if not changes.base_is_ancestor:
        base = _code(changes.base)
        lines += [
            f"> {base} is not an ancestor of `HEAD`: what changed on {base} since this branch"
            f" left it shows here as changes in the other direction. To see this branch's own"
            f" changes, compare with `git merge-base {_md(changes.base)} HEAD`.",
            "",
        ]
    stale = changes.stale()
    if stale:
        lines += ["### Translations that may be out of date", ""]
        for what, entry, item in stale:
            link = entry.links.get(item.unchanged[0])
            name = _code(entry.id)
            lines.append(
                f"- {what} {f'[{name}]({link})' if link else name}: {_code(item.field)} changed"
                f" in {', '.join(item.changed)} but not in {', '.join(item.unchanged)}"
                f" — check the {', '.join(item.unchanged)} text"
            )
        lines.append("")
    for title, kind in (("Terms", changes.terms), ("Frameworks", changes.frameworks)):
        for name in ("added", "removed", "renamed", "changed"):
            entries: list[Entry] = getattr(kind, name)
            if not entries:
                continue
            lines += [f"### {title} {name}", ""]
            for entry in entries:
                label = _code(entry.id)
                if entry.former_id is not None:
                    label = f"{_code(entry.former_id)} → {label}"
                line = f"- {label} — {_names(entry, languages)}"
                if entry.replaced_by is not None:
                    line += f" (its address now leads to {_code(entry.replaced_by)})"
                lines += [line, *_field_lines(entry, languages)]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _error_markdown(base: str, error: CompareError) -> str:
    lines = [
        f"## Glossary changes since {_code(base)}",
        "",
        f"**Cannot compare: {_md(error.message)}.**",
    ]
    if error.problems:
        count = len(error.problems)
        lines += ["", f"{count} {'problem' if count == 1 else 'problems'}:", ""]
        lines += [f"- {_md(str(problem))}" for problem in error.problems]
    return "\n".join(lines) + "\n"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def to_json(changes: Changes) -> str:
    data = asdict(changes)
    data["stale"] = [
        {"kind": kind, "id": entry.id, **asdict(item)} for kind, entry, item in changes.stale()
    ]
    return _json(data)


def _load_current(project: Project) -> Glossary:
    try:
        return load_glossary(project.glossary, project.languages, calculators=project.calculators())
    except SourceError as error:
        raise CompareError(
            "the glossary of the working tree cannot be loaded", error.problems
        ) from None


def changes(project: Project, base: str, output_format: str) -> int:
    """Print what changed since ``base``; 1 (with the reason, in the same format) when one side
    cannot be read."""
    try:
        old = glossary_at(project, base)
        new = _load_current(project)
    except CompareError as error:
        if output_format == "json":
            problems = [asdict(problem) for problem in error.problems]
            print(_json({"base": base, "error": error.message, "problems": problems}))
        else:
            print(_error_markdown(base, error), end="")
        print(f"cannot compare with {base}: {error.message}", file=sys.stderr)
        return 1
    found = replace(compare(old, new, project, base), base_is_ancestor=is_ancestor(project, base))
    print(to_json(found) if output_format == "json" else markdown(found), end="")
    return 0
