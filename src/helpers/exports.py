"""Writing tables for researchers: CSV and Parquet always, Excel on request, plus a data
dictionary describing every column."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import schema

#: One line per contract column; shown in data_dictionary.csv beside exported tables.
COLUMN_MEANINGS: dict[str, str] = {
    "doc_id": "stable id of the article (file path below the corpus folder, or the id column)",
    "outlet": "publishing outlet, as stated in the article or its metadata",
    "published": "publication date",
    "title": "headline",
    "text": "article body with metadata header and trailer removed; offsets index this text",
    "path": "where the article was read from",
    "n_words": "number of whitespace-separated words (a database export's stated length)",
    "content_hash": "hash of the text (identical texts share it)",
    "author": "byline / author(s), as the source states them",
    "url": "the article's address (a web page's canonical URL, a WARC record's target URI, a "
           "feed item's link)",
    "language": "language of the text (ISO 639-1, detected offline); articles not in English "
                "are left out of the analysis",
    "source_format": "format the article was read from (text, csv, jsonl, parquet, html, warc, "
                     "feed, nexis, factiva, proquest)",
    "duplicate_of": "doc_id of the first article with identical text, if any",
    "status": "ok, or duplicate (same text as the article in duplicate_of)",
    "encoding": "how the file was decoded (utf-8, utf-8-sig, utf-16, cp1252, latin-1, ...)",
    "notes": "repairs made while reading (control characters removed, bytes replaced, ...)",
    "start": "character offset where the span starts",
    "end": "character offset where the span ends (exclusive)",
    "surface": "the span exactly as written",
    "label": "entity type (PERSON, ORG, GPE, LOC, NORP, ...)",
    "canonical": "display name of the entity the mention refers to",
    "entity_id": "stable key shared by every mention of one entity across the corpus",
    "quote_id": "id of the attribution (<doc_id>:q<n>)",
    "type": "direct (in quotation marks), indirect (reported speech) or mixed",
    "content": "what was said",
    "content_start": "offset of the content",
    "content_end": "end offset of the content",
    "speaker": "the speaker mention as written (may be a pronoun)",
    "speaker_start": "offset of the speaker mention",
    "speaker_end": "end offset of the speaker mention",
    "speaker_canonical": "resolved name of who is speaking",
    "speaker_entity_id": "entity_id of the speaker",
    "cue": "speech verb lemma or phrase (say, insist, according to)",
    "cue_start": "offset of the cue",
    "cue_end": "end offset of the cue",
    "confidence": "0..1, from the rule that found the attribution",
    "rule": "the rule that made the attribution (its confidence is in data/quote_rules.csv)",
    "figure_id": "id of the figure (<doc_id>:f<n>)",
    "kind": "money, percent, count, quantity or date",
    "value": "numeric value (major currency units for money; empty for dates)",
    "unit": "ISO 4217 code, %, unit name, or the counted noun's lemma",
    "qualifier": "approx, at least, more than, at most, less than",
    "date_value": "TIMEX-style date (2022, 2022-02, 2022-02-24, XXXX-03-28)",
    "date_modifier": "early, mid or late",
    "sentence": "the sentence the figure appears in",
    "claimed_by": "who states the figure (empty when the article asserts it itself)",
    "cited": "canonical name of the cited medium or document",
    "story_id": "group of articles about the same story",
    "name": "who speaks: the resolved name, or the speaker mention as written when unresolved",
    "n_quotes": "number of attributions to this speaker (in the article; in people: corpus)",
    "n_articles": "number of articles quoting this speaker",
    "gender": "female, male or unknown, from what the article states (empty for bodies and "
              "places); in people, what most of the person's articles say",
    "gender_evidence": "what decided the gender: honorific (Mr., Ms., a gendered role noun), "
                       "pronoun (he/she resolved to the speaker) or given name (US birth "
                       "shares of at least 95%)",
    "gender_conflicts": "number of the person's articles whose gender disagrees",
    "role": "title or function as written (spokesperson, secretary of state)",
    "affiliation": "the body or country the role belongs to (the entity's canonical name when "
                   "it is one)",
    "affiliation_entity_id": "entity_id of the affiliation, when it is an entity",
    "nationality": "nationality as stated (Swiss, Ukrainian)",
    "source_type": "official, expert, advocate, business, media, ordinary (person), unnamed "
                   "(source), organisation or unknown",
    "pronoun_gender": "f or m: what the he/she speaker mentions resolved to this speaker say",
    "honorific_gender": "f or m: what honorifics and gendered role nouns say",
    "given_name_gender": "f or m: what the given name says (share of at least 95%)",
    "role_rule": "the rule that read the role (title_before, apposition_after, "
                 "apposition_before, predicate, speaker_description)",
    "source_type_rule": "the rule that decided the source type (not_a_person, unnamed, "
                        "role_by_affiliation, role, affiliation)",
}


def data_dictionary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for name, table in tables.items():
        for column in table.columns:
            rows.append({
                "table": name,
                "column": column,
                "dtype": str(table[column].dtype),
                "in_contract": column in schema.TABLES.get(name, {}),
                "meaning": COLUMN_MEANINGS.get(column, ""),
            })
    return pd.DataFrame(rows)


def _merged_dictionary(folder: Path, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """This call's tables plus the entries already in ``folder/data_dictionary.csv`` for other
    tables still present there (a notebook saves its tables one call at a time)."""
    fresh = data_dictionary(tables)
    path = folder / "data_dictionary.csv"
    if not path.is_file():
        return fresh
    try:
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError):
        return fresh
    if not {"table", "in_contract"} <= set(old.columns):
        return fresh
    keep = old[~old["table"].isin(list(tables)) & old["table"].map(
        lambda name: (folder / f"{name}.csv").is_file()
    ).astype(bool)]
    if keep.empty:
        return fresh
    keep = keep.assign(in_contract=keep["in_contract"].eq("True"))
    return pd.concat([keep, fresh], ignore_index=True)


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_tables(
    tables: dict[str, pd.DataFrame], folder: str | Path, xlsx: bool = False
) -> list[Path]:
    """Write each table as ``<name>.csv`` and ``<name>.parquet`` (and one ``tables.xlsx``),
    plus ``data_dictionary.csv``; every file is written under a temporary name and renamed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        _atomic(csv, lambda p, t=table: t.to_csv(p, index=False))
        _atomic(parquet, lambda p, t=table: t.to_parquet(p, index=False))
        written += [csv, parquet]
    dictionary = folder / "data_dictionary.csv"
    entries = _merged_dictionary(folder, tables)
    _atomic(dictionary, lambda p: entries.to_csv(p, index=False))
    written.append(dictionary)
    if xlsx:
        book = folder / "tables.xlsx"

        def write_book(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as writer:
                for name, table in tables.items():
                    out = table.copy()
                    for col in out.columns:
                        if out[col].dtype == "string":
                            # Excel cells hold at most 32,767 characters.
                            out[col] = out[col].str.slice(0, 32_000)
                    out.to_excel(writer, sheet_name=name[:31], index=False)
                data_dictionary(tables).to_excel(writer, sheet_name="data_dictionary", index=False)

        _atomic(book, write_book)
        written.append(book)
    return written
