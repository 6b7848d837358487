"""The report and the notebooks as a person sees them, in Debian's headless Chromium.

- every page of a report run loads with no console errors, shows its tables and charts, and
  links back to the index; a screenshot of each page is written under the test's tmp folder;
- JupyterLab: started on a free loopback port with a token, each notebook is opened through the
  browser, all its cells are run, and no cell may end with an error.

Skipped (with the reason) when Chromium or Playwright is missing: ``make browser-deps`` installs
Chromium with apt. Nothing is downloaded at run time (never ``playwright install``).
"""

from __future__ import annotations

import json
import os
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
  return out;
}"""


def _shutdown_kernels(lab: dict) -> None:
    """Stop the notebook's kernel through the server's REST API (frees memory between
    notebooks without a dialog in the page)."""
    url = f"{lab['base']}/api/kernels?token={lab['token']}"
    with urllib.request.urlopen(url, timeout=10) as r:
        kernels = json.load(r)
    for kernel in kernels:
        req = urllib.request.Request(
            f"{lab['base']}/api/kernels/{kernel['id']}?token={lab['token']}", method="DELETE"
        )
        urllib.request.urlopen(req, timeout=30).close()


def test_notebooks_run_in_jupyterlab(browser, lab, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    failures = []
    for name in lab["notebooks"]:
        page.goto(f"{lab['base']}/lab/tree/{name}?token={lab['token']}")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'idle'",
            timeout=60_000,
        )
        # Clear the saved outputs first, so every output checked below comes from this run.
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        deadline = time.monotonic() + 150
        state = None
        while time.monotonic() < deadline:
            state = page.evaluate(_STATE_JS)
            if state and state["errors"]:
                break
            if state and state["pending"] == 0 and state["running"] == 0 \
                    and state["status"] == "idle":
                break
            time.sleep(0.5)
        page.screenshot(path=str(tmp_path / f"lab-{Path(name).stem}.png"))
        if state is None or state["pending"] or state["running"]:
            failures.append(f"{name}: cells did not finish ({state})")
        elif state["errors"]:
            failures.append(f"{name}: " + "; ".join(state["errors"]))
        elif name == "explore_corpus.ipynb" and not state["interactive"]:
            failures.append(f"{name}: no interactive (itables) table in JupyterLab")
        _shutdown_kernels(lab)
    page.close()
    assert failures == [], failures
