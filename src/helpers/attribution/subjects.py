"""The subject of a verb, from the dependency parse, and repairs for the ones it lost.

:func:`nearest_subject`: the verb's own subject (of several, the nearest; a name in
apposition when the parse misread it); :func:`left_subject`: the noun right before a finite
verb whose subject the parser lost ("..., Antony Blinken, echoed", "Rep. Jo Roe (D-Calif.)
revealed", "Protesters marching through the streets chanted", "Clinton, at Monday's debate,
cited"); :func:`outer_speaker`: the subject of the clause before ", saying ...";
:func:`climb_subject`: the subject of the nearest main clause above a subordinate one.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp import doc_text
from .bounds import para_break
from .coordination import is_cue_verb

_SUBJ = ("nsubj", "nsubjpass")
_SKIP_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})

def nearest_subject(verb: Token, deps: tuple[str, ...] = _SUBJ) -> Token | None:
    """The verb's subject; of several (a headline run into the dateline: "Obama Says ...
    WASHINGTON"; "“...,” said Leslie Wimes"), the one whose phrase ends nearest the verb."""
    text = doc_text(verb.doc)
    subjs = [c for c in verb.children if c.dep_ in deps and not para_break(text, c, verb)]
    if not subjs:
        return None
    subj = min(subjs, key=lambda c: (
        verb.i - c.right_edge.i if c.i < verb.i else c.left_edge.i - verb.i, c.i > verb.i))
    appos = _appositive_name(verb, subj)
    return subj if appos is None else appos


def _appositive_name(verb: Token, subj: Token) -> Token | None:
    """A subject right after a preposition that has no object of its own ("With 50 days
    until the election, Minyon Moore, ..., called") is that preposition's object misread:
    its appositive name is the subject. So is a name right before the verb, read as the
    apposition of the noun before the comma ("To understand the real Dred Scott, Chief
    Justice Roberts said, ...")."""
    edge = subj.left_edge.i
    if edge > 0:
        prev = verb.doc[edge - 1]
        if prev.pos_ == "ADP" and prev.dep_ == "prep" and not any(
            c.dep_ in ("pobj", "pcomp") for c in prev.children
        ):
            appos = next((c for c in subj.rights if c.dep_ == "appos" and c.pos_ == "PROPN"),
                         None)
            if appos is not None:
                return appos
    if subj.i < verb.i:
        return next((c for c in subj.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                     and c.right_edge.i == verb.i - 1), None)
    return None


def left_subject(verb: Token) -> Token | None:
    """A finite verb whose subject the parser lost ("..., Antony Blinken, echoed"): the noun
    right before it (skipping auxiliaries, adverbs and commas)."""
    if not _finite(verb):
        return None
    doc = verb.doc
    sent_start = verb.sent.start
    i = verb.i - 1
    while i >= sent_start and (doc[i].dep_ in _SKIP_LEFT or doc[i].text == ","):
        i -= 1
    i, paren = _before_parenthesis(verb, i)
    if i < sent_start:
        return None
    cand = doc[i]
    unclosed = _unclosed_apposition(cand)
    if unclosed is not None:
        return unclosed
    if paren and cand.pos_ == "PROPN":
        return cand  # the name the parenthesis belongs to
    found, cand = _noun_modified(verb, cand)
    if found is not None:
        return found
    before = _before_parenthetical(verb, cand, i)
    if before is not None:
        return before
    if cand.pos_ in ("PROPN", "NOUN", "PRON") and cand.lower_ not in ("that", "which", "what"):
        return cand
    return _adjective_subject(verb, cand)


def _adjective_subject(verb: Token, cand: Token) -> Token | None:
    """"The 31-year-old insisted": the parser hung the subject's determiner and adjective
    on the verb itself (a determiner never goes with a verb); the adjective heads the
    subject."""
    if cand.pos_ != "ADJ" or cand.dep_ != "amod" or cand.head.i != verb.i:
        return None
    det = any(c.dep_ == "det" and c.i < cand.i for c in verb.children)
    return cand if det else None


def _finite(verb: Token) -> bool:
    """A finite verb ("is questioning", "will say" are finite too)."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBD", "VBP", "MD") and c.i < verb.i
        for c in verb.children
    )


def _before_parenthesis(verb: Token, i: int) -> tuple[int, bool]:
    """"X, from the Consumer Electronics Association (CEA) told", "Rep. Jo Roe (D-Calif.)
    revealed": skip the acronym or the party and state. Second value: one was skipped."""
    doc, sent_start = verb.doc, verb.sent.start
    if i > sent_start and doc[i].text == ")":
        j = i - 1
        while j > max(sent_start, i - 8) and doc[j].text != "(":
            j -= 1
        if doc[j].text == "(":
            return j - 1, True
    return i, False


def _unclosed_apposition(cand: Token) -> Token | None:
    """"“...,” Jo Roe, from the Fenwick Institute told": an apposition whose closing comma
    is missing; the name before it is the subject."""
    doc, sent_start = cand.doc, cand.sent.start
    up = cand
    for _ in range(4):
        if up.dep_ not in ("pobj", "compound", "appos") or up.head.i >= up.i:
            break
        up = up.head
    if up.dep_ == "prep" and up.i - 2 >= sent_start and doc[up.i - 1].text == "," and (
        doc[up.i - 2].pos_ == "PROPN"
    ):
        return doc[up.i - 2]
    return None


def _noun_modified(verb: Token, cand: Token) -> tuple[Token | None, Token]:
    """"Protesters marching through the streets chanted": climb out of the phrase ``cand``
    ends to the noun it modifies; if the chain ends anywhere else the parse is broken: keep
    the nearest noun. First value: the subject of a participle the parser took for the main
    verb, if that is where the chain leads; second: the noun."""
    sent_start = verb.sent.start
    up = cand
    for _ in range(4):
        if up.dep_ != "pobj" or up.head.dep_ != "prep":
            break
        nxt = up.head.head
        if nxt.pos_ == "VERB" and nxt.dep_ in ("acl", "relcl"):
            nxt = nxt.head
        else:
            subj = _participle_subject(verb, nxt)
            if subj is not None:
                return subj, cand
        if nxt.i >= verb.i or nxt.i < sent_start or nxt.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None, cand
        up = nxt
    return None, (up if up.dep_ != "pobj" else cand)


def _participle_subject(verb: Token, nxt: Token) -> Token | None:
    """The subject of a participle before ``verb`` that the parser took for the main verb
    ("Protesters marching ... chanted")."""
    if nxt.tag_ in ("VBG", "VBN") and nxt.i < verb.i and not any(
        c.dep_ in ("aux", "auxpass") for c in nxt.children
    ):
        return next((c for c in nxt.children if c.dep_ == "nsubj" and c.i < nxt.i), None)
    return None


def _before_parenthetical(verb: Token, cand: Token, i: int) -> Token | None:
    """"Clinton, at Monday's debate, cited", "Obama, dedicating the museum on Saturday,
    said": the phrase between the commas is a parenthetical; its subject comes before."""
    doc, sent_start = verb.doc, verb.sent.start
    if doc[verb.i - 1].text != "," and not (i + 1 < verb.i and doc[i + 1].text == ","):
        return None
    top = cand
    while top.head.i < verb.i and top.head.i != top.i and top.head.right_edge.i <= i:
        top = top.head
    start = top.left_edge.i
    if _opens_with_participle(top, verb):
        # "Hansen, asked about the budget, said": the parser made the participle the main
        # verb and the name its subject; the parenthetical opens at the participle
        top, start = top.head, top.head.i
    elif top.dep_ not in ("pobj", "prep", "advcl", "acl", "npadvmod", "pcomp"):
        return None
    if not (start - 2 >= sent_start and doc[start - 1].text == ","):
        return None
    before = doc[start - 2]
    if before.dep_ == "compound" and before.head.i == start - 1:
        before = before.head
    if before.pos_ in ("PROPN", "PRON") or (
        before.pos_ == "NOUN" and top.dep_ in ("advcl", "acl")
    ):
        return before
    return None


def _opens_with_participle(top: Token, verb: Token) -> bool:
    """Is ``top`` (a phrase right before ``verb``'s comma) the complement of a past
    participle right after a comma ("Hansen, asked about the budget, said")?"""
    head = top.head
    return top.dep_ in ("prep", "dobj", "npadvmod", "advmod") and head.i < verb.i and (
        head.tag_ in ("VBN", "VBD") and head.i > 0 and head.doc[head.i - 1].text == ","
    )


def outer_speaker(tok: Token) -> Token | None:
    """Speaker of ", saying/claiming/adding ...": the subject of the outermost reporting verb
    of the clause before the comma (robust to where the parser attached the participle).
    Verbs inside a relative clause ("... an architect who said ..., saying") are used only
    when the clause outside it has no subject."""
    doc = tok.doc
    i = tok.left_edge.i - 1
    if i < tok.sent.start or doc[i].text not in (",", "—", "–"):
        return None
    chain = [doc[i - 1], *doc[i - 1].ancestors] if i > tok.sent.start else []
    last_rel = max((n for n, t in enumerate(chain) if t.dep_ in ("relcl", "acl")), default=-1)
    for part in (chain[last_rel + 1 :], chain[: last_rel + 1]):
        found = _clause_speaker(tok, part)
        if found is not None:
            return found
    return None


def _clause_speaker(tok: Token, verbs: list[Token]) -> Token | None:
    """The subject of the outermost reporting verb among ``verbs`` (before ``tok``), else
    of the outermost verb."""
    best: Token | None = None
    fallback: Token | None = None
    for anc in verbs:
        if anc.i >= tok.i or anc.pos_ not in ("VERB", "AUX"):
            continue
        subj = nearest_subject(anc, ("nsubj",)) or left_subject(anc)
        if subj is None:
            continue
        if is_cue_verb(anc):
            best = subj
        else:
            fallback = subj  # the outermost clause wins
    return best if best is not None else fallback




def subordinate(verb: Token) -> bool:
    """A clause that is a relative or adverbial one ("where X played", "after he left"):
    its subject is not the subject of a participle the parser hung from it."""
    if verb.dep_ == "relcl":
        return True
    return any(
        (c.dep_ == "advmod" and c.tag_ == "WRB") or (c.dep_ == "mark" and c.i < verb.i)
        for c in verb.children
    )


def climb_subject(verb: Token) -> Token | None:
    """Subject of the nearest enclosing main (non-subordinate) clause above ``verb``."""
    cur = verb
    for _ in range(5):
        if cur.dep_ not in ("advcl", "xcomp", "ccomp", "conj", "relcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and not subordinate(cur):
            subj = nearest_subject(cur, ("nsubj",))
            if subj is not None:
                return subj
    return None
