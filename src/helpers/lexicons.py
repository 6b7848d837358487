"""Word lists shared by the extractors: given names, titles, role words, descriptions.

Each loader reads one CSV from ``helpers/data`` once. ``entities`` and ``speakers`` both use
them, so they live below both (neither extractor imports the other for its vocabulary).
"""

from __future__ import annotations

import csv
import functools
from importlib import resources


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/NAME`` (a CSV with a header) as dicts."""
    with resources.files("helpers.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def pronouns() -> dict[str, dict[str, str]]:
    """pronoun → {number, gender, kind}."""
    return {r["pronoun"]: r for r in rows("quote_pronouns.csv")}


@functools.lru_cache(maxsize=1)
def descriptions() -> dict[str, dict[str, str]]:
    """description head lemma → {kind: media|org|gpe|person, gender}."""
    return {r["lemma"]: r for r in rows("quote_descriptions.csv")}


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """given name (lower case) → "m" | "f"."""
    return {r["name"]: r["gender"] for r in rows("quote_first_names.csv")}


@functools.lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """honorific (lower case) → "m" | "f"."""
    return {r["title"]: r["gender"] for r in rows("quote_titles.csv")}


@functools.lru_cache(maxsize=1)
def media_words() -> frozenset[str]:
    """Words that mark a news outlet's name ("Times", "Post", "Reuters")."""
    return frozenset(r["word"] for r in rows("quote_media_words.csv"))


@functools.lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    """Party words (``data/quote_parties.csv``): one person belongs to one party."""
    return frozenset(r["party"] for r in rows("quote_parties.csv"))


@functools.lru_cache(maxsize=1)
def role_aliases() -> dict[str, str]:
    """Abbreviated or variant role word → role ("gov." → "governor", "gop" → "republican")."""
    return {r["word"]: r["role"] for r in rows("quote_role_aliases.csv")}


@functools.lru_cache(maxsize=1)
def broader_roles() -> dict[str, str]:
    """Role → the broader role it implies ("senator" → "legislator")."""
    return {r["role"]: r["broader"] for r in rows("quote_broader_roles.csv")}


@functools.lru_cache(maxsize=1)
def generic_roles() -> frozenset[str]:
    """Person nouns whose definite description is not resolved to the article's protagonist."""
    return frozenset(row["lemma"] for row in rows("quote_generic_roles.csv"))


def one_letter_off(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one substitution, insertion or deletion apart (and not equal)?
    A misspelt name ("McKenna" for "McKennah")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]
