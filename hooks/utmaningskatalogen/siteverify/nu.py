"""Valid HTML by the Nu HTML Checker (W3C's vnu.jar, pinned as npm `vnu-jar`; needs Java).

Stricter than html-validate, and what auditors use. Every error is a finding with its page and
line; warnings are left out (the checker reads the pages from disk, so it takes the CSP's 'self'
for another origin and warns about every stylesheet and script).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .findings import Finding, Result

# The project's own npm tools (package.json beside mkdocs.yml), run from the project folder.
NU_JAR = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_nu(site_root: Path) -> Result:
    result = Result("Giltig HTML (Nu HTML Checker)")
    jar, java = NU_JAR.resolve(), shutil.which("java")
    if not jar.is_file() or java is None:
        missing = "Java (apt-get install default-jre-headless)" if java is None else f"{NU_JAR} (npm ci)"
        result.findings.append(Finding(".", 0, f"Nu HTML Checker kan inte köras: {missing} saknas"))
        return result
    site_root = site_root.resolve()
    run = subprocess.run([java, "-jar", str(jar), "--format", "json", "--errors-only", "--skip-non-html",
                          str(site_root)], capture_output=True, text=True)
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except ValueError:
        result.findings.append(Finding(".", 0, f"Nu HTML Checker gav ingen rapport (kod {run.returncode}): "
                                               f"{run.stderr[:300]}"))
        return result
    pages = 0
    for message in messages:
        if message.get("type") != "error":
            continue
        url = message.get("url", "")
        path = Path(url.removeprefix("file:")).resolve()
        shown = path.relative_to(site_root).as_posix() if path.is_relative_to(site_root) else url
        result.findings.append(Finding(shown, int(message.get("lastLine", 0)), message.get("message", "")))
    pages = sum(1 for _ in site_root.rglob("*.html"))
    result.summary = f"{pages} sidor"
    return result
