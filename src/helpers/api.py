"""The ``extract(docs)`` conveniences: one extractor's table for a str, strings or documents.

``helpers.entities.extract(docs)``, ``helpers.quotes.extract(docs)``,
``helpers.figures.extract(docs, reference_date=None)`` and ``helpers.citations.extract(docs)``
(the contract) each run the whole pipeline, uncached, and return one table of the
``Analysis``. The pipeline sits above the extractors, so their modules must not import it:
this module is the conveniences' one implementation, and it installs itself in
``registry`` on import (``helpers/__init__`` imports it first thing, so it is in place
whichever way the package is imported); each extractor's ``extract`` only forwards to
``registry.extract_table``. See ``helpers.registry`` for why the dependency is inverted.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import registry, schema
from .pipeline import analyze


def extract(table: str, docs: Any, reference_date: str | None = None) -> pd.DataFrame:
    """The ``table`` (one of ``schema.EXTRACTED_TABLES``) of ``analyze(docs, cache=False)``;
    ``reference_date`` (ISO) resolves relative dates in documents without ``published``."""
    if table not in schema.EXTRACTED_TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {schema.EXTRACTED_TABLES}")
    return getattr(analyze(docs, cache=False, reference_date=reference_date), table)


registry.install_table_runner(extract)
