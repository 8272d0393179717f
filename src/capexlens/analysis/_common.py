"""Shared pieces of the analysis: figures with provenance, period look-ups, ratios.

A :class:`Figure` is a number the analysis shows, with the stored facts it rests on and,
when the analysis computed it, a sentence saying how. Frames carry the fact ids of each
figure in a ``<column>_facts`` column (``;``-separated) and the derivation, if any, in
``<column>_how``, so a brief can footnote every number back to the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from capexlens.errors import PeriodError
from capexlens.models import Fact, Period
from capexlens.periods import (
    CALENDAR_YEAR,
    FiscalCalendar,
    calendar_quarter_label,
    parse_period,
    quarters_between,
)
from capexlens.registry import Entity, Registry, default_registry
from capexlens.store import FactStore

__all__ = [
    "Figure",
    "FigureBook",
    "aligned_quarter",
    "calendar_label",
    "calendar_quarter",
    "growth_pct",
    "ids",
    "is_quarter",
    "pct",
    "put",
    "quarter_offset",
    "registry_for",
    "resolve_period",
]

_PCT_STEP = Decimal("0.1")
_BARE_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


def registry_for(store: FactStore) -> Registry:
    """The built-in registry plus the SEC filers the store has registered."""
    return default_registry().with_entities(store.registered_entities())


@dataclass(frozen=True, slots=True)
class Figure:
    """A value the analysis shows: a stored fact, or a computation over stored facts.

    ``how`` is empty when the value is one stored fact as stored; otherwise it says how
    the value was computed from ``facts``.

    >>> from capexlens.models import Source, SourceKind
    >>> src = Source("https://x.example", "t", "p", date(2025, 1, 1), SourceKind.FILING)
    >>> f = Fact("X", "capex", Period(date(2025, 1, 1), date(2025, 3, 31), "FY2025 Q1"),
    ...          Decimal(5), "USD", "$5", src, "table", "cash capex", date(2025, 5, 1))
    >>> Figure.of(f).value, Figure.of(f).is_derived
    (Decimal('5'), False)
    """

    value: Decimal
    unit: str
    period: Period
    facts: tuple[Fact, ...]
    how: str = ""

    @classmethod
    def of(cls, fact: Fact) -> Figure:
        """The figure of one stored fact."""
        return cls(fact.value, fact.unit, fact.period, (fact,))

    @property
    def is_derived(self) -> bool:
        """Whether the analysis computed the value (rather than reading one fact)."""
        return bool(self.how)

    @property
    def fact_ids(self) -> str:
        """The ids of the facts it rests on, ``;``-separated, each once."""
        return ids(self.facts)


def put(row: dict[str, Any], name: str, fig: Figure | None) -> None:
    """Set frame columns ``name`` (the value), ``name_facts`` and ``name_how`` of a row."""
    row[name] = fig.value if fig else None
    row[f"{name}_facts"] = fig.fact_ids if fig else ""
    row[f"{name}_how"] = fig.how if fig else ""


def ids(facts: Iterable[Fact]) -> str:
    """``;``-joined fact ids, each once, in first-seen order."""
    return ";".join(dict.fromkeys(f.fact_id for f in facts))


def pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator`` in percent to one decimal, or ``None`` if undefined.

    >>> pct(Decimal("38.68"), Decimal("247.652"))
    Decimal('15.6')
    >>> pct(Decimal(1), Decimal(0)) is None
    True
    """
    if denominator == 0:
        return None
    return (numerator / denominator * 100).quantize(_PCT_STEP)


def growth_pct(current: Decimal, previous: Decimal) -> Decimal | None:
    """Growth from ``previous`` to ``current`` in percent; ``None`` unless ``previous > 0``.

    >>> growth_pct(Decimal("38.68"), Decimal("11.9"))
    Decimal('225.0')
    """
    if previous <= 0:
        return None
    return ((current / previous - 1) * 100).quantize(_PCT_STEP)


def is_quarter(period: Period, calendar: FiscalCalendar) -> bool:
    """Whether ``period`` is exactly one fiscal quarter on ``calendar``."""
    return calendar.quarter_period(calendar.quarter_of(period.end)).same_span(period)


def calendar_label(period: Period) -> str:
    """``CY2025Q2`` for a span that is a calendar quarter, else the span's dates."""
    return calendar_quarter_label(period) or f"{period.start}..{period.end}"


def resolve_period(text: str, calendar: FiscalCalendar, *, as_of: date | None = None) -> Period:
    """Read a period option; a bare ``2025Q2`` is the CALENDAR quarter (same as ``CY2025Q2``).

    The result is labelled on ``calendar``.

    >>> baba = FiscalCalendar(3)
    >>> resolve_period("2025Q2", baba).label
    'FY2026 Q1'
    >>> resolve_period("FY2026Q1", baba).label
    'FY2026 Q1'
    """
    m = _BARE_QUARTER.match(text)
    return parse_period(f"CY{m[1]}Q{m[2]}" if m else text, calendar, as_of=as_of)


def aligned_quarter(calendar: FiscalCalendar, quarter: Period) -> tuple[Period, bool]:
    """The fiscal quarter standing for calendar ``quarter``, and whether it matches exactly.

    A fiscal quarter that is no calendar quarter (Oracle's end in February, May, August
    and November) stands for the calendar quarter in which it ends.

    >>> aligned_quarter(FiscalCalendar(3), CALENDAR_YEAR.quarter(2025, 2))[0].label
    'FY2026 Q1'
    >>> p, exact = aligned_quarter(FiscalCalendar(5), CALENDAR_YEAR.quarter(2025, 2))
    >>> p.label, p.end, exact
    ('FY2025 Q4', datetime.date(2025, 5, 31), False)
    """
    fq = calendar.quarter_of(quarter.end)
    fiscal = calendar.quarter_period(fq)
    if fiscal.end > quarter.end:
        fiscal = calendar.quarter_period(fq.shift(-1))
    if fiscal.end < quarter.start:
        raise PeriodError(f"no fiscal quarter ends within {quarter}")
    return fiscal, fiscal.same_span(quarter)


class FigureBook:
    """One entity's stored facts of one metric (and segment), read once, by span.

    Answers :meth:`get` with the stored fact for a span, or a figure derived from stored
    facts: a quarter as a longer span less its other quarters (Q4 = year - Q1 - Q2 - Q3),
    or a half or year as the sum of its quarters.
    """

    def __init__(self, facts: Sequence[Fact], calendar: FiscalCalendar, name: str) -> None:
        self.calendar = calendar
        self.name = name
        self._by_span: dict[tuple[date, date], Fact] = {}
        for f in facts:  # facts come one version per key; keep the first per span
            self._by_span.setdefault((f.period.start, f.period.end), f)

    @classmethod
    def load(
        cls,
        store: FactStore,
        entity: Entity,
        metric: str,
        segment: str = "",
    ) -> FigureBook:
        """Read the latest version of every ``metric`` fact of ``entity``."""
        facts = store.facts(entity=entity.id, metric=metric, segment=segment)
        return cls(facts, entity.calendar, metric.replace("_", " "))

    def stored(self, period: Period) -> Fact | None:
        """The stored fact for exactly this span, if any."""
        return self._by_span.get((period.start, period.end))

    def facts(self) -> list[Fact]:
        """Every stored fact, oldest period first."""
        return sorted(self._by_span.values(), key=lambda f: (f.period.end, f.period.start))

    def get(self, period: Period) -> Figure | None:
        """The figure for ``period``: stored, else derived from stored facts, else None."""
        fact = self.stored(period)
        if fact is not None:
            return Figure.of(fact)
        if not _is_money(self._by_span):
            return None  # why: percentages and counts do not add up across periods
        if is_quarter(period, self.calendar):
            return self._quarter_from_total(period)
        return self._sum_of_quarters(period)

    def _quarter_from_total(self, quarter: Period) -> Figure | None:
        """A quarter as a stored longer span less its other quarters, all stored."""
        for total in self.facts():
            span = total.period
            if span.same_span(quarter) or not (
                span.start <= quarter.start and quarter.end <= span.end
            ):
                continue
            others = self._stored_quarters(span, skip=quarter)
            if others is None or any(o.unit != total.unit for o in others):
                continue
            value = total.value - sum((o.value for o in others), Decimal(0))
            minus = " - ".join(o.period.label or str(o.period) for o in others)
            how = f"{self.name} {quarter.label}: {span.label or span} total - {minus}"
            return Figure(value, total.unit, quarter, (total, *others), how)
        return None

    def _stored_quarters(self, span: Period, skip: Period | None = None) -> list[Fact] | None:
        """The stored facts of every fiscal quarter of ``span`` but ``skip``; None if any is
        missing or ``span`` is not made of whole quarters."""
        quarters = quarters_between(self.calendar, span, span)
        if quarters[0].start != span.start or quarters[-1].end != span.end:
            return None
        out: list[Fact] = []
        for q in quarters:
            if skip is not None and q.same_span(skip):
                continue
            fact = self.stored(q)
            if fact is None:
                return None
            out.append(fact)
        return out

    def _sum_of_quarters(self, span: Period) -> Figure | None:
        parts = self._stored_quarters(span)
        if not parts or len(parts) < 2 or len({p.unit for p in parts}) != 1:
            return None
        value = sum((p.value for p in parts), Decimal(0))
        labels = " + ".join(p.period.label or str(p.period) for p in parts)
        how = f"{self.name} {span.label or span}: sum of {labels}"
        return Figure(value, parts[0].unit, span, tuple(parts), how)


def _is_money(by_span: dict[tuple[date, date], Fact]) -> bool:
    units = {f.unit for f in by_span.values()}
    return bool(units) and all(len(u) == 3 and u.isupper() for u in units)


def quarter_offset(calendar: FiscalCalendar, period: Period, offset: int) -> Period:
    """The fiscal quarter ``offset`` quarters from the one ending with ``period``.

    >>> quarter_offset(FiscalCalendar(3), FiscalCalendar(3).quarter(2026, 1), -4).label
    'FY2025 Q1'
    """
    return calendar.quarter_period(calendar.quarter_of(period.end).shift(offset))


def calendar_quarter(text: str) -> Period:
    """A calendar quarter from ``2025Q2`` / ``CY2025Q2`` / ``CY2025 Q2``.

    >>> calendar_quarter("2025Q2").label
    'CY2025 Q2'
    """
    period = resolve_period(text, CALENDAR_YEAR)
    if not is_quarter(period, CALENDAR_YEAR):
        raise PeriodError(f"{text!r} is not a calendar quarter; write e.g. 2025Q2 or CY2025Q2")
    fq = CALENDAR_YEAR.quarter_of(period.end)
    return Period(period.start, period.end, f"CY{fq.year} Q{fq.quarter}")
