"""Page descriptions, robots.txt and the head of pages (motteruum.seo)."""

from __future__ import annotations

import html

import yaml

from motteruum.seo import (
    DESCRIPTION_LENGTH,
    description,
    description_front_matter,
    robots_txt,
    without_head_alternates,
)


def test_description_is_the_plain_text_of_a_short_definition() -> None:
    text = "Lojaalsust näitav **indeks** ([NPS](nps.md)),\nmida küsitakse `0–10`."
    assert description(text) == "Lojaalsust näitav indeks (NPS), mida küsitakse 0–10."


def test_long_descriptions_end_after_a_whole_word() -> None:
    words = "sõna " * 100
    cut = description(words)
    assert len(cut) <= DESCRIPTION_LENGTH
    assert cut.endswith("sõna…")
    assert description("x" * 300).endswith("…")
    assert len(description("x" * 300)) == DESCRIPTION_LENGTH
    assert description("one two, three four", limit=12) == "one two…"


def test_front_matter_value_reads_back_as_html_safe_text() -> None:
    definition = 'A "quoted" <b>tag</b> & an apostrophe\'s: colon # hash'
    value = description_front_matter(definition)
    read = yaml.safe_load(f"description: {value}\n")["description"]
    assert "<" not in read and '"' not in read
    assert html.unescape(read) == 'A "quoted" tag & an apostrophe\'s: colon # hash'


def test_head_alternates_go_and_everything_else_stays() -> None:
    page = (
        "<html><head>\n"
        '  <link rel="canonical" href="http://x/terms/nps/">\n'
        '          <link rel="alternate" href="./" hreflang="et">\n'
        '          <link rel="alternate" href="../../en/terms/nps/" hreflang="en">\n'
        '  <link rel="alternate" type="application/rss+xml" href="feed.xml">\n'
        '</head><body><a href="../../en/terms/nps/" hreflang="en">English</a>\n'
        '<link rel="alternate" href="./" hreflang="et">\n</body></html>'
    )
    result = without_head_alternates(page)
    head, body = result.split("</head>")
    assert "hreflang" not in head
    assert 'rel="canonical"' in head and "rss+xml" in head
    assert body == page.split("</head>")[1]


def test_robots_txt_allows_all_and_names_the_sitemap() -> None:
    assert robots_txt("https://example.org/kb/") == (
        "User-agent: *\nDisallow:\n\nSitemap: https://example.org/kb/sitemap.xml\n"
    )
    assert robots_txt("") == "User-agent: *\nDisallow:\n"
