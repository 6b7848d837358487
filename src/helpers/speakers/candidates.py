"""Candidates: who a pronoun or description may refer to -- the records and how sightings
of one referent become one candidate.

A candidate is a referent seen before the anaphor (or, for a description that introduces
someone, named just after it), in one of these ways -- a :class:`Seen`:

- ``entity``: a mention of the entity index (``mentions.py``);
- ``speaker``: an earlier speaker as resolved (a :class:`~.state.Sighting`: "He said",
  "analysts said"), a mention of its referent the index does not have;
- ``noun``: a subject noun phrase that stands for its referent ("the diplomat", "the
  report", "Senate aides", "Vance and Moreau");
- ``after``: the person or body a description introduces, named just after it.

:func:`collect` makes one :class:`Candidate` of the sightings of one referent (its latest
sighting, how often it was seen). Each family of anaphor (:data:`FAMILIES`) has a gatherer in
``gatherers.py``; what grammar forbids is filtered there and in :func:`collect` -- the wrong
kind, a known gender that differs, an argument of the pronoun's own clause, a quotation's own
words -- everything else is a feature (:mod:`.features`) that the ranker (:mod:`.ranker`)
weighs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicons import media_words, word_set
from .mentions import SECTION_GAP
from .roles import Description
from .state import Query, Sighting

#: Anaphor families: each has a gatherer (``gatherers.py``) and a bias in the weights.
FAMILIES = ("personal", "it", "they", "description", "body")

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

Found = tuple[str | None, str | None]  # (canonical, entity id)


@dataclass(frozen=True)
class Anaphor:
    """What is being resolved: a pronoun or a person description, and what it asks for."""

    tok: Token
    family: str  # one of FAMILIES
    gender: str  # "m" | "f" | "" (none asked)
    #: key of the referent heading the subject of the clause above ("X did Y after he said")
    governor: str | None
    #: keys it cannot be: named in the content, arguments of the pronoun's own clause
    blocked: frozenset[str]
    description: Description | None = None
    #: token index of the subject heading the clause above, when no entity names it ("The
    #: committee reached its view after it found"): a noun phrase a gatherer may take up
    governor_i: int | None = None


@dataclass(frozen=True)
class Seen:
    """One sighting of a referent (see the module docstring for ``origin``)."""

    head_i: int  # token index of the sighting's head
    key: str  # entity id, or "np:<phrase>" for a referent no entity names
    record: Found  # who the anaphor is, if this referent is chosen
    label: str  # entity label, "" for a common-noun phrase
    origin: str  # entity | speaker | noun | after
    plural: bool  # a group: plural noun, coordination, organisation
    mention: int | None = None  # the index's mention (entity sightings)


@dataclass(frozen=True)
class Candidate:
    """One referent: its latest sighting (the nearest before the anaphor, else the first
    after it), how often it was seen before the anaphor, and whether it is the candidate
    that spoke last (the subject of the latest report among them) or was seen last."""

    seen: Seen
    count: int
    spoke_last: bool = False
    nearest: bool = False  # its sighting is the latest before the anaphor among them

    @property
    def key(self) -> str:
        return self.seen.key


# -- sightings ---------------------------------------------------------------------------------
def collect(q: Query, a: Anaphor, seen: Iterable[Seen]) -> list[Candidate]:
    """One candidate per referent not blocked (nor seen only inside a quotation, when the
    anaphor is outside any): its latest sighting before the anaphor (else the first after
    it), its count of sightings before it, and whether it spoke last or was seen last."""
    latest: dict[str, Seen] = {}
    spoke: tuple[int, str] | None = None
    outside = not q.mentions.quoted(a.tok.idx)
    for s in _one_per_token(seen):
        if s.key in a.blocked or outside and q.mentions.quoted(q.mentions.doc[s.head_i].idx):
            continue  # a quotation's own words name whom its speaker talks about
        old = latest.get(s.key)
        if old is None or _nearer(q, s, old, a.tok.i):
            latest[s.key] = s
        if s.origin == "speaker" and (spoke is None or s.head_i > spoke[0]):
            spoke = (s.head_i, s.key)
    near = max((s.head_i for s in latest.values() if s.head_i < a.tok.i), default=None)
    return [Candidate(s, count(q, a, s.key), spoke is not None and spoke[1] == s.key,
                      s.head_i == near) for s in latest.values()]


def _one_per_token(seen: Iterable[Seen]) -> list[Seen]:
    """Of two sightings at one token (a speaker that is also a subject phrase) the one
    naming an entity, else the first gathered."""
    at_head: dict[int, Seen] = {}
    for s in seen:
        old = at_head.get(s.head_i)
        if old is None or old.record[1] is None and s.record[1] is not None:
            at_head[s.head_i] = s
    return list(at_head.values())


def _nearer(q: Query, s: Seen, old: Seen, i: int) -> bool:
    """Is sighting ``s`` nearer the anaphor at token ``i`` than ``old``: before it rather
    than after, then in a nearer sentence, then (in one sentence) as its subject ("A
    spokesperson, Jo Roe, said": the speaker, not the apposition), then closer."""
    if (s.head_i < i) != (old.head_i < i):
        return s.head_i < i
    if s.head_i > i:
        return s.head_i < old.head_i
    sent_s, sent_old = q.mentions.sent_of(s.head_i), q.mentions.sent_of(old.head_i)
    if sent_s != sent_old:
        return sent_s > sent_old
    subj_s, subj_old = (is_subject(q.mentions.doc[x.head_i]) for x in (s, old))
    return subj_s > subj_old if subj_s != subj_old else s.head_i > old.head_i


def is_subject(tok: Token) -> bool:
    """A subject, or the apposition of one ("The minister, Mr. Roe, argues")."""
    while tok.dep_ == "appos" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in _SUBJECT_DEPS


def count(q: Query, a: Anaphor, key: str) -> int:
    """How often the referent ``key`` was seen before the anaphor: its entity mentions
    and the speaker mentions resolved to it."""
    ks = q.mentions.by_entity.get(key, ())
    n = bisect.bisect_left([q.mentions[k].start for k in ks], a.tok.i)
    return n + sum(1 for s in q.discourse.sightings
                   if s.head_i < a.tok.i and sighting_key(q, s) == key)


def sighting_key(q: Query, s: Sighting) -> str:
    """The referent of an earlier speaker: its entity, or (for a group the entity id does
    not name whole: "Mr. Orlen and Ms. Bayle", "analysts") the group as written."""
    if s.entity_id and not (s.plural and s.label == "PERSON"):
        return s.entity_id
    name = s.canonical or _phrase(q, q.mentions.doc[s.head_i]) or str(s.head_i)
    return f"np:{name.lower()}"


def entities(q: Query, a: Anaphor, window: int) -> Iterator[Seen]:
    """Entity mentions ending before the anaphor within ``window`` sentences back."""
    mentions = q.mentions
    sent_now = mentions.sent_of(a.tok.i)
    for k in range(mentions.before(a.tok.i) - 1, -1, -1):
        m = mentions[k]
        if sent_now - mentions.sent_of(m.start) > window:
            break
        if m.end <= a.tok.i:
            root = mentions.doc[m.start : m.end].root
            yield Seen(root.i, m.entity_id, m.record, m.label or "", "entity", False, k)


def speakers(q: Query, a: Anaphor, window: int) -> Iterator[Seen]:
    """Earlier speakers within ``window`` sentences back, and the last one in the section."""
    mentions = q.mentions
    sent_now = mentions.sent_of(a.tok.i)
    earlier = [s for s in q.discourse.sightings if s.head_i < a.tok.i]
    for n, s in enumerate(earlier):
        back = sent_now - mentions.sent_of(s.head_i)
        if back <= window or n == len(earlier) - 1 and back < SECTION_GAP:
            record = (s.canonical or _phrase(q, mentions.doc[s.head_i]), s.entity_id)
            yield Seen(s.head_i, sighting_key(q, s), record, s.label, "speaker", s.plural)


def _phrase(q: Query, head: Token) -> str | None:
    """An unnamed group as written, without articles ("the analysts" → "analysts")."""
    span = q.mentions.doc.char_span(*q.mentions.mention_span(head), alignment_mode="expand")
    words = [w.text for w in span if w.lower_ not in word_set("article")] if (
        span is not None) else []
    return " ".join(words) if words else None


def gender(q: Query, key: str) -> str | None:
    """A referent's gender, from the article first -- an honorific or gendered role, then
    a "he"/"she" already resolved to it -- and the given name second; None: unknown."""
    return (q.mentions.text_gender.get(key) or q.discourse.genders.get(key)
            or q.mentions.gender.get(key))


def is_outlet(name: object) -> bool:
    """Does the name have a word of a news outlet's name ("Times", "Post", "Reuters")?"""
    media = media_words()
    return any(w in media for w in str(name or "").lower().replace(".", "").split())


def singular(word: str) -> str:
    """Crude singular for word overlap ("attendants" ~ "attendant")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def name_words(name: object) -> frozenset[str]:
    """The words of a name, lower case and singular ("Federation of Bus Drivers" → bus,
    driver, federation, of)."""
    return frozenset(singular(w) for w in re.findall(r"[a-z]+", str(name or "").lower()))


