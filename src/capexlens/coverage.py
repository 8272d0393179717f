"""Coverage of the fact base: which company x quarter x metric cells hold a figure.

A fiscal quarter is placed in the calendar quarter in which it ends, so Oracle's quarter
ended 31 August 2025 (FY2026 Q1) sits in calendar 2025 Q3 beside its peers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from capexlens.models import Fact, Period
from capexlens.periods import CALENDAR_YEAR, FiscalCalendar, FiscalQuarter
from capexlens.registry import Registry
from capexlens.store import FactStore

__all__ = [
    "CoverageCell",
    "calendar_quarters",
    "coverage_frame",
    "coverage_grid",
    "fiscal_quarter_in",
]

PRESENT = "present"
DERIVED = "derived"
MISSING = "missing"


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """One cell of the grid: what the store holds for an entity, metric and quarter."""

    entity: str
    metric: str
    calendar_quarter: str
    fiscal_label: str
    period_start: date
    period_end: date
    status: str
    facts: int


def calendar_quarters(first: str, last: str) -> list[FiscalQuarter]:
    """Calendar quarters from ``first`` to ``last`` inclusive, written like ``2024Q1``.

    >>> [f"{q.year}Q{q.quarter}" for q in calendar_quarters("2024Q3", "2025Q1")]
    ['2024Q3', '2024Q4', '2025Q1']
    """
    start = FiscalQuarter(int(first[:4]), int(first[-1]))
    end = FiscalQuarter(int(last[:4]), int(last[-1]))
    out: list[FiscalQuarter] = []
    while start <= end:
        out.append(start)
        start = start.shift(1)
    return out


def fiscal_quarter_in(cal: FiscalCalendar, cq: FiscalQuarter) -> Period:
    """The company's fiscal quarter that ends inside calendar quarter ``cq``.

    >>> from capexlens.periods import FiscalCalendar
    >>> fiscal_quarter_in(FiscalCalendar(5), FiscalQuarter(2025, 3)).label  # Oracle
    'FY2026 Q1'
    """
    cq_period = CALENDAR_YEAR.quarter_period(cq)
    fq = cal.quarter_period(cal.quarter_of(cq_period.end))
    if not cq_period.contains(fq.end):
        fq = cal.quarter_period(cal.quarter_of(cq_period.end).shift(-1))
    return fq


def _status(facts: Sequence[Fact]) -> str:
    if any(not f.is_derived for f in facts):
        return PRESENT
    return DERIVED if facts else MISSING


def coverage_grid(
    store: FactStore,
    registry: Registry,
    *,
    entities: Sequence[str],
    metrics: Sequence[str],
    first: str = "2023Q1",
    last: str = "2025Q3",
) -> list[CoverageCell]:
    """Every (entity, metric, calendar quarter) cell with its status."""
    cells: list[CoverageCell] = []
    quarters = calendar_quarters(first, last)
    for entity in entities:
        cal = registry.calendar(entity)
        for metric in metrics:
            by_end: dict[date, list[Fact]] = {}
            for f in store.facts(entity=entity, metric=metric, segment=""):
                by_end.setdefault(f.period.end, []).append(f)
            for cq in quarters:
                fq = fiscal_quarter_in(cal, cq)
                found = [f for f in by_end.get(fq.end, []) if f.period.start == fq.start]
                cells.append(
                    CoverageCell(
                        entity,
                        metric,
                        f"{cq.year}Q{cq.quarter}",
                        fq.label,
                        fq.start,
                        fq.end,
                        _status(found),
                        len(found),
                    )
                )
    return cells


def coverage_frame(cells: Sequence[CoverageCell]) -> pd.DataFrame:
    """The grid in long form, one row per cell (the CSV export)."""
    return pd.DataFrame(
        [
            (
                c.entity,
                c.metric,
                c.calendar_quarter,
                c.fiscal_label,
                c.period_start,
                c.period_end,
                c.status,
                c.facts,
            )
            for c in cells
        ],
        columns=[
            "entity",
            "metric",
            "calendar_quarter",
            "fiscal_label",
            "period_start",
            "period_end",
            "status",
            "facts",
        ],
    )
