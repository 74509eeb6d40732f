"""Benchmark the catalogue build against what a site owner would build without us (`make bench`).

For each N (default 500 and 2000; `make bench N="2000 10000"`) it writes N synthetic valid
challenges of about 300 words into a temporary project, then measures:
- the catalogue build (`mkdocs build` with the plugin and the shipped mkdocs.yml);
- the anchor: mkdocs-material with the same docs/, nav and theme, Material's own search, and
  every challenge's body as a hand-written page out of the nav (what one would build by hand);
- the time the build's search index took (Pagefind, beside the pages: the build logs it);
- peak memory (RSS) of both builds, and `make check` (utmaningskatalogen-check) alone, with no
  cache and then with the cache of the run before (checking.py);
- the catalogue page in Chromium: its gzipped size and how long a filter change takes;
- the first search result after the last keystroke, in the header's box, in the catalogue's
  text filter and in Material's search on the anchor, and the bytes fetched for it (bench_search.py).
It prints the tables as Markdown, the spread of the runs, and each target of issue 10 with
whether it holds.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from utmaningskatalogen.checking import CACHE_FILE

from scripts.bench_finding import FindingBench, measure_finding
from scripts.bench_search import MATERIAL, QUERY, RUNS, SearchBench, measure_search

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"
_WORDS = [
    "kommunen", "vill", "hitta", "nya", "lösningar", "för", "vatten", "avlopp", "energi", "skola",
    "omsorg", "trafik", "leverantörer", "dialog", "behov", "invånare", "digital", "tjänst", "hållbar",
    "utveckling", "mätning", "sensorer", "data", "uppföljning", "kostnad", "kvalitet", "trygghet",
    "äldre", "barn", "fastigheter", "underhåll"
]


def synthetic_challenge(index: int, rng: random.Random, municipalities: list[str], areas: list[str]) -> str:
    status = rng.choice(["need", "dialogue", "tender", "in_progress", "completed", "cancelled"])
    published = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
    data: dict[str, object] = {
        "title": f"Utmaning {index}: " + " ".join(rng.choices(_WORDS, k=5)),
        "summary": " ".join(rng.choices(_WORDS, k=25)).capitalize() + ".",
        "status": status,
        "municipalities": rng.sample(municipalities, k=rng.randint(1, 3)),
        "areas": rng.sample(areas, k=rng.randint(1, 2)),
        "published": published.isoformat(),
        "contact": {"name": "Anna Andersson", "email": f"anna{index}@example.org"},
        "cpv": ["72000000-5"],
        "example": True,
    }
    if status in ("dialogue", "tender"):
        data["deadline"] = (published + timedelta(days=rng.randrange(30, 400))).isoformat()
    if status == "tender":
        data["procurement"] = {"notice_url": f"https://example.org/annons/{index}"}
    if status in ("completed", "cancelled"):
        data["outcome"] = " ".join(rng.choices(_WORDS, k=20)).capitalize() + "."
    paragraphs = [" ".join(rng.choices(_WORDS, k=60)).capitalize() + "." for _ in range(5)]
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in
                       zip(("Bakgrund", "Utmaningen", "Vad vi vill uppnå", "Förutsättningar", "Så kan du bidra"),
                           paragraphs, strict=True))
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}\n"


def make_project(folder: Path, n: int) -> tuple[Path, Path]:
    """A catalogue project and a plain project with the same pages; returns both config files."""
    challenges = folder / "challenges"
    challenges.mkdir(parents=True)
    shutil.copy(ROOT / "challenges" / "_vocabularies.yml", challenges)
    vocabularies = yaml.safe_load((challenges / "_vocabularies.yml").read_text(encoding="utf-8"))
    rng = random.Random(n)
    for index in range(n):
        text = synthetic_challenge(index, rng, list(vocabularies["municipalities"]), list(vocabularies["areas"]))
        (challenges / f"utmaning-{index:05d}.md").write_text(text, encoding="utf-8")

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p if not (isinstance(p, dict) and "utmaningskatalogen" in p)
               else {"utmaningskatalogen": {**p["utmaningskatalogen"], "challenges_dir": str(challenges)}}
               for p in config["plugins"]]
    catalogue_config = {**config, "docs_dir": str(ROOT / "docs"), "site_dir": str(folder / "site-catalogue"),
                        "plugins": plugins}
    catalogue_file = folder / "mkdocs-catalogue.yml"
    catalogue_file.write_text(yaml.safe_dump(catalogue_config, allow_unicode=True), encoding="utf-8")

    # The anchor: what a site owner would build without us. The same docs/, nav and theme with
    # Material's own search, and every challenge's body as a hand-written page out of the nav.
    plain_docs = folder / "plain-docs"
    shutil.copytree(ROOT / "docs", plain_docs)
    (plain_docs / "utmaningar").mkdir(exist_ok=True)
    for path in sorted(challenges.glob("*.md")):
        front, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        title = yaml.safe_load(front.removeprefix("---\n"))["title"]
        page = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n# {title}\n{body}"
        (plain_docs / "utmaningar" / path.name).write_text(page, encoding="utf-8")
    plain_config = {key: value for key, value in config.items() if key != "plugins"}
    # The site itself no longer uses Material's search (it has Pagefind); the anchor does.
    plain_config["plugins"] = [{"search": {"lang": "sv"}}]
    plain_config.update(docs_dir=str(plain_docs), site_dir=str(folder / "site-plain"),
                        not_in_nav="/utmaningar/*\n", nav=_existing_nav(config["nav"], plain_docs),
                        validation={"nav": {"omitted_files": "ignore", "not_found": "ignore"},
                                    "links": {"not_found": "ignore", "unrecognized_links": "ignore"}})
    plain_file = folder / "mkdocs-plain.yml"
    plain_file.write_text(yaml.safe_dump(plain_config, allow_unicode=True), encoding="utf-8")
    return catalogue_file, plain_file


def _existing_nav(nav: list[object], docs: Path) -> list[object]:
    """The site's nav without the pages only the catalogue generates (its lists)."""
    kept: list[object] = []
    for entry in nav:
        if isinstance(entry, dict):
            [(title, target)] = entry.items()
            if isinstance(target, list):
                kept.append({title: _existing_nav(target, docs)})
            elif (docs / str(target)).is_file():
                kept.append(entry)
        elif (docs / str(entry)).is_file():
            kept.append(entry)
    return kept


@dataclass(frozen=True)
class Run:
    seconds: float
    mb: float  # peak RSS of the process and of any it waited for
    log: str


def measure(command: list[str]) -> Run:
    """Wall time, peak RSS and log (stderr) of one child process."""
    env = {**os.environ, "CATALOGUE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        log.seek(0)
        text = log.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{text}")
    return Run(elapsed, usage.ru_maxrss / 1024, text)


@dataclass(frozen=True)
class Runs:
    runs: tuple[Run, ...]

    @property
    def seconds(self) -> float:
        """The fastest run: the others were slowed by other work on the machine."""
        return min(run.seconds for run in self.runs)

    @property
    def spread(self) -> str:
        times = sorted(run.seconds for run in self.runs)
        return f"{times[0]:.2f}–{times[-1]:.2f}"

    @property
    def mb(self) -> float:
        return max(run.mb for run in self.runs)

    @property
    def index_s(self) -> float | None:
        """The search index's time, as the build logs it (search_index.py), in the fastest run."""
        fastest = min(self.runs, key=lambda run: run.seconds)
        found = _INDEX_LINE.search(fastest.log)
        return float(found.group(1)) if found else None


_INDEX_LINE = re.compile(r"Sökindex: \d+ sidor på ([\d.]+) s")


def interleaved(runs: int, *steps: tuple[list[str], Callable[[], None]]) -> list[Runs]:
    """Each command `runs` times, taking turns (a, b, c, a, b, c, …), so that other work on the
    machine slows all of them alike; `before` runs ahead of its command each time."""
    results: list[list[Run]] = [[] for _ in steps]
    for _ in range(runs):
        for done, (command, before) in zip(results, steps, strict=True):
            before()
            done.append(measure(command))
    return [Runs(tuple(done)) for done in results]


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Row:
    n: int
    build: Runs
    anchor: Runs
    check_cold: Runs  # every file checked
    check_warm: Runs  # after a check: unchanged files known from the cache
    finding: FindingBench
    search: SearchBench
    anchor_search: SearchBench

    @property
    def ratio(self) -> float:
        return self.build.seconds / self.anchor.seconds


def targets(rows: list[Row]) -> list[tuple[str, str, bool | None]]:
    """(measure, measured value, holds) for each target that the measured sizes can tell."""
    by_n = {row.n: row for row in rows}
    found: list[tuple[str, str, bool | None]] = []
    if 2000 in by_n:
        row = by_n[2000]
        found.append(("bygge vid N = 2000 mot ankaret ≤ 1,0×", f"{row.ratio:.2f}×", row.ratio <= 1.0))
        found.append(("högsta RSS vid N = 2000 ≤ 300 MB", f"{row.build.mb:.0f} MB", row.build.mb <= 300))
        for box, (ms, kb) in row.search.boxes.items():
            found.append((f"första sökträffen i {box} vid N = 2000 ≤ 300 ms", f"{ms:.0f} ms", ms <= 300))
            found.append((f"hämtat för första sökningen i {box} vid N = 2000 ≤ 300 KB", f"{kb:.0f} KB", kb <= 300))
        if row.finding.layout_ms:
            worst = row.finding.layout_ms[1]
            found.append(("filterändring vid N = 2000, värsta ≤ 50 ms", f"{worst:.0f} ms", worst <= 50))
        found.append(("katalogsidan vid N = 2000 ≤ 250 KB gzip", f"{row.finding.page_kb:.0f} KB",
                      row.finding.page_kb <= 250))
    if 10000 in by_n:
        row = by_n[10000]
        found.append(("högsta RSS vid N = 10 000 ≤ 1 GB", f"{row.build.mb:.0f} MB", row.build.mb <= 1024))
        found.append(("make check vid N = 10 000 ≤ 2 s (filerna kända sedan förra körningen)",
                      f"{row.check_warm.seconds:.2f} s (utan cache {row.check_cold.seconds:.2f} s)",
                      row.check_warm.seconds <= 2))
        if 2000 in by_n:
            growth = row.build.seconds / by_n[2000].build.seconds
            found.append(("t(10 000) / t(2000) ≤ 5,5", f"{growth:.2f}", growth <= 5.5))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement, taking turns; the fastest counts")
    args = parser.parse_args(argv)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    check = str(Path(sys.executable).parent / "utmaningskatalogen-check")

    rows: list[Row] = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as folder:
            catalogue_file, plain_file = make_project(Path(folder), n)
            cache = Path(folder, CACHE_FILE)
            build, anchor, check_cold, check_warm = interleaved(
                args.runs, ([mkdocs, "build", "-f", str(catalogue_file)], _nothing),
                ([mkdocs, "build", "-q", "-f", str(plain_file)], _nothing),
                ([check, "-f", str(catalogue_file)], functools.partial(cache.unlink, True)),
                ([check, "-f", str(catalogue_file)], _nothing))
            rows.append(Row(n, build, anchor, check_cold, check_warm,
                            measure_finding(Path(folder) / "site-catalogue"),
                            measure_search(Path(folder) / "site-catalogue"),
                            measure_search(Path(folder) / "site-plain", (MATERIAL,))))
    print("\n".join(report(rows, args.runs)))
    return 0


def _number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def report(rows: list[Row], runs: int) -> list[str]:
    """The two tables as Markdown (README "Prestanda"), the spread of the runs, and the targets."""
    lines = [f"Bygget (snabbaste av {runs} körningar; s = sekunder, MB = högsta RSS):", "",
             "| N | bygge s | ankare s | kvot | sökindex s | RSS MB | ankare MB | check s utan cache | "
             "check s med cache |", "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.n} | {row.build.seconds:.2f} | {row.anchor.seconds:.2f} | {row.ratio:.2f} | "
                     f"{_number(row.build.index_s, 1)} | {row.build.mb:.0f} | {row.anchor.mb:.0f} | "
                     f"{row.check_cold.seconds:.2f} | {row.check_warm.seconds:.2f} |")
    lines += ["", "I Chromium (filter: median / värsta ändringen till uppdaterad och utlagd lista, inom "
              "parentes värsta till nästa målade bildruta; sökning: median av "
              f"{RUNS} körningar med tom cache, ”{QUERY}” skrivet efter att rutan fått fokus):", "",
              "| N | katalog KB gzip | filter ms | första träff ms: sidhuvud / katalog / Material | "
              "KB för första sökningen: sidhuvud / katalog / Material |", "|---|---|---|---|---|"]
    for row in rows:
        boxes = [*row.search.boxes.values(), *row.anchor_search.boxes.values()]
        latency = (f"{row.finding.layout_ms[0]:.0f} / {row.finding.layout_ms[1]:.0f} "
                   f"({row.finding.painted_ms[1]:.0f})" if row.finding.layout_ms and row.finding.painted_ms
                   else "ej mätt")
        lines.append(f"| {row.n} | {row.finding.page_kb:.0f} | {latency} | "
                     f"{' / '.join(f'{ms:.0f}' for ms, _kb in boxes) or 'ej mätt'} | "
                     f"{' / '.join(f'{kb:.0f}' for _ms, kb in boxes) or 'ej mätt'} |")
    lines += ["", "Spridning mellan körningarna (s):"]
    lines += [f"  N = {row.n}: bygge {row.build.spread}, ankare {row.anchor.spread}, check utan cache "
              f"{row.check_cold.spread}, med cache {row.check_warm.spread}" for row in rows]
    lines += ["", "Mål (issue 10):"]
    lines += [f"  {'ok ' if holds else 'NEJ'}  {name}: {value}" for name, value, holds in targets(rows)]
    return lines


if __name__ == "__main__":
    sys.exit(main())
