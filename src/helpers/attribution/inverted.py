"""Inverted comment clauses: "Then, says Ms Lee, the world found out."

A cue inverted after its sentence's opening words (no verb among them), its speaker right
after it, both between commas before a clause with a subject of its own, reports that
clause; an apposition to the speaker may come between ("said Jo Roe, a consultant at X,
because ..."). The parser misreads the construction in many ways (the cue as the root and
the clause hanging from the speaker, the opening words as the cue's subject), so it is read
from the word order. :func:`inverted_clause` is tried by :mod:`.verbs` before the parse's
own content (content finder ``inverted``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .content import opens_wrapped_clause
from .marks import QUOTE_CHARS

Chars = tuple[int, int]
_SUBJ = ("nsubj", "nsubjpass")
#: Word classes of an inverted cue's speaker phrase ("said the chief of X at Y").
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "ADP", "NUM", "PART"})
#: ... and of an apposition to it ("head of sales and marketing at X").
_APPOSITION_POS = _SPEAKER_POS | {"CCONJ", "PUNCT"}
#: How far (in tokens) the speaker phrase or its apposition may run before its comma.
PHRASE_LIMIT = 10


@dataclass(frozen=True)
class InvertedClause:
    """What an inverted cue reports (character span) and who says it (the speaker token
    read from the word order, which the parse often gets wrong)."""

    content: Chars
    speaker: Token


def inverted_clause(tok: Token) -> InvertedClause | None:
    """The clause inverted cue ``tok`` reports and its speaker, else None."""
    doc, sent = tok.doc, tok.sent
    s0 = _opening(tok)
    if s0 is None:
        return None
    comma = _phrase_end(doc, tok.i + 1, sent.end)
    if comma is None:
        return None
    phrase = doc[tok.i + 1 : comma]
    if not phrase or phrase[0].pos_ == "PART" or any(t.pos_ not in _SPEAKER_POS for t in phrase):
        return None
    comma = _past_apposition(doc, comma, sent.end)
    last = sent.end - 1
    while last > comma and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if "\n" in doc[s0 : last + 1].text or not _clause_with_subject(tok, s0, comma, last):
        return None
    speaker = _phrase_head(phrase)
    if speaker is None:
        return None
    start = s0 if opens_wrapped_clause(doc, s0, tok.i - 1) else comma + 1
    return InvertedClause((doc[start].idx, doc[last].idx + len(doc[last])), speaker)


def _opening(tok: Token) -> int | None:
    """Where the sentence's opening words start, if the cue is finite, follows them and a
    comma, has no subject before it ("X, Y, agreed ..." is not inverted), and they hold no
    verb or quotation ("For instance,", "The comments,"); else None."""
    doc = tok.doc
    if tok.tag_ not in ("VBZ", "VBD", "VBP") or any(
        c.dep_ in _SUBJ and c.i < tok.i for c in tok.children
    ):
        return None
    s0 = tok.sent.start
    while s0 < tok.i and (doc[s0].is_space or doc[s0].is_punct):
        s0 += 1
    if s0 >= tok.i - 1 or doc[tok.i - 1].text != ",":
        return None
    opening = doc[s0 : tok.i]
    if any(t.pos_ in ("VERB", "AUX") for t in opening) or any(
        t.text in QUOTE_CHARS and t.dep_ != "case" for t in opening  # not "the ministers'"
    ):
        return None
    return s0


def _past_apposition(doc: Doc, comma: int, end: int) -> int:
    """The comma after an apposition to the speaker, if one follows; else ``comma``."""
    nxt = _phrase_end(doc, comma + 1, end)
    if nxt is not None and all(t.pos_ in _APPOSITION_POS for t in doc[comma + 1 : nxt]):
        return nxt
    return comma


def _clause_with_subject(tok: Token, s0: int, comma: int, last: int) -> bool:
    """Does the clause after the commas have a subject (before or after them)?"""
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "csubj") and comma < t.head.i <= last
        and not tok.i <= t.i <= comma
        for t in tok.doc[s0 : last + 1]
    )


def _phrase_head(phrase: Span) -> Token | None:
    """The speaker: the phrase's first noun whose head lies outside it, else its first."""
    nouns = [t for t in phrase if t.pos_ in ("PROPN", "NOUN", "PRON")]
    heads = [t for t in nouns if not phrase.start <= t.head.i < phrase.end]
    return heads[0] if heads else (nouns[0] if nouns else None)


def _phrase_end(doc: Doc, i: int, end: int) -> int | None:
    """The first comma from ``i`` within ``PHRASE_LIMIT`` tokens (before ``end``), else
    None (also at a quotation mark or a line break)."""
    for j in range(i, min(end, i + PHRASE_LIMIT + 1)):
        if doc[j].text == ",":
            return j
        if doc[j].text in QUOTE_CHARS or doc[j].is_space:
            return None
    return None
