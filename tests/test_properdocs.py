"""The shipped site builds on ProperDocs, the maintained fork of MkDocs 1.x, to the same site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from support import ROOT, TEST_TODAY, Build
from utmaningskatalogen import paths

PROPERDOCS = str(Path(sys.executable).parent / "properdocs")
# Differs on purpose: the generator's name, and the hashes of Material's inline scripts that name it.
_FILTER_FILE = re.compile(r"^(pagefind/filter/sv_|pagefind/pagefind\.sv_)[0-9a-f]+")
_EXPECTED_DIFFERENCE = re.compile(r'<meta name="generator" content="[^"]*">|sha256-[A-Za-z0-9+/=]+')


def test_the_shipped_site_builds_on_properdocs_with_the_same_pages_and_exports(
        shipped_site: Build, tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "CATALOGUE_TODAY": TEST_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([PROPERDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "utmaningskatalogen: 10 utmaningar publicerade, 1 utkast" in result.stderr

    def files(folder: Path) -> set[str]:
        # Pagefind names its filter files by content, and writes filter values in an order that
        # changes from run to run (tests/test_reproducible.py): compare those by number only.
        return {_FILTER_FILE.sub(r"\1#", p.relative_to(folder).as_posix()) for p in folder.rglob("*") if p.is_file()}

    assert sorted(p.name for p in (site / "pagefind" / "fragment").iterdir()) == \
        sorted(p.name for p in (shipped_site.site / "pagefind" / "fragment").iterdir())
    assert len(list((site / "pagefind" / "filter").iterdir())) == \
        len(list((shipped_site.site / "pagefind" / "filter").iterdir()))

    assert files(site) == files(shipped_site.site)
    for export in (paths.JSON, paths.CSV, paths.OCDS, paths.feed(), paths.calendar()):
        assert (site / export).read_bytes() == (shipped_site.site / export).read_bytes(), export
    page = f"{paths.challenge('vattenlackor-i-ledningsnatet')}index.html"
    ours, theirs = ((folder / page).read_text(encoding="utf-8") for folder in (shipped_site.site, site))
    assert _EXPECTED_DIFFERENCE.sub("", ours) == _EXPECTED_DIFFERENCE.sub("", theirs)
