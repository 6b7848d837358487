"""The reporting-verb rule: a verb of ``data/quote_cues.csv`` (or an unlisted verb with a
"that"-clause) with its speaker and content.

:func:`reporting_verb` reads as: the verb must report at all (its needed dependents:
"point out", "call for"; not "Let's say", not an imperative to the reader); a judgement
verb is :func:`appearance` ("X seems to ..."); the speaker comes from the parse
(:mod:`.speaker`), repaired (a dateline or a date is no speaker) or inherited from a first
reporting verb it is coordinated with; some uses report no one's words ("it promises to
be", "asked if he supported", "it emerged that"); a passive cue reports on its subject
(:func:`passive_report`); then the content is found by the ordered ``CONTENT_FINDERS``,
cut before a second reporting verb coordinated inside it and kept in the cue's paragraph.
A cue with no content is kept bare, to attach a quotation next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicons import Cue, descriptions, frame, word_set
from ..speakers import role_of
from .bounds import in_paragraph, tokens_in
from .content import (
    RIGHT_DEPS,
    clause_content,
    colon_content,
    comment_clause,
    comment_speaker,
    head_clause,
    no_report,
    rest_of_clause,
    wrapped_clause,
)
from .coordination import before_coordinated_cue, coordinated_object_end, is_cue_verb
from .inverted import inverted_clause
from .marks import QUOTE_CHARS, inside_quote
from .records import Attribution, Context, bare, make
from .speaker import bare_participle, dateline, subject
from .subjects import left_subject, nearest_subject

Chars = tuple[int, int]
#: The rule a verb's content form comes from (``data/quote_rules.csv``).
VERB_RULES = {"ccomp": "reported_clause", "colon": "colon_after_cue",
              "head": "clause_around_cue", "comment": "clause_around_cue",
              "inverted": "clause_around_cue",
              "xcomp": "infinitive",
              "prep": "prepositional_content", "dobj": "object_content",
              "rest": "rest_of_clause"}
_APPEARANCE_COMPS = ("xcomp", "ccomp", "acomp", "attr", "oprd")


@dataclass(frozen=True)
class Found:
    """What a content finder found for a cue: the content's characters (None: nothing),
    its form (a key of ``VERB_RULES``; "" for nothing) and the speaker token the content
    goes with -- the one the finder was given, unless its construction names another
    ("As X noted, ...", "Then, says X, ...")."""

    content: Chars | None
    form: str
    speaker: Token | None = None


#: a finder found nothing
_NOTHING = Found(None, "")
#: a prepositional "content" that says when or to whom: the cue reports nothing
_NOT_A_REPORT = Found(None, "not a report")


def reporting_verb(ctx: Context, tok: Token, cue: Cue) -> Attribution | None:
    """The attribution of reporting verb ``tok`` (entry ``cue``), bare if it has no content."""
    if not _has_needed(tok, cue):
        return None  # "point a gun", "called a meeting"
    if frame(cue.frame).judgement:
        return appearance(ctx, tok)
    if _lets_say(tok) or _imperative(tok) or _asked(tok):
        return None
    speaker, passive = subject(tok)
    speaker = _outside_quotation(ctx, tok, _repaired(tok, speaker))
    if _no_source(tok, cue, speaker):
        return None
    speaker = _quoted_as(tok, _agent_of_passive_clause(tok, speaker))
    if speaker is None and not passive and tok.i in ctx.coordinated:
        speaker = ctx.doc[ctx.coordinated[tok.i]]  # the first act's speaker
    found = passive_report(ctx, tok, cue, speaker)
    if found is not None:
        return found
    searched: dict[str, Found] = {}
    if speaker is None and not (passive and bare_participle(tok)):
        # "Often, said X, ...": the parser lost X; only an inverted cue keeps its content
        searched["inverted"] = _inverted(tok, cue, None)
        if searched["inverted"].content is None:
            return None
    return _with_content(ctx, tok, cue, speaker, searched)


def _with_content(ctx: Context, tok: Token, cue: Cue, speaker: Token | None,
                  searched: dict[str, Found]) -> Attribution | None:
    """The attribution of cue ``tok`` with the content its finders find (``searched``:
    finders already run for this cue, by name, not run again)."""
    cue_span = cue_phrase(tok, cue.lemma)
    found = _find_content(tok, cue, speaker, searched)
    content, form = found.content, found.form
    if found.form == _NOT_A_REPORT.form:
        return None
    if content is None or cue.content == "colon" and form not in ("colon", "comment"):
        return bare(cue_span, speaker, tok.i)
    speaker = found.speaker
    if form == "colon":
        return make(VERB_RULES[form], cue_span, speaker, content, tok.i)
    if form in ("dobj", "prep", "xcomp", "rest"):
        end, second = before_coordinated_cue(tok, content[0], content[1])
        if second is None:
            end = coordinated_object_end(tok, end)
        content = (content[0], end)
        if second is not None and speaker is not None:
            # the second act is the same speaker's (its own attribution, built later)
            ctx.coordinated[second.i] = speaker.i
    a, b = in_paragraph(ctx.text, tok.idx, *content)
    if b <= a:
        return bare(cue_span, speaker, tok.i)
    return make(VERB_RULES[form], cue_span, speaker, (a, b), tok.i)


# --- content finders, tried in order ------------------------------------------------------------

Finder = Callable[[Token, Cue, "Token | None"], Found]


def _commenting(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"As X noted, ...", "..., as X put it.": the rest of the sentence; the speaker is
    the one between "as" and the cue (:func:`.content.comment_speaker`)."""
    content = comment_clause(tok)
    if content is None:
        return _NOTHING
    return Found(content, "comment", comment_speaker(tok, speaker))


def _after_colon(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"X said: ..."."""
    return Found(colon_content(tok), "colon", speaker)


def _governed(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """The reported clause, object, infinitive or prepositional phrase the cue governs."""
    content, form = clause_content(tok, cue)
    if form in ("prep", "dobj") and no_report(tok, speaker, tokens_in(tok.doc, *content)):  # type: ignore[misc]
        return _NOT_A_REPORT
    return Found(content, form, speaker)


def _trailing(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """", sources said" / "as revealed by X" (never ", adding to the confusion"; never "as X
    spoke": a topic verb reports no clause around it)."""
    if tok.dep_ not in ("parataxis", "advcl", "ccomp", "conj") or tok.i <= tok.head.i or (
        cue.content == "about"
    ):
        return _NOTHING
    doc = tok.doc
    has_obj = any(c.dep_ in ("dobj", "xcomp", "prep") for c in tok.children)
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    # the comma may be the cue's own first child (", he said,") or just before it
    edge = tok.left_edge.i
    comma_before = doc[edge].text in (",", "—", "–") or (
        edge > 0 and doc[edge - 1].text in (",", "—", "–")
    )
    if (marked or (comma_before and tok.dep_ != "conj")) and not has_obj:
        return Found(head_clause(tok), "head", speaker)
    return _NOTHING


def _parenthetical(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"He said, the plan ...": a parenthetical cue before the clause it hangs from."""
    if tok.dep_ == "parataxis" and tok.i < tok.head.i:
        return Found(head_clause(tok), "head", speaker)
    return _NOTHING


def _rest(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"X called him a liar": the cue's right-hand dependents (frames that license it)."""
    if cue.content not in ("colon", "about") and frame(cue.frame).rest:
        return Found(rest_of_clause(tok, speaker), "rest", speaker)
    return _NOTHING


def _wrapped(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"These employees, Stumpf explained, were well paid.": the sentence around the cue."""
    if tok.dep_ == "ROOT" and speaker is not None:
        return Found(wrapped_clause(tok, speaker), "head", speaker)
    return _NOTHING


def _inverted(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"Then, says Ms Lee, the world found out.": an inverted cue between commas reports the
    clause after it (:func:`.inverted.inverted_clause`), spoken by the phrase after the cue
    (the parse's subject is often wrong); only a verb of a clause does ("..., Antony
    Blinken, echoed this view, recalling that ..." is no inversion)."""
    found = inverted_clause(tok) if cue.content == "clause" else None
    return _NOTHING if found is None else Found(found.content, "inverted", found.speaker)


def _misread_adjective(tok: Token, cue: Cue, speaker: Token | None) -> Found:
    """"the IAAF said explanations from the pair were weak": the parser read "said" as an
    adjective of the noun after it ("the said explanations"); that noun opens the clause
    reported, to the sentence end, when a finite verb follows it."""
    if tok.dep_ != "amod" or tok.lemma_.lower() != "say" or tok.tag_ not in ("VBD", "VBZ") or (
        tok.head.i <= tok.i
    ):
        return _NOTHING
    sent = tok.sent
    last = sent.end - 1
    while last > tok.i and (tok.doc[last].is_punct or tok.doc[last].is_space):
        last -= 1
    rest = tok.doc[tok.head.i + 1 : last + 1]
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
        return _NOTHING
    first = tok.doc[tok.i + 1]
    return Found((first.idx, tok.doc[last].idx + len(tok.doc[last])), "ccomp", speaker)


#: Where a reporting verb's content is looked for, in order (the first span found wins).
CONTENT_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("comment_clause", _commenting),
    ("after_colon", _after_colon),
    ("inverted", _inverted),
    ("governed", _governed),
    ("misread_adjective", _misread_adjective),
    ("trailing", _trailing),
    ("parenthetical", _parenthetical),
    ("rest", _rest),
    ("wrapped", _wrapped),
)


def _find_content(tok: Token, cue: Cue, speaker: Token | None,
                  searched: dict[str, Found]) -> Found:
    """The first finder's result with content (or "not a report"); a finder in
    ``searched`` is not run again."""
    for name, finder in CONTENT_FINDERS:
        found = searched[name] if name in searched else finder(tok, cue, speaker)
        if found.content is not None or found.form == _NOT_A_REPORT.form:
            return found
    return _NOTHING


# --- does the verb report, and who -------------------------------------------------------------


def _has_needed(tok: Token, cue: Cue) -> bool:
    """A cue that needs a dependent has one ("point out", "point to", never "point a gun";
    "called him a liar" but not "called a meeting")."""
    return not cue.needs or any(
        (c.dep_, c.lower_) in cue.needs or (c.dep_, "*") in cue.needs for c in tok.children
    )


def _lets_say(tok: Token) -> bool:
    """"Let's say you ...": a hypothetical, no report."""
    return tok.head.lemma_.lower() == "let" and tok.head.i < tok.i and any(
        c.lower_ in ("'s", "’s", "us") and c.i < tok.i for c in tok.children
    )


def _imperative(tok: Token) -> bool:
    """"Don't expect him to ...", "do not believe it": a bare verb with a "do" auxiliary and
    no subject is an imperative addressed to the reader, not a report."""
    if tok.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "do" and c.i < tok.i
               for c in tok.children)


def _asked(tok: Token) -> bool:
    """"Do you know where ...?", "Or would I prefer to ...?": a cue in a question the writer
    puts to the reader (an auxiliary before "you", "I" or "we", a question mark at the end)
    reports no one's words ("Has he called for ...?" still reports his stance)."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in word_set("first_person") or not any(
        c.dep_ == "aux" and c.i < subj.i for c in tok.children
    ):
        return False
    last = next((t for t in reversed(tok.sent) if not (t.is_space or t.text in QUOTE_CHARS)),
                None)
    return last is not None and last.text == "?"


def _repaired(tok: Token, speaker: Token | None) -> Token | None:
    """A dateline is never a speaker; "Earlier Friday, chairman of ... Rep. Jo Roe (D-Ohio)
    revealed": a date read as the subject -- the speaker is the name right before the verb,
    when there is one."""
    if speaker is not None and dateline(speaker):
        return None
    if speaker is not None and speaker.ent_type_ in ("DATE", "TIME") and speaker.i < tok.i:
        left = left_subject(tok)
        if left is not None and left.pos_ == "PROPN" and left.ent_type_ not in ("DATE", "TIME"):
            return left
    return speaker


def _outside_quotation(ctx: Context, tok: Token, speaker: Token | None) -> Token | None:
    """A quotation's own words do not speak it: a cue outside any quotation whose speaker
    the parser found inside one ("X dodged it, calling it a joke -- "That is silly" -- and
    insisting, ...": not "That") takes the nearest subject before it outside quotations in
    its sentence ("X"), else none."""
    quotes = ctx.quotes
    if speaker is None or inside_quote(tok.idx, quotes) or not inside_quote(speaker.idx, quotes):
        return speaker
    for t in reversed(ctx.doc[tok.sent.start : tok.i]):
        if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN", "PRON") and not (
            inside_quote(t.idx, quotes) or inside_quote(t.head.idx, quotes)
        ):
            return t
    return None


def _no_source(tok: Token, cue: Cue, speaker: Token | None) -> bool:
    """"it emerged that ...", "it transpired that ...": an unlisted verb with a that-clause
    and "it" as subject is extraposition; no one is named as the source. Also the uses of a
    cue verb that report no one's words (:func:`_not_a_report`)."""
    if speaker is not None and frame(cue.frame).extraposition and speaker.lower_ == "it" and (
        speaker.i < tok.i
    ):
        return True
    return _not_a_report(tok, cue.lemma, speaker)


def _not_a_report(tok: Token, lemma: str, speaker: Token | None) -> bool:
    """Uses of a cue verb that report no one's words or thoughts: "it promises to be a
    bruising campaign" (a forecast), "the rejection means that ..." (a consequence), "asked
    if he supported ..." (a question put to him, not his stance)."""
    # (the verb's own relation first: a clause of a question verb is rare, its children many)
    if tok.dep_ in ("ccomp", "advcl") and tok.head.lemma_.lower() in word_set("question_verb") and (
        any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in tok.children)
    ):
        return True
    if speaker is None:
        return False
    if lemma in word_set("forecast_verb") and speaker.lower_ in word_set("no_one") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in tok.children
    ):
        return True
    return lemma in word_set("consequence_verb") and speaker.pos_ == "NOUN" and (
        not speaker.ent_type_ and role_of(speaker) not in descriptions()
    )


def _agent_of_passive_clause(tok: Token, speaker: Token | None) -> Token | None:
    """"The bill was backed by some firms, saying they needed it": who says is the
    "by"-agent of the passive, not the thing it acted on."""
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and speaker is not None and (
        speaker.dep_ == "nsubjpass" and speaker.head.i == tok.head.i
    ):
        agent = next((g for c in tok.head.children if c.dep_ == "agent"
                      for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    return speaker


def _quoted_as(tok: Token, speaker: Token | None) -> Token | None:
    """"X was quoted as saying that ...", "the agency quoted X as saying that ...": a
    participle after "as" on a verb speaks for the one that verb names -- its object, else
    its passive subject -- not for who quotes them."""
    if tok.tag_ != "VBG" or tok.dep_ != "pcomp" or tok.head.lower_ != "as" or (
        tok.head.head.pos_ != "VERB"
    ):
        return speaker
    verb = tok.head.head
    named = [c for dep in ("dobj", "nsubjpass") for c in verb.children if c.dep_ == dep]
    return named[0] if named else speaker


def cue_phrase(tok: Token, lemma: str | None = None) -> tuple[str, int, int]:
    """Cue lemma (with particle: "point out", "call for") and its character span."""
    lemma = lemma or tok.lemma_.lower()
    end = tok.idx + len(tok)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            return f"{lemma} {child.lower_}", tok.idx, child.idx + len(child)
    return lemma, tok.idx, end


# --- judgements and passives ---------------------------------------------------------------------


def appearance(ctx: Context, tok: Token) -> Attribution | None:
    """"X seems to ...", "it appears that ...": a judgement the text reports without a
    speaker; what is judged (the subject with its complement) is the content. "X seemed to
    think ..." keeps X as the speaker of the cognition verb."""
    cue_span = cue_phrase(tok)
    colon = colon_content(tok)
    comps = [c for c in tok.children if c.dep_ in _APPEARANCE_COMPS and c.i > tok.i]
    if colon is None and not comps:
        return None
    subj = nearest_subject(tok, ("nsubj",))
    speaker = _judging_speaker(tok, comps, subj)
    if colon is not None:
        return make("appearance_colon", cue_span, speaker, colon, tok.i)
    last = max(comps, key=lambda c: c.right_edge.i).right_edge
    a = comps[0].left_edge.idx
    if subj is not None and subj.i < tok.i and subj.lower_ not in word_set("no_content"):
        a = subj.left_edge.idx
    a, b = in_paragraph(ctx.text, tok.idx, a, last.idx + len(last))
    if b - a < 3:
        return None
    return make("appearance_judgement", cue_span, speaker, (a, b), tok.i)


def _judging_speaker(tok: Token, comps: list[Token], subj: Token | None) -> Token | None:
    """"X seemed to think", "X appears set to veto": a reporting verb as the complement (or
    as the infinitive of an adjectival one) keeps X as its speaker; else there is none."""
    verbs = [c for c in comps[:1] for c in (c, *(x for x in c.children if x.dep_ == "xcomp"))]
    if any(v.pos_ == "VERB" and is_cue_verb(v) for v in verbs):
        return subj if subj is not None else subject(tok)[0]
    return None


def passive_report(ctx: Context, tok: Token, cue: Cue, agent: Token | None
                   ) -> Attribution | None:
    """"X has been endorsed by Y", "X was criticized for ...": what is reported on is the
    passive subject and what follows the cue (one span, as the gold's discontinuous content
    is scored by coverage); the speaker is the "by"-agent, if any."""
    behaviour = frame(cue.frame)
    if not behaviour.passive or cue.content in ("colon", "about"):
        return None
    if agent is None and not behaviour.passive_unnamed:
        return None  # "the study was published on Monday": no one is reported on
    subj = _reported_on(tok)
    if subj is None:
        return None
    skip = set(agent.head.subtree) if agent is not None and agent.head.dep_ == "agent" else set()
    toks = [t for c in tok.rights if c.dep_ in RIGHT_DEPS for t in c.subtree if t not in skip]
    end = max([t for t in subj.subtree] + toks, key=lambda t: t.i)
    a, b = in_paragraph(ctx.text, tok.idx, subj.left_edge.idx, end.idx + len(end))
    if b - a < 3:
        return None
    return make("passive_report", cue_phrase(tok), agent, (a, b), tok.i)


def _reported_on(tok: Token) -> Token | None:
    """The passive subject a passive cue reports on; none for "it was reported that",
    "which was described" (no content of their own), a clause or a negation."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in word_set("no_content") or any(
        c.dep_ in ("ccomp", "xcomp", "neg") for c in tok.children
    ):
        return None
    return subj
