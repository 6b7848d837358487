"""The ranker itself: its weights table, its fit, and the examples the fitting script makes.

``speakers/ranker.py`` (weights, :func:`rank`, :func:`fit`, :func:`recording`),
``data/speaker_ranker.csv``, ``scripts/fit_speaker_ranker.py`` (run on invented text here;
on the tune half of the development quotes it writes the shipped weights).
"""

from __future__ import annotations

import importlib.util
import random

import pytest
from conftest import ROOT

from helpers import entities, quotes
from helpers.speakers import features, ranker
from helpers.speakers.candidates import FAMILIES


def _script():
    path = ROOT / "scripts" / "fit_speaker_ranker.py"
    spec = importlib.util.spec_from_file_location("fit_speaker_ranker", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _flat_prior(bias: float = 0.0) -> ranker.Weights:
    rows = [{"name": "bias", **dict.fromkeys(FAMILIES, str(bias))}]
    rows += [{"name": n, **dict.fromkeys(FAMILIES, "0")} for n in features.NAMES]
    return ranker.Weights.from_rows(rows)


def test_shipped_weights_cover_every_feature_and_family():
    table = ranker.weights()
    assert set(table.bias) == set(FAMILIES)
    for family in FAMILIES:
        assert len(table.features[family]) == len(features.NAMES)
    # the pronoun families share their feature weights, each has its own threshold
    assert table.features["personal"] == table.features["it"] == table.features["they"]


def test_a_weights_table_missing_a_feature_is_refused():
    rows = [{"name": "bias", **dict.fromkeys(FAMILIES, "0")}]
    rows += [{"name": n, **dict.fromkeys(FAMILIES, "0")} for n in features.NAMES[1:]]
    with pytest.raises(ValueError, match=features.NAMES[0]):
        ranker.Weights.from_rows(rows)


def test_fit_learns_which_feature_marks_the_right_candidate():
    rng = random.Random(7)
    at = features.NAMES.index("previous_report")
    examples = []
    for _ in range(60):
        values = []
        for right in (True, False):
            v = [rng.random() for _ in features.NAMES]
            v[at] = 1.0 if right else 0.0
            values.append(tuple(v))
        examples.append(ranker.Example("personal", tuple(values), frozenset({0})))
    table = ranker.fit(examples, _flat_prior(), l2=0.1)
    assert table.features["personal"][at] > 2.0
    assert all(ranker.chooses_right(table, ex) for ex in examples)


def test_fit_learns_when_no_one_is_right():
    # a description whose candidates all carry "generic_role" is best left unresolved
    at = features.NAMES.index("generic_role")
    one = tuple(1.0 if n == at else 0.0 for n in range(len(features.NAMES)))
    none_right = [ranker.Example("description", (one, one), frozenset()) for _ in range(20)]
    right = [ranker.Example("description", (tuple(0.0 for _ in one),), frozenset({0}))
             for _ in range(20)]
    table = ranker.fit(none_right + right, _flat_prior(), l2=0.1)
    assert all(ranker.chooses_right(table, ex) for ex in none_right + right)
    assert table.features["description"][at] < 0 < table.bias["description"]


def test_recording_lists_the_rankings_made_and_the_script_labels_them(nlp):
    text = ("Maria Lopez opened the hearing on Monday. Peter Hansen arrived late. She said "
            "that the budget would be cut.")
    doc = nlp(text)
    ents = entities.from_doc(doc)
    with ranker.recording() as rankings:
        quotes.from_doc(doc, ents)
    she = text.index("She")
    ranking = next(r for r in rankings if r.start == she)
    assert ranking.family == "personal"
    assert ranking.chosen is not None and ranking.chosen.seen.record[0] == "Maria Lopez"
    gold = {"quotes": [{"speaker_span": [she, she + 3], "speaker_entity": "Maria Lopez"}]}
    (example,) = _script().examples_of(gold, ents, rankings)
    names = [s.candidate.seen.record[0] for s in ranking.scored]
    assert [names[i] for i in example.positive] == ["Maria Lopez"]
    assert ranker.chooses_right(ranker.weights(), example)
