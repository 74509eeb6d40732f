"""What the catalogue's filters mean: one definition for the page, its script and the tests.

The catalogue page renders a GET form whose control names and values are fixed here (the URL
query string is the filter state); `theme/assets/katalog.js` applies the same rules in the
browser to the data the build writes on each card. The facet counts the page starts with come
from `facet_counts`, and the browser tests compare the script's results with `find`.

The text filter `q` is answered by the site's search engine (Pagefind, over the index that
`search_index.py` writes), the same one as the header's search box, so both agree: Swedish
stemming, title, summary, body, names, CPV codes and reference. `find` and `facet_counts`
therefore take the slugs the engine found for `q` (`found`) instead of matching text here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from urllib.parse import urlencode

from .catalogue import catalogue_order
from .model import Challenge
from .statuses import Status
from .vocabulary import Vocabularies

# "Sista svarsdag inom" choices, in days from the catalogue's today.
DEADLINE_WINDOWS = (7, 30, 90)
# Statuses a visitor can filter on: every public one, in catalogue order.
STATUS_CHOICES = tuple(s for s in Status if s.is_public)


class Sort(Enum):
    DEADLINE = "deadline"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {Sort.DEADLINE: "Öppna först, efter sista svarsdag",
                Sort.PUBLISHED: "Senast publicerade först"}[self]


@dataclass(frozen=True)
class Filters:
    """One state of the catalogue's filters. Empty values mean "no filter"."""

    q: str = ""
    status: Status | None = None
    open: bool = False
    municipalities: frozenset[str] = field(default_factory=frozenset)
    areas: frozenset[str] = field(default_factory=frozenset)
    deadline: int | None = None
    sort: Sort = Sort.DEADLINE

    def query_string(self) -> str:
        """The URL query for this state, in the order and form the page's script writes it."""
        pairs: list[tuple[str, str]] = []
        if self.q.strip():
            pairs.append(("q", self.q.strip()))
        if self.status:
            pairs.append(("status", self.status.value))
        if self.open:
            pairs.append(("open", "1"))
        pairs += [("municipality", key) for key in sorted(self.municipalities)]
        pairs += [("area", key) for key in sorted(self.areas)]
        if self.deadline:
            pairs.append(("deadline", str(self.deadline)))
        if self.sort is not Sort.DEADLINE:
            pairs.append(("sort", self.sort.value))
        return urlencode(pairs)


def closes_within(challenge: Challenge, days: int, today: date) -> bool:
    """Open for responses, with the deadline at most `days` days away."""
    left = challenge.days_left(today)
    return left is not None and left <= days


@dataclass(frozen=True)
class _Tests:
    """Each filter's verdict on one challenge; facet counts need them one by one."""

    q: bool
    status: bool
    open: bool
    municipalities: bool
    areas: bool
    deadline: bool

    def all_but(self, name: str = "") -> bool:
        return all(value for key, value in self.__dict__.items() if key != name)


def _found(filters: Filters, found: Collection[str] | None) -> Collection[str] | None:
    if filters.q.strip() and found is None:
        raise ValueError("fritext (q) kräver sökmotorns träffar: ge find/facet_counts found=…")
    return found if filters.q.strip() else None


def _tests(challenge: Challenge, filters: Filters, today: date, found: Collection[str] | None) -> _Tests:
    return _Tests(
        q=found is None or challenge.slug in found,
        status=filters.status is None or challenge.status is filters.status,
        open=not filters.open or challenge.is_open(today),
        municipalities=not filters.municipalities or bool(filters.municipalities & set(challenge.municipalities)),
        areas=not filters.areas or bool(filters.areas & set(challenge.areas)),
        deadline=filters.deadline is None or closes_within(challenge, filters.deadline, today),
    )


def find(challenges: Iterable[Challenge], filters: Filters, today: date, vocabularies: Vocabularies,
         found: Collection[str] | None = None) -> tuple[Challenge, ...]:
    """The challenges that pass every filter, in the chosen order. `found`: the slugs the search
    engine finds for `filters.q` (required when q is set).

    Within municipalities (and within areas) any chosen one will do; across filters all must hold.
    """
    matches = _found(filters, found)
    result = [c for c in catalogue_order(list(challenges), today) if _tests(c, filters, today, matches).all_but()]
    if filters.sort is Sort.PUBLISHED:
        result.sort(key=lambda c: c.published, reverse=True)  # stable: ties keep catalogue order
    return tuple(result)


@dataclass(frozen=True)
class FacetCounts:
    """How many challenges each option would give, the other filters kept as they are."""

    status: dict[str, int]  # "" is "every status"
    open: int
    municipalities: dict[str, int]
    areas: dict[str, int]
    deadline: dict[str, int]  # "" is "any deadline"


def facet_counts(challenges: Iterable[Challenge], filters: Filters, today: date, vocabularies: Vocabularies,
                 found: Collection[str] | None = None) -> FacetCounts:
    matches = _found(filters, found)
    status = dict.fromkeys(["", *(s.value for s in STATUS_CHOICES)], 0)
    municipalities = dict.fromkeys(vocabularies.municipalities, 0)
    areas = dict.fromkeys(vocabularies.areas, 0)
    deadline = dict.fromkeys(["", *map(str, DEADLINE_WINDOWS)], 0)
    open_count = 0
    for challenge in challenges:
        tests = _tests(challenge, filters, today, matches)
        if tests.all_but("status"):
            status[""] += 1
            # .get: a preview (make preview) also lists drafts, which have no option of their own.
            status[challenge.status.value] = status.get(challenge.status.value, 0) + 1
        if tests.all_but("open") and challenge.is_open(today):
            open_count += 1
        if tests.all_but("municipalities"):
            for key in challenge.municipalities:
                municipalities[key] += 1
        if tests.all_but("areas"):
            for key in challenge.areas:
                areas[key] += 1
        if tests.all_but("deadline"):
            deadline[""] += 1
            for days in DEADLINE_WINDOWS:
                deadline[str(days)] += closes_within(challenge, days, today)
    return FacetCounts(status, open_count, municipalities, areas, deadline)

