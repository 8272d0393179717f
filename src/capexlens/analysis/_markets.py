"""Market shares with the market's size (``market_share`` / ``market_size`` facts).

Shares are stated by research firms per market (``CN_CLOUD``, ``GLOBAL_CLOUD``) and
period; the market's size is a fact of entity ``MARKET``. A share times the size gives
the revenue the share implies, marked as derived.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis._common import Figure, calendar_label, put, registry_for
from capexlens.errors import CapexlensError
from capexlens.models import Fact, Period
from capexlens.registry import MARKET_ENTITY, Registry
from capexlens.store import FactStore

__all__ = ["market_shares", "markets_of"]


def markets_of(store: FactStore, entity: str) -> list[str]:
    """The markets in which the store holds a share for ``entity``, in registry order."""
    e = registry_for(store).resolve(entity)
    held = {f.segment for f in store.facts(entity=e.id, metric="market_share")}
    return [d for d in registry_for(store).dimensions if d in held]


def _pick_span(shares: list[Fact], through: date | None) -> Period | None:
    """The latest span ended by ``through``; among spans ending the same day, the shortest
    (a quarter beats the year that ends with it)."""
    spans = {(f.period.start, f.period.end): f.period for f in shares}
    ok = [p for p in spans.values() if through is None or p.end <= through]
    if not ok:
        return None
    return max(ok, key=lambda p: (p.end, -p.days))


def market_shares(
    store: FactStore,
    market: str,
    *,
    period: Period | None = None,
    through: date | None = None,
) -> pd.DataFrame:
    """Every stored share of ``market`` for one period, largest first, with the size.

    ``period`` defaults to the latest period with shares that ended by ``through``.
    Columns: market, market_name, period_label, period_start, period_end, entity, name,
    share_pct, source_kind, market_size, market_size_unit, market_growth_pct,
    implied_revenue (share x size), each figure with ``_facts``/``_how``.
    """
    reg = registry_for(store)
    dim = reg.dimension(market)
    shares = store.facts(metric="market_share", segment=dim.id)
    span = period or _pick_span(shares, through)
    if span is None:
        return pd.DataFrame()
    chosen = sorted(
        (f for f in shares if f.period.same_span(span)), key=lambda f: (-f.value, f.entity)
    )
    size = _one(store, "market_size", dim.id, span)
    growth = _one(store, "market_growth_yoy", dim.id, span)
    rows: list[dict[str, Any]] = []
    for f in chosen:
        row: dict[str, Any] = {
            "market": dim.id,
            "market_name": dim.name,
            "period_label": calendar_label(f.period),
            "period_start": f.period.start,
            "period_end": f.period.end,
            "entity": f.entity,
            "name": _name(reg, f.entity),
            "source_kind": str(f.source.kind),
            "market_size_unit": size.unit if size else "",
        }
        put(row, "share_pct", Figure.of(f))
        put(row, "market_size", Figure.of(size) if size else None)
        put(row, "market_growth_pct", Figure.of(growth) if growth else None)
        implied = None
        if size is not None:
            value = (f.value * size.value / 100).quantize(Decimal(1))
            how = f"{f.entity} share x market size, {calendar_label(f.period)}"
            implied = Figure(value, size.unit, f.period, (f, size), how)
        put(row, "implied_revenue", implied)
        rows.append(row)
    return pd.DataFrame(rows)


def _one(store: FactStore, metric: str, market: str, span: Period) -> Fact | None:
    facts = store.facts(entity=MARKET_ENTITY, metric=metric, segment=market)
    return next((f for f in facts if f.period.same_span(span)), None)


def _name(reg: Registry, entity: str) -> str:
    try:
        return reg.resolve(entity).name
    except CapexlensError:
        return entity
