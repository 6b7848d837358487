"""Publication dates as numbers: float days since 1970-01-01, NaN when unknown (the form of
``StoryProfiles.published`` that the candidate windows and the story state compare)."""

from __future__ import annotations

import numpy as np
import pandas as pd

_EPOCH = np.datetime64("1970-01-01", "s")


def days(published: pd.Series) -> np.ndarray:
    """Dates (datetime, ISO strings or NaT) as float days since 1970-01-01, NaN when unknown;
    time-zone aware dates are taken in UTC."""
    published = pd.Series(published)
    mixed = {} if pd.api.types.is_datetime64_any_dtype(published) else {"format": "mixed"}
    values = pd.to_datetime(published, errors="coerce", utc=True, **mixed).dt.tz_localize(None)
    out = (values.to_numpy().astype("datetime64[s]") - _EPOCH).astype("float64") / 86400.0
    out[values.isna().to_numpy()] = np.nan
    return out


def of_documents(documents: pd.DataFrame) -> np.ndarray:
    """:func:`days` of a documents table's ``published`` column (all NaN without one)."""
    if "published" not in documents:
        return np.full(len(documents), np.nan)
    return days(documents["published"])
