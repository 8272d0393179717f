"""What every section of a brief shares: the store, the company, the quarter, the notes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis import (
    EntityBooks,
    UsdConverter,
    aligned_quarter,
    calendar_quarter,
    registry_for,
    resolve_period,
)
from capexlens.briefs._format import money, percent, signed_percent
from capexlens.briefs._model import Inline, Notes, Num
from capexlens.errors import PeriodError
from capexlens.models import Period
from capexlens.periods import latest_reported_quarter
from capexlens.registry import Entity
from capexlens.store import FactStore

__all__ = ["MISSING", "BriefContext", "is_blank", "records"]

MISSING = "not in the store"
# why: companies report some six weeks after a quarter ends
_REPORTING_LAG_DAYS = 45


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts keyed by column name."""
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def is_blank(value: Any) -> bool:
    """Whether a frame cell holds no value (None, NaN or an empty string)."""
    return value is None or value == "" or (isinstance(value, float) and value != value)


@dataclass
class BriefContext:
    """The company and quarter a brief is about, and the state its sections share."""

    store: FactStore
    entity: Entity
    quarter: Period
    quarter_note: str
    notes: Notes
    converter: UsdConverter
    books: EntityBooks
    missing: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, store: FactStore, entity: str, period: str | None) -> BriefContext:
        """Resolve the company and the fiscal quarter (``period`` or the latest one)."""
        e = registry_for(store).resolve(entity)
        books = EntityBooks.load(store, e)
        quarter, note = _quarter(e, books, period)
        rates = store.fx_rates()
        return cls(store, e, quarter, note, Notes(store, rates), UsdConverter(rates), books)

    @property
    def short(self) -> str:
        """The company's everyday name ("Alibaba")."""
        return self.entity.aliases[0] if self.entity.aliases else self.entity.name

    def lack(self, what: str) -> None:
        """Record something the store lacks (listed at the end of the brief)."""
        for item in what.split("; "):
            if item and item not in self.missing:
                self.missing.append(item)

    def num(self, row: Mapping[str, Any], column: str, fmt: Callable[[Any], str]) -> Inline:
        """A cited number from a frame row, or :data:`MISSING`."""
        value = row.get(column)
        if is_blank(value):
            return MISSING
        return Num(fmt(value), self.notes.cite(row, column))

    def rate(self, row: Mapping[str, Any]) -> Inline:
        """The exchange rate a row's USD figures used, cited to its stored source."""
        name = str(row.get("fx_name") or "")
        urls = [u for u in str(row.get("fx_urls") or "").split(";") if u]
        if not urls:
            return name
        return Num(name, self.notes.fx(urls[0], str(row.get("currency") or "")))

    def money(self, row: Mapping[str, Any], column: str, unit: str) -> Inline:
        """A cited amount in ``unit``."""
        return self.num(row, column, lambda v: money(Decimal(v), unit))

    def pct(self, row: Mapping[str, Any], column: str, signed: bool = False) -> Inline:
        """A cited percentage (``+225%`` when ``signed``)."""
        fmt = signed_percent if signed else percent
        return self.num(row, column, lambda v: fmt(Decimal(v)))


def _quarter(e: Entity, books: EntityBooks, period: str | None) -> tuple[Period, str]:
    """The fiscal quarter asked (a calendar quarter maps to the fiscal one ending in it)."""
    cal = e.calendar
    if period is None:
        latest = books.latest_capex_quarter()
        if latest is not None:
            return latest, ""
        return latest_reported_quarter(cal, date.today(), _REPORTING_LAG_DAYS), (
            "no capex is stored, so the brief covers the latest quarter likely reported"
        )
    asked = resolve_period(period, cal)
    fq = cal.quarter_period(cal.quarter_of(asked.end))
    if fq.same_span(asked):
        return fq, ""
    if (asked.end - asked.start) < timedelta(days=95):
        fiscal, _ = aligned_quarter(cal, calendar_quarter(_cy(asked)))
        return fiscal, (
            f"{e.name}'s fiscal quarters are not calendar quarters; {period} is shown as "
            f"{fiscal.label} ({fiscal.start}..{fiscal.end}), the fiscal quarter ending in it"
        )
    raise PeriodError(
        f"a brief covers one quarter; {period!r} is {asked.start}..{asked.end}. "
        "Give a fiscal quarter such as FY2026Q1 or a calendar quarter such as 2025Q2"
    )


def _cy(period: Period) -> str:
    return f"CY{period.end.year}Q{(period.end.month - 1) // 3 + 1}"
