"""Authored Markdown against the allow-list: what is refused (with its place in the file), what
survives, and the sanitiser that cleans generated pages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from motteruum.authored import MarkdownSettings, field_findings, render, sanitize
from motteruum.loader import load_glossary
from motteruum.problems import Problem
from motteruum.render import Language, Renderer
from motteruum.textcheck import Site, text_problems
from tests.conftest import LANGUAGES, PUBLIC_URL, ROOT, GlossaryFactory, term_yaml

SETTINGS = MarkdownSettings.of(
    yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), yaml.BaseLoader)["markdown_extensions"]
)
SITE = [Language("et", "Eesti", ""), Language("en", "English", "en/")]

#: Hostile Markdown, and the start of the message that names what the allow-list refuses.
HOSTILE = {
    "<script>alert(1)</script>": "raw HTML <script> is not allowed",
    '<img src="data:," hidden onerror="alert(1)">': "raw HTML <img> is not allowed",
    "<details ontoggle=alert(1) open>x</details>": "the attribute 'ontoggle' on <details>",
    "[x](javascript:alert(1))": "the link 'javascript:alert(1)' is not allowed",
    "[x](JaVaScRiPt:alert(1))": "the link 'JaVaScRiPt:alert(1)' is not allowed",
    '<a href="java&#x09;script:alert(1)">x</a>': "the link 'java\\tscript:alert(1)'",
    '<a href="&#106;avascript:alert(1)">x</a>': "the link 'javascript:alert(1)'",
    "[x](data:text/html,<b>x</b>)": "is not allowed: use an http, https or mailto",
    "[x](https://example.org){ onclick=alert(1) }": "the attribute 'onclick' on <a>",
    "Text.\n{: onmouseover=alert(1) }": "the attribute 'onmouseover' on <p>",
    "<style>body { display: none }</style>": "raw HTML <style> is not allowed",
    '<form action="https://evil.example"><input name=a></form>': "raw HTML <form>",
    '<iframe src="https://evil.example"></iframe>': "raw HTML <iframe> is not allowed",
    '<object data="x.swf"></object>': "raw HTML <object> is not allowed",
    '<span style="position:fixed;inset:0">x</span>': "the attribute 'style' on <span>",
    "<svg onload=alert(1)></svg>": "raw HTML <svg> is not allowed",
    "<!-- a note -->": "HTML comments are not allowed",
    "<!-- calculator: nps -->": "widget markers work only in pages under docs/",
}

#: Formatting authors need, which passes untouched.
ALLOWED = [
    "*Emphasis*, **strong**, `code` and a line  \nbreak.",
    "- one\n- two\n\n1. first\n2. second",
    "[web](https://example.org), [mail](mailto:info@example.org), [term](nps.md#definition)",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    '<abbr title="Net Promoter Score">NPS</abbr> and <q>quoted</q>',
    "### A heading\n\nText under it.",
    "Term\n:   Its description",
    "!!! note\n    An admonition.",
    "[a class](nps.md){ .md-button }",
]


@pytest.mark.parametrize(("markdown", "message"), HOSTILE.items())
def test_hostile_markdown_is_refused_with_a_reason(markdown: str, message: str) -> None:
    findings = field_findings(markdown, SETTINGS).findings
    assert any(message in finding.message for finding in findings), findings


@pytest.mark.parametrize("markdown", HOSTILE)
def test_the_sanitiser_removes_what_the_check_refuses(markdown: str) -> None:
    cleaned = BeautifulSoup(sanitize(render(markdown, SETTINGS), page=False), "html.parser")
    for tag in cleaned.find_all(True):
        assert tag.name not in {"script", "style", "img", "form", "iframe", "object", "svg"}
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert name != "style" or re.fullmatch(r"text-align: \w+;", value), tag
            assert "script:" not in str(value).replace("\t", "").casefold(), tag
            assert not str(value).startswith("data:"), tag
    assert "<!--" not in str(cleaned)


@pytest.mark.parametrize("markdown", ALLOWED)
def test_formatting_authors_need_passes_untouched(markdown: str) -> None:
    html = render(markdown, SETTINGS)
    assert field_findings(markdown, SETTINGS).findings == ()

    def shape(text: str) -> list[tuple[str, dict[str, object]]]:
        soup = BeautifulSoup(text, "html.parser")
        return [(tag.name, dict(tag.attrs)) for tag in soup.find_all(True)]

    assert shape(sanitize(html, page=False)) == shape(html)


def check(root: Path, docs: Path | None = None) -> list[Problem]:
    glossary = load_glossary(root, LANGUAGES)
    pages = Renderer(glossary, SITE, PUBLIC_URL).pages()
    site = Site.of(pages, docs or root.parent / "docs", LANGUAGES, SETTINGS)
    return text_problems(glossary, root.parent, site)


def definition(lines: str) -> str:
    """A term file whose Estonian definition is ``lines`` (a block starting on line 11)."""
    block = textwrap.indent(textwrap.dedent(lines).strip(), "    ")
    return term_yaml().replace(
        "  definition: Eestikeelne definitsioon.\n", f"  definition: |\n{block}\n"
    )


def test_each_problem_names_file_line_column_and_field(make_glossary: GlossaryFactory) -> None:
    nps = definition(
        """
        Soovitusindeks.
        Vaata ka <img src=x onerror=alert(1)> ja
        [seda](javascript:alert(1)) ning [rahulolu](csat.md#puudub).
        """
    )
    root = make_glossary({"nps.yml": nps, "csat.yml": term_yaml("rahulolu", "CSAT")})
    lines = nps.splitlines()
    img = next(n for n, line in enumerate(lines, 1) if "<img" in line)
    link = img + 1
    anchor = lines[link - 1].index("csat.md#") + 1
    assert lines[img - 1].index("<img") == 13 and lines[link - 1].index("javascript:") == 11
    found = [str(p) for p in check(root)]
    assert found == [
        f"glossary/terms/nps.yml:{img}:14: et.definition: raw HTML <img> is not allowed",
        f"glossary/terms/nps.yml:{link}:12: et.definition: the link 'javascript:alert(1)' is "
        "not allowed: use an http, https or mailto address or a link to a page of the site",
        f"glossary/terms/nps.yml:{link}:{anchor}: et.definition: the link 'csat.md#puudub' "
        "names an anchor that terms/csat.md does not have (#puudub)",
    ]


def test_links_to_pages_and_anchors_that_exist_pass(make_glossary: GlossaryFactory) -> None:
    nps = definition(
        "Vt [rahulolu](csat.md#definition), [registrit](index.md), [seost](#related), "
        "[kalkulaatorit](../calculators/nps.md) ja [CSV-faili](../downloads/glossary.csv)."
    )
    csat = term_yaml("rahulolu", "CSAT", related="[nps]")
    root = make_glossary(
        {"nps.yml": nps.replace("related: []", "related: [csat]"), "csat.yml": csat}
    )
    assert check(root, ROOT / "docs") == []


def test_links_that_lead_nowhere_are_problems(make_glossary: GlossaryFactory) -> None:
    nps = definition("[a](puudub.md) [b](../calculators/puudub.md) [c](#puudub) [d](pilt.png)")
    root = make_glossary({"nps.yml": nps})
    messages = [p.message for p in check(root, ROOT / "docs")]
    assert messages == [
        "the link 'puudub.md' leads to no page: terms/puudub.md does not exist",
        "the link '../calculators/puudub.md' leads to no page: calculators/puudub.md does not "
        "exist",
        "the link '#puudub' names an anchor that terms/nps.md does not have (#puudub)",
        "the link 'pilt.png' leads to no page or file of the site: link a term as "
        "[text](term-id.md) and another page by its .md file",
    ]


def test_framework_texts_are_checked_with_their_field(make_glossary: GlossaryFactory) -> None:
    from tests.unit.test_frameworks import FRAMEWORK

    framework = FRAMEWORK.replace(
        "      - et: Rahulolu\n", "      - et: Rahulolu <script>x</script>\n"
    ).replace("  summary: Satisfaction leads to trust.", "  summary: '[x](vbscript:msgbox)'")
    root = make_glossary(
        {
            "satisfaction.yml": term_yaml("rahulolu", "satisfaction"),
            "trust.yml": term_yaml("usaldus", "trust"),
        }
    )
    (root / "frameworks").mkdir()
    (root / "frameworks" / "relationship-quality.yml").write_text(framework, "utf-8")
    lines = framework.splitlines()
    summary = next(n for n, line in enumerate(lines, 1) if "vbscript" in line)
    item = next(n for n, line in enumerate(lines, 1) if "<script>" in line)
    found = [(p.line, p.field, p.message.split(":")[0]) for p in check(root)]
    assert found == [
        (summary, "en.summary", "the link 'vbscript"),
        (item, "sections[0].items[0].et", "raw HTML <script> is not allowed"),
    ]


def test_the_real_glossary_has_no_text_problems() -> None:
    glossary = load_glossary(
        ROOT / "glossary", LANGUAGES, calculators={"nps", "enps", "ces", "csat"}
    )
    site = Site.of(
        Renderer(glossary, SITE, PUBLIC_URL).pages(),
        ROOT / "docs",
        LANGUAGES,
        SETTINGS,
        skip=("terms", "frameworks"),
    )
    assert text_problems(glossary, ROOT, site) == []


def test_rendered_text_is_kept_between_builds_under_its_text_and_the_code_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    settings = MarkdownSettings.of(["attr_list", "md_in_html", {"toc": {"permalink": True}}])
    first = render("A [link](nps.md){ .x }", settings)
    kept = list((tmp_path / "motteruum" / "markdown").rglob("*.txt"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
    assert render("A [link](nps.md){ .x }", settings) == first
    assert render("A [link](ces.md){ .x }", settings) != first  # another text, another entry
    assert len(list((tmp_path / "motteruum" / "markdown").rglob("*.txt"))) == 2


def test_an_extension_of_no_installed_package_is_never_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its code can change without a version to tell: the text is rendered every time."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    module = tmp_path / "local_ext.py"
    module.write_text(
        "from markdown.extensions import Extension\n"
        "class Local(Extension):\n    def extendMarkdown(self, md):\n        pass\n"
        "def makeExtension(**kwargs):\n    return Local(**kwargs)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = MarkdownSettings.of(["attr_list", "local_ext"])
    assert render("*x*", settings) == "<p><em>x</em></p>"
    assert not (tmp_path / "motteruum" / "markdown").exists()


def test_a_sanitised_page_is_kept_under_the_page_and_the_allow_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    page = '<p onclick="x()">Text <script>alert(1)</script></p>'
    first = sanitize(page)
    assert first == sanitize(page) and "onclick" not in first and "<script" not in first
    kept = list((tmp_path / "motteruum" / "sanitized").rglob("*.txt"))
    assert [path.read_text(encoding="utf-8") for path in kept] == [first]
    assert sanitize(page, page=False) == first  # the author list: another entry, same result here
    assert len(list((tmp_path / "motteruum" / "sanitized").rglob("*.txt"))) == 2
