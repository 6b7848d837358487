"""The one loader of the quote, speaker and name vocabulary in ``helpers/data``.

Every word list the attribution layer, speaker resolution and the entity rules use is a CSV
in ``helpers/data`` (one row per word, with a rationale), read here once:

- cues: ``quote_cues.csv`` (reporting verbs and adjectives, their frame, stance, the content
  they take and the dependents they need), ``quote_nouns.csv`` (reporting nouns),
  ``quote_object_nouns.csv`` / ``quote_receiver_verbs.csv`` (support-verb cues);
- frame behaviour: ``quote_frames.csv`` (which constructions each frame licenses);
- the rules that make attributions and their confidence: ``quote_rules.csv``;
- closed word sets (prepositions, pronoun classes, quantifiers ...): ``quote_word_sets.csv``;
- speakers: ``quote_pronouns.csv``, ``quote_descriptions.csv`` (with tags: office, body,
  state, poll, study), ``quote_titles.csv``, ``quote_role_aliases.csv``,
  ``quote_broader_roles.csv``, ``quote_generic_roles.csv``, ``quote_parties.csv``,
  ``quote_media_words.csv``;
- names: ``given_names.csv`` (shared with ``entities``; its ``births`` and ``female_share``
  columns, and ``given_name_shares.csv`` for the other US names, are read for gender only);
- speaker profiles: ``profile_roles.csv`` (role, portfolio and qualifier words, the source
  type of each role), ``profile_affiliations.csv`` (what a body's name says it is).

``entities``, ``speakers`` and ``attribution`` all use them, so they live below all three.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from . import datafiles


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/NAME`` (a CSV with a header) as dicts."""
    return datafiles.rows(name)


@functools.lru_cache(maxsize=1)
def pronouns() -> dict[str, dict[str, str]]:
    """pronoun → {number, gender, kind}."""
    return {r["pronoun"]: r for r in rows("quote_pronouns.csv")}


@functools.lru_cache(maxsize=1)
def descriptions() -> dict[str, dict[str, str]]:
    """description head lemma → {kind: media|org|gpe|person, gender}."""
    return {r["lemma"]: r for r in rows("quote_descriptions.csv")}


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (lower case), from ``data/given_names.csv``: a capitalised pair
    starting with one is a person. Not the names that are also English function words
    ("Will" opens "Taxes Will Fall" far more often than a name): spaCy's stop words."""
    return frozenset(r["name"].lower() for r in rows("given_names.csv")) - STOP_WORDS


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Given name (lower case) → "m" | "f", for the names of ``data/given_names.csv`` whose
    gender the list gives (blank: unknown)."""
    return {r["name"].lower(): r["gender"] for r in rows("given_names.csv") if r["gender"]}


@functools.lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """honorific (lower case) → "m" | "f"."""
    return {r["title"]: r["gender"] for r in rows("quote_titles.csv")}


@functools.lru_cache(maxsize=1)
def media_words() -> frozenset[str]:
    """Words that mark a news outlet's name ("Times", "Post", "Reuters")."""
    return frozenset(r["word"] for r in rows("quote_media_words.csv"))


@functools.lru_cache(maxsize=1)
def parties() -> frozenset[str]:
    """Party words (``data/quote_parties.csv``): one person belongs to one party."""
    return frozenset(r["party"] for r in rows("quote_parties.csv"))


@functools.lru_cache(maxsize=1)
def role_aliases() -> dict[str, str]:
    """Abbreviated or variant role word → role ("gov." → "governor", "gop" → "republican")."""
    return {r["word"]: r["role"] for r in rows("quote_role_aliases.csv")}


@functools.lru_cache(maxsize=1)
def title_abbreviations() -> frozenset[str]:
    """Titles written abbreviated before a name, without their period ("sen", "gen", "mr"):
    the role aliases and honorifics listed with a period ("sen." in ``quote_role_aliases.csv``,
    "mr." in ``quote_titles.csv``). Such a period never ends a sentence ("Sen. Lee")."""
    words = [r["word"] for r in rows("quote_role_aliases.csv")]
    words += [r["title"] for r in rows("quote_titles.csv")]
    return frozenset(w[:-1] for w in words if w.endswith("."))


@functools.lru_cache(maxsize=1)
def broader_roles() -> dict[str, str]:
    """Role → the broader role it implies ("senator" → "legislator")."""
    return {r["role"]: r["broader"] for r in rows("quote_broader_roles.csv")}


@functools.lru_cache(maxsize=1)
def generic_roles() -> frozenset[str]:
    """Person nouns whose definite description is not resolved to the article's protagonist."""
    return frozenset(row["lemma"] for row in rows("quote_generic_roles.csv"))


def one_letter_off(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one substitution, insertion or deletion apart (and not equal)?
    A misspelt name ("McKenna" for "McKennah")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]



# --- cues -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """A reporting word: its frame (``quote_frames.csv``), whether it takes a stance, the
    content it takes (clause | np | colon | about: "talked about X"), and the dependents of
    which it needs one (``(relation, word)``, word "*" for any) to report at all."""

    lemma: str
    pos: str
    frame: str
    stance: bool
    content: str
    needs: tuple[tuple[str, str], ...] = ()


def _needs(field: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(item.split(":", 1)) for item in field.split())  # type: ignore[misc]


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """(lemma, pos) → cue entry, from ``data/quote_cues.csv``."""
    return {
        (r["lemma"], r["pos"]): Cue(r["lemma"], r["pos"], r["frame"], r["stance"] == "stance",
                                    r["content"], _needs(r.get("needs") or ""))
        for r in rows("quote_cues.csv")
    }


@functools.cache
def cue_lemmas(pos: str) -> frozenset[str]:
    """The lemmas ``data/quote_cues.csv`` lists with part of speech ``pos`` ("ADJ", "NOUN")."""
    return frozenset(lemma for lemma, p in cue_lexicon() if p == pos)


@functools.lru_cache(maxsize=1)
def noun_cues() -> dict[str, dict[str, str]]:
    """Reporting nouns ("claim", "statement") from ``data/quote_nouns.csv``."""
    return {r["lemma"]: r for r in rows("quote_nouns.csv")}


def stance_cues() -> frozenset[str]:
    """Lemmas of stance-laden cues (claim, admit, insist, concede, ...)."""
    return frozenset(c.lemma for c in cue_lexicon().values() if c.stance) | frozenset(
        lemma for lemma, r in noun_cues().items() if r.get("stance") == "stance"
    )


@functools.lru_cache(maxsize=1)
def object_nouns() -> dict[str, frozenset[str]]:
    """Speech-act nouns that turn a support verb into a cue ("made the case", "raised
    questions") → the verbs allowed with them (empty: any), from
    ``data/quote_object_nouns.csv``."""
    return {r["lemma"]: frozenset(filter(None, r["verbs"].split(";")))
            for r in rows("quote_object_nouns.csv")}


@functools.lru_cache(maxsize=1)
def receiver_verbs() -> frozenset[str]:
    """Support verbs whose subject is the target of the speech act ("faced questions",
    "drew criticism"), from ``data/quote_receiver_verbs.csv``: the speaker is not named."""
    return frozenset(r["lemma"] for r in rows("quote_receiver_verbs.csv"))


@dataclass(frozen=True)
class Frame:
    """What a cue frame licenses (``data/quote_frames.csv``, one flag per construction)."""

    name: str
    infinitive: bool  # "urged X to ...": the infinitive is the content
    passive: bool  # "X was criticised by Y": a passive report
    passive_unnamed: bool  # ... even with no "by"-agent
    rest: bool  # "X noted the rule": the cue's right-hand dependents are the content
    inverted: bool  # "Said Ellis: “...”"
    nested: str  # inside another report: drop (repeats the outer speaker) | keep | fold
    object_content: bool  # the object is content even for a clause cue ("attacked X for")
    prep_content: bool  # a content preposition after the cue is content ("worried about")
    speech_act: bool  # saying or reporting words (not a thought or an act)
    judgement: bool  # "X seems to ...": a judgement without a speaker
    extraposition: bool  # "it emerged that ...": "it" as subject names no source


@functools.lru_cache(maxsize=1)
def frames() -> dict[str, Frame]:
    """Frame name → its behaviour, from ``data/quote_frames.csv``."""
    out = {}
    for r in rows("quote_frames.csv"):
        flags = {k: r[k] == "yes" for k in Frame.__dataclass_fields__
                 if k not in ("name", "nested")}
        out[r["frame"]] = Frame(name=r["frame"], nested=r["nested"], **flags)
    return out


def frame(name: str) -> Frame:
    """The behaviour of frame ``name``."""
    return frames()[name]


@dataclass(frozen=True)
class Rule:
    """A rule that makes attributions (``data/quote_rules.csv``): its name, the stage it
    belongs to (cue | lead | attach), the form of content it yields and its confidence."""

    name: str
    stage: str
    form: str
    confidence: float
    description: str


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """Rule name → rule, from ``data/quote_rules.csv``: the one table of confidences."""
    return {r["rule"]: Rule(r["rule"], r["stage"], r["form"], float(r["confidence"]),
                            r["description"]) for r in rows("quote_rules.csv")}


@functools.lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for r in rows("quote_word_sets.csv"):
        sets.setdefault(r["set"], set()).add(r["word"])
    return {name: frozenset(words) for name, words in sets.items()}


@functools.lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for r in rows("entity_name_words.csv"):
        sets.setdefault(r["set"], set()).add(r["word"])
    return {name: frozenset(words) for name, words in sets.items()}


def name_words(name: str) -> frozenset[str]:
    """The word set ``name`` of ``data/entity_name_words.csv``: ``org_word`` (makes a
    capitalised sequence an organisation), ``name_suffix`` (Jr., III), ``name_particle``
    (van, de, al)."""
    return _name_words()[name]


def word_set(name: str) -> frozenset[str]:
    """The closed word set ``name`` of ``data/quote_word_sets.csv`` ("content_prep",
    "relative", "quantifier", ...)."""
    return _word_sets()[name]


@functools.cache
def described_as(tag: str) -> frozenset[str]:
    """Description lemmas tagged ``tag`` in ``data/quote_descriptions.csv`` (body: stands for
    an organisation just named; state: a place in front of it names the state; poll / study:
    a named poll's text; office: a role one holds as an office)."""
    return frozenset(lemma for lemma, r in descriptions().items()
                     if tag in (r.get("tags") or "").split(";"))


@functools.lru_cache(maxsize=1)
def offices() -> frozenset[str]:
    """Roles one holds as an office, which exclude another office ("the judge" is no
    "nominee"): descriptions tagged office, and alias roles tagged office ("adm." → admiral)."""
    aliased = {r["role"] for r in rows("quote_role_aliases.csv")
               if "office" in (r.get("tags") or "").split(";")}
    return described_as("office") | frozenset(aliased)


# --- speaker profiles (helpers.profiles) ------------------------------------------------------

#: A given name says a gender only when at least this share of its US births (1930-2017, at
#: least 20 of them: ``scripts/build_given_name_shares.py``) were registered with one sex.
GIVEN_NAME_SHARE = 0.95


@functools.lru_cache(maxsize=1)
def given_name_shares() -> dict[str, float]:
    """Given name (lower case) → share of its US births registered female: the
    ``female_share`` of ``data/given_names.csv`` (the curated list the entity rules read too)
    and ``data/given_name_shares.csv`` (the other US names, for gender only)."""
    shares = _name_shares("given_name_shares.csv")
    shares.update((r["name"].lower(), float(r["female_share"])) for r in rows("given_names.csv")
                  if r.get("female_share"))
    return shares


def _name_shares(name: str) -> dict[str, float]:
    """``name,births,female_share`` rows without quoting (54,000 of them: read as plain
    lines, ten times faster than the csv module, so a worker process starts quickly)."""
    text = datafiles.text(name)
    out = {}
    for line in text.splitlines()[1:]:
        word, _, share = line.split(",")
        out[word] = float(share)
    return out


def given_name_gender(name: str) -> str | None:
    """"f" | "m" when the share of ``name`` is at least :data:`GIVEN_NAME_SHARE` one way,
    else None (an unlisted or a shared name such as Leslie or Jean)."""
    share = given_name_shares().get(name.lower())
    if share is None:
        return None
    if share >= GIVEN_NAME_SHARE:
        return "f"
    if share <= 1 - GIVEN_NAME_SHARE:
        return "m"
    return None


@dataclass(frozen=True)
class RoleWord:
    """A role noun of ``data/profile_roles.csv``: its default source type, and whether the
    affiliation decides instead (a spokesperson for a ministry is an official)."""

    source_type: str
    by_affiliation: bool


@dataclass(frozen=True)
class ProfileVocabulary:
    roles: dict[str, RoleWord]
    portfolios: frozenset[str]  # part of a title: "State" in "Secretary of State"
    qualifiers: frozenset[str]  # before a role but not part of it: "former", "outgoing"
    religions: frozenset[str]  # NORP words before a role that are no nationality
    #: affiliation word → (priority, source type); the lowest priority found in a name decides
    affiliations: dict[str, tuple[int, str]]


@functools.lru_cache(maxsize=1)
def profile_vocabulary() -> ProfileVocabulary:
    """Role, portfolio, qualifier and religion words (``data/profile_roles.csv``) and
    affiliation words in priority order (``data/profile_affiliations.csv``)."""
    table = rows("profile_roles.csv")
    roles = {r["word"]: RoleWord(r["source_type"], r["by_affiliation"] == "yes")
             for r in table if r["kind"] == "role"}
    kinds = {kind: frozenset(r["word"] for r in table if r["kind"] == kind)
             for kind in ("portfolio", "qualifier", "religion")}
    affiliations = {r["word"]: (i, r["source_type"])
                    for i, r in enumerate(rows("profile_affiliations.csv"))}
    return ProfileVocabulary(roles, kinds["portfolio"], kinds["qualifier"], kinds["religion"],
                             affiliations)
