"""The tense a date is read in: ``"past"``, ``"present"``, ``"future"`` or None.

With a parse (:func:`doc_tense`) it is the tense of the verb that governs the date: "said
Friday" (past), "is payable Jan. 2" (present), "will meet on Thursday", "plans to vote in
March" (future). Without one (:func:`text_tense`) a guess from the words before the date in its
clause.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Tense", "doc_tense", "text_tense"]

#: Character offset → tense of the verb governing a date there.
Tense = Callable[[int], str | None]

_FUTURE = re.compile(r"\b(?:will|would|shall|going\s+to|due\s+to|set\s+to|scheduled|upcoming"
                     r"|plans?\s+to|expects?\s+to)\b|'ll\b|\bwo\s*n[o']t\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|went|came|left|met|saw|made|took|gave|got"
                   r"|began|fell|rose|won|lost|held|led|paid|sent|spent|kept|brought|bought"
                   r"|found|became|\w{3,}ed)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;]\s")


def text_tense(text: str) -> Tense:
    """A tense guess from the words of the clause around a position: "will", "going to" →
    future; a past form → past; else None."""

    def tense(pos: int) -> str | None:
        window = text[max(0, pos - 120) : pos]
        ends = list(_CLAUSE_END.finditer(window))
        if ends:
            window = window[ends[-1].end() :]
        after = _CLAUSE_END.search(text, pos, pos + 120)
        window += text[pos : after.start() if after else pos + 120]
        if _FUTURE.search(window):
            return "future"
        return "past" if _PAST.search(window) else None

    return tense


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll", "would", "'d"})
#: Verbs whose infinitive complement happens later ("plans to vote", "is expected to rule").
_INTENT = frozenset({"plan", "expect", "intend", "schedule", "hope", "want", "aim", "prepare",
                     "set", "due", "agree", "promise", "vow", "threaten", "seek", "propose"})
_PAST_AUX = frozenset({"VBD"})


def _verb_of(tok: Token) -> Token | None:
    """The verb governing ``tok``: itself, or the nearest verb up its chain of heads."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


_INHERITS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl"})


def _future(verb: Token, auxes: list[Token]) -> bool:
    """ "will vote", "is going to vote", "plans to vote in March"."""
    if any(a.lower_ in _FUTURE_AUX or a.lower_ == "going" for a in auxes):
        return True
    return verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in _INTENT


def _own_tense(verb: Token, auxes: list[Token]) -> str | None:
    """The tense the verb group itself shows, from its auxiliaries and its tag."""
    if _future(verb, auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ in _PAST_AUX for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "present"  # "has voted" ("had voted" is past: its auxiliary is VBD)
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _tense_of(verb: Token, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    own = _own_tense(verb, auxes)
    if own is not None or depth > 4 or verb.dep_ not in _INHERITS:
        return own
    head = _verb_of(verb.head) if verb.head is not verb else None
    # an infinitive or participle clause takes the tense of the clause it hangs on
    return _tense_of(head, depth + 1) if head is not None and head is not verb else None


def doc_tense(doc: Doc) -> Tense:
    """Tense of the verb governing the token at each character offset of ``doc`` (the token
    offsets are read only when a date asks)."""
    from ..nlp import token_starts  # here: importing dates needs no spaCy (see the imports)

    def tense(pos: int) -> str | None:
        i = bisect.bisect_right(token_starts(doc), pos) - 1
        if i < 0:
            return None
        verb = _verb_of(doc[i])
        return _tense_of(verb) if verb is not None else None

    return tense
