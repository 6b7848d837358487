"""Headline descriptions: "Popular Website Shows Bias", "Black Lawmakers Rip Plan".

A headline names its speaker by what they are, and the article then names them: the
website is the organisation the next sentences name, the lawmakers a body named there whose
name shares their description's word ("Congressional Black Caucus"). Title case defeats the
tagger ("Lawmakers" is read as a proper noun, its lemma left as written), so the head's
word is looked up singular and lower case.

:func:`headline_description` resolves such a description by ranking (:mod:`.ranker`, the
``body`` weights) the entities named after the headline within ``FORWARD_WINDOW``
sentences: for an outlet or organisation ("website", "group"), the organisations (an outlet
by its name, the role match); for a group of people ("lawmakers"), the organisations whose
name has one of the description's modifiers (not a party or a place: "Democratic lawmakers"
are no "Democratic National Committee"). A singular person ("Former Aide Says") is left to
:mod:`.persons` (``lede_person``), and a description no candidate fits passes on (the phrase
is then kept as written).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..lexicons import described_as, descriptions, role_aliases
from ..loading.text import title_line
from .candidates import Anaphor, Seen, collect, name_words, singular
from .mentions import FORWARD_WINDOW, Mention
from .ranker import rank
from .roles import Description
from .state import Query, Resolution

_BODY_KINDS = frozenset({"media", "org", "gpe"})


def headline_description(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A description heading a speaker in the headline ("Popular Website", "Black
    Lawmakers"): the organisation named after the headline that ranks best, else pass."""
    title = title_line(q.mentions.text)
    if title is None or not title[0] <= head.idx < title[1]:
        return None
    if q.mentions.entity_at(head) is not None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    word = singular(head.lower_)
    desc = descriptions().get(word)
    if desc is None or word in described_as("poll") | described_as("study") or any(
        q.mentions.at(t) is not None for c in head.lefts for t in c.subtree
    ):
        return None  # a poll, or a thing named inside ("Pentagon Report"): descriptions.py
    plural = head.tag_ in ("NNS", "NNPS") or word != head.lower_
    if desc["kind"] not in _BODY_KINDS and not (desc["kind"] == "person" and plural):
        return None  # one person: introduced by the lede (persons.lede_person)
    d = replace(Description.of(head, desc, lambda i: q.mentions.label_at(q.mentions.doc[i])),
                role=role_aliases().get(word, word), kind=desc["kind"])
    a = Anaphor(head, "body", "", None, frozenset(), d)
    seen = [_after(q, m) for m in _named_after(q, title[1]) if _fits(d, m)]
    chosen = rank(q, a, collect(q, a, seen))
    if chosen is None:
        return None
    return Resolution(*span, chosen.seen.record[0], chosen.seen.record[1], "description")


def _named_after(q: Query, end: int) -> list[Mention]:
    """The entity mentions after character ``end`` (the headline's), within
    ``FORWARD_WINDOW`` sentences of the first of them."""
    mentions = q.mentions
    later = [m for m in mentions.items if m.char_start >= end]
    if not later:
        return []
    first = mentions.sent_of(later[0].start)
    return [m for m in later if mentions.sent_of(m.start) - first <= FORWARD_WINDOW]


def _fits(d: Description, m: Mention) -> bool:
    """Can the description's referent be mention ``m``: a place for a state ("Nation"),
    an organisation for an outlet or organisation (an outlet's name is one); for a group of
    people, an organisation whose name has one of its modifiers that is neither a party nor
    a place."""
    if d.kind == "gpe":
        return m.label == "GPE"
    if m.label != "ORG":
        return False
    if d.kind == "person":
        return bool((d.mods - d.party - d.places) & name_words(m.canonical or m.surface))
    return True


def _after(q: Query, m: Mention) -> Seen:
    root = q.mentions.doc[m.start : m.end].root
    return Seen(root.i, m.entity_id, m.record, m.label or "", "after", False, m.k)
