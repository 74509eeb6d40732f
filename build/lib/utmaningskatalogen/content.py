"""Load everything staff write – challenges and pages – reporting all problems together."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .guide import Guide, load_guide
from .problems import ContentError, Problem


def load_content(challenges_dir: Path, docs_dir: Path, today: date, shown_challenges: str = "challenges",
                 shown_docs: str = "docs") -> tuple[Catalogue, Guide]:
    problems: list[Problem] = []
    catalogue = guide = None
    try:
        catalogue = load_catalogue(challenges_dir, today, shown_challenges)
    except ContentError as error:
        problems += error.problems
    try:
        guide = load_guide(docs_dir, shown_docs)
    except ContentError as error:
        problems += error.problems
    if problems or catalogue is None or guide is None:
        raise ContentError(problems)
    return catalogue, guide
