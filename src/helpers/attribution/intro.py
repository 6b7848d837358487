"""Quotations introduced by the words right before them, with no cue rule of their own:
a verb whose subject can speak ("Protesters chanted “...”"), the cue whose object the
quotation names ("called the plan “a disaster”"), or -- before a colon -- the verb the
words there hang from ("X wrote what the girls should have done: “...”"), a person
described by a copula ("Lee was defiant: “...”") or someone's words named by a noun
("Lee’s response: “...”"). A quotation after a possessive ("told CNN’s “State of the
Union”") is a title.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..lexicons import cue_lexicon, word_set
from .records import Attribution, Context, make
from .speaker import subject
from .verbs import cue_phrase

_INTRO_GAP = re.compile(r"[ \t]*[,:]?[ \t]*$")


def introducing_verb(ctx: Context, qs: int, qe: int) -> Attribution | None:
    """A quotation right after a verb (or a colon) whose subject can speak."""
    text = ctx.text
    para_a = text.rfind("\n", 0, qs) + 1
    found = _word_before(ctx, para_a, qs)
    if found is None:
        return None
    last, gap = found
    verb = _verb_at(last, gap, para_a)
    if verb is None:
        return _owned_words(last, gap, qs, qe)
    if ":" in gap and (verb.lemma_.lower(), "VERB") not in cue_lexicon():
        verb = _reporting_verb_above(verb, para_a, qs)
    speaker, _ = subject(verb)
    if speaker is None or speaker.lower_ in word_set("first_person") or speaker.idx < para_a or (
        speaker.dep_ == "expl" or qs <= speaker.idx < qe
    ):
        return None  # a subject inside the quotation is what it talks about ("To quote X:")
    cue = cue_phrase(verb)
    manner = _judging_copula(verb)
    if manner is not None:
        speaker = _owner_of_words(speaker) or speaker  # "Lee’s response was simple:"
        pronouns = word_set("tag_pronoun") | word_set("possessive_pronoun")
        if not (ctx.mentions.is_person(speaker) or speaker.lower_ in pronouns
                and speaker.lower_ not in ("it", "its")):
            return None  # "The mood was grim: “...”": no one speaks
        cue = (f"be {manner.lower_}", verb.idx, manner.idx + len(manner))
    attr = make("quotation_after_verb", cue, speaker, (qs, qe), verb.i)
    attr.quotes.append((qs, qe))
    return attr


def _owned_words(last: Token, gap: str, qs: int, qe: int) -> Attribution | None:
    """"Lee’s response: “...”", "His reply: “...”", "Her message to them was: “...”":
    someone's words named by a noun of speech (``speech_noun``) right before a colon, or
    the subject of a copula there: the owner speaks."""
    if ":" not in gap:
        return None
    if last.lemma_.lower() == "be" and last.pos_ == "AUX":
        # "His message to the board was: “...”": the words named by the copula's subject
        last = next((c for c in last.children if c.dep_ == "nsubj"), last)
    owner = _owner_of_words(last)
    if owner is None:
        return None
    cue = (last.lemma_.lower(), last.idx, last.idx + len(last))
    attr = make("quotation_after_verb", cue, owner, (qs, qe), last.i)
    attr.quotes.append((qs, qe))
    return attr


def _owner_of_words(noun: Token) -> Token | None:
    """Whose words a noun of speech names ("Lee’s response", "his reply"): its possessor."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in word_set("speech_noun"):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in ("PROPN", "PRON"):
        return None
    return owner


def _word_before(ctx: Context, para_a: int, qs: int) -> tuple[Token, str] | None:
    """The last word before the quotation in its paragraph (before a comma or colon), and
    the gap between them, if only spaces and that mark lie between."""
    if qs <= para_a:
        return None
    doc = ctx.doc
    span = doc.char_span(para_a, qs, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    gap = ctx.text[last.idx + len(last) : qs]
    if last.is_punct and last.text in (",", ":"):
        gap = last.text + gap
        last = doc[last.i - 1] if last.i > span.start else None
    if last is None or not _INTRO_GAP.match(gap):
        return None
    return last, gap


def _verb_at(last: Token, gap: str, para_a: int) -> Token | None:
    """The verb ending right before the quotation, the cue whose object ends there ("called
    the plan “a disaster”"), or (before a colon) the verb the word there hangs from in the
    same paragraph."""
    if last.pos_ == "VERB":
        return last
    if last.dep_ in ("prt", "advmod") and last.head.pos_ == "VERB" and last.head.i == last.i - 1:
        return last.head  # "Lee shot back, “...”", "Lee added later, “...”"
    if last.tag_ == "POS" and not gap.strip():
        return None  # "told CNN’s “State of the Union”": a show's or work's title
    head = last.head
    if last.dep_ == "dobj" and head.pos_ == "VERB" and (head.lemma_.lower(), "VERB") in (
        cue_lexicon()
    ) and not gap.strip():
        return head  # "called the plan “a disaster”": the quotation names the object
    if ":" not in gap:
        return None
    verb = last
    while verb.pos_ != "VERB" and verb.head.i != verb.i and _judging_copula(verb) is None:
        verb = verb.head
    if not (verb.pos_ == "VERB" or _judging_copula(verb) is not None) or (
        verb.i >= last.i + 1 or verb.idx < para_a
    ):
        return None
    return verb


def _judging_copula(tok: Token) -> Token | None:
    """"Lee was defiant: “...”", "She was blunt:": a copula with a subject and a predicate
    adjective (returned) that says how someone spoke."""
    if tok.pos_ != "AUX" or tok.lemma_.lower() != "be" or not any(
        c.dep_ == "nsubj" for c in tok.children
    ):
        return None
    return next((c for c in tok.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)


def _reporting_verb_above(verb: Token, para_a: int, qs: int) -> Token:
    """"X wrote what the girls should have done: “...”": the reporting verb the clause
    before the quotation hangs from (a speech verb first), not that clause's own verb."""
    lexicon = cue_lexicon()
    above = [a for a in verb.ancestors if a.pos_ == "VERB" and para_a <= a.idx < qs
             and (a.lemma_.lower(), "VERB") in lexicon]
    speech = [a for a in above if lexicon[(a.lemma_.lower(), "VERB")].frame == "speech"]
    return (speech or above)[0] if speech or above else verb
