"""Failure semantics of ``newskit``: every error a user can cause is one line on stderr, with no
traceback (the traceback only under ``--debug``), and bad options are rejected before anything
runs, naming the option."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWSKIT = Path(sys.executable).with_name("newskit")
SEEDS = ROOT / "seeds"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSKIT), *args], capture_output=True, text=True, timeout=timeout,
        cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])
    return errors[0]


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


def run_here(argv: list[str], capsys, monkeypatch) -> tuple[int, str]:
    """``newskit ARGV`` in this process (fast: no interpreter start-up): exit code and stderr."""
    from helpers import cli

    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)  # main() replaces it
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    return code, capsys.readouterr().err


BAD_EXTRACT_OPTIONS = {
    "missing-corpus": (["--corpus", "/no/such/folder"], ["--corpus", "/no/such/folder"]),
    "unknown-model": (["--model", "nope"], ["--model", "'nope'"]),
    "bad-date": (["--reference-date", "2024-13-01"], ["--reference-date", "2024-13-01"]),
    "word-date": (["--reference-date", "yesterday"], ["--reference-date", "yesterday"]),
    "zero-processes": (["--n-process", "0"], ["--n-process"]),
    "ill-typed-processes": (["--n-process", "two"], ["--n-process", "two"]),
    "missing-metadata": (["--metadata", "/no/meta.csv"], ["--metadata", "/no/meta.csv"]),
    "metadata-not-a-table": (["--metadata", str(SEEDS / "000_37b5f54015e947a3.txt")],
                             ["--metadata"]),
    "unknown-option": (["--bogus-option"], ["--bogus-option"]),
}


@pytest.mark.parametrize("case", sorted(BAD_EXTRACT_OPTIONS))
def test_extract_rejects_bad_options_before_running(case, out, capsys, monkeypatch):
    options, needles = BAD_EXTRACT_OPTIONS[case]
    if "--corpus" not in options:
        options = ["--corpus", str(SEEDS), *options]
    code, err = run_here(["extract", *options, "--out", str(out), "--no-cache"], capsys,
                         monkeypatch)
    assert code == 2
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), *needles)
    assert not out.exists()  # nothing ran: no output folder was created


def test_subprocess_errors_are_one_line(out):
    """The same, through the installed ``newskit`` script."""
    for options, needles in (BAD_EXTRACT_OPTIONS["missing-corpus"],
                             BAD_EXTRACT_OPTIONS["unknown-model"]):
        if "--corpus" not in options:
            options = ["--corpus", str(SEEDS), *options]
        result = run("extract", *options, "--out", str(out), "--no-cache")
        assert result.returncode == 2
        assert_one_line_error(result, *needles)
        assert not out.exists()


def test_out_that_is_a_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, err = run_here(["extract", "--corpus", str(SEEDS), "--out", str(target), "--no-cache"],
                         capsys, monkeypatch)
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), "--out")
    assert target.read_text() == "x"


def test_unusable_metadata_sidecar(tmp_path, out, capsys, monkeypatch):
    meta = tmp_path / "meta.csv"
    meta.write_text("name,outlet\nx,Daily\n")
    code, err = run_here(["extract", "--corpus", str(SEEDS), "--metadata", str(meta),
                          "--out", str(out), "--no-cache"], capsys, monkeypatch)
    assert code == 2
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), "meta.csv", "doc_id")


def test_eval_missing_and_broken_gold_files(tmp_path, capsys, monkeypatch):
    code, err = run_here(["eval", "quotes", "--gold", str(tmp_path / "gold.jsonl")], capsys,
                         monkeypatch)
    assert code == 2
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), "--gold", "gold.jsonl")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"id": "1", "text": "Hi.", "entities": []}) + "\n{oops\n")
    code, err = run_here(["eval", "entities", "--gold", str(broken)], capsys, monkeypatch)
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), "broken.jsonl", ":2")


def test_warnings_are_single_lines_and_do_not_stop_the_run(tmp_path, out):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Maria Lopez said the plan works.")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    result = run("extract", "--corpus", str(corpus), "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warned = [line for line in result.stderr.splitlines() if "warning" in line]
    assert any("empty.txt" in line for line in warned)
    assert any("binary.txt" in line and "binary" in line for line in warned)
    assert all(line.startswith("newskit: warning: skipped") for line in warned), warned
    assert (out / "documents.parquet").exists()


def test_debug_shows_the_traceback(out, monkeypatch):
    from helpers import cli

    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    with pytest.raises(cli.UserError, match="/no/such/folder"):  # raised: Python prints it all
        cli.main(["--debug", "extract", "--corpus", "/no/such/folder", "--out", str(out)])


def test_unexpected_failure_is_one_line(tmp_path, out):
    """A failure the kit did not foresee (here: a model package that is broken) still gives
    one line, with a hint to rerun under --debug."""
    pkg = tmp_path / "broken_model_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("raise RuntimeError('this model package is broken')\n")
    result = run("extract", "--corpus", str(SEEDS), "--out", str(out), "--no-cache",
                 "--model", "broken_model_pkg",
                 env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    line = assert_one_line_error(result, "broken")
    assert "--debug" in line or "model" in line


@pytest.mark.parametrize(
    ("name", "value"),
    [("top_n", "many"), ("top_n", "-3"), ("date_from", "2024-02-31"), ("date_to", "soon"),
     ("no_such_parameter", "1")],
)
def test_report_rejects_bad_parameters_before_running(name, value, tmp_path, capsys,
                                                      monkeypatch):
    if not (ROOT / "src" / "helpers" / "reports" / "__init__.py").is_file():
        pytest.skip("the report command is not built yet")
    out = tmp_path / "reports"
    code, err = run_here(["report", "--corpus", str(SEEDS), "--out", str(out), "-p", name, value],
                         capsys, monkeypatch)
    assert code == 2, err
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), name)
    assert not out.exists() or not any(out.iterdir())  # nothing ran


def test_report_bad_parameter_through_the_script(tmp_path):
    if not (ROOT / "src" / "helpers" / "reports" / "__init__.py").is_file():
        pytest.skip("the report command is not built yet")
    out = tmp_path / "reports"
    result = run("report", "--corpus", str(SEEDS), "--out", str(out), "-p", "top_n", "many",
                 timeout=120)
    assert result.returncode == 2
    assert_one_line_error(result, "top_n")
    assert not out.exists() or not any(out.iterdir())


def test_file_names_that_look_like_options(tmp_path, capsys, monkeypatch):
    """A corpus file named like an option: a one-line usage error when passed bare, and read
    normally as ``./-name.txt`` (or inside a folder)."""
    (tmp_path / "-dash.txt").write_text("Maria Lopez said the plan works.")
    monkeypatch.chdir(tmp_path)
    code, err = run_here(["extract", "--corpus", "-dash.txt", "--out", "o", "--no-cache"],
                         capsys, monkeypatch)
    assert code == 2
    assert_one_line_error(subprocess.CompletedProcess([], code, "", err), "--corpus")
    code, err = run_here(["extract", "--corpus", "./-dash.txt", "--out", "o", "--no-cache"],
                         capsys, monkeypatch)
    assert code == 0, err
    assert (tmp_path / "o" / "documents.csv").read_text().count("-dash") >= 1
