"""Generate the catalogue's pages as HTML, ready for any static site generator.

Everything from front matter passes through an autoescaping Jinja environment straight to
HTML: no title can become markup, an attribute list or a link, and no generator has to read
Markdown or front matter the catalogue wrote. Only what staff wrote in Markdown (a challenge's
body) is converted, once, by `markdown_text`, after validation. Links are relative, so the
site works under any sub-path.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions.toc import slugify
from markupsafe import Markup

from . import paths
from .bodysafety import render
from .catalogue import Catalogue, catalogue_order
from .dates import sv_date
from .exports.jsonld import challenge_json_ld
from .finder import DEADLINE_WINDOWS, STATUS_CHOICES, Filters, Sort, facet_counts
from .formats import breakable_url, in_words, kronor, tel_uri
from .markdown_text import Heading, RenderedText, headings
from .mistakes import common_mistakes
from .model import Challenge, ResponseState
from .publication import Publication
from .schema import CHALLENGE_FIELDS, LANGUAGE_NAMES, Field
from .statuses import UNTIL_FURTHER_NOTICE_MEANING, Status

TEMPLATES = Path(__file__).parent / "templates"


_ROOT_STAND_IN = "\x00"
OPEN_LIST_LIMIT = 12
# Recent challenges a municipality's or area's page shows beside those open for responses;
# the rest are a link to the catalogue filtered by it, so the page stays light at any size.
RECENT_LIMIT = 12


@dataclass(frozen=True)
class GeneratedPage:
    """A page the catalogue adds to the site. `src_uri` is its path as if in docs/."""

    src_uri: str
    html: str  # the page's main content
    # title, description and the like, HTML-escaped: themes print page metadata unescaped.
    meta: dict[str, str]
    source_path: str | None = None  # the file staff edit, for "Redigera"
    kind: str = "listing"
    # The last change of what the page shows, for the sitemap's <lastmod>; None when unknown.
    lastmod: date | None = None

    @property
    def headings(self) -> list[Heading]:
        return headings(self.html)


@dataclass(frozen=True)
class Preview:
    """Held-back challenges shown on `make serve` when asked, clearly marked."""

    challenges: tuple[Challenge, ...] = field(default_factory=tuple)


def yaml_example(field: Field) -> str:
    """A field's example exactly as it is written in a challenge file."""
    text = yaml.safe_dump({field.name: field.example}, allow_unicode=True, sort_keys=False, width=200)
    # PyYAML quotes dates; staff write them bare, and our reader keeps them as text either way.
    return re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", text).rstrip("\n")


def _meaning(responses: ResponseState, status: Status, municipalities: int = 1) -> str:
    """What the status means for a supplier ("Kommunen …" or "Kommunerna …"); a dialogue open until
    further notice says so."""
    if responses.until_further_notice:
        return UNTIL_FURTHER_NOTICE_MEANING.format(kommunen="Kommunen" if municipalities == 1 else "Kommunerna")
    return status.meaning_for(municipalities)


def _page_src(path: str) -> str:
    """The src_uri MkDocs gives a page at `path`: 'kommuner/ystad/' comes from 'kommuner/ystad.md'."""
    return path.rstrip("/") + ".md"


def _index_src(folder: str) -> str:
    """The src_uri of a folder's own page: 'utmaningar/' comes from 'utmaningar/index.md'."""
    return folder + "index.md"


def root_of(src_uri: str) -> str:
    """The relative path from a page to the site root: '' for the home page, '../' one level down."""
    stem = src_uri.removesuffix(".md")
    depth = stem.count("/") + (0 if stem == "index" or stem.endswith("/index") else 1)
    return "../" * depth


class PageRenderer:
    """Renders the catalogue's pages; one instance per build."""

    def __init__(self, catalogue: Catalogue, preview: Preview | None = None,
                 stage_urls: dict[Status, str] | None = None, publication: Publication | None = None,
                 has_follow_page: bool = True) -> None:
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
        self.env.filters.update(sv_date=sv_date, kronor=kronor, tel_uri=tel_uri, breakable_url=breakable_url)
        # For the parts real notices need (templates/_notice.j2).
        self.env.filters.update(join_words=lambda items: in_words(list(items)), language_name=LANGUAGE_NAMES.get,
                                meaning=_meaning)
        self.env.filters.update(yaml_example=yaml_example, slug=lambda text: slugify(text, "-"))
        self.env.tests["open_for_responses"] = lambda c: c.is_open(catalogue.today)
        self.env.globals["card"] = self._card
        # Status label → guide page on that stage, relative to the site root.
        self.env.globals["stage_urls"] = stage_urls or {}
        # Whether the guide has the page on following challenges (paths.FOLLOW_PAGE) to link to.
        self.env.globals["has_follow_page"] = has_follow_page
        self._cards: dict[tuple[str, int], str] = {}
        # Each challenge's body as rendered on its page, by slug: the search index reuses it.
        self._bodies: dict[str, str] = {}
        # Hand-written page (src_uri) → the last change of the challenges its lists show.
        self.listed_changes: dict[str, date] = {}
        self.env.globals.update(Status=Status, catalogue=catalogue, today=catalogue.today, paths=paths)
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
        pages.append(self.listing(_index_src(paths.MUNICIPALITIES), "directory.html.j2", title="Kommuner",
                                  description="Kommunerna i nätverket och deras utmaningar.",
                                  entries=list(vocabularies.municipalities.values()), folder=paths.MUNICIPALITIES,
                                  count=lambda key: len(self.in_municipality(key))))
        pages.append(self.listing(_index_src(paths.AREAS), "directory.html.j2", title="Områden",
                                  description="Verksamhetsområden och utmaningarna inom dem.",
                                  entries=list(vocabularies.areas.values()), folder=paths.AREAS,
                                  count=lambda key: len(self.in_area(key))))
        for municipality in vocabularies.municipalities.values():
            page = paths.municipality(municipality.key)
            pages.append(self.listing(_page_src(page), "group.html.j2", title=municipality.name,
                                      description=municipality.description, entry=municipality,
                                      **self._group(self.in_municipality(municipality.key)),
                                      filtered=f"{paths.CATALOGUE}?municipality={municipality.key}",
                                      meta={"feed": paths.feed(page)}))
        for area in vocabularies.areas.values():
            page = paths.area(area.key)
            pages.append(self.listing(_page_src(page), "group.html.j2", title=area.name,
                                      description=area.description, entry=area,
                                      **self._group(self.in_area(area.key)),
                                      filtered=f"{paths.CATALOGUE}?area={area.key}",
                                      meta={"feed": paths.feed(page)}))
        return pages

    def catalogue_listing(self) -> GeneratedPage:
        """Every challenge with the filters; each option starts with its count from the core."""
        facets = facet_counts(self.shown, Filters(), self.catalogue.today, self.catalogue.vocabularies)
        return self.listing(_index_src(paths.CATALOGUE), "catalogue.html.j2", challenges=self.listed(self.shown),
                            title="Utmaningar", description="Alla publicerade utmaningar från kommunerna i nätverket.",
                            facets=facets, statuses=STATUS_CHOICES, deadline_windows=DEADLINE_WINDOWS, sorts=list(Sort))

    def _group(self, challenges: tuple[Challenge, ...]) -> dict[str, object]:
        """A municipality's or area's page: what is open, nearest deadline first, then the most
        recently published of the rest; each list up to RECENT_LIMIT, the rest in the catalogue."""
        today = self.catalogue.today
        open_now = [c for c in challenges if c.is_open(today)]
        rest = sorted((c for c in challenges if not c.is_open(today)),
                      key=lambda c: (-c.published.toordinal(), c.title))
        # Its calendar is published all the same, so that one can subscribe before there is a date.
        calendar_empty = not any(self.publication.has_calendar(c) for c in challenges)
        return {"challenges": challenges, "open": open_now, "recent": rest, "limit": RECENT_LIMIT,
                "calendar_empty": calendar_empty}

    def listed(self, challenges: tuple[Challenge, ...]) -> tuple[Challenge, ...]:
        return catalogue_order(list(challenges), self.catalogue.today)

    def in_municipality(self, key: str) -> tuple[Challenge, ...]:
        return self.listed(tuple(c for c in self.shown if key in c.municipalities))

    def body(self, challenge: Challenge) -> str:
        """The challenge's body as HTML, as its page and its search record show it."""
        if challenge.slug not in self._bodies:
            # Validation rendered and checked the body; a challenge made elsewhere (tests) is rendered
            # here, by the same renderer.
            self._bodies[challenge.slug] = challenge.body_html or render(challenge.body)
        return self._bodies[challenge.slug]

    def in_area(self, key: str) -> tuple[Challenge, ...]:
        return self.listed(tuple(c for c in self.shown if key in c.areas))

    def challenge(self, challenge: Challenge) -> GeneratedPage:
        src_uri = _page_src(paths.challenge(challenge.slug))
        related = [c for slug in challenge.related if (c := self._shown_by_slug(slug))]
        body = RenderedText(self.body(challenge))
        # Who answers for the page (Webbriktlinjer R21), and how to reach them: its contact section.
        responsible = {"catalogue_responsible": challenge.contact.name, "catalogue_responsible_link": "#kontakt"}
        return self._page("challenge.html.j2", src_uri, title=challenge.title, description=challenge.summary,
                          meta=responsible, source_path=challenge.source_path, kind="challenge",
                          shows=(challenge,), c=challenge, related=related, body=body,
                          held_back=challenge in self.preview.challenges)

    def listing(self, src_uri: str, template: str, *, title: str, description: str,
                meta: dict[str, str] | None = None, **context: Any) -> GeneratedPage:
        return self._page(template, src_uri, title=title, description=description, meta=meta, **context)

    def open_list(self, src_uri: str, heading_level: int = 3, limit: int = OPEN_LIST_LIMIT) -> str:
        """The challenges open for responses, nearest deadline first, for a hand-written page.
        Past `limit` it links to the filtered catalogue: the home page stays light at any size."""
        challenges = self.listed(tuple(c for c in self.shown if c.is_open(self.catalogue.today)))
        self._lists(src_uri, challenges[:limit])
        template = self.env.get_template("open_list.html.j2")
        return template.render(challenges=challenges, level=heading_level, root=root_of(src_uri), limit=limit)

    def stage_list(self, status: Status, src_uri: str) -> str:
        """The published challenges now in a stage, to append to that stage's guide page."""
        challenges = self.listed(tuple(c for c in self.shown if c.status is status))
        self._lists(src_uri, challenges)
        template = self.env.get_template("stage_list.html.j2")
        return template.render(status=status, challenges=challenges, root=root_of(src_uri))

    def _lists(self, src_uri: str, challenges: tuple[Challenge, ...]) -> None:
        """Note what a list on a hand-written page shows: a page with two lists changed when either did."""
        latest = self._last_change(challenges)
        if latest:
            self.listed_changes[src_uri] = max(latest, self.listed_changes.get(src_uri, latest))

    def _last_change(self, challenges: tuple[Challenge, ...]) -> date | None:
        moment = self.publication.last_change(challenges)
        return moment.date() if moment else None

    def field_reference(self) -> str:
        """The reference of every challenge field, generated from the schema."""
        return self.env.get_template("field_reference.html.j2").render(fields=CHALLENGE_FIELDS, root="")

    def common_mistakes(self) -> str:
        """Common mistakes with the messages the check gives today."""
        mistakes = common_mistakes(self.catalogue.vocabularies)
        return self.env.get_template("mistakes.html.j2").render(mistakes=mistakes, root="")

    def _shown_by_slug(self, slug: str) -> Challenge | None:
        return self._by_slug.get(slug)

    @functools.cached_property
    def _by_slug(self) -> dict[str, Challenge]:
        # A lookup, not a search: with thousands of challenges, each naming a few related ones.
        return {c.slug: c for c in self.shown}

    def feedback(self, src_uri: str, email: str) -> str:
        """Where a reader writes with feedback: the network's address when it has one (editorial_email)."""
        return self.env.get_template("feedback.html.j2").render(root=root_of(src_uri), email=email)

    def follow_links(self, src_uri: str) -> str:
        """The absolute address of every feed, calendar and export, to copy into a reader or calendar."""
        return self.env.get_template("follow_links.html.j2").render(root=root_of(src_uri))

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

    def _page(self, template: str, src_uri: str, *, title: str, description: str,
              meta: dict[str, str] | None = None, source_path: str | None = None, kind: str = "listing",
              shows: tuple[Challenge, ...] | None = None, **context: object) -> GeneratedPage:
        body = self.env.get_template(template).render(title=title, description=description, root=root_of(src_uri),
                                                      **context)
        # MkDocs themes print page.title and page.meta.description without escaping.
        escaped = {"title": html.escape(title), "description": html.escape(" ".join(description.split()))}
        escaped.update((key, html.escape(value)) for key, value in (meta or {}).items())
        # A page changes when what it shows does: its challenges, else (directories) all of them.
        if shows is None:
            shows = cast("tuple[Challenge, ...]", context.get("challenges", self.shown))
        return GeneratedPage(src_uri, body, escaped, source_path=source_path, kind=kind,
                             lastmod=self._last_change(shows))
