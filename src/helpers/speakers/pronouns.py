"""Personal pronouns: the most salient compatible antecedent.

"he"/"she"/"it" (:func:`personal`) go to the entity mention, within ``PRONOUN_WINDOW``
sentences back, with the best salience: recency (-1 per sentence), subject role, having
spoken, being the last speaker, the same pronoun chain ("she says ... she yells"), and being
the subject of the clause the pronoun's clause depends on ("X did Y after he said").
Number, gender and kind (a person, a thing) must agree; no one named inside the content
being attributed or as an argument of the pronoun's own clause can be it ("He said Moreau
hopes ...", "Campaigning against Moreau, he said"). A definite common-noun subject of the
sentence before ("the report", "the president") competes with the entities; with no
candidate a "he"/"she" continues the last speaker. "they" is :mod:`.plural`, "who"/"which"
:mod:`.relatives`; "I" is the signed author (op-eds, letters).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import descriptions, first_names, pronouns, word_set
from .mentions import SECTION_GAP, Mention
from .names import knighted, namesake, with_conjuncts
from .plural import governing_subject, plural
from .relatives import relative
from .state import Query, Resolution

#: How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 4
#: Salience weights for pronoun antecedents (recency is -1 per sentence back).
W_SUBJECT = 1.0
W_SAME_SENTENCE_OBJECT = -0.5
W_SPOKEN = 1.0
W_LAST_SPEAKER = 0.5
W_SAME_PRONOUN_CHAIN = 1.0
#: The subject of the clause the pronoun's clause depends on ("X did Y after he said ...").
W_GOVERNING_SUBJECT = 2.0

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})

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
    if pron["kind"] == "first" and head.lower_ == "i":
        author = _author(q, head)
        if author is not None:
            return Resolution(*here, *author, "pronoun")
    if pron["kind"] in ("first", "second"):
        return Resolution(*here, kind="unresolved")
    found = personal(q, head, pron)
    if found is None:
        return Resolution(*here, kind="unresolved")
    return Resolution(*here, found[0], found[1], "pronoun")


def _author(q: Query, tok: Token) -> tuple[str, str] | None:
    """Who "I" is in first-person narration (op-eds, letters): the signature paragraph
    after it ("Jane Doe."), else the closing author note ("Jane Doe is a professor
    ..."), else the byline ("By Jane Doe") at the top. None when the article has none."""
    pos = q.mentions.before(tok.i)
    after = next((k for k in q.mentions.signed if k >= pos), None)
    if after is not None:
        return q.mentions[after].record
    note = q.mentions.author_note
    return q.mentions[note].record if note is not None else None


def personal(q: Query, tok: Token, pron: dict[str, str]) -> Found | None:
    """A personal pronoun's referent; a "he"/"she" moves the pronoun chain on."""
    kind, gender, number = pron["kind"], pron["gender"], pron["number"]
    if kind == "any":
        return plural(q, tok)
    found = _antecedent(q, tok, kind, gender, number)
    if found is not None and gender:
        q.discourse = q.discourse.with_pronoun(gender, found[1])
    return found


def _antecedent(q: Query, tok: Token, kind: str, gender: str, number: str) -> Found | None:
    mentions = q.mentions
    verb = tok.head if tok.dep_ in _SUBJECT_DEPS else None
    governor = governing_subject(q, tok) if verb is not None else None
    blocked = _blocked(q, tok, verb, governor)
    best = _best_mention(q, tok, kind, gender, blocked, governor)
    noun = _subject_noun(q, tok, blocked, person=kind == "person") if kind in (
        "thing", "person") else None
    if noun is not None and (best is None or noun[0] > best[0]) and (
        kind == "thing" or noun[1][1] is not None and _gender_fits(q, noun[1][1], gender)
    ):
        # "The ad then references ... It also mentions", "In defeat, the president appeared
        # cowed. Campaigning ..., he": a definite subject just before stands for its referent
        return noun[1]
    if best is not None:
        near = namesake(mentions, best[1], gender or None)
        if near is None:
            near = knighted(mentions, best[1])
        return mentions[best[1] if near is None else near].record
    if kind == "person":
        return _last_speaker(q, tok, gender, number)
    return None


def _gender_fits(q: Query, entity_id: str | None, gender: str) -> bool:
    g = q.mentions.gender.get(entity_id or "")
    return not (g and gender and g != gender)


def _blocked(q: Query, tok: Token, verb: Token | None, governor: int | None) -> set[str]:
    """Entity ids the pronoun cannot be: named inside the content being attributed ("He
    said Moreau hopes ...", “... Moreau had a band ...,” he said), or arguments of the
    pronoun's own clause ("Campaigning against Moreau, he said")."""
    mentions = q.mentions
    blocked = mentions.eids_between(*q.content) if q.content is not None else set()
    if verb is None:
        return blocked
    sent_now = mentions.sent_of(tok.i)
    for k in range(mentions.before(tok.i) - 1, -1, -1):
        if mentions.sent_of(mentions[k].start) != sent_now:
            break
        if k != governor and _clause_mate(q, mentions[k], verb):
            blocked.add(mentions[k].entity_id)
    return blocked


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


def _best_mention(q: Query, tok: Token, kind: str, gender: str, blocked: set[str],
                  governor: int | None) -> tuple[float, int] | None:
    """(salience, mention) of the best compatible entity mentioned before ``tok``: each
    entity is judged at its latest mention within ``PRONOUN_WINDOW`` sentences."""
    mentions = q.mentions
    sent_now = mentions.sent_of(tok.i)
    governor_eid = mentions[governor].entity_id if governor is not None else None
    best: tuple[float, int] | None = None
    seen: set[str] = set()
    for k in range(mentions.before(tok.i) - 1, -1, -1):
        m = mentions[k]
        if m.end > tok.i:
            continue
        dist = sent_now - mentions.sent_of(m.start)
        if dist > PRONOUN_WINDOW:
            break
        if m.entity_id in seen or m.entity_id in blocked:
            continue
        seen.add(m.entity_id)
        if not _compatible(q, m, kind, gender):
            continue
        score = _salience(q, m, dist, gender, governor_eid)
        if best is None or score > best[0]:
            best = (score, k)
    return best


def _compatible(q: Query, m: Mention, kind: str, gender: str) -> bool:
    """Can mention ``m`` be a pronoun of ``kind`` ("person" | "thing") and ``gender``?"""
    if kind == "person":
        spoken = q.discourse.spoken.get(m.entity_id, 0)
        if m.label != "PERSON" and not (spoken and looks_personal(str(m.canonical or m.surface))):
            return False
        if m.label == "PERSON" and _described_as_outlet(m):
            return False  # "Czech newspaper Daily Sport" tagged as a person: not a "he"
        return _gender_fits(q, m.entity_id, gender)
    if kind == "thing":
        return _can_be_it(q, m)
    return True


def _can_be_it(q: Query, m: Mention) -> bool:
    if m.label not in _THING_LABELS:
        return False
    root = q.mentions.doc[m.start : m.end].root
    if m.label == "NORP" and (root.tag_ in ("JJ", "NNS", "NNPS")
                              or root.dep_ in ("amod", "compound")):
        return False  # "the Republican nominee", "Democrats": not an "it"
    # "U.S. senator", "the Vance campaign": a modifier, not an "it"
    return not (root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"
                and root.head.i >= m.end)


def _described_as_outlet(m: Mention) -> bool:
    """Is PERSON mention ``m`` described only as a news outlet ("newspaper X")?"""
    kinds = {descriptions()[w]["kind"] for w in m.words if w in descriptions()}
    return "media" in kinds and "person" not in kinds


def _salience(q: Query, m: Mention, dist: int, gender: str, governor_eid: str | None) -> float:
    discourse = q.discourse
    root = q.mentions.doc[m.start : m.end].root
    score = -float(dist)
    if root.dep_ in _SUBJECT_DEPS:
        score += W_SUBJECT
    if dist == 0 and root.dep_ not in _SUBJECT_DEPS:
        score += W_SAME_SENTENCE_OBJECT
    if discourse.spoken.get(m.entity_id, 0):
        score += W_SPOKEN
    if discourse.last_speaker is not None and discourse.last_speaker.entity_id == m.entity_id:
        score += W_LAST_SPEAKER
    if gender and discourse.last_by_gender.get(gender) == m.entity_id:
        score += W_SAME_PRONOUN_CHAIN  # "she says ... she yells": one referent
    if governor_eid is not None and governor_eid == m.entity_id:
        score += W_GOVERNING_SUBJECT
    return score


def _last_speaker(q: Query, tok: Token, gender: str, number: str) -> Found | None:
    """No candidate: a singular "he"/"she" continues the last speaker, if a person of that
    gender, in the same section."""
    last = q.discourse.last_speaker
    if last is None or q.mentions.sent_of(tok.i) - q.mentions.sent_of(last.head_i) >= SECTION_GAP:
        return None
    personal = last.label == "PERSON" or (
        last.entity_id is not None and last.canonical is not None
        and looks_personal(last.canonical)
    )
    if personal and _gender_fits(q, last.entity_id, gender) and number != "pl":
        return last.canonical, last.entity_id
    return None


def _subject_noun(q: Query, tok: Token, blocked: set[str], person: bool = False
                  ) -> tuple[float, Found] | None:
    """The main-clause subject of the sentence before, when a singular common noun ("the
    report", "Harold Vance's campaign"), scored like an entity
    (recency plus subject role), with who it resolves to (else the phrase as written)."""
    mentions = q.mentions
    sent_now = mentions.sent_of(tok.i)
    inside = q.content or (0, 0)
    i = tok.i - 1
    while i >= 0 and sent_now - mentions.sent_of(i) <= 1:
        t = mentions.doc[i]
        i -= 1
        if not _main_definite_subject(q, t, sent_now, person) or inside[0] <= t.idx < inside[1]:
            continue
        res = q.resolve(t)
        if res.entity_id in blocked:
            continue
        canonical = res.canonical
        if canonical is None:
            a, b = mentions.mention_span(t)
            canonical = mentions.text[a:b]
        score = -float(sent_now - mentions.sent_of(t.i)) + W_SUBJECT
        return score, (canonical, res.entity_id)
    return None


def _main_definite_subject(q: Query, t: Token, sent_now: int, person: bool) -> bool:
    """Is ``t`` the main subject of the sentence before, a definite singular common noun
    ("the ad", not "intense wrangling") of the right kind ("the president" for "he", "the
    report" for "it")?"""
    if t.dep_ not in _SUBJECT_DEPS or t.tag_ != "NN" or q.mentions.entity_at(t) is not None:
        return False
    if q.mentions.sent_of(t.i) == sent_now or t.head.dep_ != "ROOT":
        return False
    if not any(c.dep_ == "poss" or c.lower_ in word_set("definite") for c in t.children):
        return False
    d = descriptions().get(t.lemma_.lower())
    return person == (d is not None and d["kind"] == "person")


def looks_personal(name: str) -> bool:
    """A mislabelled person ("Keller" as GPE): a name that starts with a given name."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in first_names()
