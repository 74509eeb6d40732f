"""Walk the schema over one file's front matter: types, shapes, vocabularies, required fields.

Rules that relate several fields live in `rules.py`, the safety of Markdown text in
`bodysafety.py`; `validation.py` runs all three.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .dates import MONTHS
from .frontmatter import SourceFile
from .problems import Problem
from .schema import Field, Kind
from .statuses import Status, meant_hint
from .vocabulary import Vocabularies

# Marks a value the scaffolder (scripts/new_challenge.py) could not know.
PLACEHOLDER = "FYLL I"
# (unknown one, at least one) in Swedish, which needs the noun's gender.
_VOCABULARY_PHRASES = {
    "municipalities": ("ingen känd kommun", "minst en kommun krävs"),
    "areas": ("inget känt område", "minst ett område krävs"),
}
# ASCII digits only: \d would also take Arabic-Indic and other digits.
_DATE_SHAPE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# Dates written another way (31/12/2026, 31.12.2026, 2026/12/31, 2026-1-5): offered as ÅÅÅÅ-MM-DD.
_OTHER_DATE_SHAPES = (
    re.compile(r"^(?P<day>[0-9]{1,2})(?P<sep>[./-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})$"),
    re.compile(r"^(?P<year>[0-9]{4})(?P<sep>[./-])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})$"),
)
_FIRST_YEAR = 1900
# Texts shown as a heading or a name: one line.
_ONE_LINE = frozenset({"title", "title_en", "question", "funder"})


class SchemaWalk:
    """Walks the schema over one file's front matter, collecting problems."""

    def __init__(self, source: SourceFile, shown_as: str, vocabularies: Vocabularies, slugs: set[str]) -> None:
        self.source = source
        self.shown_as = shown_as
        self.vocabularies = vocabularies
        self.slugs = slugs
        self.problems: list[Problem] = []

    def report(self, path: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.shown_as, line or self.source.line(path), path, message))

    def mapping(self, data: dict[str, Any], fields: tuple[Field, ...], prefix: str,
                status: Status | None) -> dict[str, Any]:
        known = [f.name for f in fields]
        for key in data:
            if key not in known:
                self.report(_join(prefix, key), _unknown(f"'{key}' är inget känt fält", key, known,
                                                         "Kända fält: " + ", ".join(known)))
        result = {}
        for spec in fields:
            path = _join(prefix, spec.name)
            if self.source.is_flagged(path):
                continue
            value = data.get(spec.name)
            if value is None:
                if spec.required:
                    line = self.source.line(prefix) if prefix else 1
                    self.report(path, f"fältet saknas men krävs alltid; exempel: {_example(spec)}", line)
                elif status in spec.required_for and not (spec.unless and data.get(spec.unless) is True):
                    self.report(path, f"krävs när status är {status.value} ({status.label}); "
                                      f"exempel: {_example(spec)}", self.source.line("status"))
                else:
                    # A group left out does not excuse the fields it must hold (tender → notice_url).
                    for child in spec.fields:
                        if status in child.required_for:
                            self.report(_join(path, child.name),
                                        f"krävs när status är {status.value} ({status.label}); skriv "
                                        f"{spec.name}: och under det {_example(child)}", self.source.line("status"))
                continue
            checked = self.value(spec, value, path, status)
            if checked is not None:
                result[spec.name] = checked
        return result

    def value(self, spec: Field, value: Any, path: str, status: Status | None) -> Any:
        if is_placeholder(value):
            self.report(path, f"'{value}' är en platshållare från mallen och måste fyllas i; skriv in det "
                              "riktiga värdet")
            return None
        if spec.kind.is_list and not isinstance(value, list):
            example = _example(spec)
            self.report(path, "ska vara en lista, även när den har ett enda värde; skriv till exempel "
                              f"{example}")
            return None
        if spec.kind is Kind.MAPPINGS:
            return self._mappings(spec, value, path, status)
        if spec.kind is Kind.MAPPING:
            return self._mapping(spec, value, path, status)
        check: Callable[[Field, Any, str], Any] = getattr(self, f"_{spec.kind.name.lower()}")
        return check(spec, value, path)

    def _mapping(self, spec: Field, value: Any, path: str, status: Status | None) -> Any:
        if not isinstance(value, dict):
            self.report(path, "ska vara en grupp av fält, indragna på raderna under; till exempel "
                              + _example(spec))
            return None
        return self.mapping(value, spec.fields, path, status)

    def _mappings(self, spec: Field, value: list[Any], path: str, status: Status | None) -> Any:
        result = []
        for index, item in enumerate(value, start=1):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                self.report(item_path, "varje punkt i listan ska vara en grupp av fält, som "
                                       + ", ".join(f.name for f in spec.fields if f.required))
                continue
            result.append(self.mapping(item, spec.fields, item_path, status))
        return result

    def _text(self, spec: Field, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.report(path, f"ska vara text, inte {_type_name(value)}; sätt citattecken runt värdet")
            return None
        text = value.strip()
        if not text:
            self.report(path, "får inte vara tomt")
            return None
        if spec.name in _ONE_LINE and "\n" in text:
            self.report(path, "ska stå på en enda rad")
            return None
        if spec.max_length and len(text) > spec.max_length:
            self.report(path, f"är {len(text)} tecken lång; högst {spec.max_length} tecken får plats, korta texten")
            return None
        if spec.pattern and not re.match(spec.pattern, text):
            self.report(path, f"'{text}' har fel form; exempel: {_example(spec)}")
            return None
        return text

    def _email(self, spec: Field, value: Any, path: str) -> str | None:
        if isinstance(value, str) and re.match(spec.pattern or "", value.strip()):
            return value.strip()
        self.report(path, f"'{value}' är ingen giltig e-postadress; exempel: {spec.example}")
        return None

    def _url(self, spec: Field, value: Any, path: str) -> str | None:
        text = value.strip() if isinstance(value, str) else ""
        parts = urlsplit(text)
        if parts.scheme == "https" and parts.netloc and not re.search(r"\s", text):
            return text
        if parts.scheme == "http":
            self.report(path, f"'{value}' använder http; ange en säker adress som börjar med https://")
        else:
            self.report(path, f"'{value}' är ingen fullständig webbadress; den ska börja med https://, "
                              f"till exempel {spec.example}")
        return None

    def _time(self, spec: Field, value: Any, path: str) -> str | None:
        if isinstance(value, str) and re.match(spec.pattern or "", value.strip()):
            return value.strip()
        self.report(path, f"'{value}' är inget klockslag på formen TT:MM; skriv till exempel \"13:00\" "
                          "med citattecken")
        return None

    def _date(self, spec: Field, value: Any, path: str) -> date | None:
        match = _DATE_SHAPE.match(value.strip()) if isinstance(value, str) else None
        if not match:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                self.report(path, f"'{value}' är skrivet med andra siffror än 0–9; skriv datumet med siffrorna "
                                  f"0–9, till exempel {spec.example}")
            elif meant := _date_meant(value):
                self.report(path, f"'{value}' är inget datum på formen ÅÅÅÅ-MM-DD; menade du {meant.isoformat()}?")
            else:
                self.report(path, f"'{value}' är inget datum på formen ÅÅÅÅ-MM-DD; skriv till exempel "
                                  f"{spec.example}")
            return None
        year, month, day = (int(part) for part in match.groups())
        if year < _FIRST_YEAR:
            self.report(path, f"'{value}' är inget rimligt datum: året {year:04d} ligger för långt bak i tiden; "
                              f"skriv ett år från {_FIRST_YEAR} och framåt, till exempel {spec.example}")
            return None
        if not 1 <= month <= 12:
            self.report(path, f"'{value}' är inget riktigt datum: månad {month} finns inte")
            return None
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            self.report(path, f"'{value}' är inget riktigt datum: {MONTHS[month - 1]} {year} har "
                              f"{last_day} dagar")
            return None
        return date(year, month, day)

    def _status(self, spec: Field, value: Any, path: str) -> Status | None:
        if not isinstance(value, str):
            self.report(path, f"ska vara ett enda värde, inte {_type_name(value)}; använd en av: "
                              + ", ".join(f"{s.value} ({s.label})" for s in Status))
            return None
        try:
            return Status(value)
        except ValueError:
            by_label = {s.label.lower(): s.value for s in Status}
            guess = by_label.get(str(value).strip().lower())
            listing = "använd en av: " + ", ".join(f"{s.value} ({s.label})" for s in Status)
            if guess:
                self.report(path, f"'{value}' är inget känt statusvärde; menade du '{guess}'? {listing}")
            else:
                self.report(path, f"'{value}' är ingen känd status; {meant_hint(value)}{listing}")
            return None

    def _keys(self, spec: Field, value: list[Any], path: str) -> tuple[str, ...] | None:
        vocabulary = spec.vocabulary or ""
        table = getattr(self.vocabularies, vocabulary)
        unknown, at_least_one = _VOCABULARY_PHRASES[vocabulary]
        if not value:
            self.report(path, at_least_one)
            return None
        ok = True
        keys = f"{', '.join(table)} (se challenges/_vocabularies.yml)"
        for index, key in enumerate(value, start=1):
            if is_placeholder(key):
                self.report(f"{path}[{index}]", f"'{key}' är en platshållare från mallen och måste fyllas i; "
                                                f"skriv en av de kända nycklarna: {keys}")
                ok = False
            elif not isinstance(key, str) or key not in table:
                listing = f"kända nycklar: {keys}"
                guess = _nearest_key(str(key), table)
                hint = f"menade du '{guess}'? " if guess else ""
                self.report(f"{path}[{index}]", f"'{key}' är {unknown}; {hint}{listing}")
                ok = False
        if len(set(map(str, value))) != len(value):
            self.report(path, "samma nyckel står två gånger i listan; ta bort den ena")
            ok = False
        return tuple(value) if ok else None

    def _key(self, spec: Field, value: Any, path: str) -> str | None:
        vocabulary = spec.vocabulary or ""
        table = getattr(self.vocabularies, vocabulary)
        if isinstance(value, str) and value in table:
            return value
        guess = _nearest_key(str(value), table)
        hint = f"menade du '{guess}'? " if guess else ""
        self.report(path, f"'{value}' är {_VOCABULARY_PHRASES[vocabulary][0]}; {hint}kända nycklar: "
                          f"{', '.join(table)} (se challenges/_vocabularies.yml)")
        return None

    def _choices(self, spec: Field, value: list[Any], path: str) -> tuple[str, ...] | None:
        names = dict(spec.choices)
        # A value may be written as its Swedish name ('engelska'): the message then gives its code.
        by_name = {name: code for code, name in spec.choices}
        listing = "använd en av: " + ", ".join(f"{code} ({name})" for code, name in spec.choices)
        ok = True
        for index, code in enumerate(value, start=1):
            if isinstance(code, str) and code in names:
                continue
            written = str(code).strip().lower()
            guess = by_name.get(written) or (written if written in names else None)
            guess = guess or by_name.get(suggest(written, by_name) or "") or suggest(written, names)
            hint = f"menade du '{guess}'? " if guess else ""
            self.report(f"{path}[{index}]", f"'{code}' är ingen känd språkkod; {hint}{listing}")
            ok = False
        if ok and len(set(value)) != len(value):
            self.report(path, "samma språk står två gånger i listan; ta bort det ena")
            ok = False
        return tuple(value) if ok else None

    def _slugs(self, spec: Field, value: list[Any], path: str) -> tuple[str, ...] | None:
        ok = True
        for index, slug in enumerate(value, start=1):
            item = f"{path}[{index}]"
            if not isinstance(slug, str) or slug not in self.slugs:
                self.report(item, _unknown(f"'{slug}' finns inte bland utmaningarna (ingen fil "
                                           f"challenges/{slug}.md)", str(slug), sorted(self.slugs),
                                           "ange filnamnet utan .md"))
                ok = False
        return tuple(value) if ok else None

    def _codes(self, spec: Field, value: list[Any], path: str) -> tuple[str, ...] | None:
        ok = True
        for index, code in enumerate(value, start=1):
            if not isinstance(code, str) or not re.match(spec.pattern or "", code.strip()):
                self.report(f"{path}[{index}]", f"'{code}' har fel form; en CPV-kod är åtta siffror, "
                                                "bindestreck och en kontrollsiffra, till exempel 72000000-5")
                ok = False
        return tuple(c.strip() for c in value) if ok else None

    def _integers(self, spec: Field, value: list[Any], path: str) -> tuple[int, ...] | None:
        checked = [self._integer(spec, number, f"{path}[{i}]") for i, number in enumerate(value, start=1)]
        return tuple(checked) if None not in checked else None  # type: ignore[arg-type]

    def _integer(self, spec: Field, value: Any, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, f"'{value}' är inget heltal; skriv siffror utan mellanslag, till exempel "
                              f"{spec.example if spec.kind is Kind.INTEGER else 6}")
            return None
        if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            bounds = f"mellan {spec.minimum} och {spec.maximum}" if spec.maximum else f"minst {spec.minimum}"
            self.report(path, f"{value} ligger utanför det tillåtna; talet ska vara {bounds}")
            return None
        return value

    def _boolean(self, spec: Field, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.report(path, f"'{value}' ska vara true eller false")
        return None



def is_placeholder(value: Any) -> bool:
    """A value the scaffolder wrote for staff to fill in: `FYLL I: …`."""
    return isinstance(value, str) and value.strip().upper().startswith(PLACEHOLDER)


def _date_meant(written: Any) -> date | None:
    """The real date meant by 31/12/2026, 31.12.2026, 2026/12/31 or 2026-1-5, if it is one."""
    for shape in _OTHER_DATE_SHAPES:
        if isinstance(written, str) and (match := shape.match(written.strip())):
            try:
                meant = date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                return None
            return meant if meant.year >= _FIRST_YEAR else None
    return None


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate to a mistyped word, if one is close enough."""
    matches = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _unknown(what: str, word: str, candidates: list[str], listing: str) -> str:
    guess = suggest(word, candidates)
    return f"{what}; menade du '{guess}'? {listing}" if guess else f"{what}; {listing}"


def _nearest_key(written: str, table: dict[str, Any]) -> str | None:
    """The key meant by a typo of a key, or by the entry's name ('Ystads kommun', 'Ystad', 'Måltider')."""
    variants: dict[str, str] = {}
    for key, entry in table.items():
        name = entry.name.lower()
        for variant in (key, name, name.split()[0], name.split()[0].rstrip("s")):
            variants.setdefault(variant, key)
    guess = suggest(written.strip(), variants)
    return variants[guess] if guess else None


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _example(spec: Field) -> str:
    if spec.kind.is_list and spec.kind is not Kind.MAPPINGS:
        return f"{spec.name}: [{', '.join(str(v) for v in spec.example)}]"  # type: ignore[attr-defined]
    if isinstance(spec.example, dict):
        return f"{spec.name}: med " + ", ".join(f"{k}: {v}" for k, v in spec.example.items())
    if isinstance(spec.example, list):
        return f"{spec.name}: en lista där varje punkt börjar med '- '"
    if isinstance(spec.example, bool):
        return f"{spec.name}: {'true' if spec.example else 'false'}"
    return f"{spec.name}: {spec.example}"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "ett tal"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av fält"
    return "något annat"
