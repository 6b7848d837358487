"""The one reader of the kit's data files (``src/helpers/data/``): word lists, gazetteers, rule
tables and fitted weights. Every module reads its vocabulary through :func:`rows` or
:func:`text`, so where the files live and how they are decoded is decided once.
"""

from __future__ import annotations

import csv
import io
from importlib import resources


def text(name: str) -> str:
    """The text of ``data/NAME`` (UTF-8)."""
    return resources.files("helpers.data").joinpath(name).read_text(encoding="utf-8")


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/NAME`` (a CSV with a header) as dicts."""
    return list(csv.DictReader(io.StringIO(text(name), newline="")))
