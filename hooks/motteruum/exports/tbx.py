"""The glossary as TBX: ISO 30042:2019 (TBX v3), dialect TBX-Basic, DCA style.

The file names the dialect's public schemas in ``xml-model`` processing instructions, as
the TBX-Basic dialect package (LTAC Global, version 1.2) does: the TBX core structure in
RELAX NG (``TBXcoreStructV03.rng``) and the TBX-Basic DCA rules in Schematron
(``TBX-Basic_DCA.sch``). Everything is in the TBX namespace ``urn:iso:std:iso:30042:ed-2``;
``xml:lang`` of ``<tbx>`` is the glossary's default (first) language.

One ``<conceptEntry>`` per term, in id order. Its ``id`` is the term id (an XML ID cannot
start with a digit, so such an id is written with a leading ``_``). It holds:

- ``<descrip type="subjectField">``: the category's label, once per language with its
  ``xml:lang`` (subject field is a concept-level data category);
- ``<admin type="source">``: one per source, cited as ``Author (Year). Title. URL``.
  TBX-Basic has *source* as an **admin** data category (its descrip types are only
  subjectField, definition and context), allowed at conceptEntry, langSec and termSec;
  the glossary's sources are about the concept, so they sit on the conceptEntry;
- ``<ref type="crossReference" target="…">``: one per related term, then one per broader
  and per narrower term, pointing at that term's conceptEntry, with its preferred term in
  the default language as text (TBX-Basic has no hierarchical relation of its own: its only
  concept relation is the cross-reference);
- one ``<langSec xml:lang="…">`` per language with the definition as plain text
  (``<descrip type="definition">``; when the term names the definition's source, the two
  are a ``<descripGrp>`` of the definition and its ``<admin type="source">``, the cited
  source or, for a definition written for the glossary, its editors), the usage note as a
  ``<note>``, the term's page in that language (``<xref type="externalCrossReference">``)
  and the ``<termSec>``\\ s:

  - the preferred term: ``termType`` ``fullForm``, ``administrativeStatus``
    ``preferredTerm-admn-sts``, and the example sentence as ``<descrip type="context">``
    (TBX-Basic allows context at the termSec only);
  - the abbreviation, if any: ``termType`` ``abbreviation``;
  - each synonym.

  The abbreviation and the synonyms are ``admittedTerm-admn-sts`` or, when the author
  deprecated them, ``deprecatedTerm-admn-sts`` with the reason as a ``<note>``. A
  foreign-language form (a loanword kept as it is) has a ``<note>`` naming its language, in
  the langSec's language. Every termSec has ``partOfSpeech`` ``noun``: the glossary names
  concepts, and each of its designations is a noun or a noun phrase.

A label that repeats the preferred term or the abbreviation gets no termSec of its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..glossary import Designation, Glossary, Term
from ..strings import language_name, translate
from .common import citation, terms_in_order
from .plaintext import plain_text
from .urls import SiteUrls

__all__ = ["CORE_SCHEMA", "DIALECT_SCHEMA", "NAMESPACE", "to_tbx", "xml_id"]

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
CORE_SCHEMA = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
)
DIALECT_SCHEMA = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)
_PROLOGUE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<?xml-model href="{CORE_SCHEMA}" type="application/xml"'
    ' schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    f'<?xml-model href="{DIALECT_SCHEMA}" type="application/xml"'
    ' schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
)
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_id(term_id: str) -> str:
    """The XML ID of a term's conceptEntry: its id, with ``_`` before a leading digit."""
    return term_id if term_id[:1].isalpha() else f"_{term_id}"


def to_tbx(glossary: Glossary, site: SiteUrls) -> str:
    """The glossary as a TBX-Basic document (UTF-8 XML text, ending in a newline).

    TBX needs at least one conceptEntry: :class:`ValueError` for a glossary without terms.
    """
    if not glossary.terms:
        raise ValueError("a TBX file needs at least one term")
    default = glossary.languages[0]
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", _LANG: default})
    root.set("xmlns", NAMESPACE)
    file_desc = ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc")
    title = translate("glossary.title", default, default)
    _child(ET.SubElement(file_desc, "titleStmt"), "title", title)
    _child(ET.SubElement(file_desc, "sourceDesc"), "p", site.glossary())
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in terms_in_order(glossary):
        body.append(_concept_entry(glossary, term, site))
    ET.indent(root, space="  ")
    return _PROLOGUE + ET.tostring(root, encoding="unicode") + "\n"


def _concept_entry(glossary: Glossary, term: Term, site: SiteUrls) -> ET.Element:
    default = glossary.languages[0]
    entry = ET.Element("conceptEntry", {"id": xml_id(term.id)})
    category = glossary.category(term.category)
    for lang in glossary.languages:
        _child(entry, "descrip", category.label(lang), type="subjectField", lang=lang)
    for source in term.sources:
        _child(entry, "admin", citation(source), type="source")
    for related in (*term.related, *term.broader, *term.narrower):
        name = glossary.term(related).text(default).term
        _child(entry, "ref", name, type="crossReference", target=xml_id(related))
    for lang in glossary.languages:
        text = term.text(lang)
        lang_sec = ET.SubElement(entry, "langSec", {_LANG: lang})
        definition = plain_text(text.definition)
        if text.definition_source is None:
            _child(lang_sec, "descrip", definition, type="definition")
        else:
            group = ET.SubElement(lang_sec, "descripGrp")
            _child(group, "descrip", definition, type="definition")
            if text.definition_source == "editor":
                cited = translate("term.definition_source.editor_citation", lang, default)
            else:
                cited = citation(term.sources[text.definition_source - 1])
            _child(group, "admin", cited, type="source")
        if text.note is not None:
            _child(lang_sec, "note", text.note)
        url = site.page(lang, f"terms/{term.id}/")
        _child(lang_sec, "xref", text.term, type="externalCrossReference", target=url)
        preferred = _term_sec(lang_sec, text.preferred, "fullForm", lang, default)
        if text.example is not None:
            _child(preferred, "descrip", text.example, type="context")
        seen = {text.term}
        if text.abbreviation_name is not None and text.abbreviation_name.name not in seen:
            seen.add(text.abbreviation_name.name)
            _term_sec(lang_sec, text.abbreviation_name, "abbreviation", lang, default)
        for synonym in text.synonym_names:
            if synonym.name not in seen:
                seen.add(synonym.name)
                _term_sec(lang_sec, synonym, None, lang, default)
    return entry


def _term_sec(
    lang_sec: ET.Element, name: Designation, term_type: str | None, lang: str, default: str
) -> ET.Element:
    """A termSec: the term, its type, part of speech and status, and notes on its status."""
    term_sec = ET.SubElement(lang_sec, "termSec")
    _child(term_sec, "term", name.name)
    if term_type is not None:
        _child(term_sec, "termNote", term_type, type="termType")
    _child(term_sec, "termNote", "noun", type="partOfSpeech")
    _child(term_sec, "termNote", f"{name.status}Term-admn-sts", type="administrativeStatus")
    if name.reason is not None:
        _child(term_sec, "note", name.reason)
    if name.foreign is not None:
        language = language_name(name.foreign, lang)
        _child(term_sec, "note", translate("term.status.foreign", lang, default, language=language))
    return term_sec


def _child(
    parent: ET.Element,
    tag: str,
    text: str,
    *,
    type: str | None = None,
    target: str | None = None,
    lang: str | None = None,
) -> ET.Element:
    attributes = {}
    if type is not None:
        attributes["type"] = type
    if target is not None:
        attributes["target"] = target
    if lang is not None:
        attributes[_LANG] = lang
    element = ET.SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("", text)
    return element
