"""Quotes: direct, indirect and mixed attributions with resolved speakers.

The public face of the quote layer (see CONTRACT.md): :func:`from_doc` for one parsed
document, :func:`extract` for documents. The work is done by :mod:`helpers.attribution`
(detect cues, attach quotations, filter, resolve speakers with :mod:`helpers.speakers`);
its module docstring says where each construction is handled.

Each record's ``confidence`` is that of the rule that made it (``rule`` column, from
``data/quote_rules.csv``), times 0.8 when the speaker could not be resolved to a named
entity.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .attribution import QUOTE_CHARS, from_doc, quote_spans
from .lexicons import cue_lexicon, noun_cues, stance_cues

__all__ = ["QUOTE_CHARS", "cue_lexicon", "extract", "from_doc", "noun_cues", "quote_spans",
           "stance_cues"]


def extract(docs: Any) -> pd.DataFrame:
    """Quotes table for ``docs`` (str, strings, or documents table); runs the whole pipeline
    through ``helpers.api`` (see ``helpers.registry``)."""
    from .registry import extract_table

    return extract_table("quotes", docs)
