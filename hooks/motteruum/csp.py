"""A Content-Security-Policy every page of the site works under.

The site loads nothing from elsewhere, runs no inline event handlers and evaluates no strings,
so its policy can be strict: scripts only from the site itself, WebAssembly for Pyodide
(``'wasm-unsafe-eval'``; Pyodide needs no ``'unsafe-eval'`` for the pure-Python calculators),
and the few inline scripts the theme and the build write (the theme's page setup, the eager
calculator start, a redirect) allowed one by one by the SHA-256 of their exact text.

Each page carries the policy with the hashes of its own inline scripts as a
``<meta http-equiv>``, so it is always exactly right for that page. A host sends one header for
every address, so :func:`header_policy` holds the hashes of every page, plus what only a header
can carry (``frame-ancestors``); a browser enforces both the header and the meta, so on a page
the meta's narrower list is what counts, and the header also covers what has no meta: the
workers (Pyodide, search) and the downloads (README, "Deploying").
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
from collections.abc import Iterable

from .problems import ThemeChanged

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
#: What only a response header can carry (a browser ignores it in a <meta>, with a warning).
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'self'"),)

#: The types of script a browser runs (HTML, "prepare the script element"): JavaScript under
#: any of its MIME types, modules, import maps and speculation rules. A script of any other
#: type is a data block (JSON, JSON-LD …), which the browser neither runs nor checks.
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
EXECUTABLE_TYPES = JAVASCRIPT_TYPES | {"module", "importmap", "speculationrules"}

#: A comment, or a script element with its attributes (quoted values may hold ">") and text.
_ELEMENT = re.compile(
    r"<!--.*?-->"
    r"|<script(?=[\s/>])(?P<attributes>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<body>.*?)</script",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.IGNORECASE)
_HEAD = re.compile(r"<head(?=[\s>])[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
#: The meta as :func:`with_policy` writes it, with the line break it puts before it.
_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def _attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag, by lower-case name (the first of a repeated name)."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found.setdefault(match.group(1).lower(), html_module.unescape(value))
    return found


def runs(attributes: dict[str, str]) -> bool:
    """Whether a browser runs an inline script with these attributes (not a data block)."""
    if attributes.get("type"):
        kind = attributes["type"]
    elif "type" not in attributes and attributes.get("language"):
        kind = "text/" + attributes["language"]
    else:
        kind = "text/javascript"
    return kind.strip(" \t\n\f\r").lower() in EXECUTABLE_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser runs (not data blocks, not
    scripts with ``src``, not scripts inside comments), as the browser reads it: line breaks
    as ``\\n``."""
    found = []
    for match in _ELEMENT.finditer(html):
        if match["body"] is None:
            continue  # a comment
        attributes = _attributes(match["attributes"])
        if "src" in attributes or not runs(attributes):
            continue
        found.append(match["body"].replace("\r\n", "\n").replace("\r", "\n"))
    return found


def script_hash(body: str) -> str:
    """The CSP source of one inline script: ``'sha256-…'`` of its exact UTF-8 text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str] = (), *, header: bool = False) -> str:
    """The policy, allowing the inline scripts of ``hashes`` (sorted, each once); for a
    response header (``header``) with the directives a <meta> cannot carry."""
    extra = " ".join(sorted(set(hashes)))
    parts = []
    for name, value in DIRECTIVES + (HEADER_ONLY if header else ()):
        if name == "script-src" and extra:
            value = f"{value} {extra}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def page_hashes(html: str) -> list[str]:
    """The hashes of the inline scripts of one page."""
    return [script_hash(body) for body in inline_scripts(html)]


def with_policy(html: str) -> str:
    """``html`` with the policy of its own inline scripts as a <meta> at the top of its head:
    right after the charset if no script comes before it, else first. A page that has the
    meta already gets it anew, so running this twice changes nothing. Raises
    :class:`ThemeChanged` for a page without a <head>."""
    return secured(html)[0]


def secured(html: str) -> tuple[str, list[str]]:
    """``html`` :func:`with_policy`, and the hashes of its inline scripts (one reading)."""
    if 'http-equiv="Content-Security-Policy"' in html:
        html = _META.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        raise ThemeChanged("the page has no <head> to put its Content-Security-Policy in")
    at = head.end()
    charset = _CHARSET.search(html, at)
    script = _SCRIPT_START.search(html, at)
    if charset is not None and (script is None or charset.start() < script.start()):
        at = charset.end()
    hashes = page_hashes(html)
    content = html_module.escape(policy(hashes), quote=False)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return f"{html[:at]}\n{meta}{html[at:]}", hashes


def header_policy(pages: Iterable[str]) -> str:
    """The policy for a response header: the hashes of the inline scripts of all ``pages``."""
    return policy((hash_ for page in pages for hash_ in page_hashes(page)), header=True)


def headers_file(header: str) -> str:
    """The policy as a ``_headers`` file (Netlify, Cloudflare Pages): for every address."""
    return f"/*\n  Content-Security-Policy: {header}\n"
