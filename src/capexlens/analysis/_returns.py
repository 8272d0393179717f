"""Shareholder returns against reinvestment, per fiscal year, in US dollars.

Buybacks (``share_repurchases``) and dividends are set beside capex and free cash flow.
Companies report these in different currencies (Alibaba: buybacks in USD, capex in RMB),
so every figure is shown in its own currency and in USD at a named rate; totals and
ratios are taken in USD only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from capexlens.analysis._common import Figure, FigureBook, pct, put, registry_for
from capexlens.analysis._fx import UsdConverter
from capexlens.models import Period
from capexlens.registry import Entity
from capexlens.store import FactStore

__all__ = ["shareholder_returns"]

_ITEMS = ("buybacks", "dividends", "capex", "free_cash_flow")


def _years(
    e: Entity, books: dict[str, FigureBook], through: date | None, count: int
) -> list[Period]:
    """The last ``count`` fiscal years ended by ``through`` (default: the latest with a
    buyback or dividend figure)."""
    cal = e.calendar
    if through is None:
        ends = [f.period.end for name in ("buybacks", "dividends") for f in books[name].facts()]
        if not ends:
            return []
        through = max(ends)
    last = cal.fiscal_year_of(through)
    if cal.year(last).end > through:
        last -= 1
    return [cal.year(y) for y in range(last - count + 1, last + 1)]


def shareholder_returns(
    store: FactStore,
    entity: str,
    *,
    through: date | None = None,
    years: int = 3,
    converter: UsdConverter | None = None,
) -> pd.DataFrame:
    """Buybacks, dividends, capex and free cash flow for the last ``years`` fiscal years.

    A year's figure is the stored annual fact, else the sum of its four quarters; free
    cash flow falls back to operating cash flow less capex. Columns per fiscal year:
    entity, fiscal_label, period_start, period_end; for each of buybacks, dividends,
    capex, free_cash_flow: the native value, ``_unit``, ``_usd`` (with ``_facts``,
    ``_how`` and ``_usd_fx_urls``); then returns_usd (buybacks + dividends),
    returns_to_capex_pct, returns_to_fcf_pct and missing.
    """
    e = registry_for(store).resolve(entity)
    conv = converter or UsdConverter.from_store(store)
    books = {
        "buybacks": FigureBook.load(store, e, "share_repurchases"),
        "dividends": FigureBook.load(store, e, "dividends"),
        "capex": FigureBook.load(store, e, "capex"),
        "free_cash_flow": FigureBook.load(store, e, "free_cash_flow"),
        "operating_cash_flow": FigureBook.load(store, e, "operating_cash_flow"),
    }
    rows = [_year_row(e, books, y, conv) for y in _years(e, books, through, years)]
    return pd.DataFrame(rows)


def _year_row(
    e: Entity, books: dict[str, FigureBook], year: Period, conv: UsdConverter
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "entity": e.id,
        "fiscal_label": year.label,
        "period_start": year.start,
        "period_end": year.end,
    }
    missing: list[str] = []
    usd: dict[str, Figure | None] = {}
    for item in _ITEMS:
        fig = books[item].get(year)
        if fig is None and item == "free_cash_flow":
            fig = _fcf_from_ocf(books, year)
        put(row, item, fig)
        row[f"{item}_unit"] = fig.unit if fig else ""
        usd[item], row[f"{item}_usd_fx_urls"] = _in_usd(fig, e, conv, missing)
        put(row, f"{item}_usd", usd[item])
        if fig is None:
            missing.append(f"{item.replace('_', ' ')} for {year.label}")
    _put_totals(row, usd)
    row["missing"] = "; ".join(missing)
    return row


def _fcf_from_ocf(books: dict[str, FigureBook], year: Period) -> Figure | None:
    ocf, capex = books["operating_cash_flow"].get(year), books["capex"].get(year)
    if ocf is None or capex is None or ocf.unit != capex.unit:
        return None
    how = f"free cash flow {year.label}: operating cash flow - capex"
    return Figure(ocf.value - capex.value, ocf.unit, year, (*ocf.facts, *capex.facts), how)


def _in_usd(
    fig: Figure | None, e: Entity, conv: UsdConverter, missing: list[str]
) -> tuple[Figure | None, str]:
    """The figure in USD (derived when converted) and the rate's source URLs."""
    if fig is None:
        return None, ""
    value, why = conv.figure(fig, e)
    if value is None:
        missing.append(why)
        return None, ""
    if value.quote is None:
        return fig, ""
    how = f"{fig.how + '; ' if fig.how else ''}converted at {value.rate_name}"
    return Figure(value.usd.amount, "USD", fig.period, fig.facts, how), value.source_urls


def _put_totals(row: dict[str, Any], usd: dict[str, Figure | None]) -> None:
    buy, div, capex, fcf = (usd[i] for i in _ITEMS)
    returns = None
    if buy is not None and div is not None:
        returns = Figure(
            buy.value + div.value, "USD", buy.period, (*buy.facts, *div.facts),
            "shareholder returns: buybacks + dividends (USD)",
        )  # fmt: skip
    put(row, "returns_usd", returns)
    row["returns_usd_fx_urls"] = ";".join(
        u for u in (row["buybacks_usd_fx_urls"], row["dividends_usd_fx_urls"]) if u
    )
    for name, base, label in (("capex", capex, "capex"), ("fcf", fcf, "free cash flow")):
        ratio = None
        if returns is not None and base is not None:
            value = pct(returns.value, base.value) if base.value > 0 else None
            if value is not None:
                how = f"shareholder returns / {label} (both USD)"
                ratio = Figure(value, "percent", returns.period, (*returns.facts, *base.facts), how)
        put(row, f"returns_to_{name}_pct", ratio)
