"""Entity mentions: spaCy NER plus canonical names shared across mentions and documents.

FIRST VERSION (foundation skeleton): spaCy's entities with light boundary clean-up. The
canonicalisation layer (aliases, surname linking, label repair) is built in this module.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from . import schema

_LEADING_THE = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


def canonical_form(surface: str) -> str:
    """A mention's display name: no leading "the", no possessive, single-spaced."""
    name = _LEADING_THE.sub("", surface.strip())
    name = _POSSESSIVE.sub("", name).strip()
    return re.sub(r"\s+", " ", name) or surface


def entity_key(label: str, canonical: str) -> str:
    """Stable id of an entity: label plus a slug of its canonical name."""
    slug = re.sub(r"[^\w]+", "-", canonical.lower(), flags=re.UNICODE).strip("-")
    return f"{label}:{slug}"


def from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Entity mention records of one parsed document (no doc_id)."""
    records = []
    for ent in doc.ents:
        text = ent.text
        if not text.strip():
            continue
        canonical = canonical_form(text)
        records.append(
            {
                "start": ent.start_char,
                "end": ent.end_char,
                "surface": text,
                "label": ent.label_,
                "canonical": canonical,
                "entity_id": entity_key(ent.label_, canonical),
            }
        )
    return records


def link_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cross-document linking of entities; updates speaker and claimant names to match."""
    return tables


def extract(docs: Any) -> pd.DataFrame:
    """Entity mentions table for ``docs`` (str, strings, or documents table)."""
    from .pipeline import analyze

    return analyze(docs, cache=False).entities


__all__ = ["extract", "from_doc", "link_tables", "schema"]
