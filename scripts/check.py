"""Validate every challenge and the vocabularies without building the site (`make check`).

Prints one line per problem, `path:line: field: message`, and exits 1 if there is any.
With --github, also prints GitHub Actions annotations so errors show on the changed lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from utmaningskatalogen.catalogue import catalogue_today, load_catalogue  # noqa: E402
from utmaningskatalogen.problems import ContentError  # noqa: E402


def challenges_dir(config_file: Path) -> Path:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    settings = (config.get("extra") or {}).get("catalogue") or {}
    return (config_file.parent / settings.get("challenges_dir", "challenges")).resolve()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera utmaningarna utan att bygga webbplatsen.")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--github", action="store_true", help="skriv även GitHub-annoteringar (::error …)")
    args = parser.parse_args(argv)

    folder = challenges_dir(args.config_file)
    shown = folder.relative_to(args.config_file.parent.resolve()).as_posix()
    try:
        catalogue = load_catalogue(folder, catalogue_today(), shown)
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
    print(f"Inga fel. {catalogue.summary()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
