"""Charts for a first look at a corpus, drawn from the tables of :mod:`helpers.analysis.corpus`.
Each returns a matplotlib ``Figure`` with a title and labelled axes (units in brackets)."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

#: One colour per entity label, so the same type looks the same in every chart.
LABEL_COLOURS = {
    "PERSON": "#4C72B0", "ORG": "#DD8452", "GPE": "#55A868", "LOC": "#8172B3",
    "NORP": "#C44E52", "FAC": "#937860", "EVENT": "#DA8BC3", "PRODUCT": "#8C8C8C",
}
_OTHER = "#64B5CD"


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def articles_by_outlet(counts: pd.DataFrame, top_n: int = 15) -> Figure:
    """Horizontal bars of articles per outlet (``analysis.corpus.outlet_counts``)."""
    data = counts.head(top_n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, max(2.0, 0.35 * len(data) + 1.2)))
    if data.empty:
        _empty(ax, "no articles")
    else:
        ax.barh(data["outlet"].astype(str), data["articles"].astype(int), color="#4C72B0")
        ax.xaxis.get_major_locator().set_params(integer=True)
    more = f" (top {top_n} of {len(counts)})" if len(counts) > top_n else ""
    ax.set_title(f"Articles per outlet{more}")
    ax.set_xlabel("articles (count)")
    ax.set_ylabel("outlet")
    fig.tight_layout()
    return fig


_PERIOD_NAMES = {"D": "day", "W": "week (starting Monday)", "M": "month"}


def articles_over_time(by_period: pd.DataFrame) -> Figure:
    """Bars of articles per day/week/month (``analysis.corpus.articles_by_period``)."""
    fig, ax = plt.subplots()
    freq = by_period.attrs.get("freq", "D")
    if by_period.empty:
        _empty(ax, "no article has a publication date")
    else:
        width = {"D": 0.8, "W": 5.6, "M": 24}.get(freq, 0.8)
        periods = pd.to_datetime(by_period["period"])
        ax.bar(periods, by_period["articles"].astype(int), width=width,
               align="edge", color="#55A868")
        ax.yaxis.get_major_locator().set_params(integer=True)
        # Dates only (no hours), with a margin so a single period is not one wall-to-wall bar.
        pad = pd.Timedelta(days={"D": 1, "W": 7, "M": 31}.get(freq, 1))
        ax.set_xlim(periods.min() - pad, periods.max() + 2 * pad)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d" if freq != "M" else "%Y-%m"))
        fig.autofmt_xdate()
    ax.set_title("Articles over time")
    ax.set_xlabel(f"publication date (per {_PERIOD_NAMES.get(freq, freq)})")
    ax.set_ylabel("articles (count)")
    fig.tight_layout()
    return fig


def top_entities(table: pd.DataFrame, title: str = "Most mentioned entities") -> Figure:
    """Horizontal bars of mentions per entity (``analysis.corpus.top_entities``), coloured by
    label, most mentioned at the top."""
    data = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, max(2.0, 0.32 * len(data) + 1.2)))
    if data.empty:
        _empty(ax, "no entities found")
    else:
        colours = [LABEL_COLOURS.get(str(lab), _OTHER) for lab in data["label"]]
        names = [
            f"{name} ({lab})" for name, lab in zip(data["canonical"], data["label"], strict=True)
        ]
        ax.barh(names, data["mentions"].astype(int), color=colours)
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    ax.set_xlabel("mentions (count)")
    ax.set_ylabel("entity (label)")
    fig.tight_layout()
    return fig


def article_lengths(documents: pd.DataFrame, bins: int = 20) -> Figure:
    """Histogram of article length in words."""
    fig, ax = plt.subplots()
    words = documents["n_words"].dropna().astype(int) if len(documents) else []
    if len(words) == 0:
        _empty(ax, "no articles")
    else:
        ax.hist(words, bins=min(bins, max(1, len(words))), color="#8172B3", edgecolor="white")
        ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Article length")
    ax.set_xlabel("length (words per article)")
    ax.set_ylabel("articles (count)")
    fig.tight_layout()
    return fig
