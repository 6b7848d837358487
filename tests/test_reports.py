"""``newskit report``: parameters checked before anything runs, one shared real run (every
notebook on the seeds plus a hostile article), failed runs, --if-changed and --keep.

Report runs start Jupyter kernels, so the real run is built once per test session (and shared
across xdist workers through a lock file, see ``shared_report``); the other runs use a folder
of tiny notebooks (``NEWSKIT_NOTEBOOKS``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import formats as F
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import cli, reports
from helpers.reports import ReportError, params, runs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"

#: Markup that must never reach any page unescaped.
XSS_MARKERS = ("<script>alert('newskit-xss')", "<img src=x onerror", "<b onmouseover=")
XSS_ARTICLE = textwrap.dedent("""\
    Title: Officials react <script>alert('newskit-xss')</script>
    Source: <b onmouseover=alert(2)>Evil Wire</b>
    Date: 2025-02-03

    The minister, Maria Lopez, said on Monday that the budget of $5 million was approved.
    "We will publish <img src=x onerror=alert(1)> every figure," she said in Paris.
    The report <script>alert('newskit-xss')</script> was welcomed by Reuters.
    """)

COMMON_PARAMS = textwrap.dedent("""\
    corpus = "seeds"        # folder or file(s), relative to the project root
    metadata = None         # optional CSV/JSONL sidecar keyed by doc_id
    outlets = None          # list of outlets to keep, or None for all
    date_from = None        # "YYYY-MM-DD" or None
    date_to = None
    model = None            # spaCy model name, None for the kit's default
    output_dir = None       # None: output/<notebook name> under the project root
    top_n = 15""")


def write_notebook(path: Path, code: str, extra_params: str = "") -> Path:
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {path.stem}\n\nA tiny notebook for tests."),
        new_code_cell(COMMON_PARAMS + extra_params, metadata={"tags": ["parameters"]}),
        new_code_cell(code),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


TINY_OK = (
    "import pathlib\n"
    "out = pathlib.Path(output_dir)\n"
    "out.mkdir(parents=True, exist_ok=True)\n"
    "(out / 'seen.csv').write_text('corpus,top_n\\n' + str(corpus).replace(',', ';') + ','"
    " + str(top_n) + '\\n')\n"
    "print('top_n is', top_n)"
)


@pytest.fixture
def tiny_notebooks(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    write_notebook(folder / "tiny.ipynb", TINY_OK, "\nstory = None\nlabel = \"all\"")
    monkeypatch.setenv("NEWSKIT_NOTEBOOKS", str(folder))
    return folder


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "004_fa4afdca0f45084a.txt", folder / "a.txt")
    return folder


# --- the shared real run -------------------------------------------------------------------


def _build_shared(target: Path) -> dict:
    corpus = target / "corpus"
    corpus.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "zz_hostile.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = target / "reports"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSKIT_CACHE_DIR", str(target / "cache"))
        mp.delenv("NEWSKIT_NOTEBOOKS", raising=False)
        mp.chdir(ROOT)
        try:
            result = reports.run_report([str(corpus)], out, xlsx=True)
        except ReportError as exc:
            return {"error": str(exc)}
    return {"run": str(result.run), "out": str(out), "corpus": str(corpus),
            "message": result.message, "cache": str(target / "cache")}


@pytest.fixture(scope="session")
def shared_report(tmp_path_factory) -> dict:
    """One ``newskit report`` over every notebook in ``notebooks/``, built once per test
    session (the first xdist worker to get here builds it, the others wait and reuse it)."""
    if not any(NOTEBOOKS.glob("*.ipynb")):
        pytest.skip("no notebooks in notebooks/")
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / "newskit-shared-report"
    with open(shared / "newskit-shared-report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "newskit-shared-report.json"
        if not done.exists():
            if target.exists():
                shutil.rmtree(target)
            done.write_text(json.dumps(_build_shared(target)))
        info = json.loads(done.read_text())
    if "error" in info:
        pytest.fail(f"the shared report run failed: {info['error']}")
    info["run"], info["out"] = Path(info["run"]), Path(info["out"])
    return info


def html_pages(run: Path) -> list[Path]:
    return sorted(run.glob("*.html"))


def test_report_run_is_published(shared_report):
    run, out = shared_report["run"], shared_report["out"]
    assert runs.RUN_ID.match(run.name)
    assert (out / "latest").is_symlink() and (out / "latest").resolve() == run.resolve()
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["articles"] == 3
    assert [s["reason"] for s in manifest["skipped"]] == ["empty file"]
    # one-line summary: articles read, skipped with reasons, quotes, figures, time
    message = shared_report["message"]
    assert "\n" not in message
    assert "3 articles read, 1 skipped (empty.txt: empty file)" in message
    assert " quotes, " in message and " figures, " in message


def test_index_links_every_notebook_page(shared_report):
    run = shared_report["run"]
    index = (run / "index.html").read_text()
    stems = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("_"))
    for stem in stems:
        assert f'href="{stem}.html"' in index, stem
        assert (run / f"{stem}.html").is_file(), stem
        assert (run / "notebooks" / f"{stem}.ipynb").is_file(), stem
    assert "explore_corpus" in stems
    for needle in ("Corpus", "Headline numbers", "Parameters", "newskit 0", "en_core_web_sm",
                   'src="assets/', "tables/entities.csv", "tables/tables.xlsx",
                   "data_dictionary.csv", "2025-01-22 to 2025-02-03"):
        assert needle in index, needle


def test_tables_exported(shared_report):
    tables = shared_report["run"] / "tables"
    for name in ("documents", "entities", "quotes", "figures", "citations"):
        assert (tables / f"{name}.csv").is_file() and (tables / f"{name}.parquet").is_file()
    assert (tables / "tables.xlsx").is_file()
    dictionary = (tables / "data_dictionary.csv").read_text()
    assert "speaker_canonical" in dictionary and "entity_id" in dictionary


def test_pages_have_no_code_and_link_back(shared_report):
    run = shared_report["run"]
    for page in html_pages(run):
        text = page.read_text()
        assert 'href="index.html"' in text, page.name
        if page.name == "index.html":
            continue
        # every code cell is rendered without its input, and no editor/prompt is left
        code_cells = re.findall(r'class="(jp-Cell jp-CodeCell[^"]*)"', text)
        assert code_cells and all("jp-mod-noInput" in c for c in code_cells), page.name
        assert 'class="jp-CodeMirrorEditor' not in text and 'class="jp-InputPrompt' not in text
        assert "notebook.start(" not in text, page.name  # code is not shown
        assert "<script src=" not in text, page.name  # nothing loaded from the network
        assert "<img" in text, f"{page.name} shows no chart"


def test_explore_page_content(shared_report):
    run = shared_report["run"]
    text = (run / "explore_corpus.html").read_text()
    assert "Explore a corpus" in text and "newskit-table" in text
    assert "full table: top_entities.csv" in text
    assert (run / "explore_corpus" / "top_entities.csv").is_file()
    assert 'href="explore_corpus/top_entities.csv"' in text
    assert "empty.txt" in text  # the skipped file, with its reason


def test_article_markup_is_escaped_everywhere(shared_report):
    run = shared_report["run"]
    pages = html_pages(run)
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text()
        for marker in XSS_MARKERS:
            assert marker not in text, f"{marker!r} unescaped in {page.name}"
    explore = (run / "explore_corpus.html").read_text()
    assert "&lt;script&gt;alert(" in explore  # shown, as text
    index = (run / "index.html").read_text()
    assert "&lt;b onmouseover=alert(2)&gt;Evil Wire&lt;/b&gt;" in index  # the outlet name


def test_if_changed_on_unchanged_corpus_does_nothing(shared_report, capsys, monkeypatch):
    out = shared_report["out"]
    monkeypatch.setenv("NEWSKIT_CACHE_DIR", shared_report["cache"])
    before = sorted(p.name for p in out.iterdir())
    code = cli.main(["report", "--corpus", shared_report["corpus"], "--out", str(out), "--xlsx",
                     "--if-changed"])
    assert code == 0
    said = capsys.readouterr().out
    assert "nothing to do" in said and "unchanged" in said
    assert sorted(p.name for p in out.iterdir()) == before


# --- parameters ----------------------------------------------------------------------------


def test_declared_parameters_read_from_parameters_cell(tiny_notebooks):
    declared = params.declared_parameters(tiny_notebooks / "tiny.ipynb")
    assert declared["top_n"] == 15 and declared["story"] is None and declared["label"] == "all"
    assert list(declared)[:8] == ["corpus", "metadata", "outlets", "date_from", "date_to",
                                  "model", "output_dir", "top_n"]


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([["nonsense", "1"]], "unknown parameter 'nonsense'"),
        ([["top_n", "many"]], "'top_n' must be int"),
        ([["top_n", "2.5"]], "'top_n' must be int"),
        ([["date_from", "yesterday"]], "'date_from' must be a date"),
        ([["date_to", "2024-02-30"]], "'date_to' is not a valid date"),
        ([["label", "[1, 2]"]], "'label' must be str"),
        ([["output_dir", "/tmp/x"]], "'output_dir' cannot be set"),
        ([["corpus_format", "nexis"]], "'corpus_format' cannot be set.*--format"),
    ],
)
def test_bad_parameters_fail_before_anything_runs(tiny_notebooks, small_corpus, tmp_path,
                                                  pairs, message):
    out = tmp_path / "out"
    with pytest.raises(ReportError, match=message):
        reports.run_report([str(small_corpus)], out, parameters=pairs)
    assert not out.exists()


def test_parameters_file_and_cli_values(tiny_notebooks, tmp_path):
    yaml_file = tmp_path / "p.yaml"
    yaml_file.write_text("top_n: 7\ndate_from: 2025-01-01\noutlets: [BBC, CNN]\n")
    values, _ = params.collect([tiny_notebooks / "tiny.ipynb"],
                               [["top_n", "3"], ["label", "2024"], ["story", "x"]], yaml_file)
    assert values == {"top_n": 3, "date_from": "2025-01-01", "outlets": ["BBC", "CNN"],
                      "label": "2024", "story": "x"}
    yaml_file.write_text("mystery: 1\n")
    with pytest.raises(ReportError, match="unknown parameter 'mystery'"):
        params.collect([tiny_notebooks / "tiny.ipynb"], [], yaml_file)


def test_cli_reports_bad_parameter_in_one_line(tiny_notebooks, small_corpus, tmp_path, capsys):
    code = cli.main(["report", "--corpus", str(small_corpus), "--out", str(tmp_path / "o"),
                     "-p", "colour", "red"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown parameter 'colour'" in err
    assert not (tmp_path / "o").exists()


def test_forced_format_reaches_loading_and_notebooks(tmp_path, monkeypatch):
    """``newskit report --format``: the corpus is read as that format (a ProQuest export forced
    to plain text stays one article) and notebooks declaring ``corpus_format`` receive it."""
    folder = tmp_path / "notebooks"
    write_notebook(folder / "fmt.ipynb",
                   "import pathlib\nout = pathlib.Path(output_dir)\n"
                   "out.mkdir(parents=True, exist_ok=True)\n"
                   "(out / 'format.txt').write_text(str(corpus_format))",
                   "\ncorpus_format = None")
    monkeypatch.setenv("NEWSKIT_NOTEBOOKS", str(folder))
    corpus = tmp_path / "exports"
    corpus.mkdir()
    (corpus / "pq.txt").write_text(F.PROQUEST, encoding="utf-8")
    recognised = reports.run_report([str(corpus)], tmp_path / "a")
    forced = reports.run_report([str(corpus)], tmp_path / "b", corpus_format="text")
    assert recognised.manifest["articles"] == F.PROQUEST.count("Full text:") > 1
    assert forced.manifest["articles"] == 1
    assert forced.manifest["parameters"]["corpus_format"] == "text"
    assert (forced.run / "fmt" / "format.txt").read_text() == "text"
    assert (recognised.run / "fmt" / "format.txt").read_text() == "None"


def test_unknown_forced_format_fails_before_anything_runs(tiny_notebooks, small_corpus, tmp_path,
                                                          capsys):
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="'corpus_format' must be one of .*got 'pdf'"):
        reports.run_report([str(small_corpus)], out, corpus_format="pdf")
    assert not out.exists()
    with pytest.raises(SystemExit):
        cli.main(["report", "--corpus", str(small_corpus), "--out", str(out), "--format", "pdf"])
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


# --- runs: success, failure, --if-changed, --keep ------------------------------------------


def test_failing_notebook_keeps_latest_and_partial_run(tiny_notebooks, small_corpus, tmp_path,
                                                       capsys):
    out = tmp_path / "reports"
    good = reports.run_report([str(small_corpus)], out, parameters=[["top_n", "4"]])
    assert (out / "latest").resolve() == good.run.resolve()
    assert (good.run / "tiny" / "seen.csv").read_text().strip().endswith(",4")

    write_notebook(tiny_notebooks / "zz_broken.ipynb",
                   "print('before the failure')\nraise ValueError('deliberate failure')")
    code = cli.main(["report", "--corpus", str(small_corpus), "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert err.count("\n") == 0
    assert "zz_broken" in err and "ValueError: deliberate failure" in err
    assert (out / "latest").resolve() == good.run.resolve()
    failed = [p for p in out.iterdir() if p.name.endswith("-failed")]
    assert len(failed) == 1
    partial = nbformat.read(str(failed[0] / "notebooks" / "zz_broken.ipynb"), as_version=4)
    banner = "".join(c.source for c in partial.cells if c.cell_type == "markdown")
    assert "An Exception was encountered" in banner  # papermill's error banner
    outputs = [o for c in partial.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert any(o.get("ename") == "ValueError" for o in outputs)
    assert json.loads((failed[0] / "manifest.json").read_text())["status"] == "failed"


def test_notebooks_read_the_analysis_from_the_cache(tmp_path, small_corpus, monkeypatch):
    folder = tmp_path / "nbs"
    write_notebook(folder / "uses_session.ipynb", (
        "from helpers import notebook\n"
        "session = notebook.start('uses_session', corpus=corpus, metadata=metadata,"
        " outlets=outlets, date_from=date_from, date_to=date_to, model=model,"
        " output_dir=output_dir, top_n=top_n)\n"
        "import pathlib, os\n"
        "pathlib.Path(output_dir, 'info.txt').write_text("
        "f\"{session.analysis.info['n_parsed']} {session.analysis.info['n_cached']}"
        " {os.environ.get('NEWSKIT_TABLES')}\")"
    ))
    monkeypatch.setenv("NEWSKIT_NOTEBOOKS", str(folder))
    result = reports.run_report([str(small_corpus)], tmp_path / "out")
    # parsed once by the report, read back from the cache by the notebook, static tables
    assert (result.run / "uses_session" / "info.txt").read_text() == "0 1 static"


def test_if_changed_skips_then_runs_when_corpus_changes(tiny_notebooks, small_corpus, tmp_path):
    out = tmp_path / "reports"
    first = reports.run_report([str(small_corpus)], out, if_changed=True)
    assert first.status == "ok"
    again = reports.run_report([str(small_corpus)], out, if_changed=True)
    assert again.status == "unchanged" and "nothing to do" in again.message
    assert again.run.resolve() == first.run.resolve()
    # other parameters: a new run
    third = reports.run_report([str(small_corpus)], out, parameters=[["top_n", "3"]],
                               if_changed=True)
    assert third.status == "ok" and third.run != first.run
    # changed content: a new run
    (small_corpus / "a.txt").write_text("A new text about Paris, said Maria Lopez.\n")
    fourth = reports.run_report([str(small_corpus)], out, parameters=[["top_n", "3"]],
                                if_changed=True)
    assert fourth.status == "ok" and fourth.run != third.run
    assert (out / "latest").resolve() == fourth.run.resolve()


def test_keep_prunes_old_runs(tiny_notebooks, small_corpus, tmp_path):
    out = tmp_path / "reports"
    made = [reports.run_report([str(small_corpus)], out, keep=2).run for _ in range(3)]
    assert [p.name for p in made] == sorted(p.name for p in made)  # ids sort by time
    left = sorted(p.name for p in out.iterdir() if runs.RUN_ID.match(p.name))
    assert left == [made[1].name, made[2].name]
    assert (out / "latest").resolve() == made[2].resolve()


def test_run_ids_sort_by_time(tmp_path):
    import datetime as dt

    moment = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    first = runs.new_run_id(tmp_path, moment)
    assert first == "20260102-030405"
    (tmp_path / first).mkdir()
    second = runs.new_run_id(tmp_path, moment)
    (tmp_path / f"{second}-failed").mkdir()
    third = runs.new_run_id(tmp_path, moment)
    later = runs.new_run_id(tmp_path, moment + dt.timedelta(seconds=1))
    assert [first, second, third, later] == sorted([first, second, third, later])
    assert len({first, second, third}) == 3 and later == "20260102-030406"


def test_latest_switch_is_atomic_rename(tmp_path):
    a, b = tmp_path / "20260101-000000", tmp_path / "20260101-000001"
    a.mkdir()
    b.mkdir()
    runs.point_latest(tmp_path, a)
    runs.point_latest(tmp_path, b)
    link = tmp_path / "latest"
    assert link.is_symlink() and os.readlink(link) == b.name  # relative: the folder can move
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".latest")]
    (tmp_path / "latest").unlink()
    (tmp_path / "latest").mkdir()
    with pytest.raises(ReportError, match="not a symlink"):
        runs.point_latest(tmp_path, a)


def test_no_notebooks_is_an_error(tmp_path, monkeypatch, small_corpus):
    empty = tmp_path / "none"
    empty.mkdir()
    monkeypatch.setenv("NEWSKIT_NOTEBOOKS", str(empty))
    with pytest.raises(ReportError, match="no notebooks found"):
        reports.run_report([str(small_corpus)], tmp_path / "out")


def test_second_concurrent_run_is_refused(tiny_notebooks, small_corpus, tmp_path):
    out = tmp_path / "reports"
    with runs.locked(out.parent):  # the lock of another folder does not matter
        pass
    out.mkdir()
    with runs.locked(out):  # a run in progress
        with pytest.raises(ReportError, match="another newskit report is running"):
            reports.run_report([str(small_corpus)], out)
    assert not [p for p in out.iterdir() if runs.RUN_ID.match(p.name)]
