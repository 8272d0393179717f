"""Quarterly capex in context: native and USD, growth, TTM, intensity, cash flow, cloud.

Every figure column ``X`` comes with ``X_facts`` (the ids of the stored facts it rests on)
and ``X_how`` (empty for a stored figure, else how it was computed). ``missing`` lists, in
plain words, what the store lacks for the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis._common import (
    Figure,
    FigureBook,
    calendar_label,
    growth_pct,
    pct,
    put,
    quarter_offset,
    registry_for,
)
from capexlens.analysis._fx import UsdConverter
from capexlens.models import Period
from capexlens.registry import Entity
from capexlens.store import FactStore

__all__ = ["EntityBooks", "capex_quarters", "quarter_row"]

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EntityBooks:
    """One company's figures of every metric the capex views use, read once."""

    entity: Entity
    capex: FigureBook
    revenue: FigureBook
    operating_cash_flow: FigureBook
    free_cash_flow: FigureBook
    cloud: tuple[tuple[str, FigureBook, FigureBook], ...]  # (segment, revenue, growth)

    @classmethod
    def load(cls, store: FactStore, entity: Entity) -> EntityBooks:
        """Read the company's capex, revenue, cash-flow and cloud-segment facts."""
        reg = registry_for(store)
        segments = [
            d.id for d in reg.dimensions.values() if d.kind == "segment" and d.owner == entity.id
        ]
        cloud = tuple(
            (
                seg,
                FigureBook.load(store, entity, "segment_revenue", seg),
                FigureBook.load(store, entity, "segment_revenue_growth_yoy", seg),
            )
            for seg in segments
        )
        return cls(
            entity,
            FigureBook.load(store, entity, "capex"),
            FigureBook.load(store, entity, "revenue"),
            FigureBook.load(store, entity, "operating_cash_flow"),
            FigureBook.load(store, entity, "free_cash_flow"),
            cloud,
        )

    def latest_capex_quarter(self) -> Period | None:
        """The most recent fiscal quarter with a capex figure (stored or derived)."""
        cal = self.entity.calendar
        ends = sorted({f.period.end for f in self.capex.facts()}, reverse=True)
        for end in ends:
            q = cal.quarter_period(cal.quarter_of(end))
            if q.end == end and self.capex.get(q) is not None:
                return q
        return None


def _ratio(names: tuple[str, str], a: Figure, b: Figure, growth: bool = False) -> Figure | None:
    """``a / b`` (or growth from ``b`` to ``a``) in percent, as a derived figure;
    ``names`` name the two figures in the derivation text."""
    if a.unit != b.unit:
        return None
    value = growth_pct(a.value, b.value) if growth else pct(a.value, b.value)
    if value is None:
        return None
    how = f"{names[0]} {a.period.label} / {names[1]} {b.period.label}" + (" - 1" if growth else "")
    return Figure(value, "percent", a.period, (*a.facts, *b.facts), how)


def _ttm(books: EntityBooks, quarter: Period) -> list[Figure] | None:
    cal = books.entity.calendar
    parts = [books.capex.get(quarter_offset(cal, quarter, -i)) for i in range(3, -1, -1)]
    if any(p is None for p in parts):
        return None
    return [p for p in parts if p is not None]


def _put_capex(row: Row, books: EntityBooks, q: Period, converter: UsdConverter) -> Figure | None:
    cal = books.entity.calendar
    capex = books.capex.get(q)
    put(row, "capex", capex)
    row["currency"] = capex.unit if capex else books.entity.currency
    row.update(capex_usd=None, capex_usd_facts="", capex_usd_how="", fx_rate=None)
    row.update(fx_name="", fx_urls="", ttm_usd_fx_urls="")
    if capex is None:
        row["missing"].append(f"capex for {q.label}")
        for col in ("yoy_pct", "qoq_pct", "ttm", "ttm_usd"):
            put(row, col, None)
        return None
    usd, why = converter.figure(capex, books.entity)
    if usd is not None:
        how = "" if usd.quote is None else f"{capex.period.label} capex at {usd.rate_name}"
        put(row, "capex_usd", Figure(usd.usd.amount, "USD", q, capex.facts, how))
        row.update(fx_rate=None if usd.quote is None else usd.quote.rate)
        row.update(fx_name=usd.rate_name, fx_urls=usd.source_urls)
    else:
        row["missing"].append(why)
    for col, offset in (("yoy_pct", -4), ("qoq_pct", -1)):
        prior = books.capex.get(quarter_offset(cal, q, offset))
        put(row, col, _ratio(("capex", "capex"), capex, prior, True) if prior else None)
        if prior is None:
            row["missing"].append(f"capex for {quarter_offset(cal, q, offset).label}")
    _put_ttm(row, books, q, converter)
    return capex


def _put_ttm(row: Row, books: EntityBooks, q: Period, converter: UsdConverter) -> None:
    parts = _ttm(books, q)
    if parts is None or len({p.unit for p in parts}) != 1:
        put(row, "ttm", None)
        put(row, "ttm_usd", None)
        return
    labels = " + ".join(p.period.label for p in parts)
    facts = tuple(f for p in parts for f in p.facts)
    span = Period(parts[0].period.start, q.end, f"TTM to {q.label}")
    total = sum((p.value for p in parts), Decimal(0))
    put(row, "ttm", Figure(total, parts[0].unit, span, facts, f"capex TTM: {labels}"))
    usds = [converter.figure(p, books.entity)[0] for p in parts]
    if all(u is not None for u in usds):
        done = [u for u in usds if u is not None]
        usd_total = sum((u.usd.amount for u in done), Decimal(0))
        how = f"capex TTM in USD: {labels}, each quarter at its own rate"
        put(row, "ttm_usd", Figure(usd_total, "USD", span, facts, how))
        row["ttm_usd_fx_urls"] = ";".join(
            dict.fromkeys(u.source_urls for u in done if u.source_urls)
        )
    else:
        put(row, "ttm_usd", None)


def _put_context(row: Row, books: EntityBooks, q: Period, capex: Figure | None) -> None:
    revenue = books.revenue.get(q)
    put(row, "revenue", revenue)
    if revenue is None:
        row["missing"].append(f"revenue for {q.label}")
    intensity = _ratio(("capex", "revenue"), capex, revenue) if capex and revenue else None
    put(row, "intensity_pct", intensity)
    ocf = books.operating_cash_flow.get(q)
    put(row, "operating_cash_flow", ocf)
    to_ocf = _ratio(("capex", "operating cash flow"), capex, ocf) if capex and ocf else None
    put(row, "capex_to_ocf_pct", to_ocf)
    fcf = books.free_cash_flow.get(q)
    if fcf is None and capex is not None and ocf is not None and ocf.unit == capex.unit:
        how = f"free cash flow {q.label}: operating cash flow - capex"
        fcf = Figure(ocf.value - capex.value, ocf.unit, q, (*ocf.facts, *capex.facts), how)
    put(row, "free_cash_flow", fcf)
    if ocf is None and fcf is None:
        row["missing"].append(f"operating and free cash flow for {q.label}")
    _put_cloud(row, books, q)


def _put_cloud(row: Row, books: EntityBooks, q: Period) -> None:
    cal = books.entity.calendar
    row["cloud_segment"] = ""
    chosen: tuple[str, Figure | None, Figure | None] | None = None
    for seg, revenue_book, growth_book in books.cloud:
        revenue, growth = revenue_book.get(q), growth_book.get(q)
        if growth is None and revenue is not None:
            prior = revenue_book.get(quarter_offset(cal, q, -4))
            growth = _ratio((f"{seg} revenue",) * 2, revenue, prior, True) if prior else None
        if revenue is not None or growth is not None:
            chosen = (seg, revenue, growth)
            break
    if chosen is None:
        put(row, "cloud_revenue", None)
        put(row, "cloud_growth_pct", None)
        if books.cloud:
            row["missing"].append(f"cloud segment revenue and growth for {q.label}")
        return
    row["cloud_segment"] = chosen[0]
    put(row, "cloud_revenue", chosen[1])
    put(row, "cloud_growth_pct", chosen[2])


def quarter_row(books: EntityBooks, q: Period, converter: UsdConverter) -> Row:
    """Every capex figure of one company for fiscal quarter ``q``, as one frame row."""
    e = books.entity
    row: Row = {
        "entity": e.id,
        "name": e.name,
        "fiscal_label": q.label,
        "calendar_label": calendar_label(q),
        "period_start": q.start,
        "period_end": q.end,
        "missing": [],
    }
    capex = _put_capex(row, books, q, converter)
    _put_context(row, books, q, capex)
    row["missing"] = "; ".join(dict.fromkeys(row["missing"]))
    return row


def capex_quarters(
    store: FactStore,
    entity: str,
    *,
    through: Period | None = None,
    count: int = 8,
    converter: UsdConverter | None = None,
) -> pd.DataFrame:
    """The company's last ``count`` fiscal quarters up to ``through``, oldest first.

    ``through`` defaults to the latest quarter with a capex figure. Columns: entity, name,
    fiscal_label, calendar_label, period_start, period_end, currency, capex, capex_usd,
    fx_rate, fx_name, fx_urls, yoy_pct, qoq_pct, ttm, ttm_usd, revenue, intensity_pct,
    operating_cash_flow, capex_to_ocf_pct, free_cash_flow, cloud_segment, cloud_revenue,
    cloud_growth_pct (each figure with ``_facts`` and ``_how``) and missing.
    """
    e = registry_for(store).resolve(entity)
    books = EntityBooks.load(store, e)
    conv = converter or UsdConverter.from_store(store)
    last = through or books.latest_capex_quarter()
    if last is None:
        return pd.DataFrame(rows_columns())
    cal = e.calendar
    quarters = [quarter_offset(cal, last, -i) for i in range(count - 1, -1, -1)]
    return pd.DataFrame([quarter_row(books, q, conv) for q in quarters])


def rows_columns() -> dict[str, Sequence[Any]]:
    """Empty columns of a :func:`capex_quarters` frame (for a company without capex)."""
    names = ["entity", "name", "fiscal_label", "calendar_label", "period_start", "period_end"]
    return {n: [] for n in (*names, "currency", "capex", "capex_usd", "missing")}
