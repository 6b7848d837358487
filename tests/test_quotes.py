"""Quote extraction, one construction per test, on small hand-written sentences."""

from __future__ import annotations

import pytest

from helpers import entities, quotes, schema
from helpers.quotes import quote_spans


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str) -> list[dict]:
        doc = nlp(text)
        records = quotes.from_doc(doc, entities.from_doc(doc))
        for r in records:  # the contract's invariants, on every record
            assert text[r["content_start"] : r["content_end"]] == r["content"]
            if r["speaker"] is not None:
                assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
            assert text[r["cue_start"] : r["cue_end"]] != ""
            assert r["type"] in ("direct", "indirect", "mixed")
            assert 0 <= r["confidence"] <= 1
        return records

    return _run


def only(records: list[dict], fragment: str) -> dict:
    found = [r for r in records if fragment in r["content"]]
    assert len(found) == 1, (fragment, records)
    return found[0]


# --- quote marks ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        '"We will win this race," Maria Lopez said.',
        "“We will win this race,” Maria Lopez said.",
        "«We will win this race», Maria Lopez said.",
        "‘We will win this race,’ Maria Lopez said.",
    ],
)
def test_every_quote_mark_style(run, text):
    r = only(run(text), "We will win this race")
    assert r["type"] == "direct"
    assert r["speaker"] == "Maria Lopez"
    assert r["cue"] == "say"
    assert r["content"][0] in "\"“«‘" and r["content"][-1] in "\"”»’"


def test_quote_spans_pair_by_type_and_skip_apostrophes():
    text = "He said “it’s the economy” and ‘don’t worry’ today."
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans == ["“it’s the economy”", "‘don’t worry’"]


def test_multi_paragraph_quote_is_one_span():
    text = (
        "“The first paragraph of the statement goes on.\n\n"
        "“The second paragraph reopens the quote.\n\n"
        "“The last one closes it,” the minister said.\n"
    )
    spans = quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].endswith("closes it,”")


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


def test_following_quoted_sentence_continues_attribution(run):
    text = "“We are ready,” Peter Hansen said. “The talks will resume on Monday.”"
    records = run(text)
    assert len(records) == 1
    assert "resume on Monday" in records[0]["content"]


def test_short_quote_kept(run):
    r = only(run("“No,” said Laura Chen."), "No")
    assert r["speaker"] == "Laura Chen"
    assert r["type"] == "direct"


def test_stray_mark_does_not_cost_the_rest(run):
    text = (
        "The “reform was announced on Monday.\n\n"
        "“Taxes will rise next year,” the minister, Olaf Berger, said.\n"
    )
    records = run(text)
    r = only(records, "Taxes will rise")
    assert r["type"] == "direct"
    assert r["speaker_canonical"] == "Olaf Berger"


def test_scare_quotes_are_not_attributions(run):
    text = "The so-called “peace plan” was published in a newspaper on Monday."
    assert run(text) == []


def test_title_in_quotes_is_not_an_attribution(run):
    assert run("She watched the film “Gone With the Wind” twice last year.") == []


# --- indirect and mixed -----------------------------------------------------------------------

def test_said_that(run):
    r = only(run("John Smith said that the economy would recover next year."), "economy")
    assert r["type"] == "indirect"
    assert r["content"] == "that the economy would recover next year"
    assert r["speaker_canonical"] == "John Smith"
    assert r["cue"] == "say"


def test_said_without_that(run):
    r = only(run("John Smith said the economy would recover next year."), "economy")
    assert r["content"].startswith("the economy would recover")


def test_told_y_that(run):
    r = only(run("Maria Lopez told reporters that the plan was dead."), "plan was dead")
    assert r["speaker"] == "Maria Lopez"
    assert r["cue"] == "tell"


def test_who_clause(run):
    text = "Maria Lopez, who chairs the committee, said the bill would pass."
    r = only(run(text), "bill would pass")
    assert r["speaker_canonical"] == "Maria Lopez"


def test_trailing_speaker(run):
    r = only(run("The bill will pass next week, Maria Lopez said."), "bill will pass")
    assert r["content"] == "The bill will pass next week"
    assert r["speaker_canonical"] == "Maria Lopez"


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


def test_mixed_quote(run):
    text = "Maria Lopez said the plan was “dead on arrival” and would be withdrawn."
    r = only(run(text), "dead on arrival")
    assert r["type"] == "mixed"


def test_organisations_and_countries_speak(run):
    r = only(run("Russia insists that any talks must reflect the new realities."), "any talks")
    assert r["speaker_canonical"] == "Russia"


def test_cue_inside_a_quotation_is_not_separate(run):
    text = "“I think the deal is good,” Peter Hansen said."
    records = run(text)
    assert len(records) == 1
    assert records[0]["speaker_canonical"] == "Peter Hansen"


def test_stance_cues_are_flagged():
    stance = quotes.stance_cues()
    assert {"claim", "admit", "insist", "concede"} <= stance
    assert "say" not in stance


def test_quote_ids_in_text_order(run):
    text = ("Maria Lopez said the bill would pass. Peter Hansen said it would fail. "
            "“We will see,” Anna Berg said.")
    records = run(text)
    assert [r["quote_id"] for r in records] == [f"q{i}" for i in range(1, len(records) + 1)]
    assert [r["content_start"] for r in records] == sorted(r["content_start"] for r in records)


def test_empty_and_quote_free_text(run):
    assert run("") == []
    assert run("The weather was fine on Monday.") == []


def test_extract_returns_contract_columns():
    df = quotes.extract("Maria Lopez said that the bill would pass.")
    assert list(df.columns)[: len(schema.columns("quotes"))] == schema.columns("quotes")
    assert len(df) == 1 and df.loc[0, "quote_id"] == "0:q1"


@pytest.mark.parametrize(
    "text",
    [
        "“" * 50,
        "”" * 20 + " he said " + "“" * 20,
        '"""""" said "" X "',
        "‘ ’ ‘ ’ « » „ “ ‹ › ―\n\n“\n\n“\n\n“ said:",
        "He said: \n\n\n",
        "SAID: said: according to\n\nACCORDING TO: “",
        "The <b>minister</b> said that “<script>x</script>” & co. would win.",
        ("“Word " * 300) + "” she said.",
    ],
)
def test_hostile_text_never_breaks(run, text):
    records = run(text)  # the fixture checks every offset invariant
    assert isinstance(records, list)


# --- round 3: passive reports, support-verb cues, topic prepositions ------------------------

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


def test_talk_about_topic_but_not_addressee(run):
    r = only(run("Tom Baker talked about the drought and its cost to farmers."), "drought")
    assert r["content"] == "about the drought and its cost to farmers"
    assert run("Tom Baker talked to reporters for ten minutes.") == []


def test_short_noun_object_is_content(run):
    assert only(run("Maria Lopez promised a veto."), "veto")["content"] == "a veto"
    assert run("Tom Baker noted it.") == []


# --- round 5: sentence ends after abbreviations, speaker choice, nested cues ----------------

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
        # "according to a speech X delivered": X
        ("The economy grew, according to a speech Yellen delivered in July.", "according to",
         "Yellen"),
    ],
)
def test_speaker_mention_choice(run, text, cue, speaker):
    found = [r for r in run(text) if r["cue"] == cue]
    assert len(found) == 1, found
    assert found[0]["speaker"] == speaker


def test_second_reporting_verb_splits_the_content(run):
    records = run("The ministry said it was opposed to the plan and warned the company to stop "
                  "drilling.")
    assert only(records, "opposed")["content"] == "it was opposed to the plan"
    assert only(records, "drilling")["cue"] == "warn"


def test_receiver_of_criticism_is_not_the_speaker(run):
    r = only(run("The senator faced questions about his finances."), "finances")
    assert r["cue"] == "face question" and r["speaker"] is None


def test_seem_is_a_judgement_without_speaker(run):
    r = only(run("The governor seems to be losing support among farmers."), "losing")
    assert r["speaker"] is None and r["content"].startswith("The governor")


def test_evidence_cue_inside_reported_clause_is_one_attribution(run):
    records = run("Peterson said the videos show the officer fired first.")
    assert [r["cue"] for r in records] == ["say"]


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


# --- round 2: speaker mentions and content spans -------------------------------------------

def test_object_of_causative_verb_is_speaker_of_participle(run):
    # "left X feeling that ...": X feels, not the subject of "left"
    r = only(run("The scandal left voters feeling that nobody was listening."), "nobody")
    assert r["cue"] == "feel" and r["speaker"] == "voters"


def test_evidence_cue_folded_into_an_outer_cue_that_is_folded_too(run):
    # "show" and "showed" both sit inside Peterson's reported clause: one attribution for
    # him, plus the relative clause "which he said ..."
    records = run("Peterson said the videos do not show whether the man had a gun in his hands, "
                  "which he said were at his side when he was shot, the footage showed.")
    assert sorted(r["cue"] for r in records) == ["say", "say"]
    assert only(records, "videos")["speaker"] == "Peterson"


def test_it_appears_has_no_speaker(run):
    r = only(run("It appeared that the talks had collapsed."), "talks")
    assert r["cue"] == "appear" and r["speaker"] is None
    assert r["content"] == "that the talks had collapsed"


def test_trailing_cue_reports_the_writer_lead_in_before_the_quotation(run):
    text = ("The four loopholes he cited are “the ability to use real estate losses to offset "
            "income,” the newspaper reported.")
    r = only(run(text), "ability")
    assert r["speaker"] == "the newspaper" and r["content"].startswith("The four loopholes")
    assert r["type"] == "mixed"


def test_quotation_continues_after_the_cue_and_its_hearer(run):
    text = ("“What makes this new is not the hacking,” Schiff told reporters on Wednesday, "
            "“but the attempt to interfere with the vote.”")
    r = only(run(text), "hacking")
    assert r["content"] == text and r["type"] == "direct" and r["speaker"] == "Schiff"


def test_as_x_put_it(run):
    r = only(run("He never escaped being seen, as one magazine put it in a long profile, "
                 "“the operator.”"), "operator")
    assert r["cue"] == "put" and r["speaker"] == "one magazine"


def test_quotation_ending_a_sentence_is_not_attached_to_the_next_one(run):
    records = run("The mayor urged officials to release the video “without delay.” Lopez plans "
                  "to visit the city on Sunday, according to an aide.")
    r = only(records, "Sunday")
    assert r["cue"] == "according to" and r["speaker"] == "an aide"
    assert r["content"] == "Lopez plans to visit the city on Sunday"


def test_trailing_cue_coordinated_with_the_first_clause_reports_the_sentence(run):
    records = run("Lopez had told officials that she did not want the escort, but the police "
                  "overruled that request, the source added.")
    r = [x for x in records if x["cue"] == "add"][0]
    assert r["speaker"] == "the source" and r["content"].startswith("Lopez had told")


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


def test_second_act_of_a_tweet_read_as_an_adverbial_clause(run):
    # "X tweeted that A and encouraged B": the parser may hang "that A" as an adverbial
    # clause; "encouraged" is still X's act, not the act of A's subject
    text = ("Lopez tweeted in the early morning hours that Smith was “disgusting” and “a fraud” "
            "and encouraged voters to “check out” his record.")
    found = [r for r in run(text) if r["cue"] == "encourage"]
    assert len(found) == 1 and found[0]["speaker"] == "Lopez"


def test_lone_capitalised_label_before_a_colon_is_not_a_speaker(run):
    records = run("The board met on Monday.\n\nCLARIFICATION: An earlier version of this story "
                  "misstated the date of the vote.")
    assert [r for r in records if r["cue"] == ":"] == []


def test_transcript_turns_name_their_speakers(run):
    records = run("WALLACE: Will she be there tomorrow night?\n\nPENCE: She will not be attending "
                  "the debate.")
    assert [(r["cue"], r["speaker"]) for r in records] == [(":", "WALLACE"), (":", "PENCE")]


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


def test_lets_say_is_a_hypothetical_not_a_report(run):
    records = run("Let's say you think a degree is worth the cost.")
    assert [(r["cue"], r["speaker"]) for r in records] == [("think", "you")]


# --- held-out audit: misfires outside the tuning set -------------------------------------------

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


def test_imperative_to_the_reader_is_not_a_report(run):
    text = "Maria Lopez has left the race, but don't expect her to stay quiet for long."
    assert not [r for r in run(text) if "stay quiet" in r["content"]]


def test_it_emerged_that_names_no_source(run):
    text = ("Northgate collapsed in 2003 after it emerged that its offshore reserves did not "
            "exist.")
    assert not [r for r in run(text) if r["speaker"] == "it"]


def test_flattened_paragraph_of_quotations_continues_the_speaker(run):
    text = ('"It was a solid report," said Tom Baker, an analyst at Fenwick Bank.\n\n'
            '"Payroll growth was a little lighter than the forecast, but revisions were up." '
            '"Manufacturing is a cyclical area and it is showing growth again." '
            "That means rates may rise.")
    records = run(text)
    assert only(records, "Payroll growth")["speaker_canonical"] == "Tom Baker"


def test_title_case_subheading_in_quotes_does_not_continue_the_speaker(run):
    text = ('"We will win this race on the merits," said Tom Baker.\n\n'
            "'All Bets Are Off.'\n\nThe race went on for another month.")
    assert not [r for r in run(text) if "All Bets" in r["content"]]


def test_colon_lead_in_takes_the_reporting_verb_above_the_clause(run):
    text = ("Ms. Lopez wrote what she thought the council should have done: “Cut the budget "
            "and listen to the voters.”")
    record = only(run(text), "Cut the budget")
    assert record["cue"] == "write"
    assert record["speaker"] == "Ms. Lopez"


def test_coordinated_report_of_other_speakers_ends_the_content(run):
    text = ("Jane Roe tweeted that she had received a message from the senator, and several "
            "other women say they were contacted by his office too.")
    record = only(run(text), "received a message")
    assert "other women" not in record["content"]


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


# --- held-out audit, round 2 -----------------------------------------------------------------

def test_flattened_quote_continues_over_reopened_sentences():
    text = ('"It went well," said Lopez. "The first set was hard. "I did not think I could '
            'win it." The match ended late.')
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans[1] == '"The first set was hard. "I did not think I could win it."'


def test_flattened_quote_missing_its_close_splits_at_a_closing_comma():
    text = ('Lopez said: "We are ready. "They are strong. The club has won the cup twice. '
            '"It is a big game," Lopez added.')
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans[-1] == '"It is a big game,"'
    assert spans[0].startswith('"We are ready.') and not spans[0].endswith('"It')


def test_first_person_cue_inside_a_flattened_quote_is_not_reported(run):
    text = ('"It feels good," said Maria Lopez. "To win like that is great. "It has been '
            'years and I did not think I could do it."')
    assert not [r for r in run(text) if r["speaker"] == "I"]


def test_content_runs_over_a_hyphenated_word(run):
    text = ("Last week the Harbour Council (HC) said the deal should be re-negotiated after it "
            "lost the support of unions.")
    r = only(run(text), "deal should be")
    assert r["content"].endswith("re-negotiated after it lost the support of unions")


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


def test_participle_after_a_passive_belongs_to_the_agent(run):
    text = ("The bill was backed by several software firms, saying they needed the "
            "protection it offered.")
    r = only(run(text), "they needed")
    assert r["speaker"] == "several software firms"
