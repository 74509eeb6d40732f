"""The Content-Security-Policy in every page and the `_headers` file, unit and built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import Build, watch_csp
from utmaningskatalogen.security import MATERIAL_INLINE_SCRIPTS, AllowedScripts, inline_scripts, policy, source_hash

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCOPE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
         '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
         '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')

# The one source beyond the site's own files: Pagefind's WebAssembly (README, "Säkerhet").
WASM = "'wasm-unsafe-eval'"

def directives(text: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in text.split(";") if part.strip())}


def page_policy(page: str, allowed: AllowedScripts | None = None, **options: bool) -> dict[str, list[str]]:
    return directives(_META.search((allowed or AllowedScripts()).fill_policy(page, **options)).group(1))


def test_a_hash_is_the_csp_source_expression_browsers_compute() -> None:
    # The example in MDN's Content-Security-Policy documentation.
    assert source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_the_listed_inline_scripts_are_the_ones_in_the_installed_material_theme() -> None:
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    scope = inline_scripts((partials / "base.html").read_text(encoding="utf-8"))
    tab = inline_scripts((partials / "content.html").read_text(encoding="utf-8").split("{% endif %}")[-1])
    rendered_scope = scope[0].replace('{{ config.extra.scope | d(base_url) }}', "../..")
    assert rendered_scope == SCOPE and MATERIAL_INLINE_SCRIPTS["scope and storage"].fullmatch(SCOPE)
    assert MATERIAL_INLINE_SCRIPTS["tab from address"].fullmatch(tab[0])


def test_only_materials_listed_inline_scripts_get_a_hash() -> None:
    page = ('<head><meta http-equiv="Content-Security-Policy" content="x"></head><body>'
            f"<script>{SCOPE}</script><script>alert(1)</script><script src=\"b.js\"></script>"
            '<script type="application/ld+json">{"@type": "Demand"}</script>'
            f'<script>{SCOPE.replace("../..", "..")}</script><style>p{{color:red}}</style></body>')
    allowed = AllowedScripts()
    assert page_policy(page, allowed)["script-src"] == [
        "'self'", WASM, *sorted([source_hash(SCOPE), source_hash(SCOPE.replace("../..", ".."))])]
    assert page_policy(page)["style-src"] == ["'self'"]  # no inline styles, ever
    assert allowed.hashes == {source_hash(SCOPE), source_hash(SCOPE.replace("../..", ".."))}
    # A look-alike that does more than Material's script is not allowed.
    assert page_policy(f'<meta http-equiv="Content-Security-Policy" content=""><script>{SCOPE};alert(1)</script>'
                       )["script-src"] == ["'self'", WASM]


def test_the_policy_allows_only_the_sites_own_files() -> None:
    meta = directives(policy())
    assert meta["default-src"] == ["'none'"] and meta["object-src"] == ["'none'"]
    for name in ("style-src", "connect-src", "worker-src", "font-src"):
        assert meta[name] == ["'self'"], name
    # Scripts: the site's own files, and WebAssembly for the search (Pagefind); no eval() of JavaScript.
    assert meta["script-src"] == ["'self'", WASM]
    assert "'unsafe-eval'" not in policy() and "'unsafe-inline'" not in policy()
    # frame-ancestors works only as a header; in a <meta> browsers ignore it with a warning.
    assert "frame-ancestors" not in meta and directives(policy(header=True))["frame-ancestors"] == ["'none'"]


def test_mkdocs_serve_allows_its_live_reload_script_but_a_build_never_does() -> None:
    page = f'<meta http-equiv="Content-Security-Policy" content=""><script>{SCOPE}</script>'
    assert page_policy(page, live_reload=True)["script-src"] == ["'self'", WASM, "'unsafe-inline'"]
    assert page_policy(page)["script-src"] == ["'self'", WASM, source_hash(SCOPE)]


def test_every_built_page_has_the_policy_first_with_exactly_its_own_inline_script_hashes(shipped_site: Build) -> None:
    # /admin/ is the content editor, with its own policy (cms.py; tests/test_cms.py, test_browser_cms.py).
    pages = sorted(p for p in shipped_site.site.rglob("*.html") if p.relative_to(shipped_site.site).parts[0] != "admin")
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = _META.search(text)
        assert found, path
        assert found.start() < text.index("<link rel=\"stylesheet\"") and found.start() < text.index("<script"), path
        inline = inline_scripts(text)
        assert len(inline) == 2, path  # Material's two
        assert directives(found.group(1))["script-src"] == ["'self'", WASM, *sorted({source_hash(s) for s in inline})], path


def header_rules(text: str) -> dict[str, dict[str, str]]:
    """`_headers` as Netlify and Cloudflare Pages read it: path pattern → its headers."""
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            current[name] = value
    return rules


def test_headers_file_at_the_site_root_carries_the_policy_for_every_page(shipped_site: Build) -> None:
    rules = header_rules(shipped_site.read("_headers"))
    headers = rules["/*"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Content-Security-Policy" not in headers  # hosts merge rules: /* would also bind /admin/
    # Every top-level file and folder but the editor's gets the site's policy.
    top_level = {f"/{p.name}/*" if p.is_dir() else f"/{p.name}" for p in shipped_site.site.iterdir()
                 if p.name not in ("_headers", "admin")}
    with_policy = {path for path, found in rules.items() if "default-src" in found.get("Content-Security-Policy", "")}
    assert with_policy == top_level | {"/"}
    assert len({rules[path]["Content-Security-Policy"] for path in with_policy}) == 1
    # The editor's page brings its own policy; its rule adds only what a <meta> cannot say.
    assert rules["/admin/*"] == {"Content-Security-Policy": "frame-ancestors 'none'"}
    header_policy = directives(rules["/"]["Content-Security-Policy"])
    assert header_policy["frame-ancestors"] == ["'none'"]
    every_page = set()
    for path in shipped_site.site.rglob("*.html"):
        if path.relative_to(shipped_site.site).parts[0] == "admin":
            continue  # the editor's own policy
        every_page |= set(directives(_META.search(path.read_text(encoding="utf-8")).group(1))["script-src"])
    assert set(header_policy["script-src"]) == every_page


@pytest.mark.browser
def test_the_browser_enforces_the_policy_and_the_test_fixture_reports_violations(browser, site_url: str) -> None:
    context = browser.new_context()
    violations = watch_csp(context)
    try:
        page = context.new_page()
        page.goto(site_url + "utmaningar/")
        assert page.locator("h1").first.is_visible()
        assert not violations, violations
        # Inline code and eval are refused, and the refusal is reported.
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                      " document.body.append(s); }")
        assert page.evaluate("() => window.ran === undefined")
        # A string timer is eval in disguise: refused without 'unsafe-eval'. (Playwright's own
        # evaluate is exempt from CSP, so eval is tested the way a page would run it.)
        page.evaluate("() => setTimeout('window.evaluated = 1', 0)")
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.evaluated === undefined")
        assert any("script-src" in v for v in violations), violations
    finally:
        context.close()
