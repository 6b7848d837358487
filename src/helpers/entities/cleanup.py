"""Name clean-up after recall: glued and run-on names (end of step 4 of ``from_doc``).

``_merge_nationalities`` joins adjacent nationalities ("Bosnian Serbs"); ``_unglue`` drops
capitalised non-name words glued to a person's name ("Miss Universe Carla Benitez" → "Carla
Benitez", a headline's "Reckless Vance and Moreau" → "Vance") after
``_split_trailing_person`` has split a surname off a known name it ran into ("the Daily Post
Vance said").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons import first_names, given_names
from .names import _ORG_WORDS, _Mention, _norm, lexicon


def _merge_nationalities(doc: Doc, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Adjacent NORP mentions are one group: "Bosnian Serbs", "Iraqi Kurdish"."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == m.label == "NORP"
            and prev.end == m.start
            and doc[prev.end - 1].whitespace_ == " "
        ):
            surface = text[doc[prev.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1].text)]
            out[-1] = _Mention(prev.start, m.end, "NORP", _norm(surface), surface, prev.table_row)
        else:
            out.append(m)
    return out


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _headline_line(text: str, char: int) -> bool:
    """Is the line around ``char`` in title case (a headline: most long words capitalised)?"""
    line = text[text.rfind("\n", 0, char) + 1 : (text.find("\n", char) + 1 or len(text) + 1) - 1]
    words = _LONG_WORD.findall(line)
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _split_trailing_person(
    doc: Doc, text: str, mentions: list[_Mention], surnames: dict[str, set[str]]
) -> None:
    """"the editorial board of the Daily Post Vance said": a missing comma ran a
    known name and a person's surname together. Split off the last word when it is the
    surname of a person the article names in full, a verb follows, and the rest is a name
    the article or the lexicon knows or ends in an organisation word ("Post")."""
    known = {m.key for m in mentions} | set(lexicon())
    for n in range(len(mentions) - 1, -1, -1):
        m = mentions[n]
        if m.label == "PERSON" or m.end - m.start < 2 or m.end >= len(doc):
            continue
        last = doc[m.end - 1]
        if not surnames.get(_norm(last.text)) or doc[m.end].pos_ not in ("VERB", "AUX"):
            continue
        rest = _norm(text[doc[m.start].idx : doc[m.end - 2].idx + len(doc[m.end - 2].text)])
        if rest not in known and doc[m.end - 2].lower_ not in _ORG_WORDS:
            continue  # "Daily Post": a known name, or one ending in an organisation word
        m.end -= 1
        m.surface = text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1].text)]
        m.key = rest
        person = _Mention(m.end, m.end + 1, "PERSON", _norm(last.text), last.text)
        person.table_row = m.table_row
        mentions.insert(n + 1, person)


@dataclass(frozen=True)
class _Glue:
    """What ``_unglue`` reads of the article's persons before it changes any of them."""

    count: Counter[str]  # person name key → number of mentions
    surnames: dict[str, set[str]]  # last word → the multi-word person keys ending in it
    first_line: int  # character offset of the end of the title line (-1: one line only)
    given: frozenset[str]  # known given names

    @classmethod
    def of(cls, text: str, persons: list[_Mention]) -> _Glue:
        surnames: dict[str, set[str]] = defaultdict(set)
        for m in persons:
            if m.end - m.start >= 2:
                surnames[m.key.split()[-1]].add(m.key)
        return cls(Counter(m.key for m in persons), surnames, text.find("\n"), given_names())

    def is_given(self, tok: Token) -> bool:
        return tok.lower_ in self.given or tok.lower_ in first_names()


def _word_before_given_name(
    doc: Doc, text: str, m: _Mention, glue: _Glue
) -> tuple[int, int] | None:
    """"Universe Carla Benitez" → "Carla Benitez": a word that is no given name, before a
    given name, goes when the rest is a person the article names on its own."""
    s, e = m.start, m.end
    if (
        e - s >= 3 and not glue.is_given(doc[s]) and doc[s].is_alpha
        and glue.is_given(doc[s + 1]) and glue.count.get(_norm(doc[s + 1 : e].text), 0) > 0
    ):
        return s + 1, e
    return None


def _headline_name(doc: Doc, text: str, m: _Mention, glue: _Glue) -> tuple[int, int] | None:
    """In a title-case title line, "Reckless Vance and Moreau" → "Vance": the one word of a
    glued form (used once, with no given name) that the article uses as a name or as the
    surname of another person. The title line only: elsewhere an unknown given name looks the
    same."""
    s, e = m.start, m.end
    if (
        glue.count[m.key] != 1 or doc[s].idx >= glue.first_line
        or not _headline_line(text, doc[s].idx) or any(glue.is_given(t) for t in doc[s:e])
    ):
        return None
    named = [i for i in range(s, e) if glue.count.get(_norm(doc[i].text), 0) > 0
             or glue.surnames.get(_norm(doc[i].text), set()) - {m.key}]
    return (named[0], named[0] + 1) if len(named) == 1 else None


#: How a glued person's name is cut back to the name, tried in order; the first that fits wins.
_UNGLUE_RULES = (_word_before_given_name, _headline_name)


def _unglue(doc: Doc, text: str, mentions: list[_Mention]) -> None:
    """Drop capitalised non-name words glued to a person's name (``_UNGLUE_RULES``), after
    splitting a person's surname off a known name it ran into (``_split_trailing_person``).
    What the article says about its persons is read before any mention changes."""
    persons = [m for m in mentions if m.label == "PERSON"]
    if not persons:
        return
    glue = _Glue.of(text, persons)
    _split_trailing_person(doc, text, mentions, glue.surnames)
    for m in persons:
        if m.end - m.start < 2:
            continue
        span = next((found for rule in _UNGLUE_RULES
                     if (found := rule(doc, text, m, glue)) is not None), None)
        if span is None:
            continue
        m.start, m.end = span
        m.surface = text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1].text)]
        m.key = _norm(m.surface)
