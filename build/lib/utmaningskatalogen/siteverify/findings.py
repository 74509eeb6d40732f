"""What a check reports: problems with the file and line they are in, and a one-line summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the built site. `path` is relative to the site root; `line` 0 = whole file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Result:
    """The outcome of one check."""

    name: str
    summary: str = ""
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # reported, never failures

    @property
    def passed(self) -> bool:
        return not self.findings
