"""Possessed descriptions: "his aides", "Brandt's lawyer", "Nevada's tax commissioner".

The owner ("his", "Brandt's") is resolved first, aside (a possessive does not move the
pronoun chain). A role owned by someone is the person titled with that role and owner ("An
attorney for Brandt, Ruth Kell", named before or up to ``FORWARD_WINDOW`` sentences after);
a place's or body's officer may be the next subject the lede names; the person who just
spoke in the lede may be described by their relation to someone ("Jane Roe on Monday urged
... “...,” Smith's former strategist said"). Anything else owned ("his aides") is named by
its owner ("Tom Reed's aides") without an entity id: the owner is not the speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import descriptions, role_aliases, word_set
from .mentions import FORWARD_WINDOW, SECTION_GAP
from .persons import LEDE_SENTENCES, lede_person
from .roles import is_inner_hyphen, role_of
from .state import Query, Resolution

_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})

Found = tuple[str | None, str | None]


def owned_or_unresolved(q: Query, head: Token, span: tuple[int, int]) -> Resolution:
    """The last resort: "his aides" named by the owner; "one GOP source", "one of his
    aides" named by their kind; else unresolved."""
    owned = possessed(q, head, span[1])
    if owned:
        return Resolution(*span, owned, kind="owned")
    kind = one_member(q, head)
    return Resolution(*span, kind, kind="description" if kind else "unresolved")


def one_member(q: Query, head: Token) -> str | None:
    """"one GOP source" → "GOP source", "one of Tom Reed's aides" → "Tom Reed's aide": one
    unnamed member of a kind is named by the kind (in the singular, its owner resolved), as
    "a GOP source" is; the number is not who speaks. None for anything else."""
    found = _member_kind(head)
    if found is None:
        return None
    start, group = found
    doc = q.mentions.doc
    if any(t.is_punct and not is_inner_hyphen(t) or t.is_space
           for t in doc[start : group.i]):
        return None  # "... no one'\n\nBritish voters": a "one" the parser joined across
    poss = next((c for c in group.lefts if c.dep_ == "poss"), None)
    owner_name = owner(q, poss)[0] if poss is not None else None
    skip = {t.i for t in doc[start : group.i] if t.dep_ in ("det", "nummod")}
    if poss is not None and (owner_name or poss.lower_ in word_set("possessive_pronoun")):
        skip |= {t.i for t in poss.subtree}  # named by the owner, or by no one
    kind = "".join(t.lemma_ if t.i == group.i else t.text_with_ws
                   for t in doc[start : group.i + 1] if t.i not in skip).strip()
    if not kind:
        return None
    return f"{owner_name}'s {kind}" if owner_name else kind


def _member_kind(head: Token) -> tuple[int, Token] | None:
    """Where the kind of "one GOP source" / "one of the farmers" starts (a token index) and
    its noun ("source", "farmers"); None when ``head`` heads no such phrase."""
    if head.lower_ == "one" and head.pos_ == "NUM":
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if group is None or group.pos_ not in ("NOUN", "PROPN") or group.tag_ != "NNS":
            return None
        return group.left_edge.i, group
    ones = [c.i for c in head.children if c.dep_ == "nummod" and c.lower_ == "one"
            and c.i < head.i]
    if head.pos_ not in ("NOUN", "PROPN") or not ones:
        return None
    return max(ones) + 1, head


def possessed(q: Query, head: Token, end: int) -> str | None:
    """"His aides" → "Tom Reed's aides": a description owned by a resolvable pronoun
    or name is a group or text of that owner, so the owner names it; no entity id, since
    the owner is not the speaker. None when there is no owner or it cannot be resolved."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    poss = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if poss is None:
        return None
    doc = q.mentions.doc
    after = poss.i + 1
    if after <= head.i and doc[after].tag_ == "POS":
        after += 1  # "Brandt 's lawyer"
    if after > head.i:
        return None
    name = owner(q, poss)[0]
    if not name:
        return None
    rest = q.mentions.text[doc[after].idx : end].strip()
    return f"{name}'s {rest}" if rest else None


def owner(q: Query, poss: Token) -> Found:
    """Who a possessive ("his", "Brandt's") refers to: (canonical, entity id)."""
    if poss.lower_ in word_set("possessive_pronoun"):
        res = q.resolve_aside(poss)
        return res.canonical, res.entity_id
    k = q.mentions.entity_at(poss)
    return q.mentions[k].record if k is not None else (None, None)


def possessed_role(q: Query, head: Token, poss: Token, desc: dict[str, str]) -> Found | None:
    """A person description with an owner: "his lawyer" is someone named as the owner's
    lawyer, else not named at all; "Nevada's tax commissioner says ... Helen Marsh says": a
    place's or body's officer that the lede introduces; or the lede's speaker described by
    their relation to someone else."""
    role = role_of(head)
    found = owned_role(q, head, poss, role)
    if found is None and q.mentions.label_at(poss) in _THING_LABELS:
        found = lede_person(q, head, role, set(), desc.get("gender") or None, set())
    if found is None:
        found = _lede_speaker(q, head, poss, role)
    return found


def _lede_speaker(q: Query, head: Token, poss: Token, role: str) -> Found | None:
    """The lede names someone, the next sentence describes them: "Jane Roe on Monday urged
    ... “...,” Smith's former strategist said": the person who just spoke, unless it is the
    owner ("my mother": never the narrator) or was described by another role."""
    mentions = q.mentions
    last = q.discourse.last_speaker
    if last is None or last.entity_id is None or last.label != "PERSON" or (
        poss.lower_ in word_set("narrator_possessive")
    ):
        return None
    if _other_role(q, last.entity_id, role) or last.entity_id == owner(q, poss)[1]:
        return None
    sent = mentions.sent_of(head.i)
    if 0 <= sent - mentions.sent_of(last.head_i) <= 1 and (
        sent - mentions.section_start[head.i] <= LEDE_SENTENCES
    ):
        return last.canonical, last.entity_id
    return None


def _other_role(q: Query, eid: str, role: str) -> bool:
    """Was person ``eid`` described, in a title or apposition, only by other roles than
    ``role`` ("Open chief X" is not "her spokesman")?"""
    words = q.mentions.eid_words.get(eid, frozenset()) & (
        set(descriptions()) | set(role_aliases().values()))
    return bool(words) and role not in words


def owned_role(q: Query, head: Token, poss: Token, role: str) -> tuple[str, str] | None:
    """"Brandt's lawyer", "his attorney": the person whose own title or apposition
    has the role and names the owner ("An attorney for Brandt, Ruth Kell"),
    named before or within ``FORWARD_WINDOW`` sentences after. None when no one is."""
    name, owner_id = owner(q, poss)
    if not name:
        return None
    mentions = q.mentions
    names = {w for w in name.lower().split() if len(w) > 2}
    sent_now = mentions.sent_of(head.i)
    best = None
    for m in mentions.items:
        if role not in m.words or not names & m.words or m.entity_id == owner_id:
            continue
        sent = mentions.sent_of(m.start)
        if sent - sent_now > FORWARD_WINDOW or abs(sent - sent_now) >= SECTION_GAP:
            continue
        if best is None or m.start < head.i:
            best = m  # the latest one before, else the first after
        if m.start > head.i:
            break
    return best.record if best is not None else None
