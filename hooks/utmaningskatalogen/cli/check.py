"""Validate every challenge, the vocabularies and the pages in docs/ without building (`make check`).

Prints one line per problem, `path:line: field: message`, and exits 1 if there is any.
Files that passed last time and have not changed since are not checked again (checking.py).
With --github, also prints GitHub Actions annotations so errors show on the changed lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..catalogue import catalogue_today
from ..checking import CACHE_FILE, check_content
from ..plugin.settings import load_settings
from ..problems import ContentError
from .parser import SwedishArgumentParser


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(prog="utmaningskatalogen-check",
                                   description="Kontrollera utmaningarna utan att bygga webbplatsen.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                        help="webbplatsens inställningar (mkdocs.yml i den här mappen om inget anges)")
    parser.add_argument("--github", action="store_true", help="skriv även GitHub-annoteringar (::error …)")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"kontrollera varje fil på nytt, utan det som {CACHE_FILE} minns från förra körningen")
    args = parser.parse_args(argv)

    try:
        settings = load_settings(args.config_file)
        report = check_content(settings.challenges_dir, settings.docs_dir, catalogue_today(),
                               settings.shown(settings.challenges_dir), settings.shown(settings.docs_dir),
                               cache_file=None if args.no_cache else settings.root / CACHE_FILE)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
            if args.github:
                print(problem.as_github_annotation())
        print(f"\n{error}")
        return 1
    except ValueError as error:
        print(error)
        return 1
    print("\n".join([*report.notice_lines(), f"Inga fel. {report.summary}."]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
