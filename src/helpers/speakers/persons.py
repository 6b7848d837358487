"""Person descriptions: "the Ohio governor", "a senior official", "the president".

:func:`person_description` tries, in order:

1. a quantified description names nobody ("every expert", "no official");
2. an indefinite one ("A New York judge has rejected ...") introduces someone new: the
   person named just after with that role (:func:`named_after`: "Judge Emil Stroud wrote"),
   or the next subject a headline or lede names (:func:`lede_person`), else no one;
3. "the official" after "a senior official said" is that unnamed one (:func:`unnamed_before`);
4. else the people mentioned before it (and the one named just after it, as in 2) are ranked
   (:mod:`.ranker`, the ``description`` weights): the role noun among a person's titles and
   appositions, its modifiers ("The Ohio governor" → "Ohio Gov. Ann Vance"), another office
   or a generic role ("the official", "The NATO commander") against, then salience (the
   protagonist) and who just spoke; the best above the threshold, else no one.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import parties, word_set
from . import gatherers
from .candidates import Anaphor
from .mentions import FORWARD_WINDOW
from .ranker import rank
from .roles import Description, other_office
from .state import Query

#: How far back (in tokens) a description looks for an unnamed first mention of its noun.
UNNAMED_WINDOW = 400
#: Headline and lede: the sentences whose descriptions may introduce the next subject named,
#: up to LEDE_WINDOW sentences after them (see :func:`lede_person`).
LEDE_SENTENCES = 2
LEDE_WINDOW = 2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

Found = tuple[str | None, str | None]


def person_description(q: Query, head: Token, desc: dict[str, str]) -> Found | None:
    """Who the singular person description headed by ``head`` refers to."""
    if any(c.dep_ == "det" and c.lower_ in word_set("quantifier") for c in head.children):
        return None  # "every independent expert", "no official": nobody in particular
    d = Description.of(head, desc, lambda i: q.mentions.label_at(q.mentions.doc[i]))
    if any(c.dep_ in ("det", "nummod") and c.lower_ in word_set("indefinite")
           for c in head.children):
        # "A New York judge has rejected ...": someone new, maybe named just after
        # ("Judge Emil Stroud wrote"), else not named at all
        return _introduced(q, head, d)
    first = unnamed_before(q, head)
    if first is not None:
        return _introduced_unnamed(q, first, d)
    a = Anaphor(head, "description", d.gender or "", None, frozenset(), d)
    after = _introduced(q, head, d)
    chosen = rank(q, a, gatherers.described(q, a, [after] if after is not None else []))
    return chosen.seen.record if chosen is not None else None


def _introduced(q: Query, tok: Token, d: Description) -> tuple[str, str] | None:
    """The person a description at ``tok`` introduces: named just after it with the role,
    or the next subject the headline or lede names."""
    return named_after(q, tok, d.role, set(d.mods - d.places), d.gender, set(d.party)) or (
        lede_person(q, tok, d.role, set(d.mods), d.gender, set(d.party)))


def _introduced_unnamed(q: Query, first: Token, d: Description) -> Found | None:
    """"a senior official said ... the official added": the one introduced without a name
    (unless named just after it), not the article's protagonist."""
    found = _introduced(q, first, d)
    if found is not None and any(
        m.entity_id == found[1] and m.start < first.i
        for m in q.mentions.items[: q.mentions.before(first.i)]
    ):
        return None  # named after it, but someone the article had already named
    return found


def unnamed_before(q: Query, head: Token) -> Token | None:
    """The last earlier singular mention of ``head``'s noun ("the official") if it was
    an indefinite one that no name goes with ("a senior administration official said",
    not "Jo Roe, an official at ..." or "an official, Jo Roe,")."""
    lemma = head.lemma_.lower()
    mentions = q.mentions
    for t in reversed(mentions.doc[max(0, head.i - UNNAMED_WINDOW) : head.i]):
        if t.pos_ != "NOUN" or t.tag_ != "NN" or t.lemma_.lower() != lemma:
            continue
        if mentions.entity_at(t) is not None or t.dep_ in ("appos", "attr", "compound"):
            return None
        if any(c.dep_ == "appos" or mentions.is_person(c) for c in t.children):
            return None  # named ("an aide, Jo Roe,"); "a Google spokesman" is not
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "nummod")}
        if dets & word_set("indefinite"):
            return t
        if dets != {"the"}:
            return None
        # "the official" again: the same one, look further back for how it came in
    return None


def named_after(q: Query, head: Token, role: str, mods: set[str], gender: str | None,
                party: set[str]) -> tuple[str, str] | None:
    """A description that introduces someone named only later ("Former White House
    doctor says ... Dr. Jane Roe", "A New York judge ... Judge Emil Stroud"): the
    first person within ``FORWARD_WINDOW`` sentences after it whose own title or
    apposition has the role noun and fits every modifier of the description."""
    mentions = q.mentions
    sent_now = mentions.sent_of(head.i)
    for m in mentions.items[mentions.after(head.i) :]:
        if mentions.sent_of(m.start) - sent_now > FORWARD_WINDOW:
            break
        if not m.words or role not in m.words:
            continue
        g = mentions.gender.get(m.entity_id)
        if g and gender and g != gender:
            continue
        if party and m.words & (parties() - party):
            continue
        if all(w in m.words or _acronym_of(w, m.words) for w in mods):
            return m.record
    return None


def lede_person(q: Query, head: Token, role: str, mods: set[str], gender: str | None,
                party: set[str]) -> tuple[str, str] | None:
    """A description in the headline or lede, of the article or of a live blog's item
    ("Former party chairman calls for ...", "Lawmaker urges ...") introduces the person
    the next sentences name as a subject: the first such person within ``LEDE_WINDOW``
    sentences after it whose titles do not contradict the description (gender, party,
    another office). Not a definite description ("The Ohio governor"), which refers
    back."""
    mentions = q.mentions
    sent_now = mentions.sent_of(head.i)
    if sent_now - mentions.section_start[head.i] > LEDE_SENTENCES:
        return None
    if any(c.dep_ == "det" and c.lower_ in word_set("definite") for c in head.children):
        return None  # "The Ohio governor": someone named before, not introduced
    # "A spokeswoman for Ann Vance": not who the description itself names
    inside = {m.entity_id for t in head.subtree if (m := mentions.at(t)) is not None}
    for m in mentions.items[mentions.after(head.i) :]:
        sent = mentions.sent_of(m.start)
        if sent == sent_now:
            continue  # who the description's own sentence names is someone else
        if sent - sent_now > LEDE_WINDOW:
            break
        if m.label == "PERSON" and mentions.doc[m.start : m.end].root.dep_ in _SUBJECT_DEPS and (
            m.entity_id not in inside and _fits(q, m.entity_id, role, mods, gender, party)
        ):
            return m.record
    return None


def _fits(q: Query, eid: str, role: str, mods: set[str], gender: str | None,
          party: set[str]) -> bool:
    """Do person ``eid``'s titles not contradict the description (gender, party, office)?"""
    words = q.mentions.eid_words.get(eid, frozenset())
    g = q.mentions.gender.get(eid)
    if g and gender and g != gender or party and words & (parties() - party):
        return False
    return not other_office(words, role, mods)


def _acronym_of(word: str, words: frozenset[str]) -> bool:
    """Is ``word`` ("dnc") an acronym whose letters all start words in ``words``
    ("democratic", "national", "committee")? Order is lost in a set, so this is loose."""
    if not 2 <= len(word) <= 5 or not word.isalpha() or len(words) < len(word):
        return False
    initials = {w[0] for w in words if w}
    return all(ch in initials for ch in word)
