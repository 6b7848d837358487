"""Cue detection: every token is offered to the named cue rules, in order.

Each rule says which tokens it claims (``when``) and builds the attribution (or None, for a
use that reports nothing); the first rule that claims a token decides. The order:

1. ``according_to``: "according to X" -- X is the source of the clause it modifies;
2. ``reporting_verb``: a verb of ``data/quote_cues.csv`` (also after the lemmatiser cut a
   silent "e": "hoped" → "hop"), or an unlisted verb with a "that"/"whether" clause
   ("conceded", "wagered"); see :mod:`.verbs`;
3. ``made_clear``: "X made (it) clear that ..." -- "make" with a clarity adjective
   (``data/quote_word_sets.csv``, set ``clarity_adjective``) reports X's clause;
4. ``support_verb``: any other verb whose object is a speech-act noun ("made the case for
   ...", "raised questions about ...", ``data/quote_object_nouns.csv``); its subject is the
   target, not the speaker, after "faced", "drew" (``data/quote_receiver_verbs.csv``);
5. ``reporting_noun``: "X's claim that ...", "the claim by X that ..."
   (``data/quote_nouns.csv``);
6. ``stance_predicate``: a stance adjective or noun of the lexicon as a predicate, with
   the complement its entry needs: "X remains confident that ..." (a clause: record rule
   ``reporting_adjective``), "X has been critical of Y", "X is determined to Y", "with
   leaders worried about Y", "X is a staunch opponent of Y" (record rule
   ``stance_predicate``).

A cue inside someone else's quotation is part of what they said, not an attribution.

Each rule also says which tokens it can claim at all (its :class:`~.offers.Offer` s: a tag,
with a lemma when it needs one, or a word); a :class:`~.offers.CueIndex` offers each token
only to the rules that can claim it, and ``when`` still decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc, Token

from ..lexicons import (
    Cue,
    cue_lemmas,
    cue_lexicon,
    noun_cues,
    object_nouns,
    receiver_verbs,
    word_set,
)
from .bounds import in_paragraph, subtree_chars
from .marks import inside_quote
from .offers import CueIndex, Offer
from .records import Attribution, Context, make
from .speaker import misread_verb, subject
from .verbs import reporting_verb

Detector = Callable[[Context, Token], Attribution | None]


@dataclass(frozen=True)
class CueRule:
    """A named cue detector: the tokens it claims, and how it builds the attribution.
    Every token ``when`` can claim is one of its ``offers``: no other is offered to it."""

    name: str
    when: Callable[[Token], bool]
    detect: Detector
    offers: tuple[Offer, ...]


#: The cue rules, in the order they are offered a token.
CUE_RULES: list[CueRule] = []


def cue_rule(name: str, when: Callable[[Token], bool], offers: tuple[Offer, ...]
             ) -> Callable[[Detector], Detector]:
    """Register a cue detector named ``name`` for the tokens ``when`` claims (each of them
    one of ``offers``)."""

    def deco(fn: Detector) -> Detector:
        CUE_RULES.append(CueRule(name, when, fn, offers))
        return fn

    return deco


def detect(ctx: Context, claimed: frozenset[int] = frozenset()) -> list[Attribution]:
    """The attributions the cue rules find in the document, in token order (bare cues
    included: they wait for a quotation); tokens in ``claimed`` (speech tags' verbs) are
    already taken."""
    attrs = []
    doc = ctx.doc
    for i, rules in CueIndex.build(doc, CUE_RULES).offered.items():
        if i in claimed:
            continue
        tok = doc[i]
        rule = next((r for r in rules if r.when(tok)), None)
        if rule is None:
            continue
        attr = rule.detect(ctx, tok)
        if attr is None or inside_quote(tok.idx, ctx.quotes):
            continue  # a cue inside someone else's quotation is part of what they said
        attrs.append(attr)
    return attrs


def _verbal(tok: Token) -> bool:
    """A verb (or "say" tagged as an auxiliary, or a verb the tagger read as a plural noun:
    "Trump claims that ...")."""
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_.lower() == "say") or (
        misread_verb(tok)
    )


def _verb_cue(tok: Token) -> Cue | None:
    """The lexicon entry of verb ``tok``, or an ad-hoc one for an unlisted verb reporting a
    "that"-clause ("conceded", "wagered")."""
    lexicon = cue_lexicon()
    lemma = tok.lemma_.lower()
    cue = lexicon.get((lemma, "VERB"))
    if cue is None and tok.lower_.endswith(("ed", "es", "ing")):
        # the lemmatiser cut a silent "e": "hoped" → "hop", "rated" → "rat"
        cue = lexicon.get((lemma + "e", "VERB"))
    if cue is None and lemma != "be" and _reports_clause(tok, lexicon):
        cue = Cue(lemma, "VERB", "other", False, "clause")
    return cue


def _reports_clause(tok: Token, lexicon: dict[tuple[str, str], Cue]) -> bool:
    """Does unlisted verb ``tok`` report a "that"/"whether" clause of its own? Not an
    existential ("there was no evidence that ...": no one's report), nor a verb whose listed
    infinitive reports it ("tried to argue, ..., that ...")."""
    children = list(tok.children)  # (spaCy walks the whole subtree to find them)
    # the rare clause first: most verbs have none, and the other test reads lemmas
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether")
                                  for m in c.children)
        for c in children
    ) and not any(
        c.dep_ == "expl" or c.dep_ == "xcomp" and (c.lemma_.lower(), "VERB") in lexicon
        for c in children
    )


def _according_to_here(tok: Token) -> bool:
    if tok.lower_ != "according":
        return False
    doc = tok.doc
    return _verbal(tok) or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to")


# --- the rules, in order -----------------------------------------------------------------------


@cue_rule("according_to", when=_according_to_here, offers=(Offer(word="according"),))
def according_to(ctx: Context, tok: Token) -> Attribution | None:
    """"according to X" — X is the speaker, the clause it modifies is the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return make("according_to", ("according to", tok.idx, to.idx + len(to)), _giver(pobj),
                _modified_clause(ctx.doc, tok), tok.i)


def _giver(pobj: Token) -> Token:
    """"according to a speech Mrs. Clinton delivered": the one who gave it."""
    if pobj.pos_ != "NOUN":
        return pobj
    for rel in pobj.children:
        if rel.dep_ == "relcl" and rel.i > pobj.i:
            subj = next((c for c in rel.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("PROPN", "PRON") and (
                subj.lower_ not in word_set("relative")
            ):
                return subj
            break
    return pobj


def _modified_clause(doc: Doc, tok: Token) -> tuple[int, int]:
    """The clause "according to X" modifies (its sentence when it hangs from no verb),
    without the phrase itself."""
    head = tok.head
    lo, hi = tok.left_edge.i, tok.right_edge.i
    sent = tok.sent
    left, right = sent.start, sent.end - 1
    if head.i != tok.i and sent.start <= head.i < sent.end and head.pos_ in ("VERB", "AUX"):
        left, right = head.left_edge.i, head.right_edge.i
    while right > left and (doc[right].is_punct or doc[right].is_space) and right > hi:
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space) and left < lo:
        left += 1
    if lo <= left:
        return doc[min(hi + 1, right)].idx, doc[right].idx + len(doc[right])
    if hi >= right:
        return doc[left].idx, doc[lo - 1].idx + len(doc[lo - 1])
    return doc[left].idx, doc[right].idx + len(doc[right])


#: The tokens :func:`_verbal` accepts: verbs, "say" as an auxiliary, plural nouns (a verb
#: misread as one: :func:`misread_verb`).
VERBAL = (Offer("VERB"), Offer("AUX", lambda: ("say",)), Offer("NNS"))


@cue_rule("reporting_verb", when=lambda tok: _verbal(tok) and _verb_cue(tok) is not None,
          offers=VERBAL)
def reporting_verb_rule(ctx: Context, tok: Token) -> Attribution | None:
    """A reporting verb (:func:`helpers.attribution.verbs.reporting_verb`)."""
    cue = _verb_cue(tok)
    return reporting_verb(ctx, tok, cue) if cue is not None else None


def _clarity(tok: Token) -> Token | None:
    """The clarity adjective of "made (it) clear", "made plain", "made known"."""
    if tok.lemma_.lower() != "make":
        return None
    return next((c for c in tok.rights if c.dep_ in ("oprd", "ccomp", "acomp")
                 and c.lower_ in word_set("clarity_adjective")), None)


@cue_rule("made_clear", when=lambda tok: tok.pos_ == "VERB" and _clarity(tok) is not None,
          offers=(Offer("VERB", lambda: ("make",)),))
def made_clear(ctx: Context, tok: Token) -> Attribution | None:
    """"X made it clear that ...", "X made clear he would ...": the clause after the
    adjective (the parser hangs it on the adjective or on "make") is what X said."""
    adj = _clarity(tok)
    if adj is None:
        return None
    clause = next((c for c in (*adj.rights, *tok.rights) if c.i > adj.i
                   and c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    speaker = subject(tok)[0]
    if clause is None or speaker is None:
        return None
    a, b = in_paragraph(ctx.text, tok.idx, *subtree_chars(clause))
    cue = (f"make {adj.lower_}", tok.idx, adj.idx + len(adj))
    return make("made_clear", cue, speaker, (a, b), tok.i) if b - a >= 3 else None


@cue_rule("support_verb", when=_verbal, offers=VERBAL)
def support_verb(ctx: Context, tok: Token) -> Attribution | None:
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
    content = _object_topic(tok, obj)
    if content is None:
        return None
    speaker, receiver = _support_speaker(tok, obj)
    if speaker is None and not receiver:
        return None
    a, b = in_paragraph(ctx.text, tok.idx, *content)
    if b - a < 3:
        return None
    cue = (f"{tok.lemma_.lower()} {obj.lemma_.lower()}", tok.idx, obj.idx + len(obj))
    return make("support_verb", cue, None if receiver else speaker, (a, b), tok.i)


def _support_speaker(tok: Token, obj: Token) -> tuple[Token | None, bool]:
    """The speaker of a support-verb cue: the object's owner ("contradicting the police's
    earlier claim": the police claimed), else the verb's subject. Second value: the subject
    is the target ("faced questions"), so the speaker is not named."""
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")),
                 None)
    if owner is not None:
        return owner, False
    return subject(tok)[0], tok.lemma_.lower() in receiver_verbs()


def _object_topic(tok: Token, obj: Token) -> tuple[int, int] | None:
    """What the speech-act object ``obj`` is about: its prepositional phrase or "that"/"to"
    clause, or "made the case for X" parsed with the phrase on the verb."""
    for child in obj.children:
        if child.i < obj.i:
            continue
        if _topic_phrase(child):
            return child.idx, subtree_chars(child)[1]
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in child.children
        ):
            return subtree_chars(child)
    for child in tok.rights:
        if child.i > obj.i and _topic_phrase(child):
            return child.idx, subtree_chars(child)[1]
    return None


def _topic_phrase(child: Token) -> bool:
    """"about/for/on/over X" with an object that is no date or time."""
    return child.dep_ == "prep" and child.lower_ in word_set("object_prep") and any(
        c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")
        for c in child.children
    )


@cue_rule("reporting_noun",
          when=lambda tok: tok.pos_ == "NOUN" and tok.lemma_.lower() in noun_cues(),
          offers=(Offer("NOUN", noun_cues),))
def reporting_noun(ctx: Context, tok: Token) -> Attribution | None:
    """"X's claim that ...", "the claim by X that ..."."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    speaker = _noun_owner(tok)
    if speaker is None:
        return None
    cue = (tok.lemma_.lower(), tok.idx, tok.idx + len(tok))
    return make("reporting_noun", cue, speaker, subtree_chars(clause), tok.i)


def _noun_owner(tok: Token) -> Token | None:
    """Whose claim: the possessor ("X's claim"), else the object of "by"/"from" (the last
    such phrase)."""
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                speaker = next((p for p in c.children if p.dep_ == "pobj"), None)
    return speaker


def _predicate(tok: Token) -> bool:
    """A stance adjective or noun of the lexicon used as a predicate: "X is critical of",
    "X remains confident that", "with leaders worried about", "X is an opponent of"."""
    if tok.pos_ == "ADJ":
        return tok.dep_ in ("acomp", "oprd", "advcl") and (tok.lemma_.lower(), "ADJ") in (
            cue_lexicon()
        )
    return tok.pos_ == "NOUN" and tok.dep_ == "attr" and (
        tok.lemma_.lower(), "NOUN") in cue_lexicon()


@cue_rule("stance_predicate", when=_predicate,
          offers=(Offer("ADJ", partial(cue_lemmas, "ADJ")),
                  Offer("NOUN", partial(cue_lemmas, "NOUN"))))
def stance_predicate(ctx: Context, tok: Token) -> Attribution | None:
    """"Washington remains confident that ..." (``reporting_adjective``); "X has been
    critical of Y", "X is determined to Y", "X is a staunch opponent of Y"
    (``stance_predicate``): the predicate's subject is the speaker, its clause, infinitive
    or prepositional phrase the content -- when it has the complement its entry needs."""
    cue = cue_lexicon()[(tok.lemma_.lower(), "ADJ" if tok.pos_ == "ADJ" else "NOUN")]
    if cue.needs and not any(
        (c.dep_, c.lower_) in cue.needs or (c.dep_, "*") in cue.needs for c in tok.children
    ):
        return None
    comp = next((c for c in tok.rights if c.dep_ in ("ccomp", "xcomp")
                 or c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children)),
                None)
    speaker = _predicate_subject(tok)
    if comp is None or speaker is None:
        return None
    rule = "reporting_adjective" if comp.dep_ == "ccomp" else "stance_predicate"
    cue_span = (tok.lemma_.lower(), tok.idx, tok.idx + len(tok))
    a, b = in_paragraph(ctx.text, tok.idx, *subtree_chars(comp))
    return make(rule, cue_span, speaker, (a, b), tok.i) if b - a >= 3 else None


def _predicate_subject(tok: Token) -> Token | None:
    """Who holds the stance: the subject of the copula ("X is critical of"), or the
    predicate's own subject ("with leaders worried about")."""
    own = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    if tok.dep_ == "advcl":
        return None
    return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
