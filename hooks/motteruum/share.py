"""For trainers: a "copy link" button and the page's address as a QR code, made at build time."""

from __future__ import annotations

from functools import cache

import segno
from markupsafe import Markup, escape

from .cache import cached_text
from .render import environment
from .strings import translator


def qr_svg(url: str) -> Markup:
    """``url`` as an inline SVG QR code (black on white, scales to any size, no network).

    Drawing a code (choosing its best mask) takes about 10 ms, the largest part of a page's
    build time: each address's code is kept between builds (see :mod:`.cache`).
    """

    def draw() -> str:
        code = segno.make(url, error="m")
        svg = code.svg_inline(
            scale=1, border=4, dark="#000", light="#fff", svgclass="mr-qr", omitsize=True
        )
        return str(svg.replace("<svg ", '<svg role="img" aria-hidden="true" ', 1))

    return Markup(cached_text("qr", (segno.__version__, "m", "mr-qr-1", url), draw))


#: Stand-ins for the address and the QR code in the share block rendered once per language.
_URL, _QR = "\x00url\x00", "\x00qr\x00"


def render_share_block(url: str, qr: Markup, lang: str, default_lang: str) -> str:
    """The share controls with the address ``url`` and its ``qr`` code, rendered."""
    t = translator(lang, default_lang)
    return environment().get_template("share.html.j2").render(t=t, url=url, qr=qr)


@cache
def _share_frame(lang: str, default_lang: str) -> str:
    return render_share_block(Markup(_URL), Markup(_QR), lang, default_lang)


def share_block(url: str, lang: str, default_lang: str) -> str:
    """The share controls of one page (after its content): the block of its language, rendered
    once, with the page's address (escaped as the template escapes it) and QR code put in."""
    frame = _share_frame(lang, default_lang)
    return frame.replace(_URL, str(escape(url))).replace(_QR, str(qr_svg(url)))


@cache
def preview_card(lang: str, default_lang: str) -> str:
    """The template of the card that previews a linked term (filled in by preview.js)."""
    return environment().get_template("preview.html.j2").render(t=translator(lang, default_lang))
