"""A speaker's gender from what the article itself says, never guessed beyond it.

Three kinds of evidence, each "f", "m" or None (:class:`~.records.GenderEvidence`):

- ``pronoun``: the he/she (him, his, her, ...) speaker mentions the article's quotes resolve
  to this speaker; the majority decides, a tie says nothing;
- ``honorific``: a gendered honorific before or in a mention of the name ("Mr.", "Ms.",
  "Mrs.", "Sir", "Dame": ``data/quote_titles.csv``) or a gendered role noun describing the
  speaker ("congresswoman", "spokesman": the ``gender`` column of
  ``data/quote_descriptions.csv``); conflicting ones say nothing;
- ``given name``: the first word of a person's name when at least 95% of the US births under
  that name (1930-2017, at least 20) were of one sex (``data/given_names.csv`` and
  ``data/given_name_shares.csv``, shares from the US Social Security Administration's counts;
  :func:`helpers.lexicons.given_name_gender`).

:data:`ORDER` says which evidence decides when several speak: the first that gives a gender.
A speaker without any is ``unknown``; a body or a place has no gender (NA).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ..lexicons import given_name_gender, given_name_shares, pronouns, titles
from .records import GENDERS, UNKNOWN, Article, Finding, GenderEvidence, Mention

#: Evidence in the order it decides.
ORDER = ("honorific", "pronoun", "given name")
_FIELDS = {"honorific": "honorific", "pronoun": "pronoun", "given name": "given_name"}


def pronoun_gender(quotes: Iterable[Mapping[str, Any]]) -> str | None:
    """The gender of the majority of the gendered pronoun speakers among ``quotes``."""
    counts: Counter = Counter()
    for quote in quotes:
        word = str(quote.get("speaker") or "").lower()
        gender = pronouns().get(word, {}).get("gender")
        if gender in GENDERS:
            counts[gender] += 1
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def honorific_gender(article: Article, mentions: Iterable[Mention],
                     findings: Iterable[Finding]) -> str | None:
    """The gender the honorifics before or in the mentions and the gendered role nouns of the
    findings agree on (None when none is found or they disagree)."""
    doc, honorifics = article.doc, titles()
    found = {f.gender for f in findings if f.gender}
    for m in mentions:
        before = doc[m.start - 1].lower_ if m.start > 0 else ""
        words = [before, *(t.lower_ for t in doc[m.start:m.end])]
        found.update(honorifics[w] for w in words if w in honorifics)
    return found.pop() if len(found) == 1 else None


def name_gender(name: str) -> str | None:
    """The gender the given name (first word of ``name``, after any honorific) says; a
    hyphenated name not in the list by its first part ("Anne-Marie" → anne)."""
    words = [w for w in name.split() if w.lower() not in titles()]
    if len(words) < 2:
        return None
    given = words[0]
    if given.lower() not in given_name_shares() and "-" in given:
        given = given.split("-", 1)[0]
    return given_name_gender(given)


def decide(evidence: GenderEvidence, order: Iterable[str] = ORDER) -> tuple[str, str | None]:
    """(gender, evidence that decided): ("female", "honorific"), ("unknown", None) ..."""
    for kind in order:
        value = getattr(evidence, _FIELDS[kind])
        if value in GENDERS:
            return GENDERS[value], kind
    return UNKNOWN, None
