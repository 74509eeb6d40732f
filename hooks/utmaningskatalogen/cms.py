"""The content editor at /admin/: Decap CMS, configured from the schema and the vocabularies.

`write_admin` writes `admin/index.html` (a static page with its own Content-Security-Policy),
`admin/config.yml` (generated here from `schema.CHALLENGE_FIELDS`, the statuses and the
vocabularies, so the form can never drift from what validation accepts) and Decap's bundle,
copied from `node_modules/decap-cms/dist` (pinned in package.json; no CDN). MkDocs never sees
these files, so /admin/ is in no nav, search index or sitemap.

No MkDocs import here: the adapter calls `write_admin` from `on_post_build`.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .schema import Field, Kind
from .statuses import Status
from .vocabulary import Vocabularies

ADMIN_DIR = "admin"
BUNDLE = "decap-cms.js"
# What the bundle loads from its own folder: lazy chunks and two WebAssembly modules.
_BUNDLE_FILES = re.compile(r"^(decap-cms\.js|[0-9]+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
DEFAULT_PROXY_PORT = 8081

# Swedish labels for the form. A field without one here is shown by its name, so a new field in
# schema.py still appears in the form with no other change.
LABELS: dict[str, str] = {
    "title": "Rubrik", "summary": "Sammanfattning", "status": "Status", "municipalities": "Kommuner",
    "areas": "Verksamhetsområden", "published": "Publiceras", "deadline": "Sista svarsdag",
    "contact": "Kontaktperson", "contact.name": "Namn", "contact.email": "E-post", "contact.phone": "Telefon",
    "contact.role": "Roll", "updated": "Senast ändrad", "procurement": "Upphandling",
    "procurement.procedure": "Upphandlingsform", "procurement.notice_url": "Länk till annonsen",
    "procurement.reference": "Diarienummer", "procurement.estimated_value_sek": "Uppskattat värde (kr)",
    "events": "Möten och träffar", "events.title": "Vad", "events.date": "Dag", "events.time": "Starttid",
    "events.end_time": "Sluttid", "events.location": "Plats", "events.url": "Länk",
    "events.id": "Fast namn (id)",
    "cpv": "CPV-koder", "sdgs": "Globala mål", "related": "Relaterade utmaningar",
    "documents": "Dokument", "documents.title": "Namn", "documents.url": "Länk",
    "faq": "Frågor och svar", "faq.question": "Fråga", "faq.answer": "Svar", "outcome": "Resultat",
    "title_en": "Rubrik på engelska", "summary_en": "Sammanfattning på engelska", "example": "Exempel",
    "lead_municipality": "Samordnande kommun", "deadline_time": "Klockslag för sista svar",
    "open_until_further_notice": "Dialogen pågår tills vidare", "other_contacts": "Fler kontaktpersoner",
    "other_contacts.name": "Namn", "other_contacts.email": "E-post", "other_contacts.phone": "Telefon",
    "other_contacts.role": "Roll", "phases": "Tidplan", "phases.title": "Steg", "phases.date": "Dag",
    "phases.start": "Första dag", "phases.end": "Sista dag", "phases.budget_sek": "Budget (kr)",
    "phases.suppliers_to_choose": "Leverantörer som väljs", "phases.description": "Beskrivning",
    "evaluation": "Så bedöms svaren", "response_languages": "Språk för svar", "co_funding": "Medfinansiering",
    "co_funding.funder": "Finansiär", "co_funding.amount_sek": "Belopp (kr)", "co_funding.description": "Beskrivning",
    "responses_received": "Antal svar som kom in", "suppliers_chosen": "Antal valda leverantörer",
    "example_source": "Exemplets källa",
}
# Texts longer than this get a multi-line box.
_SHORT_TEXT = 150
_URL_PATTERN = r"^https?://\S+$"
_PATTERN_MESSAGES = {
    Kind.EMAIL: "Skriv en e-postadress, till exempel namn@kommun.se",
    Kind.TIME: "Skriv klockslaget som TT:MM, till exempel 09:30",
    Kind.URL: "Skriv en hel webbadress som börjar med https://",
}


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor publishes: from the plugin's `edit_url` and `cms` settings in mkdocs.yml."""

    repo: str = ""
    branch: str = "main"
    # The OAuth proxy that signs staff in with GitHub (its https address), e.g. a Decap/Sveltia
    # OAuth worker. Empty: Decap's default (Netlify's service).
    auth_url: str = ""
    proxy_port: int = DEFAULT_PROXY_PORT
    site_url: str = ""

    @classmethod
    def from_catalogue(cls, catalogue: Mapping[str, Any], site_url: str = "") -> EditorSettings:
        """the plugin's `cms` settings (repo, branch, auth_url, proxy_port); repo and branch default to
        those in `edit_url` when it is a GitHub address."""
        cms = catalogue.get("cms") or {}
        repo, branch = "", "main"
        found = re.match(r"^https://github\.com/([^/]+/[^/]+)/edit/([^/]+)/?", str(catalogue.get("edit_url") or ""))
        if found:
            repo, branch = found.group(1), found.group(2)
        return cls(repo=str(cms.get("repo") or repo), branch=str(cms.get("branch") or branch),
                   auth_url=str(cms.get("auth_url") or "").rstrip("/"),
                   proxy_port=int(cms.get("proxy_port") or DEFAULT_PROXY_PORT), site_url=site_url)


def label(path: str) -> str:
    return LABELS.get(path, path.rsplit(".", 1)[-1])


def field_widget(field: Field, path: str, vocabularies: Vocabularies) -> dict[str, Any]:
    """One schema field as a Decap field: widget, required flag, hint, pattern, options."""
    out: dict[str, Any] = {"name": field.name, "label": label(path), "hint": field.description}
    kind = field.kind
    if kind is Kind.TEXT:
        short = field.max_length is not None and field.max_length <= _SHORT_TEXT
        out["widget"] = "string" if short else "text"
    elif kind is Kind.DATE:
        # Stored as YYYY-MM-DD, the day as written: no time, no time zone shift.
        out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                   picker_utc=True)
    elif kind in (Kind.TIME, Kind.EMAIL, Kind.URL):
        out["widget"] = "string"
    elif kind is Kind.STATUS:
        out.update(widget="select", options=[{"label": s.label, "value": s.value} for s in Status])
    elif kind is Kind.INTEGER:
        out.update(widget="number", value_type="int")
    elif kind is Kind.BOOLEAN:
        out.update(widget="boolean", default=False)
    elif kind is Kind.KEY:
        entries = getattr(vocabularies, field.vocabulary or "")
        out.update(widget="select", options=[{"label": entry.name, "value": key} for key, entry in entries.items()])
    elif kind is Kind.CHOICES:
        out.update(widget="select", multiple=True,
                   options=[{"label": f"{name} ({code})", "value": code} for code, name in field.choices])
    elif kind is Kind.KEYS:
        entries = getattr(vocabularies, field.vocabulary or "")
        out.update(widget="select", multiple=True,
                   options=[{"label": entry.name, "value": key} for key, entry in entries.items()])
        if field.required:
            out["min"] = 1
    elif kind in (Kind.SLUGS, Kind.CODES):
        item: dict[str, Any] = {"name": "value", "label": label(path), "widget": "string"}
        if field.pattern:
            examples = field.example if isinstance(field.example, list) else [field.example]
            item["pattern"] = [field.pattern, "Följ formen i exemplet: " + ", ".join(str(e) for e in examples)]
        out.update(widget="list", field=item)
    elif kind is Kind.INTEGERS:
        number: dict[str, Any] = {"name": "value", "label": label(path), "widget": "number", "value_type": "int"}
        number.update({k: v for k, v in (("min", field.minimum), ("max", field.maximum)) if v is not None})
        out.update(widget="list", field=number)
    elif kind is Kind.MAPPING:
        out.update(widget="object", collapsed=False,
                   fields=[field_widget(child, f"{path}.{child.name}", vocabularies) for child in field.fields])
    elif kind is Kind.MAPPINGS:
        out.update(widget="list", collapsed=True, summary=f"{{{{fields.{field.fields[0].name}}}}}",
                   fields=[field_widget(child, f"{path}.{child.name}", vocabularies) for child in field.fields])
    else:  # pragma: no cover - every Kind is handled above; a new one must be added here
        raise ValueError(f"okänd sorts fält för redigeraren: {kind}")

    pattern = field.pattern or (_URL_PATTERN if kind is Kind.URL else None)
    if pattern and kind not in (Kind.SLUGS, Kind.CODES):
        out["pattern"] = [pattern, _PATTERN_MESSAGES.get(kind, f"Följ formen i exemplet: {field.example}")]
    if kind is Kind.INTEGER and field.minimum is not None:
        out["min"] = field.minimum
    # Decap treats every field as required unless told; conditional rules (deadline for
    # dialogue and tender) are checked by `make check` and the pull-request checks instead.
    out["required"] = field.required
    return out


def challenge_collection(vocabularies: Vocabularies, challenges_folder: str = "challenges") -> dict[str, Any]:
    fields = [field_widget(f, f.name, vocabularies) for f in schema.CHALLENGE_FIELDS]
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "required": True,
                   "hint": "Beskriv behovet med rubrikerna Bakgrund, Behov, Vad vi söker och Så svarar du.",
                   "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list",
                               "numbered-list", "quote"],
                   "editor_components": [], "modes": ["rich_text", "raw"]})
    return {
        "name": "utmaningar", "label": "Utmaningar", "label_singular": "utmaning",
        "description": "En fil per utmaning i mappen challenges/. Filnamnet blir adressen.",
        "folder": challenges_folder, "extension": "md", "format": "frontmatter", "create": True,
        "slug": "{{slug}}", "identifier_field": "title", "summary": "{{title}}",
        "sortable_fields": ["title", "published", "deadline", "status"],
        "preview_path": "utmaningar/{{slug}}/",
        "fields": fields,
    }


def guide_collection(docs_folder: str = "docs") -> dict[str, Any]:
    return {
        "name": "guiden", "label": "Guiden", "label_singular": "sida",
        "description": "Sidorna i guiden och på webbplatsen, i mappen docs/.",
        "folder": docs_folder, "extension": "md", "format": "frontmatter", "create": False,
        "nested": {"depth": 3, "summary": "{{title}}"}, "identifier_field": "title", "summary": "{{title}}",
        "fields": [
            {"name": "title", "label": "Rubrik", "widget": "string", "required": True,
             "hint": "Sidans rubrik, visas i menyn och i webbläsarens flik."},
            {"name": "description", "label": "Beskrivning", "widget": "text", "required": True,
             "hint": "En mening om sidan, för sökmotorer och sökträffar."},
            {"name": "body", "label": "Text", "widget": "markdown", "required": True, "editor_components": [],
             "modes": ["raw", "rich_text"]},
        ],
    }


def editor_config(vocabularies: Vocabularies, settings: EditorSettings) -> dict[str, Any]:
    """The whole Decap configuration (admin/config.yml)."""
    backend: dict[str, Any] = {"name": "github", "repo": settings.repo or "OWNER/REPO", "branch": settings.branch,
                               "squash_merges": True,
                               "commit_messages": {"create": "Ny utmaning: {{slug}}",
                                                   "update": "Ändra {{collection}}: {{slug}}",
                                                   "delete": "Ta bort {{collection}}: {{slug}}",
                                                   "uploadMedia": "Ladda upp {{path}}",
                                                   "deleteMedia": "Ta bort {{path}}"}}
    if settings.auth_url:
        backend.update(base_url=settings.auth_url, auth_endpoint="auth")
    config: dict[str, Any] = {
        "locale": "sv",
        "backend": backend,
        # A branch and a pull request per change; reviewers and the checks see it before it is published.
        "publish_mode": "editorial_workflow",
        # On 127.0.0.1/localhost the editor uses `decap-server` (make cms) instead of GitHub.
        "local_backend": {"url": f"http://127.0.0.1:{settings.proxy_port}/api/v1",
                          "allowed_hosts": ["127.0.0.1", "localhost"]},
        "media_folder": "docs/assets/filer",
        "public_folder": "/assets/filer",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": [challenge_collection(vocabularies), guide_collection()],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    return config


def content_security_policy(proxy_port: int = DEFAULT_PROXY_PORT) -> str:
    """The editor page's policy: as strict as Decap 3 allows (README, "Redigeraren")."""
    directives = {
        "default-src": ["'none'"],
        # The bundle and its chunks. 'unsafe-eval': Decap checks its configuration with AJV, which
        # compiles the schema with `new Function` and stops the editor without it.
        # 'wasm-unsafe-eval' for its WebAssembly modules.
        "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
        # Decap styles itself with Emotion, which writes <style> elements at run time.
        "style-src": ["'self'", "'unsafe-inline'"],
        # GitHub avatars of signed-in staff; blob:/data: for previews of files.
        "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
        "font-src": ["'self'", "data:"],
        # GitHub's API, and the local backend of `make cms` (only used on 127.0.0.1/localhost).
        "connect-src": ["'self'", "https://api.github.com", f"http://127.0.0.1:{proxy_port}",
                        f"http://localhost:{proxy_port}"],
        "worker-src": ["'self'", "blob:"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def admin_page(proxy_port: int = DEFAULT_PROXY_PORT) -> str:
    csp = html.escape(content_security_policy(proxy_port))
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="same-origin">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Redigera Utmaningskatalogen</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>Redigeraren behöver JavaScript.</noscript>
  <script src="{BUNDLE}"></script>
</body>
</html>
"""


def write_admin(site_dir: Path, vocabularies: Vocabularies, catalogue_settings: Mapping[str, Any], *,
                node_modules: Path, site_url: str = "") -> str:
    """Write /admin/ into the built site; returns a sentence for the build log.

    Without the bundle (node_modules not installed) nothing is written and the sentence says why:
    the rest of the site is still complete and publishable.
    """
    bundle_dir = node_modules / "decap-cms" / "dist"
    if not (bundle_dir / BUNDLE).is_file():
        return (f"Redigeraren /{ADMIN_DIR}/ hoppas över: {bundle_dir / BUNDLE} saknas "
                "(kör npm ci eller make, som installerar den).")
    settings = EditorSettings.from_catalogue(catalogue_settings, site_url)
    admin = site_dir / ADMIN_DIR
    admin.mkdir(parents=True, exist_ok=True)
    for source in sorted(bundle_dir.iterdir()):
        if _BUNDLE_FILES.match(source.name):
            shutil.copyfile(source, admin / source.name)
    (admin / "index.html").write_text(admin_page(settings.proxy_port), encoding="utf-8")
    config = editor_config(vocabularies, settings)
    text = "# Skriven av bygget från schema.py och _vocabularies.yml (hooks/utmaningskatalogen/cms.py).\n"
    text += yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
    (admin / "config.yml").write_text(text, encoding="utf-8")
    return f"Redigeraren skriven till /{ADMIN_DIR}/ (Decap CMS, {settings.repo or 'inget kodförråd angivet'})"
