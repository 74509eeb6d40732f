"""Check a built site before it is published (`make verify`): prints a short report, exit 1 on any failure.

Checks that every internal link, resource and anchor resolves; that nothing loads from another
origin; that the sitemap lists exactly the published pages and drafts and embargoed challenges
are nowhere; that the HTML is valid; that every page has a title, lang="sv", a description, a
CSP and the accessibility-statement link; and that pages stay within their weight budgets.
"Published" is decided as the build does: CATALOGUE_TODAY, else today in Stockholm.
"""

from __future__ import annotations

import sys
from pathlib import Path

import material

from ..catalogue import catalogue_today, load_catalogue
from ..plugin.settings import load_settings
from ..problems import ContentError
from ..siteverify import BuiltSite, Finding, Result, canonical_site_url, held_back_of, verify_site
from .parser import SwedishArgumentParser

SHOWN_PER_CHECK = 25


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(prog="utmaningskatalogen-verify",
                                   description="Kontrollera en byggd webbplats innan den publiceras.")
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), metavar="MAPP",
                        help="mappen med den byggda webbplatsen (utan det: site)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                        help="webbplatsens inställningar (mkdocs.yml i den här mappen om inget anges)")
    parser.add_argument("--site-url", metavar="ADRESS",
                        help="adressen webbplatsen byggdes för (annars startsidans canonical-länk)")
    parser.add_argument("--github", action="store_true", help="skriv även GitHub-annoteringar (::error …)")
    parser.add_argument("--utan-html-kontroll", dest="validate_html", action="store_false",
                        help="hoppa över de två HTML-validatorerna (snabbare; aldrig inför publicering)")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html saknas: bygg webbplatsen först (make site).")
        return 1
    site_url = args.site_url or canonical_site_url(args.site)
    if not site_url:
        print(f"{args.site}/index.html har ingen canonical-länk: sätt site_url i mkdocs.yml eller ge --site-url.")
        return 1
    try:
        settings = load_settings(args.config_file)
        challenges_dir, docs_dir = settings.challenges_dir, settings.docs_dir
        today = catalogue_today()
        catalogue = load_catalogue(challenges_dir, today)
    except (ContentError, ValueError) as error:
        print(f"Utmaningarna går inte att läsa ({error}); kör make check.")
        return 1

    site = BuiltSite(args.site, site_url.rstrip("/") + "/")
    results = verify_site(site, [c.slug for c in catalogue.published], held_back_of(catalogue),
                          theme_assets=Path(material.__file__).parent / "templates", validate_html=args.validate_html)

    print(f"Kontrollerar {args.site} byggd för {site.site_url} (i dag {today}: {catalogue.summary()})")
    for result in results:
        print_result(result)
        if args.github:
            for finding in result.findings:
                print(github_annotation(result, finding, args.config_file.parent.resolve(), challenges_dir, docs_dir))
    failures = sum(len(r.findings) for r in results)
    if failures:
        print(f"\n{failures} fel: publicera inte förrän de är rättade.")
        return 1
    print("\nAllt i ordning: webbplatsen kan publiceras.")
    return 0


def print_result(result: Result) -> None:
    state = "ok " if result.passed else "FEL"
    count = "" if result.passed else f" – {len(result.findings)} fel"
    print(f"  {state}  {result.name}{count}: {result.summary}")
    for finding in sorted(result.findings)[:SHOWN_PER_CHECK]:
        print(f"         {finding}")
    if len(result.findings) > SHOWN_PER_CHECK:
        print(f"         … och {len(result.findings) - SHOWN_PER_CHECK} till")
    for note in result.notes:
        print(f"       {note}")


def github_annotation(result: Result, finding: Finding, root: Path, challenges_dir: Path, docs_dir: Path) -> str:
    """An ::error line on the file staff edit when there is one, else one for the whole run."""
    source = _source_of(finding.path, challenges_dir, docs_dir)
    location = f"file={source.relative_to(root).as_posix()}" if source and source.is_relative_to(root) else ""
    message = str(finding).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error {location + ',' if location else ''}title=make verify – {result.name}::{message}"


def _source_of(path: str, challenges_dir: Path, docs_dir: Path) -> Path | None:
    """The Markdown file a built page comes from: challenges/<slug>.md or a page in docs/."""
    if not path.endswith("index.html"):
        return None
    stem = path.removesuffix("index.html").rstrip("/")
    parts = stem.split("/")
    candidates = [challenges_dir / f"{parts[1]}.md"] if len(parts) == 2 and parts[0] == "utmaningar" else []
    candidates += [docs_dir / f"{stem}.md", docs_dir / stem / "index.md"] if stem else [docs_dir / "index.md"]
    return next((c for c in candidates if c.is_file()), None)


if __name__ == "__main__":
    sys.exit(main())
