"""The challenge schema: the one source of truth for the challenge file.

Validation (`validation.py`), the field reference page in the guide and the JSON Schema
published beside the exports are all derived from `CHALLENGE_FIELDS`. Descriptions are
Swedish because people read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .statuses import RESPONSE_STATUSES, Status

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CPV_PATTERN = r"^[0-9]{8}-[0-9]$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{4,20}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"


class Kind(Enum):
    """The shape of a value, with the Swedish name shown to staff."""

    TEXT = "text"
    DATE = "datum (ÅÅÅÅ-MM-DD)"
    TIME = "klockslag (TT:MM)"
    EMAIL = "e-postadress"
    URL = "webbadress (https://)"
    STATUS = "status"
    INTEGER = "heltal"
    BOOLEAN = "true eller false"
    KEYS = "lista med nycklar"
    SLUGS = "lista med utmaningar (filnamn utan .md)"
    CODES = "lista med koder"
    INTEGERS = "lista med heltal"
    MAPPING = "grupp av fält"
    MAPPINGS = "lista av grupper"

    @property
    def is_list(self) -> bool:
        return self in (Kind.KEYS, Kind.SLUGS, Kind.CODES, Kind.INTEGERS, Kind.MAPPINGS)


@dataclass(frozen=True)
class Field:
    """One field of the challenge file (or of a group inside it)."""

    name: str
    kind: Kind
    description: str
    example: object
    required: bool = False
    required_for: frozenset[Status] = frozenset()
    max_length: int | None = None
    pattern: str | None = None
    vocabulary: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    fields: tuple[Field, ...] = ()

    def child(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def allowed_values(self) -> str:
        """What a value may be, in Swedish, for the field reference. A field with a vocabulary
        takes its keys, which the reference lists from the vocabularies themselves."""
        if self.vocabulary:
            return f"nycklar ur {self.vocabulary} i _vocabularies.yml"
        if self.fields:
            return "se delfälten i tabellen nedan"
        if self.kind in _ALLOWED_BY_KIND:
            return _ALLOWED_BY_KIND[self.kind]
        if self.minimum is not None and self.maximum is not None:
            return f"heltal från {self.minimum} till {self.maximum}"
        if self.minimum is not None:
            return f"heltal, minst {self.minimum}"
        if self.max_length:
            return f"text, högst {self.max_length} tecken"
        if self.pattern == PHONE_PATTERN:
            return "siffror, mellanslag, bindestreck och parenteser, gärna med riktnummer"
        return "text"


_ALLOWED_BY_KIND = {
    Kind.STATUS: "se tabellen nedan",
    Kind.SLUGS: "filnamn (utan .md) på andra utmaningar i katalogen",
    Kind.URL: "en fullständig adress som börjar med https://",
    Kind.DATE: "ett riktigt datum, till exempel 2027-01-31",
    Kind.TIME: 'klockslag 00:00–23:59, inom citattecken: "13:00"',
    Kind.BOOLEAN: "true eller false",
    Kind.CODES: "åtta siffror, bindestreck och en kontrollsiffra, som 72000000-5",
    Kind.EMAIL: "en e-postadress",
}


CHALLENGE_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "Utmaningen med några få ord. Visas som rubrik och i listor.",
          "Tidig upptäckt av vattenläckor", required=True, max_length=100),
    Field("summary", Kind.TEXT, "En eller två meningar om behovet. Visas i listor, flöden och sökträffar.",
          "Vi vill hitta läckor i ledningsnätet innan de blir stora.", required=True, max_length=300),
    Field("status", Kind.STATUS, "Var utmaningen står just nu.", "need", required=True),
    Field("municipalities", Kind.KEYS, "Kommunerna som står bakom utmaningen, minst en.",
          ["skurup", "ystad"], required=True, vocabulary="municipalities"),
    Field("areas", Kind.KEYS, "Verksamhetsområden, minst ett.", ["vatten-och-avlopp"],
          required=True, vocabulary="areas"),
    Field("published", Kind.DATE,
          "Första dag utmaningen får visas. Ett senare datum håller den dold (embargo) till dess.",
          "2026-09-01", required=True),
    Field("deadline", Kind.DATE, "Sista dag att svara. Krävs för Marknadsdialog och Upphandling.",
          "2027-01-31", required_for=RESPONSE_STATUSES),
    Field("contact", Kind.MAPPING, "Vem leverantörer kontaktar.",
          {"name": "Anna Andersson", "email": "anna.andersson@example.org"}, required=True, fields=(
              Field("name", Kind.TEXT, "Kontaktpersonens namn.", "Anna Andersson", required=True, max_length=100),
              Field("email", Kind.EMAIL, "E-postadress.", "anna.andersson@example.org", required=True,
                    pattern=EMAIL_PATTERN),
              Field("phone", Kind.TEXT, "Telefonnummer.", "0411-123 45", pattern=PHONE_PATTERN),
              Field("role", Kind.TEXT, "Roll eller titel.", "Verksamhetsutvecklare", max_length=100),
          )),
    Field("updated", Kind.DATE,
          "Senaste väsentliga ändring. Utelämna det så används datumet i versionshistoriken.",
          "2026-10-15"),
    Field("procurement", Kind.MAPPING,
          "Den formella upphandlingen. notice_url krävs när status är Upphandling.",
          {"procedure": "Innovationspartnerskap", "notice_url": "https://example.org/annons/123"}, fields=(
              Field("procedure", Kind.TEXT, "Upphandlingsform.", "Innovationspartnerskap", max_length=100),
              Field("notice_url", Kind.URL, "Länk till annonsen i annonsdatabasen.",
                    "https://example.org/annons/123", required_for=frozenset({Status.TENDER})),
              Field("reference", Kind.TEXT, "Diarie- eller referensnummer.", "KS 2026/123", max_length=100),
              Field("estimated_value_sek", Kind.INTEGER, "Uppskattat värde i kronor.", 2000000, minimum=0),
          )),
    Field("events", Kind.MAPPINGS, "Möten i marknadsdialogen, informationsträffar och liknande.",
          [{"title": "Dialogmöte", "date": "2027-01-12", "time": "13:00", "end_time": "15:00",
            "location": "Stadshuset, Ystad"}], fields=(
              Field("title", Kind.TEXT, "Vad som händer.", "Dialogmöte", required=True, max_length=150),
              Field("date", Kind.DATE, "Dag.", "2027-01-12", required=True),
              Field("time", Kind.TIME, "Starttid.", "13:00", pattern=TIME_PATTERN),
              Field("end_time", Kind.TIME, "Sluttid; kräver starttid.", "15:00", pattern=TIME_PATTERN),
              Field("location", Kind.TEXT, "Plats, eller 'Digitalt'.", "Stadshuset, Ystad", max_length=200),
              Field("url", Kind.URL, "Länk till anmälan eller mer information.", "https://example.org/anmalan"),
              Field("id", Kind.TEXT,
                    "Ett fast namn på mötet, som kalendrar känner igen det på när rubrik, dag eller tid ändras. "
                    "Behövs bara om du kan komma att byta rubrik eller har flera möten med samma rubrik. "
                    "Små bokstäver a–z, siffror och bindestreck; olika för varje möte i utmaningen.",
                    "dialogmote-1", max_length=60, pattern=SLUG_PATTERN),
          )),
    Field("cpv", Kind.CODES, "CPV-koder (åtta siffror, bindestreck, kontrollsiffra).", ["72000000-5"],
          pattern=CPV_PATTERN),
    Field("sdgs", Kind.INTEGERS, "FN:s globala mål för hållbar utveckling, 1–17.", [6, 11],
          minimum=1, maximum=17),
    Field("related", Kind.SLUGS, "Andra utmaningar som hör ihop med den här.", ["smarta-vattenmatare"],
          pattern=SLUG_PATTERN),
    Field("documents", Kind.MAPPINGS, "Bilagor och länkar.",
          [{"title": "Behovsbeskrivning", "url": "https://example.org/behov.pdf"}], fields=(
              Field("title", Kind.TEXT, "Dokumentets namn.", "Behovsbeskrivning", required=True, max_length=150),
              Field("url", Kind.URL, "Länk till dokumentet.", "https://example.org/behov.pdf", required=True),
          )),
    Field("faq", Kind.MAPPINGS, "Frågor och svar som alla leverantörer ska kunna se (likabehandling).",
          [{"question": "Får flera företag svara tillsammans?", "answer": "Ja."}], fields=(
              Field("question", Kind.TEXT, "Frågan.", "Får flera företag svara tillsammans?", required=True,
                    max_length=300),
              Field("answer", Kind.TEXT, "Svaret.", "Ja.", required=True),
          )),
    Field("outcome", Kind.TEXT, "Vad utmaningen ledde till, eller varför den avbröts. Krävs för Avslutad och Avbruten.",
          "Två leverantörer testade sensorer under 2027.",
          required_for=frozenset({Status.COMPLETED, Status.CANCELLED})),
    Field("title_en", Kind.TEXT, "Titeln på engelska, för utländska leverantörer.", "Early detection of water leaks",
          max_length=100),
    Field("summary_en", Kind.TEXT, "Sammanfattningen på engelska.",
          "We want to find leaks in the water network early.", max_length=300),
    Field("example", Kind.BOOLEAN, "Markerar exempelinnehåll; sidan säger då tydligt att det är ett exempel.",
          True),
    Field("example_source", Kind.TEXT,
          "Bara för ett exempel som återger en verklig utmaning: varifrån den kommer. Sidan säger då att "
          "exemplet bygger på en verklig utmaning i stället för att det är påhittat. Kräver example: true.",
          "Bygger på Ystads upphandling av läcksökning 2025", max_length=300),
)

# What each field is called on the pages and in the change history: one name per field.
LABELS: dict[str, str] = {
    "title": "Rubrik", "summary": "Sammanfattning", "status": "Status", "municipalities": "Kommuner",
    "areas": "Områden", "published": "Publiceringsdag", "deadline": "Sista svarsdag", "contact": "Kontakt",
    "updated": "Senast uppdaterad", "procurement": "Upphandling", "events": "Möten och evenemang",
    "cpv": "CPV-koder", "sdgs": "Globala mål", "related": "Relaterade utmaningar", "documents": "Dokument",
    "faq": "Frågor och svar", "outcome": "Resultat", "title_en": "Rubrik på engelska",
    "summary_en": "Sammanfattning på engelska", "example": "Exempel", "example_source": "Exemplets källa",
}

FIELDS_BY_NAME = {f.name: f for f in CHALLENGE_FIELDS}

# What one entry of a list is called in messages to staff, with its article: "den andra kommunen
# i listan (municipalities)" (problems.shown_field). A list not named here has "den … punkten".
ITEM_NAMES: dict[str, tuple[str, str]] = {
    "municipalities": ("den", "kommunen"), "areas": ("det", "området"), "events": ("det", "mötet"),
    "cpv": ("den", "koden"), "sdgs": ("det", "målet"), "related": ("den", "utmaningen"),
    "documents": ("det", "dokumentet"), "faq": ("den", "frågan"),
}
