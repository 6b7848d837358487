"""Charts for the source-comparison notebook, drawn from the tables of
:func:`helpers.compare.summary`. Each returns a matplotlib ``Figure`` with a title and labelled
axes (units in brackets)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

_PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3",
            "#8C8C8C", "#CCB974", "#64B5CD"]


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def _short(label: str, width: int = 22) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def coverage_heatmap(matrix: pd.DataFrame, title: str = "Entity coverage by article") -> Figure:
    """Entities × articles heatmap of mention counts (``Comparison.coverage_matrix``); a blank
    cell is an entity the article omits."""
    rows, cols = matrix.shape if not matrix.empty else (0, 0)
    fig, ax = plt.subplots(figsize=(max(4.5, 1.6 * cols + 3.0), max(2.5, 0.32 * rows + 1.5)))
    if matrix.empty:
        _empty(ax, "no entities to compare")
    else:
        data = matrix.to_numpy(dtype=float)
        shown = np.where(data > 0, data, np.nan)
        image = ax.imshow(shown, aspect="auto", cmap="Blues", vmin=0,
                          vmax=max(1.0, float(np.nanmax(shown)) if np.isfinite(shown).any() else 1))
        for (r, c), v in np.ndenumerate(data):
            ax.text(c, r, str(int(v)) if v else "–", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 * image.get_clim()[1] else "#333")
        ax.set_xticks(range(cols), [_short(str(c)) for c in matrix.columns], rotation=20,
                      ha="right")
        ax.set_yticks(range(rows), [_short(str(i), 30) for i in matrix.index])
        fig.colorbar(image, ax=ax, label="mentions (count)", shrink=0.8)
        ax.spines[:].set_visible(False)
    ax.set_title(title)
    ax.set_xlabel("article (outlet)")
    ax.set_ylabel("entity")
    fig.tight_layout()
    return fig


def speaker_bars(matrix: pd.DataFrame, title: str = "Who each article quotes") -> Figure:
    """Grouped horizontal bars: quotes per speaker and article (``Comparison.speaker_matrix``)."""
    rows, cols = matrix.shape if not matrix.empty else (0, 0)
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.3 * rows * max(cols, 1) ** 0.5 + 1.5)))
    if matrix.empty:
        _empty(ax, "no quotes to compare")
    else:
        data = matrix.iloc[::-1]
        height = 0.8 / cols
        y = np.arange(rows)
        for k, col in enumerate(data.columns):
            ax.barh(y + k * height - 0.4 + height / 2, data[col].astype(int), height=height,
                    label=_short(str(col)), color=_PALETTE[k % len(_PALETTE)])
        ax.set_yticks(y, [_short(str(s), 30) for s in data.index])
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(title="article", fontsize=8, loc="lower right")
    ax.set_title(title)
    ax.set_xlabel("quotes (count)")
    ax.set_ylabel("speaker")
    fig.tight_layout()
    return fig


def reuse_bars(pairs: pd.DataFrame, labels: dict[str, str] | None = None,
               title: str = "Text reuse between articles", top_n: int = 15) -> Figure:
    """Horizontal bars of each pair's reuse share (``Comparison.reuse_pairs``), largest first,
    with the syndication threshold marked."""
    from ..compare.reuse import PARTIAL_SHARE, SYNDICATED_SHARE

    labels = labels or {}
    data = pairs.sort_values(["share", "doc_a", "doc_b"], ascending=[False, True, True]).head(top_n)
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.35 * len(data) + 1.4)))
    if data.empty:
        _empty(ax, "fewer than two articles")
    else:
        data = data.iloc[::-1]
        names = [f"{_short(labels.get(a, a), 18)} ↔ {_short(labels.get(b, b), 18)}"
                 + (f" [{s}]" if s not in ("all",) else "")
                 for a, b, s in zip(data["doc_a"], data["doc_b"], data["story_id"], strict=True)]
        ax.barh(names, data["share"].astype(float) * 100, color="#C44E52")
        ax.axvline(SYNDICATED_SHARE * 100, color="#333", ls="--", lw=1, label="syndicated")
        ax.axvline(PARTIAL_SHARE * 100, color="#999", ls=":", lw=1, label="partial reuse")
        ax.set_xlim(0, 100)
        ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title)
    ax.set_xlabel("words shared outside quotations (% of the article reusing more)")
    ax.set_ylabel("article pair")
    fig.tight_layout()
    return fig


def story_overview(overview: pd.DataFrame, top_n: int = 15,
                   title: str = "Stories compared") -> Figure:
    """Per compared story: speakers quoted by one vs several articles, and figure quantities
    stated differently (``Comparison.overview``)."""
    data = overview.head(top_n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.4 * len(data) + 1.4)))
    if data.empty:
        _empty(ax, "no stories")
    else:
        y = np.arange(len(data))
        several = data["speakers_in_several"].astype(int).to_numpy()
        single = data["speakers"].astype(int).to_numpy() - several
        ax.barh(y - 0.2, several, height=0.4, color="#4C72B0", label="speakers in several articles")
        ax.barh(y - 0.2, single, left=several, height=0.4, color="#A6BDDB",
                label="speakers in one article")
        ax.barh(y + 0.2, data["figures_differ"].astype(int), height=0.4, color="#C44E52",
                label="figures stated differently")
        ax.set_yticks(y, [f"{s} ({n} articles)" for s, n in
                          zip(data["story_id"], data["n_articles"], strict=True)])
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_title(title)
    ax.set_xlabel("speakers / quantities (count)")
    ax.set_ylabel("story")
    fig.tight_layout()
    return fig
