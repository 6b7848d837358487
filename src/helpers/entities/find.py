"""Recall: names spaCy left untagged, found again (step 4 of ``from_doc``).

``_findable`` lists what is worth finding (the article's own names and its people's surnames);
``_find_more`` scans the capitalised words of the text and turns a candidate into a mention
with the first of ``_FIND_RULES`` that fits: a name after a courtesy title ("Mr Jordan"), the
longest article or findable gazetteer name, an untagged "Given Surname" pair.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..lexicons import given_names
from .names import (
    NAME_LABELS,
    _first_words,
    _looks_like_person,
    _Mention,
    _norm,
    honorifics,
    lexicon,
)
from .spans import _in_rows


def _findable(labels: dict[str, str], surnames: dict[str, Any]) -> dict[str, str]:
    """Article names worth finding again where spaCy missed them: key → label."""
    out = {}
    for key, label in labels.items():
        if label not in NAME_LABELS or len(key) < 2 or key in STOP_WORDS:
            continue
        if not any(c.isalpha() for c in key):
            continue
        out[key] = label
    for key in surnames:
        if key not in STOP_WORDS and len(key) >= 2:
            out[key] = "PERSON"
    return out


_CAPITALISED = re.compile(r"(?<![\w'’.-])[^\W\d_a-z]", re.UNICODE)


@dataclass
class _NameScan:
    """One article as ``_find_more`` scans it: token offsets, which tokens are already
    mentions (``covered``, updated as names are found), and the names worth finding."""

    doc: Doc
    text: str
    covered: list[bool]
    local: dict[str, str]  # the article's own names: key → label
    rows: list[tuple[int, int]]
    starts: list[int]  # character offset of each token
    lengths: list[int]
    local_firsts: frozenset[str]
    longest: int  # most tokens a findable name can span

    @classmethod
    def of(
        cls, doc: Doc, text: str, covered: list[bool], local: dict[str, str],
        rows: list[tuple[int, int]],
    ) -> _NameScan:
        longest = _first_words()[1]
        if local:
            longest = max(longest, *(2 * len(k.split()) for k in local))
        arrays = doc.to_array(["IDX", "LENGTH"])
        return cls(doc, text, covered, local, rows, arrays[:, 0].tolist(),
                   arrays[:, 1].tolist(), frozenset(re.split(r"[\s\-]", k)[0] for k in local),
                   longest)

    def word(self, i: int) -> str:
        return self.text[self.starts[i] : self.starts[i] + self.lengths[i]]

    def surface(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.starts[j - 1] + self.lengths[j - 1]]


@dataclass(frozen=True)
class _Candidate:
    """A capitalised token that may start a name spaCy missed."""

    i: int  # token index
    given: bool  # a known given name ("Carla")
    titled: bool  # right after a courtesy title ("Mr")


def _candidate(scan: _NameScan, char: int, next_free: int) -> _Candidate | None:
    """The token starting at ``char`` when it is free and could start a name: a given name,
    a word after a courtesy title, or the first word of a lexicon or article name."""
    i = bisect.bisect_left(scan.starts, char)
    if i >= len(scan.starts) or scan.starts[i] != char or i < next_free or scan.covered[i]:
        return None
    low = scan.word(i).lower()
    given = low.split("-")[0] in given_names()
    titled = i > 0 and scan.word(i - 1).lower() in honorifics()
    if given or titled or low in _first_words()[0] or low in scan.local_firsts:
        return _Candidate(i, given, titled)
    return None


def _lexicon_label(scan: _NameScan, i: int, j: int, key: str) -> str | None:
    """The label of lexicon name ``key`` at tokens ``i:j`` when it is written as a name here."""
    entry = lexicon().get(key)
    if entry is None or not entry.find:
        return None
    doc = scan.doc
    span = doc[i:j]
    upper = all(t.is_upper or not t.is_alpha for t in span)
    if not (upper or entry.label == "NORP" or any(t.pos_ == "PROPN" for t in span)):
        return None
    if not upper and j < len(doc) and not scan.covered[j] and doc[j].is_title:
        return None  # part of a longer untagged name: "Florence Nightingale", "Georgia Tech"
    return entry.label


def _span_mention(scan: _NameScan, i: int, j: int) -> _Mention | None:
    """Tokens ``i:j`` as a mention of an article name or a findable lexicon name, or None."""
    if any(scan.covered[i:j]):
        return None
    surface = scan.surface(i, j)
    if "\n" in surface or surface[-1:].isspace():
        return None
    key = _norm(surface)
    label = scan.local.get(key)
    if label is None:
        label = _lexicon_label(scan, i, j, key)
        if label is None:
            return None
    elif j - i == 1 and scan.doc[i].pos_ != "PROPN" and not scan.doc[i].is_upper:
        return None  # a repeated single word must at least look like a name ("Next", "Women")
    return _Mention(i, j, label, key, surface, _in_rows(scan.rows, scan.starts[i]))


def _titled_person(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """"Mr Jordan" is a person even though Jordan is a country."""
    if not c.titled:
        return None
    return _given_name_person(scan.doc, scan.text, scan.covered, c.i, scan.starts, scan.lengths,
                              scan.rows, titled=True)


def _known_name(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """The longest article or lexicon name starting at the candidate."""
    for j in range(min(len(scan.starts), c.i + scan.longest), c.i, -1):
        found = _span_mention(scan, c.i, j)
        if found is not None:
            return found
    return None


def _given_and_surname(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """An untagged "Given Surname" ("Carla Benitez")."""
    if not c.given or c.titled:
        return None
    return _given_name_person(scan.doc, scan.text, scan.covered, c.i, scan.starts, scan.lengths,
                              scan.rows)


#: How an untagged candidate becomes a mention, tried in order; the first that fits wins.
_FIND_RULES = (_titled_person, _known_name, _given_and_surname)


def _find_more(
    doc: Doc, text: str, covered: list[bool], local: dict[str, str], rows: list[tuple[int, int]]
) -> list[_Mention]:
    """Untagged capitalised occurrences of article names and of findable lexicon names.

    Candidates come from a regex over the text (capitalised words whose lower case starts a
    known name), so only a few tokens per article are looked at; ``_FIND_RULES`` turn a
    candidate into a mention. ``covered`` is updated with the tokens found."""
    scan = _NameScan.of(doc, text, covered, local, rows)
    added: list[_Mention] = []
    next_free = 0
    for match in _CAPITALISED.finditer(text):
        candidate = _candidate(scan, match.start(), next_free)
        if candidate is None:
            continue
        found = next(
            (m for rule in _FIND_RULES if (m := rule(scan, candidate)) is not None), None
        )
        if found is None:
            continue
        added.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        next_free = found.end
    return added


def _given_name_person(
    doc: Doc,
    text: str,
    covered: list[bool],
    i: int,
    starts: list[int],
    lengths: list[int],
    rows: list[tuple[int, int]],
    titled: bool = False,
) -> _Mention | None:
    """An untagged "Given Surname" pair (up to four capitalised words) or a capitalised name
    after a courtesy title ("Mr Hale"): a PERSON."""
    j = i + 1
    while j < len(doc) and j - i < 4 and not covered[j]:
        word = text[starts[j] : starts[j] + lengths[j]]
        if not (word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()):
            break
        j += 1
    if titled:
        if doc[i].pos_ != "PROPN" or doc[i].lower_ in STOP_WORDS:
            return None
    elif j - i < 2 or not _looks_like_person(doc, i, j):
        return None
    if any(doc[k].pos_ != "PROPN" for k in range(i + 1, j)):
        return None
    surface = text[starts[i] : starts[j - 1] + lengths[j - 1]]
    if "\n" in surface:
        return None
    return _Mention(i, j, "PERSON", _norm(surface), surface, _in_rows(rows, starts[i]))
