"""Tests of capexlens.periods: fiscal calendars and the one period parser."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capexlens.errors import PeriodError
from capexlens.models import Period
from capexlens.periods import (
    FiscalCalendar,
    FiscalQuarter,
    calendar_quarter_label,
    format_period,
    latest_reported_quarter,
    month_end,
    parse_period,
    quarters_between,
)

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"

BABA = FiscalCalendar(3)  # Alibaba: year ends 31 March
ORCL = FiscalCalendar(5)  # Oracle: year ends 31 May
MSFT = FiscalCalendar(6)  # Microsoft: year ends 30 June
GOOG = FiscalCalendar(12)  # Alphabet: calendar year
CALENDARS = {"BABA": BABA, "ORCL": ORCL, "MSFT": MSFT, "GOOG": GOOG}
ARTICLE_DAY = date(2025, 8, 29)  # the day of a real article on Alibaba's capex

D = date


def span(text: str, cal: FiscalCalendar, as_of: date | None = None) -> tuple[date, date, str]:
    p = parse_period(text, cal, as_of=as_of)
    return p.start, p.end, p.label


# --------------------------------------------------------------------------- known answers


def test_known_answers_from_filings() -> None:
    assert BABA.quarter(2026, 1) == Period(D(2025, 4, 1), D(2025, 6, 30), "FY2026 Q1")
    assert MSFT.quarter(2025, 4) == Period(D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q4")
    assert ORCL.quarter(2026, 1) == Period(D(2025, 6, 1), D(2025, 8, 31), "FY2026 Q1")
    assert ORCL.quarter(2024, 3).end == D(2024, 2, 29)  # a leap-year February
    assert GOOG.quarter(2025, 2) == Period(D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q2")


# Every spelling of fiscal Q1 2026, read on each calendar.
Q1_FY2026_FORMS = [
    "Q1 FY2026",
    "FY2026Q1",
    "FY2026 Q1",
    "FY26 Q1",
    "fy2026q1",
    "  q1   fy2026 ",
    "FY-2026-Q1",
    "Q1–FY26",
    "fiscal 2026 Q1",
    "fiscal Q1 2026",
    "Fiscal Year 2026 Q1",
    "first quarter of fiscal 2026",
    "the first quarter of fiscal year 2026",
    "first fiscal quarter of 2026",
    "fiscal first quarter 2026",
    "1Q26",
    "1Q FY26",
    "Q1 2026",
    "Q1'26",
    "1st quarter 2026",
]


@pytest.mark.parametrize("text", Q1_FY2026_FORMS)
@pytest.mark.parametrize("name", list(CALENDARS))
def test_fiscal_quarter_forms(text: str, name: str) -> None:
    cal = CALENDARS[name]
    assert parse_period(text, cal) == cal.quarter(2026, 1)


@pytest.mark.parametrize(
    ("text", "cal", "expected"),
    [
        ("Q1 FY2026", BABA, (D(2025, 4, 1), D(2025, 6, 30), "FY2026 Q1")),
        ("Q1 FY2026", ORCL, (D(2025, 6, 1), D(2025, 8, 31), "FY2026 Q1")),
        ("FY2025 Q4", MSFT, (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q4")),
        ("Q3 FY2024", ORCL, (D(2023, 12, 1), D(2024, 2, 29), "FY2024 Q3")),
        ("second quarter of fiscal year 2025", BABA, (D(2024, 7, 1), D(2024, 9, 30), "FY2025 Q2")),
        ("fiscal 2026 Q2", MSFT, (D(2025, 10, 1), D(2025, 12, 31), "FY2026 Q2")),
        # a plain "Q3 2025" is fiscal Q3 of FY2025 on the company's calendar
        ("Q3 2025", BABA, (D(2024, 10, 1), D(2024, 12, 31), "FY2025 Q3")),
        ("3Q25", MSFT, (D(2025, 1, 1), D(2025, 3, 31), "FY2025 Q3")),
        ("Q3'25", GOOG, (D(2025, 7, 1), D(2025, 9, 30), "FY2025 Q3")),
        ("2Q 2025", GOOG, (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q2")),
        ("2Q 2025", ORCL, (D(2024, 9, 1), D(2024, 11, 30), "FY2025 Q2")),
    ],
)
def test_fiscal_quarters_known(
    text: str, cal: FiscalCalendar, expected: tuple[date, date, str]
) -> None:
    assert span(text, cal) == expected


@pytest.mark.parametrize(
    "text", ["the June quarter 2025", "June quarter of 2025", "June 2025 quarter"]
)
def test_month_named_quarter(text: str) -> None:
    assert span(text, BABA) == (D(2025, 4, 1), D(2025, 6, 30), "FY2026 Q1")
    assert span(text, MSFT) == (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q4")
    assert span(text, GOOG) == (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q2")


def test_month_named_quarter_off_calendar_names_the_months() -> None:
    with pytest.raises(PeriodError, match=r"no fiscal quarter ends in June .* ends in May"):
        parse_period("the June quarter 2025", ORCL)
    # the calendar mismatch is reported even before the missing as_of
    with pytest.raises(PeriodError, match="ends in June"):
        parse_period("the June quarter", ORCL)
    assert span("August quarter 2025", ORCL) == (D(2025, 6, 1), D(2025, 8, 31), "FY2026 Q1")


@pytest.mark.parametrize("text", ["CY2025Q2", "CY2025 Q2", "calendar Q2 2025", "cy25 q2"])
def test_calendar_quarter_labelled_on_fiscal_calendar(text: str) -> None:
    assert span(text, BABA) == (D(2025, 4, 1), D(2025, 6, 30), "FY2026 Q1")
    assert span(text, MSFT) == (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q4")
    assert span(text, GOOG) == (D(2025, 4, 1), D(2025, 6, 30), "FY2025 Q2")
    # Oracle's quarters end in Feb/May/Aug/Nov: the span keeps a date label
    assert span(text, ORCL) == (D(2025, 4, 1), D(2025, 6, 30), "2025-04-01..2025-06-30")


def test_second_calendar_quarter_in_words() -> None:
    assert parse_period("second calendar quarter of 2025", BABA).label == "FY2026 Q1"


def test_calendar_year() -> None:
    assert span("CY2025", BABA) == (D(2025, 1, 1), D(2025, 12, 31), "2025-01-01..2025-12-31")
    assert span("calendar year 2025", GOOG) == (D(2025, 1, 1), D(2025, 12, 31), "FY2025")


@pytest.mark.parametrize("text", ["FY2025", "fiscal 2025", "fiscal year 2025", "FY25", "FY 2025"])
def test_fiscal_years(text: str) -> None:
    assert span(text, BABA) == (D(2024, 4, 1), D(2025, 3, 31), "FY2025")
    assert span(text, ORCL) == (D(2024, 6, 1), D(2025, 5, 31), "FY2025")
    assert span(text, MSFT) == (D(2024, 7, 1), D(2025, 6, 30), "FY2025")
    assert span(text, GOOG) == (D(2025, 1, 1), D(2025, 12, 31), "FY2025")


def test_bare_year_is_fiscal_year() -> None:
    assert parse_period("2024", BABA) == BABA.year(2024)
    assert parse_period("2024", GOOG) == GOOG.year(2024)


@pytest.mark.parametrize(
    "text", ["H1 FY2026", "FY2026H1", "FY2026 H1", "1H26", "first half of fiscal 2026"]
)
def test_fiscal_halves(text: str) -> None:
    assert span(text, BABA) == (D(2025, 4, 1), D(2025, 9, 30), "FY2026 H1")
    assert span(text, MSFT) == (D(2025, 7, 1), D(2025, 12, 31), "FY2026 H1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the quarter ended June 30, 2025", (D(2025, 4, 1), D(2025, 6, 30))),
        ("quarter ended 30 June 2025", (D(2025, 4, 1), D(2025, 6, 30))),
        ("three months ended 2025-06-30", (D(2025, 4, 1), D(2025, 6, 30))),
        ("Three-month period ended Jun. 30, 2025", (D(2025, 4, 1), D(2025, 6, 30))),
        ("quarter ending June 2025", (D(2025, 4, 1), D(2025, 6, 30))),
        ("the year ended March 31, 2025", (D(2024, 4, 1), D(2025, 3, 31))),
        ("fiscal year ended March 31st, 2025", (D(2024, 4, 1), D(2025, 3, 31))),
        ("six months to 30 September 2025", (D(2025, 4, 1), D(2025, 9, 30))),
        ("nine months ended December 31, 2024", (D(2024, 4, 1), D(2024, 12, 31))),
        ("2025-04-01..2025-06-30", (D(2025, 4, 1), D(2025, 6, 30))),
        ("2025-02-24 .. 2028-02-23", (D(2025, 2, 24), D(2028, 2, 23))),
        ("April 1, 2025 to June 30, 2025", (D(2025, 4, 1), D(2025, 6, 30))),
        ("2025-03-31", (D(2025, 3, 31), D(2025, 3, 31))),
        ("as of March 31, 2025", (D(2025, 3, 31), D(2025, 3, 31))),
    ],
)
def test_date_forms(text: str, expected: tuple[date, date]) -> None:
    p = parse_period(text, BABA)
    assert (p.start, p.end) == expected
    assert p.label == format_period(p, BABA)


def test_date_form_labels() -> None:
    assert parse_period("the year ended March 31, 2025", BABA).label == "FY2025"
    assert parse_period("quarter ended June 30, 2025", MSFT).label == "FY2025 Q4"
    assert parse_period("2025-02-24..2028-02-23", BABA).label == "2025-02-24..2028-02-23"
    assert parse_period("2025-03-31", BABA).label == "2025-03-31"


def test_quarter_ended_on_an_odd_day_keeps_three_months() -> None:
    # 52/53-week reporters end quarters on days such as 28 June
    p = parse_period("quarter ended June 28, 2025", GOOG)
    assert (p.start, p.end) == (D(2025, 3, 29), D(2025, 6, 28))


# --------------------------------------------------------------------------- relative forms


@pytest.mark.parametrize(
    "text",
    [
        "the past quarter",
        "last quarter",
        "the latest quarter",
        "most recent quarter",
        "over the past quarter",
    ],
)
def test_last_ended_quarter(text: str) -> None:
    assert span(text, BABA, ARTICLE_DAY) == (D(2025, 4, 1), D(2025, 6, 30), "FY2026 Q1")
    assert span(text, ORCL, ARTICLE_DAY) == (D(2025, 3, 1), D(2025, 5, 31), "FY2025 Q4")
    # a quarter that ends on as_of has ended
    assert parse_period(text, BABA, as_of=D(2025, 6, 30)).label == "FY2026 Q1"
    assert parse_period(text, BABA, as_of=D(2025, 6, 29)).label == "FY2025 Q4"


def test_reporting_lag() -> None:
    # Alibaba reported its June 2025 quarter on 29 August 2025
    assert latest_reported_quarter(BABA, D(2025, 7, 20)).label == "FY2026 Q1"
    assert latest_reported_quarter(BABA, D(2025, 7, 20), lag_days=60).label == "FY2025 Q4"
    assert latest_reported_quarter(BABA, D(2025, 8, 29), lag_days=60).label == "FY2026 Q1"
    p = parse_period("last quarter", BABA, as_of=D(2025, 7, 20), lag_days=60)
    assert p.label == "FY2025 Q4"


@pytest.mark.parametrize(
    "text",
    [
        "over the past four quarters",
        "the last twelve months",
        "trailing twelve months",
        "TTM",
        "past 4 quarters",
        "last 12 months",
        "the past year",
    ],
)
def test_trailing_four_quarters(text: str) -> None:
    assert span(text, BABA, ARTICLE_DAY) == (
        D(2024, 7, 1),
        D(2025, 6, 30),
        "2024-07-01..2025-06-30",
    )
    assert span(text, MSFT, ARTICLE_DAY) == (D(2024, 7, 1), D(2025, 6, 30), "FY2025")
    assert span(text, ORCL, ARTICLE_DAY) == (D(2024, 6, 1), D(2025, 5, 31), "FY2025")


def test_trailing_months_must_be_whole_quarters() -> None:
    assert span("past six months", MSFT, ARTICLE_DAY) == (
        D(2025, 1, 1),
        D(2025, 6, 30),
        "FY2025 H2",
    )
    with pytest.raises(PeriodError, match="5 months"):
        parse_period("past 5 months", MSFT, as_of=ARTICLE_DAY)


def test_next_three_years() -> None:
    p = parse_period("over the next three years", BABA, as_of=D(2025, 2, 24))
    assert (p.start, p.end, p.label) == (D(2025, 2, 24), D(2028, 2, 23), "2025-02-24..2028-02-23")


def test_next_quarters_follow_the_current_one() -> None:
    assert parse_period("next 2 quarters", BABA, as_of=ARTICLE_DAY).label == "FY2026 H2"
    assert parse_period("next quarter", BABA, as_of=ARTICLE_DAY).label == "FY2026 Q3"


@pytest.mark.parametrize(
    ("text", "baba", "msft"),
    [
        ("this quarter", "FY2026 Q2", "FY2026 Q1"),
        ("this year", "FY2026", "FY2026"),
        ("the current fiscal year", "FY2026", "FY2026"),
        ("last year", "FY2025", "FY2025"),
        ("last fiscal year", "FY2025", "FY2025"),
        ("next year", "FY2027", "FY2027"),
        ("next fiscal year", "FY2027", "FY2027"),
        ("the June quarter", "FY2026 Q1", "FY2025 Q4"),
        ("the March quarter", "FY2025 Q4", "FY2025 Q3"),
        ("Q2", "FY2025 Q2", "FY2025 Q2"),
        ("fiscal Q1", "FY2026 Q1", "FY2025 Q1"),
        ("H2", "FY2025 H2", "FY2025 H2"),
        ("calendar Q4", "FY2025 Q3", "FY2025 Q2"),
    ],
)
def test_relative_labels(text: str, baba: str, msft: str) -> None:
    assert parse_period(text, BABA, as_of=ARTICLE_DAY).label == baba
    assert parse_period(text, MSFT, as_of=ARTICLE_DAY).label == msft


@pytest.mark.parametrize(
    "text", ["the past quarter", "this year", "TTM", "the June quarter", "Q2", "next three years"]
)
def test_relative_without_as_of_says_what_is_needed(text: str) -> None:
    with pytest.raises(PeriodError, match="as_of"):
        parse_period(text, BABA)


def test_absolute_forms_ignore_as_of() -> None:
    assert parse_period("FY2026 Q1", BABA, as_of=D(2000, 1, 1)) == BABA.quarter(2026, 1)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text", ["", "blah", "Q5 2025", "H3 FY2025", "25", "FY2025 FY2026", "Q1 Q2 2025", "capex"]
)
def test_unreadable_text_is_quoted_with_examples(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text, BABA)
    assert repr(text) in str(info.value)
    assert "FY2026 Q1" in str(info.value)


def test_impossible_dates() -> None:
    with pytest.raises(PeriodError, match="2025-02-30"):
        parse_period("2025-02-30", BABA)
    with pytest.raises(PeriodError, match="ends before it starts"):
        parse_period("2025-06-30..2025-04-01", BABA)
    with pytest.raises(PeriodError, match="out of range"):
        parse_period("FY0001", BABA)


# --------------------------------------------------------------------------- helpers


def test_format_period_ignores_the_carried_label() -> None:
    assert format_period(Period(D(2025, 4, 1), D(2025, 9, 30), "whatever"), BABA) == "FY2026 H1"
    assert format_period(Period(D(2025, 4, 1), D(2025, 9, 30)), GOOG) == "2025-04-01..2025-09-30"


def test_calendar_quarter_label() -> None:
    assert calendar_quarter_label(BABA.quarter(2026, 1)) == "CY2025Q2"
    assert calendar_quarter_label(MSFT.quarter(2025, 4)) == "CY2025Q2"
    assert calendar_quarter_label(ORCL.quarter(2026, 1)) is None
    assert calendar_quarter_label(GOOG.year(2025)) is None


def test_quarters_between() -> None:
    got = quarters_between(MSFT, MSFT.quarter(2024, 3), parse_period("2025-06-30", MSFT))
    assert [p.label for p in got] == [
        "FY2024 Q3",
        "FY2024 Q4",
        "FY2025 Q1",
        "FY2025 Q2",
        "FY2025 Q3",
        "FY2025 Q4",
    ]
    assert quarters_between(BABA, BABA.quarter(2026, 1), BABA.quarter(2026, 1)) == [
        BABA.quarter(2026, 1)
    ]
    with pytest.raises(PeriodError, match="earlier period first"):
        quarters_between(BABA, BABA.year(2026), BABA.year(2025))


# --------------------------------------------------------------------------- real filings


def test_snowflake_filing_periods_match_sec_fiscal_labels() -> None:
    """Snowflake's fiscal year ends 31 January; each filing's own period (the latest
    span it reports for capex) must read back as the filing's fy/fp."""
    facts = json.loads((FIXTURES / "sec-companyfacts-snowflake.json").read_text())
    rows = facts["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"]
    by_filing: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_filing[str(row["accn"])].append(row)
    snow = FiscalCalendar(1)
    checked = 0
    for filing in by_filing.values():
        current = max(filing, key=lambda r: str(r["end"]))
        fy, fp = int(str(current["fy"])), str(current["fp"])
        if current["form"] == "10-Q" and fp == "FY":
            continue  # one 10-Q in the data carries fp=FY: a tagging slip of the filer
        p = parse_period(f"{current['start']}..{current['end']}", snow)
        if fp == "Q3":  # nine months year to date: no fiscal label, Q3's end
            assert (p.start, p.end) == (snow.year(fy).start, snow.quarter(fy, 3).end)
            assert p.label == f"{p.start}..{p.end}"
        else:  # cash flows are year to date: Q1 = 3 months, Q2 = first half, FY = year
            assert p.label == {"Q1": f"FY{fy} Q1", "Q2": f"FY{fy} H1", "FY": f"FY{fy}"}[fp]
        checked += 1
    assert checked == 18


# --------------------------------------------------------------------------- properties

year_end_months = st.integers(1, 12)
fiscal_years = st.integers(1950, 2150)
quarter_numbers = st.integers(1, 4)
days = st.dates(date(1950, 1, 1), date(2150, 12, 31))


@given(year_end_months, fiscal_years, quarter_numbers)
def test_quarter_label_parses_back(m: int, fy: int, q: int) -> None:
    cal = FiscalCalendar(m)
    p = cal.quarter(fy, q)
    assert parse_period(p.label, cal) == p
    yy = f"{fy % 100:02d}"
    if 1970 <= fy <= 2069:  # the two-digit window
        for text in (f"{q}Q{yy}", f"Q{q}'{yy}", f"FY{yy} Q{q}"):
            assert parse_period(text, cal) == p, text
    ordinal = ["first", "second", "third", "fourth"][q - 1]
    assert parse_period(f"the {ordinal} quarter of fiscal {fy}", cal) == p


@given(year_end_months, fiscal_years, quarter_numbers, st.integers(0, 91))
def test_quarter_of_any_day_in_the_quarter(m: int, fy: int, q: int, offset: int) -> None:
    cal = FiscalCalendar(m)
    p = cal.quarter(fy, q)
    day = min(p.start + timedelta(days=offset), p.end)
    assert cal.quarter_of(day) == FiscalQuarter(fy, q)
    assert cal.fiscal_year_of(day) == fy


@given(year_end_months, fiscal_years)
def test_four_quarters_tile_the_year(m: int, fy: int) -> None:
    cal = FiscalCalendar(m)
    quarters = [cal.quarter(fy, q) for q in range(1, 5)]
    year = cal.year(fy)
    assert quarters[0].start == year.start
    assert quarters[-1].end == year.end == month_end(fy, m)
    for before, after in itertools.pairwise(quarters):
        assert after.start == before.end + timedelta(days=1)
    assert sum(p.days for p in quarters) == year.days
    assert cal.half(fy, 1).end + timedelta(days=1) == cal.half(fy, 2).start


@given(year_end_months, fiscal_years, quarter_numbers, st.integers(-200, 200))
def test_shift_round_trips(m: int, fy: int, q: int, n: int) -> None:
    cal = FiscalCalendar(m)
    fq = FiscalQuarter(fy, q)
    assert fq.shift(n).shift(-n) == fq
    moved = cal.quarter_period(fq.shift(n))
    assert cal.quarter_period(fq.shift(n + 1)).start == moved.end + timedelta(days=1)
    first, last = sorted([cal.quarter_period(fq), moved])
    assert len(quarters_between(cal, first, last)) == abs(n) + 1


@given(year_end_months, fiscal_years, st.integers(1, 2))
def test_halves_and_years_round_trip(m: int, fy: int, h: int) -> None:
    cal = FiscalCalendar(m)
    for p in (cal.half(fy, h), cal.year(fy)):
        assert parse_period(format_period(p, cal), cal) == p


@given(year_end_months, days, st.integers(0, 2000))
def test_explicit_spans_round_trip(m: int, start: date, length: int) -> None:
    cal = FiscalCalendar(m)
    p = cal.period(start, start + timedelta(days=length))
    if length == 0:
        p = Period(start, start, start.isoformat())
    assert parse_period(format_period(p, cal), cal) == p
    assert parse_period(f"{p.start.isoformat()}..{p.end.isoformat()}", cal).same_span(p)


@given(year_end_months, st.integers(1950, 2150), quarter_numbers)
def test_calendar_quarters_are_three_calendar_months(m: int, year: int, q: int) -> None:
    cal = FiscalCalendar(m)
    for text in (f"CY{year}Q{q}", f"calendar Q{q} {year}", f"CY{year} Q{q}"):
        p = parse_period(text, cal)
        assert p.start == date(year, 3 * q - 2, 1)
        assert p.end == month_end(year, 3 * q)
        assert calendar_quarter_label(p) == f"CY{year}Q{q}"
        # it carries a fiscal label exactly when the fiscal quarters are calendar-aligned
        assert (p.label.startswith("FY")) == (m % 3 == 0)


@given(year_end_months, st.dates(date(1960, 1, 1), date(2140, 12, 31)), st.integers(0, 120))
def test_latest_reported_quarter_is_the_last_ended(m: int, as_of: date, lag: int) -> None:
    cal = FiscalCalendar(m)
    p = latest_reported_quarter(cal, as_of, lag_days=lag)
    cutoff = as_of - timedelta(days=lag)
    assert p.end <= cutoff
    following = cal.quarter_period(cal.quarter_of(p.end).shift(1))
    assert following.end > cutoff
    assert parse_period("last quarter", cal, as_of=as_of, lag_days=lag) == p
    ttm = parse_period("trailing twelve months", cal, as_of=as_of, lag_days=lag)
    assert ttm.end == p.end and len(quarters_between(cal, ttm, ttm)) == 4


@given(st.sampled_from([3, 6, 9, 12]), st.dates(date(1960, 1, 1), date(2140, 12, 31)))
def test_june_quarter_is_the_latest_june_quarter(m: int, as_of: date) -> None:
    cal = FiscalCalendar(m)
    p = parse_period("the June quarter", cal, as_of=as_of)
    assert p.end.month == 6 and p.end.day == 30 and p.end <= as_of
    assert month_end(p.end.year + 1, 6) > as_of  # no later June quarter has ended
    assert calendar_quarter_label(p) == f"CY{p.end.year}Q2"


def test_june_quarter_ending_on_as_of_counts() -> None:
    assert parse_period("the June quarter", BABA, as_of=D(2025, 6, 30)).label == "FY2026 Q1"
    assert parse_period("the June quarter", BABA, as_of=D(2025, 6, 29)).label == "FY2025 Q1"


@given(year_end_months, st.dates(date(1960, 1, 1), date(2140, 12, 31)), st.integers(1, 2))
def test_half_alone_is_the_latest_ended_half(m: int, as_of: date, h: int) -> None:
    cal = FiscalCalendar(m)
    p = parse_period(f"H{h}", cal, as_of=as_of)
    fy = cal.fiscal_year_of(p.end)
    assert p == cal.half(fy, h)
    assert p.end <= as_of < cal.half(fy + 1, h).end


@pytest.mark.parametrize(
    ("text", "cal", "label"),
    [
        ("Q3 last year", MSFT, "FY2024 Q3"),  # the fiscal year "last year" names, its Q3
        ("the third quarter of last year", GOOG, "FY2024 Q3"),
        ("the 4th quarter of this year", BABA, "FY2026 Q4"),
        ("Q1 next fiscal year", ORCL, "FY2026 Q1"),  # 1 May 2025 is in its FY2025
    ],
)
def test_a_quarter_of_a_relative_year(text: str, cal: FiscalCalendar, label: str) -> None:
    day = ARTICLE_DAY if cal is BABA else date(2025, 5, 1)
    assert parse_period(text, cal, as_of=day).label == label
