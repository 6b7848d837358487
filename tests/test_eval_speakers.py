"""``newskit eval speakers``: gold gender from pronoun attributions, name matching, and the
tune/check report (on an invented gold file)."""

from __future__ import annotations

import json

import pandas as pd

from helpers.evaluation import speakers as ev


def _quote(speaker, entity, pronoun, start):
    return {"speaker": speaker, "speaker_entity": entity, "speaker_is_pronoun": pronoun,
            "type": "indirect", "content": "x", "cue": "said",
            "speaker_span": [start, start + len(speaker)], "cue_spans": [],
            "content_spans": []}


LINE = {
    "id": "doc-1",
    "text": ("Lara Voss, a senator from Ohio, said that the bill was dead. She said that a "
             "new one would come. Mr. Tom Brandt said that he disagreed."),
    "quotes": [
        _quote("Lara Voss", "Lara Voss", False, 0),
        _quote("She", "Lara Voss", True, 61),
        _quote("he", "Tom Brandt", True, 130),
        _quote("Mr. Tom Brandt", "Tom Brandt", False, 99),
        _quote("it", "the committee", True, 0),
    ],
}


def test_gold_gender_comes_from_resolved_pronouns():
    people = {p.name: p for p in ev.gold_people(LINE)}
    assert set(people) == {"Lara Voss", "Tom Brandt"}
    assert people["Lara Voss"].gender == "female" and people["Lara Voss"].named


def test_matching_needs_the_surname_and_no_other_given_name():
    rows = pd.DataFrame({"name": ["Kevin Brandt", "Brandt", "Lara Voss"]})
    assert ev.match(ev.GoldPerson("Tom Brandt", "male", True), rows)["name"] == "Brandt"
    assert ev.match(ev.GoldPerson("Ann Roe", "female", True), rows) is None


def test_report_on_both_halves(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = [dict(LINE, id=f"doc-{i}") for i in range(4)]
    gold.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    out = ev.run(gold, split="both")
    assert "== tune half" in out and "== check half" in out
    assert "pronoun evidence left out" in out and "people accuracy" in out
    text = ev.run(gold)
    assert "accuracy 1.000" in text
