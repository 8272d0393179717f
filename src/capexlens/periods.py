"""Fiscal calendars and period labels: the one period implementation of capexlens.

A company's fiscal year is named after the calendar year in which it ends (Alibaba's
FY2026 runs 1 April 2025 to 31 March 2026; Microsoft's FY2025 runs 1 July 2024 to
30 June 2025). Quarters are three calendar months each, counted from the first month
after the previous fiscal year end.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from capexlens.errors import PeriodError
from capexlens.models import Period

__all__ = ["CALENDAR_YEAR", "FiscalCalendar", "FiscalQuarter", "add_months", "month_end"]


def month_end(year: int, month: int) -> date:
    """The last day of a month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months.

    >>> add_months(2025, 11, 3)
    (2026, 2)
    """
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True, slots=True, order=True)
class FiscalQuarter:
    """Quarter ``quarter`` (1-4) of fiscal year ``year`` on some calendar."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise PeriodError(f"quarter must be 1 to 4, got {self.quarter}")

    def shift(self, quarters: int) -> FiscalQuarter:
        """The quarter ``quarters`` later (earlier if negative).

        >>> FiscalQuarter(2025, 4).shift(1)
        FiscalQuarter(year=2026, quarter=1)
        """
        index = self.year * 4 + (self.quarter - 1) + quarters
        return FiscalQuarter(index // 4, index % 4 + 1)


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """A fiscal calendar whose year ends on the last day of ``year_end_month``.

    >>> baba = FiscalCalendar(3)
    >>> baba.quarter(2026, 1)
    Period(start=datetime.date(2025, 4, 1), end=datetime.date(2025, 6, 30), label='FY2026 Q1')
    >>> baba.quarter_of(date(2025, 6, 30))
    FiscalQuarter(year=2026, quarter=1)
    >>> FiscalCalendar(6).year(2025)
    Period(start=datetime.date(2024, 7, 1), end=datetime.date(2025, 6, 30), label='FY2025')
    """

    year_end_month: int = 12

    def __post_init__(self) -> None:
        if not 1 <= self.year_end_month <= 12:
            raise PeriodError(f"fiscal year end month must be 1 to 12, got {self.year_end_month}")

    @property
    def is_calendar_year(self) -> bool:
        """Whether fiscal years coincide with calendar years."""
        return self.year_end_month == 12

    def year(self, fiscal_year: int) -> Period:
        """The whole fiscal year ``fiscal_year``."""
        start_y, start_m = add_months(fiscal_year, self.year_end_month, -11)
        return Period(
            date(start_y, start_m, 1),
            month_end(fiscal_year, self.year_end_month),
            f"FY{fiscal_year}",
        )

    def quarter(self, fiscal_year: int, quarter: int) -> Period:
        """Quarter ``quarter`` of fiscal year ``fiscal_year``."""
        FiscalQuarter(fiscal_year, quarter)  # validates the quarter number
        first_y, first_m = add_months(fiscal_year, self.year_end_month, -11 + 3 * (quarter - 1))
        last_y, last_m = add_months(first_y, first_m, 2)
        return Period(
            date(first_y, first_m, 1),
            month_end(last_y, last_m),
            f"FY{fiscal_year} Q{quarter}",
        )

    def half(self, fiscal_year: int, half: int) -> Period:
        """Half ``half`` (1 or 2) of fiscal year ``fiscal_year``."""
        if half not in (1, 2):
            raise PeriodError(f"half must be 1 or 2, got {half}")
        first = self.quarter(fiscal_year, 2 * half - 1)
        last = self.quarter(fiscal_year, 2 * half)
        return Period(first.start, last.end, f"FY{fiscal_year} H{half}")

    def fiscal_year_of(self, day: date) -> int:
        """The fiscal year that contains ``day``."""
        return day.year if day.month <= self.year_end_month else day.year + 1

    def quarter_of(self, day: date) -> FiscalQuarter:
        """The fiscal quarter that contains ``day``."""
        fy = self.fiscal_year_of(day)
        months_in = (day.year * 12 + day.month) - (fy * 12 + self.year_end_month - 12) - 1
        return FiscalQuarter(fy, months_in // 3 + 1)

    def quarter_period(self, fq: FiscalQuarter) -> Period:
        """The dates of a :class:`FiscalQuarter`."""
        return self.quarter(fq.year, fq.quarter)

    def label_for(self, start: date, end: date) -> str:
        """The fiscal label of a span if it is a fiscal quarter or year, else a date range.

        >>> FiscalCalendar(3).label_for(date(2025, 4, 1), date(2025, 6, 30))
        'FY2026 Q1'
        >>> FiscalCalendar(3).label_for(date(2025, 2, 24), date(2028, 2, 23))
        '2025-02-24..2028-02-23'
        """
        fq = self.quarter_of(end)
        q = self.quarter_period(fq)
        if q.start == start and q.end == end:
            return q.label
        y = self.year(fq.year)
        if y.start == start and y.end == end:
            return y.label
        for h in (1, 2):
            hp = self.half(fq.year, h)
            if hp.start == start and hp.end == end:
                return hp.label
        return f"{start.isoformat()}..{end.isoformat()}"

    def period(self, start: date, end: date) -> Period:
        """A :class:`Period` for the span, labelled on this calendar."""
        return Period(start, end, self.label_for(start, end))


CALENDAR_YEAR = FiscalCalendar(12)
