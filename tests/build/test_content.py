"""The content promised by the source documents is all there, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from tests.conftest import LANGUAGES, ROOT

#: Every concept the knowledge base must define (issue list), by term id.
CONCEPTS = """
complaint-management employer-branding customer-experience-management memorable-experience
service-standard company-brand customer-relationship-management service-channel
employee-experience onboarding leadership-quality service internal-customer user-experience
value loyalty ces emotional-value-index nps enps service-quality product csat
customer-centricity company-customer-centricity voice-of-the-customer commitment persona segment
customer-experience mystery-shopping satisfaction customer sales customer-service
customer-promise service-model target-group employee-journey service-design offering
customer-journey value-proposition trust relationship-quality tri-m forrester-cx-index
service-level-agreement first-call-resolution waiting-time kpi competence action-plan
smart-goals value-based-recruitment performance-management change-management purpose values
strategy culture trinity
""".split()

#: The frameworks of the source documents, by framework id.
FRAMEWORKS = """
customer-centric-company customer-experience-management-cycle employee-experience-creation
relationship-quality value-for-customer-and-employee voice-of-the-customer-methods trinity
customer-centric-people-management service-handbook improvement-inputs action-plan-abc
competencies change-management customer-experience-self-assessment
employee-experience-self-assessment
""".split()

PREFIX = {"et": "", "en": "en/"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    calculators = {"nps", "enps", "ces", "csat"}
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculators)


def test_every_concept_has_a_term_in_both_languages(glossary: Glossary) -> None:
    ids = {term.id for term in glossary.terms}
    assert [concept for concept in CONCEPTS if concept not in ids] == []
    assert len(glossary.terms) >= 60
    for term in glossary.terms:
        for lang in LANGUAGES:
            text = term.text(lang)
            assert text.term.strip() and len(text.definition) > 40, (term.id, lang)
        assert term.sources, f"{term.id} credits no source"


def test_established_english_terms_stay_as_estonian_synonyms(glossary: Glossary) -> None:
    for term_id, english in (("nps", "net promoter score"), ("ces", "customer effort score")):
        assert english in [s.casefold() for s in glossary.term(term_id).text("et").synonyms]
    mystery = glossary.term("mystery-shopping").text("et")
    assert any("mystery shopping" in s.casefold() for s in mystery.synonyms)


def test_every_framework_exists_and_is_sourced(glossary: Glossary) -> None:
    assert [f.id for f in glossary.frameworks if f.id not in FRAMEWORKS] == []
    assert sorted(f.id for f in glossary.frameworks) == sorted(FRAMEWORKS)
    for framework in glossary.frameworks:
        assert framework.sources, framework.id
        assert framework.mentions, f"{framework.id} links no term"


def test_change_management_has_kotters_eight_steps_and_credits_the_session(
    glossary: Glossary,
) -> None:
    framework = next(f for f in glossary.frameworks if f.id == "change-management")
    sections = {section.id: section for section in framework.sections}
    steps = sections["kotter-eight-steps"].items
    assert len(steps) == 8 and steps[0].id == "urgency" and steps[-1].term == "culture"
    assert framework.diagram is not None and framework.diagram.section == "kotter-eight-steps"
    authors = {source.author for source in framework.sources}
    assert {"Maarit Vabrit-Raadla", "John P. Kotter", "A. Mendelow"} <= authors
    # It follows the competencies and the action plan, as the change-management session
    # followed them in the masterclass.
    order = [f.id for f in glossary.frameworks]
    assert order.index("change-management") > order.index("action-plan-abc")
    assert order.index("change-management") > order.index("competencies")


def test_self_assessments_have_fourteen_aspects_and_a_four_point_scale(glossary: Glossary) -> None:
    for framework_id in (
        "customer-experience-self-assessment",
        "employee-experience-self-assessment",
    ):
        framework = next(f for f in glossary.frameworks if f.id == framework_id)
        sections = {section.id: section for section in framework.sections}
        aspects = sections["aspects"].items
        assert len(aspects) == 14
        assert all(item.id for item in aspects)
        assert [item.id for item in sections["scale"].items] == ["1", "2", "3", "4"]


@pytest.mark.build
def test_every_term_and_framework_page_exists_in_both_languages(
    built_site: Path, glossary: Glossary
) -> None:
    for lang in LANGUAGES:
        for term in glossary.terms:
            assert (built_site / PREFIX[lang] / "terms" / term.id / "index.html").is_file()
        for framework in glossary.frameworks:
            page = built_site / PREFIX[lang] / "frameworks" / framework.id / "index.html"
            html = page.read_text(encoding="utf-8")
            assert framework.title(lang) in html
            for term_id in framework.mentions:
                assert f"../../terms/{term_id}/" in html, (framework.id, lang, term_id)
