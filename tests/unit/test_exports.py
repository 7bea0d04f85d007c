"""Exports: JSON, CSV, TBX, SKOS Turtle and schema.org JSON-LD parse and hold every term."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from motteruum.exports import (
    DOWNLOADS,
    defined_term_jsonld,
    defined_term_set_jsonld,
    downloads,
    plain_text,
    to_csv,
    to_json,
    to_tbx,
    to_turtle,
)
from motteruum.exports.common import citation
from motteruum.exports.skos import turtle_string
from motteruum.exports.tbx import NAMESPACE, xml_id
from motteruum.exports.urls import SiteUrls, normalise_base_url
from motteruum.glossary import Category, Glossary, Source, Term, TermText
from motteruum.loader import load_glossary
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT, GlossaryFactory

BASE = "https://example.org/kb/"
SITE = SiteUrls.of(BASE, [("et", ""), ("en", "en/")])
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
TBX = f"{{{NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: A term whose every text is awkward for one format or another.
AWKWARD = """\
category: measurement
related: [plain-term, 360-feedback]
narrower: [narrow]
sources:
  - author: 'O''Brien & "Co" <Ltd>'
    year: 2020
    title: 'A \\ title: "quoted"?'
    url: https://example.org/a?b=1&c=2
  - title: Untitled notes
et:
  term: 'jutt "jutumärkides" \\ kaldkriips'
  abbreviation: {name: 'J&<', status: deprecated, reason: 'vana <lühend> & "vorm"'}
  expansion: 'Jutt & <Co>'
  synonyms: ['TRI*M', {name: 'õäöüšž ÕÄÖÜŠŽ', foreign: fi}, '</script><!--', 'J&<']
  definition: |
    Esimene rida [TRI\\*M](tri-m.md) ja **rõhk** ning *kaldkiri*;
    a < b & c > d, "jutumärgid" ja \\ kaldkriips.

    Teine lõik: \"\"\"kolm\"\"\" ja &amp; lõpp.
  definition_source: 1
  note: 'Märkus: <b>ära</b> & "kasuta" \\ nii.'
  example: 'Näide: "jutt" <i>&</i> \\ lõpp.'
en:
  term: 'say "hello" \\ backslash'
  abbreviation: 'S&<'
  synonyms:
    - 'x, y; z'
    - 'say "hello" \\ backslash'
    - {name: 'old & <name>', status: deprecated, reason: 'Replaced by "say hello".'}
  definition: |
    First line with [TRI\\*M](tri-m.md), **bold** and *emphasis*;
    a < b & c > d, "quotes" and \\ backslash.

    - one item;
    - another item.
  definition_source: editor
"""

#: A narrower concept of the awkward term.
NARROW = """\
category: measurement
broader: [awkward]
et:
  term: kitsas
  definition: Kitsam mõiste.
en:
  term: narrow
  definition: A narrower concept.
"""

PLAIN = """\
category: customer-experience
related: [awkward]
et:
  term: lihtne
  definition: Lihtne definitsioon.
en:
  term: plain
  definition: A plain definition.
"""

DIGIT = """\
category: people-management
related: [awkward]
et:
  term: 360 kraadi tagasiside
  definition: Tagasiside igast suunast.
en:
  term: 360-degree feedback
  abbreviation: '360'
  definition: Feedback from every direction.
"""

FRAMEWORK = """\
order: 1
related: [plain-term]
et:
  title: 'Mudel "jutumärkides"'
  summary: Kokkuvõte.
en:
  title: 'Model "quoted" \\ slash'
  summary: Summary.
sections:
  - id: parts
    et:
      title: Osad
    en:
      title: Parts
    items:
      - et: Jutt
        en: Talk
        term: awkward
"""


@pytest.fixture(scope="module")
def real() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


@pytest.fixture
def awkward(make_glossary: GlossaryFactory) -> Glossary:
    root = make_glossary(
        {
            "awkward.yml": AWKWARD,
            "plain-term.yml": PLAIN,
            "360-feedback.yml": DIGIT,
            "narrow.yml": NARROW,
        }
    )
    (root / "frameworks").mkdir()
    (root / "frameworks" / "model.yml").write_text(FRAMEWORK, encoding="utf-8")
    return load_glossary(root, LANGUAGES)


@pytest.fixture(params=["real", "awkward"])
def glossary(request: pytest.FixtureRequest) -> Glossary:
    found: Glossary = request.getfixturevalue(request.param)
    return found


def three_languages() -> Glossary:
    """A glossary in English first, then Estonian and Finnish, built without YAML."""
    languages = ("en", "et", "fi")

    def text(term: str, abbreviation: str | None = None) -> TermText:
        return TermText(term, abbreviation, None, (), f"*{term}* defined.")

    category = Category("measurement", {"en": "Measurement", "et": "Mõõtmine", "fi": "Mittaus"})
    terms = (
        Term(
            "nps",
            "glossary/terms/nps.yml",
            "measurement",
            ("csat",),
            (),
            None,
            {
                "en": text("Net Promoter Score", "NPS"),
                "et": text("soovitusindeks", "NPS"),
                "fi": text("suositteluindeksi", "NPS"),
            },
        ),
        Term(
            "csat",
            "glossary/terms/csat.yml",
            "measurement",
            (),
            (Source(None, 2024, None, "https://example.org/"),),
            None,
            {"en": text("satisfaction"), "et": text("rahulolu"), "fi": text("tyytyväisyys")},
        ),
    )
    return Glossary(languages, (category,), terms)


# -- plain text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("[TRI\\*M](tri-m.md) indeks", "TRI*M indeks"),
        ("**rõhk** ja *kaldkiri* ja _alla_ ja __topelt__", "rõhk ja kaldkiri ja alla ja topelt"),
        ("snake_case_name ja 2 * 3 * 4", "snake_case_name ja 2 * 3 * 4"),
        ("a\n  b\n\n\tc  ", "a b c"),
        ("It covers:\n\n- [x](x.md) (a);\n  more\n- y.", "It covers: x (a); more y."),
        ("1. one\n2. two", "one two"),
        ("Alates\n2020. aastal ja\n- kriips", "Alates 2020. aastal ja - kriips"),
        ("`a*b*` ***z***", "a*b* z"),
        ("`a\\*b` and \\`not code\\`", "a\\*b and `not code`"),
        ("\\&amp; and \\[x\\](y)", "&amp; and [x](y)"),
        ("a < b & c &amp; d", "a < b & c & d"),
        ("x <abbr title='y'>X</abbr> <!-- hidden --> z", "x X z"),
        ("see <https://example.org/a>", "see https://example.org/a"),
        ("[link](https://example.org/a_(b)) and ![alt](i.png)", "link and alt"),
        ('"quoted" \\ backslash', '"quoted" \\ backslash'),
        ("line\\\nbreak", "line break"),
        ("# Heading\n> quoted", "Heading quoted"),
    ],
)
def test_plain_text(markdown: str, text: str) -> None:
    assert plain_text(markdown) == text


def test_plain_text_of_real_definitions_has_no_markup(real: Glossary) -> None:
    for term in real.terms:
        for lang in real.languages:
            text = plain_text(term.text(lang).definition)
            assert "](" not in text and "**" not in text and "\\" not in text, term.id
            assert text == " ".join(text.split())


def test_citation_reads_like_the_term_pages() -> None:
    assert citation(Source("A. Author", 2020, "Title", "https://x.org/")) == (
        "A. Author (2020). Title. https://x.org/"
    )
    assert citation(Source(None, 2020, "Why?", "https://x.org/")) == "2020. Why? https://x.org/"
    assert citation(Source(None, None, None, "https://x.org/")) == "https://x.org/"


# -- JSON ---------------------------------------------------------------------------------------


def test_json_holds_every_term_in_every_language(glossary: Glossary) -> None:
    data = json.loads(to_json(glossary, SITE))
    assert data["languages"] == list(glossary.languages)
    assert [t["id"] for t in data["terms"]] == sorted(t.id for t in glossary.terms)
    for entry in data["terms"]:
        term = glossary.term(entry["id"])
        assert entry["uri"] == f"{BASE}terms/{term.id}/"
        assert entry["category"]["id"] == term.category
        assert entry["category"]["labels"] == dict(glossary.category(term.category).labels)
        assert entry["related"] == list(term.related)
        assert len(entry["sources"]) == len(term.sources)
        assert set(entry["texts"]) == set(glossary.languages)
        for lang in glossary.languages:
            text, exported = term.text(lang), entry["texts"][lang]
            assert exported["term"] == text.term
            assert exported["abbreviation"] == text.abbreviation
            assert exported["expansion"] == text.expansion
            assert exported["synonyms"] == list(text.synonyms)
            assert exported["definition"] == text.definition
            assert exported["definition_text"] == plain_text(text.definition)
    assert [f["id"] for f in data["frameworks"]] == [f.id for f in glossary.frameworks]
    for entry, framework in zip(data["frameworks"], glossary.frameworks, strict=True):
        assert entry["terms"] == list(framework.mentions)
        assert entry["titles"] == dict(framework.titles)


def test_json_keeps_awkward_text_and_markdown(awkward: Glossary) -> None:
    text = to_json(awkward, SITE)
    assert "õäöüšž" in text  # UTF-8, not \u escapes
    entry = next(t for t in json.loads(text)["terms"] if t["id"] == "awkward")
    assert entry["texts"]["et"]["term"] == 'jutt "jutumärkides" \\ kaldkriips'
    assert "[TRI\\*M](tri-m.md)" in entry["texts"]["et"]["definition"]
    assert entry["texts"]["et"]["definition_text"].startswith("Esimene rida TRI*M ja rõhk")
    assert entry["texts"]["en"]["url"] == f"{BASE}en/terms/awkward/"
    assert entry["sources"][0]["author"] == 'O\'Brien & "Co" <Ltd>'
    assert entry["sources"][1] == {
        "author": None,
        "year": None,
        "title": "Untitled notes",
        "url": None,
    }
    assert json.loads(text)["frameworks"][0]["terms"] == ["plain-term", "awkward"]


# -- CSV ----------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    """Read the CSV as a spreadsheet would: bytes, UTF-8 with its BOM."""
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_term_with_languages_side_by_side(glossary: Glossary) -> None:
    text = to_csv(glossary, SITE)
    assert text.startswith("\ufeffid,category,")
    rows = read_csv(text)
    header = list(rows[0])
    for field in ("category", "term", "abbreviation", "expansion", "definition", "synonyms"):
        columns = [f"{field}_{lang}" for lang in glossary.languages]
        start = header.index(columns[0])
        assert header[start : start + len(columns)] == columns
    assert [row["id"] for row in rows] == sorted(t.id for t in glossary.terms)
    for row in rows:
        term = glossary.term(row["id"])
        assert row["category"] == term.category
        assert row["related"] == " ".join(term.related)
        for lang in glossary.languages:
            text_ = term.text(lang)
            assert row[f"term_{lang}"] == text_.term
            assert row[f"abbreviation_{lang}"] == (text_.abbreviation or "")
            assert row[f"synonyms_{lang}"] == "; ".join(text_.synonyms)
            assert row[f"definition_{lang}"] == plain_text(text_.definition)
            assert row[f"category_{lang}"] == glossary.category(term.category).label(lang)


def test_csv_round_trips_estonian_letters_and_awkward_text(awkward: Glossary) -> None:
    text = to_csv(awkward, SITE)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    row = next(r for r in read_csv(text) if r["id"] == "awkward")
    assert row["term_et"] == 'jutt "jutumärkides" \\ kaldkriips'
    assert row["synonyms_et"] == "TRI*M; õäöüšž ÕÄÖÜŠŽ; </script><!--; J&<"
    assert row["synonyms_en"] == 'x, y; z; say "hello" \\ backslash; old & <name>'
    assert row["related"] == "plain-term 360-feedback"
    assert row["url_en"] == f"{BASE}en/terms/awkward/"
    assert row["sources"].startswith('O\'Brien & "Co" <Ltd> (2020). A \\ title: "quoted"? https://')


# -- TBX ----------------------------------------------------------------------------------------

#: What the TBX-Basic DCA Schematron (version 1.2.1) permits, by element and type.
TBX_BASIC_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {
        "administrativeStatus",
        "partOfSpeech",
        "geographicalUsage",
        "grammaticalGender",
        "termLocation",
        "termType",
    },
    "xref": {"externalCrossReference", "xGraphic"},
}
TBX_PICKLISTS = {
    "administrativeStatus": {
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
        "preferredTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}


#: Where the DCA Schematron allows a data category (``context`` only at the termSec, a
#: definition at the conceptEntry or langSec, ``source`` at all three levels).
TBX_LEVELS = {
    ("descrip", "context"): {"termSec"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "subjectField"): {"conceptEntry"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "langSec", "termSec"},
    ("termNote", "administrativeStatus"): {"termSec"},
}
#: The core structure's ``auxInfo``: what may come before the termSecs of a langSec and after
#: the termNotes of a termSec.
TBX_AUX_INFO = {"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"}


def parse_tbx(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def term_secs(lang_sec: ET.Element) -> dict[str, dict[str, str]]:
    """``{term: {termNote type: value}}`` of a langSec."""
    return {
        sec.findtext(f"{TBX}term", ""): {
            note.get("type", ""): note.text or "" for note in sec.findall(f"{TBX}termNote")
        }
        for sec in lang_sec.findall(f"{TBX}termSec")
    }


def test_tbx_is_tbx_basic(glossary: Glossary) -> None:
    text = to_tbx(glossary, SITE)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="')
    assert "TBXcoreStructV03.rng" in text and "TBX-Basic_DCA.sch" in text
    root = parse_tbx(text)
    assert root.tag == f"{TBX}tbx"
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get(XML_LANG) == glossary.languages[0]
    assert [child.tag for child in root] == [f"{TBX}tbxHeader", f"{TBX}text"]
    assert root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc/{TBX}p") is not None
    ids = {entry.get("id") for entry in root.iter(f"{TBX}conceptEntry")}
    for element in root.iter():
        assert element.tag.startswith(TBX), element.tag  # DCA: everything in the TBX namespace
        name = element.tag.removeprefix(TBX)
        if name in TBX_BASIC_TYPES:
            kind = element.get("type")
            assert kind in TBX_BASIC_TYPES[name], (name, kind)
            assert (element.text or "").strip()
            if kind in TBX_PICKLISTS:
                assert element.text in TBX_PICKLISTS[kind]
        if name == "ref":
            assert element.get("target") in ids
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        kind = (element.tag.removeprefix(TBX), element.get("type"))
        if kind in TBX_LEVELS:  # where the DCA Schematron allows each data category
            parent = parents[element]
            if parent.tag.endswith("Grp"):  # descripGrp: the level is the group's parent's
                parent = parents[parent]
            assert parent.tag.removeprefix(TBX) in TBX_LEVELS[kind], (kind, parent.tag)
    for entry in root.iter(f"{TBX}conceptEntry"):
        children = [child.tag.removeprefix(TBX) for child in entry]
        first_lang_sec = children.index("langSec")
        assert set(children[first_lang_sec:]) == {"langSec"}  # langSecs come last
        for lang_sec in entry.findall(f"{TBX}langSec"):
            names = [child.tag.removeprefix(TBX) for child in lang_sec]
            first_term_sec = names.index("termSec")
            assert set(names[first_term_sec:]) == {"termSec"}  # termSecs come last
            assert set(names[:first_term_sec]) <= TBX_AUX_INFO
        for sec in entry.iter(f"{TBX}termSec"):
            names = [child.tag.removeprefix(TBX) for child in sec]
            assert names[0] == "term"  # RELAX NG: term, termNote*, then auxInfo
            notes = [n for n, name in enumerate(names) if name == "termNote"]
            assert notes == list(range(1, len(notes) + 1))
            assert set(names[len(notes) + 1 :]) <= TBX_AUX_INFO
        for group in entry.iter(f"{TBX}descripGrp"):
            assert group[0].tag == f"{TBX}descrip"  # RELAX NG: a descripGrp starts with it


def test_tbx_has_one_concept_entry_per_term_with_every_language(glossary: Glossary) -> None:
    root = parse_tbx(to_tbx(glossary, SITE))
    entries = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    assert [e.get("id") for e in entries] == [
        xml_id(t) for t in sorted(t.id for t in glossary.terms)
    ]
    for entry, term in zip(entries, sorted(glossary.terms, key=lambda t: t.id), strict=True):
        category = glossary.category(term.category)
        subject = {
            d.get(XML_LANG): d.text for d in entry.findall(f"{TBX}descrip[@type='subjectField']")
        }
        assert subject == dict(category.labels)
        assert len(entry.findall(f"{TBX}admin[@type='source']")) == len(term.sources)
        targets = [r.get("target") for r in entry.findall(f"{TBX}ref[@type='crossReference']")]
        assert targets == [xml_id(r) for r in (*term.related, *term.broader, *term.narrower)]
        lang_secs = entry.findall(f"{TBX}langSec")
        assert [s.get(XML_LANG) for s in lang_secs] == list(glossary.languages)
        for lang_sec in lang_secs:
            text = term.text(lang_sec.get(XML_LANG, ""))
            definition = lang_sec.findtext(f".//{TBX}descrip[@type='definition']")
            assert definition == plain_text(text.definition) and definition
            secs = term_secs(lang_sec)
            assert secs[text.term]["termType"] == "fullForm"
            assert secs[text.term]["administrativeStatus"] == "preferredTerm-admn-sts"
            if text.abbreviation and text.abbreviation != text.term:
                assert secs[text.abbreviation]["termType"] == "abbreviation"
            first: dict[str, str] = {}
            for name in text.names():
                first.setdefault(name.name, name.status)
            for name, status in first.items():  # a name listed twice keeps its first status
                assert secs[name]["administrativeStatus"] == f"{status}Term-admn-sts"
            assert len(lang_sec.findall(f"{TBX}termSec")) == len(secs)  # no repeated terms


def test_tbx_statuses_notes_examples_and_definition_sources(awkward: Glossary) -> None:
    root = parse_tbx(to_tbx(awkward, SITE))
    entry = root.find(f".//{TBX}conceptEntry[@id='awkward']")
    assert entry is not None
    et = entry.find(f"{TBX}langSec[@{XML_LANG}='et']")
    en = entry.find(f"{TBX}langSec[@{XML_LANG}='en']")
    assert et is not None and en is not None

    def term_sec(lang_sec: ET.Element, name: str) -> ET.Element:
        found = [s for s in lang_sec.findall(f"{TBX}termSec") if s.findtext(f"{TBX}term") == name]
        assert len(found) == 1, name
        return found[0]

    deprecated = term_sec(et, "J&<")  # the abbreviation, deprecated; its repeat as a synonym goes
    assert term_secs(et)["J&<"] == {
        "termType": "abbreviation",
        "partOfSpeech": "noun",
        "administrativeStatus": "deprecatedTerm-admn-sts",
    }
    assert deprecated.findtext(f"{TBX}note") == 'vana <lühend> & "vorm"'
    foreign = term_sec(et, "õäöüšž ÕÄÖÜŠŽ")
    assert term_secs(et)["õäöüšž ÕÄÖÜŠŽ"]["administrativeStatus"] == "admittedTerm-admn-sts"
    assert foreign.findtext(f"{TBX}note") == "võõrkeelne (soome keel)"
    assert term_sec(et, "TRI*M").find(f"{TBX}note") is None
    preferred = term_sec(et, 'jutt "jutumärkides" \\ kaldkriips')
    assert preferred.findtext(f"{TBX}descrip[@type='context']") == 'Näide: "jutt" <i>&</i> \\ lõpp.'
    assert et.findtext(f"{TBX}note") == 'Märkus: <b>ära</b> & "kasuta" \\ nii.'
    group = et.find(f"{TBX}descripGrp")
    assert group is not None
    assert group.findtext(f"{TBX}descrip[@type='definition']", "").startswith("Esimene rida")
    assert group.findtext(f"{TBX}admin[@type='source']") == citation(
        awkward.term("awkward").sources[0]
    )
    old = term_sec(en, "old & <name>")
    assert term_secs(en)["old & <name>"]["administrativeStatus"] == "deprecatedTerm-admn-sts"
    assert old.findtext(f"{TBX}note") == 'Replaced by "say hello".'
    assert en.findtext(f"{TBX}descripGrp/{TBX}admin[@type='source']") == (
        "Ühine mõtteruum: the glossary's editors"
    )
    assert en.find(f"{TBX}note") is None  # no usage note in English
    plain = root.find(f".//{TBX}conceptEntry[@id='plain-term']/{TBX}langSec")
    assert plain is not None and plain.find(f"{TBX}descripGrp") is None  # no source named
    targets = [r.get("target") for r in entry.findall(f"{TBX}ref")]
    assert targets == ["plain-term", "_360-feedback", "narrow"]


def test_tbx_escapes_awkward_text(awkward: Glossary) -> None:
    root = parse_tbx(to_tbx(awkward, SITE))
    entry = root.find(f".//{TBX}conceptEntry[@id='awkward']")
    assert entry is not None
    et = entry.find(f"{TBX}langSec[@{XML_LANG}='et']")
    assert et is not None
    assert set(term_secs(et)) == {
        'jutt "jutumärkides" \\ kaldkriips',
        "J&<",
        "TRI*M",
        "õäöüšž ÕÄÖÜŠŽ",
        "</script><!--",
    }
    definition = et.findtext(f".//{TBX}descrip[@type='definition']", "")
    assert 'a < b & c > d, "jutumärgid" ja \\ kaldkriips.' in definition
    assert definition.endswith('Teine lõik: """kolm""" ja & lõpp.')
    assert root.find(f".//{TBX}conceptEntry[@id='_360-feedback']") is not None
    xref = et.find(f"{TBX}xref")
    assert xref is not None and xref.get("target") == f"{BASE}terms/awkward/"


# -- SKOS ---------------------------------------------------------------------------------------


def parse_turtle(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_turtle_has_a_concept_per_term_with_labels_in_every_language(glossary: Glossary) -> None:
    graph = parse_turtle(to_turtle(glossary, SITE))
    scheme = URIRef(f"{BASE}terms/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {URIRef(f"{BASE}terms/{t.id}/") for t in glossary.terms}
    for term in glossary.terms:
        concept = URIRef(f"{BASE}terms/{term.id}/")
        assert (concept, SKOS.inScheme, scheme) in graph
        pref = {(o.language, str(o)) for o in graph.objects(concept, SKOS.prefLabel)}
        assert pref == {(lang, term.text(lang).term) for lang in glossary.languages}
        alt = {(o.language, str(o)) for o in graph.objects(concept, SKOS.altLabel)}
        hidden = {(o.language, str(o)) for o in graph.objects(concept, SKOS.hiddenLabel)}
        first: dict[tuple[str, str], str] = {}
        for lang in glossary.languages:
            for name in term.text(lang).names():
                first.setdefault((lang, name.name), name.status)
        assert alt == {label for label, status in first.items() if status == "admitted"}
        assert hidden == {label for label, status in first.items() if status == "deprecated"}
        assert not pref & alt and not pref & hidden and not alt & hidden  # SKOS S13: disjoint
        for predicate, field in ((SKOS.scopeNote, "note"), (SKOS.example, "example")):
            assert set(graph.objects(concept, predicate)) == {
                Literal(getattr(term.text(lang), field), lang=lang)
                for lang in glossary.languages
                if getattr(term.text(lang), field)
            }
        for predicate, ids in ((SKOS.broader, term.broader), (SKOS.narrower, term.narrower)):
            assert set(graph.objects(concept, predicate)) == {
                URIRef(f"{BASE}terms/{other}/") for other in ids
            }
        definitions = {
            Literal(plain_text(term.text(lang).definition), lang=lang)
            for lang in glossary.languages
        }
        assert set(graph.objects(concept, SKOS.definition)) == definitions
        related = set(graph.objects(concept, SKOS.related))
        assert related == {URIRef(f"{BASE}terms/{r}/") for r in term.related}


def linked(graph: Graph, predicate: URIRef) -> set[tuple[str, str]]:
    """``(term id, term id)`` of every triple of ``predicate`` between concepts."""
    return {
        (
            str(s).removeprefix(f"{BASE}terms/").strip("/"),
            str(o).removeprefix(f"{BASE}terms/").strip("/"),
        )
        for s, o in graph.subject_objects(predicate)
    }


def test_turtle_related_links_are_symmetric(glossary: Glossary) -> None:
    """skos:related is symmetric; the check keeps the data so, and the export follows it."""
    graph = parse_turtle(to_turtle(glossary, SITE))
    related = linked(graph, SKOS.related)
    assert related == {(t.id, r) for t in glossary.terms for r in t.related}
    assert related == {(b, a) for a, b in related}


def test_turtle_broader_and_narrower_are_inverse(glossary: Glossary) -> None:
    graph = parse_turtle(to_turtle(glossary, SITE))
    broader, narrower = linked(graph, SKOS.broader), linked(graph, SKOS.narrower)
    assert broader == {(t.id, b) for t in glossary.terms for b in t.broader}
    assert broader and narrower == {(b, a) for a, b in broader}
    assert not broader & linked(graph, SKOS.related)  # SKOS S27: related and broader disjoint


def test_turtle_statuses_notes_and_hierarchy(awkward: Glossary) -> None:
    graph = parse_turtle(to_turtle(awkward, SITE))
    concept = URIRef(f"{BASE}terms/awkward/")
    assert set(graph.objects(concept, SKOS.hiddenLabel)) == {
        Literal("J&<", lang="et"),  # deprecated as the abbreviation, admitted as a synonym
        Literal("old & <name>", lang="en"),
    }
    alt = set(graph.objects(concept, SKOS.altLabel))
    assert Literal("õäöüšž ÕÄÖÜŠŽ", lang="et") in alt and Literal("S&<", lang="en") in alt
    assert set(graph.objects(concept, SKOS.scopeNote)) == {
        Literal('Märkus: <b>ära</b> & "kasuta" \\ nii.', lang="et")
    }
    assert set(graph.objects(concept, SKOS.example)) == {
        Literal('Näide: "jutt" <i>&</i> \\ lõpp.', lang="et")
    }
    narrow = URIRef(f"{BASE}terms/narrow/")
    assert (concept, SKOS.narrower, narrow) in graph and (narrow, SKOS.broader, concept) in graph


def test_turtle_collections_for_categories_and_frameworks(glossary: Glossary) -> None:
    graph = parse_turtle(to_turtle(glossary, SITE))
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    assert len(collections) == len(glossary.categories) + len(glossary.frameworks)
    for category in glossary.categories:
        node = URIRef(f"{BASE}terms/categories/#{category.id}")
        labels = {Literal(category.label(lang), lang=lang) for lang in glossary.languages}
        assert set(graph.objects(node, SKOS.prefLabel)) == labels
        members = {
            URIRef(f"{BASE}terms/{t.id}/") for t in glossary.terms if t.category == category.id
        }
        assert set(graph.objects(node, SKOS.member)) == members
    for framework in glossary.frameworks:
        node = URIRef(f"{BASE}frameworks/{framework.id}/")
        labels = {Literal(framework.title(lang), lang=lang) for lang in glossary.languages}
        assert set(graph.objects(node, SKOS.prefLabel)) == labels
        members = {URIRef(f"{BASE}terms/{t}/") for t in framework.mentions}
        assert set(graph.objects(node, SKOS.member)) == members


def test_turtle_strings_survive_quotes_backslashes_and_newlines(awkward: Glossary) -> None:
    graph = parse_turtle(to_turtle(awkward, SITE))
    concept = URIRef(f"{BASE}terms/awkward/")
    labels = set(graph.objects(concept, SKOS.prefLabel))
    assert Literal('jutt "jutumärkides" \\ kaldkriips', lang="et") in labels
    assert Literal('say "hello" \\ backslash', lang="en") in labels
    definitions = {str(o) for o in graph.objects(concept, SKOS.definition)}
    assert any('"""kolm"""' in d for d in definitions)
    sources = {str(o) for o in graph.objects(concept, URIRef("http://purl.org/dc/terms/source"))}
    assert (
        'O\'Brien & "Co" <Ltd> (2020). A \\ title: "quoted"? https://example.org/a?b=1&c=2'
        in sources
    )
    model = URIRef(f"{BASE}frameworks/model/")
    assert Literal('Model "quoted" \\ slash', lang="en") in set(
        graph.objects(model, SKOS.prefLabel)
    )


@pytest.mark.parametrize(
    "value", ['"', "\\", '"""', "a\nb\r\tc", "\x00\x1f\x7f", "õ €\u2028 𝄞", "'''", "\\u0041"]
)
def test_turtle_string_escapes_anything(value: str) -> None:
    document = f"<urn:s> <urn:p> {turtle_string(value, 'et')} ."
    (obj,) = parse_turtle(document).objects()
    assert obj == Literal(value, lang="et")


def test_turtle_rejects_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="language tag"):
        turtle_string("x", "et en")


# -- JSON-LD ------------------------------------------------------------------------------------


def test_defined_term_jsonld(glossary: Glossary) -> None:
    for term in glossary.terms:
        for lang in glossary.languages:
            text = defined_term_jsonld(glossary, term, lang, SITE)
            assert "</" not in text and "<!--" not in text
            data = json.loads(text)
            prefix = "" if lang == glossary.languages[0] else f"{lang}/"
            assert data["@context"] == "https://schema.org"
            assert data["@type"] == "DefinedTerm"
            assert data["name"] == term.text(lang).term
            assert data["termCode"] == term.id
            assert data["url"] == f"{BASE}{prefix}terms/{term.id}/"
            assert data["inLanguage"] == lang
            assert data["description"] == plain_text(term.text(lang).definition)
            alternates = data.get("alternateName", [])
            abbreviation = term.text(lang).abbreviation
            if abbreviation and abbreviation != term.text(lang).term:
                assert abbreviation in alternates
            assert term.text(lang).term not in alternates
            term_set = data["inDefinedTermSet"]
            assert term_set["@type"] == "DefinedTermSet"
            assert term_set["url"] == f"{BASE}{prefix}terms/"
            assert (
                term_set["@id"] == json.loads(defined_term_set_jsonld(glossary, lang, SITE))["@id"]
            )


def test_defined_term_set_jsonld_lists_every_term(glossary: Glossary) -> None:
    for lang in glossary.languages:
        data = json.loads(defined_term_set_jsonld(glossary, lang, SITE))
        assert data["@type"] == "DefinedTermSet"
        assert data["inLanguage"] == lang
        assert data["name"] and data["description"]
        listed = data["hasDefinedTerm"]
        assert {d["@type"] for d in listed} == {"DefinedTerm"}
        assert [d["termCode"] for d in listed] == sorted(t.id for t in glossary.terms)
        assert [d["name"] for d in listed] == [
            t.text(lang).term for t in sorted(glossary.terms, key=lambda t: t.id)
        ]


def test_jsonld_cannot_close_the_script_element(awkward: Glossary) -> None:
    text = defined_term_jsonld(awkward, awkward.term("awkward"), "et", SITE)
    assert "</script" not in text.lower() and "<!--" not in text
    assert "</script><!--" in json.loads(text)["alternateName"]
    with pytest.raises(ValueError, match="not a language"):
        defined_term_jsonld(awkward, awkward.term("awkward"), "fi", SITE)


# -- all formats --------------------------------------------------------------------------------

EXPORTS: dict[str, Callable[[Glossary, SiteUrls], str]] = {
    "json": to_json,
    "csv": to_csv,
    "tbx": to_tbx,
    "turtle": to_turtle,
    "jsonld-set": lambda g, base: defined_term_set_jsonld(g, g.languages[-1], base),
    "jsonld-term": lambda g, base: defined_term_jsonld(g, g.term("nps"), g.languages[0], base),
}


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_exports_are_deterministic(
    export: Callable[[Glossary, SiteUrls], str], real: Glossary
) -> None:
    first = export(real, SITE)
    assert export(real, SITE) == first
    shuffled = Glossary(real.languages, real.categories, real.terms[::-1], real.frameworks[::-1])
    assert export(shuffled, SITE) == first  # the order of the model does not leak
    unslashed = SiteUrls.of(BASE.rstrip("/"), SITE.prefixes)
    assert export(real, unslashed) == first  # the base URL gets its slash


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_exports_use_the_sites_language_prefixes(
    export: Callable[[Glossary, SiteUrls], str], real: Glossary
) -> None:
    """A language linked elsewhere in mkdocs.yml (here /english/) is cited there, never as en/."""
    moved = SiteUrls.of(BASE, [("et", ""), ("en", "english/")])
    text = export(real, moved)
    assert "kb/en/" not in text
    if "kb/english/" not in text:  # the exports that cite English pages at all
        assert export(real, SITE) == text


def test_site_urls_are_checked() -> None:
    assert SITE.page("en", "terms/nps/") == f"{BASE}en/terms/nps/"
    assert SITE.term("nps") == f"{BASE}terms/nps/" and SITE.default == "et"
    with pytest.raises(KeyError, match="no language 'fi'"):
        SITE.page("fi", "terms/")
    for prefixes in ([], [("et", ""), ("en", "/en/")], [("et", ""), ("en", "en")]):
        with pytest.raises(ValueError):
            SiteUrls.of(BASE, prefixes)


def test_languages_come_from_the_glossary() -> None:
    glossary = three_languages()
    site = SiteUrls.of(BASE, [("en", ""), ("et", "et/"), ("fi", "fi/")])
    data = json.loads(to_json(glossary, site))
    assert data["languages"] == ["en", "et", "fi"]
    assert data["terms"][1]["texts"]["fi"]["term"] == "suositteluindeksi"
    assert data["terms"][1]["texts"]["en"]["url"] == f"{BASE}terms/nps/"  # the default: no prefix
    assert data["terms"][1]["texts"]["et"]["url"] == f"{BASE}et/terms/nps/"
    header = read_csv(to_csv(glossary, site))[0]
    assert [k for k in header if k.startswith("term_")] == ["term_en", "term_et", "term_fi"]
    root = parse_tbx(to_tbx(glossary, site))
    assert root.get(XML_LANG) == "en"
    for entry in root.iter(f"{TBX}conceptEntry"):
        assert [s.get(XML_LANG) for s in entry.findall(f"{TBX}langSec")] == ["en", "et", "fi"]
    graph = parse_turtle(to_turtle(glossary, site))
    nps = URIRef(f"{BASE}terms/nps/")
    assert Literal("suositteluindeksi", lang="fi") in set(graph.objects(nps, SKOS.prefLabel))
    assert Literal("NPS", lang="fi") in set(graph.objects(nps, SKOS.altLabel))
    assert json.loads(defined_term_set_jsonld(glossary, "fi", site))["url"] == f"{BASE}fi/terms/"


def test_base_url_must_be_absolute() -> None:
    assert normalise_base_url("https://example.org/kb") == "https://example.org/kb/"
    for wrong in ("", "/kb/", "example.org/kb/", "https://example.org/a b/", "https://x.org/?q=1"):
        with pytest.raises(ValueError):
            normalise_base_url(wrong)


def test_downloads_are_every_file(real: Glossary, tmp_path: Path) -> None:
    files = downloads(real, SITE)
    assert list(files) == list(DOWNLOADS)
    for path, text in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        assert target.read_text(encoding="utf-8") == text.replace("\r\n", "\n")
    csv_bytes = (tmp_path / "downloads/glossary.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbfid,") and b"\r\n" in csv_bytes
