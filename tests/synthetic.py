"""A varied synthetic catalogue for the filter tests: every status, deadline window and facet."""

from __future__ import annotations

import random
from datetime import date, timedelta

import yaml

from support import ROOT, TEST_TODAY, challenge_text

CPV_CODES = ("38000000-5", "65100000-4", "72000000-5", "73100000-3", "85312000-9", "90620000-9", "48000000-8")
_WORDS = ("vattenläckor sensorer skolskjuts hemtjänst belysning energi matsvinn erosion bygglov ensamhet "
          "halka kusten dagvatten laddning cykelvägar fastigheter avfall mätning data trygghet").split()
# Days from today to the deadline: both sides of every window's edge, and some past ones.
_DEADLINE_OFFSETS = (-30, -1, 0, 1, 3, 7, 8, 15, 30, 31, 60, 90, 91, 180)
_STATUSES = ("need", "dialogue", "tender", "dialogue", "in_progress", "tender", "completed", "cancelled")


def synthetic_challenges(count: int = 60, today: str = TEST_TODAY, seed: int = 3) -> dict[str, str]:
    """`count` published challenge files, plus one draft and one embargoed that must never show."""
    rng = random.Random(seed)
    day = date.fromisoformat(today)
    vocabularies = yaml.safe_load((ROOT / "challenges" / "_vocabularies.yml").read_text(encoding="utf-8"))
    municipalities, areas = list(vocabularies["municipalities"]), list(vocabularies["areas"])
    files = {}
    for index in range(count):
        status = _STATUSES[index % len(_STATUSES)]
        published = day - timedelta(days=rng.randrange(0, 200, 10))  # steps of ten: many equal dates
        fields: dict[str, object] = {
            "title": f"{' '.join(rng.sample(_WORDS, 3)).capitalize()} nummer {index}",
            "summary": f"Vi söker lösningar för {' och '.join(rng.sample(_WORDS, 2))} i kommunen.",
            "status": status,
            "municipalities": rng.sample(municipalities, rng.randint(1, 3)),
            "areas": rng.sample(areas, rng.randint(1, 2)),
            "cpv": rng.sample(CPV_CODES, rng.randint(0, 2)) or None,
        }
        if status in ("dialogue", "tender"):
            deadline = day + timedelta(days=rng.choice(_DEADLINE_OFFSETS))
            fields["deadline"] = deadline.isoformat()
            published = min(published, deadline)
        if status == "tender":
            fields["procurement"] = {"notice_url": f"https://example.org/annons/{index}"}
        if status in ("completed", "cancelled"):
            fields["outcome"] = "Det här blev resultatet."
        fields["published"] = published.isoformat()
        files[f"syntetisk-{index:02d}.md"] = challenge_text(**fields)
    files["hemligt-utkast.md"] = challenge_text(status="draft", title="Hemligt utkast om vattenläckor")
    files["hemlig-embargo.md"] = challenge_text(title="Hemlig embargo om vattenläckor",
                                                published=(day + timedelta(days=10)).isoformat())
    return files
