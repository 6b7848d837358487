"""Tune and check halves of the gold files (``newskit eval --split``)."""

from __future__ import annotations

import pytest

from helpers import evaluation as ev


def test_halves_are_fixed_and_balanced():
    ids = [f"article-{i}" for i in range(2000)]
    halves = [ev.half_of(i) for i in ids]
    assert set(halves) == {"tune", "check"}
    assert 0.45 < halves.count("tune") / len(ids) < 0.55
    # the half of an id depends on the id alone, not on its neighbours or the order
    assert [ev.half_of(i) for i in reversed(ids)] == halves[::-1]
    assert ev.half_of("article-7") == ev.half_of("article-7")


def test_select_partitions_rows():
    rows = [{"id": f"s{i}", "n": i} for i in range(100)]
    tune, check = ev.select(rows, "tune", "id"), ev.select(rows, "check", "id")
    assert len(tune) + len(check) == 100
    assert not {r["id"] for r in tune} & {r["id"] for r in check}
    assert ev.select(rows, "all", "id") == rows
    with pytest.raises(ValueError, match="split"):
        ev.select(rows, "test", "id")


def test_rows_of_one_unit_stay_together():
    rows = [{"event_id": f"e{i // 3}", "article": i} for i in range(60)]
    for half in ("tune", "check"):
        chosen = ev.select(rows, half, "event_id")
        events = {r["event_id"] for r in chosen}
        assert len(chosen) == 3 * len(events)


def _count_report(rows):
    value = sum(r["x"] for r in rows) / max(len(rows), 1)
    return ev.Report(f"n={len(rows)} mean={value:.2f}", {"mean": value})


def test_both_prints_each_half_and_flags_gaps():
    rows = [{"id": f"u{i}", "x": 1.0 if ev.half_of(f"u{i}") == "tune" else 0.5}
            for i in range(40)]
    out = ev.run_split(rows, "both", "id", _count_report)
    assert "== tune half:" in out and "== check half:" in out
    assert "mean=1.00" in out and "mean=0.50" in out
    assert "+0.500  > 0.02" in out
    assert out.splitlines()[-1] == "gaps above 0.02: mean"


def test_both_says_none_when_halves_agree():
    rows = [{"id": f"u{i}", "x": 1.0} for i in range(40)]
    out = ev.run_split(rows, "both", "id", _count_report)
    assert out.splitlines()[-1] == "gaps above 0.02: none"


def test_limit_applies_within_the_chosen_half():
    rows = [{"id": f"u{i}", "x": 1.0} for i in range(40)]
    assert ev.run_split(rows, "tune", "id", _count_report, limit=3).startswith("n=3 ")
