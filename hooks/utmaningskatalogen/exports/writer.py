"""Every export file of a build, by its path relative to the site root."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..publication import Publication
from . import atom, csv_export, dcat, ics, json_export, ocds, schema_export

MISSING_SITE_URL = ("site_url saknas i mkdocs.yml. Flöden, kalendrar och öppna data behöver webbplatsens "
                    "fullständiga adress, till exempel site_url: https://utmaningar.example.se/ "
                    "(eller miljövariabeln CATALOGUE_SITE_URL).")


def export_files(publication: Publication) -> dict[str, bytes]:
    """All exports. Only published challenges go in: `Publication.challenges` holds nothing else."""
    if not publication.site_url:
        raise ValueError(MISSING_SITE_URL)
    catalogue, name = publication.catalogue, publication.site_name
    feeds, calendars = atom.Feeds(publication), ics.Calendars(publication)
    files = {
        paths.JSON: json_export.render(publication),
        paths.JSON_SCHEMA: schema_export.render(publication),
        paths.CSV: csv_export.render(publication),
        paths.CSV_EXCEL: csv_export.render(publication, csv_export.SEMICOLON),
        paths.OCDS: ocds.render(publication),
        paths.DCAT: dcat.render(publication),
        paths.feed(): feeds.render(publication.challenges, path=paths.feed(), page=paths.CATALOGUE,
                                   title=f"{name}: alla utmaningar"),
        paths.calendar(): calendars.render(publication.challenges, name=f"{name}: alla utmaningar"),
        # Search engines find every published page through the sitemap; nothing is closed to them.
        paths.ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {publication.url(paths.SITEMAP)}\n".encode(),
    }
    groups = [(paths.municipality(key), m.name, catalogue.in_municipality(key))
              for key, m in catalogue.vocabularies.municipalities.items()]
    groups += [(paths.area(key), a.name, catalogue.in_area(key)) for key, a in catalogue.vocabularies.areas.items()]
    for page, title, challenges in groups:
        files[paths.feed(page)] = feeds.render(challenges, path=paths.feed(page), page=page, title=f"{name}: {title}")
        files[paths.calendar(page)] = calendars.render(challenges, name=f"{name}: {title}")
    for challenge in publication.challenges:
        files[paths.calendar(paths.challenge(challenge.slug))] = calendars.render(
            (challenge,), name=f"{name}: {challenge.title}")
    return files


def write_exports(publication: Publication, site_dir: Path) -> int:
    """Write every export into the built site; returns how many files."""
    files = export_files(publication)
    folders: set[Path] = set()
    for path, content in files.items():
        target = site_dir / path
        if target.parent not in folders:  # thousands of calendars share a few hundred folders
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content)
    return len(files)
