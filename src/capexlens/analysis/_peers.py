"""Peers side by side for one CALENDAR quarter, in US dollars.

Each company's fiscal quarter is lined up with the calendar quarter it equals (Alibaba's
FY2026 Q1 is calendar 2025 Q2). A fiscal quarter that is no calendar quarter (Oracle's
quarters end in February, May, August and November) stands for the calendar quarter in
which it ends, and the row says so in ``alignment``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from capexlens.analysis._capex import EntityBooks, quarter_row
from capexlens.analysis._common import (
    Figure,
    FigureBook,
    aligned_quarter,
    calendar_label,
    calendar_quarter,
    growth_pct,
    put,
    quarter_offset,
    registry_for,
)
from capexlens.analysis._fx import UsdConverter
from capexlens.models import Period
from capexlens.periods import CALENDAR_YEAR
from capexlens.registry import Entity
from capexlens.store import FactStore

__all__ = ["compare_metric", "peer_history", "peer_quarter"]

Row = dict[str, Any]


def _entities(store: FactStore, names: Sequence[str] | None) -> list[Entity]:
    reg = registry_for(store)
    if names:
        return [reg.resolve(n) for n in names]
    return reg.covered()


def _as_quarter(quarter: Period | str) -> Period:
    """A calendar quarter labelled ``CY2025Q2`` (a bare ``2025Q2`` is calendar too)."""
    q = calendar_quarter(quarter) if isinstance(quarter, str) else quarter
    return Period(q.start, q.end, calendar_label(q))


def _alignment(entity: Entity, fiscal: Period, exact: bool, quarter: Period) -> str:
    if exact:
        return ""
    return (
        f"{entity.name} fiscal quarter {fiscal.label} ({fiscal.start}..{fiscal.end}) is no "
        f"calendar quarter; shown for {quarter.label}, the calendar quarter in which it ends"
    )


def peer_quarter(
    store: FactStore,
    quarter: Period | str,
    *,
    entities: Sequence[str] | None = None,
    converter: UsdConverter | None = None,
    books: dict[str, EntityBooks] | None = None,
) -> pd.DataFrame:
    """The companies (default: the eight covered) for calendar ``quarter`` ("2025Q2").

    Columns are those of :func:`~capexlens.analysis.capex_quarters` (capex native and USD,
    growth, intensity, cloud growth) with ``calendar_label`` set to the calendar quarter
    asked, the company's own ``fiscal_label`` beside it, ``aligned`` and ``alignment``.
    ``books`` may hold companies' figures already read (see :func:`peer_history`).
    """
    q = _as_quarter(quarter)
    conv = converter or UsdConverter.from_store(store)
    cache = {} if books is None else books
    rows: list[Row] = []
    for e in _entities(store, entities):
        if e.id not in cache:
            cache[e.id] = EntityBooks.load(store, e)
        fiscal, exact = aligned_quarter(e.calendar, q)
        row = quarter_row(cache[e.id], fiscal, conv)
        row.update(calendar_label=q.label, aligned=exact)
        row["alignment"] = _alignment(e, fiscal, exact, q)
        rows.append(row)
    return pd.DataFrame(rows)


def peer_history(
    store: FactStore,
    last: Period | str,
    *,
    count: int = 6,
    entities: Sequence[str] | None = None,
    converter: UsdConverter | None = None,
) -> pd.DataFrame:
    """:func:`peer_quarter` for the ``count`` calendar quarters ending with ``last``,
    oldest first, in one frame (each company's facts are read once)."""
    end = _as_quarter(last)
    conv = converter or UsdConverter.from_store(store)
    books: dict[str, EntityBooks] = {}
    frames = [
        peer_quarter(
            store,
            quarter_offset(CALENDAR_YEAR, end, -i),
            entities=entities,
            converter=conv,
            books=books,
        )
        for i in range(count - 1, -1, -1)
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def compare_metric(
    store: FactStore,
    metric: str,
    quarter: Period | str,
    *,
    entities: Sequence[str] | None = None,
    segment: str | None = None,
    converter: UsdConverter | None = None,
) -> pd.DataFrame:
    """One metric for several companies in calendar ``quarter``, money also in USD.

    For a metric that needs a segment (``segment_revenue``) each company's first segment
    with a figure is used unless ``segment`` is given. Columns: entity, name,
    calendar_label, fiscal_label, period_start, period_end, aligned, alignment, metric,
    segment, value, unit, value_usd, fx_rate, fx_name, fx_urls, yoy_pct (with ``_facts``
    and ``_how``), missing.
    """
    reg = registry_for(store)
    m = reg.metric(metric)
    q = _as_quarter(quarter)
    conv = converter or UsdConverter.from_store(store)
    rows: list[Row] = []
    for e in _entities(store, entities):
        fiscal, exact = aligned_quarter(e.calendar, q)
        segments = [segment] if segment else [""]
        if m.needs_dimension == "segment" and not segment:
            segments = [
                d.id for d in reg.dimensions.values() if d.kind == "segment" and d.owner == e.id
            ] or [""]
        row = _metric_row(store, e, metric, segments, fiscal, conv)
        row.update(calendar_label=q.label, aligned=exact)
        row["alignment"] = _alignment(e, fiscal, exact, q)
        rows.append(row)
    return pd.DataFrame(rows)


def _metric_row(
    store: FactStore,
    e: Entity,
    metric: str,
    segments: Sequence[str],
    fiscal: Period,
    conv: UsdConverter,
) -> Row:
    row: Row = {
        "entity": e.id,
        "name": e.name,
        "fiscal_label": fiscal.label,
        "period_start": fiscal.start,
        "period_end": fiscal.end,
        "metric": metric,
        "segment": "",
        "unit": "",
        "fx_rate": None,
        "fx_name": "",
        "fx_urls": "",
    }
    fig: Figure | None = None
    book: FigureBook | None = None
    for seg in segments:
        book = FigureBook.load(store, e, metric, seg)
        fig = book.get(fiscal)
        if fig is not None:
            row["segment"] = seg
            break
    put(row, "value", fig)
    put(row, "value_usd", None)
    put(row, "yoy_pct", None)
    if fig is None or book is None:
        row["missing"] = f"{metric} for {fiscal.label}"
        return row
    row["unit"] = fig.unit
    row["missing"] = _money_columns(row, e, fig, book, conv)
    return row


def _money_columns(row: Row, e: Entity, fig: Figure, book: FigureBook, conv: UsdConverter) -> str:
    """Fill the USD and growth columns of a money figure; return what is missing."""
    if not (len(fig.unit) == 3 and fig.unit.isupper()):
        return ""
    usd, why = conv.figure(fig, e)
    if usd is not None:
        how = "" if usd.quote is None else f"{fig.period.label} at {usd.rate_name}"
        put(row, "value_usd", Figure(usd.usd.amount, "USD", fig.period, fig.facts, how))
        row.update(fx_rate=None if usd.quote is None else usd.quote.rate)
        row.update(fx_name=usd.rate_name, fx_urls=usd.source_urls)
    prior_q = quarter_offset(e.calendar, fig.period, -4)
    prior = book.get(prior_q)
    if prior is not None and prior.unit == fig.unit:
        g = growth_pct(fig.value, prior.value)
        if g is not None:
            how = f"{book.name} growth YoY: {fig.period.label} / {prior_q.label} - 1"
            put(row, "yoy_pct", Figure(g, "percent", fig.period, (*fig.facts, *prior.facts), how))
    return why
