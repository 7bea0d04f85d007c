"""Markdown that authors write in glossary files, and the HTML it may become.

Definitions and framework texts are Markdown, and Markdown lets raw HTML through (``<script>``,
``<img onerror=…>``), while ``attr_list`` puts any attribute on an element
(``[x](y){ onclick=… }``). Author text is untrusted input, so it is held to an allow-list of
elements, attributes and link schemes in two places:

- :func:`field_problems` renders one authored field with the site's Markdown extensions and
  names everything outside the allow-list, so ``motteruum check`` and the build stop with a
  located message (``raw HTML <script> is not allowed``) instead of a silently changed page;
- :func:`sanitize` cleans the HTML of every generated page with `nh3`_ (Python bindings of
  Rust's ammonia, an html5ever-based allow-list sanitiser) as a second line: whatever might slip
  past the check is removed before a reader's browser sees it.

.. _nh3: https://nh3.readthedocs.io/
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import nh3

from .cache import cached_text

#: Elements authored Markdown may produce: text formatting, lists, links, tables, headings,
#: abbreviations, definition lists and the ``div``/``p`` of admonitions.
AUTHOR_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
#: Attributes allowed on any authored element.
GENERIC_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "dir"})
#: Further attributes per element.
AUTHOR_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "ol": frozenset({"start", "type"}),
    "td": frozenset({"align", "style", "colspan", "rowspan"}),
    "th": frozenset({"align", "style", "colspan", "rowspan", "scope"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
#: Schemes a link may have; a link without a scheme (relative, ``#anchor``) is allowed too.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Attributes that hold an address.
URL_ATTRIBUTES = frozenset({"href", "cite", "src", "action", "formaction", "xlink:href"})
#: The only style authors' Markdown produces: a table column's alignment.
_TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_MARKER = re.compile(r"\s*(calculator|assessment|crossword|plan):")
#: Characters a browser ignores inside a scheme (``java\tscript:``).
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")

#: What the templates of generated pages add around the authored text: the heading, diagrams
#: (SVG), mention links with their preview (``data-preview``), links to the other languages.
PAGE_TAGS = AUTHOR_TAGS | frozenset(
    "h1 nav time figure svg title defs marker path line g rect circle text tspan".split()
)
#: Attributes the templates put on any element of a generated page.
PAGE_GENERIC_ATTRIBUTES = GENERIC_ATTRIBUTES | {"aria-label", "aria-hidden"}
PAGE_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    **AUTHOR_ATTRIBUTES,
    "a": AUTHOR_ATTRIBUTES["a"] | {"data-preview", "data-preview-term", "type", "download"},
    "time": frozenset({"datetime"}),
    "svg": frozenset("viewBox width height role aria-labelledby xmlns".split()),
    "marker": frozenset("viewBox refX refY markerWidth markerHeight orient".split()),
    "path": frozenset({"d"}),
    "line": frozenset("x1 y1 x2 y2 marker-start marker-end".split()),
    "rect": frozenset("x y width height rx".split()),
    "circle": frozenset("cx cy r".split()),
    "text": frozenset("x y".split()),
    "tspan": frozenset("x dy".split()),
}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an allowed attribute: a ``style`` may only align a table cell."""
    if attribute == "style":
        return value if _TABLE_ALIGN.match(value) else None
    return value


def sanitize(html: str, *, page: bool = True) -> str:
    """``html`` with everything outside the allow-list removed (``page``: a generated page,
    whose templates add diagrams and preview cards around the authored text). A page's result
    is kept between builds under the page, this module's source (the allow-lists) and nh3's
    version."""
    return cached_text("sanitized", (_allow_list(page), html), lambda: _clean(html, page))


@cache
def _allow_list(page: bool) -> str:
    """Everything that decides what :func:`_clean` keeps, as text: nh3's version and this
    module's source (its allow-lists and attribute filter)."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"nh3 {importlib.metadata.version('nh3')}, {__name__} {source}, page {page}"


def _clean(html: str, page: bool) -> str:
    tags = PAGE_TAGS if page else AUTHOR_TAGS
    attributes = {
        **(PAGE_ATTRIBUTES if page else AUTHOR_ATTRIBUTES),
        "*": PAGE_GENERIC_ATTRIBUTES if page else GENERIC_ATTRIBUTES,
    }
    return nh3.clean(
        html,
        tags=set(tags),
        attributes={tag: set(names) for tag, names in attributes.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )


def _scheme(url: str) -> str | None:
    found = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return found.group(1).lower() if found else None


@dataclass(frozen=True)
class Finding:
    """One thing outside the allow-list: the message, and the source text that caused it."""

    message: str
    needle: str


class _Inspector(HTMLParser):
    """Walks rendered HTML and notes what the allow-list does not admit, and every link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in AUTHOR_TAGS:
            self.findings.append(Finding(f"raw HTML <{tag}> is not allowed", f"<{tag}"))
            return
        allowed = GENERIC_ATTRIBUTES | AUTHOR_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.findings.append(
                    Finding(f"the attribute {name!r} on <{tag}> is not allowed", name)
                )
            elif name == "style" and not _TABLE_ALIGN.match(value):
                self.findings.append(
                    Finding(f"the style {value!r} on <{tag}> is not allowed", "style")
                )
            elif name in URL_ATTRIBUTES:
                scheme = _scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    self.findings.append(
                        Finding(
                            f"the link {value!r} is not allowed: use an http, https or mailto "
                            "address or a link to a page of the site",
                            f"{scheme}:",
                        )
                    )
                elif tag == "a" and name == "href":
                    self.links.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        if _MARKER.match(data):
            message = "widget markers work only in pages under docs/, not in glossary text"
        else:
            message = "HTML comments are not allowed (a YAML comment # … is not shown)"
        self.findings.append(Finding(message, "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.findings.append(Finding(f"<!{decl}> is not allowed", "<!"))

    def handle_pi(self, data: str) -> None:
        self.findings.append(Finding(f"<?{data}> is not allowed", "<?"))


@dataclass(frozen=True)
class Inspection:
    findings: tuple[Finding, ...]
    links: tuple[str, ...]  # the address of every link, as written


def inspect(html: str) -> Inspection:
    """What in ``html`` (rendered author Markdown) the allow-list does not admit, and its links."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return Inspection(tuple(inspector.findings), tuple(inspector.links))


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's Markdown extensions (from ``mkdocs.yml``), to render author text as pages do."""

    extensions: tuple[str, ...]
    configs: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    @classmethod
    def of(
        cls, extensions: Iterable[object], configs: Mapping[str, Mapping[str, Any]] | None = None
    ) -> MarkdownSettings:
        """From mkdocs.yml's ``markdown_extensions`` list (names, or ``{name: options}``)."""
        names: list[str] = []
        options: dict[str, Mapping[str, Any]] = dict(configs or {})
        for entry in extensions:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, Mapping):
                for name, value in entry.items():
                    names.append(str(name))
                    if isinstance(value, Mapping):
                        options[str(name)] = value
        frozen = tuple(
            (name, tuple(sorted((str(k), _hashable(v)) for k, v in options[name].items())))
            for name in names
            if name in options
        )
        return cls(tuple(names), frozen)


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


@cache
def _renderer(settings: MarkdownSettings) -> markdown.Markdown:
    configs = {name: dict(options) for name, options in settings.configs}
    return markdown.Markdown(extensions=list(settings.extensions), extension_configs=configs)


@cache
def _code_versions(settings: MarkdownSettings) -> str | None:
    """The versions of Python-Markdown and of the packages of the extensions ``settings``
    name (found as Python-Markdown finds them: a registered name, else a module); None when an
    extension belongs to no installed distribution (its code could change without a new
    version)."""
    registered = importlib.metadata.entry_points(group="markdown.extensions")
    found = {f"markdown {markdown.__version__}"}
    for name in settings.extensions:
        module = registered[name].value if name in registered.names else name
        top = module.split(":")[0].split(".")[0]
        if top == "markdown":
            continue  # one of Python-Markdown's own
        owners = importlib.metadata.packages_distributions().get(top)
        if not owners:
            return None
        found.update(f"{owner} {importlib.metadata.version(owner)}" for owner in owners)
    return ", ".join(sorted(found))


def render(text: str, settings: MarkdownSettings) -> str:
    """``text`` rendered as the site renders a page's Markdown; kept between builds under the
    text, the settings and the versions of the code that renders it."""

    def convert() -> str:
        renderer = _renderer(settings)
        renderer.reset()
        return renderer.convert(text)

    versions = _code_versions(settings)
    if versions is None:
        return convert()
    return cached_text("markdown", (versions, repr(settings), text), convert)


#: Characters without which Markdown makes no element or attribute outside the allow-list and
#: no link: raw HTML and autolinks (``<``), links (``[``), attribute lists (``{``), and the
#: headings that could be a first-level one (``#``, ``=`` under a line).
_MARKUP = frozenset("<[{#=")


def field_findings(text: str, settings: MarkdownSettings) -> Inspection:
    """Everything outside the allow-list in one authored field, and its links (a text with
    none of the characters that make markup is plain text: it is not rendered)."""
    if _MARKUP.isdisjoint(text):
        return Inspection((), ())
    return inspect(render(text, settings))


def locate(lines: Sequence[str], start: int, needle: str) -> tuple[int, int] | None:
    """1-based line and column of the first ``needle`` (any case) at or after line ``start``."""
    wanted = needle.casefold()
    for number in range(max(start, 1), len(lines) + 1):
        column = lines[number - 1].casefold().find(wanted)
        if column >= 0:
            return number, column + 1
    return None
