"""Reporting verbs coordinated with another one: one speaker's second act, or another
speaker's report.

The parser often hangs a speaker's second speech act inside the first one's content
("said [it was opposed to the test and warned X to ...]", "to accuse X of being duped and
encourage Americans to ..."): the content stops before it, and it is an attribution of its
own with the same speaker. A speech verb with a subject of its own coordinated after a
reported clause ("tweeted that she got a message, and other women say ...") is someone
else's report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicons import cue_lexicon, frame, pronouns

_SUBJ = ("nsubj", "nsubjpass")
_FINITE = ("VBD", "VBZ", "VBP", "MD")


def is_cue_verb(tok: Token) -> bool:
    """Is ``tok``'s lemma a reporting verb of the lexicon?"""
    return (tok.lemma_.lower(), "VERB") in cue_lexicon()


def speech_verb(tok: Token) -> bool:
    """Is ``tok`` a speech or report verb of the lexicon ("tweeted", "said")?"""
    cue = cue_lexicon().get((tok.lemma_.lower(), "VERB"))
    return cue is not None and frame(cue.frame).speech_act


def second_cue(clause: Token) -> Token | None:
    """A reporting verb coordinated with the root of a reported clause but without a
    subject of its own ("said [it was opposed ...] and warned ..."): the parser put the
    speaker's second speech act inside the first one's content."""
    for c in clause.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBZ") and (
            is_cue_verb(c)
        ) and not any(x.dep_ in _SUBJ for x in c.children):
            return c
    return None


def number(tok: Token | None) -> str | None:
    """"sg" or "pl" for a pronoun of ``data/quote_pronouns.csv`` or a noun, else None."""
    if tok is None:
        return None
    if tok.pos_ == "PRON":
        row = pronouns().get(tok.lower_)
        return row["number"] if row is not None and row["number"] else None
    if tok.tag_ in ("NNS", "NNPS"):
        return "pl"
    return "sg" if tok.tag_ in ("NN", "NNP") else None


def other_subject(tok: Token, clause: Token) -> bool:
    """Do cue ``tok``'s subject and the reported clause's subject differ in number ("Insiders
    said he ...")? Then a verb coordinated in the clause without a subject of its own goes on
    with the clause's subject, not the speaker's."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    inner = next((c for c in clause.children if c.dep_ in _SUBJ), None)
    a, b = number(subj), number(inner)
    return a is not None and b is not None and a != b


def other_speaker_cue(clause: Token) -> Token | None:
    """A speech verb with a subject of its own coordinated after a reported clause ("tweeted
    that she got a message, and other women say they ..."): someone else's report, which is
    an attribution of its own, not part of the first one's content."""
    for c in clause.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and speech_verb(c) and any(
            x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN") for x in c.children
        ) and any(x.dep_ == "ccomp" and x.i > c.i for x in c.children):
            return c
    return None


def continued_clause(tok: Token, last: Token) -> Token:
    """Last token of cue ``tok``'s reported clause (ending at ``last``) past a clause the
    parser coordinated with the cue instead of with the clause ("said it was too early to
    tell, and there was no evidence yet", "said they had doubts, but could not bear to
    ..."): a finite conjunct right after the
    clause (finite by itself or by its auxiliary: "and the files weren't checked"), joined by
    only "and"/"but" and commas, goes on with what was said. A reporting verb that has
    content of its own ("and warned that ...", "but declined to say why") or a subject that
    names someone ("and other women say ...") is a new attribution, not a continuation."""
    doc = tok.doc
    for c in tok.rights:
        if c.dep_ != "conj" or c.i <= last.i:
            continue
        if not _continues(c) or not _only_joiners(doc, last.idx + len(last), c):
            return last
        end = c.right_edge
        while end.i > c.i and (end.is_punct or end.is_space):
            end = doc[end.i - 1]
        if "\n" in doc[last.i : end.i + 1].text:
            return last
        return end
    return last


def _finite_group(verb: Token) -> bool:
    """Is ``verb`` finite, or made finite by an auxiliary of its own ("don't want", "weren't
    researched", "will be done", "could not bear")?"""
    return verb.tag_ in _FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children
    )


def _continues(conj: Token) -> bool:
    """Can ``conj``, coordinated with a cue, continue the cue's reported clause? A finite
    verb group that is no reporting verb with content of its own, nor has one in its chain
    of infinitives."""
    if conj.pos_ not in ("VERB", "AUX") or not _finite_group(conj):
        return False
    if is_cue_verb(conj) and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in conj.children):
        return False
    return _act_in_infinitive(conj) is None


def _act_in_infinitive(verb: Token) -> Token | None:
    """A reporting verb in ``verb``'s chain of infinitives ("but did not want to comment",
    "and declined to say"): the subject's own speech act, an attribution of its own."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            return c if is_cue_verb(c) else _act_in_infinitive(c)
    return None


def before_coordinated_cue(tok: Token, a: int, b: int) -> tuple[int, Token | None]:
    """End of content ``a..b`` of cue ``tok`` before a reporting verb of the same form
    coordinated inside it ("to accuse X of being duped and encourage Americans to ..."): the
    parser hung the speaker's second act inside the first one's content. Second value: that
    verb (or None)."""
    doc = tok.doc
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return b, None
    for t in span:
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ == tok.tag_ and t.i > tok.i and (
            is_cue_verb(t)
        ) and not any(c.dep_ in _SUBJ for c in t.children):
            stop = t.i - 1
            while stop > span.start and doc[stop].dep_ in ("cc", "punct"):
                stop -= 1
            return doc[stop].idx + len(doc[stop]), t
    return b, None


def coordinated_object_end(tok: Token, end: int) -> int:
    """End of cue ``tok``'s object or phrase content (ending at ``end``) past a second
    conjunct the parser hung on the cue (or on the verb the cue's phrase hangs from)
    instead of on that object: a noun ("started by emphasizing economic fairness, and a
    need to raise wages") or a gerund ("mentioned refinancing loans and forcing
    universities to pay") right after it -- a verb takes no noun as a conjunct, and a
    gerund without a subject goes on with the object."""
    doc = tok.doc
    for owner in _cue_and_governors(tok):
        for c in owner.rights:
            if c.dep_ != "conj" or c.idx < end:
                continue
            if any(x.dep_ in _SUBJ for x in c.children) or not _only_joiners(doc, end, c):
                return end
            if c.pos_ in ("NOUN", "PROPN") or (c.tag_ == "VBG" and tok.tag_ != "VBG") or (
                _bare_verb_after_finite(c, tok)
            ):
                last = c.right_edge
                while last.i > c.i and (last.is_punct or last.is_space):
                    last = doc[last.i - 1]
                return max(end, last.idx + len(last))
            return end
    return end


def _bare_verb_after_finite(conj: Token, cue: Token) -> bool:
    """"plans to revive sales, then hand over the bridge": a bare verb without auxiliaries
    cannot be coordinated with a finite cue; it goes on with the cue's infinitive."""
    return conj.tag_ == "VB" and cue.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in conj.children
    )


def _only_joiners(doc: Doc, end: int, conj: Token) -> bool:
    """Only "and", "or", commas or spaces between character ``end`` and the conjunct?"""
    k = conj.left_edge.i - 1
    while k >= 0 and doc[k].idx >= end:
        if not (doc[k].dep_ in ("cc", "punct") or doc[k].is_space):
            return False
        k -= 1
    return True


def _cue_and_governors(tok: Token) -> list[Token]:
    """The cue, and the verbs its phrase hangs from ("started off [by emphasizing X]")."""
    out = [tok]
    cur = tok
    while cur.dep_ in ("pcomp", "prep", "xcomp") and cur.head.i != cur.i and len(out) < 4:
        cur = cur.head
        if cur.pos_ == "VERB":
            out.append(cur)
    return out
