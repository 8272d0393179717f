"""Guidance history: each revision of annual capex guidance, with the actual once reported.

A revision is a ``capex_guidance`` fact with a later ``known_on`` (the day it was said);
ranges are ``value``..``value_high``. When two sources carry the same statement on the
same day, the primary one is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis._common import FigureBook, growth_pct, registry_for
from capexlens.models import Fact
from capexlens.store import FactStore

__all__ = ["guidance_history"]

_KIND_ORDER = ("filing", "earnings_release", "call_transcript", "company_statement")


def _one_per_day(facts: Sequence[Fact]) -> list[Fact]:
    """One statement per (fiscal year, day said): primary first, then the issuer's own."""

    def rank(f: Fact) -> tuple[bool, int, str]:
        kind = str(f.source.kind)
        order = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
        return (not f.primary, order, f.fact_id)

    best: dict[tuple[date, date, date], Fact] = {}
    for f in sorted(facts, key=rank):
        best.setdefault((f.period.start, f.period.end, f.known_on), f)
    return sorted(best.values(), key=lambda f: (f.period.end, f.known_on))


def _midpoint(f: Fact) -> Decimal:
    return f.value if f.value_high is None else (f.value + f.value_high) / 2


def guidance_history(
    store: FactStore,
    entity: str,
    *,
    as_of: date | None = None,
) -> pd.DataFrame:
    """Every capex guidance statement, oldest first, per fiscal year.

    ``as_of`` hides statements (and actuals) not yet public that day. Columns: entity,
    fiscal_label, period_start, period_end, said_on, revision (1 = first statement for the
    year), low, high, midpoint, unit, as_printed, source_kind, guidance_facts,
    change_pct (midpoint vs the previous statement for the year, with ``_facts``/``_how``),
    actual, actual_facts, actual_how, actual_vs_midpoint_pct (with ``_facts``/``_how``).
    """
    e = registry_for(store).resolve(entity)
    said = _one_per_day(
        store.facts(entity=e.id, metric="capex_guidance", latest=False, as_of=as_of)
    )
    capex = FigureBook.load(store, e, "capex")
    rows: list[dict[str, Any]] = []
    previous: dict[tuple[date, date], Fact] = {}
    for f in said:
        key = (f.period.start, f.period.end)
        prior = previous.get(key)
        revision = sum(
            1 for g in said if (g.period.start, g.period.end) == key and g.known_on <= f.known_on
        )
        row: dict[str, Any] = {
            "entity": e.id,
            "fiscal_label": f.period.label,
            "period_start": f.period.start,
            "period_end": f.period.end,
            "said_on": f.known_on,
            "revision": revision,
            "low": f.value,
            "high": f.value_high,
            "midpoint": _midpoint(f),
            "unit": f.unit,
            "as_printed": f.as_printed,
            "source_kind": str(f.source.kind),
            "guidance_facts": f.fact_id,
            "midpoint_facts": f.fact_id,
            "midpoint_how": "" if f.value_high is None else "(low + high) / 2",
        }
        row.update(_change(f, prior))
        row.update(_actual(f, capex, as_of))
        rows.append(row)
        previous[key] = f
    return pd.DataFrame(rows)


def _change(f: Fact, prior: Fact | None) -> dict[str, Any]:
    if prior is None or prior.unit != f.unit:
        return {"change_pct": None, "change_pct_facts": "", "change_pct_how": ""}
    return {
        "change_pct": growth_pct(_midpoint(f), _midpoint(prior)),
        "change_pct_facts": f"{f.fact_id};{prior.fact_id}",
        "change_pct_how": f"midpoint said {f.known_on} / midpoint said {prior.known_on} - 1",
    }


def _actual(f: Fact, capex: FigureBook, as_of: date | None) -> dict[str, Any]:
    actual = capex.get(f.period)
    if actual is not None and as_of is not None and any(a.known_on > as_of for a in actual.facts):
        actual = None  # not yet reported on that day
    if actual is None or actual.unit != f.unit:
        return {
            "actual": None,
            "actual_facts": "",
            "actual_how": "",
            "actual_vs_midpoint_pct": None,
            "actual_vs_midpoint_pct_facts": "",
            "actual_vs_midpoint_pct_how": "",
        }
    return {
        "actual": actual.value,
        "actual_facts": actual.fact_ids,
        "actual_how": actual.how,
        "actual_vs_midpoint_pct": growth_pct(actual.value, _midpoint(f)),
        "actual_vs_midpoint_pct_facts": f"{actual.fact_ids};{f.fact_id}",
        "actual_vs_midpoint_pct_how": "actual / guidance midpoint - 1",
    }
