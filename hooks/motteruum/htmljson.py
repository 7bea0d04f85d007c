"""JSON inside HTML: the one way the site writes data into a ``<script>`` element.

Jinja's ``htmlsafe_json_dumps`` (the function behind its ``tojson`` filter) writes ``<``, ``>``,
``&`` and ``'`` as ``\\u003c`` etc., valid JSON escapes, so no text (``</script>``, ``<!--``)
can end the element or start markup, whatever the data holds. Keys are sorted, so the same data
always gives the same bytes.
"""

from __future__ import annotations

import json

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup


def script_json(data: object, *, indent: int | None = None) -> Markup:
    """``data`` as JSON that can stand inside a ``<script>`` element (compact unless
    ``indent`` is given)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return htmlsafe_json_dumps(
        data,
        dumps=json.dumps,
        ensure_ascii=False,
        sort_keys=True,
        indent=indent,
        separators=separators,
    )
