"""What staff wrote in Markdown, rendered to HTML once, with the site's own Markdown settings.

Generated pages are HTML from templates; only the text staff wrote (a challenge's body) passes
through Python-Markdown, here. The site's extensions and their settings come from the caller
(the plugin passes mkdocs.yml's `markdown_extensions`), so a body renders as a hand-written page
would. Heading ids never collide with the ids the page's template gives its own sections.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.toc import slugify as default_slugify

# The ids challenge.html.j2 gives its own sections.
CHALLENGE_SECTION_IDS = frozenset({
    "viktiga-datum", "moten-och-evenemang", "kontakt", "upphandling", "in-english", "resultat",
    "varfor-utmaningen-avbrots", "om-utmaningen", "fragor-och-svar", "dokument", "relaterade-utmaningar",
    "andringshistorik", "tidplan", "svar-och-bedomning", "sa-bedoms-svaren", "medfinansiering"})
_HEADING = re.compile(r"<h([1-6])\b[^>]*?\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_STARTS_WITH_HEADING = re.compile(r"\s*<h[1-6][\s>]")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str  # plain text, HTML-escaped, as Python-Markdown's toc tokens carry it


@dataclass(frozen=True)
class RenderedText:
    html: str

    @property
    def starts_with_heading(self) -> bool:
        return bool(_STARTS_WITH_HEADING.match(self.html))


def headings(page_html: str) -> list[Heading]:
    """The headings with an id in a piece of HTML, in order: for a page's table of contents."""
    return [Heading(int(level), anchor, html.escape(html.unescape(_TAG.sub("", _PERMALINK.sub("", inner))).strip(),
                                                    quote=False))
            for level, anchor, inner in _HEADING.findall(page_html)]


class MarkdownText:
    """Renders staff-written Markdown with one reused Python-Markdown instance (reset between texts)."""

    def __init__(self, extensions: Sequence[Any],
                 configs: Mapping[str, Mapping[str, Any]] | None = None,
                 reserved_ids: Collection[str] = ()) -> None:
        settings: dict[str, dict[str, Any]] = {name: dict(options) for name, options in (configs or {}).items()}
        if "toc" not in [e for e in extensions if isinstance(e, str)]:
            extensions = [*extensions, "toc"]
        toc = settings.setdefault("toc", {})
        toc["slugify"] = self._avoiding(toc.get("slugify") or default_slugify, frozenset(reserved_ids))
        self._md = markdown.Markdown(extensions=list(extensions), extension_configs=settings)

    @staticmethod
    def _avoiding(slugify: Callable[[str, str], str], reserved: frozenset[str]) -> Callable[[str, str], str]:
        def slug(value: str, separator: str) -> str:
            made = slugify(value, separator)
            return f"{made}{separator}text" if made in reserved else made
        return slug

    def render(self, text: str) -> RenderedText:
        self._md.reset()
        rendered = self._md.convert(text)
        return RenderedText(rendered)
