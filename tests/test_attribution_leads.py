"""Lead-ins: transcript turns, headline lead-ins, colons and inverted cues.

Handled in ``attribution/leads.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_colon_lead_in(run):
    text = "Maria Lopez said: “The bill will pass before the summer.”"
    r = only(run(text), "The bill will pass")
    assert r["type"] == "direct"
    assert r["speaker_canonical"] == "Maria Lopez"


def test_transcript_colon(run):
    text = "HANSEN: We will not raise taxes this year.\n\nLOPEZ: That is not what you said."
    records = run(text)
    assert [r["speaker"] for r in records] == ["HANSEN", "LOPEZ"]
    assert records[0]["content"] == "We will not raise taxes this year"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("The plan would make the code more complicated. Said Ellis: “I don’t get the sense "
         "she’s the least bit interested in tax reform.”", "say", "Ellis"),
        ('Adds Lopez, "We will keep fighting."', "add", "Lopez"),
    ],
)
def test_sentence_opening_with_cue_and_name(run, text, cue, speaker):
    r = only(run(text), "“" if "“" in text else '"We')
    assert (r["cue"], r["speaker"], r["type"]) == (cue, speaker, "direct")


def test_sentence_opening_with_cue_needs_a_name(run):
    assert run('Asked Tuesday: "Why now?"') == []


def test_lone_capitalised_label_before_a_colon_is_not_a_speaker(run):
    records = run("The board met on Monday.\n\nCLARIFICATION: An earlier version of this story "
                  "misstated the date of the vote.")
    assert [r for r in records if r["cue"] == ":"] == []


def test_transcript_turns_name_their_speakers(run):
    records = run("WALLACE: Will she be there tomorrow night?\n\nPENCE: She will not be attending "
                  "the debate.")
    assert [(r["cue"], r["speaker"]) for r in records] == [(":", "WALLACE"), (":", "PENCE")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The summit drew mixed reactions.\n\nMaria Lopez, Reuters: “The talks have stalled.”",
         "Maria Lopez"),
        ("Reactions came fast.\n\nJohn Carter, a senior analyst at the Brookings Institution: "
         "“Nobody expected a deal this week.”", "John Carter"),
        ("Voices in the ad:\n\n— Maria Lopez, a teacher: “We need more money for schools.”",
         "Maria Lopez"),
        ("Reactions came fast.\n\nSen. John Carter, D-Ohio, on Twitter: “Nobody expected a deal "
         "this week.”", "Sen. John Carter"),
        ("Reactions came fast.\n\nJohn Carter (D-Ohio): “Nobody expected a deal this week.”",
         "John Carter"),
        ("Reactions came fast.\n\nJohn Carter on the budget: “Nobody expected a deal this "
         "week.”", "John Carter"),
    ],
)
def test_name_and_affiliation_before_a_colon(run, text, speaker):
    r = only(run(text), "“")
    assert (r["speaker"], r["type"], r["cue"]) == (speaker, "direct", ":")
    assert text[r["cue_start"] : r["cue_end"]] == ":"


def test_title_with_a_colon_before_a_quotation_is_no_lead_in(run):
    assert run("The Summit on Climate: “A New Hope” opened on Monday.") == []


def test_name_then_dash_before_a_quotation(run):
    text = ("The critics of the plan include the former mayor Ann Lee -- “It is a disgrace to "
            "the city” -- and two council members.")
    r = only(run(text), "disgrace")
    assert (r["speaker"], r["type"], r["rule"]) == ("Ann Lee", "direct", "quotation_dash")


def test_thing_then_dash_before_a_quotation_is_no_speaker(run):
    text = "The sign on the door -- “Closed until further notice” -- had faded."
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Maria Lopez was defiant: “We will win this race.”", "Maria Lopez"),
        ("Asked about the polls, Maria Lopez was defiant: “We will win this race.”",
         "Maria Lopez"),
    ],
)
def test_person_described_before_a_colon_introduces_the_quotation(run, text, speaker):
    r = only(run(text), "“We will win")
    assert (r["speaker"], r["type"], r["cue"]) == (speaker, "direct", "be defiant")


def test_thing_described_before_a_colon_is_no_speaker(run):
    assert run("The mood was grim: “We will lose this race.”") == []


@pytest.mark.parametrize(
    ("after", "canonical"),
    [
        ("— Sen. Maria Lopez (D-Ohio)", "Maria Lopez"),
        ("—Rep. John Carter, R-Texas", "John Carter"),
        ("— the Ohio Education Association", "Ohio Education Association"),
    ],
)
def test_dash_after_a_quotation_names_the_speaker_past_titles(run, after, canonical):
    text = f"Reactions came fast.\n\n“This is the right call.” {after}"
    r = only(run(text), "right call")
    assert (r["rule"], r["speaker_canonical"]) == ("quotation_dash", canonical)


def test_dash_after_a_quotation_beats_a_colon_lead_in_before_the_list(run):
    text = ("Here is what they said:\n\n“Our kids deserve better than this.” — Tom Reed, parent"
            "\n\n“This is the right call.” — Maria Lopez, teacher")
    records = run(text)
    assert [(r["rule"], r["speaker"]) for r in records] == [
        ("quotation_dash", "Tom Reed"), ("quotation_dash", "Maria Lopez")]


def test_name_with_a_parenthesis_then_dash_before_a_quotation(run):
    text = "Republicans objected. Sen. Ann Lee (R-Ohio) — “It is a disgrace.”"
    r = only(run(text), "disgrace")
    assert (r["rule"], r["speaker_canonical"]) == ("quotation_dash", "Ann Lee")


def test_thing_with_a_parenthesis_then_dash_is_no_speaker(run):
    assert run("The plan (approved in May) — “a disgrace” — stalled.") == []


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Maria Lopez’s response was simple: “We will win this race.”", "Maria Lopez"),
        ("Maria Lopez’s response: “We will win this race.”", "Maria Lopez"),
        ("Reporters asked Maria Lopez about the race. Her reply: “We will win this race.”",
         "Maria Lopez"),
        ("Maria Lopez shot back, “We will win this race.”", "Maria Lopez"),
        # an owning pronoun, with or without a judging adjective after the copula
        ("Maria Lopez spoke on Monday. Her reply was blunt: “We will win this race.”",
         "Maria Lopez"),
        ("Maria Lopez spoke on Monday. Her message to the voters was: “We will win this "
         "race.”", "Maria Lopez"),
    ],
)
def test_someones_words_named_before_a_colon_introduce_the_quotation(run, text, canonical):
    r = only(run(text), "“We will win")
    assert (r["speaker_canonical"], r["type"]) == (canonical, "direct")


def test_a_things_message_before_a_colon_is_no_speaker(run):
    assert run("The plan’s message: “We will win this race.”") == []
    assert run("The plan’s message was: “We will win this race.”") == []


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # the headline's subject (title case: the tagger reads every word as a name)
        ("Farmers Slam Water Plan As A ‘Giveaway.’\n\nThe state unveiled its water plan on "
         "Monday.", "Farmers", "Slam Water Plan As A ‘Giveaway.’"),
        ("Worried Parents Rally To ‘Save Our Libraries.’\n\nHundreds gathered outside city "
         "hall.", "Parents", "Rally To ‘Save Our Libraries.’"),
        # the name before the headline's colon
        ("A warning from Maria Lopez: ‘Fix the bridge now.’\n\nThe bridge was built in 1950.",
         "Maria Lopez", "‘Fix the bridge now.’"),
    ],
)
def test_quotation_in_the_headline_reports_its_subject(run, text, speaker, fragment):
    r = only(run(text), fragment)
    assert (r["rule"], r["speaker"], r["content"]) == ("headline_quotation", speaker, fragment)


@pytest.mark.parametrize(
    "text",
    [
        "The ‘Miracle’ Diet That Wasn’t\n\nA new study looked at the diet.",  # no one before it
        "Farmers Slam Water Plan As A ‘Giveaway.’",  # one line: no article after a headline
        "The state met farmers on Monday.\n\nFarmers called the plan a ‘giveaway’ at once.",
    ],
)
def test_no_headline_quotation_without_a_headline_subject(run, text):
    assert [r for r in run(text) if r["rule"] == "headline_quotation"] == []


def test_subject_inside_the_quotation_is_no_speaker_of_the_verb_before_it(run):
    # the parse gives "quote" the quotation's own subject; that is what the words are about
    records = run("To quote Maria Lopez: “The plan is a disaster for the city.”")
    assert not [r for r in records if r["speaker"] == "The plan"]


def test_clause_with_a_verb_before_a_colon_is_no_lead_in(run):
    # "Name, asked ..., replied:" is a reporting clause, not "Name, mayor of X:": one
    # attribution, made by the cue
    records = run("Maria Lopez, asked about the budget, replied: “We will cut taxes next year.”")
    assert len(records) == 1
    assert records[0]["rule"] != "headline_lead"
    assert records[0]["speaker_canonical"] == "Maria Lopez"


def test_list_of_reactions_names_role_and_person_before_a_colon(run):
    text = ("Rovers lost 2-0 at home on Saturday.\n\n"
            "- Rovers boss Tom Reed: \"We were poor today. \"We must improve quickly.\" "
            "Rovers: Day, Cole, Platt, Marsh.\n\n"
            "- City manager Ann Lowe: \"It was a fine win after a hard week.\"")
    reed = only(run(text), "We were poor")
    assert (reed["speaker"], reed["speaker_canonical"]) == ("Rovers boss Tom Reed", "Tom Reed")
    assert reed["content"].endswith("improve quickly.\"")  # not the line-up after it
    lowe = only(run(text), "fine win")
    assert lowe["speaker_canonical"] == "Ann Lowe"


def test_list_item_of_a_thing_before_a_colon_is_no_speaker(run):
    text = "Plans for the year:\n\n- Improve ticket sales: \"a plan for the club\" was set out."
    assert run(text) == []


def test_list_of_reactions_without_a_colon_names_role_and_person(run):
    text = ("Rovers lost 2-0 at home on Saturday.\n\n"
            "- Rovers boss Tom Reed \"We were poor today. \"We must improve quickly.\"\n\n"
            "- Rovers beat Town \"with ease\" last year.")
    reed = only(run(text), "We were poor")
    assert (reed["speaker"], reed["speaker_canonical"]) == ("Rovers boss Tom Reed", "Tom Reed")
    assert reed["type"] == "direct" and reed["content"].endswith("improve quickly.\"")
    assert not [r for r in run(text) if "with ease" in r["content"]]  # Town is no person
