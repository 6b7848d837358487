"""Reported-content spans: what a cue says was said, from the parse around it.

For a reporting verb (:func:`clause_content`, tried in order): a topic phrase for cues that
take one ("talked about the economy"); the reported clause ("said (that) ...", also one the
parser read as an adverbial clause), cut before a second reporting verb coordinated inside
it; the object and what follows it ("attacked X for ...", "called her vote a mistake");
the infinitive ("urged X to ..."); a content preposition's phrase ("called for ...").
Around the cue: what follows a colon (:func:`colon_content`), the clause a trailing or
parenthetical cue hangs from (:func:`head_clause`: "..., X said", "as X revealed"), the
sentence a cue the parser made its root interrupts (:func:`wrapped_clause`: "These
employees, Stumpf explained, were well paid"), the cue's right-hand dependents
(:func:`rest_of_clause`: "X noted the rule"). Each returns character offsets or None.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicons import Cue, frame, word_set
from ..nlp import doc_text
from .bounds import para_break, paragraph_of, subtree_chars
from .coordination import continued_clause, other_speaker_cue, other_subject, second_cue
from .marks import QUOTE_CHARS
from .speaker import bare_participle

Chars = tuple[int, int]

_SUBJ = ("nsubj", "nsubjpass")
_COLON_AFTER = re.compile(r"[^\n.!?\"“”:]{0,60}:[ \t]*")
#: Dependents to the right of a cue that are part of what was said.
RIGHT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "prep", "xcomp", "ccomp", "acomp"})


def clause_content(tok: Token, cue: Cue) -> tuple[Chars | None, str]:
    """Content span for cue ``tok`` and its form (ccomp | dobj | xcomp | prep, "" if none)."""
    if cue.content == "about":
        topic = _topic_content(tok)
        return (topic, "prep") if topic else (None, "")
    ccomp = _reported_clauses(tok)
    if ccomp:
        return _reported_clause_span(tok, ccomp), "ccomp"
    if (cue.content == "np" or frame(cue.frame).object_content) and any(
        c.dep_ == "dobj" for c in tok.rights
    ):
        # "attacked other candidates on stage for ...": the object and what follows it
        return _object_span(tok), "dobj"
    found = _complement(tok, cue)
    if found is not None:
        return found
    if cue.content == "np" and any(c.dep_ == "dobj" for c in tok.rights):
        # "called her vote a mistake", "characterized X as ...": the object and what follows
        return _object_span(tok), "dobj"
    return None, ""


def _reported_clauses(tok: Token) -> list[Token]:
    """The reported clauses of cue ``tok``."""
    text = doc_text(tok.doc)
    # a "complement" ending in an earlier paragraph, or starting in a later one, is the
    # parser running sentences together
    ccomp = [c for c in tok.children if c.dep_ == "ccomp" and not (
        c.i < tok.i and para_break(text, c.right_edge, tok)
        or c.i > tok.i and para_break(text, tok, c.left_edge))]
    if not ccomp:
        ccomp = _adverbial_reports(tok) or _clause_of_governor(tok) or _clause_of_medium(tok)
    right = [c for c in ccomp if c.left_edge.i > tok.i]
    if right and len(right) < len(ccomp):
        # "Writing for ..., Barabak noted that ...": a clause before the cue mis-parsed as a
        # second complement; the clause after it is what was said
        ccomp = right
    return ccomp


def _clause_of_governor(tok: Token) -> list[Token]:
    """"continues to insist, most recently on CNN, that he ...": a cue in an infinitive
    whose "that"-clause the parser hung on the governing verb (after the cue)."""
    if tok.dep_ != "xcomp" or tok.head.i == tok.i:
        return []
    return [c for c in tok.head.children if c.dep_ in ("ccomp", "advcl") and c.i > tok.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]


def _clause_of_medium(tok: Token) -> list[Token]:
    """"said in a report that Chinese firms ...": a "that"-clause (with a subject) the
    parser hung on the text or occasion the cue reports in (``medium_noun``)."""
    nouns = [n for p in tok.rights if p.dep_ == "prep" and p.lower_ == "in" for n in p.children
             if n.dep_ == "pobj" and n.lemma_.lower() in word_set("medium_noun")]
    return [c for n in nouns[:1] for c in n.rights if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            and any(x.dep_ in _SUBJ for x in c.children)]


def _adverbial_reports(tok: Token) -> list[Token]:
    """"said after the convention he would not ...": a reported clause read as an adverbial
    one (it has a subject and no conjunction of its own)."""
    return [c for c in tok.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
            and any(x.dep_ in _SUBJ for x in c.children)
            and not any(x.dep_ in ("mark", "advmod") and x.i < c.i for x in c.children)]


def _reported_clause_span(tok: Token, ccomp: list[Token]) -> Chars:
    a = min(c.left_edge.idx for c in ccomp)
    last = max(ccomp, key=lambda c: c.right_edge.i).right_edge
    second = None
    if ccomp[-1].i > tok.i:
        second = second_cue(ccomp[-1])
        if second is not None and other_subject(tok, ccomp[-1]):
            second = None  # "Insiders said he rated X and talked about Y": he talked
        second = second or other_speaker_cue(ccomp[-1])
    if second is not None:
        # "said it was opposed to the test and warned X to ...": the content stops
        # before the second reporting verb, which is an attribution of its own
        stop = second.left_edge.i - 1
        while stop > ccomp[-1].i and tok.doc[stop].dep_ in ("cc", "punct"):
            stop -= 1
        last = tok.doc[stop]
    elif last.i > tok.i:
        last = continued_clause(tok, last)
    if last.i < tok.i and tok.dep_ == "conj":
        a = _trailing_cue_start(tok, ccomp, a)
    return a, last.idx + len(last)


def _trailing_cue_start(tok: Token, ccomp: list[Token], a: int) -> int:
    """"A told B ..., but C overruled it, the source added.": a trailing cue the parser
    coordinated with the sentence's first clause reports all of it (from the sentence
    start)."""
    doc = tok.doc
    sent = tok.sent
    s0 = sent.start
    while s0 < tok.i and (doc[s0].is_space or doc[s0].is_punct):
        s0 += 1
    trailing = all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1 : sent.end])
    first = ccomp[0].left_edge.i
    if trailing and tok.head.i < first and doc[first - 1].dep_ in ("cc", "punct") and (
        "\n" not in doc[s0 : tok.i].text
    ):
        return doc[s0].idx
    return a


def _object_span(tok: Token) -> Chars:
    """The cue's object and the dependents to its right, with an "as" complement read as a
    clause ("described X as the “be all and end all”"; not "as he left", with a subject)."""
    right = [c for c in tok.rights if c.dep_ in RIGHT_DEPS or _as_complement(c)]
    first = min(c.left_edge.i for c in right)
    last = max(right, key=lambda c: c.right_edge.i).right_edge
    return tok.doc[first].idx, last.idx + len(last)


def _as_complement(child: Token) -> bool:
    return child.dep_ == "advcl" and child.left_edge.lower_ == "as" and not any(
        t.dep_ in _SUBJ for t in child.subtree
    )


def _complement(tok: Token, cue: Cue) -> tuple[Chars, str] | None:
    """"urged Ukraine to continue", "accused X of sabotaging", "called for ...", "called
    on Obama to retaliate": the infinitive, or a content preposition's phrase."""
    behaviour = frame(cue.frame)
    for child in tok.children:
        if child.dep_ == "xcomp" and behaviour.infinitive:
            return _infinitive_span(tok, child), "xcomp"
        if child.dep_ == "prep" and child.lower_ in word_set("content_prep") and (
            cue.content == "np" or behaviour.prep_content
        ):
            phrase = prep_phrase(tok, child, ("xcomp", "ccomp", "oprd"))
            if phrase is not None:
                return phrase, "prep"
    return None


def _infinitive_span(tok: Token, xcomp: Token) -> Chars:
    """"urged residents to stay indoors": the infinitive, from the person asked to act when
    the cue's object stands right before it (who is to do it is part of what was said)."""
    a, b = subtree_chars(xcomp)
    obj = next((c for c in tok.rights if c.dep_ in ("dobj", "dative") and c.i < xcomp.i), None)
    if obj is not None and obj.right_edge.i + 1 == xcomp.left_edge.i:
        a = obj.left_edge.idx
    return a, b


def _topic_content(tok: Token) -> Chars | None:
    """"talked about the economy": the topic phrase after the cue (content ``about``)."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in word_set("topic_prep"):
            # "spoke of his flights across the Mall, past the spire of ...": the topic goes on
            # in the phrases attached after it
            phrase = prep_phrase(tok, child, ("prep", "npadvmod", "advcl"))
            if phrase is not None:
                return phrase
    return None


def prep_phrase(tok: Token, prep: Token, tail_deps: tuple[str, ...]) -> Chars | None:
    """Characters of the cue ``tok``'s phrase ``prep`` + object, running on through the cue's
    later dependents whose relation is in ``tail_deps``; None when ``prep`` has no object."""
    objs = [c for c in prep.children if c.dep_ in ("pcomp", "pobj")]
    if not objs:
        return None
    end = subtree_chars(objs[-1])[1]
    for sib in tok.rights:
        if sib.i > prep.i and sib.dep_ in tail_deps:
            end = max(end, subtree_chars(sib)[1])
    return prep.idx, end


def no_report(tok: Token, speaker: Token | None, content: list[Token]) -> bool:
    """A prepositional "content" that says when or to whom, not what: "a report published
    on Saturday", "opposed to him", "known to millions", "published by X on Thursday", "did
    not respond to requests for comment" (``request_noun``: the request, not its answer)."""
    if any(t.pos_ in ("VERB", "AUX") for t in content):
        return False
    if speaker is None and bare_participle(tok):
        return True
    rest = [t for t in content[1:] if not t.is_punct]
    if content and content[0].lower_ == "to" and any(
        t.lemma_.lower() in word_set("request_noun") and t.dep_ == "pobj" for t in content[:4]
    ):
        return True  # "did not respond to requests for comment", "replied to my email"
    return bool(rest) and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "PRON" for t in rest)


def colon_content(tok: Token) -> Chars | None:
    """"X said: ..." / "X added:" + a paragraph: what follows the colon, when it is not a
    quotation (quotations are attached later with their marks)."""
    text = doc_text(tok.doc)
    m = _COLON_AFTER.match(text, tok.idx + len(tok))
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
    return pos, paragraph_of(text, pos)[1]


def head_clause(tok: Token) -> Chars | None:
    """Content of ", X said" / "as X revealed": the clause the cue hangs from, minus the cue."""
    if tok.head.i == tok.i:
        return None
    if tok.i > tok.head.i:
        return _clause_before_cue(tok)
    return _clause_after_cue(tok)


def _clause_before_cue(tok: Token) -> Chars | None:
    doc, sent = tok.doc, tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i
    left = tok.head.left_edge.i
    if all(t.is_punct or t.is_space for t in doc[hi + 1 : sent.end]):
        # ", the source added." ends the sentence: everything before it is the content
        left = min(left, sent.start)
        while left < lo and "\n" in doc[left:lo].text:
            left += 1
    if lo - 1 < left:
        return None
    end = lo - 1
    if doc[hi].text == "," and tok.dep_ == "parataxis":
        # "Though X was seamless, he said, replacing her would ...": a parenthetical cue
        # inside the sentence reports all of it (to the sentence end, same paragraph)
        last = sent.end - 1
        while last > hi and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last > hi + 1 and "\n" not in doc[hi:last].text:
            end = last
    return doc[left].idx, doc[end].idx + len(doc[end])


def comment_clause(tok: Token) -> Chars | None:
    """"As the senator noted, the budget ...", "Hawaii, as one adviser pointed out, rarely
    ...", "..., as X put it.": a comment clause -- "as", the speaker and the cue between
    commas or at a sentence edge, with no object of its own -- reports the rest of its
    sentence, whatever the parser made of it."""
    start = _comment_start(tok)
    end = _comment_end(tok) if start is not None else None
    if start is None or end is None:
        return None
    words = [t for t in tok.sent if (t.i < start or t.i > end) and not (t.is_punct or t.is_space)]
    if len(words) < 3:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


_COMMENT_EDGES = (",", "—", "–", "(")


def comment_speaker(tok: Token, speaker: Token | None) -> Token | None:
    """The speaker of comment-clause cue ``tok``: its words between "as" and the cue
    ("Hawaii, as one of his advisers pointed out, ..." -- the parser may read "as one of
    ..." as a phrase and the sentence's subject as the cue's), their head-most token; else
    ``speaker``."""
    start = _comment_start(tok)
    if start is None or speaker is not None and start < speaker.i < tok.i:
        return speaker
    words = [t for t in tok.doc[start + 1 : tok.i] if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    heads = [t for t in words if not start < t.head.i < tok.i]
    return heads[0] if len(heads) == 1 else speaker


def _comment_start(tok: Token) -> int | None:
    """Index of the "as" opening a comment clause before cue ``tok`` (after a comma or at
    the sentence start, with only the speaker's words between)."""
    doc, sent = tok.doc, tok.sent
    start = next((k for k in range(tok.i - 1, max(sent.start, tok.i - 10) - 1, -1)
                  if doc[k].lower_ == "as"), None)
    if start is None or any(_clause_verb(t, tok) for t in doc[start + 1 : tok.i]):
        return None
    if start > sent.start and doc[start - 1].text not in _COMMENT_EDGES:
        return None
    return start


def _clause_verb(t: Token, cue: Token) -> bool:
    """Is ``t`` (between "as" and the cue) a verb of a clause of its own? The cue's own
    auxiliaries ("as experts have pointed out") and a preposition the tagger reads as a verb
    ("as critics, including Lee, noted") are not."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    return not (t.dep_ in ("aux", "auxpass", "neg") and t.head.i == cue.i or t.dep_ == "prep")


def _comment_end(tok: Token) -> int | None:
    """Index of the comma, dash or sentence end that closes a comment clause after cue
    ``tok`` ("as X pointed out,", "as X put it.")."""
    doc, sent = tok.doc, tok.sent
    end = tok.i + 1
    while end < sent.end and (doc[end].dep_ == "prt" or doc[end].lower_ == "it"):
        end += 1  # "as X pointed out", "as X put it"
    for c in tok.rights:
        if c.left_edge.i == end and _when_or_where_said(c) and c.right_edge.i + 1 < sent.end:
            end = c.right_edge.i + 1  # "as X put it on Tuesday", "as X told reporters"
    while end < sent.end and doc[end].ent_type_ in ("DATE", "TIME"):
        end += 1  # "as X said last week" (the parser may hang the date on the main verb)
    if end >= sent.end:
        return None
    closing = doc[end].text in (",", "—", "–", ")", ".", "!", "?") or doc[end].is_sent_end
    return end if closing else None


def _when_or_where_said(c: Token) -> bool:
    """"Tuesday", "on Tuesday", "in his book", "told reporters": when, where or to whom it
    was said, not the cue's own content ("as they bristled at the questions", "as X wrote
    about the plan")."""
    if c.dep_ in ("npadvmod", "dative") or c.dep_ == "dobj" and c.head.lemma_.lower() == "tell":
        # "last week", "told reporters", "told CNN": a time or the one told
        return c.ent_type_ in ("DATE", "TIME") or c.dep_ != "npadvmod"
    obj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else None
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME")
                                or obj.lemma_.lower() in word_set("speech_noun")
                                or c.lower_ in word_set("setting_prep"))


def _clause_after_cue(tok: Token) -> Chars | None:
    """Cue before its head: "He said, the plan ..." -- the content follows."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    left, right = tok.head.left_edge.i, tok.head.right_edge.i
    if hi + 1 > right:
        return None
    if left < lo and "," in (doc[lo].text, doc[lo - 1].text):
        # "The museum, Mr. Obama said, would make ...": the cue interrupts the clause
        return doc[left].idx, doc[right].idx + len(doc[right])
    return doc[hi + 1].idx, doc[right].idx + len(doc[right])


def rest_of_clause(tok: Token, speaker: Token | None) -> Chars | None:
    """"X called him a liar", "X noted the rule": the cue's right-hand dependents.

    Only for a finite, affirmative cue with an object ("failed to show up", "wouldn't
    answer the questions", "reported from Midway" are not reported speech), not in a
    relative clause about something else (:func:`_gapped_relative`)."""
    if not _finite_affirmative(tok) or _gapped_relative(tok, speaker):
        return None
    right = [c for c in tok.rights if c.dep_ in RIGHT_DEPS]
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


def _gapped_relative(tok: Token, speaker: Token | None) -> bool:
    """A cue in a relative clause whose speaker is not the relative word ("the system, which
    advocates say disadvantages schools"): the noun the clause modifies fills a gap in what
    follows the cue, so those words are no content of their own."""
    return tok.dep_ == "relcl" and (
        speaker is None or speaker.lower_ not in word_set("relative")
    )


def _finite_affirmative(tok: Token) -> bool:
    if tok.tag_ in ("VB", "VBG") or tok.dep_ in ("xcomp", "pcomp", "amod", "acl"):
        return False
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    return not any(c.dep_ == "prt" and c.lower_ not in ("out", "for", "on") for c in children)


def wrapped_clause(tok: Token, speaker: Token) -> Chars | None:
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
    if not opens_wrapped_clause(doc, s0, comma):
        return None
    last = sent.end - 1
    while last > tok.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[s0].idx, doc[last].idx + len(doc[last])


def opens_wrapped_clause(doc: Doc, s0: int, comma: int) -> bool:
    """Is ``doc[s0:comma]`` the start of a clause the cue interrupts (not "In a statement,",
    "Last week," or a quotation, which is attached with its marks)?"""
    if comma - s0 < 2 or doc[comma].text != "," or doc[s0].pos_ in (
        "ADP", "SCONJ", "ADV", "CCONJ", "PART", "VERB", "AUX"
    ):
        return False
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[s0:comma]):
        return False  # "Last week, X said"
    return not any(t.text in "\"“”" for t in doc[s0:comma])


