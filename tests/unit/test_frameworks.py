"""Frameworks: structured YAML validated with positions, rendered with diagrams and links."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from motteruum import diagram
from motteruum.loader import load_glossary
from motteruum.problems import Problem, SourceError
from motteruum.render import Language, Renderer
from tests.conftest import LANGUAGES, PUBLIC_URL, GlossaryFactory, term_yaml

SITE = [Language("et", "Eesti", ""), Language("en", "English", "en/")]

FRAMEWORK = """\
order: 1
related: [trust]
diagram:
  kind: chain
  section: levels
et:
  title: Suhte kvaliteet
  summary: Rahulolu viib usalduseni.
en:
  title: Relationship quality
  summary: Satisfaction leads to trust.
sections:
  - id: levels
    et:
      title: Tasemed
    en:
      title: Levels
    items:
      - et: Rahulolu
        en: Satisfaction
        term: satisfaction
      - et:
          text: Usaldus on suhte alus, mis kasvab ajas
          label: Usaldus
        en:
          text: Trust is the basis of a relationship that grows over time
          label: Trust
        term: trust
        items:
          - et: Alam
            en: Sub
"""


def glossary_files(framework: str = FRAMEWORK) -> dict[str, str]:
    return {
        "terms/satisfaction.yml": term_yaml("rahulolu", "satisfaction"),
        "terms/trust.yml": term_yaml("usaldus", "trust"),
        "frameworks/relationship-quality.yml": framework,
    }


@pytest.fixture
def make(make_glossary: GlossaryFactory, tmp_path: Path) -> GlossaryFactory:
    def build(files: dict[str, str]) -> Path:
        root = make_glossary({})
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return build


def problems(root: Path) -> list[Problem]:
    with pytest.raises(SourceError) as raised:
        load_glossary(root, LANGUAGES)
    return list(raised.value.problems)


def test_framework_loads_with_nested_items_and_labels(make: GlossaryFactory) -> None:
    glossary = load_glossary(make(glossary_files()), LANGUAGES)
    (framework,) = glossary.frameworks
    assert framework.title("en") == "Relationship quality"
    trust = framework.sections[0].items[1]
    assert trust.label("et") == "Usaldus"
    assert trust.text("et").startswith("Usaldus on suhte alus")
    assert trust.items[0].text("en") == "Sub"
    assert framework.mentions == {"trust": None, "satisfaction": "levels"}
    assert [f.id for f, _ in glossary.where_used("satisfaction")] == ["relationship-quality"]


def test_unknown_term_in_a_nested_item_is_located(make: GlossaryFactory) -> None:
    text = FRAMEWORK.replace("        term: satisfaction", "        term: satisfactoin")
    (problem,) = problems(make(glossary_files(text)))
    assert problem.path == "glossary/frameworks/relationship-quality.yml"
    assert problem.field == "sections[0].items[0].term"
    assert problem.line == 21
    assert "no term with id 'satisfactoin'" in problem.message


def test_missing_translation_of_an_item(make: GlossaryFactory) -> None:
    text = FRAMEWORK.replace("        en: Satisfaction\n", "")
    (problem,) = problems(make(glossary_files(text)))
    assert problem.field == "sections[0].items[0].en"
    assert problem.message == "the 'en' language is missing: add 'en:' here"


def test_section_ids_diagram_section_and_order(make: GlossaryFactory) -> None:
    text = FRAMEWORK.replace("  section: levels", "  section: nothing").replace(
        "  - id: levels", "  - id: Levels!"
    )
    files = glossary_files(text)
    files["frameworks/other.yml"] = FRAMEWORK.replace("related: [trust]", "related: []")
    found = {(p.path.split("/")[-1], p.field): p.message for p in problems(make(files))}
    assert "is not a slug" in found[("relationship-quality.yml", "sections[0].id")]
    assert found[("relationship-quality.yml", "diagram.section")] == "no section with id 'nothing'"
    order = [m for (name, field), m in found.items() if field == "order"]
    assert order and "is also used by" in order[0]


def test_diagram_kind_must_be_known(make: GlossaryFactory) -> None:
    (problem,) = problems(make(glossary_files(FRAMEWORK.replace("kind: chain", "kind: spiral"))))
    assert problem.field == "diagram.kind"
    assert "'cycle'" in problem.message


def test_framework_page_links_terms_and_draws_the_diagram(make: GlossaryFactory) -> None:
    pages = Renderer(load_glossary(make(glossary_files()), LANGUAGES), SITE, PUBLIC_URL).pages()
    page = pages["frameworks/relationship-quality.et.md"]
    assert page.startswith(
        '---\ntitle: "Suhte kvaliteet"\ndescription: "Rahulolu viib usalduseni."\n---\n\n'
    )
    assert "\n# Suhte kvaliteet { #framework }\n" in page
    assert "## Tasemed { #levels }" in page
    assert "- Rahulolu ([rahulolu](../terms/satisfaction.md))" not in page
    assert "- [Rahulolu](../terms/satisfaction.md)" in page
    assert "    - Alam" in page
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    tree = ET.fromstring(svg.group(0))
    texts = ["".join(t.itertext()) for t in tree.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Rahulolu", "Usaldus"]
    links = [a.get("href") for a in tree.iter("{http://www.w3.org/2000/svg}a")]
    assert links == ["../../terms/satisfaction/", "../../terms/trust/"]
    assert "\n\n" not in svg.group(0), "a blank line would end the raw HTML block"
    term = pages["terms/satisfaction.en.md"]
    assert "- [Relationship quality](../frameworks/relationship-quality.md#levels)" in term
    assert "[Relationship quality](relationship-quality.md)" in pages["frameworks/index.en.md"]


def test_cycle_arrows_leave_and_enter_box_edges() -> None:
    layout = diagram.cycle([diagram.Label(f"Step {i}") for i in range(5)])
    assert len(layout.edges) == 5
    for node in layout.nodes:
        assert node.left >= 0 and node.top >= 0
        assert node.left + node.width <= layout.width
        assert node.top + node.height <= layout.height
    pairs = zip(layout.nodes, layout.nodes[1:] + layout.nodes[:1], strict=True)
    for edge, (a, b) in zip(layout.edges, pairs, strict=True):
        assert not (a.left < edge.x1 < a.left + a.width and a.top < edge.y1 < a.top + a.height)
        assert not (b.left < edge.x2 < b.left + b.width and b.top < edge.y2 < b.top + b.height)


def test_a_long_chain_winds_down_the_page_in_numbered_rows() -> None:
    layout = diagram.chain([diagram.Label(f"Step {i}") for i in range(1, 9)])
    nodes = layout.nodes
    assert [node.number for node in nodes] == list(range(1, 9))
    assert (
        layout.width <= diagram.CHAIN_ROW * (diagram.BOX_WIDTH + diagram.GAP) + 2 * diagram.MARGIN
    )
    first, second = nodes[:4], nodes[4:]
    assert [n.x for n in first] == sorted(n.x for n in first)  # left to right
    assert [n.x for n in second] == sorted((n.x for n in second), reverse=True)  # then back
    assert nodes[3].x == nodes[4].x and nodes[4].y > nodes[3].y  # the turn goes straight down
    assert len(layout.edges) == 7
    for edge, (a, b) in zip(layout.edges, itertools.pairwise(nodes), strict=True):
        assert abs(edge.x1 - a.x) <= a.width / 2 + 4 and abs(edge.x2 - b.x) <= b.width / 2 + 4
    # A short chain stays one row, unnumbered, as before.
    short = diagram.chain([diagram.Label(f"Step {i}") for i in range(4)])
    assert {n.y for n in short.nodes} == {short.nodes[0].y}
    assert {n.number for n in short.nodes} == {None}


def test_hub_boxes_do_not_overlap() -> None:
    labels = [diagram.Label("Kliendikogemuse juhtimise süsteemi ülesehitus") for _ in range(14)]
    layout = diagram.hub(diagram.Label("Kliendikeskne ettevõte"), labels)
    boxes = layout.nodes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart_x = a.left + a.width <= b.left or b.left + b.width <= a.left
            apart_y = a.top + a.height <= b.top or b.top + b.height <= a.top
            assert apart_x or apart_y, (a, b)


def test_item_of_the_wrong_type(make: GlossaryFactory) -> None:
    text = FRAMEWORK.replace("      - et: Rahulolu\n", "      - et: 5\n")
    found = problems(make(glossary_files(text)))
    assert {p.field for p in found} == {"sections[0].items[0].et"}
    assert any("expected text, found the number 5" in p.message for p in found)
