"""Two builds of the same commit on the same CATALOGUE_TODAY give the same bytes.

Everything the catalogue writes, including "generated" times in exports, comes from
CATALOGUE_TODAY or SOURCE_DATE_EPOCH; the sitemap's <lastmod> (and so the time in
sitemap.xml.gz) is each page's last content change, not the build's date.

One exception we cannot fix from outside: Pagefind 1.5.2 writes each filter's values in the
order of a Rust hash map, which changes from run to run. So the filter files (and the two files
that name them by hash) may differ, but only in the order of the same values; the words'
index and every result's text are byte-identical.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from support import ROOT, Build, build

PAGEFIND_FILTERS = re.compile(r"pagefind/(filter/.*\.pf_filter|pagefind\.sv_[0-9a-f]+\.pf_meta|pagefind-entry\.json)")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(shipped_site: Build, tmp_path: Path) -> None:
    again = build(ROOT / "mkdocs.yml", site=tmp_path / "site")
    assert again.returncode == 0, again.log
    first, second = files(shipped_site.site), files(again.site)
    filters = [sorted(sorted(gzip.decompress(content)) for path, content in build.items()
                      if PAGEFIND_FILTERS.fullmatch(path) and path.endswith(".pf_filter")) for build in (first, second)]
    assert filters[0] == filters[1] and filters[0]  # the same filter values, in some order
    first = {path: content for path, content in first.items() if not PAGEFIND_FILTERS.fullmatch(path)}
    second = {path: content for path, content in second.items() if not PAGEFIND_FILTERS.fullmatch(path)}
    assert sorted(first) == sorted(second)
    different = sorted(path for path in first if first[path] != second[path])
    assert not different, f"olika mellan två byggen: {different}"
    assert len(first) > 50 and "_headers" in first and "pagefind/pagefind.js" in first
    assert "sitemap.xml.gz" in first and b"<lastmod>" in first["sitemap.xml"]
