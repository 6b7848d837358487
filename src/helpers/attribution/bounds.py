"""Sentence and paragraph bounds, and the repairs that keep content inside them.

Content spans never cross a paragraph break; sentence ends are found by punctuation
(:func:`sentence_start`, :func:`sentence_end`: a stop before a space, never a title's period
as in "Sen. Lee"). The repairs fix where the parse put a boundary in the wrong place: a
sentence end missed after an abbreviation ("... the U.S. Russia has":
:func:`abbreviation_break`), a new "sentence" started mid-clause (:func:`missed_boundary`),
a hyphenated word split into two clauses (:func:`glued_word_end`), a closing quotation mark
left out of the content (:func:`close_quotes`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicons import title_abbreviations
from ..speakers import Mentions

_TRIM = " \t\n,;:—–-"
ABBREV = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:Inc|Corp|Co|Ltd|Jr|Sr)\.$")
ABBREV_END = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$")
# Capitalised words that cannot continue a noun phrase after "U.S." ("... the U.S. The ...")
_CLAUSE_OPENERS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "ADV", "AUX"})
_NEW_NAME = frozenset({"GPE", "PERSON", "LOC"})
_SENT_START = re.compile(r"(?:[.!?][\"”’)]*\s+|\n)(?=[^\n]*$)")
# a sentence ends at a stop followed by a space or the text end ("Everett, Wash., said")
_SENT_END = re.compile(r"[.!?][\"”’)]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"\b(\w+)\.$")


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (line) character ``pos`` lies in."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def in_paragraph(text: str, pos: int, a: int, b: int) -> tuple[int, int]:
    """``a..b`` cut to the paragraph of ``pos`` (the parser may run a sentence across a
    paragraph break: content stays in the cue's paragraph)."""
    para_a, para_b = paragraph_of(text, pos)
    return max(a, para_a), min(b, para_b)


def para_break(text: str, a: Token, b: Token) -> bool:
    """Do tokens ``a`` and ``b`` lie in different paragraphs (a parse run across a break)?"""
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return "\n" in text[lo.idx : hi.idx]


def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence ``pos`` lies in (same paragraph), by punctuation."""
    lo = max(0, pos - 400)
    m = _SENT_START.search(text, lo, pos)
    last = None
    while m is not None:
        last = m
        m = _SENT_START.search(text, m.end(), pos)
    return last.end() if last is not None else lo


#: What closes a sentence: its stop and the marks after it.
CLOSERS = ".!?\"”’)"


def before_closers(text: str, end: int, floor: int = 0) -> int:
    """``end`` moved back over the sentence stop and closing marks right before it (not
    below ``floor``)."""
    while end > floor and text[end - 1] in CLOSERS:
        end -= 1
    return end


def sentence_end(text: str, pos: int) -> int:
    """End of the sentence ``pos`` lies in (at the latest the paragraph end)."""
    m = _SENT_END.search(text, pos)
    while m is not None and title_stop(text, m.start()):
        m = _SENT_END.search(text, m.end())
    if m is None:
        return len(text)
    para_end = text.find("\n", pos)
    if para_end >= 0 and para_end < m.start():
        return para_end
    return m.end()


def title_stop(text: str, dot: int) -> bool:
    """Is the period at ``dot`` that of an abbreviated title ("Sen. Lee", "Gen. Milley";
    :func:`helpers.lexicons.title_abbreviations`), which never ends a sentence?"""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 6), dot + 1)
    return m is not None and m.group(1).lower() in title_abbreviations()


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``a..b`` without surrounding spaces and punctuation, nor a final period (unless it
    ends an abbreviation or an ellipsis)."""
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    if b > a and text[b - 1] == "." and not (b >= 2 and text[b - 2] == ".") and not (
        ABBREV_END.search(text, max(a, b - 12), b - 1)
    ):
        b -= 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
    return a, b


def span_chars(tokens: list[Token] | Span) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last)


def subtree_chars(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def tokens_in(doc: Doc, a: int, b: int) -> list[Token]:
    if b <= a:
        return []
    span = doc.char_span(a, b, alignment_mode="expand")
    return list(span) if span is not None else []


def missed_boundary(doc: Doc, mentions: Mentions, text: str, a: int, b: int) -> int:
    """End of content ``text[a:b]`` when the parser started a new sentence in mid-clause
    ("mentioned disparaging remarks | Trump had made about ...", "Chairman of the U.S. |
    Joint Chiefs of Staff"): the subtree stops there, so the content runs on to the real
    sentence end (same paragraph)."""
    span = doc.char_span(b - 1, b, alignment_mode="expand")
    if span is None:
        return b
    j = span[-1].i + 1
    if j >= len(doc) or not doc[j].is_sent_start or doc[j].is_punct or doc[j].is_space:
        return b
    if text[b - 1] in ".!?;:\"”’)":
        last = span[-1]
        if not ABBREV.match(last.text) or sentence_opener(mentions, last, doc[j]):
            return b  # a real sentence end (not "the U.S. | Joint Chiefs")
    if "\n" in text[b : doc[j].idx] or doc[j].text[:1].isupper() and doc[j].pos_ in (
        "DET", "PRON", "ADV", "SCONJ", "CCONJ"
    ):
        return b  # a paragraph break, or a real sentence start the writer left unpunctuated
    return max(b, before_closers(text, sentence_end(text, b), b))


def abbreviation_break(doc: Doc, mentions: Mentions, a: int, b: int) -> int:
    """End of content ``text[a:b]`` at a sentence boundary the parser missed after an
    abbreviation ("... on behalf of the U.S. Russia has ..."): the period of "U.S."/"Inc."
    followed by a capitalised word that opens a new sentence -- a function word ("The",
    "He") or a new place or person name right after the abbreviation's own name, which
    cannot continue its noun phrase (unlike "the U.S. Senate", "the U.S. Joint Chiefs")."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return b
    for tok in span[:-1]:
        if tok.text[-1] == "." and ABBREV.match(tok.text) and (
            sentence_opener(mentions, tok, doc[tok.i + 1])
        ):
            return tok.idx + len(tok)
    return b


def sentence_opener(mentions: Mentions, abbrev: Token, nxt: Token) -> bool:
    """Does ``nxt``, right after the abbreviation ``abbrev``, open a new sentence?"""
    if not abbrev.whitespace_ or not nxt.is_alpha or not nxt.text[:1].isupper():
        return False
    if nxt.lower_ == "i":
        return False
    new_name = (
        mentions.starts_mention(nxt.i)
        and mentions.label_at(nxt) in _NEW_NAME and mentions.entity_at(abbrev) is not None
    )
    return new_name or nxt.pos_ in _CLAUSE_OPENERS


def glued_word_end(doc: Doc, text: str, b: int) -> int:
    """Content cut inside a hyphenated word ("should be re" | "-drafted after ..."): the
    parser split the word into sibling clauses; the content runs on over the rest of it and
    what that part governs, within the sentence."""
    if not (0 < b < len(text) - 1 and text[b] in "-‐" and text[b - 1].isalnum()
            and text[b + 1].isalnum()):
        return b
    span = doc.char_span(b + 1, b + 2, alignment_mode="expand")
    if span is None or len(span) == 0:
        return b
    tok = span[0]
    last = tok.right_edge
    if last.sent.start != tok.sent.start or last.i < tok.i:
        return b
    while last.i > tok.i and last.is_punct:
        last = doc[last.i - 1]
    return max(b, last.idx + len(last))


def close_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """Keep a quotation mark that closes inside the content (the clause ends in a quote)."""
    if b < len(text) and text[b] in "”\"’" and text[a:b].count("“") > text[a:b].count("”"):
        b += 1
    return a, b
