"""The municipality and area vocabularies, read from `challenges/_vocabularies.yml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .formats import ORG_NUMBER, org_number_checks
from .frontmatter import SourceFile, parse_yaml, read_text
from .problems import Problem
from .schema import SLUG_PATTERN

VOCABULARY_FILE = "_vocabularies.yml"


@dataclass(frozen=True)
class Municipality:
    key: str
    name: str
    website: str
    description: str
    # Bolagsverket's organisation number, NNNNNN-NNNN; only one checked against a public source.
    org_number: str | None = None


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class Vocabularies:
    municipalities: dict[str, Municipality]
    areas: dict[str, Area]

    def entries(self, vocabulary: str) -> dict[str, Municipality] | dict[str, Area]:
        """One vocabulary by the name a schema field gives (`Field.vocabulary`)."""
        entries: dict[str, Municipality] | dict[str, Area] = getattr(self, vocabulary)
        return entries

    def keys(self, vocabulary: str) -> list[str]:
        return list(self.entries(vocabulary))


# Which fields each entry of each vocabulary has; `website` must be an https address.
_ENTRY_FIELDS = {"municipalities": ("name", "website", "description"), "areas": ("name", "description")}
# Fields an entry may have.
_OPTIONAL_FIELDS = {"municipalities": ("org_number",), "areas": ()}


def load_vocabularies(challenges_dir: Path, shown_dir: str) -> tuple[Vocabularies | None, list[Problem]]:
    path = challenges_dir / VOCABULARY_FILE
    shown_as = f"{shown_dir}/{VOCABULARY_FILE}"
    if not path.is_file():
        return None, [Problem(shown_as, 1, "fil", "ordlistan med kommuner och områden saknas")]
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, problems
    source, problems = parse_yaml(text, shown_as)
    if source is None:
        return None, problems

    entries: dict[str, dict[str, Any]] = {name: {} for name in _ENTRY_FIELDS}
    for name in source.data:
        if name not in _ENTRY_FIELDS:
            problems.append(Problem(shown_as, source.line(name), name,
                                    "okänd ordlista; använd municipalities och areas"))
    for vocabulary, fields in _ENTRY_FIELDS.items():
        if not source.is_flagged(vocabulary):  # else the reader has said what is wrong
            entries[vocabulary] = _check_entries(source, vocabulary, fields, _OPTIONAL_FIELDS[vocabulary],
                                                 shown_as, problems)
    if problems:
        return None, problems
    return Vocabularies(
        municipalities={k: Municipality(k, **v) for k, v in entries["municipalities"].items()},
        areas={k: Area(k, **v) for k, v in entries["areas"].items()},
    ), []


def _check_entries(
    source: SourceFile, vocabulary: str, fields: tuple[str, ...], optional: tuple[str, ...], shown_as: str,
    problems: list[Problem],
) -> dict[str, dict[str, Any]]:
    table = source.data.get(vocabulary)
    if not isinstance(table, dict) or not table:
        problems.append(Problem(shown_as, source.line(vocabulary), vocabulary,
                                "ordlistan saknas eller är tom; varje post ska ha en nyckel och fälten "
                                + ", ".join(fields)))
        return {}
    result = {}
    for key, entry in table.items():
        path = f"{vocabulary}.{key}"
        if not re.match(SLUG_PATTERN, key):
            problems.append(Problem(shown_as, source.line(path), path,
                                    "nyckeln får bara innehålla a–z, 0–9 och enkla bindestreck"))
        if not isinstance(entry, dict):
            problems.append(Problem(shown_as, source.line(path), path, "ska ha fälten " + ", ".join(fields)))
            continue
        for name in entry.keys() - set(fields) - set(optional):
            problems.append(Problem(shown_as, source.line(f"{path}.{name}"), f"{path}.{name}",
                                    "okänt fält; tillåtna är " + ", ".join(fields + optional)))
        for name in fields:
            value = entry.get(name)
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(shown_as, source.line(f"{path}.{name}"), f"{path}.{name}",
                                        "ska vara en text och får inte saknas"))
            elif name == "website" and not value.startswith("https://"):
                problems.append(Problem(shown_as, source.line(f"{path}.{name}"), f"{path}.{name}",
                                        "webbadressen ska börja med https://"))
        result[key] = {name: " ".join(str(entry.get(name, "")).split()) for name in fields}
        if "org_number" in entry:
            number = _org_number(source, entry["org_number"], f"{path}.org_number", shown_as, problems)
            result[key]["org_number"] = number or ""
    return result


def _org_number(source: SourceFile, value: object, path: str, shown_as: str, problems: list[Problem]) -> str | None:
    """An organisation number written NNNNNN-NNNN with a right check digit; else None and a problem."""
    if not isinstance(value, str) or not ORG_NUMBER.fullmatch(value.strip()):
        problems.append(Problem(shown_as, source.line(path), path, "organisationsnumret ska skrivas med sex siffror, "
                                "bindestreck och fyra siffror, till exempel 123456-7897"))
        return None
    if not org_number_checks(value):
        problems.append(Problem(shown_as, source.line(path), path, f"organisationsnumret {value.strip()} stämmer "
                                "inte: den sista siffran (kontrollsiffran) passar inte de andra; skriv av det "
                                "igen från Bolagsverket eller kommunens webbplats"))
        return None
    return value.strip()
