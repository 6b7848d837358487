"""What lies between a quotation and a cue: the text tests attachment relies on.

A quotation belongs to a cue when only a comma, a colon or spaces separate them (``GAP_*``),
or a few title words the parse cut off the speaker's name ("“...,” Tulsa police Chief Chuck
Jordan said": :func:`title_words`). Not a quotation of anyone: one after a preposition or
determiner ("on “Meet the Press”": :func:`after_preposition`), a title-case subheading
(:func:`plain_quotation`). A trailing cue reports the writer's lead-in before the quotation
too when the sentence starts with words of the writer's own (:func:`lead_in`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .bounds import before_closers, sentence_end
from .marks import inner
from .records import Attribution

GAP_AFTER = re.compile(r"^[\s,]*$")
GAP_BEFORE = re.compile(r"^[ \t]*[,:]?[ \t]*$")
GAP_COLON = re.compile(r"^\s*:\s*$")
GAP_TAIL = re.compile(r"^[^\n.!?\"“”]{0,60}[,:]\s*$")
#: after a speech tag, before the rest of a split quotation ("“A,” he said at a rally in
#: Raleigh, N.C., “B”", "“A,” he said, and still “B”", "“A,” she said — “B”")
GAP_SPLIT = re.compile(
    r"^(?:[^\n.!?\"“”—–]|\.(?!\s)){0,60}(?:[,:]\s*(?:(?:but|and|or)\b[^\n.!?\"“”]{0,30})?"
    r"|\s(?:[—–]|--)\s*)$"
)
_NOT_TITLE = frozenset({"ADP", "PRON", "DET", "SCONJ", "CCONJ", "AUX", "PART", "ADV", "NUM"})
_LEAD_IN = re.compile(r"[^\n.!?]*[a-z][^\n.!?]*")


def after_preposition(doc: Doc, qs: int) -> bool:
    """Is the quotation opening at ``qs`` the object of a preposition or determiner ("on
    “Meet the Press”", "in “The Apprentice”", "Bemoaning the “phony system,” X accused")?"""
    span = doc.char_span(max(0, qs - 12), qs, alignment_mode="contract")
    return span is not None and len(span) > 0 and span[-1].pos_ in ("ADP", "DET")


def title_words(doc: Doc, a: int, b: int) -> bool:
    """"“...,” Tulsa police Chief Chuck Jordan said": one to four title words between a
    quotation and the speaker's name that the parse cut off the name."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return False
    words = [t for t in span if not t.is_space and t.text != ","]
    return 0 < len(words) <= 4 and words[0].text[:1].isupper() and all(
        t.is_alpha and t.pos_ not in _NOT_TITLE for t in words
    )


def plain_quotation(text: str, qs: int, qe: int) -> bool:
    """A quotation that reads as running speech: its marks match ('"..."', '“...”') and it is
    not a title-case subheading ("'All Bets Are Off.'")."""
    if (text[qs] in "\"'`") != (text[qe - 1] in "\"'"):
        return False  # a straight mark closed by a curly one: a stray mark, not a quotation
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", inner(text, qs, qe)) if len(w) > 3]
    return not words or sum(w[0].isupper() for w in words) < 0.7 * len(words)


def lead_in(text: str, a: int, qs: int) -> bool:
    """"The four “loopholes” he cited are “...,” The Hill reported": the sentence starts
    before the quotation (words of the writer's own, no sentence end between), so the
    reported content is the whole sentence, not just the quotation."""
    lead = text[a:qs]
    return len(lead.split()) >= 3 and _LEAD_IN.fullmatch(lead) is not None


def addressee(text: str, attr: Attribution, qs: int) -> bool:
    """Is ``attr`` a cue whose noun-phrase content is only a short object right before the
    quotation at ``qs`` ("asking her, “...”", "told reporters: “...”")?"""
    if attr.form != "dobj" or not 0 <= attr.content_start < attr.content_end <= qs:
        return False
    if attr.content_end - attr.content_start > 20 or not GAP_BEFORE.match(
        text[attr.content_end : qs]
    ) and not GAP_COLON.match(text[attr.content_end : qs]):
        return False
    return text[attr.cue_end : attr.content_start].strip() == ""


def tail_end(text: str, attr: Attribution) -> int:
    """End of the sentence an attribution finishes in."""
    tail = max(attr.content_end, attr.cue_end)
    if attr.speaker_tok is not None:
        right = attr.speaker_tok.right_edge
        tail = max(tail, right.idx + len(right))
    # a content span that keeps its sentence's stop ("..., X says, A was B.") ends there,
    # not at the next sentence's stop
    return sentence_end(text, before_closers(text, tail))


#: Forms of an indirect report a quoted paragraph after it can go on from ("X said (that)
#: ...", "..., X said"): a reported clause, not an object or a topic.
REPORT_FORMS = ("ccomp", "head")


def report_before(doc: Doc, text: str, attrs: list[Attribution],
                  para_a: int) -> Attribution | None:
    """The indirect report, with a speaker and no quotation of its own, that ends the
    paragraph before the one starting at ``para_a`` ("Lee said the plan would fail."): its
    cue governs its sentence (the root, or a parenthetical "..., Lee said" on it), so a cue
    inside what is reported ("said he was surprised people thought ...") is not it."""
    if para_a <= 0 or not text[:para_a].strip():
        return None
    prev_end = len(text[:para_a].rstrip())
    prev_para = text.rfind("\n", 0, prev_end) + 1
    for attr in attrs:
        if attr.form not in REPORT_FORMS or attr.quotes or attr.speaker_tok is None or not (
            prev_para <= attr.content_start < attr.content_end <= prev_end
        ) or attr.cue_i < 0:
            continue
        cue = doc[attr.cue_i]
        governs = cue.dep_ == "ROOT" or attr.form == "head" and cue.head.dep_ == "ROOT"
        if governs and tail_end(text, attr) >= prev_end:
            return attr
    return None
