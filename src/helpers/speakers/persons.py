"""Person descriptions: "the Ohio governor", "a senior official", "the president".

:func:`person_description` tries, in order:

1. a quantified description names nobody ("every expert", "no official");
2. an indefinite one ("A New York judge has rejected ...") introduces someone new: the
   person named just after with that role (:func:`named_after`: "Judge Emil Stroud wrote"),
   or the next subject a headline or lede names (:func:`lede_person`), else no one;
3. "the official" after "a senior official said" is that unnamed one (:func:`unnamed_before`);
4. the earlier person described with most of the description's words over all their
   mentions ("The Ohio governor" → "Ohio Gov. Ann Vance"): the role noun counts 2, each
   modifier 1.5, modifiers that fit none of a person's words cost 2; ties go to the nearest;
5. someone named after it, as in 2;
6. generic roles ("the official", "the woman") and descriptions naming an organisation no one
   was described with ("The NATO commander") stay unresolved;
7. else the protagonist: the person mentioned (and quoted) most so far whose gender, party and
   office allow it -- or the person who just spoke, if they are one of those.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicons import generic_roles, offices, parties, word_set
from .mentions import FORWARD_WINDOW
from .roles import role_of
from .state import Query

#: How far back (in tokens) a description looks for an unnamed first mention of its noun.
UNNAMED_WINDOW = 400
#: Headline and lede: the sentences whose descriptions may introduce the next subject named,
#: up to LEDE_WINDOW sentences after them (see :func:`lede_person`).
LEDE_SENTENCES = 2
LEDE_WINDOW = 2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

Found = tuple[str | None, str | None]


@dataclass(frozen=True)
class Description:
    """What a person description says: its role noun, modifiers ("The GOP nominee"),
    place words among them ("A New York judge"), gender ("spokeswoman") and party."""

    role: str
    mods: frozenset[str]
    places: frozenset[str]
    gender: str | None
    party: frozenset[str]

    @classmethod
    def of(cls, q: Query, head: Token, desc: dict[str, str]) -> Description:
        role = role_of(head)
        mods = {
            role_of(t) for c in head.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
            for t in c.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")
        } - word_set("vague_role") - {role, ""}
        # place words ("A New York judge"): a later full title may name a narrower place
        places = {role_of(t) for c in head.lefts for t in c.subtree
                  if q.mentions.label_at(t) == "GPE"}
        return cls(role, frozenset(mods), frozenset(places), desc.get("gender") or None,
                   frozenset(mods & parties()))

    def contradicted_by(self, gender: str | None, words: frozenset[str] | set[str]) -> bool:
        """Does a person of ``gender`` described by ``words`` contradict the gender or party?"""
        if gender and self.gender and gender != self.gender:
            return True
        return bool(self.party and words & (parties() - self.party))


def person_description(q: Query, head: Token, desc: dict[str, str]) -> Found | None:
    """Who the singular person description headed by ``head`` refers to."""
    if any(c.dep_ == "det" and c.lower_ in word_set("quantifier") for c in head.children):
        return None  # "every independent expert", "no official": nobody in particular
    d = Description.of(q, head, desc)
    if any(c.dep_ in ("det", "nummod") and c.lower_ in word_set("indefinite")
           for c in head.children):
        # "A New York judge has rejected ...": someone new, maybe named just after
        # ("Judge Emil Stroud wrote"), else not named at all
        return _introduced(q, head, d)
    first = unnamed_before(q, head)
    if first is not None:
        return _introduced_unnamed(q, first, d)
    described = _described_before(q, head)
    best = _best_described(q, described, d)
    if best is not None:
        return q.mentions[best].record
    after = _introduced(q, head, d)
    if after is not None:
        return after
    if _someone_else(q, head, d.role):
        return None
    return _protagonist(q, head, {e: w for e, (w, _) in described.items()}, d)


def _introduced(q: Query, tok: Token, d: Description) -> tuple[str, str] | None:
    """The person a description at ``tok`` introduces: named just after it with the role,
    or the next subject the headline or lede names."""
    return named_after(q, tok, d.role, set(d.mods - d.places), d.gender, set(d.party)) or (
        lede_person(q, tok, d.role, set(d.mods), d.gender, set(d.party)))


def _someone_else(q: Query, head: Token, role: str) -> bool:
    """"the official", "the woman": an outside voice or bystander, seldom the protagonist
    (better unnamed than pinned on whoever the article is about); "The NATO commander": an
    organisation no one was described with names someone else."""
    if role in generic_roles() or head.lemma_.lower() in generic_roles():
        return True
    return any(q.mentions.label_at(t) == "ORG" and role_of(t) not in parties()
               for c in head.lefts for t in c.subtree)


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


def _described_before(q: Query, head: Token) -> dict[str, tuple[set[str], int]]:
    """entity id → (the words of all its PERSON mentions before ``head``, its last one)."""
    described: dict[str, tuple[set[str], int]] = {}
    for m in q.mentions.items:
        if m.label != "PERSON" or m.end > head.i:
            continue
        words, last = described.get(m.entity_id, (set(), -1))
        words.update(m.words)
        described[m.entity_id] = (words, max(last, m.k))
    return described


def _best_described(q: Query, described: dict[str, tuple[set[str], int]],
                    d: Description) -> int | None:
    """The latest mention of the person whose words best fit the description."""
    best: tuple[float, int] | None = None
    for eid, (words, last) in described.items():
        if d.contradicted_by(q.mentions.gender.get(eid), words):
            continue  # "The Democratic nominee" is not "Republican nominee X"
        matched = len(d.mods & words)
        score = 2 * (d.role in words) + 1.5 * matched - (2 if d.mods and not matched else 0)
        if score >= 1.5 and (d.role in words or matched > 1) and (
            best is None or (score, last) > best
        ):
            best = (score, last)
    return best[1] if best is not None else None


def _protagonist(q: Query, head: Token, described: dict[str, set[str]],
                 d: Description) -> Found | None:
    """"the president", "the senator": the most mentioned person so far (the article's
    protagonist), if the role's gender, party and office allow -- unless a compatible person
    just spoke ("Ann Vance says ... The Ohio governor said" continues the item's speaker)."""
    mentions = q.mentions
    before = mentions.items[: mentions.before(head.i)]
    counts = _mention_counts(q, before, described, d)
    last = q.discourse.last_speaker
    if counts and last is not None and last.entity_id in counts and (
        mentions.sent_of(head.i) - mentions.sent_of(last.head_i) <= 2
    ):
        return last.canonical, last.entity_id
    if not counts:
        return None
    order = list(counts)
    best = max(counts, key=lambda e: (counts[e], -order.index(e)))
    return next(m for m in before if m.entity_id == best).record


def _mention_counts(q: Query, before: tuple, described: dict[str, set[str]],
                    d: Description) -> dict[str, int]:
    """entity id → mentions plus attributions so far, for each person the description fits
    ("The Democratic nominee" is not "Republican nominee X", "Supreme Court Judge X" is not
    "the GOP nominee")."""
    counts: dict[str, int] = {}
    for m in before:
        if m.label != "PERSON":
            continue
        words = described.get(m.entity_id, set())
        if d.party and words & (parties() - d.party):
            continue
        if other_office(words, d.role, set(d.mods)):
            continue
        g = q.mentions.gender.get(m.entity_id)
        if not (g and d.gender and g != d.gender):
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1 + q.discourse.spoken.get(
                m.entity_id, 0)
    return counts


def other_office(words: set[str] | frozenset[str], role: str, mods: set[str]) -> bool:
    """Do a person's known words give them another office than the description's role,
    with none of its modifiers? ("judge" for "The GOP presidential nominee")"""
    if role not in offices() or role in words or mods & words:
        return False
    return bool(words & offices())


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
