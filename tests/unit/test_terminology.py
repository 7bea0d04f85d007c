"""Terminology-grade entries: the status and language of names, typed relations that agree in
both files, definition sources, and English names among the Estonian ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from motteruum.problems import Problem, SourceError
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT, GlossaryFactory, term_yaml


def problems(root: Path) -> list[Problem]:
    with pytest.raises(SourceError) as raised:
        load_glossary(root, LANGUAGES)
    return list(raised.value.problems)


@pytest.fixture(scope="module")
def real() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


# -- English names among the Estonian synonyms ----------------------------------------------------

#: English words that are not Estonian words: function words and the vocabulary of the field.
#: (Estonian "on" is a verb, so it is not here; nor is "segment", which both languages share.)
ENGLISH_WORDS = frozenset(
    """a an and as at by for from in into of or the to with
    brand branding complaint complaints customer customers effort emotional employee employees
    experience feedback index journey loyalty management mystery net onboarding performance
    promoter satisfaction score service services shopping value voice""".split()
)


def english_synonyms_without_marker(glossary: Glossary, lang: str = "et") -> list[str]:
    """The synonyms of ``lang`` that are English names with no ``foreign`` marker.

    A name counts as English when either holds, independently of how it is marked:

    - it is, letter case aside, one of the same term's English names (term, abbreviation,
      expansion or synonym): an equivalent copied into the Estonian list, which the TBX and
      SKOS exports would otherwise publish as an Estonian term (review T1);
    - one of its words is in :data:`ENGLISH_WORDS`: an English phrase, even one the English
      section does not list.

    Such a name is allowed as a loanword used in Estonian text, and then it says so with
    ``foreign: en``.
    """
    found = []
    for term in glossary.terms:
        english = term.text("en")
        names = {name.name.casefold() for name in english.names()}
        names |= {english.expansion.casefold()} if english.expansion else set()
        for synonym in term.text(lang).synonym_names:
            words = set(re.findall(r"[^\W\d_]+", synonym.name.casefold()))
            is_english = synonym.name.casefold() in names or bool(words & ENGLISH_WORDS)
            if is_english and synonym.foreign is None:
                found.append(f"{term.source_path}: {synonym.name}")
    return found


def test_no_untagged_english_name_among_estonian_synonyms(real: Glossary) -> None:
    assert english_synonyms_without_marker(real) == []


def test_the_kept_loanwords_are_marked_and_nothing_else(real: Glossary) -> None:
    marked = {
        (term.id, name.name)
        for term in real.terms
        for name in term.text("et").names()
        if name.foreign == "en"
    }
    assert marked == {
        ("nps", "net promoter score"),
        ("ces", "customer effort score"),
        ("emotional-value-index", "emotional value index"),
        ("voice-of-the-customer", "voice of the customer"),
        ("mystery-shopping", "mystery shopping"),
        ("complaint-management", "complaint management"),
        ("onboarding", "onboarding"),
        ("performance-management", "performance management"),
        ("trinity", "Trinity"),
        ("customer-experience-management", "CXM"),
        ("forrester-cx-index", "Forrester CX Index"),
    }


@pytest.mark.parametrize(
    ("synonym", "english"),
    [
        ("customer", "[customers]"),  # an English word, though not one of the term's names
        ("Klienditeekond", "[customer journey, klienditeekond]"),  # the term's English name
        ("kliendikogemus", "[]"),  # Estonian: passes
    ],
)
def test_the_english_name_rule(make_glossary: GlossaryFactory, synonym: str, english: str) -> None:
    text = term_yaml("klient", "customer").replace(
        "  term: klient\n", f"  term: klient\n  synonyms: [{synonym}]\n"
    )
    text = text.replace("  term: customer\n", f"  term: customer\n  synonyms: {english}\n")
    glossary = load_glossary(make_glossary({"customer.yml": text}), LANGUAGES)
    flagged = english_synonyms_without_marker(glossary)
    assert flagged == (
        [] if synonym == "kliendikogemus" else [f"glossary/terms/customer.yml: {synonym}"]
    )
    marked = text.replace(f"synonyms: [{synonym}]", f"synonyms: [{{name: {synonym}, foreign: en}}]")
    glossary = load_glossary(make_glossary({"customer.yml": marked}), LANGUAGES)
    assert english_synonyms_without_marker(glossary) == []


# -- related: written in both files -------------------------------------------------------------


@pytest.mark.parametrize(("one_way", "other"), [("nps", "csat"), ("csat", "nps")])
def test_a_one_way_related_link_is_reported_at_the_link(
    make_glossary: GlossaryFactory, one_way: str, other: str
) -> None:
    files = {
        f"{one_way}.yml": term_yaml("a", "a", related=f"[{other}]"),
        f"{other}.yml": term_yaml("b", "b"),
    }
    (problem,) = problems(make_glossary(files))
    assert (problem.path, problem.field) == (f"glossary/terms/{one_way}.yml", "related[0]")
    assert (problem.line, problem.column) == (12, 11)
    assert problem.message == (
        f"glossary/terms/{other}.yml does not list '{one_way}' in its related: add it there, or "
        f"remove '{other}' here (a related link is written in both files)"
    )


def test_related_written_in_both_files_loads(make_glossary: GlossaryFactory) -> None:
    files = {
        "nps.yml": term_yaml("a", "a", related="[csat]"),
        "csat.yml": term_yaml("b", "b", related="[nps]"),
    }
    glossary = load_glossary(make_glossary(files), LANGUAGES)
    assert glossary.term("csat").related == ("nps",)


def test_the_real_glossary_relates_both_ways(real: Glossary) -> None:
    pairs = {(term.id, other) for term in real.terms for other in term.related}
    assert len(pairs) > 300
    assert pairs == {(b, a) for a, b in pairs}


# -- broader and narrower: each the other's inverse ---------------------------------------------


@pytest.mark.parametrize(
    ("relation", "inverse", "written", "missing"),
    [("broader", "narrower", "enps", "nps"), ("narrower", "broader", "nps", "enps")],
)
def test_broader_and_narrower_need_their_inverse(
    make_glossary: GlossaryFactory, relation: str, inverse: str, written: str, missing: str
) -> None:
    files = {
        f"{written}.yml": term_yaml("a", "a", **{relation: f"[{missing}]"}),
        f"{missing}.yml": term_yaml("b", "b"),
    }
    (problem,) = problems(make_glossary(files))
    assert (problem.path, problem.field) == (f"glossary/terms/{written}.yml", f"{relation}[0]")
    assert problem.message.startswith(
        f"glossary/terms/{missing}.yml does not list '{written}' in its {inverse}: add it "
        f"there, or remove '{missing}' here"
    )


def test_broader_with_its_narrower_loads(make_glossary: GlossaryFactory) -> None:
    files = {
        "enps.yml": term_yaml("a", "a", broader="[nps]"),
        "nps.yml": term_yaml("b", "b", narrower="[enps]"),
    }
    glossary = load_glossary(make_glossary(files), LANGUAGES)
    assert (glossary.term("enps").broader, glossary.term("nps").narrower) == (("nps",), ("enps",))


def test_a_pair_has_one_relation(make_glossary: GlossaryFactory) -> None:
    files = {
        "enps.yml": term_yaml("a", "a", broader="[nps]", related="[nps]"),
        "nps.yml": term_yaml("b", "b", narrower="[enps]", related="[enps]"),
    }
    found = {(p.path, p.field): p.message for p in problems(make_glossary(files))}
    assert set(found) == {
        ("glossary/terms/enps.yml", "broader[0]"),
        ("glossary/terms/nps.yml", "narrower[0]"),
    }
    assert "'nps' is already listed under related" in found["glossary/terms/enps.yml", "broader[0]"]


def test_broader_terms_may_not_lead_back(make_glossary: GlossaryFactory) -> None:
    files = {
        "a.yml": term_yaml("a", "a", broader="[b]", narrower="[c]"),
        "b.yml": term_yaml("b", "b", broader="[c]", narrower="[a]"),
        "c.yml": term_yaml("c", "c", broader="[a]", narrower="[b]"),
    }
    found = problems(make_glossary(files))
    assert {(p.path, p.field) for p in found} == {
        (f"glossary/terms/{name}.yml", "broader") for name in "abc"
    }
    assert "(a → b → c → a)" in next(p.message for p in found if p.path.endswith("a.yml"))


@pytest.mark.parametrize(
    ("relation", "value", "message"),
    [
        ("broader", "[nps]", "a term cannot be broader than itself"),
        ("narrower", "[gone]", "no term with id 'gone' (no file glossary/terms/gone.yml)"),
        ("broader", "nps", "expected a list"),
    ],
)
def test_broader_and_narrower_ids(
    make_glossary: GlossaryFactory, relation: str, value: str, message: str
) -> None:
    (problem,) = problems(make_glossary({"nps.yml": term_yaml(**{relation: value})}))
    assert problem.field.startswith(relation) and message in problem.message


def test_the_real_glossary_has_inverse_hierarchy(real: Glossary) -> None:
    broader = {(term.id, other) for term in real.terms for other in term.broader}
    narrower = {(other, term.id) for term in real.terms for other in term.narrower}
    assert ("enps", "nps") in broader and broader == narrower


# -- names: status, reason, language --------------------------------------------------------------


def with_et(lines: str, **extra: str) -> str:
    """A valid term file with ``lines`` added to its Estonian section."""
    return term_yaml(**extra).replace(
        "  term: soovitusindeks\n", f"  term: soovitusindeks\n{lines}"
    )


def test_names_with_status_and_language_load(make_glossary: GlossaryFactory) -> None:
    text = with_et(
        "  abbreviation: {name: NPS, foreign: en}\n"
        "  synonyms:\n"
        "    - nõustumisindeks\n"
        "    - {name: lojaalsusindeks, status: deprecated, reason: ütleb vähem}\n"
        "  definition_source: 1\n"
        "  note: Väikese tähega.\n"
        "  example: Indeks tõusis.\n"
    ).replace("  term: soovitusindeks\n", "  term: {name: soovitusindeks}\n", 1)
    text = text.replace(
        "  definition: An English definition.\n",
        "  definition: An English definition.\n  definition_source: editor\n",
    )
    term = load_glossary(make_glossary({"nps.yml": text}), LANGUAGES).term("nps")
    assert term.text("en").definition_source == "editor"
    et = term.text("et")
    assert (et.term, et.abbreviation, et.synonyms) == (
        "soovitusindeks",
        "NPS",
        ("nõustumisindeks", "lojaalsusindeks"),
    )
    assert [(n.name, n.status, n.reason, n.foreign) for n in et.names()] == [
        ("soovitusindeks", "preferred", None, None),
        ("NPS", "admitted", None, "en"),
        ("nõustumisindeks", "admitted", None, None),
        ("lojaalsusindeks", "deprecated", "ütleb vähem", None),
    ]
    assert (et.definition_source, et.note, et.example) == (1, "Väikese tähega.", "Indeks tõusis.")


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        (
            "  synonyms: [{name: x, status: deprecated}]\n",
            "et.synonyms[0]",
            "a deprecated name needs a 'reason'",
        ),
        (
            "  synonyms: [{name: x, reason: vana}]\n",
            "et.synonyms[0]",
            "'reason' says why a name is deprecated",
        ),
        (
            "  synonyms: [{name: x, status: preferred}]\n",
            "et.synonyms[0].status",
            "only 'term' is the preferred name",
        ),
        (
            "  synonyms: [{name: x, status: obsolete, reason: r}]\n",
            "et.synonyms[0].status",
            "expected one of 'admitted' or 'deprecated'",
        ),
        (
            "  abbreviation: {name: X, foreign: english}\n",
            "et.abbreviation.foreign",
            "expected a language code: the two or three lower-case letters of ISO 639",
        ),
        ("  synonyms: [{name: x, foreign: xx}]\n", "et.synonyms[0].foreign", "not a language"),
        ("  synonyms: [{name: x, foreign: et}]\n", "et.synonyms[0].foreign", "leave 'foreign'"),
        ("  synonyms: [{nimi: x}]\n", "et.synonyms[0].nimi", "unknown field 'nimi'"),
        ("  synonyms: [42]\n", "et.synonyms[0]", "expected text, found the number 42"),
        (
            "  synonyms: [{name: soovitusindeks, status: deprecated, reason: r}]\n",
            "et.synonyms[0]",
            "is the preferred term: it cannot be deprecated",
        ),
        ("  definition_source: 2\n", "et.definition_source", "there is no source 2"),
        ("  definition_source: 0\n", "et.definition_source", "1 = the first"),
        ("  definition_source: toimetus\n", "et.definition_source", "found 'toimetus'"),
        ("  note: ''\n", "et.note", "must not be empty"),
    ],
)
def test_wrong_marks_are_located(
    make_glossary: GlossaryFactory, lines: str, field: str, message: str
) -> None:
    found = problems(make_glossary({"nps.yml": with_et(lines)}))
    # an unknown field is reported with the missing 'name'; every other mistake on its own
    assert len(found) == (2 if "nimi" in lines else 1), found
    assert any(p.field == field and message in p.message for p in found), found
