"""Charts of the figures articles state, from the tables of :mod:`helpers.analysis.figures`.
Each returns a matplotlib ``Figure`` with a title and labelled axes (units in brackets)."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

_SCALES = ((1e12, "trillions"), (1e9, "billions"), (1e6, "millions"), (1e3, "thousands"))
_MODIFIER_MARKERS = {"early": "<", "mid": "o", "late": ">"}


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def _scale(values: pd.Series) -> tuple[float, str]:
    top = float(values.abs().max()) if len(values) else 0.0
    for factor, name in _SCALES:
        if top >= factor:
            return factor, name
    return 1.0, ""


def amounts_chart(table: pd.DataFrame, by: str = "outlet", top_n: int = 15,
                  title: str | None = None) -> Figure:
    """Horizontal bars of the money stated per outlet or claimant (``analysis.figures.amounts``)
    in the table's most frequent currency; other currencies are left out (and said so)."""
    rows = min(top_n, len(table)) if len(table) else 1
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.4 * rows + 1.4)))
    label = "outlet" if by == "outlet" else "claimant"
    if table.empty:
        _empty(ax, "no amounts of money in these articles")
        ax.set_title(title or f"Money stated, by {label}")
        ax.set_xlabel("total stated (currency)")
        ax.set_ylabel(label)
        fig.tight_layout()
        return fig
    currency = (table.groupby("unit")["amounts"].sum().sort_values(ascending=False, kind="stable")
                .index[0])
    data = table[table["unit"] == currency].head(top_n).iloc[::-1]
    factor, scale = _scale(data["total"].astype(float))
    ax.barh(data[by].astype(str), data["total"].astype(float) / factor, color="#4C72B0")
    for y, (total, n) in enumerate(zip(data["total"].astype(float), data["amounts"],
                                       strict=True)):
        ax.text(total / factor, y, f"  {int(n)} amount{'s' if n != 1 else ''}", va="center",
                fontsize=8, color="#444")
    others = sorted(set(table["unit"].astype(str)) - {currency})
    note = f" (other currencies left out: {', '.join(others)})" if others else ""
    ax.set_title(title or f"Money stated, by {label}{note}", fontsize=10)
    ax.set_xlabel(f"sum of amounts stated ({currency}{', ' + scale if scale else ''})")
    ax.set_ylabel(label)
    ax.margins(x=0.25)
    fig.tight_layout()
    return fig


def timeline_chart(events: pd.DataFrame, title: str = "Dated events the articles mention"
                   ) -> Figure:
    """Each dated mention as a point in time (x) for its article (y); markers show early /
    mid / late (``analysis.figures.timeline``)."""
    articles = list(dict.fromkeys(events["doc_id"].astype(str))) if len(events) else []
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.4 * len(articles) + 1.6)))
    if events.empty:
        _empty(ax, "no dates with a known year")
    else:
        rows = {a: i for i, a in enumerate(sorted(articles))}
        for modifier, marker in (*_MODIFIER_MARKERS.items(), (None, "s")):
            if modifier is None:
                part = events[events["date_modifier"].isna()]
                name = "date"
            else:
                part = events[events["date_modifier"] == modifier]
                name = f"{modifier} (period)"
            if part.empty:
                continue
            ax.scatter(pd.to_datetime(part["when"]), [rows[str(d)] for d in part["doc_id"]],
                       marker=marker, s=40, label=name, alpha=0.8)
        ax.set_yticks(range(len(rows)), [a[:28] for a in sorted(rows)])
        locator = mdates.AutoDateLocator(minticks=2, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        ax.margins(y=0.3)
    ax.set_title(title)
    ax.set_xlabel("date mentioned (calendar date)")
    ax.set_ylabel("article (doc_id)")
    fig.tight_layout()
    return fig


def kinds_chart(counts: pd.DataFrame, top_n: int = 15) -> Figure:
    """Stacked bars of figures per article by kind (``analysis.figures.kind_counts``)."""
    kinds = ["money", "percent", "count", "quantity", "date"]
    data = counts.head(top_n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, max(2.0, 0.35 * len(data) + 1.4)))
    if data.empty:
        _empty(ax, "no articles")
    else:
        left = pd.Series(0.0, index=data.index)
        for kind in kinds:
            values = data[kind].astype(float)
            ax.barh(data["doc_id"].astype(str).str[:28], values, left=left, label=kind)
            left = left + values
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="kind")
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Figures stated per article, by kind")
    ax.set_xlabel("figures (count)")
    ax.set_ylabel("article (doc_id)")
    fig.tight_layout()
    return fig
