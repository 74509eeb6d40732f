"""Benchmark the catalogue build against what a site owner would build without us (`make bench`).

For each N (default 500 and 2000; `make bench N="2000 10000"`) it writes N synthetic valid
challenges of about 300 words into a temporary project, then measures:
- the catalogue build (`mkdocs build` with the plugin and the shipped mkdocs.yml);
- the anchor: mkdocs-material with the same docs/, nav and theme, Material's own search, and
  every challenge's body as a hand-written page out of the nav (what one would build by hand);
- peak memory (RSS) of both builds, and `make check` (utmaningskatalogen-check) alone;
- the catalogue page in Chromium: its gzipped size and how long a filter change takes.
It prints one row per N and then each target of issue 10 with whether it holds.
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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from scripts.bench_finding import FindingBench, measure_finding

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


def best_of(runs: int, command: list[str]) -> tuple[float, float]:
    results = [measure(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


@dataclass(frozen=True)
class Row:
    n: int
    build_s: float
    anchor_s: float
    build_mb: float
    anchor_mb: float
    check_s: float
    finding: FindingBench

    @property
    def ratio(self) -> float:
        return self.build_s / self.anchor_s


def targets(rows: list[Row]) -> list[tuple[str, str, bool | None]]:
    """(measure, measured value, holds) for each target that the measured sizes can tell."""
    by_n = {row.n: row for row in rows}
    found: list[tuple[str, str, bool | None]] = []
    if 2000 in by_n:
        row = by_n[2000]
        found.append(("bygge vid N = 2000 mot ankaret ≤ 1,0×", f"{row.ratio:.2f}×", row.ratio <= 1.0))
        found.append(("högsta RSS vid N = 2000 ≤ 300 MB", f"{row.build_mb:.0f} MB", row.build_mb <= 300))
        if row.finding.layout_ms:
            worst = row.finding.layout_ms[1]
            found.append(("filterändring vid N = 2000, värsta ≤ 50 ms", f"{worst:.0f} ms", worst <= 50))
        found.append(("katalogsidan vid N = 2000 ≤ 250 KB gzip", f"{row.finding.page_kb:.0f} KB",
                      row.finding.page_kb <= 250))
    if 10000 in by_n:
        row = by_n[10000]
        found.append(("högsta RSS vid N = 10 000 ≤ 1 GB", f"{row.build_mb:.0f} MB", row.build_mb <= 1024))
        found.append(("make check vid N = 10 000 ≤ 2 s", f"{row.check_s:.2f} s", row.check_s <= 2))
        if 2000 in by_n:
            growth = row.build_s / by_n[2000].build_s
            found.append(("t(10 000) / t(2000) ≤ 5,5", f"{growth:.2f}", growth <= 5.5))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--runs", type=int, default=2, help="runs per measurement; the fastest counts")
    args = parser.parse_args(argv)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    check = str(Path(sys.executable).parent / "utmaningskatalogen-check")

    rows: list[Row] = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as folder:
            catalogue_file, plain_file = make_project(Path(folder), n)
            build_s, build_mb = best_of(args.runs, [mkdocs, "build", "-q", "-f", str(catalogue_file)])
            anchor_s, anchor_mb = best_of(args.runs, [mkdocs, "build", "-q", "-f", str(plain_file)])
            check_s, _ = best_of(args.runs, [check, "-f", str(catalogue_file)])
            rows.append(Row(n, build_s, anchor_s, build_mb, anchor_mb, check_s,
                            measure_finding(Path(folder) / "site-catalogue")))

    print(f"{'N':>6} | {'bygge s':>7} | {'ankare s':>8} | {'kvot':>5} | {'RSS MB':>6} | {'ankare MB':>9} | "
          f"{'check s':>7} | {'katalog KB':>10} | {'filter ms median/värst':>22}")
    print("-" * 108)
    for row in rows:
        latency = (f"{row.finding.layout_ms[0]:.0f} / {row.finding.layout_ms[1]:.0f}" if row.finding.layout_ms
                   else "ej mätt (ingen Chromium)")
        print(f"{row.n:>6} | {row.build_s:>7.2f} | {row.anchor_s:>8.2f} | {row.ratio:>5.2f} | {row.build_mb:>6.0f} | "
              f"{row.anchor_mb:>9.0f} | {row.check_s:>7.2f} | {row.finding.page_kb:>10.0f} | {latency:>22}")
    print("\nMål (issue 10):")
    for name, value, holds in targets(rows):
        print(f"  {'ok ' if holds else 'NEJ'}  {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
