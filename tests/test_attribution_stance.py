"""Stance predicates and comment clauses: reported stances that are no reporting verb.

Handled in ``attribution/cues.py`` (``stance_predicate``: a stance adjective or noun of
``data/quote_cues.csv`` as a predicate, with the complement its entry needs) and
``attribution/content.py`` (``comment_clause``: "as X noted, ..." reports its sentence;
``inverted.py``: "Then, says X, ..." reports the clause after it).
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("The mayor has been critical of the police chief for months.", "critical",
         "The mayor", "of the police chief"),
        ("Local farmers are increasingly worried about the cost of the new dam.", "worried",
         "Local farmers", "about the cost of the new dam"),
        ("The minister is determined to finish the road before winter.", "determined",
         "The minister", "to finish the road before winter"),
        ("Some landlords were willing to accept a lower rent.", "willing", "Some landlords",
         "to accept a lower rent"),
        ("The union has long been a vocal critic of the merger.", "critic", "The union",
         "of the merger"),
        ("Many nurses are afraid that the clinic will close.", "afraid", "Many nurses",
         "that the clinic will close"),
    ],
)
def test_stance_predicate(run, text, cue, speaker, content):
    r = only(run(text), content)
    assert (r["cue"], r["speaker"], r["content"], r["type"]) == (cue, speaker, content,
                                                                  "indirect")


def test_stance_predicate_as_a_clause_of_its_own(run):
    text = "With teachers increasingly worried about class sizes, the board called a vote."
    r = only(run(text), "class sizes")
    assert (r["cue"], r["speaker"]) == ("worried", "teachers")


@pytest.mark.parametrize(
    "text",
    [
        "The new port is critical to the regional economy.",  # "critical of" is a stance
        "The team was ready for the final on Sunday.",  # not a stance adjective
        "She knows the specifics of health policy.",  # knowing a thing reports nothing
    ],
)
def test_no_stance_without_the_complement_it_needs(run, text):
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("As the senator noted, the budget has not grown in a decade.",
         "the budget has not grown in a decade"),
        ("The river, as one of the mayor's engineers pointed out, rarely floods in spring.",
         "The river, as one of the mayor's engineers pointed out, rarely floods in spring"),
        ("The plan, as the treasurer put it, is dead.", "The plan, as the treasurer put it, "
         "is dead"),
        # the cue's own auxiliary, and "including" (tagged a verb) inside the speaker's words
        ("As many engineers, including Tom Hale, have pointed out, the river rarely floods "
         "in spring.", "the river rarely floods in spring"),
        ("As the auditors had noted, the city spent more than it raised.",
         "the city spent more than it raised"),
        # when or in what it was said, between the cue and the comma
        ("The levy is a tax on renters, as the councillor put it on Tuesday.",
         "The levy is a tax on renters"),
        ("As the auditors noted in a statement, the city spent more than it raised.",
         "the city spent more than it raised"),
        ("The levy is a tax on renters, as the councillor told reporters.",
         "The levy is a tax on renters"),
        ("As the councillor said last week, the levy is a tax on renters.",
         "the levy is a tax on renters"),
    ],
)
def test_comment_clause_reports_its_sentence(run, text, content):
    r = only(run(text), content.split()[1])
    assert r["content"] == content and r["rule"] == "clause_around_cue"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Critics see the plan as a giveaway to developers.", "see",
         "the plan as a giveaway to developers"),
        ("The mayor compared the new stadium to a money pit.", "compare",
         "the new stadium to a money pit"),
    ],
)
def test_judging_and_comparing(run, text, cue, content):
    r = only(run(text), content)
    assert (r["cue"], r["content"]) == (cue, content)


@pytest.mark.parametrize(
    "text",
    [
        "The minister saw the flood from a helicopter on Tuesday.",  # seeing, no "as"
        "Prices rose 3 percent, compared to 2 percent a year earlier.",  # no comparer
    ],
)
def test_seeing_and_comparison_without_a_judge(run, text):
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "Tenants were angry, as they bristled at the questions about the levy.",
    "As the councillor wrote about the levy, the tenants were angry.",
])
def test_an_as_clause_with_its_own_content_is_no_comment(run, text):
    assert not [r for r in run(text) if r["rule"] == "clause_around_cue"]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Ann Lee opened the shop in May. Then, says Ms Lee, the whole street came to look.",
         "Ms Lee", "the whole street came to look"),
        ("Often, said Tom Greer, the forms were lost before anyone read them.",
         "Tom Greer", "the forms were lost before anyone read them"),
        ("For example, says Rita Oman, a lawyer in Leeds, most tenants never see the lease.",
         "Rita Oman", "most tenants never see the lease"),
        ("But, says Nick Dono, head of sales and marketing at Acme, the price was never the "
         "issue.", "Nick Dono", "the price was never the issue"),
    ],
)
def test_inverted_comment_clause_reports_the_clause_after_it(run, text, speaker, content):
    r = only(run(text), content)
    assert r["speaker"] == speaker and r["content"] == content and r["cue"] == "say"


def test_a_subject_before_the_verb_is_no_inverted_comment(run):
    # "X, a judge, agreed the rule, which ..., was unfair": X agreed; the rule is no speaker
    text = "Ruth Bayle, a judge, agreed the rule, which dates from 1890, was unfair."
    assert all(r["speaker"] == "Ruth Bayle" for r in run(text))
