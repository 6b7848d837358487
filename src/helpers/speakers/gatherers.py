"""Gatherers: the candidates of each family of anaphor (:data:`.candidates.FAMILIES`).

- ``personal`` ("he"/"she"): the people mentioned or speaking before it in its section (an
  unnamed one too: "a spokesman said"), and a definite person description that was the
  subject of the sentence before;
- ``it``: organisations, places and outlets (a firm tagged as a person too) within
  ``PRONOUN_WINDOW`` sentences, a definite thing that was the subject of the sentence before
  ("the report") or of the clause above
  ("The board reached its view after it found");
- ``they``: groups within ``GROUP_WINDOW`` sentences: organisations, group speakers (named,
  or unnamed: "analysts said"), plural or coordinated subjects;
- ``description`` ("the senator"): the people mentioned before it, and whom it introduces;
- ``body`` ("the newspaper", "the agency"): the outlets, organisations or places (and a
  firm the tagger called a person: "Vostrik said ... the company").

What cannot be -- the wrong kind, a known gender that differs -- is filtered here.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..lexicons import described_as, descriptions, first_names, word_set
from ..lexicons import name_words as lexicon_words
from .candidates import (
    Anaphor,
    Candidate,
    Seen,
    collect,
    entities,
    gender,
    is_outlet,
    name_words,
    speakers,
)
from .mentions import FORWARD_WINDOW, SECTION_GAP, Mention
from .names import with_conjuncts
from .roles import Description
from .state import Query

#: How far back (in sentences) "it" looks for its antecedent.
PRONOUN_WINDOW = 4
#: How far back (in sentences) "they" looks for a group, and a description for a group
#: that spoke.
GROUP_WINDOW = 2

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_PLACE_LABELS = frozenset({"GPE", "FAC", "LOC"})
#: Quotation marks: a direct quotation's content starts at or right after one.
_QUOTE_MARKS = "\"“”'‘’«»"

Found = tuple[str | None, str | None]  # (canonical, entity id)


def personal(q: Query, a: Anaphor) -> list[Candidate]:
    """"he"/"she": the people mentioned or speaking before it in its section (distance and
    salience are features; an unnamed person who spoke counts: "a spokesman said"), and a
    definite person description that was the main subject of the sentence before ("the
    diplomat")."""
    seen = [s for s in entities(q, a, SECTION_GAP - 1) if _personal(q, q.mentions[s.mention])]
    seen += [s for s in speakers(q, a, SECTION_GAP - 1)
             if _personal_speaker(s) or _unnamed_person(q, a, s)]
    for noun in (_definite_subject(q, a, person=True), _governing_noun(q, a, person=True)):
        if noun is not None and noun.record[1] is not None:
            seen.append(noun)
    return [c for c in collect(q, a, seen) if not _other_gender(q, a.gender, c.key)]


def it(q: Query, a: Anaphor) -> list[Candidate]:
    """"it": organisations, places and outlets within ``PRONOUN_WINDOW`` sentences (not as
    modifiers: "U.S. senator"), earlier such speakers, a definite thing that was the main
    subject of the sentence before ("the report", "Hansen's campaign") or the subject of
    the clause above ("The board reached its view after it found")."""
    seen = [s for s in entities(q, a, PRONOUN_WINDOW) if can_be_it(q, q.mentions[s.mention])]
    seen += [s for s in speakers(q, a, PRONOUN_WINDOW) if s.label in _THING_LABELS]
    seen += [noun for noun in (_definite_subject(q, a, person=False),
                               _governing_noun(q, a, person=False)) if noun is not None]
    return collect(q, a, seen)


def they(q: Query, a: Anaphor) -> list[Candidate]:
    """"they": organisations and groups within ``GROUP_WINDOW`` sentences, earlier group
    speakers (named, or unnamed: "analysts said"), plural or coordinated subjects (the
    people they list: "Critics, like X and Y"), skipping a quotation's own subjects."""
    seen = [s for s in entities(q, a, GROUP_WINDOW) if group_like(q, s.mention)]
    seen += _plural_subjects(q, a)
    if not q.mentions.quoted(a.tok.idx):
        seen += [s for s in speakers(q, a, GROUP_WINDOW) if s.plural]
    return collect(q, a, seen)


def described(q: Query, a: Anaphor, after: Iterable[tuple[str, str]] = ()) -> list[Candidate]:
    """A singular person description ("the senator"): the people mentioned before it whose
    gender and party do not contradict it, and the people ``after`` it introduces."""
    d = a.description
    seen = [s for s in entities(q, a, SECTION_GAP * 1000)
            if q.mentions[s.mention].label == "PERSON"]
    seen += [s for s in speakers(q, a, SECTION_GAP * 1000) if s.label == "PERSON"]
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


def bodies(q: Query, a: Anaphor) -> list[Candidate]:
    """An outlet, organisation or state description ("the newspaper", "the agency", "the
    government"): the outlets (names with a media word), organisations or places mentioned
    before it, the groups that spoke within ``GROUP_WINDOW`` sentences (or whose unnamed
    people did: "officials at X said", :func:`_spoken_for`), and organisations
    sharing a word with it up to ``FORWARD_WINDOW`` sentences after ("A union representing
    bus drivers ... The Federation of Bus Drivers"). An organisation description that does
    not stand for a body ("the campaign") only fits names that have its word."""
    d = a.description
    assert d is not None
    fits = [s for s in entities(q, a, SECTION_GAP * 1000) if _body_fits(q, d, s.mention)]
    fits += [s for s in speakers(q, a, GROUP_WINDOW) if s.label in ("ORG", "NORP") or (
        d.kind == "media" and s.label == "PERSON" and " " not in (s.record[0] or " "))]
    fits += _spoken_for(q, a)
    if d.kind == "org":
        fits += _sharing_after(q, a)
        if d.role not in described_as("body"):
            fits = [s for s in fits if d.role in name_words(s.record[0])]
    if d.kind != "media":
        # a news outlet reports; "the party", "the government" is never the paper quoting it
        fits = [s for s in fits if not is_outlet(s.record[0])]
    return collect(q, a, fits)


def _spoken_for(q: Query, a: Anaphor) -> list[Seen]:
    """Organisations whose unnamed people just spoke ("Officials at the agency said",
    "a spokesman for the firm said"): the body spoke through them, so a later "the agency"
    takes up the one that reported, as when it speaks itself."""
    found = []
    for s in speakers(q, a, GROUP_WINDOW):
        if s.record[1] is not None:
            continue
        head = q.mentions.doc[s.head_i]
        for t in (t for p in head.children if p.dep_ == "prep"
                  and p.lower_ in word_set("member_prep") for t in p.children):
            m = q.mentions.at(t)
            if t.dep_ == "pobj" and m is not None and m.label == "ORG":
                found.append(Seen(s.head_i, m.entity_id, m.record, "ORG", "speaker", False, m.k))
    return found


def _body_fits(q: Query, d: Description, k: int | None) -> bool:
    m = q.mentions[k] if k is not None else None
    if m is None:
        return False
    if d.kind == "media":
        return is_outlet(m.canonical or m.surface)
    if d.kind == "org" and m.label == "PERSON":
        return _unbacked_name(q, m)
    return m.label == ("GPE" if d.kind == "gpe" else "ORG")


def _unbacked_name(q: Query, m: Mention) -> bool:
    """A "person" that no given name, gender, title or apposition backs, seen acting as a
    subject ("Krispy Kreme said", "Ericsson sees ..." tagged PERSON): the tagger's guess
    for a firm, which an organisation description ("the company") can take up. Not as a
    modifier or owner ("Euro date", "Pinochet's regime")."""
    words = m.name.split()
    root = q.mentions.doc[m.start : m.end].root
    return bool(words) and root.dep_ in _SUBJECT_DEPS and (
        words[0].lower() not in first_names()) and not (
        q.mentions.eid_words.get(m.entity_id)) and gender(q, m.entity_id) is None


def _sharing_after(q: Query, a: Anaphor) -> list[Seen]:
    """Organisations named after the description, within ``FORWARD_WINDOW`` sentences,
    whose name shares one of its words."""
    mentions, d = q.mentions, a.description
    sent_now = mentions.sent_of(a.tok.i)
    found = []
    for m in mentions.items[mentions.after(a.tok.i) :]:
        if mentions.sent_of(m.start) - sent_now > FORWARD_WINDOW:
            break
        if m.label == "ORG" and d is not None and d.mods & name_words(m.canonical):
            root = mentions.doc[m.start : m.end].root
            found.append(Seen(root.i, m.entity_id, m.record, "ORG", "after", False, m.k))
    return found


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


def _unnamed_person(q: Query, a: Anaphor, s: Seen) -> bool:
    """An unnamed person who spoke ("a spokesman for the agency said", "one GOP source
    said"): a singular person description no name was found for, of the anaphor's gender
    when the description has one ("spokeswoman")."""
    if s.label or s.plural or s.record[1] is not None:
        return False
    head = q.mentions.doc[s.head_i]
    d = descriptions().get(head.lemma_.lower())
    return d is not None and d["kind"] == "person" and head.tag_ == "NN" and (
        not d["gender"] or not a.gender or d["gender"] == a.gender)


def looks_personal(name: str) -> bool:
    """A mislabelled person ("Keller" as GPE): a name that starts with a given name and has
    no word that makes it an organisation ("Terrence Higgins Trust", "Manchester United")."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in first_names() and not any(
        w.lower() in lexicon_words("org_word") for w in words[1:])


def can_be_it(q: Query, m: Mention) -> bool:
    """Can mention ``m`` be an "it": an organisation, place or outlet, not as a modifier
    ("U.S. senator", "the Vance campaign") nor a party's people ("Democrats"), nor a place
    that is only the setting (:func:`_setting`); or an unbacked "person" (one word, or a
    firm tagged as one: :func:`_unbacked_name`)?"""
    if m.label == "PERSON":
        return _unbacked_person(q, m) or _unbacked_name(q, m)
    if m.label not in _THING_LABELS:
        return False
    root = q.mentions.doc[m.start : m.end].root
    if m.label in _PLACE_LABELS and _setting(root):
        return False
    if m.label == "NORP" and (root.tag_ in ("JJ", "NNS", "NNPS")
                              or root.dep_ in ("amod", "compound")):
        return False
    return not (root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"
                and root.head.i >= m.end)


def _setting(root: Token) -> bool:
    """A place named as the object of a preposition ("sales in the US", "across Europe",
    "at the stadium") is where something happened, not a body that speaks: a speaking "it"
    takes up an actor. Not after a preposition naming a source ("the government of
    Russia", "a statement by France"): there the place is who acts. Nor is a place that
    owns what follows it ("Germany's Manager Magazin", "Britain's biggest bank"): what it
    owns is who acts."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "people in the UK, Germany and France": each is a setting
    if root.dep_ == "poss":
        return True
    return root.dep_ == "pobj" and root.head.lower_ not in word_set("source_prep")


def group_like(q: Query, k: int | None) -> bool:
    """Can entity mention ``k`` be a "they": an organisation or group, or a one-word
    "person" that no full name or gender backs (a site such as "Factcheckr" tagged PERSON)?"""
    if k is None:
        return False
    m = q.mentions[k]
    return m.label in ("ORG", "NORP") or m.label == "PERSON" and _unbacked_person(q, m)


def _unbacked_person(q: Query, m: Mention) -> bool:
    """A one-word "person" that no full name or gender backs (neither a given name, a
    title, nor an earlier "he"/"she"): the tagger's guess for a company or site ("Yukos",
    "Factcheckr" tagged PERSON), which "it" and "they" can take up."""
    return " " not in m.name and gender(q, m.entity_id) is None


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
        return _noun_seen(q, t)
    return None


def _governing_noun(q: Query, a: Anaphor, person: bool) -> Seen | None:
    """The subject of the clause above the pronoun's, when a definite singular common noun
    of the right kind no entity names ("The committee reached its view after it found",
    "the steps the council took against what it calls ..."): the ``governing_subject``."""
    if a.governor_i is None:
        return None
    t = q.mentions.doc[a.governor_i]
    if not _definite_noun(q, t, person):
        return None
    seen = _noun_seen(q, t)
    d = descriptions().get(t.lemma_.lower())
    if seen.record[1] is None and d is not None and d["kind"] != "person":
        return None  # "the company" that found no company: the ranking may find it
    return seen


def _noun_seen(q: Query, t: Token) -> Seen:
    """A sighting of the noun phrase headed by ``t``: who it resolves to (else the phrase
    as written)."""
    mentions = q.mentions
    res = q.resolve(t)
    canonical = res.canonical or mentions.text[slice(*mentions.mention_span(t))]
    key = res.entity_id or f"np:{canonical.lower()}"
    return Seen(t.i, key, (canonical, res.entity_id), "", "noun", False)


def _main_definite_subject(q: Query, t: Token, sent_now: int, person: bool) -> bool:
    if q.mentions.sent_of(t.i) == sent_now or t.head.dep_ != "ROOT":
        return False
    return _definite_noun(q, t, person)


def _definite_noun(q: Query, t: Token, person: bool) -> bool:
    """A subject that is a definite singular common noun ("the report", "its board") no
    entity names, of the right kind (a person description or not)."""
    if t.dep_ not in _SUBJECT_DEPS or t.tag_ != "NN" or q.mentions.entity_at(t) is not None:
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
    named = named_examples(q, t)
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


def named_examples(q: Query, t: Token) -> tuple[str, str] | None:
    """The people a plural noun lists ("Critics of the program, like Senators X and
    Y"): they are who "they" then refers to. None when it lists none."""
    for prep in t.children:
        such = [c.lower_ for c in prep.children if c.i == prep.i - 1 and c.dep_ == "amod"]
        if prep.dep_ != "prep" or " ".join([*such, prep.lower_]) not in word_set("example_prep"):
            continue
        for obj in prep.children:
            k = q.mentions.entity_at(obj)
            if obj.dep_ == "pobj" and k is not None and q.mentions[k].label == "PERSON":
                return with_conjuncts(q.mentions, obj, k), q.mentions[k].entity_id
    return None
