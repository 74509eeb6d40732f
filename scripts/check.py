"""Validate every challenge, the vocabularies and the pages in docs/ without building (`make check`).

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

from utmaningskatalogen.catalogue import catalogue_today  # noqa: E402
from utmaningskatalogen.content import load_content  # noqa: E402
from utmaningskatalogen.problems import ContentError  # noqa: E402


def content_dirs(config_file: Path) -> tuple[Path, Path]:
    """The challenges and docs folders named in mkdocs.yml (which is plain YAML on purpose)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    settings = (config.get("extra") or {}).get("catalogue") or {}
    root = config_file.parent
    return ((root / settings.get("challenges_dir", "challenges")).resolve(),
            (root / config.get("docs_dir", "docs")).resolve())


def shown(folder: Path, root: Path) -> str:
    return folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera utmaningarna utan att bygga webbplatsen.")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--github", action="store_true", help="skriv även GitHub-annoteringar (::error …)")
    args = parser.parse_args(argv)

    challenges, docs = content_dirs(args.config_file)
    root = args.config_file.parent.resolve()
    try:
        catalogue, _guide = load_content(challenges, docs, catalogue_today(), shown(challenges, root),
                                         shown(docs, root))
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
    print("\n".join(catalogue.notice_lines() + [f"Inga fel. {catalogue.summary()}."]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
