"""Benchmark the catalogue build against plain mkdocs-material (`make bench`).

For each N (default 500 and 2000) it writes N synthetic valid challenges into a temporary
copy of the project, then measures:
- the catalogue build (`mkdocs build` with the hooks),
- a plain mkdocs-material build of the very same Markdown pages (no hooks, challenge pages
  out of the nav, same theme settings),
- `scripts/check.py` alone (validation without building),
- at the largest N, the catalogue page's gzipped size and how long a filter change takes in
  Chromium (`scripts/bench_finding.py`).
It prints a table with wall time, peak memory (RSS of the build process) and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.exports.writer import write_exports
from utmaningskatalogen.publication import Publication

from scripts.bench_finding import measure_finding

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"
TARGETS = {"ratio": 1.2, "growth": 4.5, "rss_mb": 300, "check_s": 1.5}
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


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of one child process."""
    env = {**os.environ, "CATALOGUE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def export_seconds(challenges: Path, runs: int) -> float:
    """Writing every export (JSON, schema, CSV, Atom, iCalendar, OCDS) alone, in this process."""
    publication = Publication(load_catalogue(challenges, date.fromisoformat(TODAY)), site_url="https://example.org/")
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-exports-") as site:
            start = time.perf_counter()
            write_exports(publication, Path(site))
            times.append(time.perf_counter() - start)
    return min(times)


def best_of(runs: int, command: list[str]) -> tuple[float, float]:
    results = [measure(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--runs", type=int, default=2, help="runs per measurement; the fastest counts")
    args = parser.parse_args(argv)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")

    rows, export_rows = [], []
    finding_lines: list[str] = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as folder:
            catalogue_file, plain_file = make_project(Path(folder), n)
            build_s, build_mb = best_of(args.runs, [mkdocs, "build", "-q", "-f", str(catalogue_file)])
            plain_s, plain_mb = best_of(args.runs, [mkdocs, "build", "-q", "-f", str(plain_file)])
            check_s, _ = best_of(args.runs, [str(Path(sys.executable).parent / "utmaningskatalogen-check"),
                                             "-f", str(catalogue_file)])
            rows.append((n, build_s, plain_s, build_s / plain_s, build_mb, plain_mb, check_s))
            export_rows.append((n, export_seconds(Path(folder) / "challenges", args.runs), build_s))
            if n == max(args.sizes):  # the catalogue page in Chromium, at the largest N
                finding_lines = measure_finding(Path(folder) / "site-catalogue").lines()

    print(f"{'N':>6} | {'katalog s':>9} | {'ren s':>7} | {'kvot':>5} | {'RSS MB':>7} | {'ren RSS':>7} | "
          f"{'check s':>7}")
    print("-" * 70)
    for n, build_s, plain_s, ratio, build_mb, plain_mb, check_s in rows:
        print(f"{n:>6} | {build_s:>9.2f} | {plain_s:>7.2f} | {ratio:>5.2f} | {build_mb:>7.0f} | {plain_mb:>7.0f} | "
              f"{check_s:>7.2f}")
    largest = rows[-1]
    print(f"\nMål vid N = {largest[0]}: kvot ≤ {TARGETS['ratio']} ({largest[3]:.2f}), "
          f"RSS ≤ {TARGETS['rss_mb']} MB ({largest[4]:.0f}), check ≤ {TARGETS['check_s']} s ({largest[6]:.2f})")
    if len(rows) > 1:
        growth = rows[-1][1] / rows[0][1]
        print(f"Tillväxt: tid({rows[-1][0]}) / tid({rows[0][0]}) = {growth:.2f} (mål ≤ {TARGETS['growth']})")
    for n, export_s, build_s in export_rows:
        print(f"Export (JSON, CSV, Atom, iCalendar, OCDS) vid N = {n}: {export_s:.2f} s "
              f"({100 * export_s / build_s:.0f} % av katalogbygget)")
    print("\n".join(finding_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
