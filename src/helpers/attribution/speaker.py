"""The speaker token of a cue, from the dependency parse.

:func:`subject` tries, in order: the "by"-agent of a passive ("was criticised by X"); no
one for an agentless passive or a bare participle ("Asked about it, X said": X is the one
asked); the verb's own subject (:func:`nearest_subject`); for a participle the subject of
the clause before the comma (", saying ...": :func:`outer_speaker`) or the name right
before it ("footage of Clinton asking"); the noun right before a verb whose subject the
parser lost (:func:`left_subject`: "..., Antony Blinken, echoed"); and finally a subject
inherited from the verb the cue hangs from, by the ordered rules of ``_INHERITED``
("and insists that ...", "forced X to admit", "left X feeling", "X said A and warned B",
"X is said to have told Y", "X issued a statement saying").
Second value of :func:`subject`: True when the cue is passive without an agent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from ..lexicons import word_set
from ..nlp import doc_text
from .bounds import para_break
from .coordination import other_subject, second_cue, speech_verb
from .subjects import climb_subject, left_subject, nearest_subject, outer_speaker, subordinate

_SUBJ = ("nsubj", "nsubjpass")
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]*[A-Z.]\s*(?:\([^)\n]{0,40}\))?\s*[–—-]+\s")

Speaker = tuple["Token | None", bool]  # (speaker token, passive without an agent)


def subject(tok: Token) -> Speaker:
    """Speaker of cue ``tok``: subject, "by"-agent of a passive, or an inherited subject.
    Second value: True when the cue is passive without an agent (no speaker)."""
    for child in tok.children:
        if child.dep_ == "agent":
            for p in child.children:
                if p.dep_ == "pobj":
                    return p, False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive or bare_participle(tok):
        return None, True
    subj = nearest_subject(tok, ("nsubj",))
    if subj is None and misread_verb(tok):
        subj = _misread_subject(tok)
    if subj is not None:
        return subj, False
    if tok.tag_ == "VBG":
        outer = outer_speaker(tok)
        if outer is None:
            outer = _participle_noun(tok)
        if outer is not None:
            return outer, False
    left = left_subject(tok)
    if left is not None:
        return left, False
    return _inherited(tok)


def misread_verb(tok: Token) -> bool:
    """"But Trump claims that ...", "“...,” Trump insists.", "The campaign plans to ...": a
    third-person verb the tagger read as a plural noun -- the sentence's root, with no
    determiner of its own, a name or noun (or subject) right before it, and a clause or
    infinitive (the quotation before it: "“...,” Trump claims, without evidence"), or
    nothing but the sentence end, after it."""
    if tok.tag_ != "NNS" or tok.head.i != tok.i or not tok.lower_.endswith("s") or any(
        c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children
    ):
        return False
    if _misread_subject(tok) is None:
        return False
    after = [c for c in tok.children if c.i > tok.i and not c.is_punct]
    return all(c.dep_ in ("ccomp", "xcomp", "advmod", "prep", "npadvmod") for c in after) and (
        not after or any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    )


def _misread_subject(tok: Token) -> Token | None:
    """The subject of a misread verb: its subject, or the name or noun right before it that
    the parser made a compound of it ("Trump claims")."""
    if tok.i == 0:
        return None
    before = tok.doc[tok.i - 1]
    if before.head.i != tok.i or before.dep_ not in ("nsubj", "compound") or (
        before.pos_ not in ("PROPN", "NOUN", "PRON")
    ):
        return None
    return before


# --- a subject inherited from the verb the cue hangs from -------------------------------------

Inherit = Callable[[Token, Token, Token, str], "Speaker | None"]


def _inherited(tok: Token) -> Speaker:
    """"and insists that ...", "refused to say", "in urging X to ...": the speaker is the
    subject of the verb this one hangs from (up to four levels up)."""
    cur = tok
    text = doc_text(tok.doc)
    for _ in range(4):
        if not (cur.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "csubj", "prep") or (
            cur.dep_ == "pobj" and cur.head.dep_ == "prep"
        )):
            break
        head = cur.head
        for rule in _INHERITED:
            found = rule(tok, cur, head, text)
            if found is not None:
                return found
        cur = head
    return None, False


def _across_paragraph(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """The parser ran a sentence across a paragraph break: the clause above belongs to
    another paragraph ("... reason.” / Bemoaning X, Trump accused")."""
    return (_right_subject(tok), False) if para_break(text, cur, head) else None


def _object_of_participle(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """"left many nations feeling that ...", "heard the crowd chanting": the object of the
    verb above does what the participle says."""
    if cur.dep_ != "xcomp" or cur.tag_ != "VBG":
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i
                and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    return (obj, False) if obj is not None and obj.lower_ not in word_set("relative") else None


def _noun_with_participle(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """"a statement saying" has no speaker; "Smith, saying" does; "X issued a statement
    saying" is X's (the object of a verb that puts out a text, ``issue_verb``)."""
    if cur.dep_ != "acl":
        return None
    if head.pos_ == "PROPN":
        return head, False
    if cur.tag_ == "VBG" and head.dep_ == "dobj" and (
        head.head.lemma_.lower() in word_set("issue_verb")
    ) and not para_break(text, head.head, cur):  # (not "gave X the chance to portray ...")
        issuer, _passive = subject(head.head)
        return issuer, False
    return None, False


def _object_control(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """"forced Stumpf to admit", "asked her to explain": the object speaks (not after
    "promised voters to ...")."""
    if cur.dep_ != "xcomp" or cur.tag_ != "VB":
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i
                and (c.pos_ == "PROPN" or c.lower_ in word_set("object_person"))), None)
    if obj is not None and head.lemma_.lower() not in word_set("subject_control"):
        return obj, False
    return None


def _participle_of_subordinate(tok: Token, cur: Token, head: Token, text: str
                               ) -> Speaker | None:
    """"X — who has called for ... — lambasting Y", "where the team played - while
    chanting": the participle belongs to the clause around that one."""
    if cur.dep_ != "advcl" or cur.tag_ != "VBG" or not subordinate(head):
        return None
    inner = nearest_subject(head, ("nsubj",))
    if head.dep_ == "relcl" and inner is not None and inner.lower_ in word_set("relative"):
        return head.head, False
    outer = climb_subject(head)
    return (outer, False) if outer is not None else None


def _second_act(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """"X said A and warned B": the second act's speaker is the outer verb's -- unless the
    reported clause has a subject of another number ("Insiders said he rated X and talked
    about Y": he talked), whose act it then is (:func:`_head_subject`)."""
    if cur.dep_ != "conj" or head.head.i >= head.i or para_break(text, head.head, head):
        return None
    if other_subject(head.head, head):
        return None
    if not (head.dep_ == "ccomp" or head.dep_ == "advcl" and speech_verb(head.head)
            and not subordinate(head)):
        return None
    second = second_cue(head)
    if second is None or second.i != cur.i:
        return None
    outer, _passive = subject(head.head)
    return (outer, False) if outer is not None else None


def _raised_subject(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """"X is said to have told Y", "X was quoted saying": a passive verb of report or
    perception (``raising_passive``) raises the subject of what it reports -- X told, X
    said; whoever alleged or heard it is not named. So do a speech announced ahead ("X is
    expected to say") and an adjective of one ("X was due to say", ``raising_adjective``).
    Other passives ("X was urged to say") have no speaker (:func:`_head_subject`)."""
    if cur.dep_ not in ("xcomp", "advcl"):
        return None
    lemma = head.lemma_.lower()
    if lemma in word_set("raising_adjective") and head.dep_ == "acomp":
        head = head.head  # "X was due to say": the copula has the subject
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    elif lemma in word_set("raising_passive"):
        subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    if subj is None or para_break(text, subj, head):
        return None
    return subj, False


def _head_subject(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """The subject of the verb above (same paragraph); none when it is passive."""
    for child in head.children:
        if child.dep_ == "nsubj" and not para_break(text, child, head):
            return child, False
        if child.dep_ == "nsubjpass":
            return None, True
    return None


def _head_speaker(tok: Token, cur: Token, head: Token, text: str) -> Speaker | None:
    """The verb above has lost its subject too: ", going on to say" after "X said", or
    the noun right before it."""
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if head.tag_ == "VBG":
        outer = outer_speaker(head)
        if outer is not None:
            return outer, False
    left = left_subject(head)
    return (left, False) if left is not None else None


#: How a cue inherits a speaker from the verb it hangs from, in order.
_INHERITED: tuple[Inherit, ...] = (
    _across_paragraph, _object_of_participle, _noun_with_participle, _object_control,
    _participle_of_subordinate, _second_act, _raised_subject, _head_subject, _head_speaker,
)


# --- the speaker token, other ways ---------------------------------------------------------------

def _participle_noun(tok: Token) -> Token | None:
    """"footage of Hillary Clinton asking, ...", "heard Trump saying ...": a participle
    right after a name (no comma) describes what that person is doing."""
    if tok.i == 0:
        return None
    prev = tok.doc[tok.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ in ("pobj", "dobj", "appos", "conj") and (
        prev.head.i != tok.i
    ) and prev.ent_type_ not in ("DATE", "TIME"):
        return prev  # (not "released a statement on Friday saying": a day says nothing)
    return None
def _right_subject(tok: Token) -> Token | None:
    """"Bemoaning the system, Trump accused ...": the subject of the clause right after a
    participial phrase that opens its sentence (same paragraph), else None."""
    doc = tok.doc
    if tok.tag_ != "VBG" or tok.left_edge.i != tok.i:
        return None
    start = tok.i
    while start > 0 and doc[start - 1].text in ("\"", "“", "‘", "'"):
        start -= 1  # an opening quotation mark before the participle
    if start > 0 and not (doc[start - 1].is_space or doc[start - 1].text in ".!?"):
        return None  # not at the start of a sentence
    text = doc_text(doc)
    for t in doc[tok.right_edge.i + 1 : tok.right_edge.i + 9]:
        if t.is_space or t.text in ".!?;" or "\n" in text[tok.idx : t.idx]:
            return None
        if t.dep_ == "nsubj" and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX"):
            return t
    return None
def bare_participle(tok: Token) -> bool:
    """"Asked about the plan, X said ...", "as predicted", "a box labeled ...": a past
    participle with no auxiliary or subject of its own is passive; whoever asked, predicted
    or labeled is not named (X is the one asked)."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("advcl", "acl", "amod"):
        return False
    return not any(c.dep_ in ("aux", "nsubj", "agent") for c in tok.children)
def dateline(tok: Token) -> bool:
    """"WASHINGTON – ...", "LONDON (Reuters) -": the place an article was filed from opens
    its first line in capitals; it is never a speaker."""
    if not tok.text.isupper() or len(tok.text) < 3:
        return False
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    m = _DATELINE.match(text, start)
    return m is not None and tok.idx < m.end()

