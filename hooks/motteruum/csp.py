"""A Content-Security-Policy every page of the site works under.

The site loads nothing from elsewhere, runs no inline event handlers and evaluates no strings,
so its policy can be strict: scripts only from the site itself, WebAssembly for Pyodide
(``'wasm-unsafe-eval'``), and the few inline scripts the theme and the build write (the theme's
page setup, the eager calculator start, a redirect) allowed one by one by the SHA-256 of their
exact text. Each page carries the policy with the hashes of its own inline scripts as a
``<meta http-equiv>``; :func:`header_policy` is the same policy with the hashes of every page,
for hosts that send it as a header (README, "Deploying").
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
from collections.abc import Iterable

#: The policy without the hashes of inline scripts, directive by directive.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("form-action", "'self'"),
    ("base-uri", "'self'"),
    ("object-src", "'none'"),
)
#: Script types that hold data, not code: CSP does not govern them.
DATA_TYPES = frozenset({"application/json", "application/ld+json", "importmap"})

_SCRIPT = re.compile(
    r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE
)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
_CHARSET = re.compile(r'<meta charset="[^"]*">', re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser runs (not data blocks)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = match["attributes"]
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if kind is not None:
            value = next(group for group in kind.groups() if group is not None)
            if value.strip().lower() in DATA_TYPES:
                continue
        found.append(match["body"])
    return found


def script_hash(body: str) -> str:
    """The CSP source of one inline script: ``'sha256-…'`` of its exact UTF-8 text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str] = ()) -> str:
    """The policy, allowing the inline scripts of ``hashes`` (sorted, each once)."""
    extra = " ".join(sorted(set(hashes)))
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and extra:
            value = f"{value} {extra}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def page_hashes(html: str) -> list[str]:
    """The hashes of the inline scripts of one page."""
    return [script_hash(body) for body in inline_scripts(html)]


def with_policy(html: str) -> str:
    """``html`` with its policy as the first element of its head after the charset (a page that
    has one already gets it anew, so running this twice changes nothing)."""
    html = _META.sub("", html)
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{html_module.escape(policy(page_hashes(html)), quote=False)}">'
    )
    charset = _CHARSET.search(html)
    if charset is not None:
        return html[: charset.end()] + "\n" + meta + html[charset.end() :]
    return html.replace("<head>", "<head>\n" + meta, 1)


def header_policy(pages: Iterable[str]) -> str:
    """The policy for a response header: the hashes of the inline scripts of all ``pages``."""
    return policy(hash_ for page in pages for hash_ in page_hashes(page))


def headers_file(header: str) -> str:
    """The policy as a ``_headers`` file (Netlify, Cloudflare Pages): for every address."""
    return f"/*\n  Content-Security-Policy: {header}\n"
