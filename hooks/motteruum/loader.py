"""Load every glossary source, validate it, and check the terms against each other.

All problems of all files are collected before anything fails, so an author sees the
whole list at once.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .glossary import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    Category,
    Designation,
    Diagram,
    Framework,
    Glossary,
    Item,
    Section,
    Source,
    Term,
    TermText,
)
from .model import FrameworkCommon, TermCommon, category_schema, framework_schema, term_schema
from .problems import Problem, SourceError
from .validation import validate
from .yamlsource import SourceFile, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Page names inside ``terms/`` that belong to the index pages, so no term may use them (and
#: no former id may redirect from them), with the page each one is.
RESERVED_PAGES = {
    "index": "the A–Z index of terms",
    "categories": "the list of terms by category",
    "abbreviations": "the table of abbreviations",
}
RESERVED_IDS = frozenset(RESERVED_PAGES)


def load_glossary(
    root: Path, languages: Sequence[str], *, calculators: Collection[str] = ()
) -> Glossary:
    """Read ``root`` (the ``glossary/`` folder) for ``languages``; raise :class:`SourceError`.

    ``calculators`` names the calculator pages that exist, for checking ``calculator:``.
    """
    problems: list[Problem] = []
    display_root = root.parent
    categories = _load_categories(root, display_root, languages, problems)
    schema = term_schema(languages, [c.id for c in categories])
    terms: list[Term] = []
    sources: dict[str, SourceFile] = {}
    files, existing = _yaml_files(root / "terms", root, display_root, problems)
    for path, display in files:
        loaded = _load_term(path, display, schema, languages, problems)
        if loaded is not None:
            terms.append(loaded[0])
            sources[loaded[0].id] = loaded[1]
    terms.sort(key=lambda term: term.id)
    # A term whose file exists but has problems of its own is not "missing" for the others.
    problems.extend(check_terms(terms, sources, languages, calculators, existing=existing))
    frameworks = _load_frameworks(root, display_root, languages, problems)
    problems.extend(check_frameworks(frameworks, existing | {term.id for term in terms}))
    if problems:
        raise SourceError(problems)
    return Glossary(
        tuple(languages),
        tuple(categories),
        tuple(terms),
        tuple(framework for framework, _ in sorted(frameworks, key=lambda f: f[0].order)),
    )


def load_categories(root: Path, languages: Sequence[str]) -> list[Category]:
    """Only the declared categories of ``root`` (the ``glossary/`` folder)."""
    problems: list[Problem] = []
    categories = _load_categories(root, root.parent, languages, problems)
    if problems:
        raise SourceError(problems)
    return categories


def _yaml_files(
    folder: Path, root: Path, display_root: Path, problems: list[Problem]
) -> tuple[list[tuple[Path, str]], set[str]]:
    """The regular ``.yml`` files of ``folder`` in name order, and the ids of every ``.yml`` name.

    Other YAML endings, and ``.yml`` names that are not regular files inside ``root`` (a folder,
    a symbolic link, a device or a named pipe) are problems and are never opened. Hidden names
    (editors' lock and backup files such as ``.#nps.yml``) are skipped: they are never published.
    """
    found = []
    names = set()
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        display = path.relative_to(display_root).as_posix()
        if path.suffix in {".yaml", ".YML", ".YAML"}:
            problems.append(
                Problem(display, 1, 1, "", f"files end in .yml: rename it to {path.stem}.yml")
            )
        elif path.suffix == ".yml":
            names.add(path.stem)
            refused = _not_a_file(path, root, display_root)
            if refused is None:
                found.append((path, display))
            else:
                problems.append(Problem(display, 1, 1, "", refused))
    return found, names


def _not_a_file(path: Path, root: Path, display_root: Path) -> str | None:
    """Why ``path`` is not a regular file of the glossary (``None`` when it is one).

    Only the entry itself is looked at (``lstat``): nothing is opened or followed, so a link to
    ``/dev/zero``, a named pipe or a file outside the repository is never read.
    """
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"the file cannot be read ({error.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder: a glossary file must be a plain text file"
    if not stat.S_ISLNK(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        return f"this is {kind}, not a file: a glossary file must be a plain text file"
    folder = root.relative_to(display_root).as_posix()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        return "a symbolic link that leads nowhere: remove it, or put the file itself here"
    if not target.is_relative_to(root.resolve()):
        return (
            f"a symbolic link that leads outside {folder}/: only files inside {folder}/ are "
            "read; put the file itself here"
        )
    inside = target.relative_to(root.resolve().parent).as_posix()
    return (
        f"a symbolic link to {inside}: a glossary file must be a file of its own, "
        "not a link; copy or rename the file instead"
    )


def _check_id(path: Path, display: str, what: str, problems: list[Problem]) -> None:
    if not SLUG.match(path.stem):
        problems.append(
            Problem(display, 1, 1, "id", _slug_message(f"the file name ({what})", path.stem))
        )
    elif path.stem in RESERVED_IDS:
        problems.append(
            Problem(
                display,
                1,
                1,
                "id",
                f"the id {path.stem!r} is reserved for an index page: choose another file name",
            )
        )


def _read(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    try:
        return load_yaml(path, display)
    except SourceError as error:
        problems.extend(error.problems)
        return None


def _load_categories(
    root: Path, display_root: Path, languages: Sequence[str], problems: list[Problem]
) -> list[Category]:
    path = root / "categories.yml"
    display = path.relative_to(display_root).as_posix()
    if not os.path.lexists(path):
        problems.append(Problem(display, 1, 1, "", "the list of categories is missing"))
        return []
    refused = _not_a_file(path, root, display_root)
    if refused is not None:
        problems.append(Problem(display, 1, 1, "", refused))
        return []
    source = _read(path, display, problems)
    if source is None:
        return []
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "expected a mapping of category ids to labels"))
        return []
    schema = category_schema(languages)
    categories = []
    for category_id in source.data:
        if not SLUG.match(category_id):
            problems.append(
                source.problem((category_id,), _slug_message("category id", category_id))
            )
        model, found = validate(source.part(category_id), schema, languages)
        problems.extend(found)
        if model is not None:
            labels = {lang: getattr(model, lang) for lang in languages}
            categories.append(Category(category_id, labels))
    return categories


def _slug_message(what: str, value: str) -> str:
    return (
        f"{what} {value!r} is not a slug: use lower-case ASCII letters and digits "
        "joined by single hyphens, e.g. 'customer-experience'"
    )


def _load_term(
    path: Path,
    display: str,
    schema: type[TermCommon],
    languages: Sequence[str],
    problems: list[Problem],
) -> tuple[Term, SourceFile] | None:
    term_id = path.stem
    _check_id(path, display, "term id", problems)
    source = _read(path, display, problems)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        problems.append(
            source.problem((), "a term file is a mapping of fields (category, et, en, ...)")
        )
        return None
    model, found = validate(source, schema, languages)
    problems.extend(found)
    if model is None:
        return None
    texts = {lang: _text(getattr(model, lang)) for lang in languages}
    term = Term(
        id=term_id,
        source_path=display,
        category=model.category,
        related=tuple(model.related),
        sources=tuple(Source(s.author, s.year, s.title, s.url) for s in model.sources),
        calculator=model.calculator,
        texts=texts,
        former_ids=tuple(model.former_ids),
        broader=tuple(model.broader),
        narrower=tuple(model.narrower),
    )
    return term, source


def _designation(value: Any, *, preferred: bool = False) -> Designation:
    """A name as the author wrote it: text, or a mapping with its status and language."""
    if isinstance(value, str):
        return Designation(value, PREFERRED if preferred else ADMITTED)
    if preferred:
        return Designation(value.name, PREFERRED, foreign=value.foreign)
    return Designation(value.name, value.status, value.reason, value.foreign)


def _text(model: Any) -> TermText:
    crossword = model.crossword
    term = _designation(model.term, preferred=True)
    abbreviation = None if model.abbreviation is None else _designation(model.abbreviation)
    synonyms = tuple(_designation(synonym) for synonym in model.synonyms)
    return TermText(
        term=term.name,
        abbreviation=abbreviation.name if abbreviation else None,
        expansion=model.expansion,
        synonyms=tuple(synonym.name for synonym in synonyms),
        definition=model.definition,
        crossword_answer=crossword.answer if crossword else None,
        crossword_clue=crossword.clue if crossword else None,
        designations=(term, *((abbreviation,) if abbreviation else ()), *synonyms),
        definition_source=model.definition_source,
        note=model.note,
        example=model.example,
    )


def check_terms(
    terms: Iterable[Term],
    sources: Mapping[str, SourceFile],
    languages: Sequence[str],
    calculators: Collection[str],
    *,
    existing: Collection[str] = (),
) -> list[Problem]:
    """Problems between terms: unknown or self relations, duplicate preferred terms.

    ``existing`` names the term files that exist but did not validate: a relation to one of
    them is not reported (its file has problems of its own), nor may a former id take its id.
    """
    terms = list(terms)
    ids = {term.id for term in terms} | set(existing)
    problems: list[Problem] = []
    for term in terms:
        source = sources[term.id]
        for relation in RELATIONS:
            seen: set[str] = set()
            for index, related in enumerate(getattr(term, relation)):
                where = (relation, index)
                if related == term.id:
                    problems.append(source.problem(where, RELATIONS[relation].itself))
                elif related not in ids:
                    problems.append(
                        source.problem(
                            where,
                            f"no term with id {related!r} (no file glossary/terms/{related}.yml)",
                        )
                    )
                elif related in seen:
                    problems.append(source.problem(where, f"{related!r} is listed twice"))
                seen.add(related)
        problems.extend(_name_problems(term, source, languages))
        if term.calculator is not None and term.calculator not in calculators:
            known = ", ".join(sorted(calculators)) or "none yet"
            problems.append(
                source.problem(
                    ("calculator",), f"no calculator {term.calculator!r}; available: {known}"
                )
            )
    claimed: dict[str, str] = {}
    for term in terms:
        for index, old in enumerate(term.former_ids):
            where = ("former_ids", index)
            if not SLUG.match(old):
                problems.append(sources[term.id].problem(where, _slug_message("former id", old)))
            elif old in RESERVED_PAGES:
                problems.append(
                    sources[term.id].problem(
                        where,
                        f"{old!r} is reserved: terms/{old}/ is {RESERVED_PAGES[old]}, which a "
                        "former id would replace with a redirect; remove it from former_ids",
                    )
                )
            elif old in ids:
                problems.append(
                    sources[term.id].problem(
                        where, f"{old!r} is the id of a term now: a former id must be free"
                    )
                )
            elif old in claimed:
                problems.append(
                    sources[term.id].problem(
                        where, f"{old!r} is already a former id of {claimed[old]}"
                    )
                )
            claimed.setdefault(old, term.source_path)
    problems.extend(check_relations(terms, sources))
    for lang in languages:
        by_name: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            by_name[_comparable(term.text(lang).term)].append(term)
        for same in by_name.values():
            for term in same[1:]:
                first = same[0]
                problems.append(
                    sources[term.id].problem(
                        (lang, "term"),
                        f"the {lang} term {term.text(lang).term!r} is already the preferred "
                        f"term of {first.source_path}: a preferred term names one concept",
                    )
                )
    return problems


@dataclass(frozen=True)
class Relation:
    """A relation between terms as ``check_relations`` keeps it: its inverse, and its words."""

    inverse: str
    #: The problem of a term listed in its own list.
    itself: str
    #: Why the other file must list this term too.
    why: str


#: The relations a term file lists, each with its inverse: ``related`` is its own inverse
#: (symmetric), ``broader`` and ``narrower`` are each other's.
RELATIONS: Mapping[str, Relation] = {
    "related": Relation(
        "related", "a term cannot be related to itself", "a related link is written in both files"
    ),
    "broader": Relation(
        "narrower",
        "a term cannot be broader than itself",
        "a broader term lists its narrower terms",
    ),
    "narrower": Relation(
        "broader",
        "a term cannot be narrower than itself",
        "a narrower term lists its broader terms",
    ),
}


def check_relations(terms: Sequence[Term], sources: Mapping[str, SourceFile]) -> list[Problem]:
    """Relations that do not agree between the two terms they join.

    Every relation is written in both files: ``related`` both ways, ``broader`` in one file
    with ``narrower`` in the other. A link whose other half is missing is reported at the link,
    naming the file and the list to add it to (the build does not complete it: what a page
    shows is what its file says). Also reported: a pair listed under two relations (SKOS keeps
    related apart from broader and narrower), and broader terms that lead back to the term.
    Ids of terms that did not load are left to their own problems.
    """
    by_id = {term.id: term for term in terms}
    problems: list[Problem] = []
    for term in terms:
        source = sources[term.id]
        listed: dict[str, str] = {}
        for relation, kind in RELATIONS.items():
            for index, other_id in enumerate(getattr(term, relation)):
                other = by_id.get(other_id)
                if other is None or other_id == term.id:
                    continue
                where = (relation, index)
                if other_id in listed and listed[other_id] != relation:
                    problems.append(
                        source.problem(
                            where,
                            f"{other_id!r} is already listed under {listed[other_id]}: a term "
                            "is related, broader or narrower, one of the three",
                        )
                    )
                    continue
                listed.setdefault(other_id, relation)
                if term.id not in getattr(other, kind.inverse):
                    problems.append(
                        source.problem(
                            where,
                            f"{other.source_path} does not list {term.id!r} in its "
                            f"{kind.inverse}: add it there, or remove {other_id!r} here "
                            f"({kind.why})",
                        )
                    )
    problems.extend(_broader_cycles(terms, sources))
    return problems


def _broader_cycles(terms: Sequence[Term], sources: Mapping[str, SourceFile]) -> list[Problem]:
    """A term that is, through its broader terms, broader than itself."""
    by_id = {term.id: term for term in terms}
    problems = []
    for term in terms:
        path = [term.id]
        stack = [(term.id, iter(by_id[term.id].broader))]
        found = None
        while stack and found is None:
            _, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
            elif child == term.id and len(path) > 1:
                found = [*path, child]
            elif child in by_id and child not in path:
                path.append(child)
                stack.append((child, iter(by_id[child].broader)))
        if found is not None:
            problems.append(
                sources[term.id].problem(
                    ("broader",),
                    "the broader terms lead back to this term ("
                    + " → ".join(found)
                    + "): a concept cannot be a kind of itself",
                )
            )
    return problems


def _name_problems(term: Term, source: SourceFile, languages: Sequence[str]) -> list[Problem]:
    """Names whose marks contradict the text they are in, and definition sources that do not
    exist."""
    problems = []
    for lang in languages:
        text = term.text(lang)
        places: list[tuple[str | int, ...]] = [(lang, "term")]
        if text.abbreviation is not None:
            places.append((lang, "abbreviation"))
        places += [(lang, "synonyms", index) for index in range(len(text.synonyms))]
        for where, name in zip(places, text.names(), strict=True):
            if name.foreign == lang:
                problems.append(
                    source.problem(
                        (*where, "foreign"),
                        f"'foreign: {lang}' marks a form taken from another language, and this "
                        f"is the {lang} text: leave 'foreign' out",
                    )
                )
            if name.status == DEPRECATED and name.name == text.term:
                problems.append(
                    source.problem(
                        where, f"{name.name!r} is the preferred term: it cannot be deprecated"
                    )
                )
        number = text.definition_source
        if isinstance(number, int) and number > len(term.sources):
            count = len(term.sources)
            listed = f"lists {count} source{'s' if count != 1 else ''}" if count else "is empty"
            problems.append(
                source.problem(
                    (lang, "definition_source"),
                    f"there is no source {number}: 'sources' {listed} (1 = the first); add the "
                    "source there, or write editor for a definition written for this glossary",
                )
            )
    return problems


def _comparable(name: str) -> str:
    """``name`` as two names that look the same compare: compatibility-normalised, case-folded
    (a decomposed ``õ`` and ``õ``, ``ﬁ`` and ``fi``, ``NPS`` and ``nps`` are equal)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _load_frameworks(
    root: Path, display_root: Path, languages: Sequence[str], problems: list[Problem]
) -> list[tuple[Framework, SourceFile]]:
    schema = framework_schema(languages)
    frameworks = []
    files, _ = _yaml_files(root / "frameworks", root, display_root, problems)
    for path, display in files:
        _check_id(path, display, "framework id", problems)
        source = _read(path, display, problems)
        if source is None:
            continue
        if not isinstance(source.data, dict):
            problems.append(source.problem((), "a framework file is a mapping of fields"))
            continue
        model, found = validate(source, schema, languages)
        problems.extend(found)
        if model is not None:
            frameworks.append((_framework(path.stem, display, model, languages), source))
    return frameworks


def _framework(
    framework_id: str, display: str, model: FrameworkCommon, languages: Sequence[str]
) -> Framework:
    def item(data: Any) -> Item:
        values = {lang: getattr(data, lang) for lang in languages}
        return Item(
            texts={lang: v if isinstance(v, str) else v.text for lang, v in values.items()},
            labels={lang: None if isinstance(v, str) else v.label for lang, v in values.items()},
            notes={lang: None if isinstance(v, str) else v.note for lang, v in values.items()},
            term=data.term,
            items=tuple(item(child) for child in data.items),
            id=data.id,
        )

    diagram = model.diagram
    return Framework(
        id=framework_id,
        source_path=display,
        order=model.order,
        titles={lang: getattr(model, lang).title for lang in languages},
        summaries={lang: getattr(model, lang).summary for lang in languages},
        related=tuple(model.related),
        sources=tuple(Source(s.author, s.year, s.title, s.url) for s in model.sources),
        diagram=Diagram(diagram.kind, diagram.section, diagram.both_ways) if diagram else None,
        sections=tuple(
            Section(
                id=section.id,
                titles={lang: getattr(section, lang).title for lang in languages},
                texts={lang: getattr(section, lang).text for lang in languages},
                term=section.term,
                items=tuple(item(child) for child in section.items),
            )
            for section in model.sections  # type: ignore[attr-defined]
        ),
    )


def check_frameworks(
    frameworks: Sequence[tuple[Framework, SourceFile]], term_ids: Collection[str]
) -> list[Problem]:
    """Problems of frameworks: unknown terms, section ids, diagram sections, order."""
    problems: list[Problem] = []

    def term(source: SourceFile, loc: tuple[str | int, ...], term_id: str | None) -> None:
        if term_id is not None and term_id not in term_ids:
            problems.append(
                source.problem(
                    loc, f"no term with id {term_id!r} (no file glossary/terms/{term_id}.yml)"
                )
            )

    def items(source: SourceFile, loc: tuple[str | int, ...], children: tuple[Item, ...]) -> None:
        ids: set[str] = set()
        for index, child in enumerate(children):
            term(source, (*loc, index, "term"), child.term)
            if child.id is not None:
                if not SLUG.match(child.id):
                    problems.append(
                        source.problem((*loc, index, "id"), _slug_message("item id", child.id))
                    )
                elif child.id in ids:
                    problems.append(
                        source.problem((*loc, index, "id"), f"item id {child.id!r} is used twice")
                    )
                ids.add(child.id)
            items(source, (*loc, index, "items"), child.items)

    orders: dict[int, str] = {}
    for framework, source in frameworks:
        if framework.order in orders:
            problems.append(
                source.problem(
                    ("order",), f"order {framework.order} is also used by {orders[framework.order]}"
                )
            )
        orders.setdefault(framework.order, framework.source_path)
        for index, related in enumerate(framework.related):
            term(source, ("related", index), related)
        section_ids: set[str] = set()
        for index, section in enumerate(framework.sections):
            loc: tuple[str | int, ...] = ("sections", index)
            if not SLUG.match(section.id):
                problems.append(
                    source.problem((*loc, "id"), _slug_message("section id", section.id))
                )
            elif section.id in section_ids:
                problems.append(
                    source.problem((*loc, "id"), f"section id {section.id!r} is used twice")
                )
            section_ids.add(section.id)
            term(source, (*loc, "term"), section.term)
            items(source, (*loc, "items"), section.items)
        diagram = framework.diagram
        if diagram and diagram.section is not None and diagram.section not in section_ids:
            problems.append(
                source.problem(("diagram", "section"), f"no section with id {diagram.section!r}")
            )
    return problems
