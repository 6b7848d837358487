"""Attachment: which attribution a quotation joins, or whether it starts one.

Handled in ``attribution/attach.py``, ``attribution/gaps.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_multi_paragraph_quote_attributed_once(run):
    text = (
        "Anna Berg wrote:\n\n"
        "“The first paragraph of the statement goes on about the budget.\n\n"
        "“The last one closes it with a promise to cut taxes.”\n"
    )
    records = run(text)
    assert len(records) == 1
    r = records[0]
    assert "first paragraph" in r["content"] and "closes it" in r["content"]
    assert r["speaker_canonical"] == "Anna Berg"


def test_split_quote_is_one_attribution(run):
    text = "“We are ready,” Peter Hansen said, “and we will not back down.”"
    records = run(text)
    assert len(records) == 1
    r = records[0]
    assert r["content"] == "“We are ready,” Peter Hansen said, “and we will not back down.”"
    assert r["speaker"] == "Peter Hansen"
    assert r["type"] == "direct"


@pytest.mark.parametrize("dash", ["—", "–", "--"])
def test_split_quote_after_a_dash_is_one_attribution(run, dash):
    text = f"“We will win,” Peter Hansen said {dash} “no matter what it takes.”"
    r = only(run(text), "We will win")
    assert r["content"].endswith("“no matter what it takes.”")


def test_dash_and_a_clause_after_the_tag_does_not_join_a_scare_quote(run):
    text = "“We will win,” Peter Hansen said — and then the “experts” weighed in."
    r = only(run(text), "We will win")
    assert r["content"] == "“We will win,”"


def test_following_quoted_sentence_continues_attribution(run):
    text = "“We are ready,” Peter Hansen said. “The talks will resume on Monday.”"
    records = run(text)
    assert len(records) == 1
    assert "resume on Monday" in records[0]["content"]


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” Lee warned in Everett, Wash., recently. “This is only the start.”",
        "“We will win,” Ann Lee said at a dinner where Gen. Park also spoke. “This is only "
        "the start.”",
    ],
)
def test_quoted_sentence_continues_past_an_abbreviation_in_the_tag(run, text):
    records = run(text)
    assert len(records) == 1
    assert "only the start" in records[0]["content"] and "We will win" in records[0]["content"]


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” said Ann Lee, speaking of the vote. “This is only the start.”",
        "“We will win,” said Ann Lee, who has backed the mayor since 2010. “This is only the "
        "start.”",
    ],
)
def test_quoted_sentence_continues_the_speaker_not_an_act_in_the_tag(run, text):
    r = only(run(text), "only the start")
    assert r["cue"] == "say" and "We will win" in r["content"]


def test_quotation_continues_after_the_cue_and_its_hearer(run):
    text = ("“What makes this new is not the hacking,” Schiff told reporters on Wednesday, "
            "“but the attempt to interfere with the vote.”")
    r = only(run(text), "hacking")
    assert r["content"] == text and r["type"] == "direct" and r["speaker"] == "Schiff"


def test_quotation_ending_a_sentence_is_not_attached_to_the_next_one(run):
    records = run("The mayor urged officials to release the video “without delay.” Lopez plans "
                  "to visit the city on Sunday, according to an aide.")
    r = only(records, "Sunday")
    assert r["cue"] == "according to" and r["speaker"] == "an aide"
    assert r["content"] == "Lopez plans to visit the city on Sunday"


def test_trailing_cue_reports_the_writer_lead_in_before_the_quotation(run):
    text = ("The four loopholes he cited are “the ability to use real estate losses to offset "
            "income,” the newspaper reported.")
    r = only(run(text), "ability")
    assert r["speaker"] == "the newspaper" and r["content"].startswith("The four loopholes")
    assert r["type"] == "mixed"


def test_title_words_between_quotation_and_name(run):
    # "“...,” Tulsa police Chief Chuck Jordan said": the parse may cut the title off the name;
    # "To which" are no title words, so "she" does not take the quotation before them
    text = "“We will win,” Tulsa police Chief Chuck Jordan said. “Yes,” To which she said."
    records = run(text)
    assert only(records, "We will win")["speaker_canonical"] == "Chuck Jordan"
    assert not [r for r in records if "Yes" in r["content"]]


def test_show_title_before_a_name_is_not_a_quotation(run):
    records = run("On “Meet the Press,” Senator Maria Lopez said the bill would pass.")
    assert only(records, "bill")["content"] == "the bill would pass"


def test_colon_lead_in_takes_the_reporting_verb_above_the_clause(run):
    text = ("Ms. Lopez wrote what she thought the council should have done: “Cut the budget "
            "and listen to the voters.”")
    record = only(run(text), "Cut the budget")
    assert record["cue"] == "write"
    assert record["speaker"] == "Ms. Lopez"


def test_flattened_paragraph_of_quotations_continues_the_speaker(run):
    text = ('"It was a solid report," said Tom Baker, an analyst at Fenwick Bank.\n\n'
            '"Payroll growth was a little lighter than the forecast, but revisions were up." '
            '"Manufacturing is a cyclical area and it is showing growth again." '
            "That means rates may rise.")
    records = run(text)
    assert only(records, "Payroll growth")["speaker_canonical"] == "Tom Baker"


def test_quoted_paragraph_with_narration_after_it_continues_the_speaker(run):
    # the quotation opens its paragraph and ends its sentence; the writer's words follow on
    # the same line (paragraphs flattened)
    text = ('"It was a solid report," said Tom Baker, an analyst at Fenwick Bank.\n\n'
            '"Payroll growth was a little lighter than the forecast." The bank will publish '
            "its own figures next week.")
    r = only(run(text), "Payroll growth")
    assert r["speaker_canonical"] == "Tom Baker"
    assert "publish" not in r["content"]


def test_title_case_subheading_in_quotes_does_not_continue_the_speaker(run):
    text = ('"We will win this race on the merits," said Tom Baker.\n\n'
            "'All Bets Are Off.'\n\nThe race went on for another month.")
    assert not [r for r in run(text) if "All Bets" in r["content"]]


def test_first_person_cue_inside_a_flattened_quote_is_not_reported(run):
    text = ('"It feels good," said Maria Lopez. "To win like that is great. "It has been '
            'years and I did not think I could do it."')
    assert not [r for r in run(text) if r["speaker"] == "I"]


def test_quotation_naming_the_object_of_a_cue(run):
    r = only(run('The senator called the plan "a disaster."'), "disaster")
    assert (r["speaker"], r["cue"], r["type"]) == ("The senator", "call", "direct")


def test_short_quoted_sentence_continues_attribution(run):
    # a quoted sentence of two words is running speech too, not a scare quote
    records = run("“It is over,” Peter Hansen told reporters. “We lost.”")
    assert len(records) == 1
    assert records[0]["content"].endswith("“We lost.”")


def test_scare_quoted_word_after_a_quotation_does_not_continue_it(run):
    records = run("“It is over,” Peter Hansen told reporters. The “plan” failed.")
    assert [r["content"] for r in records] == ["“It is over,”"]


def test_quotation_after_a_possessive_is_a_title(run):
    text = ("“We will win this race,” Lee told CNN’s “State of the Union.” “And we will "
            "win big.”")
    records = run(text)
    assert [r for r in records if r["content"].startswith("“State")] == []


def test_third_quoted_sentence_continues_attribution(run):
    records = run('"We will win," Peter Hansen said. "We always do." "And we always will."')
    assert len(records) == 1
    assert records[0]["content"].endswith('"And we always will."')


def test_quoted_sentence_after_a_quotation_at_a_colon_continues_it(run):
    # the first quotation ends its own sentence: the second, right after it, goes on
    text = "Anna Berg said: “The budget is too small.” “We will ask for more next year.”"
    r = only(run(text), "The budget")
    assert "ask for more" in r["content"]
    assert r["speaker_canonical"] == "Anna Berg"


def test_report_between_quotations_after_a_colon_keeps_its_own_content(run):
    # "She said ..." after the quotation is a report of its own, not part of the first
    text = ("Anna Berg said: “The budget is too small.” She said the council had been warned "
            "twice. “We will ask for more next year.”")
    first = only(run(text), "The budget")
    assert "warned" not in first["content"]
    report = only(run(text), "had been warned")
    assert report["speaker_canonical"] == "Anna Berg"


def test_quoted_sentence_before_a_tagged_quotation_goes_with_its_tag(run):
    # paragraphs flattened onto one line: the first quoted sentence lost its own tag
    text = ("Maria Lopez spoke on Monday.\n\n"
            '"The budget is too small for the city. "We will ask for more next year," '
            "she said.")
    r = only(run(text), "budget is too small")
    assert "ask for more" in r["content"]
    assert r["speaker_canonical"] == "Maria Lopez"


def test_quotation_after_a_colon_lead_in_does_not_jump_to_the_next_tag(run):
    text = ('Maria Lopez was asked: "Why is the budget so small?" "We will ask for more," '
            "said Peter Hansen.")
    records = run(text)
    assert not [r for r in records if "Why is the budget" in r["content"]
                and r["speaker_canonical"] == "Peter Hansen"]


def test_quoted_sentence_after_a_comment_clause_report_continues_its_speaker(run):
    # the report's content keeps its sentence's stop; the next sentence is still the next one
    text = ("Above all, Nora Vance says, farmers were tired of waiting for the council. "
            "“Ask anyone in the valley and they will tell you the same thing.” The vote is "
            "next week.")
    r = only(run(text), "Ask anyone")
    assert r["speaker"] == "Nora Vance" and r["cue"] == "say"
    assert "tired of waiting" in r["content"] and "vote is" not in r["content"]
