"""Definitions as plain text, for formats that cannot carry Markdown.

Definitions are written in Markdown; TBX, SKOS, JSON-LD and the CSV table want the text a
reader sees, not the markup: ``[tooteid](product.md)`` becomes ``tooteid``, ``**x**`` and
``*x*`` become ``x``, a backslash escape such as ``TRI\\*M`` becomes ``TRI*M``, code spans
keep their text; list bullets, heading marks, HTML tags and comments go; entities such as
``&amp;`` become their characters; and every run of whitespace (line breaks and paragraph
breaks included) becomes one space.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

__all__ = ["plain_text"]

#: A backslash escape of ASCII punctuation, or a code span (where escapes are literal),
#: found in one left-to-right scan as Markdown reads them.
_LITERAL = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])|(?P<ticks>`+)(?P<code>.+?)(?P=ticks)", re.DOTALL
)
_HARD_BREAK = re.compile(r"\\\n")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")

_HEADING = re.compile(r"^ {0,3}#{1,6}(?=\s)")
_QUOTE = re.compile(r"^ {0,3}>[ ]?")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")

_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)", re.DOTALL),
    re.compile(r"\*(?=\S)(.+?)(?<=\S)\*", re.DOTALL),
    re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", re.DOTALL),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.DOTALL),
)


@lru_cache(maxsize=16384)
def plain_text(markdown: str) -> str:
    """The text of a Markdown definition without markup, on one line (cached: every export,
    description and preview asks for the same definitions)."""
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"\ue000{len(kept) - 1}\ue001"

    # Escaped characters and code spans are literal text: set them aside first, so that a
    # ``\*`` or a ``*`` inside backticks never starts emphasis.
    text = _HARD_BREAK.sub("\n", markdown)
    text = _LITERAL.sub(lambda m: keep(m["escaped"] or m["code"].strip()), text)
    text = _without_block_marks(text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_TAG.sub("", text)
    for emphasis in _EMPHASIS:
        # Repeat until stable so that nested emphasis (``***x***``) is taken apart too.
        previous = None
        while previous != text:
            previous, text = text, emphasis.sub(r"\1", text)
    text = html.unescape(text)
    text = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())


def _without_block_marks(text: str) -> str:
    """Drop heading, quote and list-item marks from the start of lines.

    A list item starts only a block (after a blank line) or follows another item, as in
    Markdown: a wrapped Estonian line that begins with an ordinal ("2020. aastal") or a
    dash inside a paragraph keeps it.
    """
    lines = []
    block_start, in_list = True, False
    for line in text.split("\n"):
        if not line.strip():
            block_start = True
            lines.append(line)
            continue
        line = _QUOTE.sub("", _HEADING.sub("", line))
        item = _LIST_ITEM.match(line)
        if item and (block_start or in_list):
            line, in_list = line[item.end() :], True
        elif block_start and not line[:1].isspace():
            in_list = False
        block_start = False
        lines.append(line)
    return "\n".join(lines)
