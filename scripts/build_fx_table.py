"""Build ``src/capexlens/data/fx/reference_quarterly.csv`` from the shared FX fixtures.

For CNY and HKD per USD, every calendar quarter from 2015 Q1 to the last quarter the files
reach: the mean of the daily rates and the quarter-end rate, each from one series. CNY comes
from Federal Reserve H.10 where it covers the whole quarter (to May 2023), otherwise from the
ECB cross rate via EUR; HKD comes from the ECB cross rate. A last quarter the files cover only
in part is written with ``complete=false``.

Run from the repository root: ``.venv/bin/python scripts/build_fx_table.py``.
"""

from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

from capexlens.fx import (
    REFERENCE_COLUMNS,
    RateTable,
    ReferenceQuarter,
    ecb_cross,
    load_ecb,
    load_h10,
    reference_quarter,
)
from capexlens.models import Period
from capexlens.periods import month_end

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"
OUT = REPO / "src" / "capexlens" / "data" / "fx" / "reference_quarterly.csv"
FIRST_YEAR = 2015
QUOTES = ("CNY", "HKD")


def calendar_quarters(first_year: int, last_day: date) -> list[Period]:
    """Calendar quarters from Q1 of ``first_year`` to the one holding ``last_day``."""
    out = []
    year, quarter = first_year, 1
    while date(year, 3 * quarter - 2, 1) <= last_day:
        start = date(year, 3 * quarter - 2, 1)
        out.append(Period(start, month_end(year, 3 * quarter), f"CY{year} Q{quarter}"))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def build(fixtures: Path) -> list[ReferenceQuarter]:
    """Every reference quarter, CNY rows first, from the H.10 and ECB fixture files."""
    h10 = load_h10(fixtures / "fed-h10-cny-per-usd.csv")
    eur = load_ecb(fixtures / "ecb-eurofxref-hist.csv", currencies=("USD", *QUOTES))
    crosses = [r for q in QUOTES for r in ecb_cross(eur, "USD", q)]
    table = RateTable([*h10, *crosses])
    last_day = max(last for q in QUOTES for _, _, last in table.coverage("USD", q))
    quarters = calendar_quarters(FIRST_YEAR, last_day)
    return [reference_quarter(table, "USD", q, p) for q in QUOTES for p in quarters]


def write(rows: list[ReferenceQuarter], path: Path) -> None:
    """Write the rows as CSV with a header of :data:`REFERENCE_COLUMNS`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(REFERENCE_COLUMNS)
        out.writerows(r.row() for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.fixtures)
    write(rows, args.out)
    partial = [f"{r.average.quote} {r.period}" for r in rows if not r.average.complete]
    print(f"wrote {len(rows)} rows to {args.out}; partial: {', '.join(partial) or 'none'}")


if __name__ == "__main__":
    main()
