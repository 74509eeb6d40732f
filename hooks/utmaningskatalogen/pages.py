"""Generate the catalogue's pages as Markdown, ready for any static site generator.

Everything from front matter passes through an autoescaping Jinja environment into raw
HTML blocks, which Markdown leaves alone: no title can become markup, an attribute list
or a link. Only the challenge body is Markdown, and validation has already rejected
scripts and embeds in it. Links are relative, so the site works under any sub-path.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .catalogue import Catalogue, catalogue_order
from .model import Challenge
from .statuses import Status

TEMPLATES = Path(__file__).parent / "templates"
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the catalogue adds to the site. `src_uri` is its path as if in docs/."""

    src_uri: str
    markdown: str
    source_path: str | None = None  # the file staff edit, for "Redigera"
    kind: str = "listing"


@dataclass(frozen=True)
class Preview:
    """Held-back challenges shown on `make serve` when asked, clearly marked."""

    challenges: tuple[Challenge, ...] = field(default_factory=tuple)


def sv_date(value: date) -> str:
    """A date the Swedish way: 31 januari 2027."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def root_of(src_uri: str) -> str:
    """The relative path from a page to the site root: '' for the home page, '../' one level down."""
    stem = src_uri.removesuffix(".md")
    depth = stem.count("/") + (0 if stem == "index" or stem.endswith("/index") else 1)
    return "../" * depth


class PageRenderer:
    """Renders the catalogue's pages; one instance per build."""

    def __init__(self, catalogue: Catalogue, preview: Preview | None = None) -> None:
        self.catalogue = catalogue
        self.preview = preview or Preview()
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["sv_date"] = sv_date
        self.env.tests["open_for_responses"] = lambda c: c.is_open(catalogue.today)
        self.env.globals["card"] = self._card
        self._cards: dict[tuple[str, int, str], Markup] = {}
        self.env.globals.update(Status=Status, catalogue=catalogue, today=catalogue.today)

    @property
    def shown(self) -> tuple[Challenge, ...]:
        """Challenges that get pages: the published, plus held-back ones in a preview."""
        return self.catalogue.published + self.preview.challenges

    def render_all(self) -> list[GeneratedPage]:
        vocabularies = self.catalogue.vocabularies
        pages = [self.challenge(c) for c in self.shown]
        pages.append(self.listing("utmaningar/index.md", "catalogue.md.j2", challenges=self.listed(self.shown),
                                  title="Utmaningar",
                                  description="Alla publicerade utmaningar från kommunerna i nätverket."))
        pages.append(self.listing("kommuner/index.md", "directory.md.j2", title="Kommuner",
                                  description="Kommunerna i nätverket och deras utmaningar.",
                                  entries=list(vocabularies.municipalities.values()), folder="kommuner",
                                  count=lambda key: len(self.in_municipality(key))))
        pages.append(self.listing("omraden/index.md", "directory.md.j2", title="Områden",
                                  description="Verksamhetsområden och utmaningarna inom dem.",
                                  entries=list(vocabularies.areas.values()), folder="omraden",
                                  count=lambda key: len(self.in_area(key))))
        for municipality in vocabularies.municipalities.values():
            pages.append(self.listing(f"kommuner/{municipality.key}.md", "group.md.j2", title=municipality.name,
                                      description=municipality.description, entry=municipality,
                                      challenges=self.in_municipality(municipality.key)))
        for area in vocabularies.areas.values():
            pages.append(self.listing(f"omraden/{area.key}.md", "group.md.j2", title=area.name,
                                      description=area.description, entry=area,
                                      challenges=self.in_area(area.key)))
        return pages

    def listed(self, challenges: tuple[Challenge, ...]) -> tuple[Challenge, ...]:
        return catalogue_order(list(challenges), self.catalogue.today)

    def in_municipality(self, key: str) -> tuple[Challenge, ...]:
        return self.listed(tuple(c for c in self.shown if key in c.municipalities))

    def in_area(self, key: str) -> tuple[Challenge, ...]:
        return self.listed(tuple(c for c in self.shown if key in c.areas))

    def challenge(self, challenge: Challenge) -> GeneratedPage:
        src_uri = f"utmaningar/{challenge.slug}.md"
        related = [c for slug in challenge.related if (c := self._shown_by_slug(slug))]
        markdown = self._render("challenge.md.j2", src_uri, title=challenge.title,
                                description=challenge.summary, c=challenge, related=related,
                                held_back=challenge in self.preview.challenges)
        return GeneratedPage(src_uri, markdown, source_path=challenge.source_path, kind="challenge")

    def listing(self, src_uri: str, template: str, *, title: str, description: str, **context: object) -> GeneratedPage:
        return GeneratedPage(src_uri, self._render(template, src_uri, title=title, description=description,
                                                   **context))

    def open_list(self, src_uri: str, heading_level: int = 3) -> str:
        """The challenges open for responses, as a block to put into a hand-written page."""
        challenges = self.listed(tuple(c for c in self.shown if c.is_open(self.catalogue.today)))
        template = self.env.get_template("open_list.md.j2")
        return template.render(challenges=challenges, level=heading_level, root=root_of(src_uri))

    def _shown_by_slug(self, slug: str) -> Challenge | None:
        return next((c for c in self.shown if c.slug == slug), None)

    def _card(self, challenge: Challenge, level: int, root: str) -> Markup:
        # A challenge's card is the same on every list page at the same depth: render it once.
        key = (challenge.slug, level, root)
        if key not in self._cards:
            template = self.env.get_template("card.html.j2")
            self._cards[key] = Markup(template.render(c=challenge, level=level, root=root))
        return self._cards[key]

    def _render(self, template: str, src_uri: str, *, title: str, description: str, **context: object) -> str:
        # MkDocs themes print page.title and page.meta.description without escaping,
        # so the values are escaped here, once, before MkDocs reads them. JSON strings are
        # valid YAML, and much faster to write than with a YAML emitter.
        title_value = json.dumps(html.escape(title), ensure_ascii=False)
        description_value = json.dumps(html.escape(" ".join(description.split())), ensure_ascii=False)
        body = self.env.get_template(template).render(title=title, description=description,
                                                      root=root_of(src_uri), **context)
        return f"---\ntitle: {title_value}\ndescription: {description_value}\n---\n\n{body}"
