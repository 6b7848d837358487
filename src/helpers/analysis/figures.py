"""Figure tables for the notebooks: per-article figures, amounts by outlet and claimant, a
timeline of dated events, and a consistency view of the same quantity stated differently.

Everything works from the kit's tables (``figures``, ``documents``), never from spaCy objects.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from ..numbers import load_csv

UNKNOWN_OUTLET = "(unknown)"
NO_CLAIMANT = "(the article itself)"

_TABLE_COLUMNS = ["doc_id", "outlet", "figure_id", "kind", "surface", "value", "unit",
                  "qualifier", "date_value", "date_modifier", "claimed_by", "sentence"]


def _with_outlets(figures: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    out = figures.copy()
    if documents is not None and "outlet" in documents.columns and len(documents):
        outlets = documents.set_index("doc_id")["outlet"]
        out["outlet"] = out["doc_id"].map(outlets).astype("string")
    elif "outlet" not in out.columns:
        out["outlet"] = pd.Series(pd.NA, index=out.index, dtype="string")
    return out


def _order(figures: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("doc_id", "start", "end", "figure_id") if c in figures.columns]
    return figures.sort_values(keys, kind="stable").reset_index(drop=True)


def figure_table(figures: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per figure, by article and position: what was stated, its value and unit, its
    hedge, its date value and who claims it."""
    out = _order(_with_outlets(figures, documents))
    return out[[c for c in _TABLE_COLUMNS if c in out.columns]].reset_index(drop=True)


def kind_counts(figures: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures per article and kind (columns money, percent, count, quantity, date, total)."""
    kinds = ["money", "percent", "count", "quantity", "date"]
    out = _with_outlets(figures, documents)
    table = (
        pd.crosstab(out["doc_id"].astype(str), out["kind"].astype(str))
        .reindex(columns=kinds, fill_value=0)
        .astype("Int64")
    )
    if documents is not None and len(documents):
        table = table.reindex(documents["doc_id"].astype(str), fill_value=0)
    table["total"] = table.sum(axis=1).astype("Int64")
    table.index.name = "doc_id"
    table.columns.name = None
    return table.reset_index().sort_values(["total", "doc_id"], ascending=[False, True],
                                           kind="stable").reset_index(drop=True)


def amounts(
    figures: pd.DataFrame, documents: pd.DataFrame | None = None, by: str = "outlet"
) -> pd.DataFrame:
    """Money stated, grouped by ``by`` ("outlet" or "claimed_by") and currency: how many
    amounts, in how many articles, their sum, median and largest value. Unknown outlets show as
    "(unknown)", figures nobody is quoted stating as "(the article itself)"."""
    if by not in ("outlet", "claimed_by"):
        raise ValueError("by must be 'outlet' or 'claimed_by'")
    money = _with_outlets(figures, documents)
    money = money[(money["kind"] == "money") & money["value"].notna()].copy()
    fill = UNKNOWN_OUTLET if by == "outlet" else NO_CLAIMANT
    money[by] = money[by].astype("string").fillna(fill)
    columns = [by, "unit", "amounts", "articles", "total", "median", "largest"]
    if money.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if c in (by, "unit") else "Float64")
                             for c in columns})
    money["value"] = money["value"].astype(float)
    grouped = money.groupby([by, "unit"], dropna=False)
    out = grouped.agg(
        amounts=("value", "size"),
        articles=("doc_id", "nunique"),
        total=("value", "sum"),
        median=("value", "median"),
        largest=("value", "max"),
    ).reset_index()
    out["amounts"] = out["amounts"].astype("Int64")
    out["articles"] = out["articles"].astype("Int64")
    for c in ("total", "median", "largest"):
        out[c] = out[c].astype("Float64")
    return out.sort_values(["amounts", "total", by], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)[columns]


# --- dates --------------------------------------------------------------------------------

_MOD_MONTH = {"early": 2, "mid": 6, "late": 10}
_MOD_DAY = {"early": 5, "mid": 15, "late": 25}


def date_position(date_value: str | None, modifier: str | None = None) -> pd.Timestamp | None:
    """A point on a time axis for a TIMEX value: the period's start, moved to its early / mid /
    late part by ``modifier``; None for unknown years ("XXXX-03-28") and unreadable values."""
    if date_value is None or pd.isna(date_value):
        return None
    v = str(date_value)
    mod = None if modifier is None or pd.isna(modifier) else str(modifier)
    try:
        if re.fullmatch(r"\d{4}", v):
            return pd.Timestamp(int(v), _MOD_MONTH.get(mod or "", 1), 1)
        if re.fullmatch(r"\d{4}-\d{2}", v):
            return pd.Timestamp(int(v[:4]), int(v[5:]), _MOD_DAY.get(mod or "", 1))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return pd.Timestamp(v)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
        if m:
            return pd.Timestamp.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            return pd.Timestamp(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
            return pd.Timestamp(int(m.group(1)), month, _MOD_DAY.get(mod or "", 1))
        if re.fullmatch(r"\d{3}X", v):
            return pd.Timestamp(int(v[:3]) * 10, 1, 1)
    except ValueError:
        return None
    return None


def _granularity(v: str) -> str:
    if "-W" in v:
        return "week"
    if "-Q" in v:
        return "quarter"
    if re.search(r"-(SP|SU|FA|WI)$", v):
        return "season"
    if v.endswith("X"):
        return "decade"
    return {4: "year", 7: "month", 10: "day"}.get(len(v), "other")


def timeline(figures: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dated events the articles mention, in time order: one row per date figure with a
    known year (``when`` is a point on the time axis, see :func:`date_position`). A year the
    text leaves out is taken from ``date_resolved`` (filled in from the article's date)."""
    dated = _with_outlets(figures, documents)
    if "date_resolved" in dated.columns:
        dated["date_value"] = dated["date_resolved"].fillna(dated["date_value"])
    dated = dated[(dated["kind"] == "date") & dated["date_value"].notna()].copy()
    columns = ["when", "date_value", "granularity", "date_modifier", "surface", "doc_id",
               "outlet", "claimed_by", "sentence"]
    dated["when"] = [date_position(v, m) for v, m in
                     zip(dated["date_value"], dated["date_modifier"], strict=True)]
    dated = dated[dated["when"].notna()].copy()
    if dated.empty:
        out = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
        out["when"] = pd.Series(dtype="datetime64[ns]")
        return out
    dated["when"] = pd.to_datetime(dated["when"]).astype("datetime64[ns]")
    dated["granularity"] = [_granularity(str(v)) for v in dated["date_value"]]
    dated["granularity"] = dated["granularity"].astype("string")
    dated = dated.sort_values(["when", "doc_id", "start"], kind="stable")
    return dated[columns].reset_index(drop=True)


# --- the consistency view -----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(r["word"] for r in load_csv("figure_context_stopwords.csv"))


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[,;:.()\"“”—–]")
_CLAUSE_END = set(',;:.()"“”—–')


def _singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _content(words: list[str], limit: int) -> list[str]:
    out = []
    for w in words:
        if w in _CLAUSE_END:
            break
        w = w.lower().strip("'-")
        if w and w not in _stopwords() and len(w) > 1:
            out.append(_singular(w))
            if len(out) == limit:
                break
    return out


def what_key(sentence: str | None, surface: str | None, kind: str | None = None,
             unit: str | None = None) -> str | None:
    """A normalised "what is counted" key for a figure: the counted noun for counts, else the
    first content words after the figure in its clause ("$100 billion to support Ukraine" →
    "support ukraine"), else the nearest ones before it ("aid totalling $5 billion" → "aid");
    None when the sentence says nothing more."""
    if kind == "count" and unit is not None and not pd.isna(unit):
        return str(unit).lower()
    if sentence is None or pd.isna(sentence):
        return None
    sentence, surface = str(sentence), str(surface or "")
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return None
    after = _WORD.findall(sentence[at + len(surface) :])
    words = _content(after, 2)
    if not words:
        before = _WORD.findall(sentence[:at])[::-1]
        words = _content(before, 2)[::-1]
    return " ".join(words) or None


#: Counted nouns that measure time: "six months", "two days" are durations, not facts that
#: articles could state differently.
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "fortnight", "month", "year",
                         "decade", "century", "time", "term", "session", "quarter", "season"})


def consistency(
    figures: pd.DataFrame, documents: pd.DataFrame | None = None, min_articles: int = 2,
    within: str | None = "story_id",
) -> pd.DataFrame:
    """The same quantity stated differently by different articles, side by side.

    Figures (dates and durations aside) are grouped by kind, unit and :func:`what_key`, inside
    each value of the documents' ``within`` column when they have it (``story_id`` from
    ``helpers.compare.stories``: only articles about the same story are compared), else across
    the corpus. A group is listed when at least ``min_articles`` articles state it and they give
    at least two different values. One row per figure, groups ordered by how many articles they
    span, values ascending."""
    columns = ["group", "story", "key", "kind", "unit", "value", "qualifier", "surface",
               "doc_id", "outlet", "claimed_by", "articles", "spread", "sentence"]
    df = _with_outlets(figures, documents)
    df = df[(df["kind"] != "date") & df["value"].notna()].copy()
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    if df.empty:
        return empty
    if within and documents is not None and within in documents.columns:
        stories = documents.set_index("doc_id")[within].astype("string")
        df["story"] = df["doc_id"].map(stories).astype("string").fillna("")
    else:
        df["story"] = ""
    df["key"] = [what_key(s, f, k, u) for s, f, k, u in
                 zip(df["sentence"], df["surface"], df["kind"], df["unit"], strict=True)]
    df["key"] = df["key"].astype("string")
    df["unit"] = df["unit"].astype("string").fillna("")
    durations = (df["kind"] == "count") & df["unit"].isin(_TIME_UNITS)
    df = df[df["key"].notna() & ~durations]
    rows = []
    for _, g in df.groupby(["story", "kind", "unit", "key"], sort=True):
        if g["doc_id"].nunique() < min_articles or g["value"].nunique() < 2:
            continue
        values = g["value"].astype(float)
        low, high = values.min(), values.max()
        spread = high / low if low > 0 else float("nan")
        rows.append(g.assign(articles=g["doc_id"].nunique(), spread=spread))
    if not rows:
        return empty
    out = pd.concat(rows, ignore_index=True)
    out = out.sort_values(["articles", "story", "key", "kind", "unit", "value", "doc_id"],
                          ascending=[False, True, True, True, True, True, True], kind="stable")
    keys = list(zip(out["story"], out["kind"], out["unit"], out["key"], strict=True))
    order = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    out["group"] = pd.array([order[k] + 1 for k in keys], dtype="Int64")
    out["articles"] = out["articles"].astype("Int64")
    out["spread"] = out["spread"].astype("Float64")
    out["unit"] = out["unit"].replace("", pd.NA)
    out["story"] = out["story"].replace("", pd.NA)
    return out[columns].reset_index(drop=True)
