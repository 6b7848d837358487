"""Personal pronouns: the best-ranked compatible antecedent.

"he"/"she"/"it"/"they" (:func:`personal`) gather their candidates (:mod:`.candidates`: the
entities and earlier speakers before them, a subject noun phrase that stands for its
referent) and take the best-ranked one above the threshold (:mod:`.ranker`), else stay
unresolved. Kind and a known gender must agree, and no argument of the pronoun's own clause
can be it ("Campaigning against Moreau, he said"), nor of the clause it reports ("Moreau
has failed, he claimed"): grammar, filtered. "who"/"which" are
:mod:`.relatives`; "I"/"we" narrating outside any quotation are the signed author (op-eds,
letters), or "the author" when the article names none.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ..lexicons import pronouns, word_set
from . import gatherers
from .candidates import Anaphor
from .mentions import Mention
from .names import knighted, namesake, with_conjuncts
from .ranker import rank
from .relatives import relative
from .state import Query, Resolution

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_DOUBLE_MARKS = "\"“”«»"
#: a reporting verb's arguments after it: the report goes on past the pronoun's cue
_ARGUMENTS = frozenset({"dobj", "npadvmod", "attr", "ccomp", "oprd", "appos"})
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "pcomp"})
#: Who "I"/"we" narrating outside any quotation are when the article names no author.
NARRATOR = "the author"
#: pronoun kind (``data/quote_pronouns.csv``) → anaphor family, and each family's gatherer
_FAMILY = {"person": "personal", "thing": "it", "any": "they"}
_GATHER = {"personal": gatherers.personal, "it": gatherers.it, "they": gatherers.they}

Found = tuple[str | None, str | None]  # (canonical, entity id)


def each_or_both(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"Vance and Moreau clashed ..., each saying": the coordinated subject above."""
    if head.lower_ not in word_set("distributive") or head.pos_ not in ("PRON", "DET") or (
        head.dep_ not in _SUBJECT_DEPS
    ):
        return None
    for anc in head.ancestors:
        subj = next((c for c in anc.children if c.dep_ in _SUBJECT_DEPS and c.i < head.i),
                    None)
        if subj is not None:
            k = q.mentions.entity_at(subj)
            if k is not None and any(c.dep_ == "conj" for c in subj.children):
                return Resolution(*span, with_conjuncts(q.mentions, subj, k),
                                  q.mentions[k].entity_id, "pronoun")
            break
    return None


def pronoun(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A pronoun of ``data/quote_pronouns.csv``: relative, first person, or personal."""
    pron = pronouns().get(head.lower_)
    if pron is None or head.pos_ not in ("PRON", "DET"):
        return None
    here = (head.idx, head.idx + len(head))
    if pron["kind"] == "relative":
        return relative(q, head)
    if pron["kind"] == "first" and not q.mentions.quoted(head.idx):
        # first-person narration (an op-ed, a column, a letter): the author
        author = _author(q, head) or (NARRATOR, None)
        return Resolution(*here, *author, "pronoun")
    if pron["kind"] in ("first", "second"):
        return Resolution(*here, kind="unresolved")
    found = personal(q, head, pron)
    if found is None:
        return Resolution(*here, kind="unresolved")
    return Resolution(*here, found[0], found[1], "pronoun")


def _author(q: Query, tok: Token) -> tuple[str, str] | None:
    """Who "I"/"we" are in first-person narration (op-eds, letters): the signature paragraph
    after it ("Jane Doe."), else the closing author note ("Jane Doe is a professor
    ..."), else the byline ("By Jane Doe") at the top. None when the article has none."""
    pos = q.mentions.before(tok.i)
    after = next((k for k in q.mentions.signed if k >= pos), None)
    if after is not None:
        return q.mentions[after].record
    note = q.mentions.author_note
    return q.mentions[note].record if note is not None else None


def personal(q: Query, tok: Token, pron: dict[str, str]) -> Found | None:
    """A personal pronoun's referent, ranked among its candidates (:mod:`.candidates`,
    :mod:`.ranker`); a "he"/"she" moves the pronoun chain on."""
    kind, gender = pron["kind"], pron["gender"]
    family = _FAMILY.get(kind)
    if family is None:
        return None
    a = anaphor(q, tok, family, gender)
    chosen = rank(q, a, _GATHER[family](q, a))
    if chosen is None:
        return None
    found = chosen.seen.record
    k = chosen.seen.mention
    if k is not None:
        near = namesake(q.mentions, k, gender or None)
        if near is None:
            near = knighted(q.mentions, k)
        found = q.mentions[k if near is None else near].record
    if gender:
        q.discourse = q.discourse.with_pronoun(gender, found[1])
    return found


def anaphor(q: Query, tok: Token, family: str, gender: str = "") -> Anaphor:
    """The pronoun ``tok`` as an :class:`Anaphor`: who heads the clause above it, and whom
    it cannot be."""
    verb = tok.head if tok.dep_ in _SUBJECT_DEPS else None
    subjects = governing_subjects(tok) if verb is not None else []
    k = next((k for k in map(q.mentions.entity_at, subjects) if k is not None), None)
    governor = q.mentions[k].entity_id if k is not None else None
    # the nearest subject above, when no entity names it: "The committee reached its view
    # after it found ..." (a noun phrase the gatherers may take up)
    noun = subjects[0].i if subjects and q.mentions.entity_at(subjects[0]) is None else None
    blocked = _blocked(q, tok, verb, k) | _reported_names(q, tok)
    return Anaphor(tok, family, gender if gender in ("m", "f") else "", governor,
                   frozenset(blocked), governor_i=noun)


def governing_subjects(tok: Token) -> list[Token]:
    """The subjects of the clauses above the pronoun's clause, nearest first: "Tom Reed
    faced criticism after he asked ...", "Vance has been dogged by charges that he ...",
    "The committee reached its view after it found ..."."""
    found = []
    below = tok.head
    for anc in below.ancestors:
        if below.dep_ == "relcl":
            break  # "... Reed has in his hands, which he said were ...": an aside
        below = anc
        subj = next((c for c in anc.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i),
                    None)
        if subj is not None:
            found.append(subj)
    return found


def _blocked(q: Query, tok: Token, verb: Token | None, governor: int | None) -> set[str]:
    """Entity ids the pronoun cannot be: arguments of the pronoun's own clause
    ("Campaigning against Moreau, he said"). (Being named inside the content is a feature,
    not a bar: people do speak of themselves by name -- except as an argument of the
    clause the pronoun reports, :func:`_reported_names`.)"""
    mentions = q.mentions
    blocked: set[str] = set()
    if verb is None:
        return blocked
    sent_now = mentions.sent_of(tok.i)
    for k in range(mentions.before(tok.i) - 1, -1, -1):
        if mentions.sent_of(mentions[k].start) != sent_now:
            break
        if k != governor and _clause_mate(q, mentions[k], verb):
            blocked.add(mentions[k].entity_id)
    return blocked


def _reported_names(q: Query, tok: Token) -> set[str]:
    """Entity ids named as arguments of the clause the pronoun reports, outside quotation
    marks ("Mr Reed has failed, he claimed", "He insisted he trusted Mr Reed"): a
    speaker's reported words name whom they speak about, not the speaker (binding: a
    pronoun subject cannot be a name in its own verb's clausal complement). Only a clause
    that is the whole report, right after the pronoun's verb or right before the pronoun
    (", he said"); not an owner ("He says Reed's microphone failed": writers name an owner
    to be clear), nor a name deeper down ("they say X wants to destroy Acme"), nor words in
    quotation marks, which can name the speaker ("'Acme will win,' it said")."""
    if q.content is None or tok.dep_ not in _SUBJECT_DEPS:
        return set()
    mentions = q.mentions
    start, end = q.content
    # the report ends at ", he said" (and nothing it reports follows the verb: not
    # "including, he claims, X"), or starts after the pronoun ("He insisted he ...")
    before = tok.idx >= end and not mentions.text[end : tok.idx].strip(" ,") and not any(
        c.dep_ in _ARGUMENTS for c in tok.head.rights)
    if not (before or tok.idx < start):
        return set()
    found = set()
    for k in range(bisect.bisect_left(mentions.char_starts, start),
                   bisect.bisect_left(mentions.char_starts, end)):
        m = mentions[k]
        root = mentions.doc[m.start : m.end].root
        if root.dep_ != "poss" and not mentions.quoted(root.idx) and _reported_by(
            root, tok.head
        ) and not _marks_between(q, root, tok):
            found.add(m.entity_id)
    return found


def _marks_between(q: Query, a: Token, b: Token) -> bool:
    """Is there a double quotation mark between tokens ``a`` and ``b`` (a quotation the
    pronoun then attributes, whose marks the text mixed: "'... The BPI believes ...,\"
    it said")?"""
    lo, hi = sorted((a.idx, b.idx))
    return any(ch in q.mentions.text[lo:hi] for ch in _DOUBLE_MARKS)


def _reported_by(t: Token, verb: Token) -> bool:
    """Is ``t`` an argument of a clausal complement of ``verb`` ("he said [Reed failed]"):
    the first verb above it is that complement's?"""
    for a in (t, *t.ancestors):
        if a.pos_ in ("VERB", "AUX") or a.dep_ in _CLAUSES:
            return a.dep_ == "ccomp" and a.head.i == verb.i
    return False


def _clause_mate(q: Query, m: Mention, verb: Token) -> bool:
    """Is mention ``m`` an argument or adjunct of ``verb`` (the pronoun's own predicate,
    "Campaigning against Romney, he said"), not the subject or owner of a clause below
    it? Then it cannot be the pronoun's referent."""
    t = q.mentions.doc[m.start : m.end].root
    for _ in range(40):
        if t.i == verb.i:
            return True
        if t.dep_ in _SUBJECT_DEPS or t.dep_ in ("poss", "relcl", "ccomp", "conj"):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False
