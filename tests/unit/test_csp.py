"""The Content-Security-Policy of a page: the hashes of exactly the inline scripts it runs."""

from __future__ import annotations

import base64
import hashlib

import pytest

from motteruum.csp import (
    header_policy,
    headers_file,
    inline_scripts,
    page_hashes,
    policy,
    script_hash,
    with_policy,
)
from motteruum.problems import ThemeChanged

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>document.documentElement.className = "js";</script>
<script src="assets/app.js"></script>
<script type="application/json" id="__config">{"a": 1}</script>
<script type="application/ld+json">{"@type": "DefinedTerm"}</script>
</head><body><script type="module">import "./x.js";</script></body></html>"""

META = '<meta http-equiv="Content-Security-Policy"'


def sha256(text: str) -> str:
    """The CSP hash source of ``text``, computed here independently of the module."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_known_script_has_its_known_hash() -> None:
    # printf 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert script_hash("alert(1)") == sha256("alert(1)")
    body = 'var palette=__md_get("__palette");\nlet ü = "õ";'
    assert page_hashes(f"<script>{body}</script>") == [sha256(body)]


def test_only_scripts_that_run_inline_are_hashed() -> None:
    assert inline_scripts(PAGE) == [
        'document.documentElement.className = "js";',
        'import "./x.js";',
    ]


@pytest.mark.parametrize(
    "start",
    [
        "<script>",
        '<script type="">',
        '<script type="text/javascript">',
        "<script type='TEXT/JavaScript '>",
        "<script type=module>",
        '<script type="importmap">',
        '<script type="speculationrules">',
        '<script language="javascript">',
        '<SCRIPT data-x="a > b">',
        '<script data-start="eager" data-worker="../w.js">',
    ],
)
def test_scripts_a_browser_runs(start: str) -> None:
    assert inline_scripts(f"<head>{start}go()</script></head>") == ["go()"]


@pytest.mark.parametrize(
    "element",
    [
        '<script type="application/json">{"a": "<b>"}</script>',
        '<script type="application/ld+json">{}</script>',
        '<script type="text/javascript; charset=utf-8">go()</script>',
        '<script type="text/x-template">go()</script>',
        '<script language="vbscript">go()</script>',
        '<script src="x.js">go()</script>',
        "<script defer src=x.js></script>",
        "<!-- <script>go()</script> -->",
        "<scripts>go()</scripts>",
    ],
)
def test_data_blocks_external_and_commented_scripts_are_not_hashed(element: str) -> None:
    assert inline_scripts(f"<head>{element}</head>") == []


def test_a_script_is_hashed_as_the_browser_reads_it() -> None:
    """The HTML parser turns CR LF and CR into LF before the script's text is hashed."""
    assert inline_scripts("<script>a()\r\nb()\rc()\n</script>") == ["a()\nb()\nc()\n"]


def test_the_page_carries_its_policy_before_its_first_script() -> None:
    secured = with_policy(PAGE)
    meta = secured.index(META)
    assert secured.index('<meta charset="utf-8">') < meta < secured.index("<script")
    expected = policy(
        [sha256('document.documentElement.className = "js";'), sha256('import "./x.js";')]
    )
    assert f'content="{expected}"' in secured
    assert expected == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
        + " ".join(
            sorted(
                [sha256('document.documentElement.className = "js";'), sha256('import "./x.js";')]
            )
        )
        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'self';"
        " connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"
    )
    assert secured.count(META) == 1
    assert with_policy(secured) == secured  # running it again adds no second meta


def test_a_page_without_inline_scripts_gets_the_policy_without_hashes() -> None:
    secured = with_policy('<html><head><meta charset="utf-8"><title>x</title></head></html>')
    assert f'{META} content="{policy()}">' in secured
    assert "sha256" not in secured and "frame-ancestors" not in secured


def test_a_script_before_the_charset_comes_after_the_policy() -> None:
    page = '<html lang="et"><head data-x="1"><script>go()</script><meta charset="utf-8"></head>'
    secured = with_policy(page)
    assert secured.startswith(f'<html lang="et"><head data-x="1">\n{META}')
    assert secured.index(META) < secured.index("<script>")
    assert with_policy(secured) == secured


def test_the_policy_follows_the_page_when_its_scripts_change() -> None:
    secured = with_policy("<html><head><meta charset=utf-8><script>a()</script></head></html>")
    changed = with_policy(secured.replace("a()", "b()"))
    assert sha256("b()") in changed and sha256("a()") not in changed
    assert changed.count(META) == 1


def test_a_page_without_a_head_is_refused() -> None:
    with pytest.raises(ThemeChanged, match="<head>"):
        with_policy("<html><header><script>go()</script></header></html>")


def test_the_header_holds_the_hashes_of_every_page_and_frame_ancestors() -> None:
    other = "<html><head><meta charset=utf-8><script>go()</script></head></html>"
    header = header_policy([PAGE, other, PAGE])
    assert header.count("'sha256-") == 3
    assert sha256("go()") in header
    assert header.endswith("; object-src 'none'; frame-ancestors 'self'")
    assert header.startswith(policy(page_hashes(PAGE) + page_hashes(other)).split(";")[0])
    assert headers_file(header) == f"/*\n  Content-Security-Policy: {header}\n"
