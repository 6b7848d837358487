"""Features of an (anaphor, candidate) pair: the same small set for every family.

Each feature is a named function of the query, the anaphor and the candidate returning a
number (most are 0/1; counts are capped or logged so that one article's long history does not
dominate). :data:`FEATURES` is the ordered list the weights (``data/speaker_ranker.csv``)
follow; :mod:`.ranker` multiplies and sums, and ``scripts/fit_speaker_ranker.py`` fits the
weights. A feature that does not apply to a family (a role for a pronoun) is 0 there.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .candidates import Anaphor, Candidate, gender, is_outlet, is_subject, name_words
from .roles import other_office
from .state import Query

Feature = Callable[[Query, Anaphor, Candidate], float]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
def _head(q: Query, c: Candidate):
    return q.mentions.doc[c.seen.head_i]


def sentences_back(q: Query, a: Anaphor, c: Candidate) -> float:
    """log(1 + sentences between the sighting and the anaphor), either way."""
    return math.log1p(abs(q.mentions.sent_of(a.tok.i) - q.mentions.sent_of(c.seen.head_i)))


def mentions_between(q: Query, a: Anaphor, c: Candidate) -> float:
    """log(1 + entity mentions between the sighting and the anaphor): other referents."""
    lo, hi = sorted((c.seen.head_i, a.tok.i))
    return math.log1p(max(q.mentions.before(hi) - q.mentions.after(lo), 0))


def candidate_subject(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting is a subject."""
    return float(is_subject(_head(q, c)))


def previous_subject(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting is the main-clause subject of the sentence just before the anaphor's
    (what that sentence was about: the centre a pronoun most often continues)."""
    back = q.mentions.sent_of(a.tok.i) - q.mentions.sent_of(c.seen.head_i)
    t = _head(q, c)
    while t.dep_ == "appos" and t.head.i != t.i:
        t = t.head
    return float(back == 1 and t.dep_ in _SUBJECT_DEPS and t.head.dep_ in ("ROOT", "conj"))


def parallel_subject(q: Query, a: Anaphor, c: Candidate) -> float:
    """Both the anaphor and the sighting are subjects (the same role in their clauses)."""
    return float(a.tok.dep_ in _SUBJECT_DEPS and is_subject(_head(q, c)))


def same_sentence(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting is in the anaphor's own sentence."""
    return float(q.mentions.sent_of(a.tok.i) == q.mentions.sent_of(c.seen.head_i))


def governing_subject(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate heads the subject of the clause above the anaphor's ("Vance faced
    criticism after he said", "The committee reached its view after it found")."""
    return float(a.governor is not None and a.governor == c.key
                 or a.governor_i is not None and a.governor_i == c.seen.head_i)


def previous_report(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate is the subject of the latest report among the candidates (the last
    of them to speak)."""
    return float(c.spoke_last)


def pronoun_chain(q: Query, a: Anaphor, c: Candidate) -> float:
    """The last "he"/"she" of the anaphor's gender resolved to the candidate."""
    return float(bool(a.gender) and q.discourse.last_by_gender.get(a.gender) == c.key)


def spoken(q: Query, a: Anaphor, c: Candidate) -> float:
    """log(1 + reports the candidate has spoken so far)."""
    return math.log1p(q.discourse.spoken.get(c.key, 0))


def salience(q: Query, a: Anaphor, c: Candidate) -> float:
    """log(1 + times the candidate was mentioned so far)."""
    return math.log1p(c.count)


def same_paragraph(q: Query, a: Anaphor, c: Candidate) -> float:
    """No paragraph break between the sighting and the anaphor."""
    lo, hi = sorted((_head(q, c).idx, a.tok.idx))
    return float("\n" not in q.mentions.text[lo:hi])


def gender_agrees(q: Query, a: Anaphor, c: Candidate) -> float:
    """The anaphor has a gender and the candidate is known to have it."""
    return float(bool(a.gender) and gender(q, c.key) == a.gender)


def gender_unknown(q: Query, a: Anaphor, c: Candidate) -> float:
    """The anaphor has a gender, the candidate's is unknown (which does not block it)."""
    return float(bool(a.gender) and gender(q, c.key) is None)


def number_agrees(q: Query, a: Anaphor, c: Candidate) -> float:
    """A group for "they" (an organisation can be one), one person or thing for the
    others."""
    if a.family == "they":
        return float(c.seen.plural or c.seen.label in ("ORG", "NORP"))
    return float(not c.seen.plural)


def introduced_with_role(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting names the person with a title or apposition ("Jo Roe, president of
    ...", "Sen. Jo Roe"): how news introduces a source."""
    k = c.seen.mention
    return float(c.seen.origin == "entity" and k is not None and bool(q.mentions[k].words))


def role_match(q: Query, a: Anaphor, c: Candidate) -> float:
    """The description's role noun is among the candidate's titles and appositions, or in
    its name ("the bank" → "Bank of Ohio"); an outlet's name for "the newspaper"."""
    d = a.description
    if d is not None and d.kind == "media" and is_outlet(c.seen.record[0]):
        return 1.0
    return float(d is not None and d.role in _words(q, c))


def modifiers_matched(q: Query, a: Anaphor, c: Candidate) -> float:
    """How many of the description's modifiers ("Ohio", "GOP") fit the candidate (up to 2)."""
    d = a.description
    return float(min(len(d.mods & _words(q, c)), 2)) if d is not None else 0.0


def modifiers_unmatched(q: Query, a: Anaphor, c: Candidate) -> float:
    """The description has modifiers and none fits the candidate (seen before it: one it
    introduces was not described yet)."""
    d = a.description
    return float(d is not None and bool(d.mods) and not d.mods & _words(q, c)
                 and c.seen.origin != "after")


def holds_other_office(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate holds another office than the description's ("judge" for "the
    nominee")."""
    d = a.description
    return float(d is not None and other_office(_words(q, c), d.role, d.mods))


def generic_role(q: Query, a: Anaphor, c: Candidate) -> float:
    """The description is a generic role ("the official", "the woman") or names an
    organisation ("The NATO commander"), and the candidate (seen before it) was not
    described by its role: seldom the article's protagonist."""
    d = a.description
    return float(d is not None and d.generic and d.role not in _words(q, c)
                 and c.seen.origin != "after")


def introduced_after(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate is named only after the description, which introduces them."""
    return float(c.seen.origin == "after")


def named(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate is a named entity (not a phrase such as "the report", "analysts")."""
    return float(bool(c.seen.label))


def in_report(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting is inside the content of an earlier report and the anaphor is not:
    talked about, not talking. (Inside a quotation it is no candidate at all.)"""
    pos = _head(q, c).idx
    return float(q.discourse.in_report(pos) and not q.discourse.in_report(a.tok.idx))


def modifier(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting modifies a noun after it ("Senate leaders", "the Vance campaign"):
    that noun, not the modifier, is who acts."""
    t = _head(q, c)
    return float(t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN")
                 and t.head.i > t.i and c.seen.origin == "entity")


def nearest(q: Query, a: Anaphor, c: Candidate) -> float:
    """The sighting is the nearest before the anaphor among the candidates."""
    return float(c.nearest)


def in_content(q: Query, a: Anaphor, c: Candidate) -> float:
    """The candidate is named inside the content being attributed ("He said Moreau hopes
    ..."): usually someone the speaker talks about, though people name themselves too."""
    if q.content is None:
        return 0.0
    return float(c.key in q.mentions.eids_between(*q.content))


def _words(q: Query, c: Candidate) -> frozenset[str]:
    """What describes the candidate: a person's titles and appositions; an outlet's,
    organisation's or place's name (of more than one word: "Bank" alone names no bank)."""
    if c.seen.label == "PERSON" or c.seen.origin == "noun":
        return q.mentions.eid_words.get(c.key, frozenset())
    words = name_words(c.seen.record[0])
    return words if len(words) > 1 else frozenset()


#: (name, feature), in the order of the weights.
FEATURES: tuple[tuple[str, Feature], ...] = (
    ("sentences_back", sentences_back),
    ("mentions_between", mentions_between),
    ("same_sentence", same_sentence),
    ("candidate_subject", candidate_subject),
    ("previous_subject", previous_subject),
    ("parallel_subject", parallel_subject),
    ("governing_subject", governing_subject),
    ("previous_report", previous_report),
    ("pronoun_chain", pronoun_chain),
    ("spoken", spoken),
    ("salience", salience),
    ("same_paragraph", same_paragraph),
    ("gender_agrees", gender_agrees),
    ("gender_unknown", gender_unknown),
    ("number_agrees", number_agrees),
    ("role_match", role_match),
    ("modifiers_matched", modifiers_matched),
    ("modifiers_unmatched", modifiers_unmatched),
    ("other_office", holds_other_office),
    ("generic_role", generic_role),
    ("introduced_after", introduced_after),
    ("introduced_with_role", introduced_with_role),
    ("named", named),
    ("nearest", nearest),
    ("modifier", modifier),
    ("in_report", in_report),
    ("in_content", in_content),
)
NAMES: tuple[str, ...] = tuple(name for name, _ in FEATURES)


def describe(q: Query, a: Anaphor, c: Candidate) -> tuple[float, ...]:
    """The feature values of candidate ``c`` for anaphor ``a``, in :data:`FEATURES` order."""
    return tuple(f(q, a, c) for _, f in FEATURES)
