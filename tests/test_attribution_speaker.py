"""The speaker token of a cue, from the parse.

Handled in ``attribution/speaker.py``, ``attribution/subjects.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_who_clause(run):
    text = "Maria Lopez, who chairs the committee, said the bill would pass."
    r = only(run(text), "bill would pass")
    assert r["speaker_canonical"] == "Maria Lopez"


def test_organisations_and_countries_speak(run):
    r = only(run("Russia insists that any talks must reflect the new realities."), "any talks")
    assert r["speaker_canonical"] == "Russia"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # object control: the one forced/asked to speak is the speaker
        ("The committee forced Smith to admit that the bank had failed its customers.",
         "admit", "Smith"),
        # a participle right after a name
        ("The ad shows Maria Lopez saying, “We will win this fight.”", "say", "Maria Lopez"),
        # ", saying ..." belongs to the main clause, not to a relative clause before it
        ("Jones mocked a reporter who said he had lied, adding, “That is simply false.”",
         "add", "Jones"),
        # "X said A and warned B": both acts are X's
        ("The ministry said it was opposed to the plan and warned the company to stop drilling.",
         "warn", "The ministry"),
        # a participial subject ("Protesters marching ...") and a fronted phrase between commas
        ("Protesters marching through the city chanted “No justice, no peace.”", "chant",
         "Protesters"),
        ("Lopez, at Monday's hearing, cited the report as proof of fraud.", "cite", "Lopez"),
        # "X's claim that ..." as the object of another verb: X claimed
        ("Video shows the man running, contradicting the police's earlier claim that he was "
         "armed.", "claim", "the police"),
        # a comment clause the parser read as "as one of ..." phrase: its words speak
        ("Florida, as one of the governor's science advisers pointed out, rarely gets two "
         "storms in a week.", "point out", "one of the governor's science advisers"),
        # "according to a speech X delivered": X
        ("The economy grew, according to a speech Yellen delivered in July.", "according to",
         "Yellen"),
    ],
)
def test_speaker_mention_choice(run, text, cue, speaker):
    found = [r for r in run(text) if r["cue"] == cue]
    assert len(found) == 1, found
    assert found[0]["speaker"] == speaker


def test_object_of_causative_verb_is_speaker_of_participle(run):
    # "left X feeling that ...": X feels, not the subject of "left"
    r = only(run("The scandal left voters feeling that nobody was listening."), "nobody")
    assert r["cue"] == "feel" and r["speaker"] == "voters"


def test_participle_opening_a_paragraph_takes_the_subject_after_it(run):
    # the parser hangs "Bemoaning" from the previous paragraph's verb; its speaker is the
    # subject right after the phrase, and the quoted phrase after "the" is not the quotation
    # of "Trump accused" but the object of "Bemoaning"
    text = ("\"The reason why so many newspapers are opposed to our movement is the same reason "
            "why the lobbyists are.\"\n\nBemoaning the \"phony system,\" Trump accused Holt of "
            "being a Democrat.")
    records = run(text)
    bemoan = [r for r in records if r["cue"] == "bemoan"]
    assert len(bemoan) == 1 and bemoan[0]["speaker_start"] == text.index("Trump")
    assert bemoan[0]["content"] == 'the "phony system,"'


def test_dateline_is_never_a_speaker(run):
    text = ("OSLO – Three hundred days after descending the stairs of his tower to announce "
            "his candidacy, Peter Hansen took the oath of office.")
    assert not [r for r in run(text) if r["speaker"] == "OSLO"]


def test_apposition_missing_its_closing_comma_keeps_the_name_as_speaker(run):
    text = ('"The story this year is all about digital and how it changes products," '
            "Jo Roe, from the Consumer Gadget Association (CGA) told the BBC News website.")
    record = only(run(text), "all about digital")
    assert record["speaker"] == "Jo Roe"


def test_party_and_state_in_parentheses_do_not_hide_the_name(run):
    text = ("Earlier Friday, chairman of the House Budget Committee Rep. Tom Reed (D-Ohio) "
            "revealed that his committee had begun searching for witnesses.")
    record = only(run(text), "begun searching")
    assert record["speaker_canonical"] == "Tom Reed"


def test_participle_after_a_passive_belongs_to_the_agent(run):
    text = ("The bill was backed by several software firms, saying they needed the "
            "protection it offered.")
    r = only(run(text), "they needed")
    assert r["speaker"] == "several software firms"


def test_cue_in_a_relative_clause_is_reported_of_its_antecedent(run):
    """"despite advice from General Roe, ..., who recommended that ...": the recommendation
    is Roe's, not the main clause's speaker's."""
    text = ("Lopez argued for the plan despite advice from General Ann Roe, chief of the army "
            "staff, who recommended that the troops withdraw.")
    r = only(run(text), "the troops withdraw")
    assert (r["cue"], r["speaker_canonical"]) == ("recommend", "Ann Roe")


@pytest.mark.parametrize("text", [
    "Insiders said he rated the interns by their looks and talked about which ones he would "
    "hire.",
    "Neighbours said she painted the fence at night and complained about the noise.",
])
def test_coordinated_act_in_a_clause_of_another_number_is_not_the_outer_speakers(run, text):
    """"Insiders said he rated X and talked about Y": "talked" shares the subject of the
    clause it is coordinated with ("he"), not the outer speaker of another number -- it is
    part of what the insiders said, never an act of theirs."""
    records = run(text)
    outer = [r for r in records if r["cue"] == "say"]
    assert len(outer) == 1 and outer[0]["speaker"] == text.split()[0]
    assert "about" in outer[0]["content"]
    acts = [r for r in records if r["cue"] in ("talk", "complain")]
    assert all(r["speaker"] != text.split()[0] for r in acts), acts


def test_a_quotations_own_subject_never_speaks_it(run):
    """"X dodged it, calling it a joke -- "That is silly" -- and ... insisting, "...": the
    parser may hang the second participle inside the first quotation; its subject ("That")
    is what was said, the speaker is the sentence's subject outside the quotations."""
    text = ('Mr. Lee dodged the issue, calling the charge first a joke -- "That is silly" -- '
            'and, when pressed later, insisting, "I paid every cent."')
    r = only(run(text), "every cent")
    assert (r["cue"], r["speaker"]) == ("insist", "Mr. Lee")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Peter Hansen is said to have told the mayor that the deal was dead.", "deal was dead"),
        ("Peter Hansen is alleged to have told the mayor: “There is nothing left to say.”",
         "nothing left"),
        ("Peter Hansen was quoted in a local newspaper saying: “The council has failed.”",
         "council has failed"),
        ("Peter Hansen was heard saying he was tired of the vote.", "tired of the vote"),
        # a speech announced ahead: its words are released as his
        ("Peter Hansen is expected to tell the council that the deal was dead.",
         "deal was dead"),
        ("Peter Hansen is set to announce that the deal was dead.", "deal was dead"),
        ("Peter Hansen was due to tell the council that the deal was dead.", "deal was dead"),
    ],
)
def test_passive_of_report_raises_the_speaker_of_what_it_reports(run, text, fragment):
    # whoever said, alleged or heard it is not named; Hansen is the one who spoke
    assert only(run(text), fragment)["speaker_canonical"] == "Peter Hansen"


def test_other_passive_before_a_cue_names_no_speaker(run):
    # urged to say: Hansen did not (yet) say it, and whoever urged him is not named
    records = run("Peter Hansen was urged to say that the deal was dead.")
    assert all(r["speaker"] is None for r in records)


@pytest.mark.parametrize(
    "text",
    [
        "Peter Hansen, asked about the budget, said the plan was fair.",
        "Peter Hansen, pressed by reporters, insisted that the plan was fair.",
    ],
)
def test_name_before_a_participle_parenthetical_speaks(run, text):
    # the parser makes the participle the main verb and the name its subject; the noun
    # inside the parenthetical ("the budget", "reporters") is no speaker
    assert only(run(text), "plan was fair")["speaker_canonical"] == "Peter Hansen"


def test_subject_whose_words_the_parser_hung_on_the_verb(run):
    # the parser attaches "the" and "old" of "the 22-year-old" to "said" and gives it no
    # subject; the adjective after a determiner on the verb heads the lost subject
    r = only(run("Dan Price won the race in Leeds on Sunday. “It was hard,” the 22-year-old "
                 "said."), "It was hard")
    assert r["speaker"].endswith("22-year-old") and r["speaker_canonical"] == "Dan Price"


@pytest.mark.parametrize("verb", ["issued", "put out", "sent"])
def test_text_put_out_by_the_subject_speaks_for_it(run, verb):
    # "X issued a statement saying ...": the statement's participle is X's report
    text = f"The union {verb} a statement saying the rent strike would go ahead."
    r = only(run(text), "rent strike")
    assert r["speaker"] == "The union" and r["cue"] == "say"


def test_a_day_before_a_participle_is_no_speaker(run):
    text = "Ann Vance wrote to the governor on Friday accusing her of breaking the rules."
    r = only(run(text), "breaking the rules")
    assert r["speaker"] == "Ann Vance"


def test_an_infinitive_on_the_object_of_give_is_no_text_put_out(run):
    text = "Their silence had given the rebels the chance to portray themselves as reformers."
    assert not [r for r in run(text) if r["speaker"] == "Their silence"]
