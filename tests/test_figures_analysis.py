"""Figure tables for the notebooks (helpers.analysis.figures) and their charts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import schema  # noqa: E402
from helpers.analysis import figures as fa  # noqa: E402
from helpers.plots import figures as fp  # noqa: E402


def _figures(rows: list[dict]) -> pd.DataFrame:
    return schema.frame(rows, "figures")


def _docs() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["Fox", "NYT", None]})


S_A = "The U.S. has committed about $100 billion to support Ukraine, officials said."
S_B = "Washington has committed $175 billion to support Ukraine since 2022."
S_C = "Allies pledged $150 billion in total."

FIGS = _figures([
    {"doc_id": "a", "figure_id": "a:f1", "kind": "money", "surface": "$100 billion", "start": 29,
     "end": 41, "value": 1e11, "unit": "USD", "qualifier": "approx", "sentence": S_A,
     "claimed_by": "Antony Blinken"},
    {"doc_id": "a", "figure_id": "a:f2", "kind": "date", "surface": "late 2022", "start": 80,
     "end": 89, "date_value": "2022", "date_modifier": "late", "sentence": "In late 2022."},
    {"doc_id": "b", "figure_id": "b:f1", "kind": "money", "surface": "$175 billion", "start": 24,
     "end": 36, "value": 1.75e11, "unit": "USD", "sentence": S_B},
    {"doc_id": "b", "figure_id": "b:f2", "kind": "date", "surface": "2022", "start": 63,
     "end": 67, "date_value": "2022", "sentence": S_B},
    {"doc_id": "b", "figure_id": "b:f3", "kind": "date", "surface": "March 28", "start": 90,
     "end": 98, "date_value": "XXXX-03-28", "sentence": "On March 28."},
    {"doc_id": "c", "figure_id": "c:f1", "kind": "money", "surface": "$150 billion", "start": 15,
     "end": 27, "value": 1.5e11, "unit": "USD", "sentence": S_C},
    {"doc_id": "c", "figure_id": "c:f2", "kind": "money", "surface": "€2 million", "start": 40,
     "end": 50, "value": 2e6, "unit": "EUR", "sentence": "It cost €2 million."},
])


def test_what_key():
    assert fa.what_key(S_A, "$100 billion") == "support ukraine"
    assert fa.what_key(S_B, "$175 billion") == "support ukraine"
    assert fa.what_key("Aid totalling $5 billion arrived.", "$5 billion") == "arrived"
    assert fa.what_key("Aid totalling $5 billion.", "$5 billion") == "aid"
    assert fa.what_key("They sent 300 troops.", "300", "count", "troop") == "troop"
    assert fa.what_key(None, "$5") is None
    assert fa.what_key("Nothing else.", "$5") is None


def test_consistency_lists_the_same_quantity_stated_differently():
    view = fa.consistency(FIGS, _docs())
    assert set(view["doc_id"]) == {"a", "b"}
    assert view["key"].unique().tolist() == ["support ukraine"]
    assert view["value"].tolist() == [1e11, 1.75e11]  # ascending within the group
    assert view["outlet"].tolist() == ["Fox", "NYT"]
    assert view["spread"].iloc[0] == pytest.approx(1.75)
    assert (view["group"] == 1).all() and (view["articles"] == 2).all()
    # Same values everywhere: nothing inconsistent.
    same = FIGS.copy()
    same.loc[same["figure_id"] == "b:f1", "value"] = 1e11
    assert fa.consistency(same, _docs()).empty
    assert fa.consistency(FIGS.iloc[0:0]).empty


def test_consistency_compares_within_stories_and_skips_durations():
    docs = _docs().assign(story_id=["s1", "s2", "s1"])
    # a and b are different stories: their amounts are not compared.
    assert fa.consistency(FIGS, docs).empty
    same_story = _docs().assign(story_id=["s1", "s1", "s2"])
    view = fa.consistency(FIGS, same_story)
    assert set(view["story"]) == {"s1"} and set(view["doc_id"]) == {"a", "b"}
    assert not fa.consistency(FIGS, docs, within=None).empty  # corpus-wide on request
    durations = _figures([
        {"doc_id": d, "figure_id": f"{d}:f1", "kind": "count", "surface": n, "start": 0,
         "end": 3, "value": v, "unit": "month", "sentence": f"It took {n} months."}
        for d, n, v in (("a", "six", 6.0), ("b", "two", 2.0))
    ])
    assert fa.consistency(durations, _docs()).empty


def test_amounts_by_outlet_and_claimant():
    by_outlet = fa.amounts(FIGS, _docs(), by="outlet")
    assert by_outlet.columns.tolist() == ["outlet", "unit", "amounts", "articles", "total",
                                          "median", "largest"]
    usd = by_outlet[by_outlet["unit"] == "USD"].set_index("outlet")
    assert usd.loc["NYT", "total"] == 1.75e11
    assert usd.loc[fa.UNKNOWN_OUTLET, "total"] == 1.5e11
    by_claimant = fa.amounts(FIGS, _docs(), by="claimed_by").set_index(["claimed_by", "unit"])
    assert by_claimant.loc[(fa.NO_CLAIMANT, "USD"), "amounts"] == 2
    assert by_claimant.loc[("Antony Blinken", "USD"), "total"] == 1e11
    assert fa.amounts(FIGS.iloc[0:0], by="outlet").empty
    with pytest.raises(ValueError):
        fa.amounts(FIGS, by="speaker")


def test_timeline_skips_unknown_years_and_orders_by_time():
    tl = fa.timeline(FIGS, _docs())
    assert tl["date_value"].tolist() == ["2022", "2022"]
    assert tl["doc_id"].tolist() == ["b", "a"]  # 2022 (start) before late 2022
    assert tl["when"].tolist() == [pd.Timestamp("2022-01-01"), pd.Timestamp("2022-10-01")]
    assert fa.date_position("2022-02") == pd.Timestamp("2022-02-01")
    assert fa.date_position("2022-02", "mid") == pd.Timestamp("2022-02-15")
    assert fa.date_position("2016-W45") == pd.Timestamp("2016-11-07")
    assert fa.date_position("XXXX-03-28") is None
    assert fa.date_position(None) is None


def test_figure_table_and_kind_counts():
    table = fa.figure_table(FIGS, _docs())
    assert table["doc_id"].tolist() == ["a", "a", "b", "b", "b", "c", "c"]
    assert {"outlet", "value", "unit", "qualifier", "claimed_by"} <= set(table.columns)
    counts = fa.kind_counts(FIGS, _docs())
    assert counts.set_index("doc_id").loc["b", "date"] == 2
    assert counts["total"].tolist() == [3, 2, 2]


def test_charts_have_titles_and_labels():
    figs = [
        fp.amounts_chart(fa.amounts(FIGS, _docs(), "outlet"), by="outlet"),
        fp.amounts_chart(fa.amounts(FIGS.iloc[0:0], by="claimed_by"), by="claimed_by"),
        fp.timeline_chart(fa.timeline(FIGS, _docs())),
        fp.timeline_chart(fa.timeline(FIGS.iloc[0:0])),
        fp.kinds_chart(fa.kind_counts(FIGS, _docs())),
    ]
    for fig in figs:
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert "EUR" in figs[0].axes[0].get_title()  # the left-out currency is named
