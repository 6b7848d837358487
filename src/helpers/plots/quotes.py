"""Charts of who is quoted and how, drawn from the tables of :mod:`helpers.analysis.quotes`.
Each returns a matplotlib ``Figure`` with a title and labelled axes (units in brackets)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..profiles import SOURCE_TYPES

TYPE_COLOURS = {"direct": "#4C72B0", "mixed": "#8172B3", "indirect": "#DD8452"}


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def speakers_by_group(counts: pd.DataFrame, group_name: str = "outlet", top_n: int = 10
                      ) -> Figure:
    """Horizontal stacked bars (direct / reported) of the most quoted speakers, one panel per
    group (``analysis.quotes.speaker_counts``)."""
    groups = sorted(counts["group"].dropna().unique().tolist()) if len(counts) else []
    shown = groups[:6]
    n = max(1, len(shown))
    heights = [min(top_n, int((counts["group"] == g).sum())) for g in shown] or [1]
    fig, axes = plt.subplots(n, 1, figsize=(7.5, max(2.2, 0.32 * sum(heights) + 1.1 * n)),
                             squeeze=False)
    if not shown:
        _empty(axes[0][0], "no resolved speakers")
        axes[0][0].set_title("Who is quoted")
        axes[0][0].set_xlabel("attributions (count)")
        axes[0][0].set_ylabel("speaker")
    for ax, g in zip(axes[:, 0], shown, strict=False):
        data = counts[counts["group"] == g].head(top_n).iloc[::-1]
        names = data["speaker"].astype(str)
        direct = data["direct"].astype(int)
        reported = data["reported"].astype(int)
        ax.barh(names, direct, color=TYPE_COLOURS["direct"], label="direct")
        ax.barh(names, reported, left=direct, color=TYPE_COLOURS["indirect"], label="reported")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_title(f"Who is quoted — {group_name} {g}")
        ax.set_xlabel("attributions (count)")
        ax.set_ylabel("speaker")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    fig.tight_layout()
    return fig


def type_shares(shares: pd.DataFrame, group_name: str = "outlet") -> Figure:
    """Stacked bars of direct / mixed / indirect attributions per group, as a share of the
    group's attributions (``analysis.quotes.type_shares``)."""
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.4 * len(shares) + 1.4)))
    if shares.empty:
        _empty(ax, "no attributions")
    else:
        data = shares.iloc[::-1]
        total = data["quotes"].astype(float).where(data["quotes"] > 0, 1.0)
        left = pd.Series(0.0, index=data.index)
        for kind in ("direct", "mixed", "indirect"):
            share = 100 * data[kind].astype(float) / total
            ax.barh(data["group"].astype(str), share, left=left, color=TYPE_COLOURS[kind],
                    label=kind)
            left = left + share
        ax.set_xlim(0, 100)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    ax.set_title(f"Direct versus reported speech per {group_name}")
    ax.set_xlabel("share of attributions (%)")
    ax.set_ylabel(group_name)
    fig.tight_layout()
    return fig


GENDER_COLOURS = {"female": "#C44E52", "male": "#4C72B0", "unknown": "#B0B0B0"}
SOURCE_COLOURS = {
    "official": "#4C72B0", "expert": "#55A868", "advocate": "#C44E52", "business": "#8172B3",
    "media": "#CCB974", "ordinary": "#64B5CD", "unnamed": "#8C8C8C", "organisation": "#DD8452",
    "unknown": "#D9D9D9",
}


def _stacked_shares(ax, labels: list[str], parts: dict[str, pd.Series], colours: dict[str, str],
                    names: dict[str, str] | None = None) -> None:
    """Horizontal 100% bars: one per label, one segment per part (shares 0..1)."""
    left = pd.Series(0.0, index=range(len(labels)))
    for name, share in parts.items():
        values = 100 * share.astype(float).fillna(0.0).reset_index(drop=True)
        ax.barh(labels, values, left=left, color=colours.get(name, "#999999"),
                label=(names or {}).get(name, name))
        left = left + values
    ax.set_xlim(0, 100)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)


def gender_shares(shares: pd.DataFrame, group_name: str = "outlet") -> Figure:
    """Stacked bars of the quotes given to people per group by gender, the unknown share
    shown in grey (``analysis.sources.gender_shares``); bar labels give the number of quotes."""
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.45 * len(shares) + 1.4)))
    if shares.empty:
        _empty(ax, "no quotes by people")
    else:
        data = shares.iloc[::-1]
        labels = [f"{g} (n={n})" for g, n in zip(data["group"], data["quotes"], strict=True)]
        parts = {g: data[f"{g}_share"] for g in GENDER_COLOURS}
        _stacked_shares(ax, labels, parts, GENDER_COLOURS)
    ax.set_title(f"Who is quoted, by gender, per {group_name}")
    ax.set_xlabel("share of quotes by people (%)")
    ax.set_ylabel(group_name)
    fig.tight_layout()
    return fig


def source_types(shares: pd.DataFrame, group_name: str = "outlet") -> Figure:
    """Stacked bars of the quotes per group by source type
    (``analysis.sources.source_type_shares``)."""
    groups = sorted(shares["group"].dropna().unique().tolist()) if len(shares) else []
    fig, ax = plt.subplots(figsize=(7.5, max(2.2, 0.45 * len(groups) + 1.4)))
    if not groups:
        _empty(ax, "no attributions")
    else:
        wide = shares.pivot_table(index="group", columns="source_type", values="share",
                                  aggfunc="sum", fill_value=0.0).reindex(groups[::-1])
        kinds = [k for k in SOURCE_COLOURS if k in wide.columns]
        kinds += [k for k in wide.columns if k not in SOURCE_COLOURS]
        _stacked_shares(ax, list(wide.index), {k: wide[k] for k in kinds}, SOURCE_COLOURS,
                        SOURCE_TYPES)
    ax.set_title(f"Sources quoted, by type, per {group_name}")
    ax.set_xlabel("share of attributions (%)")
    ax.set_ylabel(group_name)
    fig.tight_layout()
    return fig
