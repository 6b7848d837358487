"""Security: untrusted article text and metadata never execute in the HTML report, never become
file paths, and are never evaluated; report parameters reach papermill as data.

The browser test builds a real report (every notebook) from articles whose text, titles,
outlets, doc_ids, file names and metadata carry script payloads, then opens every page in
headless Chromium and checks that no payload ran (it would set ``window.__pwned`` or change the
title) and that no payload became a live element.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWSKIT = Path(sys.executable).with_name("newskit")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HAVE_REPORTS = (ROOT / "src" / "helpers" / "reports" / "__init__.py").is_file()

SCRIPT = "<script>window.__pwned='script';document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';document.title='PWNED'\">"
SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
BREAKOUT = "\"'></script></style></textarea></title><script>window.__pwned='breakout'</script>"
IFRAME = "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>"
MARKDOWN = "[click](javascript:window.__pwned='md') ![x](x\" onerror=\"window.__pwned='mdimg')"
TEMPLATE = "{{ 7*7 }} ${7*7} {% if true %}T{% endif %} %(x)s {0.__class__}"
PAYLOADS = [SCRIPT, IMG, SVG, BREAKOUT, IFRAME, MARKDOWN]


def _code_payload(marker: Path) -> str:
    """Text that would create ``marker`` if anything evaluated it as Python or shell."""
    return (f"__import__('os').system('touch {marker}') $(touch {marker}) `touch {marker}` "
            f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}")


def _articles(marker: Path) -> pd.DataFrame:
    body = (
        f'{SCRIPT} "We will {IMG} win this election," said Maria Lopez, the finance minister. '
        f"She told reporters in Madrid that costs rose to $5 million {SVG} in 2023. "
        f"{BREAKOUT} According to The New York Times, {IFRAME} the deficit reached 3.5%. "
        f"{MARKDOWN} {TEMPLATE} {_code_payload(marker)}"
    )
    return pd.DataFrame([
        {"id": "../../etc/x", "title": f"Election {SCRIPT} {IMG}", "outlet": f"Daily {IMG}",
         "published": "2024-03-01", "text": body},
        {"id": f"story{IMG}", "title": f"Vote {BREAKOUT}", "outlet": f"Weekly {SCRIPT}",
         "published": "2024-03-02",
         "text": body.replace("Maria Lopez", "John Smith") + f" {SVG} Extra sentence."},
        {"id": "/abs/path/y", "title": MARKDOWN, "outlet": BREAKOUT, "published": "2024-03-02",
         "text": f'"Costs will rise by 4%," {IMG} the minister Maria Lopez said in Madrid.'},
    ])


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """A report over hostile articles, built once by ``newskit report`` with every notebook."""
    if not HAVE_REPORTS:
        pytest.skip("the report command is not built yet")
    base = tmp_path_factory.mktemp("security")
    marker = base / "EVALUATED"
    corpus = base / "corpus"
    corpus.mkdir()
    _articles(marker).to_csv(corpus / "articles.csv", index=False)
    odd = corpus / "txt"
    odd.mkdir()
    # A file name that is itself markup; its metadata comes from a sidecar with payloads.
    (odd / "<img src=x onerror=alert(1)>.txt").write_text(
        f'"Prices are rising," said John Smith {SCRIPT} in Paris.'
    )
    meta = base / "meta.csv"
    pd.DataFrame([{"doc_id": "<img src=x onerror=alert(1)>", "outlet": f"Sidecar {SVG}",
                   "author": f"{SCRIPT}{IMG}", "title": BREAKOUT}]).to_csv(meta, index=False)
    before = {p for p in base.rglob("*")}
    out = base / "reports"
    env = {**os.environ, "NEWSKIT_CACHE_DIR": str(base / "cache")}
    result = subprocess.run(
        [str(NEWSKIT), "report", "--corpus", str(corpus / "articles.csv"), str(odd),
         "--metadata", str(meta), "--out", str(out)],
        capture_output=True, text=True, timeout=900, env=env, cwd=base,
    )
    assert result.returncode == 0, result.stderr
    return {"base": base, "out": out, "run": (out / "latest").resolve(), "marker": marker,
            "before": before}


def test_nothing_is_written_outside_the_output_folder(hostile_report):
    base, out, run = hostile_report["base"], hostile_report["out"], hostile_report["run"]
    cache = base / "cache"
    new = {p for p in base.rglob("*")} - hostile_report["before"]
    outside = [p for p in new if not (p.is_relative_to(out) or p.is_relative_to(cache))]
    assert not outside, outside
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()), path
        if path.parent == out and path.name.startswith("."):
            continue  # the report's own bookkeeping (lock file)
        assert path.resolve().is_relative_to(run) or path.name == "latest" or path == run, path
        assert "etc" not in path.relative_to(out).parts and "abs" not in path.relative_to(
            out).parts, path
    assert not Path("/abs/path/y").exists()


def test_corpus_content_is_never_evaluated(hostile_report):
    assert not hostile_report["marker"].exists()
    assert not (hostile_report["base"] / "reports" / "EVALUATED").exists()


def test_report_pages_escape_payloads_in_source(hostile_report):
    pages = sorted(hostile_report["run"].rglob("*.html"))
    assert pages, "the report has no HTML pages"
    seen_escaped = shown_sidecar = False
    for page in pages:
        html = page.read_text(errors="replace")
        for payload in PAYLOADS:
            if "<" in payload:  # markup must arrive escaped; plain text may appear as is
                assert payload not in html, (page.name, payload)
        seen_escaped |= "&lt;script&gt;window.__pwned" in html or "&lt;img src=x" in html
        shown_sidecar |= "Sidecar &lt;svg" in html
    assert seen_escaped, "no page shows any article text or metadata: the test checks nothing"
    assert shown_sidecar, "the sidecar's outlet is shown nowhere (escaped)"


def browser_problems(pages: list[Path]) -> list[tuple[str, dict, list[str]]]:
    """Open each page in headless Chromium; what ran or became live, per page."""
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(java_script_enabled=True)
            for path in pages:
                page = context.new_page()
                dialogs: list[str] = []
                page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message),
                                                              d.dismiss()))
                page.goto(path.as_uri(), wait_until="load", timeout=60_000)
                page.wait_for_timeout(300)  # let onerror/onload handlers fire, if any exist
                state = page.evaluate(
                    """() => ({
                        pwned: window.__pwned === undefined ? null : String(window.__pwned),
                        title: document.title,
                        live: [...document.querySelectorAll('*')].filter(el =>
                            [...el.attributes].some(a => a.value.includes('__pwned') && (
                                a.name.startsWith('on') || ['src', 'href', 'srcdoc', 'action',
                                'formaction', 'data', 'style'].includes(a.name)))
                        ).map(el => el.outerHTML.slice(0, 120)).slice(0, 5),
                        scripts: [...document.scripts].filter(s =>
                            s.textContent.includes('__pwned')).length,
                        frames: document.querySelectorAll('iframe[srcdoc]').length,
                    })"""
                )
                if (state["pwned"] or "PWNED" in state["title"] or state["live"]
                        or state["scripts"] or state["frames"] or dialogs):
                    problems.append((path.name, state, dialogs))
                page.close()
        finally:
            browser.close()
    return problems


def _need_chromium() -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium): browser test skipped")


@pytest.mark.browser
def test_browser_check_catches_an_unescaped_page(tmp_path):
    """The checker itself: a page that pastes the payloads raw is caught."""
    _need_chromium()
    page = tmp_path / "vulnerable.html"
    page.write_text(f"<html><head><title>t</title></head><body>{SCRIPT}{IMG}{SVG}</body></html>")
    safe = tmp_path / "safe.html"
    import html

    safe.write_text(f"<html><body><p>{html.escape(SCRIPT + IMG + SVG)}</p></body></html>")
    problems = browser_problems([page, safe])
    assert [name for name, _, _ in problems] == ["vulnerable.html"]


@pytest.mark.browser
def test_report_pages_execute_nothing_in_chromium(hostile_report):
    _need_chromium()
    pages = sorted(hostile_report["run"].rglob("*.html"))
    assert pages
    problems = browser_problems(pages)
    assert not problems, problems


# --- parameters reach papermill as data ------------------------------------------------------


def test_code_in_report_parameters_is_rejected_or_inert(tmp_path):
    if not HAVE_REPORTS:
        pytest.skip("the report command is not built yet")
    marker = tmp_path / "EVALUATED"
    code = f"__import__('os').system('touch {marker}')"
    result = subprocess.run(
        [str(NEWSKIT), "report", "--corpus", str(ROOT / "seeds"), "--out", str(tmp_path / "r"),
         "-p", "top_n", code],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 2 and "top_n" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists()


def test_parameters_are_injected_as_literals(tmp_path):
    """Whatever a user passes with ``-p``, the cell papermill injects holds only assignments of
    literal values: strings stay strings, never code."""
    if not HAVE_REPORTS:
        pytest.skip("the report command is not built yet")
    import nbformat
    from papermill.parameterize import parameterize_notebook  # what papermill injects

    from helpers import reports
    from helpers.reports import params as report_params

    _, notebooks = reports.find_notebooks()
    marker = tmp_path / "EVALUATED"
    hostile = f"x'); __import__('os').system('touch {marker}'); ('"
    declared = {}
    for path in notebooks:
        declared.update(report_params.declared_parameters(path))
    text_params = [n for n, v in declared.items() if v is None and n not in report_params.RESERVED
                   and n not in ("outlets", "date_from", "date_to", "model")]
    pairs = [("outlets", f"[{json.dumps(hostile)}]")] + [(n, hostile) for n in text_params]
    values, per_notebook = report_params.collect(notebooks, pairs)
    assert values["outlets"] == [hostile]
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        names = per_notebook[path]
        chosen = {k: v for k, v in values.items() if k in names}
        # the corpus path is set by the report itself: a folder name with quotes stays a string
        chosen["corpus"] = f"/data/it's a \"{hostile}\" \\ folder"
        injected = parameterize_notebook(nb, chosen)
        cells = [c for c in injected.cells if "injected-parameters" in c.metadata.get("tags", [])]
        if not cells:
            continue
        assigned = {}
        for node in ast.parse(cells[0].source).body:
            assert isinstance(node, ast.Assign), ast.dump(node)
            assigned[node.targets[0].id] = ast.literal_eval(node.value)  # literals only
        assert assigned == chosen  # the values arrive exactly as given
    assert not marker.exists()
