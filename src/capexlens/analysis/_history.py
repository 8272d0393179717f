"""The decade comparison: a period's capex (or a pledge) against the previous N years.

The history covers the N fiscal years that ended before the subject starts. It is, in
order of preference, one stored capex fact over an explicit multi-year span within a year
of those N years at either end (Alibaba's "past decade" total), or the sum of the N
years' capex (each stored, or the sum of its quarters). When years are missing the sum
is a floor and the row says which years are missing.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis._common import Figure, FigureBook, pct, put, registry_for
from capexlens.models import Period
from capexlens.registry import Entity
from capexlens.store import FactStore

__all__ = ["capex_vs_history"]

# why: a source's "past decade" total is the decade as of when it spoke, which may sit up to
# a fiscal year off the N fiscal years ended before the subject
_SPAN_SLACK = timedelta(days=366)


def _window(e: Entity, subject: Period, years: int) -> list[Period]:
    """The ``years`` fiscal years that ended before ``subject`` starts, oldest first."""
    cal = e.calendar
    last = cal.fiscal_year_of(subject.start)
    if cal.year(last).end >= subject.start:
        last -= 1
    return [cal.year(y) for y in range(last - years + 1, last + 1)]


def _span_fact(book: FigureBook, window: list[Period]) -> Figure | None:
    """A stored multi-year capex figure spanning (about) the whole window."""
    start, end = window[0].start, window[-1].end
    close = [
        f
        for f in book.facts()
        if f.period.days > 2 * 366
        and abs(f.period.start - start) <= _SPAN_SLACK
        and abs(f.period.end - end) <= _SPAN_SLACK
    ]
    close.sort(key=lambda f: abs(f.period.start - start) + abs(f.period.end - end))
    return Figure.of(close[0]) if close else None


def _sum_years(book: FigureBook, window: list[Period]) -> tuple[Figure | None, list[str]]:
    found = [(y, book.get(y)) for y in window]
    missing = [y.label for y, fig in found if fig is None]
    parts = [fig for _, fig in found if fig is not None]
    if not parts or len({p.unit for p in parts}) != 1:
        return None, missing
    total = sum((p.value for p in parts), Decimal(0))
    facts = tuple(f for p in parts for f in p.facts)
    floor = f" (a floor: {', '.join(missing)} missing)" if missing else ""
    how = f"capex summed over {', '.join(p.period.label for p in parts)}{floor}"
    span = Period(window[0].start, window[-1].end, f"{window[0].label}..{window[-1].label}")
    return Figure(total, parts[0].unit, span, facts, how), missing


def capex_vs_history(
    store: FactStore,
    entity: str,
    subject: Period,
    *,
    metric: str = "capex",
    years: int = 10,
) -> pd.DataFrame:
    """``metric`` for ``subject`` against the capex of the ``years`` fiscal years before it.

    ``metric`` is ``capex`` (a quarter or year) or ``investment_commitment`` (a pledge
    over ``subject``'s span). One row: entity, subject_label, subject, subject_unit,
    history_span, history_years, history, history_unit, years_missing, complete,
    subject_vs_history_pct; figures with ``_facts``/``_how``; missing.
    """
    e = registry_for(store).resolve(entity)
    window = _window(e, subject, years)
    subject_fig = FigureBook.load(store, e, metric).get(subject)
    book = FigureBook.load(store, e, "capex")
    history = _span_fact(book, window)
    missing_years: list[str] = []
    if history is None:
        history, missing_years = _sum_years(book, window)
    row: dict[str, Any] = {
        "entity": e.id,
        "subject_label": subject.label or f"{subject.start}..{subject.end}",
        "subject_unit": subject_fig.unit if subject_fig else "",
        "history_span": (
            f"{history.period.start}..{history.period.end}"
            if history
            else f"{window[0].start}..{window[-1].end}"
        ),
        "history_years": years,
        "history_unit": history.unit if history else "",
        "years_missing": ", ".join(missing_years),
        "complete": history is not None and not missing_years,
    }
    put(row, "subject", subject_fig)
    put(row, "history", history)
    ratio = None
    if subject_fig and history and subject_fig.unit == history.unit and history.value > 0:
        value = pct(subject_fig.value, history.value)
        if value is not None:
            what = f"{metric.replace('_', ' ')} {row['subject_label']}"
            how = f"{what} / capex of the previous {years} years"
            ratio = Figure(value, "percent", subject, (*subject_fig.facts, *history.facts), how)
    put(row, "subject_vs_history_pct", ratio)
    row["missing"] = "; ".join(
        m
        for m in (
            "" if subject_fig else f"{metric} for {row['subject_label']}",
            "" if history else f"capex for the {years} fiscal years before {subject.start}",
        )
        if m
    )
    return pd.DataFrame([row])
