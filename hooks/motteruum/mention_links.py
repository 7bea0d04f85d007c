"""A Markdown extension that links mentions of glossary terms and gives term links a preview.

In every section (the text from one heading to the next) the first mention of a term links to
its page; later mentions, and mentions of a term the section already links to, stay text.
Nothing changes inside headings, links, code or raw HTML (widgets, diagrams), on the page of
the term itself, on a page whose front matter says ``mentions: false``, or in a section whose
heading has the class ``mr-no-mentions`` (the generated lists of synonyms, related terms and
sources). Every link to a term page, made here or written by an author, carries the term and
the start of its definition for the preview card (``docs/assets/javascripts/preview.js``).

MkDocs renders pages one at a time; the hook sets :attr:`MentionLinks.page` before each.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .mentions import Finder, Preview

#: The class of a heading whose section gets no mention links (removed from the page).
NO_MENTIONS = "mr-no-mentions"
#: The class of a link made from a mention.
MENTION = "mr-mention"

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOT_TEXT = {"a", "code", "pre", "kbd", "samp", "script", "style", "svg", "button", "abbr"}
_TERM_SOURCE = re.compile(r"terms/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.md")


@dataclass(frozen=True)
class PageContext:
    """The page being rendered: its source path (``terms/nps.et.md``) and whether to link."""

    src_uri: str
    link: bool = True

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.src_uri)

    @property
    def term(self) -> str | None:
        """The id of the term whose page this is, if it is one."""
        name = posixpath.basename(self.src_uri).split(".")[0]
        return name if self.folder == "terms" else None

    def href(self, term: str) -> str:
        """The Markdown link from this page to a term page (MkDocs checks and converts it)."""
        return posixpath.relpath(f"terms/{term}.md", self.folder or ".")

    def linked_term(self, href: str) -> str | None:
        """The term a Markdown link of this page points to, if any."""
        target = posixpath.normpath(posixpath.join(self.folder, href.split("#", 1)[0]))
        match = _TERM_SOURCE.fullmatch(target)
        return match["id"] if match else None


class MentionLinks(Extension):
    """Links the mentions of a language's terms (see the module's documentation)."""

    def __init__(self, finder: Finder, previews: Mapping[str, Preview]) -> None:
        super().__init__()
        self.finder = finder
        self.previews = previews
        self.page: PageContext | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20), before MkDocs resolves .md links (0) and toc (5).
        md.treeprocessors.register(_Linker(md, self), "mr-mention-links", 8)


class _Linker(Treeprocessor):
    def __init__(self, md: Markdown, extension: MentionLinks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        page = self.extension.page
        if page is None:
            return
        _Walk(self.extension, page).element(root)


class _Walk:
    """One pass over a page in document order, with the state of the current section."""

    def __init__(self, extension: MentionLinks, page: PageContext) -> None:
        self.finder = extension.finder
        self.previews = extension.previews
        self.page = page
        self.linking = page.link
        self.seen: set[str] = set()

    def element(self, element: ET.Element) -> None:
        for child in list(element):
            if child.tag in _HEADINGS:
                self.heading(child)
            elif child.tag == "a":
                self.link(child)
            elif child.tag not in _NOT_TEXT:
                child.text = self.text(child, child.text, at=0)
                self.element(child)
            child.tail = self.text(element, child.tail, at=list(element).index(child) + 1)

    def heading(self, heading: ET.Element) -> None:
        self.seen = set()
        classes = heading.get("class", "").split()
        self.linking = self.page.link and NO_MENTIONS not in classes
        if NO_MENTIONS in classes:
            kept = [c for c in classes if c != NO_MENTIONS]
            if kept:
                heading.set("class", " ".join(kept))
            else:
                del heading.attrib["class"]

    def link(self, anchor: ET.Element) -> None:
        term = self.page.linked_term(anchor.get("href", ""))
        if term is not None and term in self.previews:
            self.seen.add(term)
            self.describe(anchor, term)

    def describe(self, anchor: ET.Element, term: str) -> None:
        preview = self.previews[term]
        anchor.set("data-preview-term", preview.title)
        anchor.set("data-preview", preview.text)

    def text(self, parent: ET.Element, text: str | None, at: int) -> str | None:
        """``text`` with its new mention links inserted into ``parent`` at position ``at``."""
        if not text or not self.linking:
            return text
        pieces: list[ET.Element] = []
        kept, last = text, 0
        for mention in self.finder.find(text):
            if mention.term in self.seen or mention.term == self.page.term:
                continue
            self.seen.add(mention.term)
            anchor = ET.Element("a", {"href": self.page.href(mention.term), "class": MENTION})
            anchor.text = text[mention.start : mention.end]
            self.describe(anchor, mention.term)
            if pieces:
                pieces[-1].tail = text[last : mention.start]
            else:
                kept = text[: mention.start]
            pieces.append(anchor)
            last = mention.end
        if not pieces:
            return text
        pieces[-1].tail = text[last:]
        for offset, anchor in enumerate(pieces):
            parent.insert(at + offset, anchor)
        return kept
