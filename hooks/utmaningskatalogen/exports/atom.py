"""Atom feeds (RFC 4287): the whole catalogue, and one per municipality and per area.

One entry per published challenge, newest change first. An entry's `updated` is
`Publication.updated_at`: its own last change after publication (a new status or deadline,
say), the day it became public, and the day after its deadline once passed; the feed's
`updated` is the latest of its entries'. Its id is the page's address, so a reader shows a
changed challenge as updated, not as new. Each feed names `paths.FEED_STYLESHEET`, so that a
browser shows it as a Swedish page that says how to subscribe.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from functools import cached_property

from .. import paths
from ..dates import start_of, sv_date
from ..model import Challenge
from ..publication import LICENCE_NAME, LICENCE_URL, Publication
from .common import area_names, municipality_names, printable, state_sentence

ATOM = "http://www.w3.org/2005/Atom"


class Feeds:
    """Renders feeds; a challenge's entry is rendered once and reused in every feed it is in."""

    def __init__(self, publication: Publication) -> None:
        self.publication = publication
        self._entries: dict[str, bytes] = {}

    def render(self, challenges: Sequence[Challenge], *, path: str, title: str, page: str) -> bytes:
        """A feed of `challenges`, published at `path` and describing the page at `page` (both
        relative to the site root)."""
        publication = self.publication
        entries = sorted(challenges, key=lambda c: (publication.updated_at(c), c.slug), reverse=True)
        updated = publication.updated_at(entries[0]) if entries else self._empty_feed_updated
        feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "sv"})
        _text(feed, "id", publication.url(path))
        _text(feed, "title", title)
        _text(feed, "subtitle", "Nya och ändrade utmaningar inom innovationsupphandling, den senast ändrade först.")
        _link(feed, publication.url(path), rel="self", type="application/atom+xml")
        _link(feed, publication.url(page), rel="alternate", type="text/html")
        _text(feed, "updated", _rfc3339(updated))
        author = ET.SubElement(feed, "author")
        _text(author, "name", publication.site_name)
        _text(author, "uri", publication.site_url)
        _text(feed, "rights", f"Öppna data under {LICENCE_NAME}: {LICENCE_URL}")
        _text(feed, "generator", "Utmaningskatalogen")
        ET.indent(feed)
        head = ET.tostring(feed, encoding="utf-8", xml_declaration=False).removesuffix(b"</feed>")
        # Opened in a browser, the feed reads as a page (theme/assets/feed.xsl); readers ignore it.
        style = f'<?xml-stylesheet type="text/xsl" href="{paths.to_root(path)}{paths.FEED_STYLESHEET}"?>\n'
        return b"".join([b'<?xml version="1.0" encoding="utf-8"?>\n', style.encode(), head,
                         *(self._entry(c) for c in entries), b"</feed>\n"])

    @cached_property
    def _empty_feed_updated(self) -> datetime:
        """An empty feed (an area with no challenge yet) changed last when the catalogue did:
        from the content, like every other date here, not from the build's clock."""
        return self.publication.last_change(self.publication.challenges) or self.publication.generated

    def _entry(self, challenge: Challenge) -> bytes:
        if challenge.slug not in self._entries:
            entry = _entry(self.publication, challenge)
            ET.indent(entry, level=1)
            self._entries[challenge.slug] = b"  " + ET.tostring(entry, encoding="utf-8", xml_declaration=False) + b"\n"
        return self._entries[challenge.slug]


def _entry(publication: Publication, challenge: Challenge) -> ET.Element:
    vocabularies = publication.catalogue.vocabularies
    url = publication.page_url(challenge)
    entry = ET.Element("entry")
    _text(entry, "id", url)
    _text(entry, "title", challenge.marked(challenge.title))
    _link(entry, url, rel="alternate", type="text/html")
    _text(entry, "published", _rfc3339(start_of(challenge.published)))
    _text(entry, "updated", _rfc3339(publication.updated_at(challenge)))
    for name in municipality_names(challenge, vocabularies):
        _text(ET.SubElement(entry, "author"), "name", name)
    ET.SubElement(entry, "category", {"term": challenge.status.value, "label": challenge.status.label})
    for key, name in zip(challenge.areas, area_names(challenge, vocabularies), strict=True):
        ET.SubElement(entry, "category", {"term": key, "label": name, "scheme": publication.url(paths.AREAS)})
    _text(entry, "summary", challenge.marked(challenge.summary))
    content = _text(entry, "content", _content(publication, challenge))
    content.set("type", "html")
    return entry


def _content(publication: Publication, challenge: Challenge) -> str:
    vocabularies = publication.catalogue.vocabularies
    paragraphs = [f"<strong>{html.escape(challenge.example_notice)}</strong>"] if challenge.example_notice else []
    latest = publication.changes(challenge)[:1]
    if latest and not latest[0].first:
        said = " ".join(change.sentence for change in latest[0].changes)
        paragraphs.append(f"<strong>Ändrat {html.escape(sv_date(latest[0].day))}:</strong> {html.escape(said)}")
    paragraphs += [
        f"<strong>{html.escape(state_sentence(challenge, publication.catalogue.today))}</strong>",
        html.escape(challenge.summary),
        "Kommuner: " + html.escape(", ".join(municipality_names(challenge, vocabularies))) + ". Områden: "
        + html.escape(", ".join(area_names(challenge, vocabularies))) + ".",
        f'<a href="{html.escape(publication.page_url(challenge))}">Läs hela utmaningen</a>',
    ]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = printable(text)
    return element


def _link(parent: ET.Element, href: str, **attributes: str) -> None:
    ET.SubElement(parent, "link", {"href": href, **attributes})


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
