"""Fiscal calendars and period labels: the one period implementation of capexlens.

A company's fiscal year is named after the calendar year in which it ends (Alibaba's
FY2026 runs 1 April 2025 to 31 March 2026; Microsoft's FY2025 runs 1 July 2024 to
30 June 2025). Quarters are three calendar months each, counted from the first month
after the previous fiscal year end.

:func:`parse_period` reads every period phrase capexlens meets (curated CSVs, SEC
filings, article claims, CLI options) into a :class:`~capexlens.models.Period` whose
label is canonical (:func:`format_period`). Choices it makes, so callers need not guess:

- a year without ``FY``/``CY`` ("2024", "Q3 2025", "H1 2025") is a *fiscal* year on the
  company's calendar; for a calendar-year company that is the calendar year. ``CY``,
  ``calendar`` or a month name ("June quarter 2025") ask for calendar dates instead.
- a two-digit year ``yy`` is 20yy (19yy from 70 up).
- "last/past/latest quarter" is the last fiscal quarter that *ended* on or before
  ``as_of - lag_days`` (companies report weeks after quarter end: pass ``lag_days``
  to ask for the latest quarter already reported); "this quarter" contains ``as_of``.
- "past N quarters", "last twelve months", "TTM" and "the past year" span the last
  N (four) ended quarters; "past N years" spans the last 4N ended quarters.
- "next N years/months" runs from ``as_of`` for N years/months; "next N quarters" are the
  N fiscal quarters after the current one.
- "last year" / "next year" / "this year" are fiscal years relative to the one holding
  ``as_of``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from capexlens.errors import PeriodError
from capexlens.models import Period

__all__ = [
    "CALENDAR_YEAR",
    "FiscalCalendar",
    "FiscalQuarter",
    "add_months",
    "calendar_quarter_label",
    "format_period",
    "latest_reported_quarter",
    "month_end",
    "parse_period",
    "quarters_between",
]


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


# --------------------------------------------------------------------------- labels


def format_period(period: Period, calendar: FiscalCalendar) -> str:
    """The canonical label of a span on ``calendar``, whatever label it carries now.

    Fiscal quarters, halves and years get their fiscal label; a single day is its ISO
    date; any other span is ``YYYY-MM-DD..YYYY-MM-DD``. :func:`parse_period` reads each
    of these back to the same :class:`Period`.

    Examples
    --------
    >>> msft = FiscalCalendar(6)
    >>> format_period(Period(date(2025, 4, 1), date(2025, 6, 30)), msft)
    'FY2025 Q4'
    >>> format_period(Period(date(2025, 3, 31), date(2025, 3, 31)), msft)
    '2025-03-31'
    """
    if period.start == period.end:
        return period.start.isoformat()
    return calendar.label_for(period.start, period.end)


def calendar_quarter_label(period: Period) -> str | None:
    """``"CY2025Q2"`` when the span is exactly a calendar quarter, else ``None``.

    Peer views line companies up on calendar quarters whatever their fiscal years.

    Examples
    --------
    >>> calendar_quarter_label(FiscalCalendar(3).quarter(2026, 1))
    'CY2025Q2'
    >>> calendar_quarter_label(FiscalCalendar(5).quarter(2026, 1)) is None
    True
    """
    fq = CALENDAR_YEAR.quarter_of(period.end)
    if CALENDAR_YEAR.quarter_period(fq).same_span(period):
        return f"CY{fq.year}Q{fq.quarter}"
    return None


def quarters_between(
    calendar: FiscalCalendar, start_period: Period, end_period: Period
) -> list[Period]:
    """The fiscal quarters from the one holding ``start_period.start`` to the one holding
    ``end_period.end``, both included, oldest first.

    Examples
    --------
    >>> baba = FiscalCalendar(3)
    >>> [p.label for p in quarters_between(baba, baba.quarter(2025, 4), baba.year(2026))]
    ['FY2025 Q4', 'FY2026 Q1', 'FY2026 Q2', 'FY2026 Q3', 'FY2026 Q4']
    """
    first = calendar.quarter_of(start_period.start)
    last = calendar.quarter_of(end_period.end)
    if last < first:
        raise PeriodError(
            f"quarters_between: end period {end_period} ends before start period "
            f"{start_period} starts; pass the earlier period first"
        )
    count = (last.year * 4 + last.quarter) - (first.year * 4 + first.quarter) + 1
    return [calendar.quarter_period(first.shift(i)) for i in range(count)]


def latest_reported_quarter(calendar: FiscalCalendar, as_of: date, lag_days: int = 0) -> Period:
    """The last fiscal quarter that ended at least ``lag_days`` days before ``as_of``.

    With ``lag_days=0`` this is the last quarter that ended on or before ``as_of``. A lag
    of about 45 days approximates "the latest quarter the company has reported".

    Examples
    --------
    >>> baba = FiscalCalendar(3)
    >>> latest_reported_quarter(baba, date(2025, 8, 29)).label
    'FY2026 Q1'
    >>> latest_reported_quarter(baba, date(2025, 7, 15), lag_days=45).label
    'FY2025 Q4'
    """
    return calendar.quarter_period(_latest_quarter(calendar, as_of - timedelta(lag_days)))


def _latest_quarter(
    calendar: FiscalCalendar,
    cutoff: date,
    wanted: Callable[[FiscalQuarter], bool] = lambda fq: True,
) -> FiscalQuarter:
    """The last quarter ended on or before ``cutoff`` that is ``wanted``."""
    fq = calendar.quarter_of(cutoff)
    if calendar.quarter_period(fq).end > cutoff:
        fq = fq.shift(-1)
    while not wanted(fq):  # every wanted kind recurs within four quarters
        fq = fq.shift(-1)
    return fq


# --------------------------------------------------------------------------- parsing

_EXAMPLES = (
    "'FY2026 Q1', 'Q1 FY26', 'first quarter of fiscal 2026', '3Q25', 'CY2025Q2', 'FY2025', "
    "'H1 FY2026', 'June quarter 2025', 'quarter ended June 30, 2025', "
    "'2025-04-01..2025-06-30', '2025-03-31', 'last quarter' (with as_of)"
)
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBER_WORDS = {w: i + 1 for i, w in enumerate((*_WORDS, "eleven", "twelve"))}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4
}  # fmt: skip
_ORDINALS["4th"] = 4
_N = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(_MON + r" (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)? " + _MON + r",? (?P<y>\d{4})"),
    re.compile(_MON + r",? (?P<y>\d{4})"),  # a month alone: only after "ended"
)
_SPAN = re.compile(r"(?P<a>.+?)\s*(?:\.\.|\bto\b|\bthrough\b|\buntil\b|\s-\s)\s*(?P<b>.+)")
_ENDED = re.compile(r"(?P<unit>.+?) (?:ended|ending|end|to) (?:on )?(?P<date>.+)")
_UNIT_MONTHS = {"quarter": 3, "fiscal quarter": 3, "half year": 6, "half": 6, "fiscal half": 6}
_UNIT_MONTHS |= {"year": 12, "fiscal year": 12, "financial year": 12}
_FILLER = re.compile(r"^(?:(?:over|in|during|for|from|of|at|on|by|as of|as at|the)\s+)+")
_TOKEN = re.compile(
    r"\s*(?:(?P<qual>fy|cy)"
    r"|(?P<kind>[qh])\s*-?\s*(?P<number>\d)(?!\d)"
    r"|(?P<number2>\d)\s*(?P<kind2>[qh])"
    r"|mq(?P<month>\d{1,2})"
    r"|(?P<apos>')?(?P<year>\d{4}|\d{2})(?!\d))"
    r"\s*[-/,]?"
)
_LAST = r"(?:last|previous|prior)"
_NEXT = r"(?:next|coming|upcoming)"
_LATEST = (
    rf"(?:past|{_LAST}|latest|most recent|recent|just[- ]ended|(?:most recently|latest) reported)"
)
_RELATIVE = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("last_quarter", rf"{_LATEST}(?: fiscal)? quarter"),
        ("this_quarter", r"(?:this|current)(?: fiscal)? quarter"),
        ("next_quarter", rf"{_NEXT}(?: fiscal)? quarter"),
        ("trailing", rf"(?:past|trailing|{_LAST}) {_N} (?P<unit>quarter|month|year)s?"),
        ("trailing", r"ttm|ltm|past year|trailing year"),
        ("ahead", rf"{_NEXT} {_N} (?P<unit>year|month|quarter)s?"),
        ("this_year", r"(?:this|current) (?:fiscal year|year|fy)"),
        ("last_year", rf"{_LAST} (?:fiscal year|year|fy)|past (?:fiscal year|fy)"),
        ("next_year", rf"{_NEXT} (?:fiscal year|year|fy)"),
    )
)
_Span = tuple[date, date]
_QUARTER_OF_YEAR = re.compile(
    r"(?:q(?P<q>[1-4])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[ -](?:fiscal )?quarter)"
    r"(?: of)?(?: the)? (?P<rel>last|previous|prior|this|current|next) (?:fiscal year|year|fy)"
)
_YEAR_SHIFT = {"last": -1, "previous": -1, "prior": -1, "this": 0, "current": 0, "next": 1}


def parse_period(
    text: str, calendar: FiscalCalendar, *, as_of: date | None = None, lag_days: int = 0
) -> Period:
    """Read a period phrase into a :class:`Period` labelled on ``calendar``.

    Parameters
    ----------
    text
        A label or phrase: "FY2026 Q1", "Q3'25", "first quarter of fiscal 2026",
        "CY2025Q2", "H1 FY2026", "June quarter 2025", "the year ended March 31, 2025",
        "2025-04-01..2025-06-30", "2025-03-31", "the past quarter", ... (the module
        docstring says how ambiguous forms are read). Case, spaces and hyphens are loose.
    calendar
        The company's fiscal calendar.
    as_of
        The day the text speaks from; needed by relative phrases ("last quarter",
        "the June quarter" or "Q2" without a year) and ignored by the others.
    lag_days
        For phrases meaning the latest *ended* quarter: count only quarters that ended
        at least this many days before ``as_of`` (see :func:`latest_reported_quarter`).

    Raises
    ------
    PeriodError
        Unreadable text, a relative phrase without ``as_of``, or a month-named quarter
        that is no quarter on ``calendar``.

    Examples
    --------
    >>> baba = FiscalCalendar(3)
    >>> parse_period("the June quarter 2025", baba)
    Period(start=datetime.date(2025, 4, 1), end=datetime.date(2025, 6, 30), label='FY2026 Q1')
    >>> parse_period("CY2025", baba).label
    '2025-01-01..2025-12-31'
    >>> parse_period("the past quarter", baba, as_of=date(2025, 8, 29)).label
    'FY2026 Q1'
    """
    s = _normalize(text)
    for reader in (_read_dates, _read_relative, _read_fiscal):
        span = reader(s, text, calendar, as_of, lag_days)
        if span is not None:
            return Period(span[0], span[1], format_period(Period(*span), calendar))
    raise PeriodError(f"cannot read a period from {text!r}; accepted forms include {_EXAMPLES}")


def _normalize(text: str) -> str:
    s = text.translate(str.maketrans("–—‒−’‘\u00a0", "---''' ")).lower()
    s = re.sub(r"\s+", " ", s).strip(" .,;:()")
    return _FILLER.sub("", s)


def _need_as_of(as_of: date | None, text: str) -> date:
    if as_of is None:
        raise PeriodError(
            f"{text!r} is relative to a date: pass as_of= (the day the text was written) "
            "or give an absolute period such as 'FY2026 Q1'"
        )
    return as_of


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _shift_day(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day."""
    y, m = add_months(day.year, day.month, months)
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _read_date(s: str, text: str, allow_month: bool = False) -> date | None:
    for pattern in _DATES if allow_month else _DATES[:3]:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        g = m.groupdict()
        month = _MONTHS.index(g["mon"][:3]) + 1 if "mon" in g else int(g["m"])
        try:
            if "d" not in g:
                return month_end(int(g["y"]), month)
            return date(int(g["y"]), month, int(g["d"]))
        except ValueError as exc:
            raise PeriodError(f"{text!r} names no real day ({exc}); use YYYY-MM-DD") from exc
    return None


def _months_ending(end: date, months: int) -> _Span:
    """The ``months``-long span ending on ``end`` (whole months if ``end`` is a month end)."""
    if end == month_end(end.year, end.month):
        y, m = add_months(end.year, end.month, 1 - months)
        return date(y, m, 1), end
    # 52/53-week reporters end quarters on odd days: keep the span N months long
    return _shift_day(end, -months) + timedelta(days=1), end


def _read_dates(
    s: str, text: str, cal: FiscalCalendar, as_of: date | None, lag_days: int
) -> _Span | None:
    """Single days, explicit spans and "<quarter|year|N months> ended <date>"."""
    day = _read_date(s, text)
    if day is not None:
        return day, day
    span = _SPAN.fullmatch(s)
    if span is not None:
        first, last = _read_date(span["a"], text), _read_date(span["b"], text)
        if first is not None and last is not None:
            if last < first:
                raise PeriodError(f"{text!r} ends before it starts; write start..end")
            return first, last
    ended = _ENDED.fullmatch(s)
    if ended is None:
        return None
    unit = ended["unit"].removesuffix(" period").replace("-", " ")
    count = re.fullmatch(_N + r" months?", unit)
    months = _number(count["n"]) if count else _UNIT_MONTHS.get(unit)
    end = _read_date(ended["date"], text, allow_month=True)
    return None if months is None or end is None else _months_ending(end, months)


def _read_relative(
    s: str, text: str, cal: FiscalCalendar, as_of: date | None, lag_days: int
) -> _Span | None:
    """Phrases relative to ``as_of``: last quarter, TTM, next three years, this year, the
    third quarter of last year..."""
    named = _QUARTER_OF_YEAR.fullmatch(s)
    if named is not None:  # "Q3 last year": that quarter of the fiscal year "last year" is
        fy = cal.fiscal_year_of(_need_as_of(as_of, text)) + _YEAR_SHIFT[named["rel"]]
        number = int(named["q"]) if named["q"] else _ORDINALS[named["ord"]]
        return _quarter_span(cal, FiscalQuarter(fy, number))
    for kind, pattern in _RELATIVE:
        m = pattern.fullmatch(s)
        if m is not None:
            g = m.groupdict()
            n, unit = (_number(g["n"]), g["unit"]) if "n" in g else (1, "year")
            today = _need_as_of(as_of, text)
            return _relative_span(kind, n, unit, cal, today, today - timedelta(lag_days))
    return None


def _relative_span(
    kind: str, n: int, unit: str, cal: FiscalCalendar, today: date, cutoff: date
) -> _Span:
    current, fy = cal.quarter_of(today), cal.fiscal_year_of(today)
    if kind == "trailing":
        if unit == "month" and n % 3:
            raise PeriodError(f"the past {n} months are no whole quarters; use 3, 6, 9 or 12")
        quarters = {"quarter": n, "month": n // 3, "year": 4 * n}[unit]
        last = _latest_quarter(cal, cutoff)
        return _quarter_span(cal, last.shift(1 - quarters), last)
    if kind == "ahead" and unit != "quarter":
        return today, _shift_day(today, 12 * n if unit == "year" else n) - timedelta(days=1)
    spans: dict[str, Callable[[], _Span]] = {
        "last_quarter": lambda: _quarter_span(cal, _latest_quarter(cal, cutoff)),
        "this_quarter": lambda: _quarter_span(cal, current),
        "next_quarter": lambda: _quarter_span(cal, current.shift(1)),
        "ahead": lambda: _quarter_span(cal, current.shift(1), current.shift(n)),
        "this_year": lambda: _span(cal.year(fy)),
        "last_year": lambda: _span(cal.year(fy - 1)),
        "next_year": lambda: _span(cal.year(fy + 1)),
    }
    return spans[kind]()


def _span(period: Period) -> _Span:
    return period.start, period.end


def _quarter_span(
    cal: FiscalCalendar, first: FiscalQuarter, last: FiscalQuarter | None = None
) -> _Span:
    return cal.quarter_period(first).start, cal.quarter_period(last or first).end


def _rewrite(s: str) -> str:
    """Reduce words to the tokens of ``_TOKEN``: fy, cy, q1, h2, mq6 (a June quarter)."""
    s = re.sub(r"\b(?:fiscal|financial)(?: year)?\b", " fy ", s)
    s = re.sub(r"\bcalendar(?: year)?\b", " cy ", s)
    s = re.sub(
        r"\b(" + "|".join(_ORDINALS) + r")[\s-]+(?:(fy|cy)[\s-]+)?(quarter|half)\b",
        lambda m: f" {m[2] or ''} {m[3][0]}{_ORDINALS[m[1]]} ",
        s,
    )
    s = re.sub(r"\b(?:final|last|closing)[\s-]+quarter\s+of\b", " q4 ", s)
    s = re.sub(r"\b(?:of|the|in)\b", " ", s)
    return re.sub(
        r"\b" + _MON + r"[\s-]+(?P<yr>(?:'?\d{2}|\d{4})\s+)?quarter\b",
        lambda m: f" mq{_MONTHS.index(m['mon'][:3]) + 1} {m['yr'] or ''} ",
        s,
    ).strip()


def _tokens(s: str) -> dict[str, str] | None:
    """The fy/cy, q/h part, year and month tokens of ``s``, or None if anything else."""
    found: dict[str, str] = {}
    pos = 0
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if m is None or m.end() == pos:
            return None
        for key, value in m.groupdict().items():
            if value is None:
                continue
            if key.rstrip("2") in found:
                return None  # two years, two quarters...: not one period
            found[key.rstrip("2")] = value  # "3q" and "q3" fill the same slots
        pos = m.end()
    return found


def _read_fiscal(
    s: str, text: str, cal: FiscalCalendar, as_of: date | None, lag_days: int
) -> _Span | None:
    """Fiscal, calendar and month-named quarters, halves and years, with or without year."""
    t = _tokens(_rewrite(s))
    if not t or set(t) <= {"qual", "apos"}:
        return None
    kind, number, qual = t.get("kind", ""), int(t.get("number", "0")), t.get("qual", "")
    digits = t.get("year", "")
    if kind and ("month" in t or not 1 <= number <= (2 if kind == "h" else 4)):
        return None
    if len(digits) == 2 and not (kind or qual or "month" in t or "apos" in t):
        return None  # a bare "25" is no year
    # two-digit years are 20yy below 70, else 19yy
    year = int(digits or 0) if len(digits) != 2 else 1900 + int(digits) + 100 * (digits < "70")
    if digits and not 1900 <= year <= 2199:
        raise PeriodError(f"{text!r}: year {year} is out of range (1900-2199)")
    if "month" in t:
        return _month_quarter(cal, int(t["month"]), year, as_of, lag_days, text)
    base = CALENDAR_YEAR if qual == "cy" else cal
    if not kind:
        return _span(base.year(year))
    if not digits:  # "Q2" alone: the latest Q2 (or half) ended by the cutoff
        cutoff = _need_as_of(as_of, text) - timedelta(lag_days)
        last = number * (2 if kind == "h" else 1)
        year = _latest_quarter(base, cutoff, lambda fq: fq.quarter == last).year
    return _span(base.quarter(year, number) if kind == "q" else base.half(year, number))


def _month_quarter(
    cal: FiscalCalendar, month: int, year: int, as_of: date | None, lag_days: int, text: str
) -> _Span:
    """The fiscal quarter ending in ``month`` of ``year`` (0: the latest ended by as_of)."""
    if (month - cal.year_end_month) % 3:
        raise PeriodError(
            f"{text!r}: no fiscal quarter ends in {calendar.month_name[month]} on a calendar "
            f"whose year ends in {calendar.month_name[cal.year_end_month]}; name the quarter "
            "('FY2026 Q1') or the dates ('quarter ended June 30, 2025')"
        )
    if not year:
        cutoff = _need_as_of(as_of, text) - timedelta(lag_days)
        year = cutoff.year if month_end(cutoff.year, month) <= cutoff else cutoff.year - 1
    return _quarter_span(cal, cal.quarter_of(month_end(year, month)))
