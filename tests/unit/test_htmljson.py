"""The one way data is written into a <script> element: nothing in it can end the element."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from motteruum.htmljson import script_json

HOSTILE = {"name": "x</script><script>alert(1)</script>", "note": "<!-- a & 'b' >", "n": 1}


def test_markup_characters_are_escaped_and_the_data_survives() -> None:
    text = str(script_json(HOSTILE))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == HOSTILE
    assert text.startswith('{"n":1,')  # compact, keys sorted: the same data, the same bytes


def test_indented_form_for_readable_data_blocks() -> None:
    text = str(script_json({"b": [1], "a": "<"}, indent=2))
    assert text == '{\n  "a": "\\u003c",\n  "b": [\n    1\n  ]\n}'


@given(st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner, max_size=3)))
def test_any_data_round_trips_without_closing_the_script(data: object) -> None:
    text = str(script_json(data))
    assert "</" not in text.lower() and "<!--" not in text
    assert json.loads(text) == data
