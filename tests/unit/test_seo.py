"""The head of pages (motteruum.seo)."""

from __future__ import annotations

from motteruum.seo import without_head_alternates


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
