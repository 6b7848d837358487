"""Showing tables in notebooks: interactive (sortable, searchable) in a live JupyterLab session,
a plain top-N HTML table everywhere else (papermill, nbval, the static HTML report).

How the mode is chosen (first match wins):

1. ``NEWSKIT_TABLES=interactive`` or ``NEWSKIT_TABLES=static`` in the kernel's environment
   (``newskit report`` sets ``static``);
2. a kernel started by a Jupyter server (JupyterLab or Notebook sets ``JPY_SESSION_NAME``) is
   interactive when ``itables`` is installed;
3. otherwise static, so saved outputs are deterministic (nbval compares them) and readable
   without JavaScript.

Every table carries ``NO_MATH``: JupyterLab typesets ``$…$`` in HTML outputs as LaTeX, and
article text is full of dollar amounts.
"""

from __future__ import annotations

import html
import importlib.util
import os

import pandas as pd

#: Characters of a text cell shown in a static table (the full text is in the exported table).
MAX_CELL_CHARS = 160
#: Classes that make math typesetters leave an element's text alone: ``mathjax_ignore`` for
#: MathJax 3.2+ (JupyterLab 4 configures no other), ``tex2jax_ignore`` for MathJax 2 and 3.0-3.1
#: (classic Notebook, nbconvert pages, older Lab). Put on every kit output with article text.
NO_MATH = "tex2jax_ignore mathjax_ignore"

_ITABLES_READY = False


def table_mode() -> str:
    """``"interactive"`` or ``"static"`` (see the module docstring)."""
    forced = os.environ.get("NEWSKIT_TABLES", "").strip().lower()
    if forced in {"interactive", "static"}:
        return forced
    if os.environ.get("JPY_SESSION_NAME") and importlib.util.find_spec("itables") is not None:
        return "interactive"
    return "static"


def _caption(table: pd.DataFrame, top_n: int, name: str | None, caption: str | None) -> str:
    parts = []
    if caption:
        parts.append(caption)
    shown = min(top_n, len(table))
    if len(table) > shown:
        parts.append(f"showing the first {shown} of {len(table)} rows")
    else:
        parts.append(f"{len(table)} row{'s' if len(table) != 1 else ''}")
    if name:
        parts.append(f"full table: {name}.csv")
    return " · ".join(parts)


def _shorten(value: object) -> object:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[: MAX_CELL_CHARS - 1].rstrip() + "…"
    return value


def table_html(
    table: pd.DataFrame, top_n: int = 15, *, name: str | None = None, caption: str | None = None
) -> str:
    """The static rendering: the first ``top_n`` rows as an escaped HTML table with a caption
    saying how many rows exist and which exported file holds them all."""
    head = table.head(top_n).copy()
    for col in head.columns:
        if pd.api.types.is_datetime64_any_dtype(head[col]):
            times = head[col].dropna()
            whole_days = bool((times == times.dt.normalize()).all())
            head[col] = head[col].dt.strftime("%Y-%m-%d" if whole_days else "%Y-%m-%d %H:%M")
    # Missing values as a dash whatever the dtype (to_html's na_rep misses pd.NA in strings).
    head = head.astype(object).where(head.notna(), "–")
    head = head.map(_shorten)
    body = head.to_html(
        index=False, na_rep="–", border=0, escape=True,
        classes="newskit-table", float_format=lambda v: f"{v:,.4g}",
    )
    cap = html.escape(_caption(table, top_n, name, caption))
    return (f'<div class="newskit-table-wrap {NO_MATH}">{body}'
            f'<p class="newskit-caption">{cap}</p></div>')


def _itables_init_html() -> str:
    """itables' offline set-up as ONE HTML output.

    ``itables.init_notebook_mode(connected=False)`` displays two outputs: first a module script
    that awaits ``window._itables_<version>`` (to set DataTables' dark class), then the script
    that defines it (the bundled DataTables). JupyterLab renders each output when its message
    arrives, so the first module often runs before the second output exists, and the page logs
    "Cannot destructure property 'set_or_remove_dark_class' …". In one output the classic
    script runs while the output is attached, and module scripts always run after that."""
    import itables
    from IPython.utils.capture import capture_output

    with capture_output(stdout=False, stderr=False, display=True) as captured:
        # Offline mode: the DataTables bundle comes from the installed package, not a CDN.
        itables.init_notebook_mode(all_interactive=False, connected=False)
    return "".join(out.data.get("text/html", "") for out in captured.outputs)


def _show_interactive(table: pd.DataFrame, caption: str) -> None:
    global _ITABLES_READY
    import itables
    from IPython.display import HTML, display

    if not _ITABLES_READY:
        display(HTML(_itables_init_html()))
        _ITABLES_READY = True
    itables.show(table, caption=caption, classes=f"display compact {NO_MATH}", maxBytes="1MB",
                 connected=False)


def show_table(
    table: pd.DataFrame,
    top_n: int = 15,
    *,
    name: str | None = None,
    caption: str | None = None,
    interactive: bool | None = None,
) -> None:
    """Display ``table`` in a notebook.

    Interactive (itables: the whole table, sortable and searchable) in a live JupyterLab
    session when the table has more than ``top_n`` rows, else the first ``top_n`` rows as a
    plain HTML table (always so under papermill, nbval and ``newskit report``). ``name`` is
    the table's export name (``session.save_table(table, name)``), mentioned in the caption;
    ``interactive`` overrides the automatic choice. Sort the table before calling: the order
    is kept."""
    from IPython.display import HTML, display

    if interactive is None:
        # Only big tables gain from sorting and searching; small ones stay plain and light.
        interactive = table_mode() == "interactive" and len(table) > top_n
    if interactive:
        _show_interactive(table, _caption(table, len(table), name, caption))
    else:
        display(HTML(table_html(table, top_n, name=name, caption=caption)))
