"""The MkDocs plugin `utmaningskatalogen`: the only part of the package that imports MkDocs.

It reads its settings (`config.py`), hands the content to the core and turns the core's results
into MkDocs files, pages and a failed build where content is wrong (`plugin.py`).
"""

from .plugin import CataloguePlugin

__all__ = ["CataloguePlugin"]
