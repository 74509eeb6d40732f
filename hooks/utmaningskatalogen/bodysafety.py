"""Check Markdown text on what the browser gets: render it as the site does, then allowlist the HTML.

A blacklist of patterns in the source is always one spelling behind (`&#x6A;avascript:`,
`<svg/onload=…>`, `{onclick=…}`); the rendered HTML is what a browser runs. Each element,
attribute and link address (after entity decoding, as a browser reads it) must be on the
allowlist below, and `nh3` (the Rust sanitizer ammonia) is the referee: anything it would
remove is reported too. Nothing is ever stripped silently; every finding names the source line.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .markdown_text import CHALLENGE_SECTION_IDS, MarkdownText
from .problems import Problem

# The Markdown extensions of the site (mkdocs.yml `markdown_extensions`; a test keeps them equal).
SITE_EXTENSIONS: tuple[str, ...] = ("attr_list", "admonition", "tables", "toc")
_EXTENSION_CONFIGS = {"toc": {"permalink": False}}

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
# Attribute lists ({: #id .class }) and HTML alike may set only id and class on any element.
GLOBAL_ATTRIBUTES = frozenset({"id", "class"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
}
# The one style the site's own Markdown writes: column alignment in tables.
_ALIGNMENTS = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
TAG_ATTRIBUTE_VALUES = {tag: {"style": set(_ALIGNMENTS)} for tag in ("td", "th")}
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# What a browser's URL parser drops before reading the scheme.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_TRIMMED = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17" \
               "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
_CODE = "den kan köra kod eller bädda in en annan webbplats"
_TAG_REASONS = {
    "style": "den ändrar hela sidans utseende",
    "link": "den hämtar filer från andra webbplatser",
    "meta": "den ändrar hur webbläsaren hanterar sidan",
    "base": "den ändrar vart alla länkar på sidan går",
    "form": "formulär kan skicka besökarens uppgifter till andra webbplatser",
    **{tag: _CODE for tag in ("script", "iframe", "frame", "frameset", "object", "embed", "applet")},
}
_PLAIN_ONLY = ("bara vanliga textelement som stycken, rubriker, listor, tabeller, länkar och bilder får stå "
               "i texten")
# Findings located per text: the first ones say enough, and each costs a few renders.
_MAX_FINDINGS = 20

# Python-Markdown looks for the end of every `[` and `<a` through the rest of its paragraph: time
# grows with the square of their number (4000 `[` in one paragraph take over ten seconds). Far
# more than any real text needs, and few enough to render at once.
_PER_BLOCK = {"[": 200, "<": 500}
_PER_TEXT = {"[": 2000, "<": 5000}
_SYMBOL_NAMES = {"[": "hakparenteser [", "<": "tecken <"}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

# The one renderer of staff-written Markdown: the HTML checked here is the HTML published (the
# challenge page takes it from the validated Challenge), heading ids clear of the page's own.
_renderer = MarkdownText(SITE_EXTENSIONS, _EXTENSION_CONFIGS, reserved_ids=CHALLENGE_SECTION_IDS)
# The referee, with the allowlist above, built once.
_SANITIZER = nh3.Cleaner(tags=set(ALLOWED_TAGS),
                         attributes={**{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()},
                                     "*": set(GLOBAL_ATTRIBUTES)},
                         tag_attribute_values=TAG_ATTRIBUTE_VALUES, url_schemes=set(URL_SCHEMES),
                         link_rel=None, strip_comments=False)


def render(text: str) -> str:
    """The text as HTML, with the site's Markdown extensions."""
    return _renderer.render(text).html


@dataclass(frozen=True)
class Finding:
    key: tuple[str, ...]  # what is wrong, comparable across renders of parts of the text
    message: str
    raw: str  # the start tag as it stands in the HTML
    anchor: str = ""  # the part of the tag at fault (an attribute's name), to name its own line


class _Tags(HTMLParser):
    """Start tags of an HTML fragment with their decoded attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((name, value or "") for name, value in attrs),
                          self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


def _tags(html: str) -> list[tuple[str, tuple[tuple[str, str], ...], str]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def scheme_of(url: str) -> str | None:
    """The scheme a browser reads from an attribute value (already entity-decoded), lower-cased."""
    cleaned = _URL_IGNORED.sub("", url.strip(_URL_TRIMMED))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def findings(html: str) -> list[Finding]:
    """Everything in the HTML that is not on the allowlist, or that the sanitizer would remove."""
    found: list[Finding] = []
    tags = _tags(html)
    for tag, attributes, raw in tags:
        if tag not in ALLOWED_TAGS:
            reason = _TAG_REASONS.get(tag, _PLAIN_ONLY)
            found.append(Finding(("tag", tag), f"HTML-taggen <{tag}> är inte tillåten; {reason}. Ta bort den och "
                                               "skriv vanlig text eller en vanlig länk", raw))
            continue
        for name, value in attributes:
            found += _attribute_findings(tag, name, value, raw)
    if not found:
        found += _referee(html, tags)
    return found


def _attribute_findings(tag: str, name: str, value: str, raw: str) -> list[Finding]:
    if name.startswith("on"):
        return [Finding(("attribute", name), f"attributet {name}= är inte tillåtet; det kör kod i besökarens "
                                             "webbläsare. Ta bort det", raw, name)]
    allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())
    if name == "style" and value in TAG_ATTRIBUTE_VALUES.get(tag, {}).get("style", ()):
        return []
    if name not in allowed:
        return [Finding(("attribute", name), f"attributet {name}= är inte tillåtet på <{tag}>; i HTML och i en "
                                             "attributlista {…} får bara id och class stå. Ta bort det", raw, name)]
    if name in URL_ATTRIBUTES:
        scheme = scheme_of(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            return [Finding(("scheme", scheme), f"länkar som börjar med {scheme}: är inte tillåtna; länka med "
                                                "https://", raw)]
    return []


def _referee(html: str, tags: list[tuple[str, tuple[tuple[str, str], ...], str]]) -> list[Finding]:
    """What nh3 would remove although the allowlist above let it through (a parser disagreement)."""
    cleaned = _SANITIZER.clean(html)
    if cleaned == html:  # nh3 keeps every byte, so it removes nothing: the usual case, no second parse
        return []
    kept = Counter((tag, tuple(sorted(attrs))) for tag, attrs, _ in _tags(cleaned))
    result = []
    for tag, attrs, raw in tags:
        key = (tag, tuple(sorted(attrs)))
        if kept[key] > 0:
            kept[key] -= 1
            continue
        result.append(Finding(("removed", tag), f"säkerhetskontrollen skulle ta bort {raw[:80]} här; skriv om "
                                                 "det som vanlig text eller en vanlig länk", raw))
    return result


def too_heavy(body: str, first_line: int, shown_as: str, field: str = "brödtext") -> list[Problem]:
    """Texts that would take Markdown minutes to render: too many `[` or `<` in one paragraph or in all."""
    for symbol, limit in _PER_TEXT.items():
        if (count := body.count(symbol)) > limit:
            return [Problem(shown_as, first_line, field, f"texten har {count} {_SYMBOL_NAMES[symbol]}; högst {limit} "
                                                         "får stå i en text, annars tar sidan för lång tid att bygga. "
                                                         "Ta bort dem som inte behövs")]
    start = 0
    for separator in [*_BLANK_LINE.finditer(body), None]:
        end = separator.start() if separator else len(body)
        for symbol, limit in _PER_BLOCK.items():
            if (count := body.count(symbol, start, end)) > limit:
                return [Problem(shown_as, first_line + body.count("\n", 0, start), field,
                                f"stycket har {count} {_SYMBOL_NAMES[symbol]}; högst {limit} får stå i ett stycke, "
                                "annars tar sidan för lång tid att bygga. Dela upp stycket med tomma rader eller "
                                "ta bort dem som inte behövs")]
        start = separator.end() if separator else end
    return []


def body_problems(body: str, first_line: int, shown_as: str, field: str = "brödtext") -> list[Problem]:
    """Problems in Markdown text as rendered, each on the source line where it starts."""
    if heavy := too_heavy(body, first_line, shown_as, field):
        return heavy
    found = findings(render(body))[:_MAX_FINDINGS]
    return [Problem(shown_as, first_line + line, field, finding.message)
            for finding, line in zip(found, _source_lines(body, found), strict=True)]


def _source_lines(body: str, found: list[Finding]) -> list[int]:
    """The 0-based source line of each finding: where its tag stands verbatim, or else the
    shortest beginning of the text whose rendering already shows it."""
    lines = body.split("\n")
    result = []
    seen: Counter[tuple[str, ...]] = Counter()
    raw_seen: Counter[str] = Counter()
    for finding in found:
        seen[finding.key] += 1
        raw_seen[finding.raw] += 1
        offset = _nth(body, finding.raw, raw_seen[finding.raw]) if finding.raw else -1
        if offset >= 0:
            inside = finding.raw.lower().find(finding.anchor) if finding.anchor else -1
            result.append(body.count("\n", 0, offset + max(inside, 0)))
            continue
        result.append(_first_prefix(len(lines), functools.partial(_has_found, lines, finding.key,
                                                                   seen[finding.key])))
    return result


def _nth(text: str, part: str, n: int) -> int:
    offset = -1
    for _ in range(n):
        offset = text.find(part, offset + 1)
        if offset < 0:
            return -1
    return offset


def _has_found(lines: list[str], key: object, wanted: int, count: int) -> bool:
    """Whether the first `count` lines already give `wanted` findings of this kind."""
    return sum(f.key == key for f in findings(render("\n".join(lines[:count])))) >= wanted


def _first_prefix(count: int, shows: Callable[[int], bool]) -> int:
    """The 0-based line k-1 for the smallest k in 1..count with shows(k); 0 when none does."""
    low, high = 1, count
    if not shows(high):
        return 0
    while low < high:
        middle = (low + high) // 2
        if shows(middle):
            high = middle
        else:
            low = middle + 1
    return low - 1
