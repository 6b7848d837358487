"""Candidates: who a pronoun or description may refer to, gathered from the text.

A candidate is a referent seen before the anaphor (or, for a description that introduces
someone, named just after it), in one of three ways -- a :class:`Seen`:

- ``entity``: a mention of the entity index (``mentions.py``);
- ``speaker``: an earlier speaker as resolved (a :class:`~.state.Sighting`: "He said",
  "analysts said"), a mention of its referent the index does not have;
- ``noun``: a subject noun phrase that stands for its referent ("the diplomat", "the
  report", "Senate aides", "Vance and Moreau");
- ``after``: the person a description introduces, named just after it.

The sightings of one referent make one :class:`Candidate` (its latest sighting, and how
often it was seen). Each family of anaphor has a gatherer here (``personal`` he/she, ``it``,
``they``, ``description`` "the senator"); what grammar forbids is filtered here -- the wrong
kind, a known gender that differs, someone named inside the content being attributed or as an
argument of the pronoun's own clause -- everything else is a feature (:mod:`.features`) that
the ranker (:mod:`.ranker`) weighs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicons import descriptions, first_names, word_set
from .mentions import SECTION_GAP, Mention
from .names import with_conjuncts
from .roles import Description
from .state import Query, Sighting

#: How far back (in sentences) "he"/"she"/"it" look for their antecedent.
PRONOUN_WINDOW = 4
#: How far back (in sentences) "they" looks for a group.
GROUP_WINDOW = 2
#: Anaphor families, each with its gatherer and its bias in the weights.
FAMILIES = ("personal", "it", "they", "description")

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: Quotation marks: a direct quotation's content starts at or right after one.
_QUOTE_MARKS = "\"“”'‘’«»"

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


# -- the gatherers -----------------------------------------------------------------------------
def personal(q: Query, a: Anaphor) -> list[Candidate]:
    """"he"/"she": the people mentioned or speaking before it in its section (distance and
    salience are features), and a definite person description that was the main subject of
    the sentence before ("the diplomat")."""
    seen = [s for s in _entities(q, a, SECTION_GAP - 1) if _personal(q, q.mentions[s.mention])]
    seen += [s for s in _speakers(q, a, SECTION_GAP - 1) if _personal_speaker(s)]
    noun = _definite_subject(q, a, person=True)
    if noun is not None and noun.record[1] is not None:
        seen.append(noun)
    return [c for c in collect(q, a, seen) if not _other_gender(q, a.gender, c.key)]


def it(q: Query, a: Anaphor) -> list[Candidate]:
    """"it": organisations, places and outlets within ``PRONOUN_WINDOW`` sentences (not as
    modifiers: "U.S. senator"), earlier such speakers, a definite thing that was the main
    subject of the sentence before ("the report", "Hansen's campaign")."""
    seen = [s for s in _entities(q, a, PRONOUN_WINDOW) if can_be_it(q, q.mentions[s.mention])]
    seen += [s for s in _speakers(q, a, PRONOUN_WINDOW) if s.label in _THING_LABELS]
    noun = _definite_subject(q, a, person=False)
    if noun is not None:
        seen.append(noun)
    return collect(q, a, seen)


def they(q: Query, a: Anaphor) -> list[Candidate]:
    """"they": organisations and groups within ``GROUP_WINDOW`` sentences, earlier group
    speakers (named, or unnamed: "analysts said"), plural or coordinated subjects (the
    people they list: "Critics, like X and Y"), skipping a quotation's own subjects."""
    seen = [s for s in _entities(q, a, GROUP_WINDOW) if group_like(q, s.mention)]
    seen += _plural_subjects(q, a)
    if not q.mentions.quoted(a.tok.idx):
        seen += [s for s in _speakers(q, a, GROUP_WINDOW) if s.plural]
    return collect(q, a, seen)


def described(q: Query, a: Anaphor, after: Iterable[tuple[str, str]] = ()) -> list[Candidate]:
    """A singular person description ("the senator"): the people mentioned before it whose
    gender and party do not contradict it, and the people ``after`` it introduces."""
    d = a.description
    seen = [s for s in _entities(q, a, SECTION_GAP * 1000)
            if q.mentions[s.mention].label == "PERSON"]
    seen += [s for s in _speakers(q, a, SECTION_GAP * 1000) if s.label == "PERSON"]
    later = q.mentions.items[q.mentions.after(a.tok.i) :]
    for name, eid in after:
        m = next((m for m in later if m.entity_id == eid), None)
        if m is not None:
            root = q.mentions.doc[m.start : m.end].root
            seen.append(Seen(root.i, eid, (name, eid), "PERSON", "after", False, m.k))
    if d is None:
        return collect(q, a, seen)
    return [c for c in collect(q, a, seen)
            if not d.contradicted_by(gender(q, c.key), q.mentions.eid_words.get(c.key, set()))]


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


def _entities(q: Query, a: Anaphor, window: int) -> Iterator[Seen]:
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


def _speakers(q: Query, a: Anaphor, window: int) -> Iterator[Seen]:
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


# -- what can be a "he"/"she", an "it", a "they" ------------------------------------------------
def _personal(q: Query, m: Mention) -> bool:
    """Can mention ``m`` be a "he"/"she": a person (not an outlet tagged as one), or a
    mislabelled person who spoke ("Keller" as GPE)?"""
    if m.label != "PERSON":
        return bool(q.discourse.spoken.get(m.entity_id, 0)) and looks_personal(
            str(m.canonical or m.surface))
    kinds = {descriptions()[w]["kind"] for w in m.words if w in descriptions()}
    return not ("media" in kinds and "person" not in kinds)  # "newspaper Daily Sport"


def _personal_speaker(s: Seen) -> bool:
    return s.label == "PERSON" or (
        s.record[1] is not None and s.record[0] is not None and looks_personal(s.record[0]))


def looks_personal(name: str) -> bool:
    """A mislabelled person ("Keller" as GPE): a name that starts with a given name."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in first_names()


def can_be_it(q: Query, m: Mention) -> bool:
    """Can mention ``m`` be an "it": an organisation, place or outlet, not as a modifier
    ("U.S. senator", "the Vance campaign") nor a party's people ("Democrats")?"""
    if m.label not in _THING_LABELS:
        return False
    root = q.mentions.doc[m.start : m.end].root
    if m.label == "NORP" and (root.tag_ in ("JJ", "NNS", "NNPS")
                              or root.dep_ in ("amod", "compound")):
        return False
    return not (root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"
                and root.head.i >= m.end)


def group_like(q: Query, k: int | None) -> bool:
    """Can entity mention ``k`` be a "they": an organisation or group, or a one-word
    "person" that no full name or gender backs (a site such as "Factcheckr" tagged PERSON)?"""
    if k is None:
        return False
    m = q.mentions[k]
    return m.label in ("ORG", "NORP") or m.label == "PERSON" and (
        " " not in m.name and m.entity_id not in q.mentions.gender
    )


def gender(q: Query, key: str) -> str | None:
    """A referent's gender, from the article first -- an honorific or gendered role, then
    a "he"/"she" already resolved to it -- and the given name second; None: unknown."""
    return (q.mentions.text_gender.get(key) or q.discourse.genders.get(key)
            or q.mentions.gender.get(key))


def _other_gender(q: Query, wanted: str, key: str) -> bool:
    g = gender(q, key)
    return bool(wanted and g and g != wanted)


# -- noun phrases that stand for their referent --------------------------------------------------
def _definite_subject(q: Query, a: Anaphor, person: bool) -> Seen | None:
    """The main-clause subject of the sentence before, when a definite singular common noun
    of the right kind ("the president" for "he", "the report" for "it"), with who it
    resolves to (else the phrase as written)."""
    mentions = q.mentions
    sent_now = mentions.sent_of(a.tok.i)
    inside = q.content or (0, 0)
    i = a.tok.i - 1
    while i >= 0 and sent_now - mentions.sent_of(i) <= 1:
        t = mentions.doc[i]
        i -= 1
        if not _main_definite_subject(q, t, sent_now, person) or inside[0] <= t.idx < inside[1]:
            continue
        res = q.resolve(t)
        canonical = res.canonical or mentions.text[slice(*mentions.mention_span(t))]
        key = res.entity_id or f"np:{canonical.lower()}"
        return Seen(t.i, key, (canonical, res.entity_id), "", "noun", False)
    return None


def _main_definite_subject(q: Query, t: Token, sent_now: int, person: bool) -> bool:
    if t.dep_ not in _SUBJECT_DEPS or t.tag_ != "NN" or q.mentions.entity_at(t) is not None:
        return False
    if q.mentions.sent_of(t.i) == sent_now or t.head.dep_ != "ROOT":
        return False
    if not any(c.dep_ == "poss" or c.lower_ in word_set("definite") for c in t.children):
        return False
    d = descriptions().get(t.lemma_.lower())
    return person == (d is not None and d["kind"] == "person")


def _plural_subjects(q: Query, a: Anaphor) -> list[Seen]:
    """Plural or coordinated subjects (and organisations as subjects) within
    ``GROUP_WINDOW`` sentences back, not the subjects of a quotation."""
    mentions = q.mentions
    sent_now = mentions.sent_of(a.tok.i)
    inside = q.content or (0, 0)
    edge = mentions.text[max(inside[0] - 1, 0) : inside[0] + 1]
    if not any(ch in _QUOTE_MARKS for ch in edge):
        inside = (0, 0)  # only a quotation's own words, not reported speech
    found = []
    i = a.tok.i - 1
    while i >= 0 and sent_now - mentions.sent_of(i) <= GROUP_WINDOW:
        t = mentions.doc[i]
        i -= 1
        if inside[0] <= t.idx < inside[1] or (
            mentions.quoted(t.idx) and not mentions.quoted(a.tok.idx)
        ):
            continue  # the quote's own subjects are what the speaker talks about
        if t.dep_ in _SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN"):
            seen = _subject_group(q, t)
            if seen is not None:
                found.append(seen)
    return found


def _subject_group(q: Query, t: Token) -> Seen | None:
    """The group a plural subject ``t`` names: the people it lists, or the phrase as
    written (coordinations from their left edge); None when ``t`` is not plural."""
    mentions = q.mentions
    coordinated = any(c.dep_ == "conj" for c in t.children)
    if t.tag_ not in ("NNS", "NNPS") and not coordinated:
        return None
    named = _named_examples(q, t)
    if named is not None:
        return Seen(t.i, f"np:{named[0].lower()}", named, "PERSON", "noun", True)
    if mentions.entity_at(t) is not None and not coordinated:
        return None  # an entity ("Democrats"): gathered as one
    if coordinated:
        a, b = mentions.doc[t.left_edge.i].idx, t.right_edge.idx + len(t.right_edge)
    else:
        a, b = mentions.mention_span(t)
    span = mentions.doc.char_span(a, b, alignment_mode="expand")
    words = [w.text for w in span if w.lower_ not in word_set("article")] if span else []
    name = " ".join(words) if words else None
    return Seen(t.i, f"np:{(name or str(t.i)).lower()}", (name, None), "", "noun", True)


def _named_examples(q: Query, t: Token) -> tuple[str, str] | None:
    """The people a plural noun lists ("Critics of the program, like Senators X and
    Y"): they are who "they" then refers to. None when it lists none."""
    for prep in t.children:
        if prep.dep_ != "prep" or prep.lower_ not in word_set("example_prep"):
            continue
        for obj in prep.children:
            k = q.mentions.entity_at(obj)
            if obj.dep_ == "pobj" and k is not None and q.mentions[k].label == "PERSON":
                return with_conjuncts(q.mentions, obj, k), q.mentions[k].entity_id
    return None
