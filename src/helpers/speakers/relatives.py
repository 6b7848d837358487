"""Relative pronouns: "who", "which" and "that" point back to a noun of their sentence.

"which"/"that" take the noun right before them ("the Chicago Police Department which
reported") or the noun the clause hangs from; "who" is never a thing: past a place or body
the parser attached the clause to ("listeners to his radio program who"), it takes the
people, and with no common noun it takes the nearest person named before it. The referent is
then resolved like any speaker mention (an apposition's name, a description ...).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import descriptions, word_set
from .mentions import Mentions
from .roles import is_inner_hyphen, role_of
from .state import Query, Resolution

#: How far back (in tokens) "who" looks for a person named just before it.
WHO_PERSON_REACH = 12
#: How far back (in tokens) "who" looks for a plural or person noun.
WHO_NOUN_REACH = 15


def relative(q: Query, head: Token) -> Resolution:
    """Who the relative pronoun ``head`` refers to (unresolved when no one)."""
    mentions = q.mentions
    low = head.lower_
    target = head.head.head if head.head.dep_ == "relcl" else None
    if low != "who":
        target = _noun_right_before(mentions, head, target)
    else:
        target = _who_target(mentions, head, target)
        if target is None:
            near = _person_before(mentions, head)
            if near is not None:
                return Resolution(head.idx, head.idx + len(head), *near, "pronoun")
    if target is not None and target.dep_ == "appos" and (
        mentions.entity_at(target.head) is not None
    ):
        target = target.head  # "Forward99, a super PAC that": the name
    target = _copula_subject(mentions, target)
    if target is None or target.i == head.i:
        return Resolution(head.idx, head.idx + len(head), kind="unresolved")
    inner = q.resolve(target)
    canonical = inner.canonical
    before = mentions.doc[target.left_edge.i - 1] if target.left_edge.i > 0 else target
    if canonical is None and target.pos_ in ("NOUN", "PROPN") and (
        inner.end > inner.start
    ) and not is_inner_hyphen(before):
        # "the report, which found ...": the antecedent as written
        canonical = mentions.text[inner.start : inner.end]
    return Resolution(head.idx, head.idx + len(head), canonical, inner.entity_id, "pronoun")


def _copula_subject(mentions: Mentions, target: Token | None) -> Token | None:
    """"Kaine is a former lawyer who is ...", "Lee became an advocate who argued ...": a
    relative clause on the predicate noun of a copula describes the copula's subject, when
    that is a name the article knows."""
    if target is None or target.dep_ != "attr" or target.head.lemma_.lower() not in (
        word_set("copula")
    ):
        return target
    subj = next((c for c in target.head.children if c.dep_ == "nsubj"), None)
    if subj is not None and mentions.entity_at(subj) is not None:
        return subj
    return target


def _noun_right_before(mentions: Mentions, head: Token, target: Token | None) -> Token | None:
    """"the help of states that may not want ...", "they turned to the Chicago Police
    Department which reported": the noun right before "which"/"that"."""
    if head.i == 0:
        return target
    near = mentions.doc[head.i - 1]
    if near.pos_ in ("NOUN", "PROPN") and (
        target is None or near.dep_ == "pobj" and target.i < near.i
        and near.i in {t.i for t in target.subtree}
    ):
        return near
    return target


def _who_target(mentions: Mentions, head: Token, target: Token | None) -> Token | None:
    """The noun "who" refers to: "a rallying point for protesters here, who", "listeners
    to his radio program who": the people, not the thing the parser hung the clause on."""
    near = _noun_before(mentions, head)
    if target is not None and near is not None and (
        target.tag_ == "NN" and mentions.entity_at(target) is None
        and role_of(target) not in descriptions() and near.i != target.i
    ):
        target = near
    return _who_antecedent(mentions, target)


def _who_antecedent(mentions: Mentions, target: Token | None) -> Token | None:
    """The noun a "who" clause modifies, when it is a common noun or group: "an
    architect who said", "nervous Democrats on Capitol Hill, who argued" (past a place
    or body the parser attached the clause to). None when it is a person's name or
    not such a noun; then the nearest person named before is taken."""
    for _ in range(3):
        if target is None:
            return None
        label = mentions.label_at(target)
        if label == "PERSON":
            return None  # "Will Smith and Stevie Wonder, who": the nearest name
        if label == "NORP" or (label is None and target.pos_ == "NOUN"
                               and target.tag_ in ("NN", "NNS")):
            return _people_past_thing(target)
        prep = target.head
        if target.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in (
            "NOUN", "PROPN"
        ):
            return None
        target = prep.head
    return None


def _people_past_thing(target: Token) -> Token:
    """"black listeners to his radio program who": past a thing to the people."""
    owner = target.head.head if target.dep_ == "pobj" else None
    if target.tag_ == "NN" and role_of(target) not in descriptions() and (
        owner is not None and owner.tag_ == "NNS" and owner.pos_ == "NOUN"
    ):
        return owner
    return target


def _noun_before(mentions: Mentions, tok: Token) -> Token | None:
    """The nearest plural or person noun before a relative "who" in its sentence (up to
    ``WHO_NOUN_REACH`` tokens back): "protesters here, who", "calls from listeners to his
    radio program who" ("who" is never the program)."""
    start = max(tok.sent.start, tok.i - WHO_NOUN_REACH)
    for i in range(tok.i - 1, start - 1, -1):
        t = mentions.doc[i]
        if t.pos_ == "NOUN" and (t.tag_ == "NNS" or role_of(t) in descriptions()):
            return t
    return None


def _person_before(mentions: Mentions, tok: Token) -> tuple[str, str] | None:
    """The PERSON entity named closest before ``tok`` (within ``WHO_PERSON_REACH`` tokens,
    same paragraph)."""
    for k in range(mentions.before(tok.i) - 1, -1, -1):
        m = mentions[k]
        if tok.i - m.end > WHO_PERSON_REACH or "\n" in mentions.doc[m.end : tok.i].text:
            break
        if m.label == "PERSON":
            return m.record
    return None
