"""Profiles of the speakers of one invented text, through the extractors' public entry points
(the records the ``speakers`` extractor makes for one article)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from helpers import entities, profiles, quotes


def profile_finder(nlp) -> Callable[[str, str], dict[str, Any] | None]:
    """``find(text, name)``: the speaker record of ``text`` whose name contains ``name``
    (None when no speaker has it)."""

    def find(text: str, name: str) -> dict[str, Any] | None:
        doc = nlp(text)
        ents = entities.from_doc(doc)
        records = profiles.from_doc(doc, ents, quotes.from_doc(doc, ents))
        return next((r for r in records if name in str(r["name"])), None)

    return find
