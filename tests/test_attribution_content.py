"""Reported content: the span a cue says was said.

Handled in ``attribution/content.py``, ``attribution/bounds.py``, ``attribution/coordination.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_said_without_that(run):
    r = only(run("John Smith said the economy would recover next year."), "economy")
    assert r["content"].startswith("the economy would recover")


def test_trailing_speaker(run):
    r = only(run("The bill will pass next week, Maria Lopez said."), "bill will pass")
    assert r["content"] == "The bill will pass next week"
    assert r["speaker_canonical"] == "Maria Lopez"


def test_talk_about_topic_but_not_addressee(run):
    r = only(run("Tom Baker talked about the drought and its cost to farmers."), "drought")
    assert r["content"] == "about the drought and its cost to farmers"
    assert run("Tom Baker talked to reporters for ten minutes.") == []


def test_short_noun_object_is_content(run):
    assert only(run("Maria Lopez promised a veto."), "veto")["content"] == "a veto"
    assert run("Tom Baker noted it.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the deal had been brokered by the U.K. France has rejected it.",
        "The minister said the deal had been brokered by the U.K. The opposition rejected it.",
    ],
)
def test_content_stops_at_sentence_end_after_abbreviation(run, text):
    r = only(run(text), "brokered")
    assert r["content"] == "the deal had been brokered by the U.K."


def test_abbreviation_inside_a_name_does_not_end_the_content(run):
    r = only(run("Officials said the plan was backed by the U.S. Senate on Monday."), "plan")
    assert r["content"] == "the plan was backed by the U.S. Senate on Monday"


def test_second_reporting_verb_splits_the_content(run):
    records = run("The ministry said it was opposed to the plan and warned the company to stop "
                  "drilling.")
    assert only(records, "opposed")["content"] == "it was opposed to the plan"
    assert only(records, "drilling")["cue"] == "warn"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The museum, Obama said, would make visitors face hard truths.",
         "The museum, Obama said, would make visitors face hard truths"),
        ("Funding remains uncertain for the program, analysts say.",
         "Funding remains uncertain for the program"),
        ("Brown said after the meeting he would not resign.",
         "after the meeting he would not resign"),
    ],
)
def test_clause_around_or_after_the_cue(run, text, content):
    assert only(run(text), content.split()[1])["content"] == content


def test_no_content_from_a_fronted_date(run):
    assert [r["cue"] for r in run("Last week, Brown said.")] == []


def test_as_x_put_it(run):
    r = only(run("He never escaped being seen, as one magazine put it in a long profile, "
                 "“the operator.”"), "operator")
    assert r["cue"] == "put" and r["speaker"] == "one magazine"


def test_trailing_cue_coordinated_with_the_first_clause_reports_the_sentence(run):
    records = run("Lopez had told officials that she did not want the escort, but the police "
                  "overruled that request, the source added.")
    r = [x for x in records if x["cue"] == "add"][0]
    assert r["speaker"] == "the source" and r["content"].startswith("Lopez had told")


def test_second_act_of_a_tweet_read_as_an_adverbial_clause(run):
    # "X tweeted that A and encouraged B": the parser may hang "that A" as an adverbial
    # clause; "encouraged" is still X's act, not the act of A's subject
    text = ("Lopez tweeted in the early morning hours that Smith was “disgusting” and “a fraud” "
            "and encouraged voters to “check out” his record.")
    found = [r for r in run(text) if r["cue"] == "encourage"]
    assert len(found) == 1 and found[0]["speaker"] == "Lopez"


def test_second_infinitive_act_is_its_own_attribution(run):
    # "to accuse X of ... and urge Y to ...": the parser hangs "urge" inside the accusation;
    # it is a second act of the same speaker
    records = run("Lopez went on television to accuse the committee of being “misled” by "
                  "“a fraud” and urge voters to read what she called the senator’s “secret memo.”")
    accuse = [r for r in records if r["cue"] == "accuse"]
    urge = [r for r in records if r["cue"] == "urge"]
    assert len(accuse) == 1 and "urge" not in accuse[0]["content"]
    assert len(urge) == 1 and urge[0]["speaker"] == "Lopez"
    assert "secret memo" in urge[0]["content"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("A new report in the Daily Ledger, published online on Sunday, described the plan.",
         "on Sunday"),
        ("Protesters opposed to him marched through the square on Monday.", "to him"),
        ("The actress, known to millions for her comedies, has died at 80.", "to millions"),
        ("The agency criticised an article published by the Ledger on Thursday.", "Thursday"),
    ],
)
def test_prepositional_phrase_of_time_or_addressee_is_not_content(run, text, fragment):
    assert not [r for r in run(text) if r["content"].strip() == fragment
                or r["content"].startswith(("on ", "to ")) and fragment in r["content"]]


def test_coordinated_report_of_other_speakers_ends_the_content(run):
    text = ("Jane Roe tweeted that she had received a message from the senator, and several "
            "other women say they were contacted by his office too.")
    record = only(run(text), "received a message")
    assert "other women" not in record["content"]


def test_content_runs_over_a_hyphenated_word(run):
    text = ("Last week the Harbour Council (HC) said the deal should be re-negotiated after it "
            "lost the support of unions.")
    r = only(run(text), "deal should be")
    assert r["content"].endswith("re-negotiated after it lost the support of unions")


def test_object_content_runs_over_a_gerund_conjunct(run):
    # the parser hangs "forcing" on the cue, not on the object it is coordinated with
    text = ("Maria Lopez has mentioned refinancing student loans and forcing universities to "
            "spend more.")
    r = only(run(text), "refinancing")
    assert r["content"] == ("refinancing student loans and forcing universities to spend "
                            "more")


def test_object_content_runs_over_a_noun_conjunct_of_the_governing_verb(run):
    text = "She started off by emphasizing economic fairness, and a need to raise the wage."
    r = only(run(text), "economic fairness")
    assert r["content"] == "economic fairness, and a need to raise the wage"


def test_object_content_stops_before_a_clause_with_its_own_subject(run):
    r = only(run("Maria Lopez criticized the plan, and the governor agreed."), "the plan")
    assert r["content"] == "the plan"


def test_infinitive_cue_takes_the_clause_hung_on_its_governing_verb(run):
    text = ("The senator continues to insist, most recently in an interview with CNN, that he "
            "wants to release his taxes.")
    r = only(run(text), "wants to release")
    assert (r["cue"], r["content"]) == ("insist", "that he wants to release his taxes")


def test_clause_after_an_infinitive_cue_is_its_report_not_the_governing_verbs(run):
    r = only(run("Maria Lopez tried to argue, in a long speech, that the plan was fair."),
             "plan was fair")
    assert (r["cue"], r["speaker"]) == ("argue", "Maria Lopez")


def test_a_complement_the_parser_hung_on_the_cue_from_the_next_paragraph_is_not_its_report(nlp):
    # the parser sometimes runs a paragraph's first clause into the cue ending the one before
    # ("..., X said.\n\nY plans to ..." with "plans" as a complement of "said"): the cue still
    # reports the clause of its own paragraph
    from helpers import entities, quotes

    text = ("An acre of trees can hold 150 tons of carbon over the years, Mr. Hale said.\n\n"
            "GreenCo plans to plant a million acres in the valley.")
    doc = nlp(text)
    said = next(t for t in doc if t.lower_ == "said")
    plans = next(t for t in doc if t.lower_ == "plans")
    plans.head, plans.dep_ = said, "ccomp"  # the parse slip, made certain
    records = quotes.from_doc(doc, entities.from_doc(doc))
    r = only(records, "An acre")
    assert (r["content"], r["cue"]) == (
        "An acre of trees can hold 150 tons of carbon over the years", "say")
    assert r["speaker_canonical"] == "Hale"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The inspector said it was too soon to name a cause, and there was no sign yet of "
         "a leak.",
         "it was too soon to name a cause, and there was no sign yet of a leak"),
        ("The clerk said she could not find the file because the office had moved, and the "
         "records were incomplete.",
         "she could not find the file because the office had moved, and the records were "
         "incomplete"),
    ],
)
def test_conjunct_hung_on_the_cue_continues_the_reported_clause(run, text, content):
    assert only(run(text), content[:12])["content"] == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The builder said the roof leaks in the rain, and the tenants were not told about "
         "it.",
         "the roof leaks in the rain, and the tenants were not told about it"),
        ("The nurse said the ward was full, and the patients didn't get their meals.",
         "the ward was full, and the patients didn't get their meals"),
        ("The agency announced it will hire 40 inspectors this spring, and they will all be "
         "trained in Denver.",
         "it will hire 40 inspectors this spring, and they will all be trained in Denver"),
    ],
)
def test_conjunct_made_finite_by_its_auxiliary_continues_the_reported_clause(run, text,
                                                                            content):
    assert only(run(text), content[:12])["content"] == content


def test_conjunct_with_a_speech_act_in_its_infinitive_is_not_a_continuation(run):
    records = run("The mayor said the bridge would close in May, but she did not try to "
                  "explain why.")
    assert only(records, "bridge")["content"] == "the bridge would close in May"


def test_coordinated_report_with_its_own_content_is_not_a_continuation(run):
    records = run("The mayor said the bridge would close in May, and the company declined to "
                  "comment.")
    assert only(records, "bridge")["content"] == "the bridge would close in May"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The governor urged residents to stay indoors.", "residents to stay indoors"),
        ("The coach told his players never to discuss the injury.",
         "his players never to discuss the injury"),
    ],
)
def test_infinitive_content_starts_at_the_person_asked(run, text, content):
    assert only(run(text), "to ")["content"] == content


def test_relative_clause_about_something_else_has_no_object_content(run):
    assert run("The plan, which critics call a giveaway, passed on Monday.") == []


def test_verb_coordinated_in_a_clause_with_another_subject_continues_it(run):
    records = run("Insiders said he rated the applicants by their looks and talked about which "
                  "ones he liked.")
    r = only(records, "rated")
    assert r["content"] == ("he rated the applicants by their looks and talked about which ones "
                            "he liked")


def test_bare_verb_after_an_infinitive_content_continues_it(run):
    r = only(run("The group plans to revive ticket sales at the bridge, then hand over the "
                 "property to the state."), "revive")
    assert r["content"] == ("to revive ticket sales at the bridge, then hand over the property "
                            "to the state")



def test_object_content_keeps_the_as_complement_the_parser_read_as_a_clause(run):
    text = ("Last year she described the title race as the \"be all and end all\" - and "
            "rumours persist.")
    r = only(run(text), "be all")
    assert r["content"].endswith(" as the \"be all and end all\"") and r["type"] == "mixed"


def test_that_clause_hung_on_the_report_it_was_said_in(run):
    # the parser hangs the clause on "report"; it is what the group said in it
    text = ("The Open Water group said in a report that river levels are among the lowest "
            "seen in the region.")
    r = only(run(text), "river levels")
    assert r["rule"] == "reported_clause" and r["content"].startswith("that river levels")

