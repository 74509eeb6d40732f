"""The site's Content-Security-Policy and the `_headers` file for static hosts that read one.

The policy allows only the site's own files, no `eval` (only WebAssembly from the site's own
files, for the search), no inline styles, and inline scripts
only where Material for MkDocs requires them: the ones listed in `MATERIAL_INLINE_SCRIPTS`,
each with its reason. The build hashes each listed script as it appears in a rendered page
and writes the hashes into that page's policy. Any other inline script — one slipped into
content, or added to a template — gets no hash, so the browser refuses it and
`make verify` names it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable

# Material 9.8's inline scripts for the features this site uses. tests/test_security.py checks
# them against the installed theme, so an upgrade that changes them fails loudly.
MATERIAL_INLINE_SCRIPTS: dict[str, re.Pattern[str]] = {
    # partials/javascripts/base.html, in <head>: the site's scope and the localStorage helpers
    # that Material's bundle calls before it has loaded. The URL is the page's base (relative,
    # or the sub-path on the 404 page), so there is one hash per folder depth.
    "scope and storage": re.compile(
        re.escape('__md_scope=new URL("') + r'[^"\\<]*' + re.escape(
            '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
            'JSON.stringify(_))}catch(e){}}')),
    # partials/javascripts/content.html, after the content: opens the content tab named in the
    # address before the page is painted; identical on every page.
    "tab from address": re.compile(re.escape(
        'var target=document.getElementById(location.hash.slice(1));'
        'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))')),
}

# Directive → sources. `default-src 'none'` blocks every kind not named here (frames, objects, …).
_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    # 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly, a file of this site
    # (pagefind/wasm.sv.pagefind). It allows no eval() of JavaScript and no code from elsewhere.
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    # Material's icons are CSS masks with data: URIs.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "media-src": ("'self'",),
    # The search fetches the parts of its index it needs (pagefind/), in its worker.
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
}
# Only honoured in an HTTP header: browsers ignore (and warn about) these in a <meta> policy.
_HEADER_ONLY: dict[str, tuple[str, ...]] = {"frame-ancestors": ("'none'",)}

# Headers for every file, for hosts that read `_headers` (Netlify, Cloudflare Pages, …).
EXTRA_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    # Other sites learn that a visitor came from the catalogue, never from which page.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # The catalogue uses no device features; nor may anything embedded in it.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                          "browsing-topics=()",
}

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types a browser runs; others (application/json, application/ld+json) are data.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")', re.I)


def inline_scripts(page: str) -> list[str]:
    """The code of every inline script in a page that a browser would run."""
    return [code for attributes, code in _INLINE_SCRIPT.findall(page)
            if not _SRC.search(attributes) and _script_type(attributes) in _EXECUTABLE]


def is_allowed_inline(code: str) -> bool:
    return any(pattern.fullmatch(code) for pattern in MATERIAL_INLINE_SCRIPTS.values())


def source_hash(code: str) -> str:
    """The CSP source expression for inline code, e.g. 'sha256-…'."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str] = (), *, header: bool = False) -> str:
    """The policy as one line, with these script sources added; sorted for reproducible builds."""
    directives = {**_DIRECTIVES, **(_HEADER_ONLY if header else {})}
    directives["script-src"] += tuple(sorted(set(scripts)))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class AllowedScripts:
    """Fills each page's policy with the hashes of its allowed inline scripts; keeps the
    whole site's for `_headers`."""

    def __init__(self) -> None:
        self.hashes: set[str] = set()

    def fill_policy(self, page: str, *, live_reload: bool = False) -> str:
        """The page with its CSP <meta> naming exactly its allowed inline scripts.

        `mkdocs serve` adds an inline live-reload script, different on every request, after the
        page is built; `live_reload` allows inline scripts for it (never in a published build).
        """
        hashes = {source_hash(code) for code in inline_scripts(page) if is_allowed_inline(code)}
        self.hashes |= hashes
        sources = {"'unsafe-inline'"} if live_reload else hashes  # a browser ignores it next to a hash
        filled = html.escape(policy(sources), quote=False)
        return _META.sub(lambda m: m.group(1) + filled + m.group(2), page, count=1)

    def headers_file(self, top_level: Iterable[str], own_policy: Iterable[str] = ()) -> str:
        """`_headers`: the other headers for every file; the site's policy, allowing every page's
        inline scripts, for every top-level file and folder (names ending in '/') except those with
        a policy of their own (the editor at /admin/). Hosts merge the headers of every rule that
        matches a path, and two policies both apply, so a /* policy would block the editor."""
        lines = ["# Written by the build (hooks/utmaningskatalogen/security.py); do not edit.", "/*"]
        lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
        site_policy = policy(self.hashes, header=True)
        separate = set(own_policy)
        for path in ["", *sorted(set(top_level) - separate)]:
            lines += [f"/{path}*" if path.endswith("/") else f"/{path}", f"  Content-Security-Policy: {site_policy}"]
        for path in sorted(separate):
            # Its page sets its own policy; this adds what only a header can say.
            lines += [f"/{path}*", "  Content-Security-Policy: " + "; ".join(
                f"{name} {' '.join(sources)}" for name, sources in _HEADER_ONLY.items())]
        return "\n".join(lines) + "\n"


def _script_type(attributes: str) -> str:
    found = _TYPE.search(attributes)
    return found.group(1).lower() if found else ""
