"""spaCy's entity spans cleaned up and given base labels (steps 1 and 2 of ``from_doc``).

``_collect`` reads spaCy's name entities from the token arrays and cuts each at line breaks,
list punctuation, spaced dashes and (for name labels) numbers; trims "the", possessives and
courtesy titles; splits a leading nationality off a person's name and two known names run
together after an abbreviation; drops the portfolio of a job title ("Secretary of State").
Each piece then gets its base label: the gazetteer's, else PERSON for a "Given Surname" or a
name after "Mr"; ``_teams`` makes places in results-table rows organisations (teams).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .names import (
    NAME_LABELS,
    PLACE_LABELS,
    Entry,
    _looks_like_person,
    _Mention,
    _norm,
    _office_words,
    honorifics,
    lexicon,
)

_NUMERIC = re.compile(r"^[-+]?[\d.,/:–-]*\d[\d.,/:–-]*$")
#: Labels whose spans are cut at numbers ("J. Smith 63", "Leeds 3 Derby 2"); titles of events,
#: products and works keep theirs ("Apollo 11", "Windows 10").
_CUT_AT_NUMBERS = frozenset({"PERSON", "NORP", "GPE", "LOC", "ORG"})
#: Tokens that always end a name: list and bracket punctuation.
_BREAK_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "{", "}", '"', "“", "”", "|", "/"})
#: Dashes end a name only when spaced ("Romania - Andrei Popa", not "Jean-Daniel").
_DASHES = frozenset({"-", "–", "—", "--"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})


def _is_office(doc: Doc, start: int, key: str) -> bool:
    """``key`` is the portfolio of a job title: "Secretary of [State]", "Minister of [the]
    [Interior]"."""
    titles, portfolios = _office_words()
    if key not in portfolios:
        return False
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in titles


def _is_number(token: Token) -> bool:
    return bool(_NUMERIC.match(token.text))


def _is_break(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.is_space or "\n" in token.text:
        return True
    if token.text in _BREAK_PUNCT:
        return True
    if token.text in _DASHES:
        before = i > 0 and bool(doc[i - 1].whitespace_)
        return before and bool(token.whitespace_)
    return False


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", possessives, punctuation and numbers at the edges."""
    while start < end:
        token = doc[start]
        if token.lower_ == "the" or token.is_punct or token.is_space or _is_number(token):
            start += 1
        else:
            break
    while end > start:
        token = doc[end - 1]
        if token.text in _POSSESSIVES or token.is_punct or token.is_space or _is_number(token):
            end -= 1
        else:
            break
    return start, end


def _pieces(doc: Doc, start: int, end: int, label: str) -> Iterable[tuple[int, int]]:
    """Cut a spaCy span at breaks (and numbers for name labels), then trim each piece."""
    cut_numbers = label in _CUT_AT_NUMBERS
    piece_start = start
    for i in range(start, end + 1):
        if i == end or _is_break(doc, i) or (cut_numbers and _is_number(doc[i])):
            s, e = _trim(doc, piece_start, i)
            # A name has a capital somewhere ("iPod", "al-Qaeda"); "congress", "named" do not.
            if s < e and any(not t.text.islower() and t.is_alpha or t.text[:1].isupper()
                             for t in doc[s:e]):
                yield from _split_after_abbreviation(doc, s, e)
            piece_start = i + 1


def _split_after_abbreviation(doc: Doc, start: int, end: int) -> Iterable[tuple[int, int]]:
    """"…on behalf of the U.S. Russia has…": the parser did not end the sentence after the
    abbreviation, so the tagger ran two names together. Split after a known name ending in a
    period when what follows is itself a known name that a verb follows, i.e. the subject of
    a new sentence (and the whole is not one name, as in "U.S. State Department"; "the U.S.
    Gulf as of ..." stays)."""
    lex = lexicon()
    if (end - start < 2 or end >= len(doc) or doc[end].pos_ not in ("VERB", "AUX")
            or _norm(doc[start:end].text) in lex):
        yield start, end
        return
    for i in range(start, end - 1):
        word = doc[i].text
        if (
            len(word) > 2 and word.endswith(".") and _norm(word) in lex
            and doc[i].whitespace_ and doc[i + 1].text[:1].isupper()
            and _norm(doc[i + 1 : end].text) in lex
        ):
            yield start, i + 1
            yield i + 1, end
            return
    yield start, end


_ROW_NUMBER = re.compile(r"(?<![\w])[-+]?\.?\d[\d.,/:-]*(?![\w])")
_ROW_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _table_rows(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines that look like results-table rows: at least two numbers
    and as many numbers as words ("Rovers 2 United 1", "Essex 108-3"), not counting an ISO
    date (a dateline such as "MADRID 2024-05-01" is no row)."""
    rows = []
    start = 0
    for line in text.split("\n"):
        if line and _DIGIT.search(line):
            plain = _ISO_DATE.sub(" ", line)
            numbers = len(_ROW_NUMBER.findall(plain))
            if numbers >= 2 and numbers >= len(_ROW_WORD.findall(plain)):
                rows.append((start, start + len(line)))
        start += len(line) + 1
    return rows


def _in_rows(rows: list[tuple[int, int]], char: int) -> bool:
    """``char`` lies on one of the (sorted, disjoint) row ranges."""
    k = bisect.bisect_right(rows, (char, 1 << 62)) - 1
    return k >= 0 and rows[k][0] <= char < rows[k][1]


def _ents(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's name entities as (start token, end token, label), read from the token arrays
    (much cheaper than building ``doc.ents`` Spans)."""
    strings = doc.vocab.strings
    out: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, (iob, type_) in enumerate(doc.to_array(["ENT_IOB", "ENT_TYPE"]).tolist()):
        # IOB codes: 3 = B (begins), 1 = I (inside), 2 = O (outside), 0 = unset.
        if start >= 0 and iob != 1:
            out.append((start, i, label))
            start = -1
        if iob == 3:
            name = strings[type_]
            if name in NAME_LABELS:
                start, label = i, name
    if start >= 0:
        out.append((start, len(doc), label))
    return out


def _nationality_before_name(
    doc: Doc, start: int, end: int, label: str, lex: dict[str, Entry]
) -> bool:
    """The span opens with a nationality followed by a person's name."""
    entry = lex.get(doc[start].lower_)
    if entry is None or entry.label != "NORP" or not doc[start + 1].text[:1].isupper():
        return False
    if label == "PERSON":
        return doc[start + 1 : end].text.lower() not in lex
    return _looks_like_person(doc, start + 1, end)


def _after_honorifics(
    doc: Doc, start: int, end: int, label: str, titles_of_address: frozenset[str]
) -> tuple[int, str, bool]:
    """A span without its leading courtesy titles: "Mr Hale" (tagged ORG) is the person Hale.
    Returns the new start, the label (PERSON after a title) and whether a title was dropped."""
    titled = False
    while start < end and doc[start].lower_ in titles_of_address:
        start += 1
        label, titled = "PERSON", True
    return start, label, titled


def _collect(doc: Doc, text: str) -> tuple[list[_Mention], list[bool], list[tuple[int, int]]]:
    """Cleaned spaCy mentions with base labels, the covered-token mask and table rows."""
    lex = lexicon()
    titles_of_address = honorifics()
    rows = _table_rows(text)
    covered = [False] * len(doc)
    mentions: list[_Mention] = []
    for ent_start, ent_end, ent_label in _ents(doc):
        for s, e in _pieces(doc, ent_start, ent_end, ent_label):
            s, label, titled = _after_honorifics(doc, s, e, ent_label, titles_of_address)
            if s == e:
                continue
            if e - s >= 2 and _nationality_before_name(doc, s, e, label, lex):
                # "Kenyan Susan Otieno": the nationality is its own mention.
                m = _Mention(s, s + 1, "NORP", doc[s].lower_, doc[s].text)
                m.table_row = _in_rows(rows, doc[s].idx)
                mentions.append(m)
                covered[s] = True
                s, label = s + 1, "PERSON"
            surface = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
            key = _norm(surface)
            if label == "ORG" and _is_office(doc, s, key):
                covered[s:e] = [True] * (e - s)  # and never found again as a name
                continue
            # "Mr X" is strong evidence of a person: it outweighs two stray tags.
            m = _Mention(s, e, label, key, surface, weight=3 if titled else 1)
            entry = None if titled else lex.get(key)
            if entry is not None:
                m.label = entry.label
            elif m.label != "PERSON" and _looks_like_person(doc, s, e):
                m.label = "PERSON"
            m.table_row = _in_rows(rows, doc[s].idx)
            mentions.append(m)
            covered[s:e] = [True] * (e - s)
    _teams(doc, mentions, lex)
    return mentions, covered, rows


def _teams(doc: Doc, mentions: list[_Mention], lex: dict[str, Entry]) -> None:
    """In results-table rows, a city or region names a team (ORG); countries stay places
    (national sides keep their country label) and so do places in brackets."""
    for m in mentions:
        if not m.table_row or m.label not in PLACE_LABELS:
            continue
        entry = lex.get(m.key)
        if entry is not None and entry.category.startswith("country"):
            continue
        if m.start > 0 and doc[m.start - 1].text == "(":
            continue
        m.label = "ORG"
