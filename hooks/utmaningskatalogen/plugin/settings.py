"""The catalogue's folders as the build sees them, for commands that run without building.

`make check`, `make verify` and `make new` read mkdocs.yml through MkDocs' own config loading,
so they validate the plugin settings exactly as the build does and never disagree with it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .config import PLUGIN_NAME, CatalogueConfig


def shown_folder(folder: Path, root: Path) -> str:
    """How a folder is named in messages: relative to mkdocs.yml when inside the project."""
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    return str(folder) if relative.startswith("..") else relative


@dataclass(frozen=True)
class ProjectSettings:
    root: Path  # the folder of mkdocs.yml
    challenges_dir: Path
    docs_dir: Path

    def shown(self, folder: Path) -> str:
        return shown_folder(folder, self.root)


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class SettingsError(ValueError):
    """mkdocs.yml cannot be read or does not use the plugin; the message is for staff."""


def load_settings(config_file: Path) -> ProjectSettings:
    if not config_file.is_file():
        raise SettingsError(f"{config_file} finns inte: kör kommandot i mappen med mkdocs.yml eller ge -f FIL.")
    # MkDocs logs each problem as it validates, then stops: collect them for one message.
    problems = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort) as error:
        found = problems.messages or [str(error)]
        raise SettingsError(f"{config_file}: " + "\n".join(found)) from None
    finally:
        logger.removeHandler(problems)
        logger.propagate = propagate
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise SettingsError(f"{config_file} använder inte katalogen: lägg till '- {PLUGIN_NAME}' under plugins.")
    settings: CatalogueConfig = plugin.config
    root = config_file.resolve().parent
    return ProjectSettings(root=root, challenges_dir=(root / settings.challenges_dir).resolve(),
                           docs_dir=Path(config.docs_dir).resolve())
