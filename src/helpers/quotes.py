"""Quotes: direct, indirect and mixed attributions with resolved speakers.

One pass over a parsed Doc, in the style of textacy's ``extract`` functions:

1. quote marks are scanned and paired per paragraph (:func:`quote_spans`);
2. reporting cues (verbs, "according to", "X's claim that", adjectival "confident that") are
   found from the dependency parse, with their speaker (subject, "by"-agent, inherited subject
   of ", saying ...", the object of "forced X to admit" / "left X feeling", the name before
   "X asking", the name after an inverted "Said X:", none for "faced questions" / "Asked
   about it," / "it appears that") and content (the reported clause, or the clause around
   ", X said"); parse slips are repaired where the text shows them (a sentence end missed
   after "U.S.", a subject lost behind a parenthetical, a second reporting verb inside the
   first one's clause, a new "sentence" started mid-clause, a clause hung across a paragraph
   break);
   non-speech cues nested in a reported clause belong to the outer attribution;
3. quoted passages are attached to the cue next to them ("A," he said, "B." is one
   attribution, so is "A," he told X, "b..."; the writer's words before a quotation in the
   same sentence belong to a cue after it); quoted sentences with no cue of their own
   continue the previous speaker's;
   quoted phrases with neither cue nor speaker (scare quotes, titles) are not attributions;
4. speakers are resolved to named entities by :mod:`helpers.speakers`.

The cue lexicon is data (``data/quote_cues.csv``: lemma, part of speech, frame after the
VerbNet communication classes -- speech, complain, advise, request, commit, manner, cognition,
evidence, report, appearance --, stance flag for claim/admit/insist/concede-type verbs, and
the kind of content the cue takes: a clause only, also a noun phrase, or only a
colon/quotation).
Reporting nouns ("X's claim that") are in ``data/quote_nouns.csv``; speech-act objects of
support verbs ("made the case") in ``data/quote_object_nouns.csv``, and the support verbs
whose subject is the target ("faced questions") in ``data/quote_receiver_verbs.csv``.

``confidence`` reflects the rule that fired: 0.95 quotation next to its cue, 0.9 reported
clause ("said that ..."), 0.85 "according to", 0.8 ", X said" / colon / dash attribution,
0.75 infinitive ("urged X to ..."), 0.7 reporting noun / adjective / verb introducing a
quotation, 0.6-0.65 noun-phrase content, 0.6 a quotation continuing the previous speaker;
times 0.8 when the speaker could not be resolved to a named entity.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd
from spacy.tokens import Doc, Span, Token

from .nlp import doc_text
from .lexicons import descriptions
from .speakers import Discourse, Mentions, Resolution, resolve, role_of

# --- lexicons -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    frame: str
    stance: bool
    content: str  # clause | np | colon | about (topic preposition only: "talked about X")


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """(lemma, pos) → cue entry, from ``data/quote_cues.csv``."""
    out = {}
    with resources.files("helpers.data").joinpath("quote_cues.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[(r["lemma"], r["pos"])] = Cue(
                r["lemma"], r["pos"], r["frame"], r["stance"] == "stance", r["content"]
            )
    return out


@functools.lru_cache(maxsize=1)
def noun_cues() -> dict[str, dict[str, str]]:
    """Reporting nouns ("claim", "statement") from ``data/quote_nouns.csv``."""
    with resources.files("helpers.data").joinpath("quote_nouns.csv").open(encoding="utf-8") as fh:
        return {r["lemma"]: r for r in csv.DictReader(fh)}


def stance_cues() -> frozenset[str]:
    """Lemmas of stance-laden cues (claim, admit, insist, concede, ...)."""
    return frozenset(c.lemma for c in cue_lexicon().values() if c.stance) | frozenset(
        lemma for lemma, r in noun_cues().items() if r.get("stance") == "stance"
    )


# --- quote-mark scanning --------------------------------------------------------------------

_OPEN_DOUBLE = "“«„"
_CLOSE_DOUBLE = "”»"
_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›"}
QUOTE_CHARS = frozenset("\"“”«»„‘’‹›")
_PARA = re.compile(r"[^\n]+")


def _straight_is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:;" or i == 0:
        return not after.isspace()
    return False


def _scan_paragraph(
    text: str, a: int, b: int, open_at: int | None = None, closer: str = "”"
) -> tuple[list[tuple[int, int]], int | None, str]:
    """Quoted spans in ``text[a:b]`` (``open_at``: a quote carried in from earlier); also the
    start and closer of a quote still open at the end of the paragraph.

    Curly marks and guillemets nest (a “quote “inside” a quote” closes once); straight
    marks toggle by position. An opener never closed is stray: the pairs inside it survive."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = [] if open_at is None else [open_at]
    inner: list[tuple[int, int]] = []
    resumed: int | None = None  # where a flattened multi-paragraph quote last reopened
    i = a
    while i < b:
        ch = text[i]
        if not stack:
            if ch in _OPEN_DOUBLE:
                stack, closer = [i], _PAIRS.get(ch, "”")
            elif ch == '"' and _straight_is_open(text, i):
                stack, closer = [i], '"'
            elif ch == "”" and (i == a or text[i - 1].isspace()) and i + 1 < b and (
                text[i + 1].isalnum()
            ):
                stack, closer = [i], "”"  # a closing mark typed as an opener
            elif ch in "‘‹" and (i == a or not text[i - 1].isalnum()):
                end = _single_close(text, i + 1, b, _PAIRS[ch])
                if end is not None:
                    spans.append((i, end))
                    i = end
                    continue
            elif ch == "'" and (i == a or text[i - 1].isspace() or text[i - 1] in "(["):
                end = _single_close(text, i + 1, b, "'")
                if end is not None:
                    spans.append((i, end))
                    i = end
                    continue
        elif closer == '"':
            if ch == '"' and text[i - 1].isspace() and i + 1 < b and text[i + 1].isalnum():
                # 'good. "It's ...': a new quoted sentence of the same speaker (a quote
                # flattened from several paragraphs), not the close of this one
                resumed = i
            elif ch in "\"”":
                if resumed is not None and text[i - 1] == ",":
                    # '... Europe. Then narration. "It is special," X added.': a closing
                    # comma ends a quote that opened at the last reopening; the one before
                    # lost its closing mark
                    end = resumed
                    while end > stack[0] and text[end - 1].isspace():
                        end -= 1
                    spans.append((stack[0], end))
                    spans.append((resumed, i + 1))
                else:
                    spans.append((stack[0], i + 1))
                stack, resumed = [], None
        elif ch == closer or (closer == "”" and ch == '"' and not _straight_is_open(text, i)):
            start = stack.pop()
            if stack:
                inner.append((start, i + 1))
            else:
                spans.append((start, i + 1))
                inner = []
        elif ch in _OPEN_DOUBLE and ch != "„" and _PAIRS.get(ch) == closer:
            stack.append(i)
        i += 1
    if stack:
        spans.extend(inner)
        return spans, stack[0], closer
    return spans, None, closer


_SINGLE_LIMIT = 300


def _single_close(text: str, i: int, b: int, closer: str) -> int | None:
    """End of a single-quoted span opened before ``i`` (apostrophes such as "don’t" skipped)."""
    stop = min(b, i + _SINGLE_LIMIT)
    while i < stop:
        ch = text[i]
        if ch == closer:
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalnum():
                return i + 1
        i += 1
    return None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages of ``text`` as ``(start, end)`` including the marks, in order.

    Pairs marks by type within a paragraph; a paragraph left open continues when the next
    paragraph reopens (multi-paragraph quotes); a mark that is never closed is dropped
    without affecting the rest of the document. Single-quoted spans inside a double-quoted
    one are not reported separately."""
    paragraphs = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    out: list[tuple[int, int]] = []
    carry: int | None = None  # start of a multi-paragraph quote still open
    closer = "”"
    for n, (a, b) in enumerate(paragraphs):
        s = a
        while s < b and text[s].isspace():
            s += 1
        if carry is not None and s < b and text[s] in "\"“«”":
            spans, open_at, closer = _scan_paragraph(text, s + 1, b, carry, closer)
        else:
            spans, open_at, closer = _scan_paragraph(text, a, b)
        out.extend(spans)
        carry = None
        if open_at is not None and n + 1 < len(paragraphs):
            nxt = paragraphs[n + 1][0]
            if text[nxt : nxt + 1] in ("\"", "“", "«", "”"):
                carry = open_at
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s < merged[-1][1]:
            continue  # nested (single inside double)
        merged.append((s, e))
    return merged


# --- attribution records --------------------------------------------------------------------


@dataclass
class _Attr:
    cue: str
    cue_start: int
    cue_end: int
    speaker_tok: Token | None
    content_start: int
    content_end: int
    rule: str
    confidence: float
    cue_i: int = -1
    quotes: list[tuple[int, int]] = field(default_factory=list)
    speaker_override: tuple[int, int] | None = None
    resolution: Resolution | None = None
    inherited: _Attr | None = None


_TRIM = " \t\n,;:—–-"
_SUBJ = ("nsubj", "nsubjpass")
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})


_ABBREV = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:Inc|Corp|Co|Ltd|Jr|Sr)\.$")
_ABBREV_END = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$")
# Capitalised words that cannot continue a noun phrase after "U.S." ("... the U.S. The ...")
_CLAUSE_OPENERS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "ADV", "AUX"})
_NEW_NAME = frozenset({"GPE", "PERSON", "LOC"})


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    if b > a and text[b - 1] == "." and not (b >= 2 and text[b - 2] == ".") and not (
        _ABBREV_END.search(text, max(a, b - 12), b - 1)
    ):
        b -= 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
    return a, b


#: rules whose content is the parse subtree to the right of the cue
_RIGHTWARD_RULES = frozenset({"ccomp", "dobj", "prep", "rest", "xcomp", "noun", "support",
                              "adj"})


def _missed_boundary(doc: Doc, index: Mentions, text: str, a: int, b: int) -> int:
    """End of content ``text[a:b]`` when the parser started a new sentence in mid-clause
    ("mentioned disparaging remarks | Trump had made about ...", "Chairman of the U.S. |
    Joint Chiefs of Staff"): the subtree stops there, so the content runs on to the real
    sentence end (same paragraph)."""
    span = doc.char_span(b - 1, b, alignment_mode="expand")
    if span is None:
        return b
    j = span[-1].i + 1
    if j >= len(doc) or not doc[j].is_sent_start or doc[j].is_punct or doc[j].is_space:
        return b
    if text[b - 1] in ".!?;:\"”’)":
        last = span[-1]
        if not _ABBREV.match(last.text) or _sentence_opener(index, last, doc[j]):
            return b  # a real sentence end (not "the U.S. | Joint Chiefs")
    if "\n" in text[b : doc[j].idx] or doc[j].text[:1].isupper() and doc[j].pos_ in (
        "DET", "PRON", "ADV", "SCONJ", "CCONJ"
    ):
        return b  # a paragraph break, or a real sentence start the writer left unpunctuated
    end = _sentence_end(text, b)
    while end > b and text[end - 1] in ".!?\"”’)":
        end -= 1
    return max(b, end)


def _abbreviation_break(doc: Doc, index: Mentions, a: int, b: int) -> int:
    """End of content ``text[a:b]`` at a sentence boundary the parser missed after an
    abbreviation ("... on behalf of the U.S. Russia has ..."): the period of "U.S."/"Inc."
    followed by a capitalised word that opens a new sentence -- a function word ("The",
    "He") or a new place or person name right after the abbreviation's own name, which
    cannot continue its noun phrase (unlike "the U.S. Senate", "the U.S. Joint Chiefs")."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return b
    for tok in span[:-1]:
        if tok.text[-1] == "." and _ABBREV.match(tok.text) and (
            _sentence_opener(index, tok, doc[tok.i + 1])
        ):
            return tok.idx + len(tok)
    return b


def _sentence_opener(index: Mentions, abbrev: Token, nxt: Token) -> bool:
    """Does ``nxt``, right after the abbreviation ``abbrev``, open a new sentence?"""
    if not abbrev.whitespace_ or not nxt.is_alpha or not nxt.text[:1].isupper():
        return False
    if nxt.lower_ == "i":
        return False
    new_name = (
        index.starts_mention(nxt.i)
        and index.label_at(nxt) in _NEW_NAME and index.entity_at(abbrev) is not None
    )
    return new_name or nxt.pos_ in _CLAUSE_OPENERS


def _span_chars(tokens: list[Token] | Span) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last)


def _subtree_chars(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


_SKIP_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})


def _left_subject(verb: Token) -> Token | None:
    """A finite verb whose subject the parser lost ("..., Antony Blinken, echoed"): the noun
    right before it (skipping auxiliaries, adverbs and commas)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBD", "VBP", "MD") and c.i < verb.i
        for c in verb.children
    ):
        return None  # "is questioning", "will say" are finite too
    doc = verb.doc
    i = verb.i - 1
    sent_start = verb.sent.start
    while i >= sent_start and (doc[i].dep_ in _SKIP_LEFT or doc[i].text == ","):
        i -= 1
    paren = False
    if i > sent_start and doc[i].text == ")":
        # "X, from the Consumer Electronics Association (CEA) told", "Rep. Jo Roe (D-Calif.)
        # revealed": skip the acronym or the party and state
        j = i - 1
        while j > max(sent_start, i - 8) and doc[j].text != "(":
            j -= 1
        if doc[j].text == "(":
            i, paren = j - 1, True
    if i < sent_start:
        return None
    cand = doc[i]
    up = cand
    for _ in range(4):
        if up.dep_ not in ("pobj", "compound", "appos") or up.head.i >= up.i:
            break
        up = up.head
    if up.dep_ == "prep" and up.i - 2 >= sent_start and doc[up.i - 1].text == "," and (
        doc[up.i - 2].pos_ == "PROPN"
    ):
        # "“...,” Jo Roe, from the Fenwick Institute told": an apposition whose closing
        # comma is missing; the name before it is the subject
        return doc[up.i - 2]
    if paren and cand.pos_ == "PROPN":
        return cand  # the name the parenthesis belongs to
    # "Protesters marching through the streets chanted": climb out of the phrase to the noun
    # it modifies; if the chain ends anywhere else the parse is broken: keep the nearest noun.
    up = cand
    for _ in range(4):
        if up.dep_ != "pobj" or up.head.dep_ != "prep":
            break
        nxt = up.head.head
        if nxt.pos_ == "VERB" and nxt.dep_ in ("acl", "relcl"):
            nxt = nxt.head
        elif nxt.tag_ in ("VBG", "VBN") and nxt.i < verb.i and not any(
            c.dep_ in ("aux", "auxpass") for c in nxt.children
        ):
            # the participle taken for the main verb ("Protesters marching ... chanted")
            subj = next((c for c in nxt.children if c.dep_ == "nsubj" and c.i < nxt.i), None)
            if subj is not None:
                return subj
        if nxt.i >= verb.i or nxt.i < sent_start or nxt.pos_ not in ("NOUN", "PROPN", "PRON"):
            up = cand
            break
        up = nxt
    if up.dep_ != "pobj":
        cand = up
    if doc[verb.i - 1].text == "," or (i + 1 < verb.i and doc[i + 1].text == ","):
        # "Clinton, at Monday's debate, cited", "Obama, dedicating the museum on Saturday,
        # said": the phrase between the commas is a parenthetical; its subject comes before
        top = cand
        while top.head.i < verb.i and top.head.i != top.i and top.head.right_edge.i <= i:
            top = top.head
        start = top.left_edge.i
        if top.dep_ in ("pobj", "prep", "advcl", "acl", "npadvmod", "pcomp") and (
            start - 2 >= sent_start and doc[start - 1].text == ","
        ):
            before = doc[start - 2]
            if before.dep_ == "compound" and before.head.i == start - 1:
                before = before.head
            if before.pos_ in ("PROPN", "PRON") or (
                before.pos_ == "NOUN" and top.dep_ in ("advcl", "acl")
            ):
                return before
    if cand.pos_ in ("PROPN", "NOUN", "PRON") and cand.lower_ not in ("that", "which", "what"):
        return cand
    return None


def _outer_speaker(tok: Token, cues: dict[tuple[str, str], Cue]) -> Token | None:
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
        best: Token | None = None
        fallback: Token | None = None
        for anc in part:
            if anc.i >= tok.i or anc.pos_ not in ("VERB", "AUX"):
                continue
            subj = _nearest_subject(anc, ("nsubj",)) or _left_subject(anc)
            if subj is None:
                continue
            if (anc.lemma_.lower(), "VERB") in cues:
                best = subj
            else:
                fallback = subj  # the outermost clause wins
        if best or fallback:
            return best or fallback
    return None


_RELATIVE = frozenset({"who", "which", "that", "whom"})


def _nearest_subject(verb: Token, deps: tuple[str, ...] = _SUBJ) -> Token | None:
    """The verb's subject; of several (a headline run into the dateline: "Obama Says ...
    WASHINGTON"; "“...,” said Leslie Wimes"), the one whose phrase ends nearest the verb.
    A subject right after a preposition that has no object of its own ("With 50 days until
    the election, Minyon Moore, ..., called") is that preposition's object misread: its
    appositive name is the subject."""
    text = _text(verb.doc)
    subjs = [c for c in verb.children if c.dep_ in deps and not _para_break(text, c, verb)]
    if not subjs:
        return None
    subj = min(subjs, key=lambda c: (
        verb.i - c.right_edge.i if c.i < verb.i else c.left_edge.i - verb.i, c.i > verb.i))
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
        # "To understand the real Dred Scott, Chief Justice Roberts said, ...": a name right
        # before the verb, read as the apposition of the noun before the comma
        appos = next((c for c in subj.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and c.right_edge.i == verb.i - 1), None)
        if appos is not None:
            return appos
    return subj


def _para_break(text: str, a: Token, b: Token) -> bool:
    """Do tokens ``a`` and ``b`` lie in different paragraphs (a parse run across a break)?"""
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return "\n" in text[lo.idx : hi.idx]


def _participle_noun(tok: Token) -> Token | None:
    """"footage of Hillary Clinton asking, ...", "heard Trump saying ...": a participle
    right after a name (no comma) describes what that person is doing."""
    if tok.tag_ != "VBG" or tok.i == 0:
        return None
    prev = tok.doc[tok.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ in ("pobj", "dobj", "appos", "conj") and (
        prev.head.i != tok.i
    ):
        return prev
    return None


def _subordinate(verb: Token) -> bool:
    """A clause that is a relative or adverbial one ("where X played", "after he left"):
    its subject is not the subject of a participle the parser hung from it."""
    if verb.dep_ == "relcl":
        return True
    return any(
        (c.dep_ == "advmod" and c.tag_ == "WRB") or (c.dep_ == "mark" and c.i < verb.i)
        for c in verb.children
    )


def _subject(tok: Token) -> tuple[Token | None, bool]:
    """Speaker of cue ``tok``: subject, "by"-agent of a passive, or an inherited subject.
    Second value: True when the cue is passive without an agent (no speaker)."""
    for child in tok.children:
        if child.dep_ == "agent":
            for p in child.children:
                if p.dep_ == "pobj":
                    return p, False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive or _bare_participle(tok):
        return None, True
    subj = _nearest_subject(tok, ("nsubj",))
    if subj is not None:
        return subj, False
    if tok.tag_ == "VBG":
        outer = _outer_speaker(tok, cue_lexicon())
        if outer is not None:
            return outer, False
        named = _participle_noun(tok)
        if named is not None:
            return named, False
    left = _left_subject(tok)
    if left is not None:
        return left, False
    # "and insists that ...", "refused to say", "in urging X to ...": the speaker is the
    # subject of the verb this one hangs from.
    cur = tok
    text = _text(tok.doc)
    for _ in range(4):
        if cur.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "csubj") or (
            cur.dep_ == "pobj" and cur.head.dep_ == "prep"
        ) or cur.dep_ == "prep":
            head = cur.head
            if _para_break(text, cur, head):
                # the parser ran a sentence across a paragraph break: the clause above
                # belongs to another paragraph ("... reason.” / Bemoaning X, Trump accused")
                return _right_subject(tok), False
            if cur.dep_ == "xcomp" and cur.tag_ == "VBG":
                # "left many nations feeling that ...", "heard the crowd chanting": the
                # object of the verb above does what the participle says
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i
                            and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
                if obj is not None and obj.lower_ not in _RELATIVE:
                    return obj, False
            if cur.dep_ == "acl":
                # "a statement saying" has no speaker; "Smith, saying" does
                if head.pos_ == "PROPN":
                    return head, False
                return None, False
            if cur.dep_ == "xcomp" and cur.tag_ == "VB":
                # "forced Stumpf to admit", "asked her to explain": the object speaks
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < cur.i
                            and (c.pos_ == "PROPN" or c.lower_ in _OBJECT_PERSONS)), None)
                if obj is not None and head.lemma_.lower() not in _SUBJECT_CONTROL:
                    return obj, False
            if cur.dep_ == "advcl" and cur.tag_ == "VBG" and _subordinate(head):
                # "X — who has called for ... — lambasting Y", "where the team played -
                # while chanting": the participle belongs to the clause around that one
                inner = _nearest_subject(head, ("nsubj",))
                if head.dep_ == "relcl" and inner is not None and inner.lower_ in _RELATIVE:
                    return head.head, False
                outer = _climb_subject(head)
                if outer is not None:
                    return outer, False
            second = _second_cue(head) if (
                cur.dep_ == "conj" and head.head.i < head.i and (
                    head.dep_ == "ccomp" or head.dep_ == "advcl" and _speech_verb(head.head)
                    and not _subordinate(head))
                and not _para_break(text, head.head, head)
            ) else None
            if second is not None and second.i == cur.i:
                # "X said A and warned B": the speaker of the outer verb
                outer, _passive = _subject(head.head)
                if outer is not None:
                    return outer, False
            for child in head.children:
                if child.dep_ == "nsubj" and not _para_break(_text(tok.doc), child, head):
                    return child, False
                if child.dep_ == "nsubjpass":
                    return None, True
            if head.pos_ in ("VERB", "AUX"):
                if head.tag_ == "VBG":
                    outer = _outer_speaker(head, cue_lexicon())  # "X said, going on to say"
                    if outer is not None:
                        return outer, False
                left = _left_subject(head)
                if left is not None:
                    return left, False
            cur = head
        else:
            break
    return None, False


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
    j = tok.right_edge.i + 1
    text = _text(doc)
    for t in doc[j : j + 8]:
        if t.is_space or t.text in ".!?;" or "\n" in text[tok.idx : t.idx]:
            return None
        if t.dep_ == "nsubj" and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX"):
            return t
    return None


def _bare_participle(tok: Token) -> bool:
    """"Asked about the plan, X said ...", "as predicted", "a box labeled ...": a past
    participle with no auxiliary or subject of its own is passive; whoever asked, predicted
    or labeled is not named (X is the one asked)."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("advcl", "acl", "amod"):
        return False
    return not any(c.dep_ in ("aux", "nsubj", "agent") for c in tok.children)


def _tokens_in(doc: Doc, a: int, b: int) -> list[Token]:
    if b <= a:
        return []
    span = doc.char_span(a, b, alignment_mode="expand")
    return list(span) if span is not None else []


def _no_report(tok: Token, speaker: Token | None, content: list[Token]) -> bool:
    """A prepositional "content" that says when or to whom, not what: "a report published
    on Saturday", "opposed to him", "known to millions", "published by X on Thursday"."""
    if any(t.pos_ in ("VERB", "AUX") for t in content):
        return False
    if speaker is None and _bare_participle(tok):
        return True
    rest = [t for t in content[1:] if not t.is_punct]
    return bool(rest) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "PRON" for t in rest)


def _dateline(tok: Token) -> bool:
    """"WASHINGTON – ...", "LONDON (Reuters) -": the place an article was filed from opens
    its first line in capitals; it is never a speaker."""
    if not tok.text.isupper() or len(tok.text) < 3:
        return False
    text = _text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    return _DATELINE.match(text, start) is not None and tok.idx < _DATELINE.match(
        text, start).end()


_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]*[A-Z.]\s*(?:\([^)\n]{0,40}\))?\s*[–—-]+\s")


def _imperative(tok: Token) -> bool:
    """"Don't expect him to ...", "do not believe it": a bare verb with a "do" auxiliary and
    no subject is an imperative addressed to the reader, not a report."""
    if tok.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "do" and c.i < tok.i
               for c in tok.children)


_OBJECT_PERSONS = frozenset({"him", "her", "them", "us", "me"})
#: Verbs whose subject, not object, does what the infinitive says ("promised voters to ...").
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})


def _climb_subject(verb: Token) -> Token | None:
    """Subject of the nearest enclosing main (non-subordinate) clause above ``verb``."""
    cur = verb
    for _ in range(5):
        if cur.dep_ not in ("advcl", "xcomp", "ccomp", "conj", "relcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and not _subordinate(cur):
            subj = _nearest_subject(cur, ("nsubj",))
            if subj is not None:
                return subj
    return None


def _head_clause(tok: Token) -> tuple[int, int] | None:
    """Content of ", X said" / "as X revealed": the clause the cue hangs from, minus the cue."""
    head = tok.head
    if head.i == tok.i:
        return None
    lo, hi = tok.left_edge.i, tok.right_edge.i
    left, right = head.left_edge.i, head.right_edge.i
    doc = tok.doc
    if tok.i > head.i:
        sent = tok.sent
        if all(t.is_punct or t.is_space for t in doc[hi + 1 : sent.end]):
            # ", the source added." ends the sentence: everything before it is the content
            left = min(left, sent.start)
            while left < lo and "\n" in doc[left : lo].text:
                left += 1
        if lo - 1 < left:
            return None
        end = lo - 1
        if doc[hi].text == "," and tok.dep_ == "parataxis" and tok.i > head.i:
            # "Though X was seamless, he said, replacing her would ...": a parenthetical cue
            # inside the sentence reports all of it (to the sentence end, same paragraph)
            last = sent.end - 1
            while last > hi and (doc[last].is_punct or doc[last].is_space):
                last -= 1
            if last > hi + 1 and "\n" not in doc[hi:last].text:
                end = last
        return doc[left].idx, doc[end].idx + len(doc[end])
    # cue before its head: "He said, the plan ..." / the content follows
    if hi + 1 > right:
        return None
    if left < lo and "," in (doc[lo].text, doc[lo - 1].text):
        # "The museum, Mr. Obama said, would make ...": the cue interrupts the clause
        return doc[left].idx, doc[right].idx + len(doc[right])
    return doc[hi + 1].idx, doc[right].idx + len(doc[right])


#: Prepositions that introduce what was said: "accused X of ...", "complained about ...",
#: "pointed to ...", "called for ...", "agreed on ...".
_CONTENT_PREPS = frozenset({"of", "for", "that", "about", "to", "on", "against"})
# Prepositions naming a topic ("spoke about X", "bragged about X", "railed against X"); unlike
# "to"/"on"/"for" they never introduce an addressee, a date or a duration.
_TOPIC_PREPS = frozenset({"about", "of", "against"})


def _topic_content(tok: Token) -> tuple[int, int] | None:
    """"talked about the economy": the topic phrase after the cue (content ``about``)."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS:
            # "spoke of his flights across the Mall, past the spire of ...": the topic goes on
            # in the phrases attached after it
            phrase = _prep_phrase(tok, child, ("prep", "npadvmod", "advcl"))
            if phrase is not None:
                return phrase
    return None


def _prep_phrase(tok: Token, prep: Token, tail_deps: tuple[str, ...]) -> tuple[int, int] | None:
    """Characters of the cue ``tok``'s phrase ``prep`` + object, running on through the cue's
    later dependents whose relation is in ``tail_deps``; None when ``prep`` has no object."""
    objs = [c for c in prep.children if c.dep_ in ("pcomp", "pobj")]
    if not objs:
        return None
    end = _subtree_chars(objs[-1])[1]
    for sib in tok.rights:
        if sib.i > prep.i and sib.dep_ in tail_deps:
            end = max(end, _subtree_chars(sib)[1])
    return prep.idx, end


#: frames whose infinitive is what was said: "urged X to ...", "told supporters to ..."
_XCOMP_FRAMES = frozenset({"advise", "request", "commit", "complain", "speech", "intent",
                           "cognition", "evidence"})


def _clause_content(tok: Token, cue: Cue) -> tuple[tuple[int, int] | None, str]:
    """Content span for cue ``tok`` and the rule that found it."""
    if cue.content == "about":
        topic = _topic_content(tok)
        return (topic, "prep") if topic else (None, "")
    text = _text(tok.doc)
    # a "complement" ending in an earlier paragraph is the parser running sentences together
    ccomp = [c for c in tok.children if c.dep_ == "ccomp" and not (
        c.i < tok.i and _para_break(text, c.right_edge, tok))]
    if not ccomp:
        # "said after the convention he would not ...": a reported clause read as an
        # adverbial one (it has a subject and no conjunction of its own)
        ccomp = [c for c in tok.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
                 and any(x.dep_ in _SUBJ for x in c.children)
                 and not any(x.dep_ in ("mark", "advmod") and x.i < c.i for x in c.children)]
    right = [c for c in ccomp if c.left_edge.i > tok.i]
    if right and len(right) < len(ccomp):
        # "Writing for ..., Barabak noted that ...": a clause before the cue mis-parsed as a
        # second complement; the clause after it is what was said
        ccomp = right
    if ccomp:
        a = min(c.left_edge.idx for c in ccomp)
        last = max(ccomp, key=lambda c: c.right_edge.i).right_edge
        second = None
        if ccomp[-1].i > tok.i:
            second = _second_cue(ccomp[-1]) or _other_speaker_cue(ccomp[-1])
        if second is not None:
            # "said it was opposed to the test and warned X to ...": the content stops
            # before the second reporting verb, which is an attribution of its own
            stop = second.left_edge.i - 1
            while stop > ccomp[-1].i and tok.doc[stop].dep_ in ("cc", "punct"):
                stop -= 1
            last = tok.doc[stop]
        if last.i < tok.i and tok.dep_ == "conj":
            # "A told B ..., but C overruled it, the source added.": a trailing cue the
            # parser coordinated with the sentence's first clause reports all of it
            doc = tok.doc
            sent = tok.sent
            s0 = sent.start
            while s0 < tok.i and (doc[s0].is_space or doc[s0].is_punct):
                s0 += 1
            trailing = all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1:sent.end])
            if trailing and tok.head.i < ccomp[0].left_edge.i and doc[
                ccomp[0].left_edge.i - 1
            ].dep_ in ("cc", "punct") and "\n" not in doc[s0:tok.i].text:
                a = doc[s0].idx
        return (a, last.idx + len(last)), "ccomp"
    if (cue.content == "np" or cue.frame == "complain") and any(
        c.dep_ == "dobj" for c in tok.rights
    ):
        # "attacked other candidates on stage for ...": the object and what follows it
        right = [c for c in tok.rights if c.dep_ in _RIGHT_DEPS]
        first = min(c.left_edge.i for c in right)
        last = max(right, key=lambda c: c.right_edge.i).right_edge
        return (tok.doc[first].idx, last.idx + len(last)), "dobj"
    for child in tok.children:
        # "urged Ukraine to continue", "accused X of sabotaging", "called for ..."
        if child.dep_ == "xcomp" and cue.frame in _XCOMP_FRAMES:
            return _subtree_chars(child), "xcomp"
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and (
            cue.content == "np" or cue.frame in ("complain", "cognition")
        ):
            # "called on Obama to retaliate": the object and what follows it
            phrase = _prep_phrase(tok, child, ("xcomp", "ccomp", "oprd"))
            if phrase is not None:
                return phrase, "prep"
    if cue.content == "np":
        # "called her vote a mistake", "characterized X as ...": the object and what follows
        right = [c for c in tok.rights if c.dep_ in _RIGHT_DEPS]
        if any(c.dep_ == "dobj" for c in right):
            first = min(c.left_edge.i for c in right)
            last = max(right, key=lambda c: c.right_edge.i).right_edge
            return (tok.doc[first].idx, last.idx + len(last)), "dobj"
    return None, ""


#: ``doc.user_data`` key: token index of a second coordinated cue → its speaker's index
_COORDINATED = "newskit_coordinated_cues"


def _before_coordinated_cue(tok: Token, a: int, b: int) -> tuple[int, Token | None]:
    """End of content ``a..b`` of cue ``tok`` before a reporting verb of the same form
    coordinated inside it ("to accuse X of being duped and encourage Americans to ..."): the
    parser hung the speaker's second act inside the first one's content. Second value: that
    verb (or None)."""
    doc = tok.doc
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return b, None
    lexicon = cue_lexicon()
    for t in span:
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ == tok.tag_ and t.i > tok.i and (
            (t.lemma_.lower(), "VERB") in lexicon
        ) and not any(c.dep_ in _SUBJ for c in t.children):
            stop = t.i - 1
            while stop > span.start and doc[stop].dep_ in ("cc", "punct"):
                stop -= 1
            return doc[stop].idx + len(doc[stop]), t
    return b, None


def _speech_verb(tok: Token) -> bool:
    """Is ``tok`` a speech or report verb of the lexicon ("tweeted", "said")?"""
    cue = cue_lexicon().get((tok.lemma_.lower(), "VERB"))
    return cue is not None and cue.frame in ("speech", "report")


def _second_cue(clause: Token) -> Token | None:
    """A reporting verb coordinated with the root of a reported clause but without a
    subject of its own ("said [it was opposed ...] and warned ..."): the parser put the
    speaker's second speech act inside the first one's content."""
    lexicon = cue_lexicon()
    for c in clause.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ in ("VBD", "VBZ") and (
            (c.lemma_.lower(), "VERB") in lexicon
        ) and not any(x.dep_ in _SUBJ for x in c.children):
            return c
    return None


def _other_speaker_cue(clause: Token) -> Token | None:
    """A speech verb with a subject of its own coordinated after a reported clause ("tweeted
    that she got a message, and other women say they ..."): someone else's report, which is
    an attribution of its own, not part of the first one's content."""
    for c in clause.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and _speech_verb(c) and any(
            x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN") for x in c.children
        ) and any(x.dep_ == "ccomp" and x.i > c.i for x in c.children):
            return c
    return None


def _cue_phrase(tok: Token, lemma: str | None = None) -> tuple[str, int, int]:
    """Cue lemma (with particle: "point out", "call for") and its character span."""
    lemma = lemma or tok.lemma_.lower()
    end = tok.idx + len(tok)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            return f"{lemma} {child.lower_}", tok.idx, child.idx + len(child)
    return lemma, tok.idx, end


_PASSIVE_FRAMES = frozenset({"speech", "complain", "report"})


def _passive_report(tok: Token, cue: Cue, agent: Token | None) -> _Attr | None:
    """"X has been endorsed by Y", "X was criticized for ...": what is reported on is the
    passive subject and what follows the cue (one span, as the gold's discontinuous content
    is scored by coverage); the speaker is the "by"-agent, if any."""
    if cue.frame not in _PASSIVE_FRAMES or cue.content in ("colon", "about"):
        return None
    if agent is None and cue.frame != "complain":
        return None  # "the study was published on Monday": no one is reported on
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in _PASSIVE_SKIP or any(
        c.dep_ in ("ccomp", "xcomp", "neg") for c in tok.children
    ):
        return None
    skip = set(agent.head.subtree) if agent is not None and agent.head.dep_ == "agent" else set()
    toks = [t for c in tok.rights if c.dep_ in _RIGHT_DEPS for t in c.subtree if t not in skip]
    a = subj.left_edge.idx
    end = max([t for t in subj.subtree] + toks, key=lambda t: t.i)
    name, c_start, c_end = _cue_phrase(tok)
    para_a, para_b = _paragraph_of(_text(tok.doc), tok.idx)
    a, b = max(a, para_a), min(end.idx + len(end), para_b)
    if b - a < 3:
        return None
    return _Attr(name, c_start, c_end, agent, a, b, "passive", 0.6, tok.i)


#: Subjects that are no one: "It promises to be a long night", "this threatens to be".
_NO_ONE = frozenset({"it", "this", "that", "which"})


def _not_a_report(tok: Token, lemma: str, speaker: Token | None) -> bool:
    """Uses of a cue verb that report no one's words or thoughts: "it promises to be a
    bruising campaign" (a forecast), "the rejection means that ..." (a consequence), "asked
    if he supported ..." (a question put to him, not his stance)."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in tok.children) and (
        tok.dep_ in ("ccomp", "advcl") and tok.head.lemma_.lower() in ("ask", "wonder")
    ):
        return True
    if lemma in ("promise", "threaten") and speaker is not None and (
        speaker.lower_ in _NO_ONE
    ) and any(c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in tok.children):
        return True
    if lemma == "mean" and speaker is not None and speaker.pos_ == "NOUN" and (
        not speaker.ent_type_ and role_of(speaker) not in descriptions()
    ):
        return True
    return False


# "it was reported that", "which was described": no reported content of its own
_PASSIVE_SKIP = frozenset({"it", "this", "that", "which", "who", "what", "there"})


def _verb_attrs(doc: Doc, tok: Token, cue: Cue) -> _Attr | None:
    lemma = cue.lemma
    if lemma == "point" and not any(
        (c.dep_ == "prt" and c.lower_ == "out") or (c.dep_ == "prep" and c.lower_ == "to")
        for c in tok.children
    ):
        return None  # "point out", "point to", never "point a gun"
    if lemma == "call" and not any(
        (c.lower_ in ("for", "on") and c.dep_ in ("prep", "prt"))
        or c.dep_ in ("oprd", "xcomp", "ccomp")
        for c in tok.children
    ):
        return None  # "called a meeting" is not speech; "called him a liar" is
    if cue.frame == "appearance":
        return _appearance(doc, tok, cue)
    if tok.head.lemma_.lower() == "let" and tok.head.i < tok.i and any(
        c.lower_ in ("'s", "’s", "us") and c.i < tok.i for c in tok.children
    ):
        return None  # "Let's say you ...": a hypothetical, no report
    if _imperative(tok):
        return None  # "don't expect him to ...": the writer addressing the reader
    speaker, _passive = _subject(tok)
    if speaker is not None and _dateline(speaker):
        speaker = None
    if speaker is not None and speaker.ent_type_ in ("DATE", "TIME") and speaker.i < tok.i:
        # "Earlier Friday, chairman of ... Rep. Jo Roe (D-Ohio) revealed": a date read as
        # the subject; the speaker is the name right before the verb, when there is one
        left = _left_subject(tok)
        if left is not None and left.pos_ == "PROPN" and left.ent_type_ not in ("DATE", "TIME"):
            speaker = left
    if speaker is not None and cue.frame == "other" and speaker.lower_ == "it" and (
        speaker.i < tok.i
    ):
        # "it emerged that ...", "it transpired that ...": an unlisted verb with a
        # that-clause and "it" as subject is extraposition; no one is named as the source
        return None
    if _not_a_report(tok, lemma, speaker):
        return None
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and speaker is not None and (
        speaker.dep_ == "nsubjpass" and speaker.head.i == tok.head.i
    ):
        # "The bill was backed by some firms, saying they needed it": who says is the
        # "by"-agent of the passive, not the thing it acted on
        agent = next((g for c in tok.head.children if c.dep_ == "agent"
                      for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            speaker = agent
    if speaker is None and not _passive and tok.i in doc.user_data.get(_COORDINATED, {}):
        speaker = doc[doc.user_data[_COORDINATED][tok.i]]
    passive = _passive_report(tok, cue, speaker)
    if passive is not None:
        return passive
    if speaker is None and not (_passive and _bare_participle(tok)):
        return None
    name, c_start, c_end = _cue_phrase(tok, lemma)
    content, rule = _colon_content(tok), "colon"
    if content is None:
        content, rule = _clause_content(tok, cue)
        if rule == "prep" and _no_report(tok, speaker, _tokens_in(tok.doc, *content)):
            return None
    if content is None and tok.dep_ in ("parataxis", "advcl", "ccomp", "conj") and tok.i > (
        tok.head.i
    ):
        # ", sources said" / "as revealed by X" (never ", adding to the confusion")
        has_obj = any(c.dep_ in ("dobj", "xcomp", "prep") for c in tok.children)
        marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        # the comma may be the cue's own first child (", he said,") or just before it
        edge = tok.left_edge.i
        comma_before = doc[edge].text in (",", "—", "–") or (
            edge > 0 and doc[edge - 1].text in (",", "—", "–")
        )
        if (marked or (comma_before and tok.dep_ != "conj")) and not has_obj:
            content = _head_clause(tok)
            rule = "head"
    if content is None and tok.dep_ == "parataxis" and tok.i < tok.head.i:
        content = _head_clause(tok)
        rule = "head"
    if content is None and cue.content not in ("colon", "about") and cue.frame in _REST_FRAMES:
        content = _rest_of_clause(tok, speaker)
        rule = "rest"
    if content is None and tok.dep_ == "ROOT":
        content = _wrapped_clause(tok, speaker)
        rule = "head"
    if content is None:
        # bare cue ("he said."): kept for attaching an adjacent quotation
        return _Attr(name, c_start, c_end, speaker, -1, -1, "bare", 0.0, tok.i)
    if cue.content == "colon" and rule != "colon":
        return _Attr(name, c_start, c_end, speaker, -1, -1, "bare", 0.0, tok.i)
    confidence = {"ccomp": 0.9, "colon": 0.8, "head": 0.8, "xcomp": 0.75, "prep": 0.7,
                  "dobj": 0.65, "rest": 0.6}[rule]
    if rule == "colon":
        return _Attr(name, c_start, c_end, speaker, content[0], content[1], rule, confidence,
                     tok.i)
    if rule in ("dobj", "prep", "xcomp", "rest"):
        end, second = _before_coordinated_cue(tok, content[0], content[1])
        content = (content[0], end)
        if second is not None and speaker is not None:
            # the second act is the same speaker's (its own attribution, built later)
            doc.user_data.setdefault(_COORDINATED, {})[second.i] = speaker.i
    # The parser may run a sentence across a paragraph break: content stays in the cue's one.
    para_a, para_b = _paragraph_of(_text(doc), tok.idx)
    a, b = max(content[0], para_a), min(content[1], para_b)
    if b <= a:
        return _Attr(name, c_start, c_end, speaker, -1, -1, "bare", 0.0, tok.i)
    return _Attr(name, c_start, c_end, speaker, a, b, rule, confidence, tok.i)


_APPEARANCE_COMPS = ("xcomp", "ccomp", "acomp", "attr", "oprd")


def _appearance(doc: Doc, tok: Token, cue: Cue) -> _Attr | None:
    """"X seems to ...", "it appears that ...": a judgement the text reports without a
    speaker; what is judged (the subject with its complement) is the content. "X seemed to
    think ..." keeps X as the speaker of the cognition verb."""
    name, c_start, c_end = _cue_phrase(tok)
    colon = _colon_content(tok)
    comps = [c for c in tok.children if c.dep_ in _APPEARANCE_COMPS and c.i > tok.i]
    if colon is None and not comps:
        return None
    subj = _nearest_subject(tok, ("nsubj",))
    speaker = None
    lexicon = cue_lexicon()
    # "X seemed to think", "X appears set to veto": a reporting verb as the complement (or
    # as the infinitive of an adjectival one) keeps X as its speaker
    verbs = [c for c in comps[:1] for c in (c, *(x for x in c.children if x.dep_ == "xcomp"))]
    if any(v.pos_ == "VERB" and (v.lemma_.lower(), "VERB") in lexicon for v in verbs):
        speaker = subj if subj is not None else _subject(tok)[0]
    if colon is not None:
        return _Attr(name, c_start, c_end, speaker, colon[0], colon[1], "colon", 0.7, tok.i)
    last = max(comps, key=lambda c: c.right_edge.i).right_edge
    a = comps[0].left_edge.idx
    if subj is not None and subj.i < tok.i and subj.lower_ not in _PASSIVE_SKIP:
        a = subj.left_edge.idx
    para_a, para_b = _paragraph_of(_text(doc), tok.idx)
    a, b = max(a, para_a), min(last.idx + len(last), para_b)
    if b - a < 3:
        return None
    return _Attr(name, c_start, c_end, speaker, a, b, "xcomp", 0.75, tok.i)


def _wrapped_clause(tok: Token, speaker: Token) -> tuple[int, int] | None:
    """"These employees, Stumpf explained, were well paid.", "Language unclear, experts
    say.": the parser made the cue the root of the sentence it interrupts; the content is
    the sentence around "X said" (from its start, which is not a preposition or
    conjunction: "In a statement, X said" reports nothing)."""
    if speaker.i > tok.i or speaker.head.i != tok.i:
        return None
    doc = tok.doc
    sent = tok.sent
    s0 = sent.start
    while s0 < tok.i and (doc[s0].is_space or doc[s0].is_punct):
        s0 += 1
    comma = speaker.left_edge.i - 1
    if comma - s0 < 2 or doc[comma].text != "," or doc[s0].pos_ in (
        "ADP", "SCONJ", "ADV", "CCONJ", "PART", "VERB", "AUX"
    ):
        return None
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[s0:comma]):
        return None  # "Last week, X said"
    if any(t.text in "\"“”" for t in doc[s0:comma]):
        return None  # a quotation: attached with its marks
    last = sent.end - 1
    while last > tok.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[s0].idx, doc[last].idx + len(doc[last])


_COLON_AFTER = re.compile(r"[^\n.!?\"“”:]{0,60}:[ \t]*")
_RIGHT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "prep", "xcomp", "ccomp", "acomp"})


def _colon_content(tok: Token) -> tuple[int, int] | None:
    """"X said: ..." / "X added:" + a paragraph: what follows the colon, when it is not a
    quotation (quotations are attached later with their marks)."""
    text = _text(tok.doc)
    end = tok.idx + len(tok)
    m = _COLON_AFTER.match(text, end)
    if m is None:
        return None
    colon = m.end() - 1
    while text[colon] != ":":
        colon -= 1
    if any(c.dep_ == "ccomp" and c.left_edge.idx < colon for c in tok.children):
        return None
    pos = m.end()
    if pos >= len(text) or text[pos] == "\n":
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return None
    if text[pos] in QUOTE_CHARS:
        return None
    return pos, _paragraph_of(text, pos)[1]


_REST_FRAMES = frozenset({"speech", "report", "complain", "manner", "evidence", "advise", "request",
                          "commit", "cognition"})


def _rest_of_clause(tok: Token, speaker: Token | None) -> tuple[int, int] | None:
    """"X called him a liar", "X noted the rule": the cue's right-hand dependents.

    Only for a finite, affirmative cue with an object ("failed to show up", "wouldn't
    answer the questions", "reported from Midway" are not reported speech)."""
    if tok.tag_ in ("VB", "VBG") or tok.dep_ in ("xcomp", "pcomp", "amod", "acl"):
        return None
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        return None
    if any(c.dep_ == "prt" and c.lower_ not in ("out", "for", "on") for c in children):
        return None
    right = [c for c in tok.rights if c.dep_ in _RIGHT_DEPS]
    if not any(c.dep_ in ("dobj", "oprd", "ccomp", "attr") for c in right):
        return None
    skip = set(speaker.subtree) if speaker is not None and speaker.i > tok.i else set()
    toks = [t for c in right for t in c.subtree if t not in skip]
    if not toks:
        return None
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    if last.i - first.i < 2 and (first.i == last.i or last.pos_ not in ("NOUN", "PROPN")):
        return None  # "noted it", "said so" (but "promised a veto", "claimed vast wealth")
    return first.idx, last.idx + len(last)


def _according(doc: Doc, tok: Token) -> _Attr | None:
    """"according to X" — X is the speaker, the clause it modifies is the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if pobj.pos_ == "NOUN":
        # "according to a speech Mrs. Clinton delivered": the one who gave it
        for rel in pobj.children:
            if rel.dep_ == "relcl" and rel.i > pobj.i:
                subj = next((c for c in rel.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("PROPN", "PRON") and (
                    subj.lower_ not in _RELATIVE
                ):
                    pobj = subj
                break
    head = tok.head
    lo, hi = tok.left_edge.i, tok.right_edge.i
    sent = tok.sent
    if head.i == tok.i or head.i < sent.start or head.i >= sent.end:
        left, right = sent.start, sent.end - 1
    else:
        left, right = head.left_edge.i, head.right_edge.i
        if head.pos_ not in ("VERB", "AUX"):
            left, right = sent.start, sent.end - 1
    while right > left and (doc[right].is_punct or doc[right].is_space) and right > hi:
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space) and left < lo:
        left += 1
    if lo <= left:
        a, b = doc[min(hi + 1, right)].idx, doc[right].idx + len(doc[right])
    elif hi >= right:
        a, b = doc[left].idx, doc[lo - 1].idx + len(doc[lo - 1])
    else:
        a, b = doc[left].idx, doc[right].idx + len(doc[right])
    return _Attr("according to", tok.idx, to.idx + len(to), pobj, a, b, "according", 0.85, tok.i)


@functools.lru_cache(maxsize=1)
def object_nouns() -> dict[str, frozenset[str]]:
    """Speech-act nouns that turn a support verb into a cue ("made the case", "raised
    questions") → the verbs allowed with them (empty: any), from
    ``data/quote_object_nouns.csv``."""
    path = resources.files("helpers.data").joinpath("quote_object_nouns.csv")
    with path.open(encoding="utf-8") as fh:
        return {r["lemma"]: frozenset(filter(None, r["verbs"].split(";")))
                for r in csv.DictReader(fh)}


@functools.lru_cache(maxsize=1)
def receiver_verbs() -> frozenset[str]:
    """Support verbs whose subject is the target of the speech act ("faced questions",
    "drew criticism"), from ``data/quote_receiver_verbs.csv``: the speaker is not named."""
    path = resources.files("helpers.data").joinpath("quote_receiver_verbs.csv")
    with path.open(encoding="utf-8") as fh:
        return frozenset(r["lemma"] for r in csv.DictReader(fh))


_OBJECT_PREPS = frozenset({"about", "for", "on", "against", "of", "over"})


def _support_verb_cue(doc: Doc, tok: Token) -> _Attr | None:
    """"X made the case for Y", "X raised questions about Y", "X issued a warning that Y":
    a verb whose object is a speech-act noun; the content is what the noun is about."""
    nouns = object_nouns()
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns),
               None)
    if obj is None or any(c.dep_ == "neg" for c in tok.children):
        return None
    verbs = nouns[obj.lemma_.lower()]
    if verbs and tok.lemma_.lower() not in verbs:
        return None  # "made the case" is an argument, "prosecuted the case" is not
    content = None
    for child in obj.children:
        if child.i < obj.i:
            continue
        if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS and any(
            c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")
            for c in child.children
        ):
            content = (child.idx, _subtree_chars(child)[1])
            break
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in child.children
        ):
            content = _subtree_chars(child)
            break
    if content is None:
        # "made the case for X" parsed with the prepositional phrase on the verb
        for child in tok.rights:
            if child.i > obj.i and child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS and any(
                c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")
                for c in child.children
            ):
                content = (child.idx, _subtree_chars(child)[1])
                break
    if content is None:
        return None
    speaker, _passive = _subject(tok)
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")),
                 None)
    if owner is not None:
        speaker = owner  # "contradicting the police's earlier claim": the police claimed
    receiver = owner is None and tok.lemma_.lower() in receiver_verbs()
    if speaker is None and not receiver:
        return None
    para_a, para_b = _paragraph_of(_text(doc), tok.idx)
    a, b = max(content[0], para_a), min(content[1], para_b)
    if b - a < 3:
        return None
    return _Attr(f"{tok.lemma_.lower()} {obj.lemma_.lower()}", tok.idx, obj.idx + len(obj),
                 None if receiver else speaker, a, b, "support", 0.65, tok.i)


def _noun_cue(doc: Doc, tok: Token) -> _Attr | None:
    """"X's claim that ...", "the claim by X that ..."."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                speaker = next((p for p in c.children if p.dep_ == "pobj"), None)
    if speaker is None or speaker.lower_ in ("its", "their", "his", "her") and False:
        return None
    a, b = _subtree_chars(clause)
    return _Attr(tok.lemma_.lower(), tok.idx, tok.idx + len(tok), speaker, a, b, "noun", 0.75,
                 tok.i)


def _adj_cue(doc: Doc, tok: Token) -> _Attr | None:
    """"Washington remains confident that ..." — subject of the copula, clause content."""
    ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if ccomp is None or tok.dep_ not in ("acomp", "oprd"):
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    a, b = _subtree_chars(ccomp)
    return _Attr(tok.lemma_.lower(), tok.idx, tok.idx + len(tok), subj, a, b, "adj", 0.7, tok.i)


_TRANSCRIPT = re.compile(r"^[\"“]?\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s+(?=\S)")
_HEADLINE = re.compile(r"^([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):\s+(?=\S)")
_DASH = re.compile(r"[^\S\n]*[―—–][^\S\n]*")


def _colon_leads(doc: Doc, text: str, index: Mentions) -> list[_Attr]:
    """Transcript lines ("PENCE: ...") and headline lead-ins ("Pence: ...") as attributions."""
    out = []
    found = []
    for m in _PARA.finditer(text):
        para = m.group()
        t = _TRANSCRIPT.match(para)
        h = None if t else _HEADLINE.match(para)
        if t or h:
            found.append((m, t, h))
    turns = sum(1 for _m, t, _h in found if t is not None)
    for m, t, h in found:
        match = t or h
        name_a, name_b = m.start() + match.start(1), m.start() + match.end(1)
        span = doc.char_span(name_a, name_b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        if (h is not None or turns < 2) and index.entity_at(head) is None:
            # "Correction: ...", a lone "CLARIFICATION: ..." are not speakers; a transcript
            # has several turns, or names someone the article knows
            continue
        colon = m.start() + match.end(1)
        a, b = _trim(text, m.start() + match.end(), m.end())
        if b - a < 3:
            continue
        attr = _Attr(":", colon, colon + 1, head, a, b, "colon", 0.7 if h else 0.8, head.i)
        attr.speaker_override = (name_a, name_b)
        out.append(attr)
    return out


# "Said Ellis: “...”", "Adds Lopez, “...”": a sentence opening with the cue, then the name
_INVERTED = re.compile(
    r"(?:^|(?<=[.!?])[\"”’)]*[ \t]+|\n)(?P<cue>[A-Z][a-z]+) (?P<name>[A-Z][\w.'’\-]*"
    r"(?: [A-Z][\w.'’\-]*){0,3})[ \t]*[,:][ \t]*(?=[\"“])"
)


_INVERTED_FRAMES = frozenset({"speech", "request", "complain", "manner"})


def _inverted_leads(doc: Doc, text: str) -> list[_Attr]:
    """Bare attributions of sentences that open with the reporting verb and the speaker's
    name before a quotation ("Said Ellis: “...”"); the quotation is attached later."""
    out = []
    lexicon = cue_lexicon()
    for m in _INVERTED.finditer(text):
        verb = doc.char_span(m.start("cue"), m.end("cue"))
        name = doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if verb is None or name is None or len(name) == 0:
            continue
        tok = verb[0]
        word = tok.lower_
        # the tagger often reads the capitalised verb as a name: strip its ending instead
        lemmas = (tok.lemma_.lower(), word[:-1], word[:-2], "say" if word == "said" else "")
        cue = next((lexicon[(w, "VERB")] for w in lemmas if (w, "VERB") in lexicon), None)
        if cue is None or cue.frame not in _INVERTED_FRAMES or not word.endswith(("s", "d")):
            continue
        head = name.root
        if head.pos_ not in ("PROPN", "NOUN", "ADJ") or head.ent_type_ in ("DATE", "TIME"):
            continue
        attr = _Attr(cue.lemma, tok.idx, tok.idx + len(tok), head, -1, -1, "bare", 0.0, tok.i)
        attr.speaker_override = (name.start_char, name.end_char)
        out.append(attr)
    return out


def _text(doc: Doc) -> str:
    text = doc.user_data.get("newskit_text")
    return text if text is not None else doc_text(doc)


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


_GAP_AFTER = re.compile(r"^[\s,]*$")
_NOT_TITLE = frozenset({"ADP", "PRON", "DET", "SCONJ", "CCONJ", "AUX", "PART", "ADV", "NUM"})


def _after_preposition(doc: Doc, qs: int) -> bool:
    """Is the quotation opening at ``qs`` the object of a preposition or determiner ("on
    “Meet the Press”", "in “The Apprentice”", "Bemoaning the “phony system,” X accused")?"""
    span = doc.char_span(max(0, qs - 12), qs, alignment_mode="contract")
    return span is not None and len(span) > 0 and span[-1].pos_ in ("ADP", "DET")


def _title_words(doc: Doc, a: int, b: int) -> bool:
    """"“...,” Tulsa police Chief Chuck Jordan said": one to four title words between a
    quotation and the speaker's name that the parse cut off the name."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return False
    words = [t for t in span if not t.is_space and t.text != ","]
    return 0 < len(words) <= 4 and words[0].text[:1].isupper() and all(
        t.is_alpha and t.pos_ not in _NOT_TITLE for t in words
    )
_GAP_BEFORE = re.compile(r"^[ \t]*[,:]?[ \t]*$")
_GAP_COLON = re.compile(r"^\s*:\s*$")
_GAP_TAIL = re.compile(r"^[^\n.!?\"“”]{0,60}[,:]\s*$")


def _attach_quotes(doc: Doc, text: str, attrs: list[_Attr], quotes: list[tuple[int, int]],
                   index: Mentions) -> list[_Attr]:
    """Merge quoted passages into the attribution next to them; returns new attributions."""
    if not quotes:
        return []
    by_cue_end = sorted(attrs, key=lambda a: a.cue_start)
    new: list[_Attr] = []
    prev: _Attr | None = None
    prev_end = -1
    for qi, (qs, qe) in enumerate(quotes):
        inner = text[qs + 1 : qe - 1]
        owner: _Attr | None = None
        after = False
        # 1. a cue right after the quote: "...," he said / "...," said X
        for attr in by_cue_end:
            if attr.cue_start < qe:
                continue
            spk = attr.speaker_tok
            first = attr.cue_start
            if spk is not None and attr.speaker_override is None:
                first = min(first, index.mention_span(spk)[0])
            if first < qe:
                continue
            gap = text[qe:first]
            if attr.rule != "bare" and _after_preposition(doc, qs):
                break  # "On “Meet the Press,” X said the bill ...": a title, X's words follow
            if inner.rstrip().endswith(".") and not inner.rstrip().endswith("..") and (
                attr.rule != "bare" and not _ABBREV_END.search(inner.rstrip()[:-1])
            ):
                break  # "... “without delay.” Clinton plans to ...": a new sentence
            if "\n" not in gap and (_GAP_AFTER.match(gap) or (
                attr.rule == "bare" and spk is not None and spk.idx >= qe
                and _title_words(doc, qe, first)
            )):
                owner = attr
                after = True
            break
        # 2. a cue right before: He said, "..." / X said: "..."
        if owner is None:
            for attr in reversed(by_cue_end):
                if attr.cue_end > qs:
                    continue
                ends = [attr.cue_end]
                if attr.speaker_tok is not None and attr.speaker_override is None:
                    ends.append(index.mention_span(attr.speaker_tok)[1])
                last = max(ends)
                if last > qs:
                    continue
                gap = text[last:qs]
                tail = text[attr.cue_end:qs]
                if _GAP_BEFORE.match(gap) or _GAP_COLON.match(gap) or (
                    attr.rule == "bare" and _GAP_TAIL.match(tail)
                ):
                    if attr.rule in ("bare", "ccomp", "dobj", "colon") or ":" in gap:
                        owner = attr
                elif _addressee(text, attr, qs):
                    # "before asking her, “...”": the object is who was addressed; the
                    # quotation is what was said
                    attr.rule = "bare"
                    owner = attr
                elif attr.quotes and attr.quotes[-1][1] <= attr.cue_start and (
                    _GAP_TAIL.match(tail) and inner[:1].islower()
                ):
                    # "“A,” Schiff told Capital Download on Wednesday, “but B ...”": the
                    # quotation goes on after the cue and its hearer
                    owner = attr
                break
        # 3. the reported clause overlaps the quote (the parse put the clause inside it)
        if owner is None:
            for attr in attrs:
                if attr.cue == ":" and (qe - qs) > (attr.content_end - attr.content_start) + 3:
                    continue  # a transcript line inside a longer quotation stays one line
                if attr.content_start >= 0 and attr.content_start < qe and attr.content_end > qs:
                    owner = attr
                    break
        if owner is not None and not after:
            _speaker_between(doc, text, owner, qe, index)
        if owner is not None:
            owner.quotes.append((qs, qe))
            if after and owner.rule != "bare" and owner.content_start < qs and len(
                owner.quotes
            ) == 1 and not _lead_in(text, owner.content_start, qs):
                owner.rule = "bare"  # "“...,” he said": the quotation is the content
            if owner.rule == "bare":
                owner.rule, owner.confidence = "direct", 0.95
                owner.content_start, owner.content_end = qs, qe
                lead = _sentence_start(text, qs)
                if after and len(owner.quotes) == 1 and _lead_in(text, lead, qs):
                    # "The four “loopholes” he cited are “...,” The Hill reported."
                    owner.content_start = lead
            else:
                owner.content_start = min(owner.content_start, qs)
                owner.content_end = max(owner.content_end, qe)
            tail = max(owner.content_end, owner.cue_end)
            if owner.speaker_tok is not None:
                right = owner.speaker_tok.right_edge
                tail = max(tail, right.idx + len(right))
            prev, prev_end = owner, _sentence_end(text, tail)
            continue
        # 3b. any verb introducing the quotation ("Protesters chanted “...”", "the piece used
        # one of her quotes as its headline: “...”")
        if owner is None:
            attr = _introducing_verb(doc, text, qs, qe)
            if attr is not None:
                new.append(attr)
                prev, prev_end = attr, _sentence_end(text, qe)
                continue
        # 4. "“...” ― Name"
        dash = _DASH.match(text, qe) if qe < len(text) else None
        if dash is not None:
            span = doc.char_span(dash.end(), _paragraph_of(text, dash.end())[1],
                                 alignment_mode="expand")
            words = [t for t in span if not t.is_space] if span is not None else []
            if words and words[0].pos_ in ("PROPN", "NOUN"):
                head = words[0]
                k = index.entity_at(head)
                if k is not None:
                    a_start, a_end = index[k].start, index[k].end
                    head = doc[a_start:a_end].root
                attr = _Attr("―", dash.start(), dash.end(), head, qs, qe, "dash", 0.8, head.i)
                attr.quotes.append((qs, qe))
                new.append(attr)
                prev, prev_end = attr, _sentence_end(text, qe)
                continue
        # 5. a quoted sentence continuing the previous speaker ("A," he said. "B." or
        # "..., Schiff said. "B."")
        if len(inner.split()) >= 3:
            for attr in attrs:
                if attr.rule == "bare" or attr.content_end > qs or attr is prev:
                    continue
                tail = _tail_end(text, attr)
                if tail <= qs and not text[tail:qs].strip() and "\n" not in text[tail:qs]:
                    prev, prev_end = attr, tail
                    break
        if prev is not None and len(inner.split()) >= 3:
            gap = text[prev_end:qs]
            if prev_end <= qs and not gap.strip() and "\n" not in gap:
                prev.quotes.append((qs, qe))
                prev.content_end = max(prev.content_end, qe)
                prev_end = _sentence_end(text, qe)
                continue
            para_a, para_b = _paragraph_of(text, qs)
            before = text[prev_end:para_a]
            whole = text[para_a:para_b].strip()
            # the quotation fills its paragraph, or is followed only by another quotation
            # (paragraphs of one quotation flattened onto one line: “A.” “B.”)
            nxt = quotes[qi + 1][0] if qi + 1 < len(quotes) else para_b
            alone = qe >= para_b - 2 or (nxt < para_b and not text[qe:nxt].strip())
            if (qs - para_a <= 1 and alone and not before.strip(" \n.")
                    and len(whole) > 0 and (prev.rule in ("direct", "continued") or (
                        prev.quotes and prev.content_start >= prev.quotes[0][0]
                        and prev.content_end <= prev.quotes[-1][1]
                        and _plain_quotation(text, qs, qe)))):
                attr = _Attr(prev.cue, prev.cue_start, prev.cue_end, prev.speaker_tok, qs, qe,
                             "continued", 0.6, prev.cue_i)
                attr.inherited = prev
                attr.quotes.append((qs, qe))
                new.append(attr)
                prev, prev_end = attr, _sentence_end(text, qe)
                continue
        # 6. scare quotes and titles: not attributions
    return new


def _plain_quotation(text: str, qs: int, qe: int) -> bool:
    """A quotation that reads as running speech: its marks match ('"..."', '“...”') and it is
    not a title-case subheading ("'All Bets Are Off.'")."""
    if (text[qs] in "\"'") != (text[qe - 1] in "\"'"):
        return False  # a straight mark closed by a curly one: a stray mark, not a quotation
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text[qs + 1 : qe - 1]) if len(w) > 3]
    return not words or sum(w[0].isupper() for w in words) < 0.7 * len(words)


_LEAD_IN = re.compile(r"[^\n.!?]*[a-z][^\n.!?]*")


_SENT_START = re.compile(r"(?:[.!?][\"”’)]*\s+|\n)(?=[^\n]*$)")


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence ``pos`` lies in (same paragraph), by punctuation."""
    lo = max(0, pos - 400)
    m = _SENT_START.search(text, lo, pos)
    last = None
    while m is not None:
        last = m
        m = _SENT_START.search(text, m.end(), pos)
    return last.end() if last is not None else lo


def _lead_in(text: str, a: int, qs: int) -> bool:
    """"The four “loopholes” he cited are “...,” The Hill reported": the sentence starts
    before the quotation (words of the writer's own, no sentence end between), so the
    reported content is the whole sentence, not just the quotation."""
    lead = text[a:qs]
    return len(lead.split()) >= 3 and _LEAD_IN.fullmatch(lead) is not None


def _addressee(text: str, attr: _Attr, qs: int) -> bool:
    """Is ``attr`` a cue whose noun-phrase content is only a short object right before the
    quotation at ``qs`` ("asking her, “...”", "told reporters: “...”")?"""
    if attr.rule != "dobj" or not 0 <= attr.content_start < attr.content_end <= qs:
        return False
    if attr.content_end - attr.content_start > 20 or not _GAP_BEFORE.match(
        text[attr.content_end : qs]
    ) and not _GAP_COLON.match(text[attr.content_end : qs]):
        return False
    return text[attr.cue_end : attr.content_start].strip() == ""


#: Nouns whose clause says what was suggested ("denied suggestions he wanted to leave"):
#: a content clause, not a relative one
_CONTENT_NOUNS = frozenset({"suggestion", "claim", "allegation", "report", "rumour", "rumor",
                            "speculation", "accusation", "idea", "notion"})


def _in_relative_clause(tok: Token) -> bool:
    for t in (tok, *tok.ancestors):
        if t.dep_ in ("relcl", "acl"):
            if t.i == tok.i and t.head.lemma_.lower() in _CONTENT_NOUNS and any(
                c.dep_ in ("ccomp", "xcomp") for c in t.children
            ) and not any(c.tag_ in ("WDT", "WP", "WP$") for c in t.children) and any(
                c.dep_ == "nsubj" and c.pos_ == "PRON" for c in t.children
            ):
                # "denied suggestions he wanted to leave": what was suggested about the
                # speaker himself, part of the outer report
                return False
            return True
        if t.dep_ in ("ccomp", "ROOT"):
            return False
    return False


#: nested attributions repeating the outer speaker's belief or intention ("said it believes")
_NESTED_DROP_FRAMES = frozenset({"cognition", "intent"})
#: frames of a nested attribution that reports someone's words on its own ("said that the
#: newspaper reported ..."); other nested cues (accused, showed, urged, found) are part of
#: what the outer speaker said
_NESTED_KEEP = frozenset({"speech", "report"})


def _drop_nested(attrs: list[_Attr], doc: Doc) -> list[_Attr]:
    """An attribution inside another's content that repeats the outer speaker ("The White
    House said it believes X": a pronoun, or a belief/intention) is part of what the outer
    speaker said: one attribution, the outer one. So is any non-speech cue inside a reported
    clause ("Bamberg said the videos show ...", "said Democrats accused ..."). Reports of
    someone else's words ("said the paper reported ..."), acts inside a sentence-level source
    ("Blinken ... advocated ..., the newspaper stated"; "according to X, ...") and relative
    clauses stay separate."""
    lexicon = cue_lexicon()
    spans = sorted((a.content_start, a.content_end, n) for n, a in enumerate(attrs))
    dropped: set[int] = set()
    # Outer attributions first (longest content first), so that an attribution folded into
    # another one is no longer the outer one of what it contains ("Bamberg said [the videos
    # do not show ...], the footage showed": "show" is Bamberg's, like "showed")
    for n in sorted(range(len(attrs)), key=lambda k: (
            attrs[k].content_start - attrs[k].content_end, attrs[k].content_start)):
        a = attrs[n]
        outer = None
        for s, e, m in spans:
            if s > a.cue_start:
                break
            if m != n and m not in dropped and s <= a.cue_start and a.content_end <= e and (
                a.content_start >= s
            ):
                outer = attrs[m]
                break
        inside = (
            outer is not None
            and a.speaker_tok is not None
            and outer.content_start <= a.speaker_tok.idx < outer.content_end
        )
        if outer is not None and not a.quotes and not _in_relative_clause(doc[a.cue_i]):
            spk = a.speaker_tok
            cue = lexicon.get((a.cue.split()[0], "VERB"))
            frame = cue.frame if cue is not None else "intent"
            if a.cue == ":":
                frame = "speech"  # "PENCE: ..." names its speaker
            pronoun = spk is not None and spk.pos_ == "PRON"
            if inside and (pronoun or frame in _NESTED_DROP_FRAMES):
                dropped.add(n)
                continue
            # ... unless the outer attribution is the source of the whole sentence ("...,
            # the newspaper stated", "according to X, ..."): then each act inside is reported
            if frame not in _NESTED_KEEP and not (
                outer.rule == "according" or outer.cue_start >= outer.content_end
            ):
                dropped.add(n)
                continue
    return [a for n, a in enumerate(attrs) if n not in dropped]


_BETWEEN = re.compile(r"^[\s,]+(?P<np>[^,;:.!?\"“”]{1,80}?)(?:,[^,;:!?\"“”]{0,80},)?\s*$")


def _speaker_between(doc: Doc, text: str, owner: _Attr, qe: int, index: Mentions) -> None:
    """“...,” Flynn, a surrogate, said on Fox: when the parser took a noun after the cue
    for its subject, the name between the quotation and the cue is the speaker."""
    spk = owner.speaker_tok
    if spk is None or owner.cue_start <= qe or spk.idx < owner.cue_start:
        return
    m = _BETWEEN.match(text[qe : owner.cue_start])
    if m is None:
        return
    span = doc.char_span(qe + m.start("np"), qe + m.end("np"), alignment_mode="contract")
    if span is None or len(span) == 0:
        return
    head = span.root
    if head.pos_ in ("PROPN", "PRON") or index.entity_at(head) is not None:
        owner.speaker_tok = head


_INTRO_GAP = re.compile(r"[ \t]*[,:]?[ \t]*$")


def _introducing_verb(doc: Doc, text: str, qs: int, qe: int) -> _Attr | None:
    """A quotation right after a verb (or a colon) whose subject can speak."""
    para_a = text.rfind("\n", 0, qs) + 1
    if qs <= para_a:
        return None
    span = doc.char_span(para_a, qs, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    gap = text[last.idx + len(last) : qs]
    if last.is_punct and last.text in (",", ":"):
        gap = last.text + gap
        last = doc[last.i - 1] if last.i > span.start else None
    if last is None or not _INTRO_GAP.match(gap):
        return None
    verb = last
    if verb.pos_ != "VERB":
        if ":" not in gap:
            return None
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ != "VERB" or verb.i >= last.i + 1 or verb.idx < para_a:
            return None
    lexicon = cue_lexicon()
    if ":" in gap and (verb.lemma_.lower(), "VERB") not in lexicon:
        # "X wrote what the girls should have done: “...”": the reporting verb the clause
        # before the quotation hangs from, not that clause's own verb
        above = [a for a in verb.ancestors if a.pos_ == "VERB" and para_a <= a.idx < qs
                 and (a.lemma_.lower(), "VERB") in lexicon]
        speech = [a for a in above if lexicon[(a.lemma_.lower(), "VERB")].frame == "speech"]
        if speech or above:
            verb = (speech or above)[0]
    speaker, _ = _subject(verb)
    if speaker is None or speaker.lower_ in _FIRST_PERSON or speaker.idx < para_a:
        return None
    name, c_start, c_end = _cue_phrase(verb)
    attr = _Attr(name, c_start, c_end, speaker, qs, qe, "direct", 0.7, verb.i)
    attr.quotes.append((qs, qe))
    return attr


def _tail_end(text: str, attr: _Attr) -> int:
    """End of the sentence an attribution finishes in."""
    tail = max(attr.content_end, attr.cue_end)
    if attr.speaker_tok is not None:
        right = attr.speaker_tok.right_edge
        tail = max(tail, right.idx + len(right))
    return _sentence_end(text, tail)


_SENT_END = re.compile(r"[.!?][\"”’)]*")


def _sentence_end(text: str, pos: int) -> int:
    m = _SENT_END.search(text, pos)
    if m is None:
        return len(text)
    para_end = text.find("\n", pos)
    if para_end >= 0 and para_end < m.start():
        return para_end
    return m.end()


def _quote_type(text: str, a: int, b: int, quotes: list[tuple[int, int]],
                attribution: tuple[int, int] | None = None) -> str:
    """direct: the content is quotation only (apart from the speaker and cue inside it, as in
    “A,” he said, “B.”); mixed: reported speech with quoted words; else indirect."""
    inside = [(max(s, a), min(e, b)) for s, e in quotes if s < b and e > a]
    if inside:
        cut = sorted(inside + ([attribution] if attribution else []))
        rest = 0
        pos = a
        for s, e in cut:
            if s > pos:
                rest += sum(ch.isalnum() for ch in text[pos : min(s, b)])
            pos = max(pos, e)
        if pos < b:
            rest += sum(ch.isalnum() for ch in text[pos:b])
        if rest <= 0.05 * (b - a):
            return "direct"
        return "mixed"
    if any(ch in QUOTE_CHARS for ch in text[a:b] if ch not in "’'"):
        return "mixed"
    return "indirect"


def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:
    for s, e in quotes:
        if s < pos < e:
            return True
        if s > pos:
            break
    return False


def from_doc(doc: Doc, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote records of one parsed document (no doc_id); ``quote_id`` is local ("q1", ...)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    doc.user_data["newskit_text"] = text  # Doc.text rebuilds the string on every access
    try:
        return _from_doc(doc, text, entities)
    finally:
        doc.user_data.pop("newskit_text", None)
        doc.user_data.pop(_COORDINATED, None)


def _from_doc(doc: Doc, text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lexicon = cue_lexicon()
    nouns = noun_cues()
    quotes = quote_spans(text)
    index = Mentions.build(doc, entities, quotes)
    attrs: list[_Attr] = []
    for tok in doc:
        pos = tok.pos_
        lemma = tok.lemma_.lower()
        attr = None
        if pos == "VERB" or (pos == "AUX" and lemma in ("say",)):
            if tok.lower_ == "according":
                attr = _according(doc, tok)
            else:
                cue = lexicon.get((lemma, "VERB"))
                if cue is None and tok.lower_.endswith(("ed", "es", "ing")):
                    # the lemmatiser cut a silent "e": "hoped" → "hop", "rated" → "rat"
                    cue = lexicon.get((lemma + "e", "VERB"))
                if cue is None and any(
                    c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether")
                                              for m in c.children)
                    for c in tok.children
                ):
                    # an unlisted verb reporting a "that"-clause ("conceded", "wagered")
                    cue = Cue(lemma, "VERB", "other", False, "clause")
                if cue is not None:
                    attr = _verb_attrs(doc, tok, cue)
                else:
                    attr = _support_verb_cue(doc, tok)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attr = _according(doc, tok)
        elif pos == "NOUN" and lemma in nouns:
            attr = _noun_cue(doc, tok)
        elif pos == "ADJ" and (lemma, "ADJ") in lexicon:
            attr = _adj_cue(doc, tok)
        if attr is None:
            continue
        if _inside(tok.idx, quotes):
            continue  # a cue inside someone else's quotation is part of what they said
        attrs.append(attr)
    attrs.extend(_colon_leads(doc, text, index))
    attrs.extend(_inverted_leads(doc, text))
    attrs.extend(_attach_quotes(doc, text, attrs, quotes, index))
    kept = [a for a in attrs if a.rule != "bare" and a.content_end > a.content_start]
    # One attribution per content: a cue whose content repeats another's is a duplicate.
    kept.sort(key=lambda a: (a.content_start, -a.confidence))
    final: list[_Attr] = []
    seen: set[tuple[int, int]] = set()
    for a in kept:
        a.content_start, a.content_end = _trim(text, a.content_start, a.content_end)
        if a.content_end - a.content_start < 2:
            continue
        if a.quotes:
            a.content_start = min(a.content_start, min(s for s, _ in a.quotes))
            a.content_end = max(a.content_end, max(e for _, e in a.quotes))
        else:
            a.content_end = _glued_word_end(doc, text, a.content_end)
            if a.rule in _RIGHTWARD_RULES:
                a.content_end = _missed_boundary(doc, index, text, a.content_start, a.content_end)
            a.content_end = _abbreviation_break(doc, index, a.content_start, a.content_end)
            a.content_start, a.content_end = _close_quotes(text, a.content_start, a.content_end)
        key = (a.content_start, a.content_end)
        if key in seen:
            continue
        seen.add(key)
        final.append(a)
    final = _drop_nested(final, doc)
    # Speakers are resolved in text order so that salience (who spoke last) is known.
    final.sort(key=lambda a: (min(a.cue_start, a.content_start), a.content_start))
    records = []
    discourse = Discourse()
    for a in final:
        res, discourse = _resolve(a, index, discourse)
        records.append((a, res))
    records.sort(key=lambda r: (r[0].content_start, r[0].content_end))
    out = []
    for n, (a, res) in enumerate(records, start=1):
        cs, ce = a.content_start, a.content_end
        conf = a.confidence
        if res.canonical is None:
            conf *= 0.8
        speaker = text[res.start:res.end] if res.end > res.start else None
        out.append(
            {
                "quote_id": f"q{n}",
                "type": _quote_type(text, cs, ce, quotes, _attribution_span(a, res)),
                "content": text[cs:ce],
                "content_start": cs,
                "content_end": ce,
                "speaker": speaker,
                "speaker_start": res.start if speaker is not None else None,
                "speaker_end": res.end if speaker is not None else None,
                "speaker_canonical": res.canonical,
                "speaker_entity_id": res.entity_id,
                "cue": a.cue,
                "cue_start": a.cue_start,
                "cue_end": a.cue_end,
                "confidence": round(conf, 3),
            }
        )
    return out


def _glued_word_end(doc: Doc, text: str, b: int) -> int:
    """Content cut inside a hyphenated word ("should be re" | "-drafted after ..."): the
    parser split the word into sibling clauses; the content runs on over the rest of it and
    what that part governs, within the sentence."""
    if not (0 < b < len(text) - 1 and text[b] in "-‐" and text[b - 1].isalnum()
            and text[b + 1].isalnum()):
        return b
    span = doc.char_span(b + 1, b + 2, alignment_mode="expand")
    if span is None or len(span) == 0:
        return b
    tok = span[0]
    last = tok.right_edge
    if last.sent.start != tok.sent.start or last.i < tok.i:
        return b
    while last.i > tok.i and last.is_punct:
        last = doc[last.i - 1]
    return max(b, last.idx + len(last))


def _attribution_span(a: _Attr, res: Resolution) -> tuple[int, int]:
    """From the speaker to the cue (either order), e.g. "Peter Hansen said" or "said X"."""
    points = [a.cue_start, a.cue_end]
    if res.end > res.start:
        points += [res.start, res.end]
    qs = sorted(a.quotes)
    for (_s1, e1), (s2, _e2) in zip(qs, qs[1:], strict=False):
        if e1 <= min(points) and max(points) <= s2:
            return e1, s2  # “A,” Schiff told reporters on Wednesday, “B”: all of it
    return min(points), max(points)


def _close_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """Keep a quotation mark that closes inside the content (the clause ends in a quote)."""
    if b < len(text) and text[b] in "”\"’" and text[a:b].count("“") > text[a:b].count("”"):
        b += 1
    return a, b


def _resolve(a: _Attr, index: Mentions, discourse: Discourse) -> tuple[Resolution, Discourse]:
    if a.inherited is not None and a.inherited.resolution is not None:
        r = a.inherited.resolution
        res = Resolution(r.start, r.end, r.canonical, r.entity_id, r.kind)
    elif a.speaker_tok is None:
        res = Resolution(0, 0)
    else:
        res, discourse = resolve(index, discourse, a.speaker_tok, (a.content_start, a.content_end))
        if a.speaker_override is not None:
            res.start, res.end = a.speaker_override
    a.resolution = res
    if a.speaker_tok is not None and (res.kind != "owned" or res.canonical is None):
        # "his aides" is not a referent for later pronouns: it must not become the last speaker
        label = (res.entity_id or "").split(":", 1)[0]
        discourse = discourse.after_speaker(a.speaker_tok, res.canonical, res.entity_id, label)
    return res, discourse


def extract(docs: Any) -> pd.DataFrame:
    """Quotes table for ``docs`` (str, strings, or documents table)."""
    from .pipeline import analyze

    return analyze(docs, cache=False).quotes
