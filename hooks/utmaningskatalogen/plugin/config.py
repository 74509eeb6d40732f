"""The plugin's settings in mkdocs.yml, typed and checked with messages staff can act on.

```yaml
plugins:
  - utmaningskatalogen:
      challenges_dir: challenges        # folder of challenge files, relative to mkdocs.yml
      edit_url: https://github.com/ORG/REPO/edit/main/   # '' for no edit links
      ocid_prefix: ocds-utmkat          # OCDS prefix registered with the OCDS Help Desk
      editorial_name: Redaktionen       # "Ansvarig för sidan" on the site's own pages; '' for none
      editorial_email: ''               # the address for feedback (accessibility statement); '' for none
```
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError

from ..publication import DEFAULT_OCID_PREFIX, checked_ocid_prefix
from ..schema import EMAIL_PATTERN

PLUGIN_NAME = "utmaningskatalogen"


class _Text(base.BaseConfigOption[str]):
    """A text setting; anything else (a number, a list, nothing) is an error in Swedish."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"ska vara text, inte {_shown_type(value)}")
        return self.checked(value.strip())

    def checked(self, value: str) -> str:
        return value


class Folder(_Text):
    def checked(self, value: str) -> str:
        if not value:
            raise ValidationError("får inte vara tom; skriv mappens namn, till exempel challenges")
        return value


class EditUrl(_Text):
    def checked(self, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValidationError(f"ska börja med https:// (eller vara tom för inga redigeringslänkar), inte {value!r}")
        return value


class Email(_Text):
    def checked(self, value: str) -> str:
        if value and not re.match(EMAIL_PATTERN, value):
            raise ValidationError(f"ska vara en e-postadress (eller vara tom), inte {value!r}")
        return value


class OcidPrefix(_Text):
    def checked(self, value: str) -> str:
        try:
            return checked_ocid_prefix(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class _Port(base.BaseConfigOption[int]):
    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1024 <= value <= 65535:
            raise ValidationError(f"ska vara ett portnummer 1024–65535, inte {value!r}")
        return value


class EditorConfig(base.Config):
    """The content editor at /admin/ (cms.py). Repository and branch default to edit_url's."""

    # owner/name of the GitHub repository the editor opens pull requests in.
    repo = _Text("")
    branch = _Text("")
    # The OAuth proxy that signs staff in with GitHub (README, "Redigeraren"); no secret here.
    auth_url = EditUrl("")
    # Where `make cms` runs the editor's local backend (decap-server).
    proxy_port = _Port(8081)


class CatalogueConfig(base.Config):
    # Folder of challenge files and _vocabularies.yml, relative to mkdocs.yml.
    challenges_dir = Folder("challenges")
    # Where staff edit a file on the web; the file's path in the repository is appended. A full
    # URL on purpose: Material's repo_url would make every visitor's browser call GitHub's API.
    edit_url = EditUrl("")
    # Prefix of the OCDS identifiers in ocds.json (ocid = prefix + '-' + slug).
    ocid_prefix = OcidPrefix(DEFAULT_OCID_PREFIX)
    # The content editor at /admin/: repo, branch, auth_url, proxy_port.
    cms = c.SubConfig(EditorConfig)
    # Who answers for the site's own pages (the guide, the lists): "Ansvarig för sidan" on each of
    # them. A challenge's page names its contact person instead.
    editorial_name = _Text("")
    # The network's address for feedback: given in the accessibility statement and linked from
    # "Ansvarig för sidan". Empty: readers are sent to a challenge's contact or a municipality.
    editorial_email = Email("")


def swedish_problems(errors: ConfigErrors, warnings: ConfigWarnings) -> ConfigErrors:
    """Every error and unknown setting, keyed by the setting, as a Swedish message naming mkdocs.yml.

    MkDocs only warns about an unknown plugin setting, so a typo (`challenge_dir`) would
    silently fall back to the default: here it is an error. MkDocs prints each as
    "Plugin 'utmaningskatalogen' option 'KEY': MESSAGE".
    """
    known = [key for key, _option in CatalogueConfig._schema]
    problems: ConfigErrors = [(key, ValidationError(f"{error} (i mkdocs.yml)")) for key, error in errors]
    for key, warning in warnings:
        if key in known:
            # A typo inside a group (cms: {repo_url: …}) comes as a warning on the group.
            inner = re.search(r"Sub-option '([^']+)': Unrecognised configuration name", str(warning))
            if inner:
                names = [name for name, _option in EditorConfig._schema]
                guess = difflib.get_close_matches(inner.group(1), names, n=1, cutoff=0.6)
                hint = f"menade du '{guess[0]}'?" if guess else f"kända inställningar är {', '.join(names)}"
                problems.append((f"{key}.{inner.group(1)}", ValidationError(f"okänd inställning i mkdocs.yml; {hint}")))
            continue
        guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"menade du '{guess[0]}'?" if guess else f"kända inställningar är {', '.join(known)}"
        problems.append((key, ValidationError(f"okänd inställning i mkdocs.yml; {hint}")))
    return problems


def _shown_type(value: Any) -> str:
    names = {bool: "true/false", int: "ett tal", float: "ett tal", list: "en lista", dict: "en grupp"}
    if value is None:
        return "tom"
    return names.get(type(value), type(value).__name__)
