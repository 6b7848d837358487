"""The report and the notebooks as a person sees them, in Debian's headless Chromium.

- every page of a report run loads with no console errors, shows its tables and charts, and
  links back to the index; a screenshot of each page is written under the test's tmp folder;
- JupyterLab: started on a free loopback port with a token, each notebook is opened through the
  browser, all its cells are run, and no cell may end with an error, the page may log no error
  (console errors, uncaught exceptions, failed requests), and MathJax, which JupyterLab runs
  over every HTML output, may typeset nothing in the kit's outputs: article text has dollar
  signs ("$100 billion … $150 billion"). A probe cell appended to each copied notebook shows
  that the typesetter is active and has reached the end of the outputs.

Skipped (with the reason) when Chromium or Playwright is missing: ``make browser-deps`` installs
Chromium with apt. Nothing is downloaded at run time (never ``playwright install``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from test_reports import NOTEBOOKS, ROOT, shared_report  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("NEWSKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (run `make browser-deps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    return problems


def test_report_pages_in_browser(browser, shared_report, tmp_path):  # noqa: F811
    run = shared_report["run"]
    shots = tmp_path / "screenshots"
    shots.mkdir()
    pages = sorted(run.glob("*.html"))
    assert any(p.name == "index.html" for p in pages) and len(pages) >= 2
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = _watch(page)
    for html_file in pages:
        page.goto(html_file.as_uri())
        page.wait_for_load_state("load")
        name = html_file.stem
        assert page.title(), name
        tables = page.locator("table").count()
        assert tables > 0, f"{name} shows no table"
        images = page.locator("img")
        assert images.count() > 0, f"{name} shows no chart"
        widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
        assert all(w > 0 for w in widths), f"{name}: a chart did not load ({widths})"
        # navigation back to the index (the index links itself as the current page)
        assert page.locator('nav.newskit-nav a[href="index.html"]').count() == 1, name
        assert page.locator("mjx-container, .MathJax").count() == 0, f"{name}: math typeset"
        if name == "quote_analysis":  # the highlighted articles keep their dollar amounts
            articles = page.locator(".newskit-article.mathjax_ignore.tex2jax_ignore")
            assert articles.count() > 0
            assert any(re.search(r"\$\d", t) for t in articles.all_text_contents()), name
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert (shots / f"{name}.png").stat().st_size > 10_000
    # following a link from the index reaches the page, and back
    page.goto((run / "index.html").as_uri())
    page.click('#pages a[href="explore_corpus.html"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("explore_corpus.html")
    page.click('nav.newskit-nav a[href="index.html"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("index.html")
    page.close()
    assert problems == [], problems


# --- JupyterLab ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``jupyter lab`` on a copy of the notebooks (Lab may autosave; the repo's saved outputs
    must stay as they are), each writing into a tmp output folder."""
    work = tmp_path_factory.mktemp("lab")
    notebooks = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("_"))
    if not notebooks:
        pytest.skip("no notebooks in notebooks/")
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                cell.source += f"\noutput_dir = {str(work / 'output' / path.stem)!r}"
        nb.cells.append(nbformat.v4.new_code_cell(_MATH_PROBE))
        nbformat.write(nb, str(work / path.name))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    env.update(
        NEWSKIT_ROOT=str(ROOT),  # corpus paths resolve from the project, not the copy
        JUPYTER_CONFIG_DIR=str(work / ".config"),
        JUPYTER_RUNTIME_DIR=str(work / ".runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(work / ".workspaces"),
    )
    env.pop("NEWSKIT_TABLES", None)
    log = (work / "lab.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    json.load(r)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start:\n"
                                + (work / "lab.log").read_text(errors="replace")[-2000:])
                time.sleep(0.5)
        yield {"base": base, "token": token, "notebooks": [p.name for p in notebooks],
               "work": work}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


_STATE_JS = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  if (!widget || !widget.content || !widget.content.model) return null;
  const cells = widget.content.model.cells;
  const out = {pending: 0, errors: [], code: 0, status: null, interactive: 0};
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  out.status = kernel ? kernel.status : null;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    out.code += 1;
    if (cell.executionCount === null) out.pending += 1;
    for (let j = 0; j < cell.outputs.length; j++) {
      const o = cell.outputs.get(j).toJSON();
      if (o.output_type === 'error') out.errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    }
  }
  const prompts = [...document.querySelectorAll('.jp-InputPrompt')];
  out.running = prompts.filter(e => e.textContent.includes('*')).length;
  out.interactive = document.querySelectorAll('.dt-container, table.dataTable').length;
  out.dialogs = [...document.querySelectorAll('.jp-Dialog')].map(d => d.textContent.slice(0, 200));
  return out;
}"""


#: The last cell of each notebook in the test: math that MathJax must typeset (else the
#: typesetter is not running and the checks below would pass for the wrong reason).
_MATH_PROBE = (
    "from IPython.display import HTML, display\n"
    "display(HTML('<p class=\"math-probe\">$x^2 + y^2$</p>'))"
)
_PROBE_TYPESET_JS = "() => !!document.querySelector('.math-probe mjx-container')"
#: What MathJax did to the kit's outputs: typeset elements outside the probe, and the text of
#: the highlighted articles (whose dollar amounts must stay literal).
_MATH_JS = """() => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => !o.querySelector('.math-probe'));
  return {
    typeset: outputs.reduce((n, o) => n + o.querySelectorAll('mjx-container').length, 0),
    articles: [...document.querySelectorAll('.newskit-article')].map(a => a.textContent),
  };
}"""


def _math_failure(page, name: str) -> str | None:
    """None when MathJax ran but left every kit output alone (article dollars literal)."""
    try:
        page.wait_for_function(_PROBE_TYPESET_JS, timeout=60_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError
        return f"{name}: MathJax never typeset the probe cell (is the typesetter running?)"
    math = page.evaluate(_MATH_JS)
    if math["typeset"]:
        return f"{name}: MathJax typeset {math['typeset']} element(s) inside the kit's outputs"
    if name == "quote_analysis.ipynb":
        if not math["articles"]:
            return f"{name}: no highlighted article (.newskit-article) in the outputs"
        if not any(re.search(r"\$\d", text) for text in math["articles"]):
            return f"{name}: the articles' dollar amounts are not shown literally"
    return None


def _shutdown_sessions(lab: dict) -> None:
    """Stop every kernel through the server's REST API (frees memory between notebooks)."""
    base, token = lab["base"], lab["token"]
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as r:
        sessions = json.load(r)
    for session in sessions:
        req = urllib.request.Request(
            f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(req, timeout=30).close()


_READY_JS = """() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.status === 'idle' && w.content && w.content.model);
}"""
# Commands are started, not awaited: a promise that never settles would hang the test.
_RUN_JS = """(command) => { window.jupyterapp.commands.execute(command); return true; }"""


def _run_notebook(browser, lab: dict, name: str, shots: Path) -> str | None:
    """Open ``name`` in JupyterLab, run all cells, and return a failure message or None."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems = _watch(page)
    try:
        # A fresh workspace per notebook (?reset) so Lab does not restore earlier tabs.
        page.goto(f"{lab['base']}/lab/workspaces/t{secrets.token_hex(4)}/tree/{name}"
                  f"?reset&token={lab['token']}")
        page.wait_for_function(_READY_JS, timeout=90_000)
        page.evaluate(_RUN_JS, "notebook:clear-all-cell-outputs")
        page.evaluate(_RUN_JS, "notebook:run-all-cells")
        deadline = time.monotonic() + 150
        state = None
        while time.monotonic() < deadline:
            time.sleep(0.5)
            state = page.evaluate(_STATE_JS)
            if state is None:
                continue
            if state["errors"] or state["dialogs"]:
                break
            if state["pending"] == 0 and state["running"] == 0 and state["status"] == "idle":
                break
        page.screenshot(path=str(shots / f"lab-{Path(name).stem}.png"))
        if state is None:
            return f"{name}: the notebook did not open"
        if state["errors"]:
            return f"{name}: " + "; ".join(state["errors"])
        if state["dialogs"]:
            return f"{name}: a dialog is open: {state['dialogs']}"
        if state["pending"] or state["running"]:
            return f"{name}: cells did not finish ({state})"
        if name == "explore_corpus.ipynb" and not state["interactive"]:
            return f"{name}: no interactive (itables) table in JupyterLab"
        math = _math_failure(page, name)
        if math or problems:
            return "; ".join(([math] if math else []) + [f"{name}: {p}" for p in problems])
        return None
    finally:
        context.close()
        _shutdown_sessions(lab)


def test_notebooks_run_in_jupyterlab(browser, lab, tmp_path):
    failures = [
        failure for name in lab["notebooks"]
        if (failure := _run_notebook(browser, lab, name, tmp_path)) is not None
    ]
    assert not failures, "\n".join(failures)
