"""Cues: which words report speech, and which uses of them report nothing.

Handled in ``attribution/cues.py``, ``attribution/verbs.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner

from helpers import quotes


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_said_that(run):
    r = only(run("John Smith said that the economy would recover next year."), "economy")
    assert r["type"] == "indirect"
    assert r["content"] == "that the economy would recover next year"
    assert r["speaker_canonical"] == "John Smith"
    assert r["cue"] == "say"


def test_told_y_that(run):
    r = only(run("Maria Lopez told reporters that the plan was dead."), "plan was dead")
    assert r["speaker"] == "Maria Lopez"
    assert r["cue"] == "tell"


def test_according_to(run):
    text = "According to the ministry, unemployment fell to a record low in May."
    r = only(run(text), "unemployment fell")
    assert r["cue"] == "according to"
    assert r["speaker"] == "the ministry"
    text = "Unemployment fell to a record low in May, according to Maria Lopez."
    r = only(run(text), "Unemployment fell")
    assert r["content"] == "Unemployment fell to a record low in May"
    assert r["speaker_canonical"] == "Maria Lopez"


def test_possessive_claim_that(run):
    text = "Critics rejected Peter Hansen's claim that the tax cut pays for itself."
    r = next(r for r in run(text) if r["cue"] == "claim")
    assert r["content"] == "that the tax cut pays for itself"
    assert r["speaker_canonical"] == "Peter Hansen"


@pytest.mark.parametrize("verb, lemma", [("saying", "say"), ("adding", "add"),
                                         ("claiming", "claim")])
def test_participle_saying_adding_claiming(run, verb, lemma):
    text = f"Peter Hansen criticised the budget on Monday, {verb} it would hurt families."
    r = only(run(text), "hurt families")
    assert r["cue"] == lemma
    assert r["speaker_canonical"] == "Peter Hansen"


def test_passive_revealed_by(run):
    text = "It was revealed by Maria Lopez that the talks had collapsed in March."
    r = only(run(text), "talks had collapsed")
    assert r["speaker_canonical"] == "Maria Lopez"
    text = "The talks collapsed in March, as revealed by the negotiator Peter Hansen."
    r = only(run(text), "talks collapsed")
    assert r["speaker_canonical"] == "Peter Hansen"
    assert r["cue"] == "reveal"


def test_stance_cues_are_flagged():
    stance = quotes.stance_cues()
    assert {"claim", "admit", "insist", "concede"} <= stance
    assert "say" not in stance


def test_passive_report_with_agent(run):
    r = only(run("Senator Maria Lopez has been endorsed by the Daily Herald, the county's "
                 "largest newspaper."), "Maria Lopez")
    assert r["cue"] == "endorse" and r["speaker"] == "the Daily Herald"


def test_agentless_passive_criticism_has_no_speaker(run):
    r = only(run("The mayor was sharply criticized for cutting the library budget."),
             "for cutting the library budget")
    assert r["speaker"] is None


def test_passive_publication_is_not_an_attribution(run):
    assert run("The study was published on Monday.") == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Governor Tom Baker made the case for higher school spending.", "make case",
         "for higher school spending"),
        ("Maria Lopez raised questions about the contract with the city.", "raise question",
         "about the contract with the city"),
    ],
)
def test_support_verb_with_speech_noun(run, text, cue, content):
    r = only(run(text), content)
    assert r["cue"] == cue and r["content"] == content


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez made a pledge on Monday.",  # a date is not what the pledge is about
        "The office prosecuted the case for the state.",  # a legal case is not an argument
    ],
)
def test_support_verb_needs_a_topic(run, text):
    assert run(text) == []


def test_receiver_of_criticism_is_not_the_speaker(run):
    r = only(run("The senator faced questions about his finances."), "finances")
    assert r["cue"] == "face question" and r["speaker"] is None


def test_seem_is_a_judgement_without_speaker(run):
    r = only(run("The governor seems to be losing support among farmers."), "losing")
    assert r["speaker"] is None and r["content"].startswith("The governor")


def test_it_appears_has_no_speaker(run):
    r = only(run("It appeared that the talks had collapsed."), "talks")
    assert r["cue"] == "appear" and r["speaker"] is None
    assert r["content"] == "that the talks had collapsed"


def test_lets_say_is_a_hypothetical_not_a_report(run):
    records = run("Let's say you think a degree is worth the cost.")
    assert [(r["cue"], r["speaker"]) for r in records] == [("think", "you")]


def test_imperative_to_the_reader_is_not_a_report(run):
    text = "Maria Lopez has left the race, but don't expect her to stay quiet for long."
    assert not [r for r in run(text) if "stay quiet" in r["content"]]


def test_it_emerged_that_names_no_source(run):
    text = ("Northgate collapsed in 2003 after it emerged that its offshore reserves did not "
            "exist.")
    assert not [r for r in run(text) if r["speaker"] == "it"]


@pytest.mark.parametrize(
    "text",
    [
        "The clock is ticking. It promises to be another long campaign in the spring.",
        "The latest rejection means that the bill must go back to the council.",
    ],
)
def test_forecasts_and_consequences_are_not_reports(run, text):
    assert run(text) == []


def test_stance_asked_about_is_not_the_stance_of_the_one_asked(run):
    text = "A student asked the mayor if he supported the new tax on boats."
    assert not [r for r in run(text) if r["cue"] == "support"]


@pytest.mark.parametrize(
    "text",
    [
        "A lawyer for the council did not immediately respond to requests for comment.",
        "The spokeswoman did not reply to my emails.",
    ],
)
def test_an_answer_to_a_request_names_no_content(run, text):
    assert run(text) == []


def test_a_response_to_criticism_is_still_a_report(run):
    r = only(run("The mayor responded to the criticism of his budget."), "criticism")
    assert r["cue"] == "respond"


@pytest.mark.parametrize(
    "text",
    [
        "Do you know where your senator stands on the tax?",
        "Or would you think she must be the worst candidate?",
    ],
)
def test_question_to_the_reader_is_not_a_report(run, text):
    assert run(text) == []


def test_question_about_someone_else_still_reports_a_stance(run):
    r = only(run("But has the senator called for changing the rules that benefit him?"),
             "changing")
    assert r["speaker"] == "the senator"


def test_existential_there_is_no_source(run):
    assert run("There was no evidence that the fire was set on purpose.") == []


def _tagged(nlp, rows):
    """A parsed Doc as the tagger left it: (word, tag, pos, dep, head index, lemma) rows."""
    from spacy.tokens import Doc

    words, tags, pos, deps, heads, lemmas = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(nlp.vocab, words=words, tags=tags, pos=pos, deps=deps, heads=heads,
              lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1))
    return doc


def test_a_verb_read_as_a_plural_noun_still_reports(nlp):
    # the tagger often reads "claims", "insists", "plans" after a name as plural nouns and
    # hangs the name on them as a compound
    doc = _tagged(nlp, [
        ("But", "CC", "CCONJ", "cc", 2, "but"),
        ("Hansen", "NNP", "PROPN", "compound", 2, "Hansen"),
        ("claims", "NNS", "NOUN", "ROOT", 2, "claim"),
        ("that", "IN", "SCONJ", "mark", 5, "that"),
        ("he", "PRP", "PRON", "nsubj", 5, "he"),
        ("won", "VBD", "VERB", "ccomp", 2, "win"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ])
    r = only(quotes.from_doc(doc, []), "he won")
    assert (r["speaker"], r["cue"], r["content"]) == ("Hansen", "claim", "that he won")


def test_a_plural_noun_with_a_determiner_is_no_verb(nlp):
    doc = _tagged(nlp, [
        ("The", "DT", "DET", "det", 1, "the"),
        ("claims", "NNS", "NOUN", "ROOT", 1, "claim"),
        ("that", "IN", "SCONJ", "mark", 4, "that"),
        ("he", "PRP", "PRON", "nsubj", 4, "he"),
        ("won", "VBD", "VERB", "ccomp", 1, "win"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ])
    assert [r for r in quotes.from_doc(doc, []) if r["cue"] == "claim"] == []


def test_a_verb_read_as_a_plural_noun_after_its_quotation(nlp):
    # "“We won,” Hansen claims, without evidence.": the quotation is the misread verb's clause
    doc = _tagged(nlp, [
        ("“", "``", "PUNCT", "punct", 6, "“"),
        ("We", "PRP", "PRON", "nsubj", 2, "we"),
        ("won", "VBD", "VERB", "ccomp", 6, "win"),
        (",", ",", "PUNCT", "punct", 6, ","),
        ("”", "''", "PUNCT", "punct", 6, "”"),
        ("Hansen", "NNP", "PROPN", "compound", 6, "Hansen"),
        ("claims", "NNS", "NOUN", "ROOT", 6, "claim"),
        (",", ",", "PUNCT", "punct", 6, ","),
        ("without", "IN", "ADP", "prep", 6, "without"),
        ("evidence", "NN", "NOUN", "pobj", 8, "evidence"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ])
    r = only(quotes.from_doc(doc, []), "We won")
    assert (r["speaker"], r["cue"], r["type"]) == ("Hansen", "claim", "direct")


@pytest.mark.parametrize("text, lemma, content", [
    ("The senator rebuked the governor for the long delay.", "rebuke",
     "the governor for the long delay"),
    ("Ms. Ortega scolded the board: the audit had been ignored for years.", "scold",
     "the audit had been ignored for years"),
    ("Analysts speculated that the central bank would raise rates in June.", "speculate",
     "that the central bank would raise rates in June"),
    ("Mr. Varga swore he had never met the contractor.", "swear",
     "he had never met the contractor"),
    ("The coach opined that the referees had cost his team the game.", "opine",
     "that the referees had cost his team the game"),
])
def test_less_common_reporting_verbs_are_cues(run, text, lemma, content):
    r = only(run(text), content.split()[-1])
    assert r["cue"] == lemma
    assert content in r["content"]


def test_swearing_in_is_no_report(run):
    assert not run("The new mayor was sworn in on Monday at city hall.")


@pytest.mark.parametrize("text, content", [
    ("The minister made it clear that further cuts would follow.",
     "that further cuts would follow"),
    ("Ms. Ortega made clear she would not resign over the audit.",
     "she would not resign over the audit"),
])
def test_made_clear_reports_the_clause(run, text, content):
    r = only(run(text), content.split()[-1])
    assert r["content"] == content
    assert r["rule"] == "made_clear"


def test_making_a_thing_clear_reports_nothing(run):
    assert not run("The new signs made the exits clear to every visitor.")


@pytest.mark.parametrize("text, lemma, content", [
    ("Voters shrugged off the governor's hope that the deficit would vanish by May.",
     "hope", "that the deficit would vanish by May"),
    ("The board was angered by the auditor's conclusion that the funds had been misused.",
     "conclusion", "that the funds had been misused"),
])
def test_more_reporting_nouns_with_an_owner(run, text, lemma, content):
    r = next(r for r in run(text) if r["cue"] == lemma)
    assert r["content"] == content


def test_a_reporting_noun_without_an_owner_is_no_attribution(run):
    assert not [r for r in run("There is hope that the deficit will vanish by May.")
                if r["cue"] == "hope"]


def test_said_read_as_an_adjective_of_the_next_noun_still_reports(nlp):
    # the parser sometimes reads "X said excuses were ..." as "the said excuses"
    doc = _tagged(nlp, [
        ("The", "DT", "DET", "det", 1, "the"),
        ("board", "NN", "NOUN", "nsubj", 6, "board"),
        ("said", "VBD", "VERB", "amod", 3, "say"),
        ("excuses", "NNS", "NOUN", "nsubj", 6, "excuse"),
        ("from", "IN", "ADP", "prep", 3, "from"),
        ("riders", "NNS", "NOUN", "pobj", 4, "rider"),
        ("were", "VBD", "AUX", "ROOT", 6, "be"),
        ("weak", "JJ", "ADJ", "acomp", 6, "weak"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ])
    r = only(quotes.from_doc(doc, []), "excuses")
    assert (r["speaker"], r["cue"], r["content"]) == (
        "The board", "say", "excuses from riders were weak")
