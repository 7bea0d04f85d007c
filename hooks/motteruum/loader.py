"""Load every glossary source, validate it, and check the terms against each other.

All problems of all files are collected before anything fails, so an author sees the
whole list at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .glossary import Category, Glossary, Source, Term, TermText
from .model import TermCommon, category_schema, term_schema
from .problems import Problem, SourceError
from .validation import validate
from .yamlsource import SourceFile, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Page names inside ``terms/`` that belong to the index pages, so no term may use them.
RESERVED_IDS = frozenset({"index", "categories", "abbreviations"})


def load_glossary(
    root: Path, languages: Sequence[str], *, calculators: Collection[str] = ()
) -> Glossary:
    """Read ``root`` (the ``glossary/`` folder) for ``languages``; raise :class:`SourceError`.

    ``calculators`` names the calculator pages that exist, for checking ``calculator:``.
    """
    problems: list[Problem] = []
    display_root = root.parent
    categories = _load_categories(root / "categories.yml", display_root, languages, problems)
    schema = term_schema(languages, [c.id for c in categories])
    terms: list[Term] = []
    sources: dict[str, SourceFile] = {}
    for path in sorted((root / "terms").iterdir()) if (root / "terms").is_dir() else []:
        display = path.relative_to(display_root).as_posix()
        if path.suffix in {".yaml", ".YML", ".YAML"}:
            problems.append(
                Problem(display, 1, 1, "", f"term files end in .yml: rename it to {path.stem}.yml")
            )
            continue
        if path.suffix != ".yml":
            continue
        loaded = _load_term(path, display, schema, languages, problems)
        if loaded is not None:
            terms.append(loaded[0])
            sources[loaded[0].id] = loaded[1]
    terms.sort(key=lambda term: term.id)
    problems.extend(check_terms(terms, sources, languages, calculators))
    if problems:
        raise SourceError(problems)
    return Glossary(tuple(languages), tuple(categories), tuple(terms))


def _read(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    try:
        return load_yaml(path, display)
    except SourceError as error:
        problems.extend(error.problems)
        return None


def _load_categories(
    path: Path, display_root: Path, languages: Sequence[str], problems: list[Problem]
) -> list[Category]:
    display = path.relative_to(display_root).as_posix()
    if not path.is_file():
        problems.append(Problem(display, 1, 1, "", "the list of categories is missing"))
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
        model, found = validate(source.part(category_id), schema)
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
    if not SLUG.match(term_id):
        problems.append(
            Problem(display, 1, 1, "id", _slug_message("the file name (term id)", term_id))
        )
    elif term_id in RESERVED_IDS:
        problems.append(
            Problem(
                display,
                1,
                1,
                "id",
                f"the id {term_id!r} is reserved for an index page: choose another file name",
            )
        )
    source = _read(path, display, problems)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        problems.append(
            source.problem((), "a term file is a mapping of fields (category, et, en, ...)")
        )
        return None
    model, found = validate(source, schema)
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
    )
    return term, source


def _text(model: Any) -> TermText:
    crossword = model.crossword
    return TermText(
        term=model.term,
        abbreviation=model.abbreviation,
        expansion=model.expansion,
        synonyms=tuple(model.synonyms),
        definition=model.definition,
        crossword_answer=crossword.answer if crossword else None,
        crossword_clue=crossword.clue if crossword else None,
    )


def check_terms(
    terms: Iterable[Term],
    sources: Mapping[str, SourceFile],
    languages: Sequence[str],
    calculators: Collection[str],
) -> list[Problem]:
    """Problems between terms: unknown or self relations, duplicate preferred terms."""
    terms = list(terms)
    ids = {term.id for term in terms}
    problems: list[Problem] = []
    for term in terms:
        source = sources[term.id]
        seen: set[str] = set()
        for index, related in enumerate(term.related):
            where = ("related", index)
            if related == term.id:
                problems.append(source.problem(where, "a term cannot be related to itself"))
            elif related not in ids:
                problems.append(
                    source.problem(
                        where, f"no term with id {related!r} (no file glossary/terms/{related}.yml)"
                    )
                )
            elif related in seen:
                problems.append(source.problem(where, f"{related!r} is listed twice"))
            seen.add(related)
        if term.calculator is not None and term.calculator not in calculators:
            known = ", ".join(sorted(calculators)) or "none yet"
            problems.append(
                source.problem(
                    ("calculator",), f"no calculator {term.calculator!r}; available: {known}"
                )
            )
    for lang in languages:
        by_name: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            by_name[term.text(lang).term.casefold()].append(term)
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
