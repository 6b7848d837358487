"""Who gets a voice and how, from the quotes and documents tables: quoted speakers per outlet
(or per article when outlets are unknown), direct versus reported shares, and cue verbs per
speaker with stance-laden cues (claimed, admitted, insisted, conceded) set apart.

Every function returns a small, deterministically sorted table; nothing here parses text.
"""

from __future__ import annotations

import pandas as pd

from ..quotes import stance_cues

UNKNOWN_SPEAKER = "(unresolved)"
UNKNOWN_OUTLET = "(unknown)"


def with_groups(quotes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Quotes plus a ``group`` column: the article's outlet, or its doc_id when no article
    of the corpus has an outlet; and a ``who`` column (resolved name, else the mention)."""
    out = quotes.copy()
    outlets = documents.set_index("doc_id")["outlet"] if len(documents) else pd.Series(
        dtype="string"
    )
    use_outlets = len(documents) > 0 and documents["outlet"].notna().any()
    if use_outlets:
        out["group"] = out["doc_id"].map(outlets).astype("string").fillna(UNKNOWN_OUTLET)
    else:
        out["group"] = out["doc_id"].astype("string")
    who = out["speaker_canonical"].astype("string")
    out["who"] = who.fillna(UNKNOWN_SPEAKER)
    out["stance"] = out["cue"].astype("string").isin(list(stance_cues())).fillna(False)
    return out


def grouping_name(documents: pd.DataFrame) -> str:
    """"outlet" when the corpus has outlets, else "article"."""
    return "outlet" if len(documents) and documents["outlet"].notna().any() else "article"


def speaker_counts(quotes: pd.DataFrame, documents: pd.DataFrame, top_n: int = 15,
                   include_unresolved: bool = False) -> pd.DataFrame:
    """Quotes per speaker and group: ``group, speaker, quotes, direct, reported``, the top
    ``top_n`` speakers of each group, sorted by group, then most quoted, then name."""
    q = with_groups(quotes, documents)
    if not include_unresolved:
        q = q[q["who"] != UNKNOWN_SPEAKER]
    cols = ["group", "speaker", "quotes", "direct", "reported"]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if c in cols[:2] else "Int64")
                             for c in cols})
    q = q.assign(direct=(q["type"] == "direct").astype(int),
                 reported=(q["type"] != "direct").astype(int))
    table = (
        q.groupby(["group", "who"], dropna=False)
        .agg(quotes=("quote_id", "size"), direct=("direct", "sum"), reported=("reported", "sum"))
        .reset_index()
        .rename(columns={"who": "speaker"})
        .sort_values(["group", "quotes", "speaker"], ascending=[True, False, True])
    )
    table = table.groupby("group", sort=True).head(top_n).reset_index(drop=True)
    for c in ("quotes", "direct", "reported"):
        table[c] = table[c].astype("Int64")
    return table[cols]


def top_speakers(quotes: pd.DataFrame, top_n: int = 15) -> pd.DataFrame:
    """Most quoted resolved speakers over the whole corpus: ``speaker, quotes, articles``."""
    q = quotes[quotes["speaker_canonical"].notna()]
    if q.empty:
        return pd.DataFrame({"speaker": pd.Series(dtype="string"),
                             "quotes": pd.Series(dtype="Int64"),
                             "articles": pd.Series(dtype="Int64")})
    table = (
        q.groupby("speaker_canonical")
        .agg(quotes=("quote_id", "size"), articles=("doc_id", "nunique"))
        .reset_index()
        .rename(columns={"speaker_canonical": "speaker"})
        .sort_values(["quotes", "speaker"], ascending=[False, True])
        .head(top_n)
        .reset_index(drop=True)
    )
    table["quotes"] = table["quotes"].astype("Int64")
    table["articles"] = table["articles"].astype("Int64")
    return table


def type_shares(quotes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Direct versus reported speech per group: ``group, quotes, direct, indirect, mixed,
    direct_share`` (share of direct quotes, 0..1), sorted by group."""
    q = with_groups(quotes, documents)
    groups = sorted(q["group"].dropna().unique().tolist())
    rows = []
    for g in groups:
        part = q[q["group"] == g]
        counts = part["type"].value_counts()
        n = len(part)
        rows.append({
            "group": g,
            "quotes": n,
            "direct": int(counts.get("direct", 0)),
            "indirect": int(counts.get("indirect", 0)),
            "mixed": int(counts.get("mixed", 0)),
            "direct_share": round(counts.get("direct", 0) / n, 3) if n else 0.0,
        })
    table = pd.DataFrame(rows, columns=["group", "quotes", "direct", "indirect", "mixed",
                                        "direct_share"])
    for c in ("quotes", "direct", "indirect", "mixed"):
        table[c] = table[c].astype("Int64")
    table["direct_share"] = table["direct_share"].astype("Float64")
    table["group"] = table["group"].astype("string")
    return table


def cues_by_speaker(quotes: pd.DataFrame, top_n: int = 15) -> pd.DataFrame:
    """Cue verbs per resolved speaker: ``speaker, quotes, neutral_cues, stance_cues`` where the
    cue columns list "cue ×count" (most frequent first), stance-laden cues set apart; top
    ``top_n`` speakers by number of quotes."""
    q = quotes[quotes["speaker_canonical"].notna()].copy()
    cols = ["speaker", "quotes", "neutral_cues", "stance_cues"]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if c != "quotes" else "Int64")
                             for c in cols})
    stance = stance_cues()
    rows = []
    for speaker, part in q.groupby("speaker_canonical", sort=True):
        counts = part["cue"].astype("string").fillna("?").value_counts()
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        neutral = [f"{c} ×{n}" for c, n in ordered if c not in stance]
        stanced = [f"{c} ×{n}" for c, n in ordered if c in stance]
        rows.append({"speaker": speaker, "quotes": len(part),
                     "neutral_cues": ", ".join(neutral) or pd.NA,
                     "stance_cues": ", ".join(stanced) or pd.NA})
    table = pd.DataFrame(rows, columns=cols).sort_values(
        ["quotes", "speaker"], ascending=[False, True]).head(top_n).reset_index(drop=True)
    table["quotes"] = table["quotes"].astype("Int64")
    for c in ("speaker", "neutral_cues", "stance_cues"):
        table[c] = table[c].astype("string")
    return table


def stance_table(quotes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Stance-laden attributions only: ``group, speaker, cue, quotes``, sorted."""
    q = with_groups(quotes, documents)
    q = q[q["stance"]]
    cols = ["group", "speaker", "cue", "quotes"]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if c != "quotes" else "Int64")
                             for c in cols})
    table = (
        q.groupby(["group", "who", "cue"]).size().reset_index(name="quotes")
        .rename(columns={"who": "speaker"})
        .sort_values(["group", "quotes", "speaker", "cue"], ascending=[True, False, True, True])
        .reset_index(drop=True)
    )
    table["quotes"] = table["quotes"].astype("Int64")
    return table[cols]


def quote_table(quotes: pd.DataFrame, documents: pd.DataFrame, max_chars: int = 120
                ) -> pd.DataFrame:
    """A readable quote table: ``group, doc_id, quote_id, type, speaker, resolved, cue,
    content`` (content shortened to ``max_chars``), in document and text order."""
    q = with_groups(quotes, documents)
    content = q["content"].astype("string")
    short = content.where(content.str.len() <= max_chars,
                          content.str.slice(0, max_chars - 1) + "…")
    table = pd.DataFrame({
        "group": q["group"],
        "doc_id": q["doc_id"],
        "quote_id": q["quote_id"],
        "type": q["type"],
        "speaker": q["speaker"],
        "resolved": q["speaker_canonical"],
        "cue": q["cue"],
        "content": short.str.replace("\n", " ", regex=False),
    })
    if table.empty:
        return table.reset_index(drop=True)
    order = q["content_start"].astype("Int64")
    table = table.assign(_o=order).sort_values(["group", "doc_id", "_o"]).drop(columns="_o")
    return table.reset_index(drop=True)
