"""The cue index: each cue rule is offered every token it claims, and only the tokens it offers
for (by tag, tag and lemma, or word).

Handled in ``attribution/offers.py`` (:class:`CueIndex`): a rule's offers are a first test read
from the document's arrays; the rule's own ``when`` still decides.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from helpers import nlp as nlp_module
from helpers.attribution import CUE_RULES
from helpers.attribution.offers import CueIndex

TEXTS = [
    "John Smith said that the economy would recover next year.",
    "But Trump claims that the vote was rigged.",
    "According to the ministry, unemployment fell to a record low in May.",
    "The senator made it clear that she would vote against the bill.",
    "The mayor made the case for a new stadium on Monday.",
    "Her claim that the money was lost has been disputed.",
    "The governor remains confident that the plan will work.",
    "Critics have been critical of the decision for weeks.",
    "He is a staunch opponent of the new tax.",
    "The company conceded that profits had fallen, it says.",
    "",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp_module.parse(nlp, TEXTS))


def test_every_claimed_token_is_offered_to_its_rule(docs):
    claimed = 0
    for doc in docs:
        offered = CueIndex.build(doc, CUE_RULES).offered
        for tok in doc:
            for rule in CUE_RULES:
                if rule.when(tok):
                    claimed += 1
                    assert rule in offered.get(tok.i, ()), (rule.name, tok.text, doc.text)
    assert claimed >= len(TEXTS) - 1  # each sentence has a cue


def _fits(offer, tok) -> bool:
    if offer.word:
        return tok.lower_ == offer.word
    return offer.tag in (tok.pos_, tok.tag_) and (
        offer.lemmas is None or tok.lemma_.lower() in offer.lemmas()
    )


def test_only_tokens_a_rule_offers_for_are_offered_to_it(docs):
    for doc in docs:
        offered = CueIndex.build(doc, CUE_RULES).offered
        for tok in doc:
            rules = offered.get(tok.i, ())
            assert rules == tuple(r for r in CUE_RULES if any(_fits(o, tok) for o in r.offers))


def test_punctuation_and_function_words_are_offered_to_no_rule(docs):
    offered = CueIndex.build(docs[0], CUE_RULES).offered
    assert not any(docs[0][i].is_punct or docs[0][i].pos_ in ("DET", "ADP") for i in offered)


#: Tagged by hand: uses the tagger gives rarely, each claimed through a tag or word that is
#: not "VERB" -- a verb read as a plural noun, "say" as an auxiliary, "according" as a
#: preposition. (word, coarse tag, fine tag, head, relation, lemma) per token.
HAND_TAGGED = {
    "misread_verb": [
        ("Lopez", "PROPN", "NNP", 1, "compound", "Lopez"), ("claims", "NOUN", "NNS", 1, "ROOT",
        "claim"), ("that", "SCONJ", "IN", 4, "mark", "that"), ("he", "PRON", "PRP", 4, "nsubj",
        "he"), ("won", "VERB", "VBD", 1, "ccomp", "win"), (".", "PUNCT", ".", 1, "punct", "."),
    ],
    "say_as_auxiliary": [
        ("Lopez", "PROPN", "NNP", 1, "nsubj", "Lopez"), ("says", "AUX", "VBZ", 1, "ROOT", "say"),
        ("he", "PRON", "PRP", 3, "nsubj", "he"), ("won", "VERB", "VBD", 1, "ccomp", "win"),
        (".", "PUNCT", ".", 1, "punct", "."),
    ],
    "according_as_preposition": [
        ("according", "ADP", "IN", 5, "prep", "according"), ("to", "ADP", "IN", 0, "prep", "to"),
        ("Lopez", "PROPN", "NNP", 1, "pobj", "Lopez"), (",", "PUNCT", ",", 5, "punct", ","),
        ("he", "PRON", "PRP", 5, "nsubj", "he"), ("won", "VERB", "VBD", 5, "ROOT", "win"),
        (".", "PUNCT", ".", 5, "punct", "."),
    ],
}


@pytest.mark.parametrize("name", sorted(HAND_TAGGED))
def test_a_cue_tagged_other_than_verb_is_offered(nlp, name):
    words, pos, tags, heads, deps, lemmas = zip(*HAND_TAGGED[name], strict=True)
    doc = Doc(nlp.vocab, words=list(words), pos=list(pos), tags=list(tags),
              heads=list(heads), deps=list(deps), lemmas=list(lemmas))
    offered = CueIndex.build(doc, CUE_RULES).offered
    claims = [(tok.i, rule) for tok in doc for rule in CUE_RULES if rule.when(tok)]
    assert claims  # the rule's own test claims the token
    assert all(rule in offered.get(i, ()) for i, rule in claims)
