"""/challenges.csv: one row per published challenge, for spreadsheets.

UTF-8 with a byte-order mark, so that Excel shows å, ä and ö; comma-separated with CRLF line
ends (RFC 4180); lists joined with '; '. Column names and values follow challenges.json.

/challenges-excel.csv holds the same rows separated by ';'. Excel splits a double-clicked CSV
file on the list separator of the computer's regional settings, which is ';' in Swedish (and
wherever the decimal sign is a comma); challenges.csv then opens in one column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from ..model import Challenge, Event, Phase
from ..publication import Publication
from .common import area_names, municipality_names

JOIN = "; "
COMMA, SEMICOLON = ",", ";"
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Column = tuple[str, Callable[[Publication, Challenge], object]]

COLUMNS: tuple[Column, ...] = (
    ("slug", lambda p, c: c.slug),
    ("url", lambda p, c: p.page_url(c)),
    ("title", lambda p, c: c.title),
    ("summary", lambda p, c: c.summary),
    ("status", lambda p, c: c.status.value),
    ("status_label", lambda p, c: c.status.label),
    ("open_for_responses", lambda p, c: c.is_open(p.catalogue.today)),
    ("published", lambda p, c: c.published),
    ("deadline", lambda p, c: c.deadline),
    ("updated", lambda p, c: p.updated(c)),
    ("municipalities", lambda p, c: municipality_names(c, p.catalogue.vocabularies)),
    ("areas", lambda p, c: area_names(c, p.catalogue.vocabularies)),
    ("contact_name", lambda p, c: c.contact.name),
    ("contact_email", lambda p, c: c.contact.email),
    ("contact_phone", lambda p, c: c.contact.phone),
    ("contact_role", lambda p, c: c.contact.role),
    ("procedure", lambda p, c: c.procurement and c.procurement.procedure),
    ("notice_url", lambda p, c: c.procurement and c.procurement.notice_url),
    ("reference", lambda p, c: c.procurement and c.procurement.reference),
    ("estimated_value_sek", lambda p, c: c.procurement and c.procurement.estimated_value_sek),
    ("events", lambda p, c: [_event(e) for e in c.events]),
    ("cpv", lambda p, c: c.cpv),
    ("sdgs", lambda p, c: c.sdgs),
    ("related", lambda p, c: p.related(c)),
    ("documents", lambda p, c: [d.url for d in c.documents]),
    ("title_en", lambda p, c: c.title_en),
    ("summary_en", lambda p, c: c.summary_en),
    ("outcome", lambda p, c: c.outcome),
    ("example", lambda p, c: c.example),
    ("example_source", lambda p, c: c.example_source),
    # Added in schema 1.2, after the older columns so that their positions stay.
    ("deadline_time", lambda p, c: c.deadline_time),
    ("open_until_further_notice", lambda p, c: c.open_until_further_notice),
    ("lead_municipality", lambda p, c: c.lead_municipality
     and p.catalogue.vocabularies.municipalities[c.lead_municipality].name),
    ("other_contacts", lambda p, c: [f"{k.name} <{k.email}>" for k in c.other_contacts]),
    ("phases", lambda p, c: [_phase(phase) for phase in c.phases]),
    ("evaluation", lambda p, c: c.evaluation),
    ("response_languages", lambda p, c: c.response_languages),
    ("co_funding", lambda p, c: [f.funder + (f" {f.amount_sek}" if f.amount_sek is not None else "")
                                 for f in c.co_funding]),
    ("responses_received", lambda p, c: c.responses_received),
    ("suppliers_chosen", lambda p, c: c.suppliers_chosen),
)


def render(publication: Publication, delimiter: str = COMMA) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(name for name, _ in COLUMNS)
    for challenge in publication.challenges:
        writer.writerow(_cell(value(publication, challenge)) for _, value in COLUMNS)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return JOIN.join(_cell(item) for item in value)
    text = str(value)
    # Neutralise formulas: a title like '=HYPERLINK(…)' stays text in Excel.
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def _event(event: Event) -> str:
    when = event.date.isoformat()
    if event.time:
        when += f" {event.time}" + (f"–{event.end_time}" if event.end_time else "")
    return f"{when} {event.title}" + (f" ({event.location})" if event.location else "")


def _phase(phase: Phase) -> str:
    """`2027-03-01–2027-03-31 Kvalificering (budget 500000, 5 leverantörer)`."""
    when = phase.first_day.isoformat() if phase.date else f"{phase.first_day}–{phase.last_day}"
    facts = ([f"budget {phase.budget_sek}"] if phase.budget_sek is not None else []) + (
        [f"{phase.suppliers_to_choose} leverantörer"] if phase.suppliers_to_choose is not None else [])
    return f"{when} {phase.title}" + (f" ({', '.join(facts)})" if facts else "")
