"""Canonical names within one article (step 5 of ``from_doc``).

``_naming`` reads what the whole article says about its names (full-name bearers of each
surname, mixed-case spellings, the gender courtesy titles give a surname, the titles seen
before full names) into a ``_Naming``; ``_record`` then names each mention: the gazetteer's
name, the principal bearer of a bare surname (``_bearer``), the article's mixed-case spelling,
or the surface without "the" and possessive; ``entity_id`` is label + slug of that name.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..lexicons import first_names, one_letter_off
from .names import (
    _Mention,
    _rows,
    _surname,
    _title_case,
    canonical_form,
    entity_key,
    lexicon,
)


def _full_names(mentions: list[_Mention]) -> dict[str, list[tuple[int, str]]]:
    """Surname key → [(token position, full name)] of multi-word PERSON mentions."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            name = canonical_form(m.surface)
            surname = _surname(name)
            if surname:
                out[surname].append((m.start, name))
    return out


def _bearer(
    candidates: list[tuple[int, str]],
    gender: str | None = None,
    title: str | None = None,
    titled: dict[str, set[str]] | None = None,
) -> str | None:
    """Which full name a bare surname stands for ("Cruz" with "Ted Cruz" and "Heidi Cruz").

    News style names a person in full once and then by surname; relatives and namesakes are
    kept apart by their full or given names. So the surname goes to the article's principal
    bearer: the one a courtesy title's gender allows ("Mrs. Clinton"), the one an office
    title fits ("Secretary Johnson" → "Homeland Security Secretary Jeh Johnson", from
    ``titled``: full name → title words seen before it), then the first one introduced (the
    protagonist is named first; relatives and namesakes come in later). With one bearer it
    is simply that name. None when the title fits none of several bearers, or the gender
    (of the title, else of the courtesy titles the article gives that surname) fits none
    ("Mr. Obama", "President Obama" next to only "Michelle Obama"): the surname stays."""
    first: dict[str, int] = {}
    for pos, name in candidates:
        first.setdefault(name, pos)
    names = list(first)
    if gender:
        given = first_names()
        fits = [n for n in names if given.get(n.split()[0].lower(), gender) == gender]
        if not fits:
            return None  # "Mr. Obama" when only "Michelle Obama" is named in full
        names = fits
    if len(names) == 1:
        return names[0]
    if title and titled is not None:
        fits = [n for n in names if title in titled.get(n, ())]
        if not fits:
            return None
        names = fits
    return min(names, key=first.__getitem__)


@functools.lru_cache(maxsize=1)
def _known_titles() -> frozenset[str]:
    """Words that can title a surname ("President", "Gov", "Secretary"): the office words and
    the speaker module's role nouns and abbreviations."""
    from ..lexicons import descriptions, role_aliases

    words = set(descriptions()) | {w.rstrip(".") for w in role_aliases()}
    words |= {row["word"].lower() for row in _rows("entity_office_words.csv")}
    return frozenset(words)


def _title_before(doc: Doc, start: int) -> str | None:
    """The word right before a name, as a title key ("President Obama" → "president",
    "Gov. Pence" → "gov"), or None when it is not a word."""
    if start == 0:
        return None
    word = doc[start - 1].lower_.rstrip(".")
    return word if word.isalpha() else None


def _in_capitals(text: str, start: int) -> bool:
    """The line around ``start`` is written in capitals (a headline or dateline)."""
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", start) + 1 or len(text) + 1) - 1]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _surname_bearer(
    m: _Mention,
    surnames: dict[str, list[tuple[int, str]]],
    gender: str | None,
    title: str | None,
    titled: dict[str, set[str]] | None,
) -> str | None:
    """The full name a bare PERSON surname stands for (:func:`_bearer`), also when misspelt
    one letter off ("McKenna" for "Tyra McKennah"); None for any other mention."""
    key = m.key
    if m.label != "PERSON" or " " in key:
        return None
    if key not in surnames and len(key) >= 6:
        key = next((k for k in surnames if k[:1] == key[:1] and one_letter_off(k, key)), key)
    if key not in surnames:
        return None
    return _bearer(surnames[key], gender, title, titled)


def _canonical(
    m: _Mention,
    surnames: dict[str, list[tuple[int, str]]],
    spelling: dict[str, str],
    text: str,
    start: int,
    gender: str | None = None,
    title: str | None = None,
    titled: dict[str, set[str]] | None = None,
) -> str:
    """Display name: the lexicon's, the full name of a surname, the article's mixed-case
    spelling, or the surface without "the"/possessive (title-cased in all-caps headlines)."""
    entry = lexicon().get(m.key)
    if entry is not None and entry.label == m.label:
        return entry.canonical
    bearer = _surname_bearer(m, surnames, gender, title, titled)
    if bearer is not None:
        return bearer
    name = spelling.get(m.key) or canonical_form(m.surface)
    if name.isupper() and (" " in name or _in_capitals(text, start)):
        return _title_case(name)
    return name


def _courtesy_gender(doc: Doc, start: int) -> str | None:
    """Gender of a courtesy title right before a name ("Mrs. Clinton" → "f")."""
    from ..lexicons import titles

    if start == 0:
        return None
    return titles().get(doc[start - 1].lower_)


@dataclass
class _Naming:
    """What the whole article says about its names, read before any mention is named."""

    surnames: dict[str, list[tuple[int, str]]]  # surname → (position, full name) bearers
    spelling: dict[str, str]  # key → mixed-case spelling, for all-caps mentions
    usual_gender: dict[str, str]  # bare surname → the gender its courtesy titles agree on
    titled: dict[str, set[str]]  # full name → title words seen right before it


def _usual_gender(doc: Doc, mentions: list[_Mention]) -> dict[str, str]:
    """The gender the article's courtesy titles give a bare surname ("Mr. Obama" ×3), when
    one gender is the majority."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start == 1:
            g = _courtesy_gender(doc, m.start)
            if g:
                votes[m.key][g] += 1
    return {
        key: c.most_common(1)[0][0] for key, c in votes.items()
        if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]
    }


def _naming(doc: Doc, mentions: list[_Mention]) -> _Naming:
    spelling: dict[str, str] = {}
    for m in mentions:
        if not m.surface.isupper() and m.key not in spelling:
            spelling[m.key] = canonical_form(m.surface)
    titled: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            word = _title_before(doc, m.start)
            if word:
                titled[canonical_form(m.surface)].add(word)
    return _Naming(_full_names(mentions), spelling, _usual_gender(doc, mentions), titled)


def _office_title(doc: Doc, start: int) -> str | None:
    """The office word titling the name at ``start`` ("President Obama", "Secretary
    Johnson"), or None ("Later Johnson left")."""
    if not doc[start - 1 if start else 0].text[:1].isupper():
        return None
    title = _title_before(doc, start)
    return title if title in _known_titles() else None


def _other_gender_bearers(m: _Mention, naming: _Naming, gender: str | None) -> bool:
    """"President Obama" in an article that says "Mr. Obama" and names only "Michelle Obama"
    in full: every full-name bearer of the surname has the other gender, so it is not one of
    them."""
    usual = naming.usual_gender.get(m.key) if gender is None and m.label == "PERSON" else None
    if not usual or m.key not in naming.surnames:
        return False
    given = first_names()
    return all(given.get(n.split()[0].lower(), usual) != usual for _, n in naming.surnames[m.key])


def _record(doc: Doc, text: str, m: _Mention, naming: _Naming) -> dict[str, Any]:
    start = doc[m.start].idx
    gender = _courtesy_gender(doc, m.start)
    title = _office_title(doc, m.start) if gender is None else None
    if _other_gender_bearers(m, naming, gender):
        canonical = canonical_form(m.surface)
    else:
        canonical = _canonical(m, naming.surnames, naming.spelling, text, start, gender, title,
                               naming.titled)
    return {
        "start": start,
        "end": start + len(m.surface),
        "surface": m.surface,
        "label": m.label,
        "canonical": canonical,
        "entity_id": entity_key(m.label, canonical),
    }
