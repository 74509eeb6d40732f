"""A built site read once: its files, and for each HTML page what the checks need."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# The content editor's folder (hooks/utmaningskatalogen/cms.py ADMIN_DIR); not checked as site pages.
EDITOR_DIR = "admin"

# Attributes that point somewhere, and whether the browser fetches them by itself (a resource)
# or only when a visitor follows them (a link).
_LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("form", "action")}
_RESOURCE_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
    ("embed", "src"), ("object", "data"), ("input", "src"), ("use", "href"), ("image", "href"),
}
# <link rel=…> values a browser fetches (or connects to) on its own.
_FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                 "modulepreload", "preconnect", "dns-prefetch", "manifest", "mask-icon"}
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".rdf", ".csv", ".ics", ".txt", ".svg", ".webmanifest",
                 ".atom", ".rss", ".md", ""}


@dataclass(frozen=True)
class Reference:
    """One URL in a file: where it is, what it is, and whether the browser loads it by itself."""

    path: str  # the file it is in, relative to the site root
    line: int
    url: str
    element: str
    is_resource: bool


@dataclass
class Page:
    """What the checks need from one HTML file."""

    path: str
    title: str = ""
    lang: str | None = None
    description: str | None = None
    policy_scripts: list[str] | None = None  # script-src of the CSP <meta>; None without one
    inline_scripts: list[tuple[int, str]] = field(default_factory=list)  # (line, code) that would run
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    footer_links: list[str] = field(default_factory=list)
    event_handlers: list[tuple[int, str, str]] = field(default_factory=list)  # (line, element, attribute)


class _PageParser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._footers = 0
        self._script: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        page, line = self.page, self.getpos()[0]
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                page.ids.add(values[key])
        if tag == "html":
            page.lang = values.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "footer":
            self._footers += 1
        elif tag == "meta" and values.get("name", "").lower() == "description":
            page.description = values.get("content", "")
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            directives = (part.split() for part in values.get("content", "").split(";"))
            page.policy_scripts = next((sources for name, *sources in directives if name == "script-src"), None)
        elif tag == "script" and "src" not in values and values.get("type", "").lower() in _EXECUTABLE_TYPES:
            self._script = (line, [])
        page.event_handlers += [(line, tag, name) for name in values if name.startswith("on")]
        if tag == "a" and self._footers and values.get("href"):
            page.footer_links.append(values["href"])
        for name, value in values.items():
            if not value or name not in ("href", "src", "srcset", "action", "data", "poster", "xlink:href"):
                continue
            name = "href" if name == "xlink:href" else name
            if tag == "link" and name == "href":
                rels = set(values.get("rel", "").lower().split())
                self._add(value, line, tag, is_resource=bool(rels & _FETCHED_RELS))
            elif (tag, name) in _LINK_ATTRIBUTES:
                self._add(value, line, tag, is_resource=False)
            elif (tag, name) in _RESOURCE_ATTRIBUTES:
                urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
                for url in urls:
                    self._add(url, line, tag, is_resource=True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.page.inline_scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        elif tag == "title":
            self._in_title = False
        elif tag == "footer":
            self._footers = max(0, self._footers - 1)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._in_title:
            self.page.title += data

    def _add(self, url: str, line: int, element: str, *, is_resource: bool) -> None:
        self.page.references.append(Reference(self.page.path, line, url.strip(), element, is_resource))


class BuiltSite:
    """The files of a built site, with every HTML page parsed once."""

    def __init__(self, root: Path, site_url: str) -> None:
        self.root = root
        self.site_url = site_url
        # /admin/ is the content editor (Decap CMS, hooks/utmaningskatalogen/cms.py): a separate
        # application with its own policy, tested by tests/test_browser_cms.py, not a page of the site.
        self.files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*"))
                      if p.is_file() and not p.relative_to(root).as_posix().startswith(EDITOR_DIR + "/")}
        self.pages: dict[str, Page] = {}
        self.stylesheet_references: list[Reference] = []
        for path, file in self.files.items():
            if path.endswith(".html"):
                page = Page(path)
                _PageParser(page).feed(file.read_text(encoding="utf-8", errors="replace"))
                self.pages[path] = page
            elif path.endswith(".css"):
                css = file.read_text(encoding="utf-8", errors="replace")
                self.stylesheet_references += _css_references(path, css)

    def text(self, path: str) -> str | None:
        """A file's text (gzip files unpacked, the search index's too); None for images and other
        binary files."""
        file = self.files[path]
        if path.endswith(".gz") or is_search_index_file(path):
            data = gzip.decompress(file.read_bytes())
        elif Path(path).suffix.lower() in TEXT_SUFFIXES:
            data = file.read_bytes()
        else:
            return None
        return data.decode("utf-8", errors="replace")

    def url_of(self, path: str) -> str:
        """The public address of a file: directory URLs for index.html pages."""
        return self.site_url + (path.removesuffix("index.html") if is_directory_page(path) else path)

    def resolve(self, reference: Reference) -> str:
        """The absolute URL a reference leads to, as a browser would resolve it."""
        return urljoin(self.url_of(reference.path), reference.url)

    def file_for(self, url: str) -> str | None:
        """The site file an internal URL is served from, or None when there is none."""
        parts = urlsplit(url)
        base = urlsplit(self.site_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
            return None
        relative = unquote(parts.path[len(base.path):])
        for candidate in (relative, relative.rstrip("/") + "/index.html" if relative else "index.html"):
            if candidate in self.files:
                return candidate
        return None

    def is_internal(self, url: str) -> bool:
        parts, base = urlsplit(url), urlsplit(self.site_url)
        return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)


def is_search_index_file(path: str) -> bool:
    """Pagefind's index files (`.pf_index`, `.pf_fragment`, `.pf_filter`, `.pf_meta`): gzip inside."""
    return Path(path).suffix.startswith(".pf_")


def is_directory_page(path: str) -> bool:
    """An index.html, served at its folder's address."""
    return path == "index.html" or path.endswith("/index.html")


def _css_references(path: str, css: str) -> list[Reference]:
    references = []
    for match in _CSS_URL.finditer(css):
        url = (match.group(2) or match.group(4) or "").strip()
        line = css.count("\n", 0, match.start()) + 1
        references.append(Reference(path, line, url, "css", is_resource=True))
    return references


def canonical_site_url(root: Path) -> str | None:
    """The address the site was built for, from the home page's canonical link."""
    index = root / "index.html"
    if not index.exists():
        return None
    found = re.search(r'<link rel="canonical" href="([^"]+)"', index.read_text(encoding="utf-8"))
    return found.group(1) if found else None
