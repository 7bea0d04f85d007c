"""The translation report: what authors still have to write."""

from __future__ import annotations

from collections.abc import Callable

from .glossary import Glossary, TermText

#: Optional fields that every language should have once one language has them.
FIELDS: dict[str, Callable[[TermText], str | None]] = {
    "abbreviation": lambda text: text.abbreviation,
    "expansion": lambda text: text.expansion,
    "crossword.clue": lambda text: text.crossword_clue,
}


def gaps(glossary: Glossary) -> dict[str, list[str]]:
    """Fields given in some languages only, terms without sources, unrelated terms.

    Synonyms are left out of the language comparison: they belong to one language (Estonian
    lists the established English originals, English does not).
    """
    missing: list[str] = []
    for term in glossary.terms:
        for name, value in FIELDS.items():
            have = [lang for lang in glossary.languages if value(term.text(lang))]
            lacking = [lang for lang in glossary.languages if lang not in have]
            if have and lacking:
                missing.append(f"{term.source_path}: {name}: missing in {', '.join(lacking)}")
    pointed_to = {
        other for term in glossary.terms for other in (*term.related, *term.broader, *term.narrower)
    }
    pointed_to |= {term_id for framework in glossary.frameworks for term_id in framework.mentions}
    return {
        "missing_in_language": missing,
        "no_sources": [term.source_path for term in glossary.terms if not term.sources],
        "unrelated": [
            term.source_path
            for term in glossary.terms
            if not (term.related or term.broader or term.narrower) and term.id not in pointed_to
        ],
    }
