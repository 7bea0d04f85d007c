"""What search engines read besides the text: page descriptions, robots.txt, language links.

- Each term and framework page carries the start of its definition or summary, as plain text
  in its own language, as its meta description (Markdown front matter ``description``, which
  Material writes into ``<meta name="description">``); other pages have the site description
  of their language.
- ``robots.txt`` allows everything and names the sitemap.
- The sitemap lists every page with its other-language alternates (``hreflang``), and every
  page's language switcher links the same page in the other language. Material would also
  write those alternates as ``<link rel="alternate" hreflang>`` into every page's head, and its
  script then fetches ``sitemap.xml`` relative to each of them (``terms/nps/sitemap.xml``,
  ``en/terms/nps/sitemap.xml``): two 404s and console errors on every page. The head links
  are therefore left out; the sitemap already tells search engines the same.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

from .exports.plaintext import plain_text
from .problems import ThemeChanged

#: Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160

_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_ANY_HEAD_ALTERNATE = re.compile(r"<link\b[^>]*\bhreflang=", re.IGNORECASE)


def description(markdown: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The plain text of ``markdown``, cut after a whole word to at most ``limit`` characters."""
    text = plain_text(markdown)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def description_front_matter(markdown: str) -> Markup:
    """A YAML value for the front matter ``description`` of a generated page.

    Material writes the value into the page's head unescaped, so it is HTML-escaped here; JSON
    quoting is valid YAML and keeps any character as it is.
    """
    return Markup(json.dumps(str(escape(description(markdown))), ensure_ascii=False))


def without_head_alternates(html: str) -> str:
    """The page without the ``<link rel="alternate" hreflang>`` tags in its head;
    :class:`ThemeChanged` if the theme writes them in a form this no longer recognises."""
    head, end, body = html.partition("</head>")
    head = _HEAD_ALTERNATE.sub("", head)
    if _ANY_HEAD_ALTERNATE.search(head):
        raise ThemeChanged("the theme writes <link rel=alternate hreflang> in a new form")
    return head + end + body


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap (when the site has a full address) lists them."""
    text = "User-agent: *\nDisallow:\n"
    if re.match(r"https?://", site_url):
        text += f"\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return text
