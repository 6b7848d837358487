"""Attaching quotations: each quoted passage joins the attribution next to it, or starts one.

For each quotation in text order the strategies of ``ATTACHMENTS`` are tried in order; the
first that takes it wins:

1. ``speech_tag``: the speech tag read right after it (:mod:`.tags`: "“...,” she fumed");
2. ``cue_after``: a cue right after it ("“...,” he said", "“...,” said X"), unless the
   quotation ends a sentence before a new one or follows a preposition (a title), or the
   cue introduces the next quotation after its colon ("“A.” The statement continued: “B.”");
3. ``dash_after``: "“...” ― Name";
4. ``cue_before``: a cue right before it (He said, “...” / X said: “...” / "asking her,
   “...”"), or a cue it goes on after ("“A,” X told Y on Wednesday, “but B ...”");
5. ``overlapping_content``: the reported clause the parse put around or inside it;
6. ``headline``: a quotation in the article's headline reports the headline's subject
   ("Mayors Slam Plan As A ‘Giveaway.’", :func:`.leads.headline_quotation`);
7. ``introducing_verb``: any verb (or colon) right before it whose subject can speak
   ("Protesters chanted “...”", "Lee was defiant: “...”": :mod:`.intro`);
8. ``dash``: "Name -- “...”";
9. ``continuation``: a quoted sentence with no cue of its own continues the previous speaker
   ("“A,” he said. “B.”"), as does a quoted paragraph after the speaker's quotation;
   ``after_report``: a quoted paragraph after a paragraph ending in someone's indirect
   report ("Lee said the plan would fail." / "“It cannot work.”") is that speaker's;
10. ``tagged_next``: a quoted sentence right before another quotation goes with the speech
    tag after that one ('"A. "B," she said.': a quotation flattened from paragraphs).

What is left (scare quotes, titles) is no attribution. A quotation attached to a bare cue
becomes its content (rule ``quotation_at_cue``); attached to a clause it extends it (a mixed
quote).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .bounds import ABBREV_END, paragraph_of, sentence_end, sentence_start
from .gaps import (
    GAP_AFTER,
    GAP_BEFORE,
    GAP_COLON,
    GAP_SPLIT,
    GAP_TAIL,
    addressee,
    after_preposition,
    lead_in,
    plain_quotation,
    report_before,
    tail_end,
    title_words,
)
from .intro import introducing_verb
from .leads import dash_before, dash_lead, headline_quotation
from .marks import inner
from .records import Attribution, Context, make

_BETWEEN = re.compile(r"^[\s,]+(?P<np>[^,;:.!?\"“”]{1,80}?)(?:,[^,;:!?\"“”]{0,80},)?\s*$")
#: Forms of cue that take a quotation right after them ("He said, “...”", "X said: “...”").
_TAKE_AFTER = ("bare", "ccomp", "dobj", "colon")


@dataclass
class Quotation:
    """One quoted passage, ``qs..qe`` including its marks; ``n``: its position."""

    n: int
    qs: int
    qe: int
    inner: str


@dataclass
class Attaching:
    """The attachment pass over one document: the attributions found so far, and the one
    the last quotation went to (``prev``, whose sentence ends at ``prev_end``)."""

    ctx: Context
    attrs: list[Attribution]
    by_cue: list[Attribution]
    prev: Attribution | None = None
    prev_end: int = -1
    new: list[Attribution] = field(default_factory=list)

    def join(self, owner: Attribution, q: Quotation, after: bool) -> None:
        """Attach quotation ``q`` to ``owner`` (``after``: the cue follows it)."""
        text = self.ctx.text
        if not after:
            _speaker_between(self.ctx, owner, q.qe)
        owner.quotes.append((q.qs, q.qe))
        if after and owner.form != "bare" and owner.content_start < q.qs and len(
            owner.quotes
        ) == 1 and not lead_in(text, owner.content_start, q.qs):
            owner.become("bare_cue")  # "“...,” he said": the quotation is the content
        if owner.form == "bare":
            owner.become(owner.on_quotation)
            owner.content_start, owner.content_end = q.qs, q.qe
            lead = sentence_start(text, q.qs)
            if after and len(owner.quotes) == 1 and lead_in(text, lead, q.qs):
                # "The four “loopholes” he cited are “...,” The Hill reported."
                owner.content_start = lead
        else:
            owner.content_start = min(owner.content_start, q.qs)
            owner.content_end = max(owner.content_end, q.qe)
        self.prev, self.prev_end = owner, tail_end(text, owner)
        if not after and owner.content_end == q.qe and _quoted_sentence(q.inner):
            # "X noted: “A.” “B.”": a quotation ending its own sentence ends the
            # attribution's, so one right after it goes on
            self.prev_end = q.qe

    def start(self, attr: Attribution | None, q: Quotation) -> bool:
        """A new attribution made for quotation ``q`` (False when there is none)."""
        if attr is None:
            return False
        self.new.append(attr)
        end = q.qe if _quoted_sentence(q.inner) else sentence_end(self.ctx.text, q.qe)
        self.prev, self.prev_end = attr, end
        return True


def attach(ctx: Context, attrs: list[Attribution]) -> list[Attribution]:
    """Merge the quotations into the attributions next to them; returns new attributions."""
    if not ctx.quotes:
        return []
    st = Attaching(ctx, attrs, sorted(attrs, key=lambda a: a.cue_start))
    for n, (qs, qe) in enumerate(ctx.quotes):
        q = Quotation(n, qs, qe, inner(ctx.text, qs, qe))
        for _name, strategy in ATTACHMENTS:
            if strategy(st, q):
                break
    return st.new


# --- strategies, in order -------------------------------------------------------------------------

Strategy = Callable[[Attaching, Quotation], bool]


def _speech_tag(st: Attaching, q: Quotation) -> bool:
    """"“...,” she fumed", "“...,” the official, who asked not to be named, said": the
    speech tag read after the quotation (:mod:`.tags`)."""
    tag = st.ctx.tags.get(q.qs)
    if tag is None or tag.form != "bare":
        return False
    st.join(tag, q, after=True)
    return True


def _cue_after(st: Attaching, q: Quotation) -> bool:
    """"“...,” he said" / "“...,” said X": the first cue after the quotation (with its
    speaker), if only a comma or a few title words lie between."""
    text, doc = st.ctx.text, st.ctx.doc
    for attr in st.by_cue:
        if attr.cue_start < q.qe:
            continue
        spk = attr.speaker_tok
        first = attr.cue_start
        if spk is not None and attr.speaker_override is None:
            first = min(first, st.ctx.mentions.mention_span(spk)[0])
        if first < q.qe:
            continue
        if attr.form != "bare" and (after_preposition(doc, q.qs) or _ends_sentence(q.inner) or (
            attr.form == "ccomp" and q.inner.rstrip().endswith(("?", "!"))
        )):
            # "On “Meet the Press,” X said the bill ...": a title, X's words follow;
            # "... “without delay.” Clinton plans to ...", "“... now?” X said he ...": a new
            # sentence, whose cue reports a clause of its own
            return False
        if attr.form == "bare" and _ends_sentence(q.inner) and GAP_TAIL.match(
            text[attr.cue_end : _next_quotation(st, q)]
        ):
            # "“A.” Lee, a lawyer, added: “B.”": a new sentence whose cue introduces the
            # quotation after its colon
            return False
        gap = text[q.qe : first]
        if "\n" not in gap and (GAP_AFTER.match(gap) or (
            attr.form == "bare" and spk is not None and spk.idx >= q.qe
            and title_words(doc, q.qe, first)
        )):
            st.join(attr, q, after=True)
            return True
        return False
    return False


def _ends_sentence(inner: str) -> bool:
    """Does the quoted text end its sentence ("... without delay.")?"""
    inner = inner.rstrip()
    return inner.endswith(".") and not inner.endswith("..") and not ABBREV_END.search(inner[:-1])


def _next_quotation(st: Attaching, q: Quotation) -> int:
    """Where the quotation after ``q`` starts (the text's end if there is none)."""
    quotes = st.ctx.quotes
    return quotes[q.n + 1][0] if q.n + 1 < len(quotes) else len(st.ctx.text)


def _cue_before(st: Attaching, q: Quotation) -> bool:
    """He said, “...” / X said: “...” / "asking her, “...”": the last cue (with its speaker)
    before the quotation, if only a comma or colon lies between."""
    text, mentions = st.ctx.text, st.ctx.mentions
    for attr in reversed(st.by_cue):
        if attr.cue_end > q.qs:
            continue
        last = attr.cue_end
        if attr.speaker_tok is not None and attr.speaker_override is None:
            last = max(last, mentions.mention_span(attr.speaker_tok)[1])
        if last > q.qs:
            continue
        if _answered_by_clause(st.ctx, attr, q.qs):
            return False
        owner = _owner_before(text, attr, text[last : q.qs], q)
        if owner is not None:
            st.join(owner, q, after=False)
            return True
        return False
    return False


def _owner_before(text: str, attr: Attribution, gap: str, q: Quotation) -> Attribution | None:
    tail = text[attr.cue_end : q.qs]
    if attr.form == "direct" and attr.quotes and attr.quotes[-1][1] <= attr.cue_start and (
        GAP_SPLIT.match(tail)
    ):
        return attr  # "“A,” she fumed, “B”", "“A,” he said, but “B”": a split quotation
    if GAP_BEFORE.match(gap) or GAP_COLON.match(gap) or (
        (attr.form == "bare" or q.qs < attr.content_start < q.qe) and GAP_TAIL.match(tail)
    ):
        # "X told Mr Lee: “...”": the hearer between a cue and its quotation (the parse
        # found the cue's reported clause inside the quotation, or none)
        return attr if attr.form in _TAKE_AFTER or ":" in gap else None
    if addressee(text, attr, q.qs):
        # "before asking her, “...”": the object is who was addressed; the quotation is
        # what was said
        attr.become("bare_cue")
        return attr
    if attr.quotes and attr.quotes[-1][1] <= attr.cue_start and (
        GAP_TAIL.match(tail) and q.inner[:1].islower()
    ):
        # "“A,” Schiff told Capital Download on Wednesday, “but B ...”": the quotation goes
        # on after the cue and its hearer
        return attr
    return None


def _answered_by_clause(ctx: Context, attr: Attribution, qs: int) -> bool:
    """"Asked about the polls, Lee was defiant: “...”": a bare cue with no speaker (a
    participle) is followed by a clause with a subject of its own before the quotation --
    that clause introduces it, not the participle."""
    if attr.form != "bare" or attr.speaker_tok is not None:
        return False
    span = ctx.doc.char_span(attr.cue_end, qs, alignment_mode="contract")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in span)


def _overlapping_content(st: Attaching, q: Quotation) -> bool:
    """The reported clause overlaps the quotation (the parse put the clause inside it); a
    transcript line inside a longer quotation stays one line."""
    for attr in st.attrs:
        if attr.cue == ":" and (q.qe - q.qs) > (attr.content_end - attr.content_start) + 3:
            continue
        if attr.content_start >= 0 and attr.content_start < q.qe and attr.content_end > q.qs:
            st.join(attr, q, after=False)
            return True
    return False


def _headline(st: Attaching, q: Quotation) -> bool:
    """"Mayors Slam Plan As A ‘Giveaway.’": a quotation in the headline reports its subject."""
    return st.start(headline_quotation(st.ctx, q.qs, q.qe), q)


def _introducing_verb(st: Attaching, q: Quotation) -> bool:
    """"Protesters chanted “...”", "the piece used one of her quotes as its headline:
    “...”": a verb (or a colon) right before the quotation whose subject can speak."""
    return st.start(introducing_verb(st.ctx, q.qs, q.qe), q)


def _dash_after(st: Attaching, q: Quotation) -> bool:
    """"“...” ― Name": the name after the dash beats a cue before the quotation (a list of
    quotations after "Here is what they said:")."""
    return st.start(dash_lead(st.ctx, q.qs, q.qe), q)


def _dash(st: Attaching, q: Quotation) -> bool:
    """"Name -- “...”"."""
    return st.start(dash_before(st.ctx, q.qs, q.qe), q)


def _continuation(st: Attaching, q: Quotation) -> bool:
    """A quoted sentence continuing the previous speaker ("A," he said. "B." or "...,
    Schiff said. "B.""), or a quoted paragraph after that speaker's quotation."""
    short = len(q.inner.split()) < 3
    if short and not _quoted_sentence(q.inner):
        return False  # a scare-quoted word or two, not running speech
    text = st.ctx.text
    for attr in st.attrs if not _prev_sentence_ends_here(st, q) else ():
        if attr.form == "bare" or attr.content_end > q.qs or attr is st.prev:
            continue
        tail = tail_end(text, attr)
        if tail <= q.qs and not text[tail : q.qs].strip() and "\n" not in text[tail : q.qs]:
            st.prev, st.prev_end = attr, tail
            break
    prev = st.prev
    if prev is None:
        return False
    gap = text[st.prev_end : q.qs]
    if st.prev_end <= q.qs and not gap.strip() and "\n" not in gap:
        prev.quotes.append((q.qs, q.qe))
        prev.content_end = max(prev.content_end, q.qe)
        # a quotation ending its own sentence ('"B."') ends it: a third one may follow
        st.prev_end = q.qe if _quoted_sentence(q.inner) else sentence_end(text, q.qe)
        return True
    if short or not _continued_paragraph(st, prev, q):
        return False
    return _start_inherited(st, "quotation_continued", prev, q)


def _after_report(st: Attaching, q: Quotation) -> bool:
    """A quoted paragraph right after a paragraph that ends with someone's indirect report
    ("Lee said the plan would fail." / "“It cannot work. Nobody asked us.”") goes on in that
    speaker's own words: the writer paraphrases, then quotes."""
    text = st.ctx.text
    para_a, para_b = paragraph_of(text, q.qs)
    if q.qs - para_a > 1 or len(q.inner.split()) < 4 or not plain_quotation(text, q.qs, q.qe):
        return False
    if not (q.qe >= para_b - 2 or _quoted_sentence(q.inner)):
        return False  # "“A,” said B, ...": a quotation with words of its own after it
    report = report_before(st.ctx.doc, text, st.attrs, para_a)
    if report is None:
        return False
    return _start_inherited(st, "quotation_after_report", report, q)


def _start_inherited(st: Attaching, rule: str, source: Attribution, q: Quotation) -> bool:
    """Start an attribution of ``q`` by ``rule`` that carries on ``source``'s cue and speaker."""
    attr = make(rule, (source.cue, source.cue_start, source.cue_end), source.speaker_tok,
                (q.qs, q.qe), source.cue_i)
    attr.inherited = source
    attr.quotes.append((q.qs, q.qe))
    return st.start(attr, q)


def _prev_sentence_ends_here(st: Attaching, q: Quotation) -> bool:
    """Does the sentence of the last quotation's attribution end right before ``q``? Then
    ``q`` continues that speaker, not an act inside the speech tag ("“A,” said Lee,
    speaking of the bill. “B.”", "“A,” said Lee, who has backed the bill. “B.”")."""
    gap = st.ctx.text[st.prev_end : q.qs] if st.prev is not None else "x"
    return st.prev_end <= q.qs and not gap.strip() and "\n" not in gap


def _quoted_sentence(inner: str) -> bool:
    """Is the quoted text a sentence of its own ("We lost.", "Never!"): a capital first,
    an end mark last?"""
    inner = inner.strip()
    return inner[:1].isupper() and inner.endswith((".", "!", "?"))


def _continued_paragraph(st: Attaching, prev: Attribution, q: Quotation) -> bool:
    """Does quotation ``q`` fill its paragraph (or is followed only by another quotation:
    paragraphs of one quotation flattened onto one line, “A.” “B.”) right after ``prev``'s
    quotation, reading as running speech?"""
    text = st.ctx.text
    para_a, para_b = paragraph_of(text, q.qs)
    before = text[st.prev_end : para_a]
    whole = text[para_a:para_b].strip()
    quotes = st.ctx.quotes
    nxt = quotes[q.n + 1][0] if q.n + 1 < len(quotes) else para_b
    alone = q.qe >= para_b - 2 or (nxt < para_b and not text[q.qe : nxt].strip())
    # or a quoted sentence opening the paragraph, the writer's words after it ("“We lost.”
    # The vote was close.": paragraphs flattened onto one line)
    alone = alone or _quoted_sentence(q.inner)
    if not (q.qs - para_a <= 1 and alone and not before.strip(" \n.") and len(whole) > 0):
        return False
    if not plain_quotation(text, q.qs, q.qe):
        return False  # "'All Bets Are Off.'": a title-case subheading, not running speech
    return prev.form in ("direct", "continued") or bool(
        prev.quotes and prev.content_start >= prev.quotes[0][0]
        and prev.content_end <= prev.quotes[-1][1]
    )


def _tagged_next(st: Attaching, q: Quotation) -> bool:
    """'"A. "B," she said.': a quoted sentence right before another quotation (a quotation
    flattened from several paragraphs) goes with the speech tag after the next one."""
    quotes = st.ctx.quotes
    # (a first part that lost its closing mark when the quotation was split is read whole)
    if q.n + 1 >= len(quotes) or not (
        _quoted_sentence(q.inner) or _quoted_sentence(st.ctx.text[q.qs + 1 : q.qe])
    ):
        return False
    nxt = quotes[q.n + 1][0]
    text = st.ctx.text
    lead = text[paragraph_of(text, q.qs)[0] : q.qs].rstrip()
    if lead and lead[-1] not in ".!?\"”":
        return False  # "X was asked: “...?”": the words before introduce it
    gap = text[q.qe : nxt]
    tag = st.ctx.tags.get(nxt)
    if gap.strip() or "\n" in gap or tag is None or tag.form != "bare":
        return False
    st.join(tag, q, after=True)
    return True


#: How a quotation finds its attribution, in order (the first that takes it wins).
ATTACHMENTS: tuple[tuple[str, Strategy], ...] = (
    ("speech_tag", _speech_tag),
    ("cue_after", _cue_after),
    ("dash_after", _dash_after),
    ("cue_before", _cue_before),
    ("overlapping_content", _overlapping_content),
    ("headline", _headline),
    ("introducing_verb", _introducing_verb),
    ("dash", _dash),
    ("continuation", _continuation),
    ("after_report", _after_report),
    ("tagged_next", _tagged_next),
)


# --- helpers ------------------------------------------------------------------------------------


def _speaker_between(ctx: Context, owner: Attribution, qe: int) -> None:
    """“...,” Flynn, a surrogate, said on Fox: when the parser took a noun after the cue
    for its subject, the name between the quotation and the cue is the speaker."""
    spk = owner.speaker_tok
    if spk is None or owner.cue_start <= qe or spk.idx < owner.cue_start:
        return
    m = _BETWEEN.match(ctx.text[qe : owner.cue_start])
    if m is None:
        return
    span = ctx.doc.char_span(qe + m.start("np"), qe + m.end("np"), alignment_mode="contract")
    if span is None or len(span) == 0:
        return
    head = span.root
    if head.pos_ in ("PROPN", "PRON") or ctx.mentions.entity_at(head) is not None:
        owner.speaker_tok = head
