"""Writing many files into the built site: the exports and the search index, thousands each."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def write_files(folder: Path, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
    """Write each (path relative to `folder`, content); returns how many files and bytes."""
    made: set[Path] = set()
    count = size = 0
    for path, content in files:
        target = folder / path
        if target.parent not in made:  # thousands of files share a few hundred folders
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
        count, size = count + 1, size + len(content)
    return count, size
