"""Where an article says who a person is: the rules that find a describing phrase next to a
mention of the name, each read by :func:`.phrases.read_phrase`.

The rules, in the order they are tried at each mention (:data:`MENTION_RULES`):

1. ``title_before``: the words right before the name ("Swiss diplomat Jean-Daniel Ruch",
   "Outgoing U.S. Secretary of State Antony Blinken", "General Mark Milley");
2. ``apposition_after``: ", a/the ROLE ..." after the name ("Mark Milley, Chairman of the
   U.S. Joint Chiefs of Staff,"); an age between commas is stepped over ("Ann Roe, 45, a
   teacher");
3. ``apposition_before``: "a/the ROLE ..., NAME" ("a spokesperson for the U.S. State
   Department, Matthew Miller, clarified");
4. ``predicate``: "NAME, who is the ROLE ..." and "NAME is the ROLE ...".

Every mention of the person in the article is read (earlier mentions usually carry the
description), and so is each speaker mention of their quotes that is a description ("the
spokesperson said", rule ``speaker_description``). Appositions must be confirmed by the parse
(an ``appos`` link between the name and the phrase), so a name after a comma ("When asked about
the minister, Ruth Kell said") is not described by what precedes it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..lexicons import profile_vocabulary
from .phrases import key, read_phrase
from .records import PERSON_LABELS, Article, Finding, Mention

#: How many words before a name a title may span.
TITLE_REACH = 8
#: Tokens that end an apposition.
_ENDS = frozenset({",", ";", "(", ")", "—", "–", ":", '"', "“", "”"})
_RELATIVES = frozenset({"who", "which", "that", "whose"})


def title_before(article: Article, m: Mention) -> Finding | None:
    """The title right before the name, up to a determiner, a verb or punctuation."""
    doc = article.doc
    i, first = m.start - 1, m.start
    while i >= max(0, m.start - TITLE_REACH):
        tok = doc[i]
        if article.label_at(i) in PERSON_LABELS or tok.text in _ENDS or tok.pos_ in (
            "DET", "VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM", "PART"
        ):
            break
        if tok.pos_ == "ADP":
            if not (tok.lower_ == "of" and i > 0 and doc[i - 1].is_title):
                break
        elif tok.is_lower and not _vocabulary(tok) and article.label_at(i) is None:
            break
        first = i
        i -= 1
    return read_phrase(article, first, m.start, "title_before") if first < m.start else None


def apposition_after(article: Article, m: Mention) -> Finding | None:
    """", the ROLE ..." after the name, confirmed by the parse."""
    doc = article.doc
    if m.end >= len(doc) or doc[m.end].text != ",":
        return None
    end = sentence_end(doc, m.start)
    start = m.end
    for _ in range(2):  # at most one age ("Ann Roe, 45, a teacher") stepped over
        if start >= end or doc[start].text != ",":
            return None
        stop = _phrase_end(article, start + 1, end)
        if not all(t.like_num for t in doc[start + 1:stop]) or stop == start + 1:
            break
        start = stop
    if not _appositive(article, m, start + 1, stop):
        return None
    return read_phrase(article, start + 1, stop, "apposition_after")


def apposition_before(article: Article, m: Mention) -> Finding | None:
    """"the ROLE ..., NAME": the phrase before a comma before the name, when the name closes
    the apposition (comma, verb or end of sentence after it) and the parse links the two."""
    doc = article.doc
    if m.start < 2 or doc[m.start - 1].text != ",":
        return None
    sent = doc[m.start].sent
    if m.end < sent.end and not (doc[m.end].text in _ENDS or doc[m.end].is_sent_end
                                 or doc[m.end].pos_ in ("VERB", "AUX")):
        return None
    i = m.start - 2
    while i >= sent.start and doc[i].text not in _ENDS and doc[i].pos_ not in (
        "VERB", "AUX", "PRON", "SCONJ"
    ):
        i -= 1
    if not _appositive(article, m, i + 1, m.start - 1):
        return None
    return read_phrase(article, i + 1, m.start - 1, "apposition_before")


def predicate(article: Article, m: Mention) -> Finding | None:
    """"NAME, who is the ROLE" and "NAME is the ROLE": the attribute of "be"."""
    doc = article.doc
    root = doc[m.start:m.end].root
    verbs = [c for c in root.children if c.dep_ == "relcl" and c.lemma_ == "be"]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        verbs.append(root.head)
    for verb in verbs:
        for attr in verb.children:
            if attr.dep_ == "attr":
                found = read_phrase(article, attr.left_edge.i, attr.right_edge.i + 1,
                                    "predicate")
                if found is not None:
                    return found
    return None


#: The rules tried at every mention, in order.
MENTION_RULES: tuple[tuple[str, Callable[[Article, Mention], Finding | None]], ...] = (
    ("title_before", title_before),
    ("apposition_after", apposition_after),
    ("apposition_before", apposition_before),
    ("predicate", predicate),
)


def findings_at(article: Article, m: Mention) -> list[Finding]:
    """What every rule reads at one mention."""
    found = (rule(article, m) for _, rule in MENTION_RULES)
    return [f for f in found if f is not None]


def description_finding(article: Article, start: int, end: int) -> Finding | None:
    """A speaker mention that is a description ("a State Department spokeswoman"), read as a
    phrase (character offsets ``start:end``)."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return read_phrase(article, span.start, span.end, "speaker_description")


def sentence_end(doc: Doc, i: int) -> int:
    """End of the sentence of token ``i``; a sentence the parser closed after a word that
    ends in a period ("the U.S. | Joint Chiefs of Staff") runs on into the next one."""
    sent = doc[i].sent
    if sent.end < len(doc) and not doc[sent.end - 1].is_punct:
        return doc[sent.end].sent.end
    return sent.end


def _vocabulary(tok: Token) -> bool:
    vocab = profile_vocabulary()
    word = key(tok)
    return word in vocab.roles or word in vocab.portfolios or word in vocab.qualifiers


def _phrase_end(article: Article, start: int, end: int) -> int:
    """Where an apposition starting at ``start`` ends: punctuation, a relative pronoun or a
    finite verb (not a participle modifying a noun: "an elected official")."""
    doc = article.doc
    i = start
    while i < end:
        tok = doc[i]
        if tok.text in _ENDS or tok.lower_ in _RELATIVES or tok.is_sent_end and tok.is_punct:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            break
        i += 1
    return i


def _appositive(article: Article, m: Mention, start: int, end: int) -> bool:
    """The parse links the name and the phrase ``start:end`` as appositions: an ``appos``
    arc, or a ``conj`` arc with no "and"/"or" between them (the parser's usual slip)."""
    doc = article.doc
    name = range(m.start, m.end)
    phrase = range(start, end)
    lo, hi = min(m.start, start), max(m.end, end)
    linked = {"appos"} if any(doc[k].dep_ == "cc" for k in range(lo, hi)) else {"appos", "conj"}
    for i in name:
        if doc[i].dep_ in linked and doc[i].head.i in phrase:
            return True
    return any(doc[i].dep_ in linked and doc[i].head.i in name for i in phrase)
