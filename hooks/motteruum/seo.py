"""What search engines read besides the text: language links.

The sitemap lists every page with its other-language alternates (``hreflang``), and every
page's language switcher links the same page in the other language. Material would also write
those alternates as ``<link rel="alternate" hreflang>`` into every page's head, and its script
then fetches ``sitemap.xml`` relative to each of them (``terms/nps/sitemap.xml``,
``en/terms/nps/sitemap.xml``): two 404s and console errors on every page. The head links are
therefore left out; the sitemap already tells search engines the same.
"""

from __future__ import annotations

import re

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_head_alternates(html: str) -> str:
    """The page without the ``<link rel="alternate" hreflang>`` tags in its head."""
    head, end, body = html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + end + body
