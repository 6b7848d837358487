"""Speech tags: a quotation with a speaker and any verb next to it.

Handled in ``attribution/tags.py``: the shape of the words after a quotation decides that it
has a speaker; the cue lexicon only scores it (``quotation_at_cue`` for a listed verb,
``quotation_at_tag`` for any other).
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        ("“Go home now,” Trump implored.", "Go home", "Trump", "implore"),
        ("“Really?” asked the campaign manager.", "Really", "the campaign manager", "ask"),
        ("“Thanks!” responded Ms. Lee.", "Thanks", "Ms. Lee", "respond"),
        ("“This is a disgrace,” she fumed.", "disgrace", "she", "fume"),
        ("“It was the best day of my life,” she gushed.", "best day", "she", "gush"),
        ("“We will not back down,” the senator tweeted.", "back down", "the senator", "tweet"),
        ("“Not a chance,” he wrote back.", "Not a chance", "he", "write"),
        ("“I am not worried,” laughed Mr. Smith.", "not worried", "Mr. Smith", "laugh"),
        ("“Enough!” shouted the protesters.", "Enough", "the protesters", "shout"),
        ("“The plan is dead,” he shrugged in an email on Tuesday.", "plan is dead", "he",
         "shrug"),
    ],
)
def test_any_verb_after_a_quotation_with_a_speaker(run, text, fragment, speaker, cue):
    r = only(run(text), fragment)
    assert (r["speaker"], r["cue"], r["type"]) == (speaker, cue, "direct")


def test_unlisted_verb_is_scored_below_a_listed_one(run):
    listed = only(run("“We lost,” the coach conceded."), "We lost")
    unlisted = only(run("“We lost,” the coach sighed."), "We lost")
    assert (listed["rule"], unlisted["rule"]) == ("quotation_at_cue", "quotation_at_tag")
    assert unlisted["confidence"] < listed["confidence"]


def test_speaker_with_an_appositive(run):
    text = "“Nobody reads the fine print,” Dana Kim, a consumer lawyer, grumbled."
    r = only(run(text), "fine print")
    assert r["speaker"] == "Dana Kim"


def test_split_quotation_around_a_tag_is_one_attribution(run):
    text = "“I like the mayor,” the baker sighed, “but the new tax will close my shop.”"
    r = only(run(text), "I like the mayor")
    assert r["content"] == text[: text.rindex("”") + 1]
    assert r["speaker"] == "the baker"


def test_split_quotation_after_a_place_with_abbreviations(run):
    text = ("“The roads are a mess,” Hansen said at a rally in Dayton, Ohio, on Friday, “and "
            "nobody fixes them.”")
    r = only(run(text), "The roads")
    assert "nobody fixes them" in r["content"]


def test_a_verb_with_its_own_clause_is_no_tag(run):
    """"“...,” he said the plan would fail": the verb reports a clause of its own."""
    text = "Asked about the “big beautiful bill,” Carter said the plan would fail."
    records = run(text)
    assert [r["content"] for r in records] == ["the plan would fail"]


def test_title_after_a_preposition_is_no_quotation(run):
    text = "As the host of “The Morning Show,” Lopez interviewed three senators last week."
    assert run(text) == []


def test_speaker_with_a_relative_clause_between_commas(run):
    text = ("“Not now,” the official, who asked not to be named because he was not "
            "authorized to speak, said.")
    r = only(run(text), "Not now")
    assert (r["speaker"], r["cue"], r["type"]) == ("the official", "say", "direct")


def test_plural_possessive_and_a_named_appositive(run):
    r = only(run("“We will not move,” the tenants’ lawyer, Ana Diaz, said."), "not move")
    assert (r["speaker"], r["type"]) == ("Ana Diaz", "direct")


def test_speech_tag_reads_a_parenthesis_after_the_speaker(run):
    r = only(run("“This is a sad day,” Rep. Ann Lee (D-Ohio) said."), "sad day")
    assert (r["speaker"], r["rule"]) == ("Rep. Ann Lee", "quotation_at_cue")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The plan is a disaster for the city,” was how Peter Hansen put it.", "Peter Hansen"),
        ("“The plan is a disaster,” is how Maria Lopez described it to reporters.",
         "Maria Lopez"),
    ],
)
def test_was_how_someone_put_it_names_the_speaker(run, text, speaker):
    assert only(run(text), "disaster")["speaker_canonical"] == speaker


def test_is_how_it_works_names_no_speaker(run):
    assert run("“Buy low, sell high,” is how it works.") == []
