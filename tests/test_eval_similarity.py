"""``newskit eval similarity``: Pearson of the kit's score with annotators' graded scores."""

from __future__ import annotations

import csv

import pytest

from helpers.evaluation import similarity

PAIRS = [
    # (Overall: 1 = very similar .. 4 = very dissimilar, text1, text2)
    (1.0, "A magnitude 6.8 earthquake struck Huaraz on Tuesday, killing 14 people.",
     "Tuesday's 6.8 quake in Huaraz killed 14 people, rescuers said."),
    (2.0, "A magnitude 6.8 earthquake struck Huaraz on Tuesday, killing 14 people.",
     "Aftershocks kept Huaraz residents outdoors a week after the deadly earthquake."),
    (4.0, "The central bank raised interest rates by half a point on Thursday.",
     "The striker scored twice as the home side won the cup final."),
    (4.0, "Voters in the northern province elect a new governor on Sunday.",
     "A new species of frog was found in the cloud forest."),
]


def _gold(path):
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["pair_id", "Overall", "Geography", "text1", "text2"])
        for k, (overall, a, b) in enumerate(PAIRS):
            out.writerow([f"p{k}", overall, overall, a, b])
    return path


def test_pearson():
    assert similarity.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert similarity.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_run_prints_pearson_with_minus_overall(tmp_path):
    report = similarity.run(_gold(tmp_path / "pairs.csv"))
    assert "similarity: 4 pairs, score vs -Overall: Pearson" in report
    r = float(report.split("Pearson ")[1].split(",")[0])
    assert r > 0.5  # same-event pairs score above unrelated ones
    assert "Geography" in report


def test_broken_row_names_the_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("pair_id,Overall,text1,text2\np0,2.0,,some text\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv:2"):
        similarity.read_pairs(path)
