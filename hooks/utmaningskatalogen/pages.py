"""Generate the catalogue's pages as Markdown, ready for any static site generator.

Everything from front matter passes through an autoescaping Jinja environment into raw
HTML blocks, which Markdown leaves alone: no title can become markup, an attribute list
or a link. Only the challenge body is Markdown, and validation has already rejected
scripts and embeds in it. Links are relative, so the site works under any sub-path.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .catalogue import Catalogue, catalogue_order
from .dates import sv_date
from .exports.jsonld import challenge_json_ld
from .finder import DEADLINE_WINDOWS, STATUS_CHOICES, Filters, Sort, facet_counts
from .mistakes import common_mistakes
from .model import Challenge
from .publication import Publication
from .schema import CHALLENGE_FIELDS, Field
from .statuses import Status

TEMPLATES = Path(__file__).parent / "templates"


_ROOT_STAND_IN = "\x00"
OPEN_LIST_LIMIT = 12


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


def yaml_example(field: Field) -> str:
    """A field's example exactly as it is written in a challenge file."""
    text = yaml.safe_dump({field.name: field.example}, allow_unicode=True, sort_keys=False, width=200)
    # PyYAML quotes dates; staff write them bare, and our reader keeps them as text either way.
    return re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", text).rstrip("\n")


def root_of(src_uri: str) -> str:
    """The relative path from a page to the site root: '' for the home page, '../' one level down."""
    stem = src_uri.removesuffix(".md")
    depth = stem.count("/") + (0 if stem == "index" or stem.endswith("/index") else 1)
    return "../" * depth


class PageRenderer:
    """Renders the catalogue's pages; one instance per build."""

    def __init__(self, catalogue: Catalogue, preview: Preview | None = None,
                 stage_urls: dict[Status, str] | None = None, publication: Publication | None = None) -> None:
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
        self.env.filters["yaml_example"] = yaml_example
        self.env.tests["open_for_responses"] = lambda c: c.is_open(catalogue.today)
        self.env.globals["card"] = self._card
        # Status label → guide page on that stage, relative to the site root.
        self.env.globals["stage_urls"] = stage_urls or {}
        self._cards: dict[tuple[str, int], str] = {}
        self.env.globals.update(Status=Status, catalogue=catalogue, today=catalogue.today)
        # Following a challenge: its change history, last update, calendar and structured data.
        self.publication = publication or Publication(catalogue)
        self.env.globals.update(follow=self.publication, json_ld=self._json_ld)

    @property
    def shown(self) -> tuple[Challenge, ...]:
        """Challenges that get pages: the published, plus held-back ones in a preview."""
        return self.catalogue.published + self.preview.challenges

    def render_all(self) -> list[GeneratedPage]:
        vocabularies = self.catalogue.vocabularies
        pages = [self.challenge(c) for c in self.shown]
        pages.append(self.catalogue_listing())
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
                                      challenges=self.in_municipality(municipality.key),
                                      meta={"feed": f"kommuner/{municipality.key}/feed.xml"}))
        for area in vocabularies.areas.values():
            pages.append(self.listing(f"omraden/{area.key}.md", "group.md.j2", title=area.name,
                                      description=area.description, entry=area,
                                      challenges=self.in_area(area.key), meta={"feed": f"omraden/{area.key}/feed.xml"}))
        return pages

    def catalogue_listing(self) -> GeneratedPage:
        """Every challenge with the filters; each option starts with its count from the core."""
        facets = facet_counts(self.shown, Filters(), self.catalogue.today, self.catalogue.vocabularies)
        return self.listing("utmaningar/index.md", "catalogue.md.j2", challenges=self.listed(self.shown),
                            title="Utmaningar", description="Alla publicerade utmaningar från kommunerna i nätverket.",
                            facets=facets, statuses=STATUS_CHOICES, deadline_windows=DEADLINE_WINDOWS, sorts=list(Sort))

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

    def open_list(self, src_uri: str, heading_level: int = 3, limit: int = OPEN_LIST_LIMIT) -> str:
        """The challenges open for responses, nearest deadline first, for a hand-written page.
        Past `limit` it links to the filtered catalogue: the home page stays light at any size."""
        challenges = self.listed(tuple(c for c in self.shown if c.is_open(self.catalogue.today)))
        template = self.env.get_template("open_list.md.j2")
        return template.render(challenges=challenges, level=heading_level, root=root_of(src_uri), limit=limit)

    def stage_list(self, status: Status, src_uri: str) -> str:
        """The published challenges now in a stage, to append to that stage's guide page."""
        challenges = self.listed(tuple(c for c in self.shown if c.status is status))
        template = self.env.get_template("stage_list.md.j2")
        return template.render(status=status, challenges=challenges, root=root_of(src_uri))

    def field_reference(self) -> str:
        """The reference of every challenge field, generated from the schema."""
        return self.env.get_template("field_reference.md.j2").render(fields=CHALLENGE_FIELDS, root="")

    def common_mistakes(self) -> str:
        """Common mistakes with the messages the check gives today."""
        mistakes = common_mistakes(self.catalogue.vocabularies)
        return self.env.get_template("mistakes.md.j2").render(mistakes=mistakes, root="")

    def _shown_by_slug(self, slug: str) -> Challenge | None:
        return next((c for c in self.shown if c.slug == slug), None)

    def follow_links(self, src_uri: str) -> str:
        """The absolute address of every feed, calendar and export, to copy into a reader or calendar."""
        return self.env.get_template("follow_links.md.j2").render(root=root_of(src_uri))

    def _json_ld(self, challenge: Challenge) -> Markup:
        """Escaped for a <script> element by `challenge_json_ld`; none without absolute URLs."""
        if not self.publication.site_url or not self.publication.is_published(challenge):
            return Markup("")
        return Markup(challenge_json_ld(self.publication, challenge))

    def _card(self, challenge: Challenge, level: int, root: str) -> Markup:
        # A challenge's card is the same on every list page but for the path to the site root:
        # render it once with a stand-in (NUL, which YAML front matter cannot contain) and fill it in.
        key = (challenge.slug, level)
        if key not in self._cards:
            template = self.env.get_template("card.html.j2")
            self._cards[key] = template.render(c=challenge, level=level, root=_ROOT_STAND_IN)
        return Markup(self._cards[key].replace(_ROOT_STAND_IN, root))

    def _render(self, template: str, src_uri: str, *, title: str, description: str,
                meta: dict[str, str] | None = None, **context: object) -> str:
        # MkDocs themes print page.title and page.meta.description without escaping,
        # so the values are escaped here, once, before MkDocs reads them. JSON strings are
        # valid YAML, and much faster to write than with a YAML emitter; ASCII-only, so that
        # no character can make MkDocs' YAML reader give up and publish the front matter as text.
        title_value = json.dumps(html.escape(title))
        description_value = json.dumps(html.escape(" ".join(description.split())))
        body = self.env.get_template(template).render(title=title, description=description,
                                                      root=root_of(src_uri), **context)
        extra = "".join(f"{key}: {json.dumps(html.escape(value))}\n"
                        for key, value in (meta or {}).items())
        return f"---\ntitle: {title_value}\ndescription: {description_value}\n{extra}---\n\n{body}"
