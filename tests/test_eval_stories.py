"""``newskit eval stories``: ROC-AUC and ARI implementations, and the report."""

from __future__ import annotations

import json
import math

import pytest

from helpers.evaluation import stories


def test_roc_auc():
    assert stories.roc_auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]) == 1.0
    assert stories.roc_auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]) == 0.0
    assert stories.roc_auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]) == 0.5  # ties count half
    # 3 positives, 2 negatives: 5 of the 6 positive-negative pairs ranked right
    assert stories.roc_auc([0.9, 0.7, 0.4, 0.5, 0.1], [1, 1, 1, 0, 0]) == pytest.approx(5 / 6)
    assert math.isnan(stories.roc_auc([0.1, 0.2], [1, 1]))


def test_adjusted_rand_index():
    assert stories.adjusted_rand_index([0, 0, 1, 1], ["a", "a", "b", "b"]) == 1.0
    assert stories.adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    # scikit-learn's adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) == 0.5714285714285715
    assert stories.adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    # and adjusted_rand_score([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == 0.24242424242424246
    assert stories.adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(
        8 / 33)
    assert stories.adjusted_rand_index([0, 1, 2], [0, 0, 0]) == 0.0
    with pytest.raises(ValueError):
        stories.adjusted_rand_index([0], [0, 1])


def test_run_on_small_gold(tmp_path):
    texts = {
        "e1": ["A magnitude 7.1 earthquake struck off Hokkaido, triggering a tsunami warning for "
               "Kushiro, the Japan Meteorological Agency said.",
               "Japan's Meteorological Agency warned of a tsunami after a 7.1 earthquake off "
               "Hokkaido; Kushiro residents fled to higher ground."],
        "e2": ["The Senate passed a stopgap spending bill on Friday, averting a government "
               "shutdown until December.",
               "A government shutdown was averted when senators approved a stopgap spending bill "
               "that funds agencies until December."],
    }
    gold = tmp_path / "gold.jsonl"
    with gold.open("w") as fh:
        for event, items in texts.items():
            for k, text in enumerate(items):
                fh.write(json.dumps({"article_id": f"{event}_{k}", "event_id": event,
                                     "outlet": f"o{k}", "text": text}) + "\n")
    report = stories.run(gold)
    assert "4 articles, 2 gold events, 6 pairs (2 same-story)" in report
    assert "pair ROC-AUC 1.0000 | ARI 1.0000 (2 stories found" in report
    assert "alone == batch: 6/6 re-scored pairs identical" in report


def test_cli_eval_stories(tmp_path, capsys):
    from helpers import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps({"article_id": str(i), "event_id": str(i // 2),
                                          "outlet": "x", "text": t})
                              for i, t in enumerate(["Kushiro tsunami warning quake",
                                                     "quake Kushiro tsunami", "Senate bill",
                                                     "shutdown Senate bill"])))
    assert cli.main(["eval", "stories", "--gold", str(gold)]) == 0
    assert "pair ROC-AUC" in capsys.readouterr().out


@pytest.mark.devdata
@pytest.mark.slow
def test_dev_targets(shared_data):
    """A slice of the dev set (4 events): the targets hold on it."""
    report = stories.run(shared_data / "stories_dev.jsonl", limit=12)
    auc = float(report.split("pair ROC-AUC ")[1].split()[0])
    ari = float(report.split("ARI ")[1].split()[0])
    assert auc >= 0.995 and ari >= 0.95


def test_topics_keep_their_events_in_one_half_and_report_within_topic_auc(tmp_path):
    """Lines with a ``topic``: halves by topic, and the AUC on pairs within one topic."""
    quakes = ["A magnitude 6.8 earthquake struck Huaraz on Tuesday, killing 14 people.",
              "Tuesday's 6.8 quake in Huaraz killed 14 people, rescuers said.",
              "A magnitude 5.9 earthquake hit Tumbes on Sunday, injuring 30 people.",
              "Thirty people were hurt when a 5.9 quake shook Tumbes on Sunday."]
    lines = [{"article_id": str(i), "event_id": f"quake-{i // 2}", "topic": "quake",
              "text": t} for i, t in enumerate(quakes)]
    assert stories.unit_key(lines) == "topic"
    assert stories.unit_key([{**line, "topic": None} for line in lines]) == "event_id"
    report = stories.score_lines(lines).text
    assert "pairs within one topic: 6 (2 same-event), ROC-AUC" in report
