"""Commitment pacing: how much of a multi-year pledge has been spent, against the time gone.

A pledge is a fact with metric ``investment_commitment`` over an explicit span (Alibaba's
RMB380 billion over 24 Feb 2025..23 Feb 2028). Capex is reported by fiscal quarter, so
the pledge is measured in whole quarters:

- by default the quarters counted start with the FIRST FULL fiscal quarter after the
  announcement (the announcement quarter is left out, since most of it came before the
  pledge) and run for as many quarters as the pledge's span holds (three years = 12);
- with ``include_partial=True`` every fiscal quarter that overlaps the span counts,
  including the announcement quarter.

The rule applied is stated in the ``rule`` column of every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis._common import Figure, FigureBook, calendar_label, pct, registry_for
from capexlens.models import Fact, Period
from capexlens.periods import FiscalCalendar, quarters_between
from capexlens.store import FactStore

__all__ = ["PledgeWindow", "commitment_pacing", "pledge_window"]

_DAYS_PER_QUARTER = Decimal("91.3125")  # 365.25 / 4


@dataclass(frozen=True, slots=True)
class PledgeWindow:
    """The fiscal quarters a pledge is measured over, and why those."""

    quarters: tuple[Period, ...]
    rule: str

    @property
    def start(self) -> Period:
        """The first quarter counted."""
        return self.quarters[0]

    @property
    def days(self) -> int:
        """Days from the first counted quarter's start to the last one's end."""
        return (self.quarters[-1].end - self.quarters[0].start).days + 1


def pledge_window(
    pledge: Period, calendar: FiscalCalendar, *, include_partial: bool = False
) -> PledgeWindow:
    """The fiscal quarters counted against a pledge over ``pledge``, with the rule stated.

    >>> from datetime import date
    >>> w = pledge_window(Period(date(2025, 2, 24), date(2028, 2, 23)), FiscalCalendar(3))
    >>> len(w.quarters), w.quarters[0].label, w.quarters[-1].label
    (12, 'FY2026 Q1', 'FY2028 Q4')
    """
    overlapping = quarters_between(calendar, pledge, pledge)
    announce = overlapping[0]
    if include_partial:
        quarters = tuple(overlapping)
        rule = (
            f"Every fiscal quarter that overlaps the pledge ({pledge.start}..{pledge.end}) counts: "
            f"{quarters[0].label} to {quarters[-1].label}, {len(quarters)} quarters, including "
            f"the announcement quarter {announce.label} in full although only part of it "
            "falls after the announcement."
        )
        return PledgeWindow(quarters, rule)
    n = max(1, round(Decimal(pledge.days) / _DAYS_PER_QUARTER))
    first = calendar.quarter_of(pledge.start)
    if announce.start < pledge.start:
        first = first.shift(1)
    quarters = tuple(calendar.quarter_period(first.shift(i)) for i in range(n))
    inside = (announce.end - pledge.start).days + 1
    left_out = (
        f" {announce.label} is left out: only {inside} of its {announce.days} days fall on or "
        f"after the announcement ({pledge.start})."
        if announce.start < pledge.start
        else ""
    )
    rule = (
        f"{n} fiscal quarters count, {quarters[0].label} to {quarters[-1].label}: the first full "
        f"quarter after the announcement and the ones after it, as many whole quarters as the "
        f"pledge's span ({pledge.start}..{pledge.end}) holds.{left_out}"
    )
    return PledgeWindow(quarters, rule)


def _pledges(store: FactStore, entity: str) -> list[Fact]:
    return [
        f
        for f in store.facts(entity=entity, metric="investment_commitment")
        if f.period.days > 366  # why: a multi-year pledge; one-year figures are guidance
    ]


def commitment_pacing(
    store: FactStore,
    entity: str,
    *,
    through: Period | None = None,
    include_partial: bool = False,
) -> pd.DataFrame:
    """One row per counted quarter of each multi-year pledge, up to ``through``.

    ``through`` (a fiscal quarter) defaults to the last counted quarter with a capex
    figure. Columns: entity, commitment_span, commitment, unit, commitment_facts,
    announced, window_start, window_end, quarters_total, fiscal_label, calendar_label,
    period_end, capex, capex_facts, capex_how, cumulative, cumulative_facts,
    cumulative_how, complete (all quarters so far have a figure), share_spent_pct,
    share_time_pct, quarters_left, run_rate_needed (per remaining quarter, with
    ``_facts``/``_how``), rule, missing. Empty when the store holds no pledge.
    """
    e = registry_for(store).resolve(entity)
    book = FigureBook.load(store, e, "capex")
    rows: list[dict[str, Any]] = []
    for pledge in _pledges(store, e.id):
        window = pledge_window(pledge.period, e.calendar, include_partial=include_partial)
        rows.extend(_pledge_rows(e.id, pledge, window, book, through))
    return pd.DataFrame(rows)


def _last_counted(window: PledgeWindow, book: FigureBook, through: Period | None) -> int:
    """Index of the last quarter to show: ``through``, else the last with a figure."""
    if through is not None:
        ends = [i for i, q in enumerate(window.quarters) if q.end <= through.end]
        return ends[-1] if ends else -1
    with_data = [i for i, q in enumerate(window.quarters) if book.get(q) is not None]
    return with_data[-1] if with_data else -1


def _pledge_rows(
    entity: str, pledge: Fact, window: PledgeWindow, book: FigureBook, through: Period | None
) -> list[dict[str, Any]]:
    last = _last_counted(window, book, through)
    base = {
        "entity": entity,
        "commitment_span": f"{pledge.period.start}..{pledge.period.end}",
        "commitment": pledge.value,
        "unit": pledge.unit,
        "commitment_facts": pledge.fact_id,
        "announced": pledge.known_on,
        "window_start": window.start.start,
        "window_end": window.quarters[-1].end,
        "quarters_total": len(window.quarters),
        "rule": window.rule,
    }
    rows: list[dict[str, Any]] = []
    parts: list[Figure] = []
    missing: list[str] = []
    for i, q in enumerate(window.quarters[: last + 1]):
        fig = book.get(q)
        if fig is not None and fig.unit != pledge.unit:
            missing.append(f"capex for {q.label} is in {fig.unit}, the pledge in {pledge.unit}")
            fig = None
        elif fig is None:
            missing.append(f"capex for {q.label}")
        if fig is not None:
            parts.append(fig)
        rows.append({**base, **_progress(pledge, window, i, q, fig, parts, missing)})
    if not rows:
        rows.append({**base, "fiscal_label": "", "missing": "no counted quarter has ended yet"})
    return rows


def _progress(
    pledge: Fact,
    window: PledgeWindow,
    i: int,
    q: Period,
    fig: Figure | None,
    parts: list[Figure],
    missing: list[str],
) -> dict[str, Any]:
    """The pacing columns of counted quarter ``i``."""
    total = sum((p.value for p in parts), Decimal(0))
    facts = tuple(f for p in parts for f in p.facts)
    labels = " + ".join(p.period.label for p in parts) or "none"
    left = len(window.quarters) - (i + 1)
    elapsed = (q.end - window.start.start).days + 1
    need = (pledge.value - total) / left if left else None
    need_how = (
        f"(pledge - capex so far) / {left} quarters left ({window.quarters[i + 1].label} to "
        f"{window.quarters[-1].label})"
        if left
        else ""
    )
    spent = pct(total, pledge.value)
    return {
        "fiscal_label": q.label,
        "calendar_label": calendar_label(q),
        "period_end": q.end,
        "capex": fig.value if fig else None,
        "capex_facts": fig.fact_ids if fig else "",
        "capex_how": fig.how if fig else "",
        "cumulative": total,
        "cumulative_facts": ";".join(dict.fromkeys(f.fact_id for f in facts)),
        "cumulative_how": f"capex summed over {labels}",
        "complete": not missing,
        "share_spent_pct": spent,
        "share_spent_pct_facts": ";".join(
            dict.fromkeys([pledge.fact_id, *(f.fact_id for f in facts)])
        ),
        "share_spent_pct_how": "capex so far / pledge",
        "share_time_pct": pct(Decimal(elapsed), Decimal(window.days)),
        "share_time_pct_facts": pledge.fact_id,  # the window comes from the pledge's span
        "share_time_pct_how": (
            f"{elapsed} of the window's {window.days} days ({window.start.start}.."
            f"{window.quarters[-1].end}) gone by {q.end}"
        ),
        "quarters_left": left,
        "run_rate_needed": None if need is None else need.quantize(Decimal(1)),
        "run_rate_needed_facts": ";".join(
            dict.fromkeys([pledge.fact_id, *(f.fact_id for f in facts)])
        ),
        "run_rate_needed_how": need_how,
        "missing": "; ".join(missing),
    }
