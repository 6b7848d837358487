"""What the text says a person is: role words from titles and appositions, and gender.

``role_of`` normalises a describing word through ``data/quote_role_aliases.csv`` ("Gov." →
governor); :func:`role_words` collects, for one PERSON mention, the words of its title ("Ohio
Gov. Ann Vance" → ohio, governor), of its apposition ("Ruth Kell, a spokesperson for ...")
and of a "who was the ..." predicate, plus the broader roles they imply ("senator" →
legislator, ``data/quote_broader_roles.csv``). :func:`gender_of` reads a person's gender
from an honorific ("Mrs."), a gendered role ("spokeswoman") or the given name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..lexicons import broader_roles, descriptions, first_names, role_aliases, titles

#: token index → label of the entity mention there (None: no mention)
LabelAt = Callable[[int], "str | None"]

#: How far (in tokens) from the name an apposition's words still describe it.
APPOSITION_REACH = 15


def role_of(tok: Token) -> str:
    """A describing word, normalised: lower-case lemma through the role aliases."""
    word = tok.lemma_.lower()
    if tok.pos_ in ("PROPN", "ADJ", "VERB") or word.endswith("."):
        word = tok.lower_  # "Retired" (ADJ) and "retired" (VERB) alike
        if tok.tag_ == "NNPS" and word.endswith("s") and word[:-1] in descriptions():
            word = word[:-1]  # "Senators Orlen and Bayle"
    return role_aliases().get(word, word)


def is_inner_hyphen(tok: Token) -> bool:
    """A hyphen inside a word group ("52-count"), not a dash between phrases."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_


def without_role(name: str) -> str:
    """"Barcelona star Ronaldinho" (a role noun the NER kept inside the name): the name
    after the role. Names without a lowercase role word are returned unchanged."""
    words = name.split()
    for j in range(len(words) - 2, 0, -1):
        w = words[j]
        if w.islower() and descriptions().get(w, {}).get("kind") == "person" and all(
            x[:1].isupper() for x in words[j + 1 :]
        ):
            return " ".join(words[j + 1 :])
    return name


def role_words(doc: Doc, start: int, end: int, label_at: LabelAt) -> frozenset[str]:
    """The words describing the PERSON mention ``doc[start:end]``: its title, apposition
    and "who was" predicate, with the broader roles they imply."""
    head = doc[start:end].root
    words = _title_words(doc, start) | _apposition_words(head, start, label_at)
    words |= _predicate_words(head, start)
    words -= {""}
    words |= {broader_roles()[w] for w in words if w in broader_roles()}
    return frozenset(words)


def _title_words(doc: Doc, start: int) -> set[str]:
    """The title before the name, up to a break ("the", a comma, a verb)."""
    desc = descriptions()
    words: set[str] = set()
    i = start - 1
    while i >= max(0, start - 6):
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN", "ADJ") and not is_inner_hyphen(t) and (
            t.dep_ != "amod"  # "Retired U.S. Air Force Gen. Paul Dorn"
        ):
            break
        word = role_of(t)
        if t.pos_ == "NOUN" and t.is_lower and word not in desc and (
            word not in role_aliases().values()
        ):
            break  # "harsh comments Vance made": not a title
        if not t.is_punct:
            words.add(word)  # not the "." of "Sens." split off by the tokenizer
        i -= 1
    return words


def _apposition_words(head: Token, start: int, label_at: LabelAt) -> set[str]:
    """Words of the name's apposition ("Ruth Kell, a spokesperson for ..."), or of the noun
    it is the apposition of ("An attorney for Brandt, Ruth Kell")."""
    own = {t.i for t in head.subtree}
    anchor = _anchor(head, label_at)
    words: set[str] = set()
    for tok in (*head.children, anchor):
        if tok.dep_ == "appos" and label_at(tok.i) == "PERSON":
            continue  # a name beside a name is no description of it
        if tok.dep_ == "appos" or head.dep_ == "appos" and tok.i == anchor.i:
            skip = _other_people(tok, label_at)
            if tok.i == anchor.i:
                skip |= own
            words |= {role_of(t) for t in tok.subtree if t.i not in skip and (
                t.pos_ in ("NOUN", "PROPN", "ADJ") and abs(t.i - start) <= APPOSITION_REACH)}
    return words


def _anchor(head: Token, label_at: LabelAt) -> Token:
    """What the name hangs from; "An attorney for Brandt, Ruth Kell" parsed as Brandt's
    apposition: the role noun above is what describes the name."""
    anchor = head.head
    if head.dep_ == "appos" and label_at(anchor.i) == "PERSON" and anchor.dep_ == "pobj" and (
        anchor.head.head.pos_ == "NOUN"
    ):
        return anchor.head.head
    return anchor


def _other_people(tok: Token, label_at: LabelAt) -> set[int]:
    """Tokens of an apposition that describe someone else: a coordinated person ("President
    Harold Vance and his wife Claire" does not make Vance a wife) and an owner ("Ann Vance,
    the Republican presidential candidate's eldest daughter" is no candidate); only an
    owner's name stays ("Ruth Kell, Brandt's lawyer" → brandt, for "his lawyer")."""
    other = {t.i for c in tok.subtree if c.dep_ == "conj" for t in c.subtree}
    other |= {t.i for c in tok.subtree if c.dep_ == "poss" for t in c.subtree
              if label_at(t.i) not in ("PERSON", "ORG", "GPE")}
    return other


def _predicate_words(head: Token, start: int) -> set[str]:
    """"Dr. Jane Roe, who was the White House physician": the predicate's words."""
    words: set[str] = set()
    for c in head.children:
        if c.dep_ == "relcl" and c.lemma_ == "be":
            for attr in c.children:
                if attr.dep_ == "attr":
                    words.update(role_of(t) for t in attr.subtree if t.pos_ in (
                        "NOUN", "PROPN", "ADJ") and abs(t.i - start) <= APPOSITION_REACH)
    return words


def gender_of(doc: Doc, start: int, end: int, name: str, words: frozenset[str]) -> str | None:
    """"m" | "f" for the PERSON mention ``doc[start:end]`` named ``name`` and described by
    ``words``: an honorific before or in the name, else a gendered role ("9/11 widow Terry
    Strada", "spokeswoman Jessica Ditto"), else the given name; None when none says."""
    honorifics, desc = titles(), descriptions()
    tokens = [t.lower_ for t in doc[start:end]]
    before = doc[start - 1].lower_ if start > 0 else ""
    gender = honorifics.get(before) or next(
        (honorifics[w] for w in tokens if w in honorifics), None
    )
    if gender is None:
        role = {desc[w]["gender"] for w in words if w in desc}
        role.discard("")
        gender = role.pop() if len(role) == 1 else None
    if gender is None:
        names = first_names()
        gender = names.get(name.split()[0].lower()) or (
            names.get(tokens[0]) if tokens else None)
    return gender or None
