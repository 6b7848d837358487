"""HTML of a report run: executed notebooks as pages without code, and the index page.

Everything taken from the corpus (outlets, titles, file names, parameters) is escaped: the
index is rendered by Jinja2 with autoescaping, the navigation and footers with
``html.escape``, and notebook outputs are tables from ``pandas.to_html`` (which escapes).
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from .display import NO_MATH

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CSS = "report.css"
#: File types listed as downloads under a notebook page, in this order.
DOWNLOAD_SUFFIXES = (".csv", ".parquet", ".xlsx", ".png", ".svg")


@dataclass
class Page:
    """One notebook page of a run."""

    stem: str
    title: str
    description: str

    @property
    def href(self) -> str:
        return f"{self.stem}.html"

    @property
    def short(self) -> str:
        """The title before any colon, for the navigation bar."""
        return self.title.split(":", 1)[0].strip() or self.title


_HEADING = re.compile(r"^\s*#\s+(.+?)\s*$", re.M)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"[*_`]")


def _plain(markdown: str) -> str:
    return _MD_MARK.sub("", _MD_LINK.sub(r"\1", markdown)).strip()


def describe(path: Path) -> Page:
    """A page's title (the notebook's first ``# heading``, else its file name) and a one-line
    description (the first paragraph after that heading)."""
    nb = nbformat.read(str(path), as_version=4)
    title, description = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source
        m = _HEADING.search(text)
        if m and not title:
            title = _plain(m.group(1))
            text = text[m.end():]
        if title:
            for para in re.split(r"\n\s*\n", text):
                para = para.strip()
                if para and not para.startswith(("#", "|", "-", "*", "```", "<")):
                    description = _plain(" ".join(para.split()))
                    break
        if description:
            break
    if not title:
        title = path.stem.replace("_", " ").capitalize()
    if len(description) > 220:
        description = description[:217].rsplit(" ", 1)[0] + "…"
    return Page(stem=path.stem, title=title, description=description)


def nav_html(pages: list[Page], current: str | None = None) -> str:
    """The bar at the top of every page: the index, then every notebook page."""
    links = ['<a href="index.html"{}>← Report index</a>'.format(
        ' aria-current="page"' if current is None else "")]
    for page in pages:
        attr = ' aria-current="page"' if page.stem == current else ""
        links.append(
            f'<a href="{html.escape(page.href)}" title="{html.escape(page.title)}"{attr}>'
            f"{html.escape(page.short)}</a>"
        )
    return f'<nav class="newskit-nav" aria-label="report pages">{"".join(links)}</nav>'


def downloads_html(run: Path, stem: str, run_id: str) -> str:
    """Footer of a notebook page: every table and chart the notebook wrote, as links."""
    folder = run / stem
    files = []
    if folder.is_dir():
        files = sorted(
            (p for p in folder.iterdir() if p.suffix in DOWNLOAD_SUFFIXES and p.is_file()),
            key=lambda p: (DOWNLOAD_SUFFIXES.index(p.suffix), p.name),
        )
    items = "".join(
        f'<li><a href="{html.escape(stem)}/{html.escape(p.name)}">{html.escape(p.name)}</a></li>'
        for p in files
    )
    listing = (
        f"<p>Full tables and charts of this page:</p><ul>{items}</ul>" if items
        else "<p>This page wrote no files.</p>"
    )
    return (
        f'<footer class="newskit-footer">{listing}'
        f'<p><a href="index.html">← Back to the report index</a> · run {html.escape(run_id)}</p>'
        "</footer>"
    )


#: Rows of one HTML table kept in a report page; longer tables are cut with a note pointing at
#: the page's downloads (a notebook that printed a whole table stays readable).
MAX_PAGE_ROWS = 50
_TBODY = re.compile(r"(<tbody>)(.*?)(</tbody>)", re.S)
_ROW = re.compile(r"<tr[\s>].*?</tr>", re.S)


def cap_table_rows(html_text: str, limit: int = MAX_PAGE_ROWS) -> str:
    """Keep the first ``limit`` body rows of every table in an HTML output."""

    def cut(m: re.Match) -> str:
        rows = _ROW.findall(m.group(2))
        if len(rows) <= limit:
            return m.group(0)
        note = (f'<tr class="newskit-cut"><td colspan="100">… {len(rows) - limit} more rows: '
                "see the full table in this page's downloads</td></tr>")
        return m.group(1) + "\n".join(rows[:limit]) + note + m.group(3)

    return _TBODY.sub(cut, html_text)


def _cap_outputs(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = cap_table_rows(text)


def notebook_to_html(
    executed: Path, target: Path, pages: list[Page], run: Path, run_id: str
) -> Path:
    """Convert an executed notebook to a report page: outputs only (no code, no prompts),
    no network scripts, navigation at the top and downloads at the bottom."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file="page.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    nb = nbformat.read(str(executed), as_version=4)
    _cap_outputs(nb)
    page = next((p for p in pages if p.stem == executed.stem), None)
    nb.metadata["title"] = f"{page.title if page else executed.stem} · newskit report"
    resources: dict[str, Any] = {
        "newskit_nav": nav_html(pages, executed.stem),
        "newskit_footer": downloads_html(run, executed.stem, run_id),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.write_text(body, encoding="utf-8")
    return target


def render_index(target: Path, context: dict[str, Any]) -> Path:
    """Write ``index.html`` from ``templates/index.html.j2`` (autoescaped) and copy the CSS."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    context = dict(context)
    context["nav"] = Markup(nav_html(context.pop("page_list")))
    context["no_math"] = NO_MATH  # outlet and entity names come from articles: no $…$ as math
    html_text = env.get_template("index.html.j2").render(**context)
    target.write_text(html_text, encoding="utf-8")
    copy_css(target.parent)
    return target


def copy_css(folder: Path) -> None:
    shutil.copyfile(TEMPLATES / CSS, folder / CSS)
