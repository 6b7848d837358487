"""Name speakers: appositions, namesakes, misspellings, knights, names the NER missed.

Handled in ``speakers/names.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder

from helpers import lexicons, speakers


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_appositive_name(who):
    text = "A spokesperson for the ministry, Anna Berg, said that the plan was on track."
    assert who(text, "plan was on track")[1] == "Anna Berg"


def test_apposition_speaker_is_the_name(who):
    text = ("Attorney General Roy Kessler, the governor's opponent in the election, said "
            "that the video should be released.")
    assert who(text, "video should be released")[1] == "Roy Kessler"


def test_lone_surname_is_the_namesake_just_named_in_full(who):
    # the article's first Olsen is Gary; the later item names Mark Olsen and goes on
    # with "Olsen" and "he"
    text = ("Libertarian candidate Gary Olsen leads in Utah. Olsen said that his campaign "
            "was growing. Voters in Utah like him.\n\nEnergy Secretary Mark Olsen says "
            "hackers attacked the grid. Olsen said that the grid is now safe. Officials "
            "were relieved. Later, he said that more attacks would come.")
    assert who(text, "grid is now safe")[1] == "Mark Olsen"
    assert who(text, "more attacks would come")[1] == "Mark Olsen"
    assert who(text, "campaign was growing")[1] == "Gary Olsen"


def test_misspelt_surname_is_the_person_named_in_full(who):
    text = ("\"We are worried,\" said Dora Quillen, the head of a tenants group. Quilen "
            "believes that the rents will rise.")
    assert who(text, "rents will rise")[1] == "Dora Quillen"


def test_proper_name_the_tagger_missed_is_kept_as_written(who):
    text = "Mediaite argues that the interview was unfair to the congressman."
    assert who(text, "interview was unfair") == ("Mediaite", "Mediaite")


def test_knight_named_by_first_name_is_the_full_name(who):
    text = ("The report was written by its chief executive, Sir Alan Brookfield. Sir Alan "
            "said the gap between regions was widening. He added that schools must act.")
    assert who(text, "gap between regions") == ("Sir Alan", "Alan Brookfield")
    assert who(text, "schools must act")[1] == "Alan Brookfield"


def test_role_word_inside_a_name_is_dropped_from_the_canonical():
    assert speakers.without_role("Madrid star Tomas Ferreira") == "Tomas Ferreira"
    assert speakers.without_role("Bank of Ruritania") == "Bank of Ruritania"
    assert speakers.without_role("Tomas Ferreira") == "Tomas Ferreira"


def test_lexicons_load():
    assert lexicons.pronouns()["she"]["gender"] == "f"
    assert lexicons.descriptions()["newspaper"]["kind"] == "media"
    assert lexicons.first_names()["maria"] == "f"
    assert "times" in lexicons.media_words()


def test_a_name_the_ner_ran_on_into_the_reported_words_stops_before_them(who):
    # title case: the NER reads "Hale Sees 'Personal Insult'" as one organisation
    text = "Hale Sees 'Personal Insult' in Budget Cuts.\n\nTom Hale spoke on Monday."
    assert who(text, "Personal Insult") == ("Hale", "Hale")


def test_title_after_the_name_is_that_person(who):
    # "Frank Field MP": the mention's head is the title, the person the name before it,
    # not the MP the article named before
    text = ("Labour MP Peter Hansen said the party was united. Peter Hansen added that the "
            "vote was close. Former welfare minister Frank Field MP said the leader should go.")
    assert who(text, "leader should go")[1] == "Frank Field"


def test_body_tagged_as_a_person_before_a_title_is_no_name(who):
    # "a Defra spokesman": an acronym before the role is no given name
    text = "Peter Hansen spoke first. A Defra spokesman said the leader should go."
    assert who(text, "leader should go")[1] != "Defra"


def test_long_title_before_a_name_is_that_name(who):
    # the parser runs "for sport" / "for farming" on into the name: the name still ends
    # the title
    text = 'Shadow spokesman for sport Peter Halloran said: "The timetable is a shambles."'
    assert who(text, "timetable is a shambles")[1] == "Peter Halloran"
    text = ('The shadow secretary for farming Mary Tolland said: "The timetable is a '
            'shambles."')
    assert who(text, "timetable is a shambles")[1] == "Mary Tolland"
    # but a spokesman for a named person speaks for them: not that person
    text = "A spokesman for Peter Halloran said that the timetable was a shambles."
    assert who(text, "timetable was a shambles")[1] != "Peter Halloran"


def test_surname_the_tagger_left_out_joins_the_given_name(who):
    # only the given name is tagged as a person; the surname after it is the head
    text = ('Labour MP Tom Ryder said it was a serious matter. Deputy Speaker Hilda Veal '
            'agreed it was "of concern" but said nothing could be done.')
    assert who(text, "of concern")[1] == "Hilda Veal"


def test_capitalised_role_inside_a_person_name_is_left_out(who):
    # the tagger keeps "Lib Dem Councillor" inside the person: the name follows the role
    text = "Lib Dem Councillor Lembit Varga said that the vote had been rigged."
    assert who(text, "vote had been rigged")[1] == "Lembit Varga"


def test_party_word_run_into_a_person_name_is_left_out(who):
    # the tagger runs the party into the person: the name starts at the given name
    text = ("Lib Dem Councillor Lembit Varga said the count was fair. Tory Dominic Frell "
            "said that the vote had been rigged.")
    assert who(text, "vote had been rigged")[1] == "Dominic Frell"
