"""Valid HTML, by html-validate (npm, pinned in package.json, installed by `npm ci`)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .findings import Finding, Result
from .site import EDITOR_DIR

# The project's own npm tools (package.json beside mkdocs.yml), run from the project folder.
VALIDATOR = Path("node_modules") / ".bin" / "html-validate"
CONFIG = Path(__file__).resolve().parent / "htmlvalidate.json"
PAGES_PER_WORKER = 100  # below this, a second Node process costs more than it saves

# Reported by the validator but accepted, each for a reason. (rule, CSS selector of the element)
# None today: the plugin removes what Material's own markup got wrong (plugin/theme_markup.py).
ACCEPTED: set[tuple[str, str]] = set()


def check_html(site_root: Path) -> Result:
    result = Result("Giltig HTML (html-validate)")
    validator = VALIDATOR.resolve()  # the pages are validated from inside the site folder
    if not validator.exists():
        result.findings.append(Finding(str(VALIDATOR), 0,
                                       "saknas; kör `make verify` (installerar den med npm ci)"))
        return result
    site_root = site_root.resolve()
    pages = sorted(path for path in (p.relative_to(site_root).as_posix() for p in site_root.rglob("*.html"))
                   if not path.startswith(EDITOR_DIR + "/"))
    reports, failures = _validate(validator, site_root, pages)
    result.findings += failures
    accepted = 0
    for report in reports:
        path = (site_root / report["filePath"]).resolve().relative_to(site_root).as_posix()
        for message in report["messages"]:
            if (message.get("ruleId"), message.get("selector")) in ACCEPTED:
                accepted += 1
                continue
            result.findings.append(Finding(path, message.get("line", 0),
                                           f"{message['message']} [{message.get('ruleId')}]"))
    result.summary = f"{len(pages)} sidor" + (f"; {accepted} godtagna avvikelser i Materials kod" if accepted else "")
    return result


def _validate(validator: Path, site_root: Path, pages: list[str]) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Run html-validate on the pages, split over the machine's cores; its JSON reports."""
    workers = max(1, min(os.cpu_count() or 1, len(pages) // PAGES_PER_WORKER))
    reports: list[dict[str, Any]] = []
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        # Reports go to files: html-validate exits before a long report through a pipe is written out.
        outputs = [Path(folder) / f"{n}.json" for n in range(workers)]
        runs = [subprocess.Popen([str(validator), "--config", str(CONFIG), "--formatter", f"json={output}",
                                  *pages[n::workers]], cwd=site_root, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for n, output in enumerate(outputs)]
        for run, output in zip(runs, outputs, strict=True):
            _, errors = run.communicate()
            try:
                reports += json.loads(output.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                failures.append(Finding(".", 0, f"html-validate gav ingen rapport (kod {run.returncode}): "
                                                f"{errors[:300]}"))
    return reports, failures
