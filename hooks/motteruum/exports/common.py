"""What every export shares: the order of terms and frameworks, labels, citations."""

from __future__ import annotations

from ..glossary import Framework, Glossary, Source, Term, TermText

__all__ = ["alternative_labels", "citation", "frameworks_in_order", "terms_in_order"]


def terms_in_order(glossary: Glossary) -> list[Term]:
    """Every term by id: the one order of all exports, independent of any language."""
    return sorted(glossary.terms, key=lambda term: term.id)


def frameworks_in_order(glossary: Glossary) -> list[Framework]:
    """Every framework in the order the site lists them."""
    return sorted(glossary.frameworks, key=lambda framework: (framework.order, framework.id))


def alternative_labels(text: TermText) -> list[str]:
    """The abbreviation and the synonyms, without repeats and without the preferred term."""
    labels: list[str] = []
    for label in (text.abbreviation, *text.synonyms):
        if label is not None and label != text.term and label not in labels:
            labels.append(label)
    return labels


def citation(source: Source) -> str:
    """A source on one line, as the term pages cite it: ``Author (Year). Title. URL``."""
    parts: list[str] = []
    if source.author:
        parts.append(f"{source.author} ({source.year})" if source.year else source.author)
    elif source.year:
        parts.append(str(source.year))
    if source.title:
        parts.append(source.title)
    if source.url:
        parts.append(source.url)
    text = ""
    for part in parts:
        if text:
            text += " " if text.endswith((".", "?", "!")) else ". "
        text += part
    return text
