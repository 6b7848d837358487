"""Lead-ins: attributions the layout of the text makes, not a reporting verb.

- ``transcript_turn``: a paragraph opening with a name in capitals and a colon ("PENCE:
  ..."), when the article has several such turns or knows the name;
- ``headline_lead``: a paragraph opening with a short name and a colon ("Pence: ..."), or
  with a name, who they speak for and a colon before a quotation ("Maria Lopez, Reuters:
  “...”"), when the name is one the article knows ("Correction: ..." is not a speaker); or
  a list item of reactions: a role, a person's name, a colon (or none), then a quotation
  ("- Rovers boss Tom Reed: “...”", "- Rovers boss Tom Reed “...”");
- ``inverted_cue``: a sentence opening with the reporting verb and then the name before a
  quotation ("Said Ellis: “...”", "Adds Lopez, “...”"): a bare cue, the quotation is
  attached later;
- ``quotation_dash``: a quotation followed by a dash and a name ("“...” ― Name"), or a name
  and a dash before it ("Mitt Romney -- “...” --"), found while attaching quotations
  (:mod:`.attach`);
- ``headline_quotation``: a quotation in the article's headline reports its subject's words
  ("Mayors Slam Plan As A ‘Giveaway.’", "A warning from Jo Roe: ‘Act now.’"): the headline
  after its subject (or after the colon) is the content, also found while attaching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..lexicons import cue_lexicon, frame
from ..loading.text import title_line
from .bounds import paragraph_of, trim
from .records import Attribution, Context, bare, make

_PARA = re.compile(r"[^\n]+")
_TRANSCRIPT = re.compile(r"^[\"“]?\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s+(?=\S)")
#: A list item's mark before a lead-in ("— Maria Lopez, Reuters: “...”").
_BULLET = r"(?:[—–•*-][ \t]*)?"
_HEADLINE = re.compile(_BULLET + r"([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):\s+(?=\S)")
_WHO_FOR = r"[^\n:,;.!?\"“”()]{2,60}"
# "Maria Lopez, Reuters: “...”", "Jo Roe, mayor of Dayton: “...”", "Sen. Jo Roe, D-Ohio, on
# Twitter: “...”", "Jo Roe (D-Ohio): “...”", "Jo Roe on the budget: “...”": a name, who or
# where they speak for or what about, a colon and a quotation
_AFFILIATED = re.compile(
    _BULLET + r"([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){1,3})"
    r"(?:[ \t]*\([^\n()]{1,40}\)|,[ \t]+" + _WHO_FOR + r"(?:,[ \t]+" + _WHO_FOR + r")?"
    r"|[ \t]+on[ \t]+" + _WHO_FOR + r"){1,2}:[ \t]*(?=[\"“])"
)
# "- Rovers boss Tom Reed: “...”": a list item (its mark required), a role and a name (the
# last word capitalised), a colon (or none: "- Rovers boss Tom Reed “...”") and a quotation
_LISTED = re.compile(
    r"[ \t]*[—–•*-][ \t]*([A-Z][\w.'’\-]*(?: [\w.'’\-]+){0,5} [A-Z][\w.'’\-]*)"
    r"[ \t]*:?[ \t]*(?=[\"“])"
)
_DASH = re.compile(r"[^\S\n]*[―—–][^\S\n]*")
# "... Mitt Romney -- “It is disqualifying ...” --": a name, a spaced dash, a quotation
_DASH_BEFORE = re.compile(r"[^\S\n]+(?:--|[―—–])[^\S\n]+$")
_PAREN_BEFORE = re.compile(r"[ \t]*\([^()\n]{1,40}\)$")
# "Said Ellis: “...”", "Adds Lopez, “...”": a sentence opening with the cue, then the name
_INVERTED = re.compile(
    r"(?:^|(?<=[.!?])[\"”’)]*[ \t]+|\n)(?P<cue>[A-Z][a-z]+) (?P<name>[A-Z][\w.'’\-]*"
    r"(?: [A-Z][\w.'’\-]*){0,3})[ \t]*[,:][ \t]*(?=[\"“])"
)


def colon_leads(ctx: Context) -> list[Attribution]:
    """Transcript lines ("PENCE: ...") and headline lead-ins ("Pence: ...") as attributions."""
    found = []
    for m in _PARA.finditer(ctx.text):
        para = m.group()
        t = _TRANSCRIPT.match(para)
        h = None if t else _HEADLINE.match(para) or _AFFILIATED.match(para) or _listed(
            ctx, m.start(), _LISTED.match(para))
        if t or h:
            found.append((m, t, h))
    turns = sum(1 for _m, t, _h in found if t is not None)
    out = []
    for m, t, h in found:
        attr = _colon_lead(ctx, m, t or h, h is not None, turns)
        if attr is not None:
            out.append(attr)
    return out


def _listed(ctx: Context, at: int, match: re.Match | None) -> re.Match | None:
    """A list item's lead-in ("- Rovers boss Tom Reed: “...”") when its name is a person's."""
    if match is None:
        return None
    span = ctx.doc.char_span(at + match.start(1), at + match.end(1), alignment_mode="expand")
    return match if span is not None and ctx.mentions.is_person(span[-1]) else None


def _colon_lead(ctx: Context, para: re.Match, match: re.Match, headline: bool,
                turns: int) -> Attribution | None:
    name_a, name_b = para.start() + match.start(1), para.start() + match.end(1)
    span = ctx.doc.char_span(name_a, name_b, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    if ctx.mentions.entity_at(head) is None and ctx.mentions.is_person(span[-1]):
        head = span[-1]  # "Rovers boss Tom Reed": the parse may root the role, not the name
    if (headline or turns < 2) and ctx.mentions.entity_at(head) is None:
        # "Correction: ...", a lone "CLARIFICATION: ..." are not speakers; a transcript
        # has several turns, or names someone the article knows
        return None
    at = match.group().rfind(":")  # after the name and who they speak for
    if at < 0:  # a list item with no colon: its mark is the cue
        at = len(match.group()) - len(match.group().lstrip(" \t"))
    colon = para.start() + at
    between = ctx.doc.char_span(name_b, colon, alignment_mode="expand") if (
        colon > name_b) else None
    if between is not None and any(t.tag_ in ("VBD", "VBZ", "VBP") for t in between):
        return None  # "Jo Roe, asked about it, replied:": a clause whose verb is the cue
    a, b = trim(ctx.text, para.start() + match.end(), para.end())
    b = _quotations_end(ctx, a, b)
    if b - a < 3:
        return None
    rule = "headline_lead" if headline else "transcript_turn"
    attr = make(rule, (ctx.text[colon], colon, colon + 1), head, (a, b), head.i)
    attr.speaker_override = (name_a, name_b)
    return attr


def _quotations_end(ctx: Context, a: int, b: int) -> int:
    """Where the lead-in's content ``a..b`` ends: after the quotations that open it and run
    on ("- Rovers boss Tom Reed: “A.” “B.” Rovers: Day, Cole ..." ends after “B.”), else
    ``b``."""
    end = a
    for qs, qe in ctx.quotes:
        if qs >= b or qe > b:
            break
        if qs >= end and not ctx.text[end:qs].strip():
            end = qe
    return end if end > a else b


def inverted_leads(ctx: Context) -> list[Attribution]:
    """Bare attributions of sentences that open with the reporting verb and the speaker's
    name before a quotation ("Said Ellis: “...”"); the quotation is attached later."""
    out = []
    lexicon = cue_lexicon()
    for m in _INVERTED.finditer(ctx.text):
        verb = ctx.doc.char_span(m.start("cue"), m.end("cue"))
        name = ctx.doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if verb is None or name is None or len(name) == 0:
            continue
        tok = verb[0]
        word = tok.lower_
        # the tagger often reads the capitalised verb as a name: strip its ending instead
        lemmas = (tok.lemma_.lower(), word[:-1], word[:-2], "say" if word == "said" else "")
        cue = next((lexicon[(w, "VERB")] for w in lemmas if (w, "VERB") in lexicon), None)
        if cue is None or not frame(cue.frame).inverted or not word.endswith(("s", "d")):
            continue
        head = name.root
        if head.pos_ not in ("PROPN", "NOUN", "ADJ") or head.ent_type_ in ("DATE", "TIME"):
            continue
        attr = bare((cue.lemma, tok.idx, tok.idx + len(tok)), head, tok.i, "inverted_cue")
        attr.speaker_override = (name.start_char, name.end_char)
        out.append(attr)
    return out


def dash_before(ctx: Context, qs: int, qe: int) -> Attribution | None:
    """"... including Mitt Romney -- “It is disqualifying ...” -- and ...": a person's name
    (perhaps with a parenthesis: "Ann Lee (R-Ohio) —"), a spaced dash, then the quotation
    ``qs..qe``: the name is the speaker."""
    m = _DASH_BEFORE.search(ctx.text, max(0, qs - 6), qs)
    if m is None or m.start() == 0:
        return None
    end = m.start()
    paren = _PAREN_BEFORE.search(ctx.text, max(0, end - 42), end)
    if paren is not None:
        end = paren.start()  # "Sen. Ann Lee (R-Ohio) — “...”": the name before the parenthesis
    span = ctx.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    name = span[-1]
    if name.pos_ != "PROPN" or not ctx.mentions.is_person(name):
        return None
    attr = make("quotation_dash", ("―", m.start(), m.end()), name, (qs, qe), name.i)
    attr.quotes.append((qs, qe))
    return attr


def dash_lead(ctx: Context, qs: int, qe: int) -> Attribution | None:
    """"“...” ― Name": the name after a dash that follows the quotation ``qs..qe``."""
    text, doc = ctx.text, ctx.doc
    dash = _DASH.match(text, qe) if qe < len(text) else None
    if dash is None:
        return None
    span = doc.char_span(dash.end(), paragraph_of(text, dash.end())[1], alignment_mode="expand")
    words = [t for t in span if not t.is_space] if span is not None else []
    head = _dash_name(ctx, words)
    if head is None:
        return None
    attr = make("quotation_dash", ("―", dash.start(), dash.end()), head, (qs, qe), head.i)
    attr.quotes.append((qs, qe))
    return attr


#: How many words after the dash may come before the name ("― the Ohio teachers' union").
_DASH_NAME_REACH = 4


def _dash_name(ctx: Context, words: list[Token]) -> Token | None:
    """The speaker named after "“...” ―": the first name the article knows among the words
    before a comma (past a title or article: "― Sen. Maria Lopez", "― the Ohio Education
    Association"), else a leading name or noun."""
    for tok in words[:_DASH_NAME_REACH]:
        if tok.text == "," or tok.is_punct and tok.text != ".":
            break
        mention = ctx.mentions.at(tok)
        if mention is not None:
            return ctx.doc[mention.start : mention.end].root
    if words and words[0].pos_ in ("PROPN", "NOUN"):
        return words[0]
    return None


@dataclass(frozen=True)
class HeadlineSource:
    """Who a headline's quotation reports, where its content starts, and the cue."""

    speaker: Token
    content_start: int
    cue: tuple[str, int, int]


def headline_quotation(ctx: Context, qs: int, qe: int) -> Attribution | None:
    """"Mayors Slam Plan As A ‘Giveaway.’", "A warning from Jo Roe: ‘Act now.’": a quotation
    in the headline reports the headline's subject (the name before its colon, else the
    subject of its verb); the rest of the headline is the content."""
    title = title_line(ctx.text)
    if title is None or not (title[0] <= qs and qe <= title[1]):
        return None
    span = ctx.doc.char_span(title[0], title[1], alignment_mode="expand")
    if span is None:
        return None
    colon = ctx.text.find(":", title[0], qs)
    source = _name_before_colon(ctx, span, colon) if colon >= 0 else _subject_before(span, qs)
    if source is None or source.speaker.pos_ not in ("PROPN", "NOUN"):
        return None
    a, b = trim(ctx.text, source.content_start, title[1])
    if b - a < 3:
        return None
    attr = make("headline_quotation", source.cue, source.speaker, (a, b), source.speaker.i)
    attr.quotes.append((qs, qe))
    return attr


def _name_before_colon(ctx: Context, span: Span, colon: int) -> HeadlineSource | None:
    """"A warning from Jo Roe: ‘...’": the last name the article knows before the colon."""
    names = [t for t in span if t.idx < colon and t.pos_ == "PROPN"
             and ctx.mentions.entity_at(t) is not None]
    return HeadlineSource(names[-1], colon + 1, (":", colon, colon + 1)) if names else None


def _subject_before(span: Span, qs: int) -> HeadlineSource | None:
    """The subject before the quotation and the word it governs (title case often defeats
    the tagger: "Lawmakers Rip Plan" is read as nouns, but "Lawmakers" is still the
    subject; else the headline's first noun)."""
    speaker = next((t for t in span if t.dep_ == "nsubj" and t.idx < qs), None) or next(
        (t for t in span if t.pos_ in ("PROPN", "NOUN") and t.idx < qs), None)
    if speaker is None or speaker.head.i <= speaker.i:
        return None
    verb = speaker.head
    start = speaker.right_edge.idx + len(speaker.right_edge)
    if verb.idx > qs or start > qs:
        return None  # no word between the subject and the quotation to report it
    return HeadlineSource(speaker, start, (verb.lemma_.lower(), verb.idx, verb.idx + len(verb)))
