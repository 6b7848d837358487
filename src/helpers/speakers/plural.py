""""they": a group that just spoke, or the nearest earlier plural subject.

In order: the organisation heading the clause the pronoun's clause depends on ("Factcheckr
ruled ... but in their report they ..."); a group that just spoke ("Mr. Orlen and Ms. Bayle
say ..., they say"); the unnamed group that just spoke ("..., analysts said. They added");
else the nearest plural subject ("Senate aides", "Vance and Moreau") or organisation within
the current and previous two sentences -- the people it lists, if it lists any ("Critics,
like Senators X and Y"). Subjects inside a quotation are what its speaker talks about.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set
from .names import with_conjuncts
from .state import Query

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Quotation marks: a direct quotation's content starts at or right after one.
_QUOTE_MARKS = "\"“”'‘’«»"
#: How far back (in sentences) "they" looks for a group that spoke or a plural subject.
GROUP_WINDOW = 2

Found = tuple[str | None, str | None]


def plural(q: Query, tok: Token) -> Found | None:
    """Who "they" (``tok``) refers to."""
    if tok.dep_ in _SUBJECT_DEPS:
        k = governing_subject(q, tok)
        if k is not None and group_like(q, k):
            return q.mentions[k].record
    return _group_that_spoke(q, tok) or _unnamed_group(q, tok) or _plural_subject(q, tok)


def _group_that_spoke(q: Query, tok: Token) -> Found | None:
    """"Mr. Orlen and Ms. Bayle say ... , they say": a group that just spoke."""
    last = q.discourse.last_speaker
    if last is None or not last.canonical:
        return None
    t = q.mentions.doc[last.head_i]
    if last.head_i < tok.i and q.mentions.sent_of(tok.i) - q.mentions.sent_of(last.head_i) <= (
        GROUP_WINDOW
    ) and (t.tag_ in ("NNS", "NNPS") or last.label in ("ORG", "NORP")
           or any(c.dep_ == "conj" for c in t.children)):
        return last.canonical, last.entity_id
    return None


def _unnamed_group(q: Query, tok: Token) -> Found | None:
    """"..., analysts said. They added that ...": the unnamed group that just spoke."""
    mentions, discourse = q.mentions, q.discourse
    group = discourse.last_group
    if group is None or group >= tok.i or mentions.sent_of(tok.i) - mentions.sent_of(group) > 1:
        return None
    last = discourse.last_speaker
    if (last is not None and last.head_i >= group) or mentions.quoted(tok.idx):
        return None
    name = mentions.doc.char_span(*mentions.mention_span(mentions.doc[group]),
                                  alignment_mode="expand")
    words = [w.text for w in name if w.lower_ not in word_set("article")] if (
        name is not None) else []
    return (" ".join(words) if words else None), None


def _plural_subject(q: Query, tok: Token) -> Found | None:
    """The nearest earlier plural subject or organisation (within ``GROUP_WINDOW``
    sentences back), skipping the subjects of a quotation."""
    mentions = q.mentions
    sent_now = mentions.sent_of(tok.i)
    inside = q.content or (0, 0)
    edge = mentions.text[max(inside[0] - 1, 0) : inside[0] + 1]
    if not any(ch in _QUOTE_MARKS for ch in edge):
        inside = (0, 0)  # only a quotation's own words, not reported speech
    i = tok.i - 1
    while i >= 0 and sent_now - mentions.sent_of(i) <= GROUP_WINDOW:
        t = mentions.doc[i]
        i -= 1
        if inside[0] <= t.idx < inside[1] or (
            t.dep_ in _SUBJECT_DEPS and mentions.quoted(t.idx) and not mentions.quoted(tok.idx)
        ):
            continue  # the quote's own subjects are what the speaker talks about
        if t.dep_ in _SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN"):
            found = _subject_group(q, t)
            if found is not None:
                return found
    return None


def _subject_group(q: Query, t: Token) -> Found | None:
    """The group a subject ``t`` names: an organisation, the people it lists, or the plural
    phrase as written; None when ``t`` is neither plural nor group-like."""
    mentions = q.mentions
    k = mentions.entity_at(t)
    coordinated = any(c.dep_ == "conj" for c in t.children)
    is_plural = t.tag_ in ("NNS", "NNPS") or coordinated
    if not is_plural:
        return mentions[k].record if k is not None and group_like(q, k) else None
    named = _named_examples(q, t)
    if named is not None:
        return named
    if coordinated:
        a, b = mentions.doc[t.left_edge.i].idx, t.right_edge.idx + len(t.right_edge)
    else:
        a, b = mentions.mention_span(t)
    name = mentions.doc.char_span(a, b, alignment_mode="expand")
    words = [w.text for w in name if w.lower_ not in word_set("article")]
    return " ".join(words) if words else None, None


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


def group_like(q: Query, k: int) -> bool:
    """Can entity ``k`` be a "they": an organisation or group, or a one-word "person"
    that no full name or gender backs (a site such as "Factcheckr" tagged PERSON)?"""
    m = q.mentions[k]
    return m.label in ("ORG", "NORP") or m.label == "PERSON" and (
        " " not in m.name and m.entity_id not in q.mentions.gender
    )


def governing_subject(q: Query, tok: Token) -> int | None:
    """The entity heading the subject of a clause above the pronoun's clause: "Tom
    Reed faced criticism after he asked ...", "Vance has been dogged by charges that he
    ..." (the nearest such subject first)."""
    below = tok.head
    for anc in below.ancestors:
        if below.dep_ == "relcl":
            return None  # "... Reed has in his hands, which he said were ...": an aside
        below = anc
        for c in anc.children:
            if c.dep_ in _SUBJECT_DEPS and c.i < tok.i and c.i != tok.i:
                k = q.mentions.entity_at(c)
                if k is not None:
                    return k
                break
    return None
