"""The Content-Security-Policy of a page: the hashes of exactly the inline scripts it runs."""

from __future__ import annotations

import base64
import hashlib

from motteruum.csp import header_policy, headers_file, inline_scripts, policy, with_policy

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>document.documentElement.className = "js";</script>
<script src="assets/app.js"></script>
<script type="application/json" id="__config">{"a": 1}</script>
<script type="application/ld+json">{"@type": "DefinedTerm"}</script>
</head><body><script type="module">import "./x.js";</script></body></html>"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_scripts_that_run_inline_are_hashed() -> None:
    assert inline_scripts(PAGE) == [
        'document.documentElement.className = "js";',
        'import "./x.js";',
    ]


def test_the_page_carries_its_policy_before_its_first_script() -> None:
    secured = with_policy(PAGE)
    meta = secured.index('<meta http-equiv="Content-Security-Policy"')
    assert secured.index('<meta charset="utf-8">') < meta < secured.index("<script")
    expected = policy(
        [sha256('document.documentElement.className = "js";'), sha256('import "./x.js";')]
    )
    assert f'content="{expected}"' in secured
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in expected
    assert "object-src 'none'" in expected and "base-uri 'self'" in expected
    assert with_policy(secured) == secured  # once is enough


def test_the_header_holds_the_hashes_of_every_page() -> None:
    other = "<html><head><meta charset=utf-8><script>go()</script></head></html>"
    header = header_policy([PAGE, other, PAGE])
    assert header.count("'sha256-") == 3
    assert sha256("go()") in header
    assert headers_file(header) == f"/*\n  Content-Security-Policy: {header}\n"
