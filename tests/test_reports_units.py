"""Corpus summaries (analysis.corpus), their charts (plots.corpus) and the table display helper
(reports.show_table) on small hand-made tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import schema  # noqa: E402
from helpers.analysis import corpus as acorpus  # noqa: E402
from helpers.plots import corpus as pcorpus  # noqa: E402
from helpers.reports import display  # noqa: E402


@pytest.fixture
def documents():
    docs = schema.frame([
        {"doc_id": "a", "outlet": "BBC", "published": pd.Timestamp("2024-03-01"), "text": "x y",
         "n_words": 100, "content_hash": "h1"},
        {"doc_id": "b", "outlet": "BBC", "published": pd.Timestamp("2024-03-03"), "text": "x y",
         "n_words": 300, "content_hash": "h2"},
        {"doc_id": "c", "outlet": None, "published": None, "text": "x y", "n_words": 50,
         "content_hash": "h1"},
        {"doc_id": "d", "outlet": "CNN", "published": pd.Timestamp("2024-03-03"), "text": "x",
         "n_words": 10, "content_hash": "h3"},
    ], "documents", extra={"duplicate_of": schema.STRING})
    docs.loc[2, "duplicate_of"] = "a"
    docs.attrs["skipped"] = [{"path": "z.txt", "reason": "empty file"},
                             {"path": "b.bin", "reason": "binary content"}]
    return docs


@pytest.fixture
def entities():
    rows = []
    for doc, name, label, n in [("a", "Maria Lopez", "PERSON", 3),
                                ("b", "Maria Lopez", "PERSON", 1), ("a", "Paris", "GPE", 2),
                                ("d", "UN", "ORG", 2), ("b", "Monday", "DATE", 5)]:
        for i in range(n):
            rows.append({"doc_id": doc, "start": i, "end": i + 1, "surface": name, "label": label,
                         "canonical": name, "entity_id": f"{label}:{name}"})
    return schema.frame(rows, "entities")


def test_summary(documents):
    s = acorpus.summary(documents)
    assert s == {"articles": 4, "outlets": 2, "without_outlet": 1, "dated": 3,
                 "date_from": "2024-03-01", "date_to": "2024-03-03", "words": 460,
                 "median_words": 75, "duplicates": 1, "skipped": 2}
    table = acorpus.summary_table(documents)
    assert list(table.columns) == ["measure", "value"] and len(table) == 10


def test_outlets_periods_duplicates_skipped(documents):
    outlets = acorpus.outlet_counts(documents)
    assert outlets.to_dict("list") == {"outlet": ["BBC", "(unknown)", "CNN"],
                                       "articles": [2, 1, 1], "words": [400, 50, 10]}
    by_day = acorpus.articles_by_period(documents)
    assert by_day.attrs["freq"] == "D"
    assert by_day["articles"].tolist() == [1, 0, 2]  # the empty day is kept
    assert acorpus.duplicates(documents)["doc_id"].tolist() == ["c"]
    assert acorpus.skipped(documents)["path"].tolist() == ["b.bin", "z.txt"]
    overview = acorpus.documents_overview(documents)
    assert overview["doc_id"].tolist() == ["a", "b", "d", "c"] and "text" not in overview


def test_period_frequency():
    days = pd.Series(pd.to_datetime(["2024-01-01", "2024-02-15"]))
    weeks = pd.Series(pd.to_datetime(["2024-01-01", "2024-09-01"]))
    months = pd.Series(pd.to_datetime(["2020-01-01", "2024-01-01"]))
    assert [acorpus.period_frequency(s) for s in (days, weeks, months)] == ["D", "W", "M"]
    docs = pd.DataFrame({"published": months})
    by_month = acorpus.articles_by_period(docs)
    assert by_month["articles"].sum() == 2 and len(by_month) == 49


def test_top_entities(entities):
    top = acorpus.top_entities(entities, top_n=None)
    assert top["canonical"].tolist() == ["Maria Lopez", "Paris", "UN"]  # DATE left out
    assert top.iloc[0][["mentions", "articles"]].tolist() == [4, 2]
    assert acorpus.top_entities(entities, top_n=1, labels=None)["canonical"].tolist() == ["Monday"]
    by_label = acorpus.top_entities_by_label(entities, top_n=1, labels=("GPE", "PERSON", "LOC"))
    assert by_label[["label", "canonical"]].values.tolist() == [["GPE", "Paris"],
                                                                ["PERSON", "Maria Lopez"]]
    labels = acorpus.label_counts(entities)
    assert labels.iloc[0].tolist() == ["DATE", 5, 1, 1]
    numbers = acorpus.headline_numbers({"documents": pd.DataFrame(index=range(4)),
                                        "entities": entities})
    assert numbers["distinct entities"] == 4 and numbers["quotes"] == 0


def test_empty_tables_do_not_break(documents, entities):
    empty_docs, empty_ents = documents.iloc[0:0], entities.iloc[0:0]
    assert acorpus.summary(empty_docs)["articles"] == 0
    assert acorpus.outlet_counts(empty_docs).empty
    assert acorpus.articles_by_period(empty_docs).empty
    assert acorpus.top_entities(empty_ents).empty and acorpus.label_counts(empty_ents).empty
    for fig in (pcorpus.articles_by_outlet(acorpus.outlet_counts(empty_docs)),
                pcorpus.articles_over_time(acorpus.articles_by_period(empty_docs)),
                pcorpus.top_entities(acorpus.top_entities(empty_ents)),
                pcorpus.article_lengths(empty_docs)):
        assert fig.axes[0].get_title()
        plt.close(fig)


def test_charts_have_titles_and_labelled_axes(documents, entities):
    figs = [pcorpus.articles_by_outlet(acorpus.outlet_counts(documents)),
            pcorpus.articles_over_time(acorpus.articles_by_period(documents)),
            pcorpus.top_entities(acorpus.top_entities(entities)),
            pcorpus.article_lengths(documents)]
    for fig in figs:
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert "(" in ax.get_xlabel() + ax.get_ylabel()  # a unit
        plt.close(fig)


def test_table_html_escapes_and_limits(monkeypatch):
    table = pd.DataFrame({"text": ["<script>alert(1)</script>", "b" * 500, None],
                          "n": pd.array([1, 2, None], dtype="Int64")})
    html = display.table_html(table, 2, name="quotes", caption="Who said <what>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Who said &lt;what&gt;" in html
    assert "showing the first 2 of 3 rows" in html and "full table: quotes.csv" in html
    assert "b" * 500 not in html  # long cells are cut in the static table
    assert html == display.table_html(table, 2, name="quotes", caption="Who said <what>")


def test_table_mode(monkeypatch):
    monkeypatch.delenv("NEWSKIT_TABLES", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert display.table_mode() == "static"
    monkeypatch.setenv("JPY_SESSION_NAME", "/x/explore.ipynb")  # a JupyterLab kernel
    assert display.table_mode() == "interactive"
    monkeypatch.setenv("NEWSKIT_TABLES", "static")  # newskit report
    assert display.table_mode() == "static"


def test_show_table_static_and_interactive(monkeypatch):
    monkeypatch.setattr(display, "_ITABLES_READY", False)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setenv("NEWSKIT_TABLES", "static")
    table = pd.DataFrame({"a": range(30)})
    display.show_table(table, 5, name="t")
    assert "showing the first 5 of 30 rows" in shown[-1].data
    monkeypatch.setenv("NEWSKIT_TABLES", "interactive")
    display.show_table(table.head(3), 5)  # small: stays plain
    assert "<table" in shown[-1].data and "dt-container" not in shown[-1].data
    import itables

    calls = []
    monkeypatch.setattr(itables, "show", lambda df, **kw: calls.append((len(df), kw)))
    display.show_table(table, 5, name="t")  # big: itables, whole table, offline bundle first
    assert calls and calls[0][0] == 30 and "full table: t.csv" in calls[0][1]["caption"]
    init = "".join(getattr(obj, "data", "") or "" for obj in shown[2:])
    assert "window._itables_" in init  # the DataTables bundle is embedded, not fetched
    assert calls[0][1]["connected"] is False
    assert set(display.NO_MATH.split()) <= set(calls[0][1]["classes"].split())


def test_itables_set_up_is_one_output(monkeypatch):
    """In a kernel, the set-up is ONE output holding both the module script that awaits the
    DataTables bundle and the script defining it; as two outputs they raced in JupyterLab
    ("Cannot destructure property 'set_or_remove_dark_class'", see tests/test_browser.py)."""
    import itables
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    monkeypatch.setattr(display, "_ITABLES_READY", False)
    monkeypatch.setattr(itables, "show", lambda df, **kw: None)
    monkeypatch.setenv("NEWSKIT_TABLES", "interactive")
    had_shell = InteractiveShell.initialized()
    InteractiveShell.instance()
    try:
        with capture_output() as captured:
            display.show_table(pd.DataFrame({"a": range(30)}), 5)
    finally:
        if not had_shell:
            InteractiveShell.clear_instance()
    assert len(captured.outputs) == 1
    html = captured.outputs[0].data["text/html"]
    assert "set_or_remove_dark_class" in html and "injectModule" in html


def test_static_tables_are_left_alone_by_math_typesetters():
    out = display.table_html(pd.DataFrame({"quote": ["about $100 billion … $150 billion"]}))
    assert 'class="newskit-table-wrap tex2jax_ignore mathjax_ignore"' in out
    assert "$100 billion … $150 billion" in out


def test_report_pages_cap_long_tables():
    from helpers.reports.html import cap_table_rows

    long = pd.DataFrame({"a": range(120)}).to_html()
    capped = cap_table_rows(long, limit=50)
    assert capped.count("<tr") == 1 + 50 + 1  # header, 50 rows, the note
    assert "70 more rows" in capped
    short = pd.DataFrame({"a": range(3)}).to_html()
    assert cap_table_rows(short) == short


def test_navigation_escapes_titles(tmp_path):
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from helpers.reports import html as report_html

    path = tmp_path / "odd.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell(
        "# Quotes <b>bold</b>: detail\n\nWhat `this` page shows, in [one](http://x) line.")]),
        str(path))
    page = report_html.describe(path)
    assert page.title == "Quotes <b>bold</b>: detail" and page.short == "Quotes <b>bold</b>"
    assert page.description == "What this page shows, in one line."
    nav = report_html.nav_html([page], current="odd")
    assert "<b>" not in nav and "Quotes &lt;b&gt;bold&lt;/b&gt;" in nav
    assert 'href="index.html"' in nav and 'aria-current="page"' in nav


def test_report_workers(monkeypatch):
    from helpers.reports import ReportError, report_workers

    monkeypatch.setenv("NEWSKIT_REPORT_WORKERS", "3")
    assert report_workers(4) == 3
    assert report_workers(2) == 2  # never more workers than notebooks
    monkeypatch.setenv("NEWSKIT_REPORT_WORKERS", "0")
    assert report_workers(4) == 1
    monkeypatch.setenv("NEWSKIT_REPORT_WORKERS", "two")
    with pytest.raises(ReportError, match="NEWSKIT_REPORT_WORKERS='two'"):
        report_workers(4)
    monkeypatch.delenv("NEWSKIT_REPORT_WORKERS")
    assert 1 <= report_workers(4) <= 4
