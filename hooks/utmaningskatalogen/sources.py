"""Find the files staff write in a folder without hanging, crashing or skipping any silently.

Every entry whose name looks like a Markdown file is either a regular file inside the folder,
or a problem naming it: a FIFO or socket (reading one would hang), a directory named `*.md`,
a broken or looping symbolic link, a link that leads out of the folder (its target would be
published without review), or a name with spaces at either end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

BROKEN_LINK = ("filen är en länk (symbolisk länk) till en fil som inte finns; ta bort länken eller lägg "
               "filen själv här")
LOOPING_LINK = ("filen är en länk (symbolisk länk) som inte går att följa, till exempel en länk som pekar "
                "på sig själv; ersätt länken med filen själv")


def kind_of(mode: int) -> str:
    """What a non-regular file is, in Swedish."""
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en sockel (socket)"
    return "en specialfil"


@dataclass(frozen=True)
class Entry:
    """One entry below a folder, not followed into linked folders."""

    path: Path
    relative: str  # with '/' between parts
    is_dir: bool


def walk(folder: Path) -> Iterator[Entry]:
    """Every entry below `folder`, sorted, descending into real folders only (never through links)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        is_dir = entry.is_dir(follow_symlinks=False)
        relative = path.relative_to(folder).as_posix()
        yield Entry(path, relative, is_dir)
        if is_dir:
            for inner in walk(path):
                yield Entry(inner.path, f"{relative}/{inner.relative}", inner.is_dir)


def entry_problem(path: Path, folder: Path, shown_as: str) -> Problem | None:
    """Why `path` (inside `folder`) cannot be read as a file of its own, or None when it can."""
    def problem(message: str) -> Problem:
        return Problem(shown_as, 1, "fil", message)

    name = path.name
    if name != name.strip():
        return problem(f"filnamnet '{name}' börjar eller slutar med mellanslag; ta bort mellanslagen i namnet")
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return problem(BROKEN_LINK)
        except (OSError, RuntimeError):
            return problem(LOOPING_LINK)
        if not target.is_relative_to(folder.resolve()):
            return problem("filen är en länk (symbolisk länk) till en fil utanför mappen; sådana granskas "
                           "inte och publiceras därför inte. Lägg filen själv här i stället")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return problem("filen går inte att läsa; kontrollera att den finns och är en vanlig fil")
    if stat.S_ISDIR(mode):
        return problem("är en mapp, inte en fil; byt namn på mappen så att namnet inte slutar med .md")
    if not stat.S_ISREG(mode):
        return problem(f"är {kind_of(mode)}, inte en vanlig fil; ta bort den och lägg en vanlig textfil här")
    return None
