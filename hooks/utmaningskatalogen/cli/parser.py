"""argparse in Swedish for the commands staff run: headings, the help option and argparse's own errors."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's own error messages (Python 3.11), each with its Swedish wording. Anything else is kept.
_ERRORS = (
    (re.compile(r"^the following arguments are required: (.+)$"), r"\1 saknas"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"okända argument: \1"),
    (re.compile(r"^argument (\S+): invalid choice: (.+) \(choose from (.+)\)$"),
     r"\1: \2 finns inte; välj en av: \3"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"\1: skriv ett värde efter \1"),
    (re.compile(r"^argument (\S+): invalid \S+ value: (.+)$"), r"\1: \2 går inte att använda här"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), r"\1 kan betyda flera saker: \2"),
    (re.compile(r"^argument (\S+): (.+)$"), r"\1: \2"),
)


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Användning: " if prefix is None else prefix)


class SwedishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Swedish, the help option included."""

    def __init__(self, **options: Any) -> None:
        super().__init__(formatter_class=_SwedishHelp, add_help=False, **options)
        self._positionals.title = "Argument"
        self._optionals.title = "Flaggor"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {swedish_error(message)}\n")


def swedish_error(message: str) -> str:
    """One of argparse's English error messages in Swedish."""
    for english, swedish in _ERRORS:
        if english.match(message):
            return english.sub(swedish, message)
    return message
