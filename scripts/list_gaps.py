"""List every in-scope figure of the curated fact base that the store does not hold.

The scope is the fact-base issue's: per covered company, each fiscal quarter from calendar
2023 Q1 to ``--to`` (revenue and its growth, capex, operating and free cash flow, the cloud
segment's revenue and growth), annual capex (Alibaba from FY2015, the others from FY2020) and
share repurchases, dividends and net share-count change for fiscal years 2023-2025.
A cell counts as held when any version of the fact (printed or derived) is stored.

    python scripts/list_gaps.py [--to 2025Q3] [--db PATH]

It prints one line per company and metric with the missing fiscal periods; "where reported"
items (free cash flow, dividends of a company that pays none) are listed too, since only a
source can say a company does not report something.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from capexlens.coverage import calendar_quarters, fiscal_quarter_in
from capexlens.ingest import open_store
from capexlens.registry import default_registry

CLOUD = {
    "BABA": "BABA.CLOUD",
    "GOOGL": "GOOGL.CLOUD",
    "AMZN": "AMZN.AWS",
    "MSFT": "MSFT.IC",
    "TCEHY": "TCEHY.FBS",
    "ORCL": "ORCL.OCI",
    "BIDU": "BIDU.AICLOUD",
}
QUARTERLY = ("revenue", "revenue_growth_yoy", "capex", "operating_cash_flow", "free_cash_flow")
CLOUD_METRICS = ("segment_revenue", "segment_revenue_growth_yoy")
RETURNS = ("share_repurchases", "dividends", "share_count_change")


def gaps(db: str, last: str) -> dict[tuple[str, str], list[str]]:
    """(entity, metric) -> the missing fiscal period labels."""
    reg = default_registry()
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    with open_store(db) as store:
        for entity in (e.id for e in reg.covered()):
            cal = reg.calendar(entity)
            have = {
                (f.metric, f.segment, f.period.start, f.period.end)
                for f in store.facts(entity=entity, latest=False)
            }
            wanted: list[tuple[str, str]] = [(m, "") for m in QUARTERLY]
            if entity in CLOUD:
                wanted += [(m, CLOUD[entity]) for m in CLOUD_METRICS]
            for metric, segment in wanted:
                for cq in calendar_quarters("2023Q1", last):
                    fq = fiscal_quarter_in(cal, cq)
                    if (metric, segment, fq.start, fq.end) not in have:
                        out[(entity, f"{metric} {segment}".strip())].append(fq.label)
            for year in range(2015 if entity == "BABA" else 2020, 2026):
                p = cal.year(year)
                if ("capex", "", p.start, p.end) not in have:
                    out[(entity, "capex (annual)")].append(p.label)
            for metric in RETURNS:
                for year in (2023, 2024, 2025):
                    p = cal.year(year)
                    if (metric, "", p.start, p.end) not in have:
                        out[(entity, metric)].append(p.label)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", default="2025Q3", help="last calendar quarter, e.g. 2025Q3")
    parser.add_argument("--db", default=":memory:", help="store file (default: built fresh)")
    args = parser.parse_args()
    for (entity, metric), periods in sorted(gaps(args.db, args.to).items()):
        print(f"{entity} {metric}: {', '.join(periods)}")


if __name__ == "__main__":
    main()
