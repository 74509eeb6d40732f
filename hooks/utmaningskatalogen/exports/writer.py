"""Every export file of a build, by its path relative to the site root."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from .. import paths
from ..publication import Publication
from ..sitefiles import write_files
from . import atom, csv_export, dcat, ics, json_export, ocds, schema_export

MISSING_SITE_URL = ("site_url saknas i mkdocs.yml. Flöden, kalendrar och öppna data behöver webbplatsens "
                    "fullständiga adress, till exempel site_url: https://utmaningar.example.se/ "
                    "(eller miljövariabeln CATALOGUE_SITE_URL).")


def export_plan(publication: Publication) -> dict[str, Callable[[], bytes]]:
    """Every export's path, with what renders it: the paths are known at once (to check them
    against docs/), the contents are rendered on the other core (`write_exports`)."""
    if not publication.site_url:
        raise ValueError(MISSING_SITE_URL)
    catalogue, name = publication.catalogue, publication.site_name
    feeds, calendars = atom.Feeds(publication), ics.Calendars(publication)
    robots = f"User-agent: *\nAllow: /\nSitemap: {publication.url(paths.SITEMAP)}\n".encode()
    plan: dict[str, Callable[[], bytes]] = {
        paths.JSON: partial(json_export.render, publication),
        paths.JSON_SCHEMA: partial(schema_export.render, publication),
        paths.CSV: partial(csv_export.render, publication),
        paths.CSV_EXCEL: partial(csv_export.render, publication, csv_export.SEMICOLON),
        paths.OCDS: partial(ocds.render, publication),
        paths.DCAT: partial(dcat.render, publication),
        paths.feed(): partial(feeds.render, publication.challenges, path=paths.feed(), page=paths.CATALOGUE,
                              title=f"{name}: alla utmaningar"),
        paths.calendar(): partial(calendars.render, publication.challenges, name=f"{name}: alla utmaningar"),
        # Search engines find every published page through the sitemap; nothing is closed to them.
        paths.ROBOTS: partial(bytes, robots),
    }
    groups = [(paths.municipality(key), m.name, catalogue.in_municipality(key))
              for key, m in catalogue.vocabularies.municipalities.items()]
    groups += [(paths.area(key), a.name, catalogue.in_area(key)) for key, a in catalogue.vocabularies.areas.items()]
    for page, title, challenges in groups:
        plan[paths.feed(page)] = partial(feeds.render, challenges, path=paths.feed(page), page=page,
                                         title=f"{name}: {title}")
        plan[paths.calendar(page)] = partial(calendars.render, challenges, name=f"{name}: {title}")
    for challenge in publication.challenges:
        plan[paths.calendar(paths.challenge(challenge.slug))] = partial(
            calendars.render, (challenge,), name=f"{name}: {challenge.title}")
    return plan


def export_files(publication: Publication) -> dict[str, bytes]:
    """All exports. Only published challenges go in: `Publication.challenges` holds nothing else."""
    return {path: render() for path, render in export_plan(publication).items()}


def write_exports(plan: Mapping[str, Callable[[], bytes]], site_dir: Path) -> int:
    """Write every export of `export_plan` into the built site; returns how many files."""
    count, _size = write_files(site_dir, ((path, render()) for path, render in plan.items()))
    return count
