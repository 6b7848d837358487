"""What a count counts, read from the parse: the lemma of the counted noun ("four Ukrainian
regions" → "region", "dozens of homes" → "home"), and the numbers that count nothing because
they are part of a name ("Radio 4", "the Guildford Four"), an address ("10 Downing Street",
"221B Baker Street"), or a lone pronoun "one" ("the one you mentioned")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..numbers import NumberMatch, load_csv

__all__ = ["Counted", "counted"]

_NAME_ENTITIES = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW",
                            "GPE", "LOC", "NORP", "LANGUAGE"})


@dataclass(frozen=True)
class Counted:
    """The parse's verdict on a count: ``keep`` it or not, and the counted noun's ``lemma``."""

    keep: bool
    lemma: str | None = None
    reason: str = ""


@functools.lru_cache(maxsize=1)
def _street_words() -> re.Pattern[str]:
    words = sorted((r["word"] for r in load_csv("figure_address_words.csv")), key=len,
                   reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"[ \t]+(?:[A-Z][\w'’-]*[ \t]+){{0,3}}(?:{alt})\b\.?")


def _address(text: str, n: NumberMatch) -> bool:
    """ "10 Downing Street", "1600 Pennsylvania Avenue": a house number."""
    return not n.words and bool(_street_words().match(text, n.end))


def _noun_of(doc: Doc, tok: Token) -> Token | None:
    """ "dozens of homes", "hundreds of thousands of people": the noun after "of"."""
    k = tok.i + 2
    while k < len(doc) and doc[k].pos_ in ("ADJ", "DET", "NUM", "ADP") and k < tok.i + 6:
        k += 1
    return doc[k] if k < len(doc) and doc[k].pos_ == "NOUN" else None


def _noun_after(doc: Doc, tok: Token, n: NumberMatch) -> Token | None:
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.i > tok.i and \
            tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None:
        return None
    if nxt.pos_ == "NOUN" and (nxt.tag_ != "NN" or n.value == 1):
        return nxt
    return _noun_of(doc, tok) if n.vague and nxt.lower_ == "of" else None


def counted(doc: Doc, n: NumberMatch, text: str) -> Counted:
    """Whether the count ``n`` counts something, and what."""
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None or not len(span):
        return Counted(True)
    tok = span[-1]
    if tok.ent_type_ in _NAME_ENTITIES:
        return Counted(False, reason="name")  # "Radio 4", "FTSE 100", "the Guildford Four"
    if _address(text, n):
        return Counted(False, reason="address")
    noun = _noun_after(doc, tok, n)
    if noun is None:
        if text[n.start : n.end].lower() == "one":
            return Counted(False, reason="pronoun")  # "the one you mentioned"
        return Counted(True)
    if noun.lower_ in ("%", "percent"):
        return Counted(True)
    return Counted(True, noun.lemma_.lower())
