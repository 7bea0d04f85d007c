"""What follows a page's content (preview card, share block) is put into the finished page at
the end of its content, through a mark no page can forge."""

from __future__ import annotations

import pytest

from motteruum.problems import ThemeChanged
from motteruum.site import ContentEnd


def test_what_follows_lands_exactly_where_the_content_ends() -> None:
    end = ContentEnd()
    content = end.add("<p>Text</p>")
    page = f"<article>{content}<aside>date</aside></article>"
    assert end.replace(page, "<aside>share</aside>") == (
        "<article><p>Text</p><aside>share</aside><aside>date</aside></article>"
    )


def test_a_mark_of_another_build_is_left_alone() -> None:
    ours, other = ContentEnd(), ContentEnd()
    assert ours.mark != other.mark
    page = f"<article>{other.add('<p>x</p>')}{ours.mark}</article>"
    assert ours.replace(page, "!") == f"<article><p>x</p>{other.mark}!</article>"


def test_a_page_without_its_content_is_a_theme_change() -> None:
    with pytest.raises(ThemeChanged, match="does not contain its content"):
        ContentEnd().replace("<article></article>", "<aside>share</aside>")
