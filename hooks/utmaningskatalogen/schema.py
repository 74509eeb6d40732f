"""The challenge schema: the one source of truth for the challenge file.

Validation (`validation.py`), the field reference page in the guide and the JSON Schema
published beside the exports are all derived from `CHALLENGE_FIELDS`. Descriptions are
Swedish because people read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .statuses import FINISHED_STATUSES, RESPONSE_STATUSES, Status

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CPV_PATTERN = r"^[0-9]{8}-[0-9]$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{4,20}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
# Languages a response may be written in: ISO 639-1 codes with their Swedish names. An allowlist:
# the official languages of the Nordic and Baltic countries and the EU's larger ones, and the
# national minority languages of Sweden that have a code of their own.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("sv", "svenska"), ("en", "engelska"), ("da", "danska"), ("no", "norska"), ("fi", "finska"),
    ("is", "isländska"), ("de", "tyska"), ("fr", "franska"), ("es", "spanska"), ("it", "italienska"),
    ("nl", "nederländska"), ("pl", "polska"), ("pt", "portugisiska"), ("et", "estniska"), ("lv", "lettiska"),
    ("lt", "litauiska"), ("se", "nordsamiska"), ("yi", "jiddisch"),
)
LANGUAGE_NAMES = dict(LANGUAGES)


class Kind(Enum):
    """The shape of a value, with the Swedish name shown to staff."""

    TEXT = "text"
    DATE = "datum (ÅÅÅÅ-MM-DD)"
    TIME = "klockslag (TT:MM)"
    EMAIL = "e-postadress"
    URL = "webbadress (https://)"
    STATUS = "status"
    KEY = "nyckel"
    INTEGER = "heltal"
    BOOLEAN = "true eller false"
    KEYS = "lista med nycklar"
    SLUGS = "lista med utmaningar (filnamn utan .md)"
    CODES = "lista med koder"
    CHOICES = "lista med koder ur en fast lista"
    INTEGERS = "lista med heltal"
    MAPPING = "grupp av fält"
    MAPPINGS = "lista av grupper"

    @property
    def is_list(self) -> bool:
        return self in (Kind.KEYS, Kind.SLUGS, Kind.CODES, Kind.CHOICES, Kind.INTEGERS, Kind.MAPPINGS)


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
    # A closed list of values (code → Swedish name), for Kind.CHOICES: an allowlist.
    choices: tuple[tuple[str, str], ...] = ()
    # A boolean field whose `true` lifts `required_for` (a dialogue open until further notice).
    unless: str | None = None

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
        if self.choices:
            return ", ".join(f"{code} ({name})" for code, name in self.choices)
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


CONTACT_FIELDS: tuple[Field, ...] = (
    Field("name", Kind.TEXT, "Kontaktpersonens namn.", "Anna Andersson", required=True, max_length=100),
    Field("email", Kind.EMAIL, "E-postadress.", "anna.andersson@example.org", required=True, pattern=EMAIL_PATTERN),
    Field("phone", Kind.TEXT, "Telefonnummer.", "0411-123 45", pattern=PHONE_PATTERN),
    Field("role", Kind.TEXT, "Roll eller titel.", "Verksamhetsutvecklare", max_length=100),
)

CHALLENGE_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "Utmaningen med några få ord. Visas som rubrik och i listor.",
          "Tidig upptäckt av vattenläckor", required=True, max_length=100),
    Field("summary", Kind.TEXT, "En eller två meningar om behovet. Visas i listor, flöden och sökträffar.",
          "Vi vill hitta läckor i ledningsnätet innan de blir stora.", required=True, max_length=300),
    Field("status", Kind.STATUS, "Var utmaningen står just nu.", "need", required=True),
    Field("municipalities", Kind.KEYS, "Kommunerna som står bakom utmaningen, minst en.",
          ["skurup", "ystad"], required=True, vocabulary="municipalities"),
    Field("lead_municipality", Kind.KEY,
          "Kommunen som samordnar en gemensam upphandling. Den ska också stå i municipalities. Visas som "
          "Samordnande kommun och är köparen (buyer) i OCDS-exporten.", "trelleborg", vocabulary="municipalities"),
    Field("areas", Kind.KEYS, "Verksamhetsområden, minst ett.", ["vatten-och-avlopp"],
          required=True, vocabulary="areas"),
    Field("published", Kind.DATE,
          "Första dag utmaningen får visas. Ett senare datum håller den dold (embargo) till dess.",
          "2026-09-01", required=True),
    Field("deadline", Kind.DATE,
          "Sista dag att svara. Krävs för Marknadsdialog och Upphandling, utom för en dialog som pågår tills "
          "vidare (open_until_further_notice: true).",
          "2027-01-31", required_for=RESPONSE_STATUSES, unless="open_until_further_notice"),
    Field("deadline_time", Kind.TIME,
          "Klockslag på sista svarsdagen, svensk tid. Utan klockslag går det att svara hela dagen.", "12:00",
          pattern=TIME_PATTERN),
    Field("open_until_further_notice", Kind.BOOLEAN,
          "Bara för Marknadsdialog: dialogen pågår tills vidare, utan sista svarsdag. Det går att svara tills "
          "status ändras. Skriv då ingen deadline.", True),
    Field("contact", Kind.MAPPING, "Vem leverantörer kontaktar.",
          {"name": "Anna Andersson", "email": "anna.andersson@example.org"}, required=True, fields=CONTACT_FIELDS),
    Field("other_contacts", Kind.MAPPINGS,
          "Fler kontaktpersoner, till exempel en upphandlare eller en kontakt i varje kommun. Samma delfält "
          "som contact.",
          [{"name": "Bo Berg", "email": "bo.berg@example.org", "role": "Upphandlare"}], fields=CONTACT_FIELDS),
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
    Field("phases", Kind.MAPPINGS,
          "Tidplanen: stegen i processen, som förfrågan om information, kvalificering och val av koncept. Varje "
          "steg har en dag (date) eller en period (start och end), och kan ha budget och antal leverantörer som väljs.",
          [{"title": "Kvalificering", "start": "2027-03-01", "end": "2027-03-31", "suppliers_to_choose": 5}], fields=(
              Field("title", Kind.TEXT, "Stegets namn.", "Kvalificering", required=True, max_length=150),
              Field("date", Kind.DATE, "Dagen, för ett steg som sker en enda dag.", "2027-04-15"),
              Field("start", Kind.DATE, "Första dagen, för ett steg som pågår en period.", "2027-03-01"),
              Field("end", Kind.DATE, "Sista dagen i perioden.", "2027-03-31"),
              Field("budget_sek", Kind.INTEGER, "Budget för steget i kronor.", 500000, minimum=0),
              Field("suppliers_to_choose", Kind.INTEGER, "Hur många leverantörer som väljs i steget.", 5, minimum=1),
              Field("description", Kind.TEXT, "Vad som händer i steget, med några meningar.",
                    "De kvalificerade leverantörerna bjuds in att beskriva ett koncept.", max_length=1000),
          )),
    Field("evaluation", Kind.TEXT,
          "Hur svaren bedöms: vad som vägs in och hur. Vanlig text; en tom rad börjar ett nytt stycke.",
          "Vi bedömer hur väl lösningen möter behovet, hur mogen den är och vad den kostar att använda.",
          max_length=2000),
    Field("response_languages", Kind.CHOICES, "Språk som svar får skrivas på, som språkkoder.", ["sv", "en"],
          choices=LANGUAGES),
    Field("co_funding", Kind.MAPPINGS, "Medfinansiering, till exempel ett bidrag från Vinnova.",
          [{"funder": "Vinnova", "amount_sek": 1500000}], fields=(
              Field("funder", Kind.TEXT, "Vem som bidrar med pengar.", "Vinnova", required=True, max_length=150),
              Field("amount_sek", Kind.INTEGER, "Belopp i kronor.", 1500000, minimum=0),
              Field("description", Kind.TEXT, "Vad pengarna går till, eller vilket program bidraget kommer från.",
                    "Bidrag ur programmet Innovationsupphandling", max_length=300),
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
          required_for=FINISHED_STATUSES),
    Field("responses_received", Kind.INTEGER,
          "Bara för Avslutad och Avbruten: hur många svar eller anbud som kom in.", 7, minimum=0),
    Field("suppliers_chosen", Kind.INTEGER,
          "Bara för Avslutad och Avbruten: hur många leverantörer som valdes.", 2, minimum=0),
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
    "lead_municipality": "Samordnande kommun", "deadline_time": "Klockslag för sista svar",
    "open_until_further_notice": "Dialog tills vidare", "other_contacts": "Fler kontaktpersoner",
    "phases": "Tidplan", "evaluation": "Så bedöms svaren", "response_languages": "Språk för svar",
    "co_funding": "Medfinansiering", "responses_received": "Antal svar", "suppliers_chosen": "Valda leverantörer",
}

FIELDS_BY_NAME = {f.name: f for f in CHALLENGE_FIELDS}

# What one entry of a list is called in messages to staff, with its article: "den andra kommunen
# i listan (municipalities)" (problems.shown_field). A list not named here has "den … punkten".
ITEM_NAMES: dict[str, tuple[str, str]] = {
    "municipalities": ("den", "kommunen"), "areas": ("det", "området"), "events": ("det", "mötet"),
    "cpv": ("den", "koden"), "sdgs": ("det", "målet"), "related": ("den", "utmaningen"),
    "documents": ("det", "dokumentet"), "faq": ("den", "frågan"), "other_contacts": ("den", "kontakten"),
    "phases": ("det", "steget"), "response_languages": ("det", "språket"), "co_funding": ("den", "medfinansiären"),
}
