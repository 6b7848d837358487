"""The quote scorer (CONTRACT.md "Evaluation files") and `newskit eval quotes`."""

from __future__ import annotations

import json

from helpers.evaluation import quotes as ev


def test_coverage_counts_gold_characters_in_discontinuous_spans():
    gold = ev._chars([[0, 10], [20, 30]])
    assert ev.coverage((0, 10), gold) == 0.5
    assert ev.coverage((0, 30), gold) == 1.0
    assert ev.coverage((25, 40), gold) == 0.25
    assert ev.coverage((40, 50), gold) == 0.0


def test_matching_is_one_to_one():
    golds = [ev._chars([[0, 10]]), ev._chars([[12, 20]])]
    # one long prediction covers both gold quotes but may match only one of them
    assert len(ev.match([(0, 20)], golds, 0.3)) == 1
    assert ev.match([(0, 20), (12, 20)], golds, 0.3) == {0: 0, 1: 1}


def test_matching_is_maximal_not_greedy():
    golds = [ev._chars([[0, 10]]), ev._chars([[0, 4]])]
    preds = [(0, 10), (0, 4)]
    # gold 1 can only use pred 1; a greedy first pick of pred 1 for gold 0 would lose it
    assert len(ev.match(preds[::-1], golds, 0.3)) == 2


def test_threshold_80():
    golds = [ev._chars([[0, 100]])]
    assert len(ev.match([(0, 50)], golds, 0.3)) == 1
    assert len(ev.match([(0, 50)], golds, 0.8)) == 0


def test_same_entity():
    assert ev.same_entity("Clinton", "Hillary Clinton")
    assert ev.same_entity("The New York Times", "New York Times")
    assert ev.same_entity("the source", "unnamed source (second)")
    assert not ev.same_entity("Bill Clinton", "Hillary Clinton")
    assert not ev.same_entity("he", "Donald Trump")
    assert not ev.same_entity(None, "Donald Trump")
    assert ev.same_entity("Donald Trump", "Barack Obama; Donald Trump")
    assert ev.same_entity("United Nations Security Council", "U.N. Security Council")
    assert ev.same_entity("S.E.C.", "Securities and Exchange Commission")


def test_same_entity_listed_speakers():
    # a list of speakers matches a gold list of the same people, all of them
    assert ev.same_entity("Obama and Clinton", "Barack Obama; Hillary Clinton")
    assert not ev.same_entity("Obama and Trump", "Barack Obama; Hillary Clinton")
    assert not ev.same_entity("Obama and Clinton", "Barack Obama")
    assert not ev.same_entity("Obama, Clinton and Trump", "Barack Obama; Hillary Clinton")
    assert ev.same_entity("Procter and Gamble", "Procter & Gamble")


def test_same_entity_short_given_names():
    # the same person under a short given name, initials and suffixes ignored
    assert ev.same_entity("Len Burman", "Leonard Burman")
    assert ev.same_entity("Joseph R. Biden Jr.", "Joe Biden")
    assert ev.same_entity("Chris Smith", "Christopher Smith")
    # but not a different person with the same surname, nor a different surname
    assert not ev.same_entity("Ted Cruz", "Heidi Cruz")
    assert not ev.same_entity("Jeh Johnson", "Jeb Johnson")
    assert not ev.same_entity("Len Burman", "Leonard Bernstein")
    assert not ev.same_entity("European Union", "U.N. Security Council")


def test_score_document_speaker_accuracy():
    gold = [
        {"type": "indirect", "content_spans": [[20, 40]], "speaker_span": [0, 2],
         "speaker": "He", "speaker_entity": "Peter Hansen"},
        {"type": "direct", "content_spans": [[50, 60]], "speaker_span": [62, 67],
         "speaker": "Lopez"},
    ]
    preds = [
        {"content_start": 18, "content_end": 40, "speaker_start": 0, "speaker_end": 2,
         "speaker": "He", "speaker_canonical": "Peter Hansen"},
        {"content_start": 50, "content_end": 60, "speaker_start": 62, "speaker_end": 67,
         "speaker": "Lopez", "speaker_canonical": None},
        {"content_start": 80, "content_end": 90, "speaker_start": None, "speaker_end": None,
         "speaker": None, "speaker_canonical": None},
    ]
    s = ev.score_document(preds, gold)
    assert s["tp@0.3"] == 2 and s["n_pred"] == 3 and s["n_gold"] == 2
    assert s["ent"] == (2, 2)
    assert s["men"] == (2, 2)
    assert s["found"]["direct"] == 1 and s["types"]["indirect"] == 1


def test_run_prints_the_report(tmp_path):
    line = {
        "id": "t1",
        "text": "Maria Lopez said that the bill would pass. “It will,” she added.",
        "quotes": [
            {"speaker": "Maria Lopez", "type": "indirect", "content": "that the bill would pass",
             "cue": "said", "speaker_span": [0, 11], "cue_spans": [[12, 16]],
             "content_spans": [[17, 41]], "speaker_entity": "Maria Lopez"},
            {"speaker": "she", "type": "direct", "content": "“It will,”", "cue": "added",
             "speaker_span": [54, 57], "cue_spans": [[58, 63]], "content_spans": [[43, 53]],
             "speaker_entity": "Maria Lopez"},
        ],
    }
    text = line["text"]
    for q in line["quotes"]:
        a, b = q["content_spans"][0]
        assert text[a:b] == q["content"]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n")
    report = ev.run(path)
    assert "@0.3 coverage: P 1.000  R 1.000  F1 1.000" in report
    assert "@0.8 coverage" in report
    assert "direct 1.000 (1/1)" in report
    assert "speaker accuracy on matched @0.3: entity 1.000 (2/2)" in report
    assert "seconds per article" in report


def test_cli_eval_quotes(tmp_path, capsys):
    from helpers.cli import main

    line = {"id": "t", "text": "Nothing is said here.", "quotes": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n")
    assert main(["eval", "quotes", "--gold", str(path)]) == 0
    assert "quotes: 1 articles, 0 gold" in capsys.readouterr().out
