"""Charts for the notebooks and reports, drawn from the kit's tables with matplotlib.

One module per concern (``corpus``, ``quotes``, ``figures``, ``compare``). Every chart has a
title, labelled axes with units, and returns its ``Figure``."""

from __future__ import annotations

import matplotlib

STYLE = {
    "figure.figsize": (7.5, 4.0),
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "svg.hashsalt": "newskit",  # deterministic SVG ids
}


def apply_style() -> None:
    """The kit's chart style (call once per notebook)."""
    matplotlib.rcParams.update(STYLE)
