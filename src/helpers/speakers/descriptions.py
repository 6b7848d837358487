"""Descriptions: "the newspaper", "the agency", "the Swiss diplomat", "63 percent".

:func:`description` resolves a mention whose head is a description of
``data/quote_descriptions.csv``, by its kind:

- plural ("the senators", "both candidates"): the people just named together who bear the
  role (:func:`named_pair`); "officials", "sources" are a group no one names;
- media, org, gpe: the one name the text gave that noun as its kind ("oil company Yukos",
  :mod:`.epithets`); a named thing inside the description ("the Pentagon report", "Reuters'
  report"; a place in front names only a state body: "the French ministry", not "the US
  network"); a named poll for "the poll", "the study"; else the outlets, organisations or
  places of the text are ranked (:func:`.gatherers.bodies`, :mod:`.ranker`): a name with
  the word ("the bank" → "Bank of X") or sharing the description's words ("A union
  representing bus drivers" → "Federation of Bus Drivers"), the body just named ("the
  agency"), the outlet that just spoke ("Hedgewatch said ... The website noted");
- person, with an owner ("his lawyer"): :mod:`.possessives`; without: :mod:`.persons`.

Also a party member ("The Republican said", tagged NORP), shares of a poll's sample
("63 percent said" → "X poll respondents") and a group given by the people it lists
("Critics, like Sens. X and Y," → X and Y: :func:`group_examples`).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import described_as, descriptions, role_aliases, word_set
from . import gatherers
from .candidates import Anaphor, singular
from .epithets import epithet
from .mentions import FORWARD_WINDOW, SECTION_GAP, Mention
from .persons import person_description
from .possessives import possessed, possessed_role
from .ranker import rank
from .roles import Description, role_of
from .state import Query, Resolution

_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})

Found = tuple[str | None, str | None]


def party_member(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"The Republican said": one party member, a person described by party, not the party
    itself (NORP); resolved like "the nominee"."""
    desc = descriptions().get(head.lemma_.lower())
    if desc is None or desc["kind"] != "person" or q.mentions.label_at(head) != "NORP" or (
        head.tag_ not in ("NNP", "NN")
    ):
        return None
    found = describe(q, head, desc)
    return Resolution(*span, found[0], found[1], "description") if found is not None else None


def group_examples(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"Critics of the program, like Sens. Mark Orlen and Ruth Bayle, say", "someone like
    Mr. Vance": a group or anyone, given by the people it lists as examples -- they are the
    ones the text names as speaking. None when it lists no one."""
    if head.pos_ not in ("NOUN", "PRON"):
        return None
    named = gatherers.named_examples(q, head)
    return Resolution(*span, *named, "description") if named is not None else None


def poll_share(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"63 percent said", "a majority of voters expect": a share of a poll's sample."""
    if head.lemma_.lower() not in word_set("share") and not (head.tag_ == "CD" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children
    )):
        return None
    poll = poll_near(q, head)
    if poll is None:
        return None
    return Resolution(*span, f"{poll} respondents", None, "description")


def description(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A description of ``data/quote_descriptions.csv``: who it refers to, else what its
    owner names ("his aides")."""
    desc = descriptions().get(head.lemma_.lower())
    if desc is None:
        return None
    found = epithet(q, head) if desc["kind"] != "person" else None
    if found is None:
        found = describe(q, head, desc)
    if found is not None:
        return Resolution(*span, found[0], found[1], "description")
    return Resolution(*span, possessed(q, head, span[1]), kind="owned")


def describe(q: Query, head: Token, desc: dict[str, str]) -> Found | None:
    """Who the description headed by ``head`` refers to, by its kind."""
    kind = desc["kind"]
    if head.tag_ in ("NNS", "NNPS"):
        return named_pair(q, head) if kind == "person" else None
    if kind in ("media", "org", "gpe"):
        named = _named_inside(q, head, kind)
        if named is not None:
            return named
    if kind in ("media", "org", "gpe"):
        return _body(q, head, kind)
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None:
        return possessed_role(q, head, poss, desc)
    return person_description(q, head, desc)


def _named_inside(q: Query, head: Token, kind: str) -> Found | None:
    """An entity inside the description names it: "the Pentagon report", "Reuters'
    report", "the report by X". A place or nationality in front of a channel or a firm says
    where it is, not who it is ("The US network", "a Japanese company"); "the US
    administration", "the French ministry" are the state itself."""
    places_ok = kind == "gpe" or head.lemma_.lower() in described_as("state")
    for child in head.lefts:
        label = q.mentions.label_at(child)
        if label in _THING_LABELS and (places_ok or label not in _PLACE_LABELS):
            return q.mentions.at(child).record  # type: ignore[union-attr]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in word_set("source_prep"):
            for t in child.children:
                if t.dep_ == "pobj":
                    m = q.mentions.at(t)
                    if m is not None:
                        return m.record
    return None


def _body(q: Query, head: Token, kind: str) -> Found | None:
    """An outlet, organisation or state description ("the newspaper", "the bank", "the
    agency"): a named poll for "the poll", "the study"; else the best-ranked outlet,
    organisation or place (:func:`.gatherers.bodies`), or no one."""
    lemma = head.lemma_.lower()
    if lemma in described_as("poll") or lemma in described_as("study"):
        poll = poll_near(q, head)  # "a new poll shows", "the study found"
        if poll is not None:
            return poll, None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "Mr. Clarke's new company": what its owner names (possessives.py)
    d = Description(role_of(head), frozenset(_content_words(q, head)), frozenset(), None,
                    frozenset(), kind=kind)
    a = Anaphor(head, "body", "", None, frozenset(), d)
    chosen = rank(q, a, gatherers.bodies(q, a))
    return chosen.seen.record if chosen is not None else None


def _content_words(q: Query, head: Token) -> set[str]:
    """The description's content words besides its head, singular, not part of a name
    ("the Vance campaign" is no "Vance Foundation"; "A union representing bus drivers"
    → bus, driver)."""
    return {singular(t.lower_) for t in head.subtree if t.i != head.i and t.is_alpha
            and t.pos_ in ("NOUN", "PROPN") and not t.is_stop and len(t) > 2
            and q.mentions.entity_at(t) is None}


def poll_near(q: Query, tok: Token) -> str | None:
    """The named poll or survey nearest before ``tok`` in its section, else the first
    within ``FORWARD_WINDOW`` sentences after it: "a new Washington Post-ABC News
    national poll" → "Washington Post-ABC News poll"."""
    mentions = q.mentions
    sent_now = mentions.sent_of(tok.i)
    before = [name for i, name in mentions.polls
              if i < tok.i and sent_now - mentions.sent_of(i) < SECTION_GAP]
    if before:
        return before[-1]
    after = [name for i, name in mentions.polls
             if i > tok.i and mentions.sent_of(i) - sent_now <= FORWARD_WINDOW]
    return after[0] if after else None


def _coordinated_people(q: Query, m: Mention) -> list[Mention]:
    """A PERSON mention and the persons coordinated after it ("Sens. Mark Orlen and Ruth
    Bayle"); empty for other mentions."""
    if m.label != "PERSON":
        return []
    root = q.mentions.doc[m.start : m.end].root
    return [m] + [other for c in root.conjuncts if c.i > root.i
                  and (other := q.mentions.at(c)) is not None and other.label == "PERSON"]


def named_pair(q: Query, head: Token) -> tuple[str, str] | None:
    """A plural role ("the senators", "both candidates") for people just named together
    ("Sens. Mark Orlen and Ruth Bayle"): the latest coordination of two or more
    persons within two sentences, when one of them bears the role or the description
    says "both". None otherwise ("officials", "sources": a group not named)."""
    mentions = q.mentions
    role = role_of(head)
    if role.endswith("s") and role not in role_aliases().values():
        role = role_aliases().get(role[:-1], role[:-1])
    both = any(c.lower_ in word_set("pair") for c in head.children)
    sent_now = mentions.sent_of(head.i)
    for m in reversed(mentions.items[: mentions.before(head.i)]):
        if sent_now - mentions.sent_of(m.start) > 2:
            break
        group = _coordinated_people(q, m)
        if len(group) < 2:
            continue
        if both or any(role in mentions.eid_words.get(g.entity_id, ()) for g in group):
            names = list(dict.fromkeys(g.name for g in group))
            return " and ".join(names), m.entity_id
    return None
