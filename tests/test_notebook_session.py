"""The notebook session: parameter validation, filtering, output folder, saving tables and
figures, and the progress bar (off for small corpora, so saved notebooks never contain one)."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import notebook  # noqa: E402


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"top_n": "15"}, "'top_n' must be int"),
        ({"top_n": True}, "'top_n' must be int"),
        ({"top_n": 0}, "at least 1"),
        ({"date_from": "22/01/2025"}, "'date_from' must be a date"),
        ({"date_to": "2025-02-31"}, "not a valid date"),
        ({"outlets": 3}, "'outlets' must be"),
        ({"corpus": ["seeds", 3]}, "'corpus'"),
    ],
)
def test_validate_names_the_bad_parameter(params, message):
    with pytest.raises(notebook.ParameterError, match=message):
        notebook.validate(params)


def test_validate_accepts_the_parameters_cell_defaults():
    params = {"corpus": "seeds", "metadata": None, "outlets": None, "date_from": None,
              "date_to": None, "model": None, "output_dir": None, "top_n": 15}
    assert notebook.validate(dict(params)) == params


def test_filter_documents(seed_documents):
    menafn = notebook.filter_documents(seed_documents, outlets=["MENAFN"])
    assert list(menafn["outlet"]) == ["MENAFN"]
    assert len(notebook.filter_documents(seed_documents, outlets="MENAFN")) == 1
    # a date range drops undated articles
    dated = notebook.filter_documents(seed_documents, date_from="2025-01-01", date_to="2025-01-31")
    assert list(dated["doc_id"]) == ["000_37b5f54015e947a3"]
    assert notebook.filter_documents(seed_documents, date_from="2025-02-01").empty
    assert len(notebook.filter_documents(seed_documents)) == 2


def test_start_analyses_and_saves(tmp_path, capsys):
    session = notebook.start("t", corpus="seeds", outlets=None, date_from=None, date_to=None,
                             model=None, metadata=None, output_dir=str(tmp_path / "out"), top_n=5)
    assert session.output_dir == tmp_path / "out" and session.output_dir.is_dir()
    assert len(session.documents) == 2 and len(session.analysis.entities) > 0
    assert "analysing" not in capsys.readouterr().err  # no progress bar for two articles
    session.save_table(session.documents[["doc_id", "n_words"]], "docs")
    session.save_table(session.analysis.entities.head(3), "ents")
    assert (tmp_path / "out" / "docs.csv").is_file()
    assert (tmp_path / "out" / "docs.parquet").is_file()
    dictionary = pd.read_csv(tmp_path / "out" / "data_dictionary.csv")
    assert {"docs", "ents"} <= set(dictionary["table"])  # both tables are described
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    session.save_figure(fig, "line")
    plt.close(fig)
    assert (tmp_path / "out" / "line.png").stat().st_size > 0
    assert (tmp_path / "out" / "line.svg").read_text().lstrip().startswith("<?xml")
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_start_rejects_bad_parameter_before_loading(tmp_path):
    with pytest.raises(notebook.ParameterError, match="top_n"):
        notebook.start("t", corpus="does-not-exist", top_n="ten")


def test_progress_bar_when_asked(seed_documents, monkeypatch, capsys):
    monkeypatch.setattr(notebook, "_PROGRESS_CHUNK", 1)
    quiet = notebook.analyze_documents(seed_documents)
    assert "analysing" not in capsys.readouterr().err
    shown = notebook.analyze_documents(seed_documents, progress=True)
    err = capsys.readouterr().err
    assert "analysing" in err and "2/2" in err
    pd.testing.assert_frame_equal(quiet.entities, shown.entities)  # same tables either way


def test_progress_default_only_for_large_corpora(seed_documents, monkeypatch, capsys):
    monkeypatch.setattr(notebook, "_PROGRESS_CHUNK", 1)
    monkeypatch.setattr(notebook, "PROGRESS_MIN_DOCS", 2)
    notebook.analyze_documents(seed_documents)
    assert "analysing" in capsys.readouterr().err
    monkeypatch.setenv("NEWSKIT_PROGRESS", "0")  # newskit report's kernels
    notebook.analyze_documents(seed_documents)
    assert "analysing" not in capsys.readouterr().err


def test_project_root_and_resolve(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSKIT_ROOT", raising=False)
    root = notebook.project_root()
    assert (root / "pyproject.toml").is_file()
    monkeypatch.setenv("NEWSKIT_ROOT", str(tmp_path))
    assert notebook.project_root() == tmp_path.resolve()
    assert notebook.resolve("seeds") == tmp_path.resolve() / "seeds"
    assert notebook.resolve("/abs/x") == notebook.Path("/abs/x")
