"""``newskit eval figures``: scoring rules and the report."""

from __future__ import annotations

import json

import pytest

from helpers import cli
from helpers.evaluation import figures as ev


def _line(**kw):
    base = {"id": "x", "text": "", "annotated_kinds": ["money"], "expected": []}
    base.update(kw)
    return base


def test_value_match_needs_overlap_value_and_currency():
    gold = [{"kind": "money", "start": 4, "end": 10, "value": 5e6, "unit": "USD"}]
    lines = [_line(expected=gold)]
    good = {"kind": "money", "start": 0, "end": 10, "value": 5e6, "unit": "USD"}
    assert ev.score(lines, {"x": [good]})["money"]["value_tp"] == 1
    assert ev.score(lines, {"x": [good]})["money"]["span_tp"] == 0
    wrong_unit = dict(good, unit="CAD")
    assert ev.score(lines, {"x": [wrong_unit]})["money"]["value_tp"] == 0
    apart = dict(good, start=20, end=25)
    assert ev.score(lines, {"x": [apart]})["money"]["value_tp"] == 0
    exact = dict(good, start=4)
    counts = ev.score(lines, {"x": [exact, exact]})["money"]
    assert (counts["span_tp"], counts["value_tp"], counts["n_pred"]) == (1, 1, 2)


def test_precision_only_for_annotated_kinds():
    lines = [_line(annotated_kinds=["money"])]
    preds = {"x": [{"kind": "percent", "start": 0, "end": 2, "value": 5.0, "unit": "%"}]}
    counts = ev.score(lines, preds)
    assert "percent" not in counts
    assert counts["all"]["n_pred"] == 0


def test_dates_compare_timex_with_date_value():
    gold = [{"kind": "date", "start": 0, "end": 8, "value": "XXXX-03-28", "unit": "TIMEX3"}]
    lines = [_line(annotated_kinds=["date"], expected=gold)]
    written = {"kind": "date", "start": 0, "end": 8, "value": None, "date_value": "XXXX-03-28",
               "date_resolved": "2024-03-28"}
    counts = ev.score(lines, {"x": [written]})["date"]
    assert (counts["value_tp"], counts["other_tp"]) == (1, 0)
    guessed = dict(written, date_value="2024-03-28")  # no wildcard: X is not any digit
    assert ev.score(lines, {"x": [guessed]})["date"]["value_tp"] == 0
    other_day = dict(written, date_value="XXXX-03-29", date_resolved="2024-03-29")
    assert ev.score(lines, {"x": [other_day]})["date"]["value_tp"] == 0
    gold_full = [dict(gold[0], value="2016-11-06")]
    lines = [_line(annotated_kinds=["date"], expected=gold_full)]
    plain = {"kind": "date", "start": 0, "end": 8, "value": None, "date_value": "2016-11-06",
             "date_resolved": "2016-11-06"}
    counts = ev.score(lines, {"x": [plain]})["date"]
    assert (counts["value_tp"], counts["other_tp"]) == (1, 1)


def test_date_field_follows_the_file():
    news = [_line(annotated_kinds=["date"], reference_date="1998-02-13"),
            _line(id="y", annotated_kinds=["date"], reference_date="1998-02-14")]
    assert ev.date_field(news) == "date_resolved"
    mixed = [*news, _line(id="z", annotated_kinds=["money"])]
    assert ev.date_field(mixed) == "date_value"
    assert ev.date_field([_line(annotated_kinds=["date"])]) == "date_value"  # no article date
    gold = [{"kind": "date", "start": 0, "end": 6, "value": "1998-02-13", "unit": "TIMEX3"}]
    pred = {"kind": "date", "start": 0, "end": 6, "value": None, "date_value": "XXXX-02-13",
            "date_resolved": "1998-02-13"}
    lines = [_line(annotated_kinds=["date"], expected=gold)]
    assert ev.score(lines, {"x": [pred]}, "date_resolved")["date"]["value_tp"] == 1
    assert ev.score(lines, {"x": [pred]})["date"]["value_tp"] == 0


def test_run_prints_kinds_overall_and_speed(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": "a", "text": "It raised about $5 million in 2020.", "annotated_kinds": ["money"],
         "expected": [{"kind": "money", "surface": "$5 million", "start": 16, "end": 26,
                       "value": 5e6, "unit": "USD"}]},
        {"id": "b", "text": "We met yesterday.", "reference_date": "2016-11-07",
         "annotated_kinds": ["date"],
         "expected": [{"kind": "date", "surface": "yesterday", "start": 7, "end": 16,
                       "value": "2016-11-06", "unit": "TIMEX3"}]},
    ]
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    assert cli.main(["eval", "figures", "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    rows = {r.split()[0]: r.split() for r in out.splitlines() if r.split()}
    assert rows["money"][1:3] == ["1", "1"] and rows["money"][-1] == "1.000"
    assert rows["date"][-1] == "1.000"
    assert rows["all"][-1] == "1.000"
    assert "s per sentence" in out
    assert "date values scored on date_value" in out


@pytest.mark.devdata
def test_dev_data_sample(shared_data):
    report = ev.run(shared_data / "figures_dev.jsonl", limit=40)
    all_row = next(r.split() for r in report.splitlines() if r.startswith("all"))
    assert float(all_row[-1]) >= 0.85
