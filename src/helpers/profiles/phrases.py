"""Reading one describing phrase: the role as written, the body or country it belongs to and a
nationality ("Swiss diplomat", "Chairman of the U.S. Joint Chiefs of Staff", "a spokesperson
for the U.S. State Department", "the US Secretary of State").

The grammar, from the role noun outwards (vocabulary in ``data/profile_roles.csv``):

- the **role** is the first role noun of the phrase with the role and portfolio words next to
  it ("press secretary", "chief executive", "attorney general") and a portfolio after "of"
  without a determiner ("Secretary of State", "Chief of Staff"); qualifiers ("former",
  "outgoing") are no part of it;
- before the role, a NORP mention or nationality word is the **nationality** ("Swiss",
  "Ukrainian") and a place or body mention the **affiliation** ("U.S. Secretary ...",
  "White House press secretary");
- after the role, the first capitalised noun phrase after "of", "for", "at", "with" or "from"
  is the affiliation ("for the U.S. State Department", "at Harvard University"); a lower-case
  one is skipped ("professor of economics at ...").

An affiliation that is an entity mention is named as the entity table names it (its canonical
name and ``entity_id``), else as written without its determiner.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..entities import lexicon as entity_lexicon
from ..lexicons import descriptions, parties, profile_vocabulary, role_aliases
from .records import PERSON_LABELS, Article, Finding, Mention
from .source_types import affiliation_type

#: Prepositions that introduce the body a role belongs to.
AFFILIATION_PREPOSITIONS = frozenset({"of", "for", "at", "with", "from"})
#: Labels of mentions that can be an affiliation.
AFFILIATION_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC"})
#: Words that join the parts of a name ("Chiefs of Staff", "Council on Foreign Relations").
_JOINERS = frozenset({"of", "on", "for", "and", "&"})
#: Parts of speech that end a noun phrase.
_CLAUSE = frozenset({"VERB", "AUX", "PRON", "SCONJ", "PART"})


def key(tok: Token) -> str:
    """The vocabulary key of a token: its lower-case text ("sen."), else its lemma
    ("officials" → official)."""
    vocab = profile_vocabulary()
    word = tok.lower_
    if word in vocab.roles or word in vocab.portfolios or word in vocab.qualifiers:
        return word
    return tok.lemma_.lower()


def _is_role(tok: Token) -> bool:
    """A role noun ("the general", not "the general public")."""
    return tok.pos_ in ("NOUN", "PROPN") and key(tok) in profile_vocabulary().roles


def _is_nationality(article: Article, i: int) -> Mention | None:
    """The NORP mention at token ``i``, or a GPE mention written as an adjective ("Ukrainian"
    tagged GPE)."""
    m = article.by_token.get(i)
    if m is None:
        return None
    if m.label == "NORP" or (m.label == "GPE" and article.doc[i].pos_ == "ADJ"):
        return m
    return None


def read_phrase(article: Article, start: int, end: int, rule: str) -> Finding | None:
    """The finding of the phrase ``doc[start:end]``; None when it holds no role noun."""
    doc = article.doc
    head = next((i for i in range(start, end) if _is_role(doc[i])
                 and article.label_at(i) not in PERSON_LABELS), None)
    if head is None:
        return None
    first, last = _role_span(article, head, start, end)
    words = [_spelled_out(key(doc[i]) if i == head else doc[i].lower_)
             for i in range(first, last) if key(doc[i]) not in profile_vocabulary().qualifiers]
    role_word = profile_vocabulary().roles[key(doc[head])]
    finding = Finding(
        rule=rule, at=start, role=" ".join(words) or key(doc[head]),
        role_type=role_word.source_type, by_affiliation=role_word.by_affiliation,
        gender=_role_gender(doc[first:last]),
    )
    after = _affiliation_after(article, last, end)
    if after is not None:
        finding = with_affiliation(finding, *after)
    return _modifiers(article, finding, start, first)


def with_affiliation(finding: Finding, name: str, mention: Mention | None) -> Finding:
    """``finding`` with its affiliation (an entity mention, or a name as written)."""
    return replace(
        finding, affiliation=name, affiliation_entity_id=mention.entity_id if mention else None,
        affiliation_type=affiliation_type(name, mention.label if mention else None),
    )


def _role_span(article: Article, head: int, start: int, end: int) -> tuple[int, int]:
    """Token range of the role: the head with adjacent role and portfolio words before and
    after it, and "of" + a portfolio without a determiner."""
    doc, vocab = article.doc, profile_vocabulary()
    titled = vocab.portfolios | set(vocab.roles)
    first = head
    while first - 1 >= start and key(doc[first - 1]) in titled | vocab.qualifiers and (
        article.label_at(first - 1) is None
    ):
        first -= 1
    while first < head and key(doc[first]) in vocab.qualifiers:
        first += 1
    last = head + 1
    while last < end and key(doc[last]) in titled and article.label_at(last) is None:
        last += 1
    if last + 1 < end and doc[last].lower_ == "of":
        last = _of_portfolio(article, last, end)
    return first, last


def _of_portfolio(article: Article, of: int, end: int) -> int:
    """End of the role after its "of": a portfolio ("of State", "of Foreign Affairs") or a
    lower-case field without a determiner ("professor of history", "head of security");
    ``of`` itself when neither follows (an affiliation: "of the U.S. Joint Chiefs")."""
    doc, portfolios = article.doc, profile_vocabulary().portfolios
    two = f"{doc[of + 1].lower_} {doc[of + 2].lower_}" if of + 2 < end else ""
    if two in portfolios:
        return of + 3
    if key(doc[of + 1]) in portfolios:
        return of + 2
    j = of + 1
    while j < end and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ"):
        j += 1
    return j if j > of + 1 and doc[j - 1].pos_ == "NOUN" else of


def _spelled_out(word: str) -> str:
    """An abbreviated title spelled out ("sen." → senator, "gov" → governor); other words as
    written ("chairman" stays chairman)."""
    full = role_aliases().get(word)
    if full and (word.endswith(".") or full.startswith(word)):
        return full
    return word


def _role_gender(words) -> str | None:
    """"f" | "m" when the role's words include a gendered role noun ("spokeswoman")."""
    found = {descriptions().get(t.lemma_.lower(), {}).get("gender") for t in words}
    found.discard(None)
    found.discard("")
    return found.pop() if len(found) == 1 else None


def _modifiers(article: Article, finding: Finding, start: int, first: int) -> Finding:
    """Nationality and affiliation from the words before the role ("Swiss", "U.S.")."""
    doc = article.doc
    i = first - 1
    while i >= start:
        tok = doc[i]
        if tok.pos_ in _CLAUSE or tok.pos_ == "ADP" or tok.text == ",":
            break
        group = _is_nationality(article, i)
        mention = article.by_token.get(i)
        if group is not None:
            finding = _group_word(finding, doc[group.start:group.end].text)
            i = group.start - 1
            continue
        if mention is not None and mention.label in AFFILIATION_LABELS:
            if finding.affiliation is None:
                finding = with_affiliation(finding, mention.canonical, mention)
            i = mention.start - 1
            continue
        entry = entity_lexicon().get(tok.lower_)
        if entry is not None and entry.label == "NORP":
            finding = _group_word(finding, tok.text)
        i -= 1
    return finding


def _group_word(finding: Finding, word: str) -> Finding:
    """A NORP word before a role: a party ("Republican senator") is the affiliation, a
    religion says neither, anything else is the nationality ("Swiss diplomat")."""
    vocab = profile_vocabulary()
    low = word.lower()
    party = role_aliases().get(low, low)
    if party in parties() or party.rstrip("s") in parties():
        if finding.affiliation is None:
            return replace(finding, affiliation=word, affiliation_type="official")
        return finding
    if low in vocab.religions or low.rstrip("s") in vocab.religions:
        return finding
    return finding if finding.nationality else replace(finding, nationality=word)


def _affiliation_after(article: Article, last: int, end: int) -> tuple[str, Mention | None] | None:
    """(name, entity mention or None) of the first capitalised noun phrase after a preposition."""
    doc = article.doc
    i = last
    while i < end:
        tok = doc[i]
        if tok.text in (",", ";", "(") or tok.pos_ in _CLAUSE:
            return None
        if tok.lower_ in AFFILIATION_PREPOSITIONS and i + 1 < end:
            found = _noun_phrase(article, i + 1, end)
            if found is not None:
                return found
        i += 1
    return None


def _noun_phrase(article: Article, start: int, end: int) -> tuple[str, Mention | None] | None:
    """The noun phrase at ``start`` as an affiliation: an entity mention covering its last
    word, else its text when it is capitalised; None for a lower-case phrase."""
    doc = article.doc
    i = start
    while i < end and (doc[i].pos_ == "DET" or doc[i].tag_ == "PRP$"):
        i += 1
    if i >= end or not _capital(article, i):
        return None
    j = _proper_end(article, i, end)
    mention = article.by_token.get(j - 1)
    if mention is not None and mention.label in AFFILIATION_LABELS and (
        mention.start <= i or _only_modifiers_before(article, i, mention.start)
    ):
        return mention.canonical, mention
    return doc[i:j].text, None


def _capital(article: Article, i: int) -> bool:
    tok = article.doc[i]
    return tok.is_title or tok.is_upper or article.label_at(i) is not None


def _proper_end(article: Article, i: int, end: int) -> int:
    """End of the run of capitalised words from ``i``, joined by "of", "on", "for", "and"
    ("Joint Chiefs of Staff", "Council on Foreign Relations"), without a trailing joiner."""
    doc = article.doc
    j = i
    while j < end and doc[j].text != ",":
        joiner = doc[j].lower_ in _JOINERS and j + 1 < end and (
            _capital(article, j + 1) or doc[j + 1].pos_ == "DET")
        if not (_capital(article, j) or joiner or (doc[j].pos_ == "DET" and j > i)):
            break
        j += 1
    while j > i and (doc[j - 1].pos_ in ("ADP", "DET", "CCONJ") or doc[j - 1].is_punct):
        j -= 1
    return j


def _only_modifiers_before(article: Article, i: int, start: int) -> bool:
    """Tokens ``i..start`` only qualify the entity ("the U.S. | State Department")."""
    return all(article.label_at(k) in AFFILIATION_LABELS for k in range(i, start))

