"""The site's search index: what it holds, from the catalogue and the pages, and writing it.

One index serves the search box in every page's header and the catalogue's text filter
(`theme/assets/search-engine.js`), so a word finds the same challenges in both. It is written
with Pagefind (https://pagefind.app/) at the end of the build, from **published content only**:
each challenge's record is made here from the validated challenge (title, summary, body,
municipality and area names, CPV codes as separate words, procurement reference, status
label), never from a page that a preview could have shown. Hand-written and generated listing
pages are indexed from their HTML, without their lists of challenge cards.

Records are small HTML documents for Pagefind's indexer, rendered by an autoescaping template
(`templates/search_record.html.j2`); they are fed to Pagefind directly and never published.
All text is Swedish (`sv`): Pagefind stems words with the Swedish Snowball stemmer, both in the
index and in the query, so "läckorna" finds "vattenläckor".
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import paths
from .catalogue import Catalogue
from .dates import sv_date
from .model import Challenge
from .pagefind_service import IndexingFailed, IndexingProcess

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE = "sv"
# Where the index and Pagefind's search script go, relative to the site root.
INDEX_FOLDER = paths.SEARCH_INDEX
# What Pagefind writes that the site does not use (its ready-made interfaces and playground).
_CLOSING_TAG = re.compile(r"(</[a-zA-Z][a-zA-Z0-9]*\s*>)")
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "playground")
# Elements of a page that are not its own text: lists of challenge cards (each challenge has its
# own record) and the stage pages' lists; Material's `data-search-exclude` marks the same.
EXCLUDED = ("[data-search-exclude]", ".uk-cards", ".uk-stage-list", ".uk-filters", ".headerlink")

# Filters and metadata by name: the search scripts read these names.
FILTER_KIND = "typ"
FILTER_MUNICIPALITY = "kommun"
FILTER_AREA = "område"
FILTER_STATUS = "status"
FILTER_OPEN = "svar"
# One value per challenge, its slug: the catalogue's filter learns from it which cards a query finds.
FILTER_CHALLENGE = "utmaning"
OPEN_VALUE = "Öppen för svar"
CLOSED_VALUE = "Stängd för svar"


class Kind(Enum):
    """What a result is. Challenges and pages for suppliers come before pages for staff."""

    CHALLENGE = "Utmaning"
    PAGE = "Sida"
    STAFF = "För kommunernas medarbetare"


@dataclass(frozen=True)
class Record:
    """One entry of the index: the page's address relative to the site root, and its document."""

    url: str
    kind: Kind
    html: str


@dataclass(frozen=True)
class PageText:
    """A page that is not a challenge, as the site renders it: address, title and main HTML."""

    url: str
    title: str
    html: str


@dataclass(frozen=True)
class IndexStats:
    records: int
    seconds: float  # from the start of indexing to the index on disk
    files: int
    bytes: int


def kind_of(url: str) -> Kind:
    """Challenges; pages for staff (editing guide, field reference); every other page."""
    if url.startswith(paths.CATALOGUE) and url != paths.CATALOGUE:
        return Kind.CHALLENGE
    return Kind.STAFF if url.startswith(paths.STAFF_SECTIONS) else Kind.PAGE


class SearchRecords:
    """Makes the index's records; one instance per build."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
        self._template = self.env.get_template("search_record.html.j2")
        self._published = frozenset(c.slug for c in catalogue.published)

    def challenge(self, challenge: Challenge, body_html: str) -> Record:
        """A published challenge's record. `body_html` is its body as rendered on its page."""
        if challenge.slug not in self._published:
            raise ValueError(f"{challenge.slug} är inte publicerad och får inte komma in i sökindexet")
        vocabularies = self.catalogue.vocabularies
        municipalities = [vocabularies.municipalities[key].name for key in challenge.municipalities]
        areas = [vocabularies.areas[key].name for key in challenge.areas]
        responses = challenge.responses(self.catalogue.today)
        meta = [("typ", Kind.CHALLENGE.value), ("status", challenge.status.label)]
        if challenge.deadline is not None:
            meta.append(("deadline", sv_date(challenge.deadline)))
        # Shown beside the status in the results: open for responses, or closed since the deadline passed.
        if responses.is_open:
            meta.append(("open", OPEN_VALUE))
        elif responses.closed_since:
            meta.append(("open", CLOSED_VALUE))
        meta.append(("municipalities", " · ".join(municipalities)))
        filters = [(FILTER_KIND, Kind.CHALLENGE.value), (FILTER_STATUS, challenge.status.label),
                   (FILTER_CHALLENGE, challenge.slug)]
        filters += [(FILTER_MUNICIPALITY, name) for name in municipalities]
        filters += [(FILTER_AREA, name) for name in areas]
        if responses.is_open:
            filters.append((FILTER_OPEN, OPEN_VALUE))
        reference = challenge.procurement.reference if challenge.procurement else None
        weighted: list[tuple[str, float]] = [
            (challenge.summary, 4),
            (" · ".join(municipalities + areas), 3),
            (challenge.status.label, 1),
            # Each code a word of its own: "CPV-koder38000000-5" could never be found.
            (" ".join(challenge.cpv), 3),
            (reference or "", 3),
            (challenge.outcome or "", 1),
            (" ".join(f"{q.question} {q.answer}" for q in challenge.faq), 1),
        ]
        return self._record(paths.challenge(challenge.slug), Kind.CHALLENGE, challenge.title, meta, filters,
                            [(text, weight) for text, weight in weighted if text.strip()], body_html)

    def page(self, page: PageText) -> Record:
        """A hand-written or generated listing page, without its lists of challenge cards."""
        kind = kind_of(page.url)
        if kind is Kind.CHALLENGE:
            raise ValueError(f"{page.url}: en utmaning indexeras från katalogen, inte från sin sida")
        return self._record(page.url, kind, page.title, [("typ", kind.value)], [(FILTER_KIND, kind.value)], [],
                            page.html)

    def challenges(self, bodies: Mapping[str, str]) -> list[Record]:
        """Every published challenge; `bodies`: slug → body HTML."""
        return [self.challenge(c, bodies.get(c.slug, "")) for c in self.catalogue.published]

    def pages(self, pages: Iterable[PageText]) -> list[Record]:
        """Every page but the challenges', sorted by address."""
        return sorted((self.page(p) for p in pages), key=lambda r: r.url)

    def all(self, bodies: Mapping[str, str], pages: Iterable[PageText]) -> list[Record]:
        """Every published challenge (`bodies`: slug → body HTML), then every page, sorted by address."""
        return self.challenges(bodies) + self.pages(pages)

    def _record(self, url: str, kind: Kind, title: str, meta: list[tuple[str, str]],
                filters: list[tuple[str, str]], weighted: list[tuple[str, float]], body_html: str) -> Record:
        html = self._template.render(title=title, meta=[(n, " ".join(v.split())) for n, v in meta],
                                     filters=[(n, _filter_value(v)) for n, v in filters],
                                     weighted=weighted, body=Markup(_spaced(body_html)))
        return Record(url, kind, html)


def _spaced(html: str) -> str:
    """A space after every closing tag: Pagefind joins the text of neighbouring elements
    (`<dt>Typ</dt><dd>text</dd>` would be the one word "Typtext")."""
    return _CLOSING_TAG.sub(r"\1 ", html)


def _filter_value(value: str) -> str:
    # Pagefind splits a data-pagefind-filter value at unescaped commas.
    return " ".join(value.split()).replace(",", r"\,")


class PendingIndex:
    """The index being written by Pagefind in its own process: records go in with `add` as soon
    as they are known, and `wait()` once the site needs the index."""

    def __init__(self, site_dir: Path, records: Iterable[Record] = ()) -> None:
        self._started = time.perf_counter()
        self._output = (site_dir / INDEX_FOLDER).resolve()
        if self._output.exists():
            shutil.rmtree(self._output)
        pages = _pages(records)
        self._records = len(pages)
        config = {"force_language": LANGUAGE, "exclude_selectors": list(EXCLUDED)}
        self._indexing = IndexingProcess(pagefind_executable(), config, self._output, _used, pages)

    def add(self, records: Iterable[Record]) -> None:
        pages = _pages(records)
        self._records += len(pages)
        self._indexing.add(pages)

    def finish(self) -> None:
        """No more records: Pagefind writes the index once it has indexed those it has."""
        self._indexing.finish()

    def wait(self) -> IndexStats:
        """The index on disk, without what the site does not use; raises RuntimeError if Pagefind failed."""
        try:
            self._indexing.wait()
        except IndexingFailed as error:
            raise RuntimeError(f"Pagefind kunde inte skriva sökindexet:\n{error}") from None
        return IndexStats(self._records, time.perf_counter() - self._started, self._indexing.files,
                          self._indexing.bytes)

    def cancel(self) -> None:
        self._indexing.cancel()


def _pages(records: Iterable[Record]) -> list[tuple[str, str]]:
    """What Pagefind indexes of each record: the page at its address (`/<url>`), its document."""
    return [("/" + record.url, record.html) for record in records]


def _used(path: str) -> bool:
    """Whether the site uses this file of Pagefind's (its path inside the index folder)."""
    return path.split("/", 1)[0] not in _UNUSED


def write_index(records: Iterable[Record], site_dir: Path) -> IndexStats:
    """Index the records with Pagefind and write the index and its script into the site.

    Pagefind indexes each record as the page at its address (`/<url>`); `PendingIndex` does
    the same while the caller goes on with other work.
    """
    return PendingIndex(site_dir, records).wait()


def pagefind_executable() -> Path:
    """Pagefind's program, from the pagefind-bin package (no download at run time)."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    executable: Path = get_executable()
    return executable
