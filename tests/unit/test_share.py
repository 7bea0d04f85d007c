"""The share block: one rendering per language, each page's address and QR code put in."""

from __future__ import annotations

import pytest

from motteruum.share import qr_svg, render_share_block, share_block

ADDRESSES = (
    "https://motteruum.kliendikesksus.ee/terms/nps/",
    "https://example.org/kb/en/terms/a&b/?x=<1>&y=\"2\"#'3'",
    "https://example.org/mõtteruum/terms/öö/",
)


@pytest.mark.parametrize("url", ADDRESSES)
@pytest.mark.parametrize("lang", ["et", "en"])
def test_the_block_is_the_templates_rendering_for_the_page(url: str, lang: str) -> None:
    block = share_block(url, lang, "et")
    assert block == render_share_block(url, qr_svg(url), lang, "et")
    assert "\x00" not in block
    assert block.count("<svg") == 1


def test_the_address_is_escaped_once() -> None:
    block = share_block(ADDRESSES[1], "en", "et")
    assert "a&amp;b/?x=&lt;1&gt;&amp;y=&#34;2&#34;#&#39;3&#39;" in block
    assert "<1>" not in block
