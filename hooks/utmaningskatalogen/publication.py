"""The published catalogue as the outside world follows it: at which address, changed when.

Pages, feeds, calendars and exports all take their absolute URLs, change history and dates
from one `Publication`, so they agree with each other. No date here comes from the clock:
each is derived from the content, its git history or CATALOGUE_TODAY, so that two builds of
the same content are byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from urllib.parse import urlsplit

from . import paths
from .catalogue import Catalogue
from .changelog import FieldChange, HistoryEntry, public_history
from .dates import STOCKHOLM, start_of
from .history import Revision, last_update
from .model import Challenge

LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
DEFAULT_OCID_PREFIX = "ocds-utmkat"
# An OCDS prefix is 'ocds-' and six letters or digits, registered with the OCDS Help Desk.
OCID_PREFIX_PATTERN = re.compile(r"ocds-[a-z0-9]{6}")


def checked_ocid_prefix(value: object) -> str:
    """The ocid prefix from the plugin settings; ValueError with a message for staff when malformed."""
    if not isinstance(value, str) or not OCID_PREFIX_PATTERN.fullmatch(value):
        raise ValueError(f"är {value!r}; det ska vara 'ocds-' och sex tecken a–z eller 0–9, till exempel "
                         "ocds-utmkat (prefixet registreras hos OCDS)")
    return value


@dataclass(frozen=True, eq=False)
class Publication:
    """The catalogue, where the site is published, the files' history and the build time."""

    catalogue: Catalogue
    site_url: str = ""  # absolute and ending in '/', or '' when unknown (then nothing is exported)
    site_name: str = "Utmaningskatalogen"
    generated: datetime = datetime(1970, 1, 1, tzinfo=STOCKHOLM)
    history: Mapping[str, Sequence[Revision]] = field(default_factory=dict)  # slug → versions, newest first
    ocid_prefix: str = DEFAULT_OCID_PREFIX

    @property
    def challenges(self) -> tuple[Challenge, ...]:
        """What every export holds: the published challenges in catalogue order, nothing else."""
        return self.catalogue.published

    @cached_property
    def _published_slugs(self) -> frozenset[str]:
        return frozenset(c.slug for c in self.catalogue.published)

    def is_published(self, challenge: Challenge) -> bool:
        return challenge.slug in self._published_slugs

    def related(self, challenge: Challenge) -> tuple[str, ...]:
        """Related challenges that are published: a draft's or embargoed slug must not leak."""
        return tuple(slug for slug in challenge.related if slug in self._published_slugs)

    def has_calendar(self, challenge: Challenge) -> bool:
        """Whether the challenge's own calendar has something to add: a deadline, a meeting or a step."""
        has_deadline = challenge.deadline is not None and challenge.is_open(self.catalogue.today)
        return self.is_published(challenge) and (bool(challenge.events or challenge.phases) or has_deadline)

    @property
    def host(self) -> str:
        """The site's host name, for calendar UIDs."""
        return urlsplit(self.site_url).hostname or "utmaningskatalogen"

    def url(self, path: str = "") -> str:
        """An absolute URL from a path relative to the site root."""
        return self.site_url + path

    def page_url(self, challenge: Challenge) -> str:
        return self.url(paths.challenge(challenge.slug))

    @cached_property
    def _entries(self) -> dict[str, list[HistoryEntry]]:
        return public_history(self.history, self._published_slugs, self.catalogue.today)

    def changes(self, challenge: Challenge) -> Sequence[HistoryEntry]:
        """What suppliers may read of the challenge's history, newest first (see `changelog.py`)."""
        return self._entries.get(challenge.slug, ())

    def recent_changes(self, challenge: Challenge) -> list[tuple[HistoryEntry, FieldChange]]:
        """Changes of deadline, status or answers after publication, newest first, for the top of the page."""
        return [(entry, change) for entry in self.changes(challenge) for change in entry.notable_changes]

    def _changes_since_published(self, challenge: Challenge) -> Sequence[HistoryEntry]:
        """The listed changes after the first public version, newest first. The commit that made
        a challenge public (often one that added many files at once) is no change of it: its
        `published` day says when it became public."""
        return [entry for entry in self.changes(challenge) if not entry.first]

    def updated(self, challenge: Challenge) -> date | None:
        """The last update shown and exported: the later of front matter and the last change
        after publication; None when there is neither."""
        return last_update(challenge, self._changes_since_published(challenge))

    def updated_at(self, challenge: Challenge) -> datetime:
        """The last moment the challenge changed for a follower, for feeds, calendars and the sitemap.

        Every public change after publication counts (so a new status or deadline does), and so
        do the day it became public, the front matter `updated` and the end of its deadline day
        once passed: then it closed for responses without anyone touching the file. Without git
        history only the dates in the file count; never the build's clock.
        """
        if challenge.slug in self._updated_at:  # feeds, calendars, pages and the sitemap all ask
            return self._updated_at[challenge.slug]
        moments = [start_of(challenge.published)]
        if challenge.updated is not None:
            moments.append(start_of(challenge.updated))
        changes = self._changes_since_published(challenge)
        if changes:
            moments.append(changes[0].when.astimezone(STOCKHOLM))
        closed_since = challenge.responses(self.catalogue.today).closed_since
        if closed_since:
            moments.append(start_of(closed_since + timedelta(days=1)))
        return self._updated_at.setdefault(challenge.slug, max(moments))

    @cached_property
    def _updated_at(self) -> dict[str, datetime]:
        return {}

    def last_change(self, challenges: Iterable[Challenge]) -> datetime | None:
        """The latest `updated_at` of some challenges; None for none."""
        return max((self.updated_at(c) for c in challenges), default=None)

    def sequence(self, challenge: Challenge) -> int:
        """How many times the challenge changed after publication: the SEQUENCE of its calendar
        events (RFC 5545), which only grows, by at least one with each change of a meeting."""
        return len(self._changes_since_published(challenge))
