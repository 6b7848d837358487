"""Descriptions the article itself teaches: "German airline Lufthansa ... the airline said".

A news text often gives a name its kind once, in front of it ("oil company Yukos", "German
airline Lufthansa") or in apposition ("Yukos, the oil company,"; "the charity, Shelter,"),
and then refers back by that kind alone ("the airline", "the company"). :func:`epithet`
finds the nearest mention before a definite description that the text so described with
the description's own noun -- whatever the noun, so no word list is needed, and whatever
label the entity recogniser gave the name (a firm it took for a person is still "the
company" the text says it is).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicons import word_set
from ..nlp import doc_text
from .mentions import Mention
from .state import Query, Resolution

#: How far back (in sentences) a description looks for the name the text gave its noun.
EPITHET_WINDOW = 6
#: Places are described by the table's words ("the country"); a book titled "Brown's
#: Britain" is tagged as a place more often than a place is called "the book".
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

Found = tuple[str, str]


def described_by_text(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A definite description no other step knows ("the airline"): the name the text just
    gave that noun as its kind, else pass."""
    found = epithet(q, head)
    return Resolution(*span, *found, "description") if found is not None else None


def epithet(q: Query, head: Token) -> Found | None:
    """The one referent that the text, within ``EPITHET_WINDOW`` sentences before the
    definite singular description headed by ``head`` ("the airline", "the software
    giant"), described with the description's noun and every modifier ("German airline
    Lufthansa", "software giant Microsoft"). None when there is none, when two referents
    were so described (nearest is no better a guess than the ranker's), or when ``head``
    is no such description ("his company", "a company", "the companies", "the Falic
    group": a name of its own). Every modifier must be the text's: "the top seed" is not
    whoever was called "fourth seed"."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or not any(
        c.dep_ == "det" and c.lower_ in word_set("definite") for c in head.children
    ) or any(c.dep_ == "poss" for c in head.children):
        return None
    mentions = q.mentions
    mods = set()
    for t in head.subtree:
        if t.i >= head.i:
            break
        if mentions.entity_at(t) is not None:
            return None
        if t.is_alpha and t.dep_ not in ("det", "poss"):
            mods.add(t.lemma_.lower())
    noun = head.lemma_.lower()
    sent_now = mentions.sent_of(head.i)
    found: dict[str, Found] = {}
    for k in range(mentions.before(head.i) - 1, -1, -1):
        m = mentions[k]
        if sent_now - mentions.sent_of(m.start) > EPITHET_WINDOW:
            break
        if m.end <= head.i and m.label not in _PLACE_LABELS and any(
            kind == noun and mods <= words for kind, words in kinds(mentions.doc, m)
        ):
            found.setdefault(m.entity_id, m.record)
    return next(iter(found.values())) if len(found) == 1 else None


def kinds(doc: Doc, m: Mention) -> list[tuple[str, set[str]]]:
    """The kinds the text gives the name ``m``, each as its noun and the words modifying it
    (lower-case lemmas): a common noun in front of it ("German airline Lufthansa" →
    airline, {german}; "central bank governor Park" → governor, not bank) or in apposition
    ("Yukos, the oil company," → company, {oil}; "the charity, Shelter,"). None for a
    mention that is no proper name."""
    root = doc[m.start : m.end].root
    if root.pos_ != "PROPN":
        return []
    phrases = [c for c in root.lefts if c.pos_ == "NOUN" and c.dep_ in ("compound", "nmod")
               and c.is_lower]
    phrases += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < m.start:
        phrases.append(root.head)
    text = doc_text(doc)
    found = []
    for noun in phrases:
        lo, hi = sorted((noun.idx, root.idx))
        if "\n" in text[lo:hi]:
            continue  # a headline's last word run into the first line by the parser
        words = {t.lemma_.lower() for t in noun.subtree if t.i < noun.i and t.is_alpha
                 and t.i not in range(m.start, m.end) and t.dep_ not in ("det", "poss")}
        found.append((noun.lemma_.lower(), words))
    return found
