"""Period phrases in article text, read on a company's fiscal calendar.

Private to :mod:`capexlens.claims.link`. Beyond :func:`capexlens.periods.parse_period`:
results-article phrasing ("June 2025 results", "the past quarter" = the latest reported
one, "(ended Aug. 31)" without a year) and a few phrases the extractor leaves out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date

from capexlens.amounts import NUMBER_WORDS
from capexlens.claims._chinese import chinese_phrases
from capexlens.claims._columns import column_phrases
from capexlens.claims._grammar import PLAN_VERB_RE
from capexlens.claims._names import Doc
from capexlens.claims._owners import LABEL_COLON, brackets, phrases_for, quarter_of_year
from capexlens.claims._period_forms import (
    ABOUT_THE_PLAN,
    KEY_VALUE,
    LIST_MARKS,
    THE_QUARTER,
    coming,
    numbering,
    other_company_near,
    peers_quarter,
    plan_said,
    plan_sentence,
    quarterly,
    respective_phrase,
    spent_base_year,
    year_earlier_quarters,
    year_to_date,
)
from capexlens.claims.extract import find_period_phrases
from capexlens.errors import CapexlensError
from capexlens.models import Claim, ClaimKind, Period
from capexlens.periods import (
    CALENDAR_YEAR,
    FiscalCalendar,
    calendar_quarter_label,
    latest_reported_quarter,
    parse_period,
)
from capexlens.registry import MARKET_ENTITY

__all__ = [
    "YEAR_AGO",
    "calendar_label",
    "is_relative",
    "link_period",
    "period_phrases",
    "read_period_phrase",
]


_RECENT_Q = re.compile(
    r"(?i)^(?:the\s+)?(?:past|last|latest|most\s+recent|recent|recently\s+completed|"
    r"just[- ]ended|reported)\s+(?:fiscal\s+)?quarter$"
)
_FIRST_MONTHS = re.compile(
    r"(?i)^(?:the\s+)?first\s+(?P<n>three|six|nine)\s+months\s+of\s+(?P<fiscal>fiscal\s+)?"
    r"(?P<y>(?:19|20)\d{2})$"
)
_MONTHS_OF = {"three": 1, "six": 2, "nine": 3}


def _first_months(m: re.Match[str], calendar: FiscalCalendar) -> Period:
    """ "the first three months of 2025": the calendar's first quarter(s) of that year when it
    says "fiscal", else January to March (June, September) of the calendar year."""
    quarters, year = _MONTHS_OF[m["n"].lower()], int(m["y"])
    if m["fiscal"]:
        first = calendar.quarter_period(calendar.quarter_of(calendar.year(year).start))
        last = calendar.quarter_period(calendar.quarter_of(first.end).shift(quarters - 1))
    else:
        first = calendar.quarter_period(calendar.quarter_of(date(year, 3, 31)))
        last = calendar.quarter_period(calendar.quarter_of(date(year, 3 * quarters, 28)))
    return first if quarters == 1 else calendar.period(first.start, last.end)


_SINCE_BEFORE = re.compile(
    r"(?i)\bsince\s+(?:the\s+)?(?:(?:early|late|mid-?|start\s+of|end\s+of)\s*)?$"
)
_FULL_YEAR = re.compile(r"(?i)^(?:the\s+)?(?:full|whole|entire)[- ](?:fiscal[- ])?year$")
_PRIOR_Q = re.compile(r"(?i)^(?:the\s+)?(?:previous|prior|preceding)\s+(?:fiscal\s+)?quarter$")
_NEXT_Q = re.compile(
    r"(?i)^(?:the\s+)?(?:this|current|next|coming|upcoming)\s+(?:fiscal\s+)?quarter$"
)
YEAR_AGO = re.compile(
    # "the same quarter" or "period" alone is the one just named ("in fiscal Q1 ... in the
    # same quarter"), not a year earlier
    r"(?i)same\s+(?:period|quarter)\s+(?:of\s+)?(?:last|a|the\s+previous)\s+year|year-ago|"
    r"a\s+year\s+(?:earlier|ago|before)|comparable\s+(?:period|quarter)|"
    r"(?:prior|previous|last)[- ]year(?:['’]s)?\s+(?:fiscal\s+)?(?:quarter|period)"
    r"|去年同期|上年同期"
)
_QUARTER_OF_THE_YEAR = re.compile(r"(?i)\bquarters?\s+(?:so\s+far\s+)?$")
_THIS_YEAR = re.compile(r"(?i)(?:this|the\s+current)\s+(?:fiscal\s+)?year$")
_THIS_Q = re.compile(r"(?i)(?:the\s+)?this\s+(?:fiscal\s+)?quarter")
_THAN_BEFORE = re.compile(r"(?i)\bthan\s+(?:in\s+|for\s+)?(?:the\s+)?$")
_BARE_QUARTER = re.compile(r"Q([1-4])")
_NAMED_YEAR = re.compile(r"(?:19|20)\d{2}|\bFY\s?\d{2}")
_TO_CLAIM = re.compile(r"\s+to\s+")  # "rose 22% from 2024 to $201 billion"
_PREVIOUS_YEAR = re.compile(r"(?i)^(?:the\s+)?(?:previous|prior|preceding|last)\s+year$")
_COMPARED_TO = re.compile(
    # "nearly double that of last year": the year compared with
    r"(?i)\b(?:from|than(?:\s+in|\s+for)?|over|on|off|versus|vs\.?|compared\s+(?:to|with)|"
    r"that\s+of|those\s+of)\s+(?:the\s+)?(?:(?:end|close|start|beginning)\s+of\s+(?:the\s+)?)?$"
)


def _base_last_year(claim: Claim, start: int, phrase: str) -> bool:
    """ "up from $84.7 billion last year": a base's "last year" is the year before the figure
    it is set against, not the year before the article."""
    return (
        bool({"from", "compared"} & set(claim.qualifiers))
        and start >= claim.span[1]
        and bool(_PREVIOUS_YEAR.match(phrase))
    )


def _compared_year(text: str, start: int, phrase: str) -> bool:
    """ "a 24% jump from the previous year": the year compared with, not the figure's."""
    return bool(_PREVIOUS_YEAR.match(phrase)) and bool(
        _COMPARED_TO.search(text, max(start - 20, 0), start)
    )


_MONTH_YEAR = re.compile(r"(?i)^(?P<m>[a-z]{3,9}\.?)\s+(?P<y>(?:19|20)\d{2})$")
_NO_YEAR_END = re.compile(r"(?i)(?:ended|ending|to|through)\s+(?P<d>[a-z]{3,9}\.?\s+\d{1,2})$")
_UNIT_BEFORE = re.compile(
    r"(?i)(?P<u>quarter|fiscal year|year|half year|three months|six months|nine months|"
    r"twelve months)\s+(?:ended|ending)\s+(?:on\s+|in\s+)?$"
)
# "at the end of June 2025", "as of June 30, 2025": a day a balance such as a backlog is
# measured on, which for a quarter's end names that quarter
_AT_END_BEFORE = re.compile(r"(?i)\b(?:as\s+(?:of|at)|(?:at|by)\s+(?:the\s+)?end\s+of)\s+$")
_DAY_YEAR = re.compile(r"(?i)^[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}$")
_RESULTS_AFTER = re.compile(r"(?i)^\W{0,3}(?:results|quarter|earnings|report)")


@functools.lru_cache(maxsize=4096)  # pure: a long article asks about each phrase often
def read_period_phrase(
    phrase: str,
    calendar: FiscalCalendar,
    *,
    as_of: date | None,
    reported: Period | None = None,
    after: str = "",
    before: str = "",
) -> Period | None:
    """The period a phrase names in an article, or ``None`` if it names none.

    Beyond :func:`~capexlens.periods.parse_period`: "June 2025 results" is the quarter ended
    June 2025; "the past quarter" is the latest *reported* quarter; "the upcoming quarter"
    the one after it; "(ended Aug. 31)" takes the year of the last Aug. 31 by ``as_of``;
    a day after "the year ended" (in ``before``) ends a span of that length.

    >>> baba = FiscalCalendar(3)
    >>> read_period_phrase("June 2025", baba, as_of=None, after=" results").label
    'FY2026 Q1'
    >>> read_period_phrase("past quarter", baba, as_of=date(2025, 8, 29)).label
    'FY2026 Q1'
    >>> read_period_phrase("past decade", baba, as_of=date(2025, 8, 29)) is None
    True
    """
    text = re.sub(r"\s+", " ", phrase.strip().rstrip(".,"))
    base = reported
    if base is None and as_of is not None:
        base = latest_reported_quarter(calendar, as_of)
    first = _FIRST_MONTHS.match(text)
    if first:
        return _first_months(first, calendar)
    if _FULL_YEAR.match(text):
        # "for the full fiscal year": the fiscal year of the quarter just reported
        if base is None:
            return None
        return calendar.year(calendar.quarter_of(base.end).year)
    if _RECENT_Q.match(text) or _PRIOR_Q.match(text) or _NEXT_Q.match(text):
        if base is None:
            return None
        shift = -1 if _PRIOR_Q.match(text) else (1 if _NEXT_Q.match(text) else 0)
        return calendar.quarter_period(calendar.quarter_of(base.end).shift(shift))
    unit = _UNIT_BEFORE.search(before)
    if unit is not None and not re.match(r"(?i)(?:three|six|nine|twelve|\d)", text):
        text = f"{unit['u']} ended {text}"
    month = _MONTH_YEAR.match(text)
    if month and _RESULTS_AFTER.match(after):
        text = f"quarter ended {month['m']} {month['y']}"
    elif _AT_END_BEFORE.search(before) and (month or _DAY_YEAR.match(text)):
        ended = _quarter_ended(text, calendar)
        if ended is not None:
            return ended
    no_year = _NO_YEAR_END.search(text)
    if no_year and as_of is not None:
        text = _with_year(text, no_year["d"], as_of)
    try:
        period = parse_period(text, calendar, as_of=as_of)
    except CapexlensError:
        return None
    if period.start == period.end:
        return None  # a day is no span a flow figure covers
    return period


def _quarter_ended(text: str, calendar: FiscalCalendar) -> Period | None:
    """The fiscal quarter ending on the day or in the month ``text`` names ("backlog at the
    end of June 2025", "RPO as of June 30, 2025"), or None if no quarter ends then.

    >>> cal = FiscalCalendar(12)
    >>> _quarter_ended("June 30, 2025", cal).label, _quarter_ended("July 2025", cal)
    ('FY2025 Q2', None)
    """
    try:
        period = parse_period(f"quarter ended {text}", calendar)
    except CapexlensError:
        return None
    quarter = calendar.quarter_period(calendar.quarter_of(period.end))
    return quarter if quarter == period else None


def _with_year(text: str, day_text: str, as_of: date) -> str:
    """``text`` with the year of the last ``day_text`` ("Aug. 31") on or before ``as_of``."""
    for year in (as_of.year, as_of.year - 1):
        try:
            day = parse_period(f"{day_text} {year}", CALENDAR_YEAR).end
        except CapexlensError:
            return text
        if day <= as_of:
            return f"{text} {year}"
    return text


_MORE_PHRASES = re.compile(
    r"(?i)\b(?:this|the current|next|last|the previous) (?:financial|fiscal) year\b"
    r"|\bfor the (?:full )?year\b"
    r"|(?-i:\b(?:TTM|LTM)\b)"  # "TTM operating cash flow $130.7bn": the trailing four quarters
    r"|\bthe quarter (?:before|earlier)\b"  # "up from $34.9 billion the quarter before"
)


_LAST_YEAR = re.compile(r"(?i)(?:last|previous|prior|the\s+past)\s+(?:fiscal\s+)?year")


def _held_by_other(doc: Doc, claim: Claim, start: int) -> bool:
    """Whether the phrase at ``start``, in a clause after the claim's, is of another figure
    in its own clause ("..., and Amazon spent $83 billion on capex last year")."""
    _, b = doc.sentence(claim.span[0])
    return any(
        c.span != claim.span and doc.clause(c)[0] <= start < doc.clause(c)[1]
        for c in doc.claims_in(claim.span[1], b)
    )


def period_phrases(text: str) -> list[tuple[int, int, str]]:
    """Period phrases of the extractor, and a few it leaves out ("this financial year";
    "2025年第一季度", read as "Q1 2025")."""
    found = chinese_phrases(text, find_period_phrases(text))
    taken = [(a, b) for a, b, _ in found]
    for m in _MORE_PHRASES.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            phrase = m.group().lower().replace("financial", "fiscal")
            # "for the year": the fiscal year of the quarter spoken of (see _FULL_YEAR)
            phrase = re.sub(r"^for the (?:full )?year$", "full year", phrase)
            phrase = re.sub(r"^the quarter (?:before|earlier)$", "previous quarter", phrase)
            found.append((m.start(), m.end(), phrase.removeprefix("the ")))
    return year_earlier_quarters(sorted(found), text)


def calendar_label(period: Period) -> Period:
    """A calendar span labelled "CY2025 Q1" / "CY2025", never with a fiscal-looking label."""
    q = calendar_quarter_label(period)
    if q is not None:
        return Period(period.start, period.end, q.replace("Q", " Q"))
    if period.label.startswith("FY"):
        return Period(period.start, period.end, "CY" + period.label[2:])
    return period


def is_relative(phrase: str) -> bool:
    return bool(
        re.search(
            r"(?i)\b(?:past|last|latest|this|next|current|previous|prior|"
            r"upcoming|coming|recent)\b",
            phrase,
        )
    )


# --- the period of a claim -----------------------------------------------------------


def _calendar(doc: Doc, entity: str, metric: str | None) -> FiscalCalendar:
    if (metric and metric.startswith("market")) or entity == MARKET_ENTITY:
        return CALENDAR_YEAR
    try:
        return doc.registry.calendar(entity)
    except CapexlensError:
        return CALENDAR_YEAR


def link_period(
    doc: Doc, claim: Claim, entity: str, metric: str | None, quals: list[str]
) -> Period | None:
    """The claim's period: its own phrase, a sentence-wide phrase, or the default quarter."""
    cal = _calendar(doc, entity, metric)
    reported = doc.reported.get(entity)
    if reported is not None and cal is CALENDAR_YEAR and entity != MARKET_ENTITY:
        reported = None
    if "from" in claim.qualifiers or "compared" in claim.qualifiers:
        quals.append("prior")
    column = _column_period(doc, claim, cal, reported)
    if column is not None:
        quals += ["period:explicit", "period:own"]  # "| Q4 FY24 | Q4 FY25 |" over the cell
        return calendar_label(column) if cal is CALENDAR_YEAR else column
    if _QUARTER_NOUN.match(doc.text, claim.span[1]) and (reported or doc.as_of):
        # "logged a record near-$35 billion quarter of capital spending ... as outlays
        # accelerate next fiscal year", "$3B for the quarter and 51% for the year": the
        # quarter reported
        quals.append("period:explicit")
        last = reported or latest_reported_quarter(cal, doc.as_of or date.min)
        return calendar_label(last) if cal is CALENDAR_YEAR else last
    own, shared = quarter_of_year(doc, *phrases_for(doc, claim))
    if "entity:at" in quals:
        shared = []  # "$34.2 billion at Amazon" in a sentence on Microsoft's quarter
    if not own:
        # "raised its capex plan to $85 billion, while Microsoft guided to more than $30
        # billion for the September quarter": another company's quarter is not the plan's
        shared = [p for p in shared if not other_company_near(doc, entity, claim, p[0])]
    ytd = year_to_date(doc, claim, cal, reported)
    if ytd is not None:  # "bringing total spend to $89.9 billion in 2025"
        quals += ["period:explicit", "period:ytd"]
        return ytd
    yearly = _year_of_series(doc, claim, cal)
    if yearly is not None:  # "$32 billion, $73 billion ... over the subsequent four years"
        quals += ["period:explicit", "period:series"]
        return calendar_label(yearly) if cal is CALENDAR_YEAR else yearly
    respective = respective_phrase(doc, claim)
    if respective is not None:  # "X and Y in Q4 last year and Q1 this year, respectively"
        own, shared = [respective], []
    base_of_growth: Period | None = None
    lo, hi = doc.clause(claim)
    # "capex hit $24.2 billion for the quarter, and ... more than $30 billion in the current
    # quarter": "the quarter" of its own clause is the one reported, not the other clause's
    this_quarter = THE_QUARTER.search(doc.text, lo, hi) is not None
    sent = doc.sentence(claim.span[0])
    for start, end, phrase in own + shared:
        if _SINCE_BEFORE.search(doc.text, max(start - 24, 0), start):
            continue  # "the lowest since Q2 2024": a comparison, not the figure's period
        if phrase in ("ttm", "ltm") and not (
            (start, end, phrase) in own
            or (end <= claim.span[0] and not doc.claims_in(end, claim.span[0]))
        ):
            continue  # "Azure +40%, Operating cash flow TTM +12%": the TTM item's alone
        if _DESCRIBED_AFTER.match(doc.text, end):
            continue  # "the first quarter in the FY26 sequence in which ...": no date
        if _QUARTER_OF_THE_YEAR.search(doc.text, max(start - 12, 0), start) and _THIS_YEAR.match(
            phrase
        ):
            continue  # "its best quarter this year": a quarter ranked, not the year's figure
        if start > claim.span[1] and _ING_TAIL.search(doc.text, claim.span[1], start):
            continue  # "expanded to 42% after cutting 21,000 jobs in 2023": the cuts' year
        if any(x <= start < y and doc.text[x] != "(" for x, y in doc.asides(*sent, claim)):
            continue  # "..., helped by cost cuts made over the past year": the cuts' period
        if (
            start >= hi
            and _LAST_YEAR.fullmatch(phrase.strip())
            and _held_by_other(doc, claim, start)
        ):
            continue  # "AWS rose 20% ..., and Amazon spent $83 billion last year": the other's
        if this_quarter and (
            not lo <= start < hi or any(x <= start < y for x, y in doc.asides(lo, hi, claim))
        ):
            continue  # "... during the quarter, with plans to invest $75 billion this year"
        if (
            _PRIOR_Q.match(phrase.strip())
            and _COMPARED_TO.search(doc.text, max(start - 20, 0), start)
            and not _POSSESSIVE_GAP.fullmatch(doc.text, end, claim.span[0])
        ):
            continue  # "a slowdown from the previous quarter": compared with, not its own
        if (
            (claim.kind is ClaimKind.GROWTH or _TO_CLAIM.fullmatch(doc.text, end, claim.span[0]))
            and _NAMED_YEAR.search(phrase)  # "from the previous year" names no base period
            and _COMPARED_TO.search(doc.text, max(start - 20, 0), start)
        ):
            # "up 84% from 2024": the period compared with; the growth is of the one after,
            # unless the sentence names that one too
            if base_of_growth is None:
                base_of_growth = _after_base(phrase, cal, doc, claim)
            continue
        if (
            claim.kind is not ClaimKind.GROWTH
            and _NAMED_YEAR.search(phrase)
            and _THAN_BEFORE.search(doc.text, max(start - 12, 0), start)
        ):
            continue  # "$75 billion, which is 42% more than in 2024": the year compared with
        if _base_last_year(claim, start, phrase):
            quals.append("base:last-year")
        if (
            YEAR_AGO.search(phrase)
            or _compared_year(doc.text, start, phrase)
            or _base_last_year(claim, start, phrase)
        ):
            # "the 8.7 billion yuan of the same period last year" is a comparison base;
            # "up 2% from a year earlier" only says what the growth compares, as "to $62.4
            # billion compared to the previous year" says what the level is compared with
            if (
                (start, end, phrase) in own
                and claim.kind is not ClaimKind.GROWTH
                and not (start > claim.span[1] and _compared_year(doc.text, start, phrase))
            ):
                quals.append("prior")
            continue
        if _base_phrase(doc, claim, start, phrase, (start, end, phrase) in own):
            bare = _BARE_QUARTER.fullmatch(phrase.strip())
            if bare and claim.kind is ClaimKind.GROWTH and (start, end, phrase) in own:
                quals.append(f"base:q{bare.group(1)}")  # "up 7% from Q2": of the quarter after
            continue  # "rose 34%, accelerating off Q2's +32%": the period compared with
        if (
            _THIS_Q.fullmatch(phrase.strip())
            and "_guidance" not in (metric or "")
            and "guidance" not in claim.qualifiers
            # "forecasts $30 billion this quarter": the quarter under way
            and not PLAN_VERB_RE.search(doc.text, doc.clause(claim)[0], claim.span[0])
            and (reported is not None or doc.as_of is not None)
        ):
            # "32% this quarter" in a results story: the quarter reported, not the calendar's
            quals.append("period:explicit")
            if (start, end, phrase) in own:
                quals.append("period:own")
            last = reported or latest_reported_quarter(cal, doc.as_of or date.min)
            return calendar_label(last) if cal is CALENDAR_YEAR else last
        base = reported
        if _FULL_YEAR.match(phrase.strip()):
            # "for the full fiscal year" after "the quarter ended June 30, 2025": its year;
            # "fiscal 2025 ended March 31, 2025: ..., dividends declared for the year"
            a, _ = doc.sentence(claim.span[0])
            base = _named_before(doc, a, start, cal) or _year_base(doc, a, cal, reported, 4, entity)
        period = read_period_phrase(
            phrase,
            cal,
            as_of=doc.as_of,
            reported=base,
            after=doc.text[end : end + 12],
            before=doc.text[max(start - 40, 0) : start],
        )
        if period is not None:
            # a capex range is a plan; so is any figure said with a plan verb ("Meta
            # forecast third-quarter revenue of $47.5-50.5 billion")
            plan = (metric == "capex" and claim.value_high is not None) or bool(
                PLAN_VERB_RE.search(doc.text, doc.clause(claim)[0], claim.span[0])
            )
            period = coming(period, phrase, cal, doc.as_of, "capex_guidance" if plan else metric)
            period = spent_base_year(doc, claim, period, cal, (start, end, phrase) in own)
            if (
                plan
                and _THE_YEAR.fullmatch(phrase.strip())
                and doc.as_of
                and period.end < doc.as_of
            ):
                # "expects capital expenditures for the year to be $115-135 billion" in January:
                # a plan is for the year under way, not the one just reported
                period = cal.year(cal.quarter_of(doc.as_of).year)
            if period.days > 360 and quarterly(doc, claim):
                # "closed its fiscal year 2025 with $76.4 billion in quarterly revenue"
                period = cal.quarter_period(cal.quarter_of(period.end))
                quals.append("period:year-end-quarter")
            quals.append("period:explicit")
            if not cal.is_calendar_year:
                named = numbering(doc.text, start, phrase) or peers_quarter(
                    doc, claim, start, phrase
                )
                if named:  # "Q3 2024" may be the calendar quarter; "fiscal Q3" is not
                    quals.append(f"period:{named}")
            if (start, end, phrase) in own:
                quals.append("period:own")  # said of this figure, not of its sentence
            return calendar_label(period) if cal is CALENDAR_YEAR else period
        if doc.as_of is None and is_relative(phrase):
            quals.append("period:undated")
            return None
    if base_of_growth is not None:
        quals.append("period:explicit")
        return calendar_label(base_of_growth) if cal is CALENDAR_YEAR else base_of_growth
    # "quarterly revenue of $76.4bn. Full-year ...", "against $13 billion a year ago, and the
    # full-year outlook ...": another sentence's or clause's year, not this figure's
    a, b = doc.clause(claim)
    near = doc.text[max(claim.span[0] - 30, a) : min(claim.span[1] + 30, b)]
    # "annual" of a run rate is the quarter's pace annualised, not a fiscal year
    if (
        metric != "segment_revenue_run_rate"
        and re.search(r"(?i)\bannual\b|\bfull[- ]year\b", near)
        and (doc.as_of is not None or reported is not None)
    ):
        last = reported or latest_reported_quarter(cal, doc.as_of or date.min)
        quals.append("period:explicit")
        return cal.year(cal.quarter_of(last.end).year)
    if reported is None and doc.as_of is None:
        quals.append("period:undated")
        return None
    if doc.as_of is not None and not own and not shared and plan_said(doc, claim, metric):
        # "The company plans to nearly double its capex to $175-185 billion": a plan with
        # no period of its own is for the year under way, not the quarter just reported
        quals.append("period:plan-year")
        year = cal.year(cal.quarter_of(doc.as_of).year)
        return calendar_label(year) if cal is CALENDAR_YEAR else year
    before = _period_before(doc, claim, entity, cal, reported)
    if before is not None:
        quals.append("period:carried")
        return calendar_label(before) if cal is CALENDAR_YEAR else before
    if reported is not None and _in_context(doc, claim, cal, reported):
        quals.append("period:context")
        return reported
    quals.append("period:implicit")
    if reported is None:
        assert doc.as_of is not None
        reported = latest_reported_quarter(cal, doc.as_of)
    return calendar_label(reported) if cal is CALENDAR_YEAR else reported


# narrower than _COMPARED_TO: "over the past quarter", "on the quarter" date the figure
_DESCRIBED_AFTER = re.compile(
    r"(?i)\s+(?:(?:in|of)\s+(?:the|a|its|this)\s+(?:\S+\s+){0,2}?(?:sequence|series|streak|row|"
    r"string)\b|in\s+which\b|where\b)|\s+(?:sequence|series|streak)\b"
)
_BASE_BEFORE = re.compile(
    r"(?i)\b(?:from|than|off|versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to|after|"
    r"following)\s+"
    r"(?:the\s+)?(?:(?:end|close|start|beginning)\s+of\s+(?:the\s+|its\s+)?)?$"
)


def _base_phrase(doc: Doc, claim: Claim, start: int, phrase: str, own: bool) -> bool:
    """Whether a phrase after "from", "vs." or "off" dates a comparison base and not this
    figure: it does unless it is the figure's own and comes before it ("off Q2's +32%")."""
    if not _BASE_BEFORE.search(doc.text, max(start - 20, 0), start):
        return False
    if _POSSESSIVE_GAP.fullmatch(doc.text, start + len(phrase), claim.span[0]):
        return False  # "slower than the previous quarter's 7 per cent growth": its own
    return not own or start > claim.span[0]


_POSSESSIVE_GAP = re.compile(r"['’]s\s+")
# an action told after the figure: "after cutting", "following a move", "since raising"
_ING_TAIL = re.compile(r"(?i)\b(?:after|following|since)\s+[a-z]+ing\b[^.;]*$")


_SERIES_AFTER = re.compile(
    r"(?i)\s*(?:in\s+(?:the\s+)?|over\s+the\s+|for\s+the\s+)(?:subsequent|next|following|"
    r"coming)\s+(?P<n>\d|two|three|four|five|six|seven|eight|nine|ten)\s+(?:fiscal\s+)?years\b"
)
_LIST_GAP = re.compile(r"\s*,?\s*(?:and\s+|then\s+)?")


def _year_of_series(doc: Doc, claim: Claim, cal: FiscalCalendar) -> Period | None:
    """The year of the i-th figure of a list said "over the subsequent four years": the
    i-th year after the year the sentence names before the list ("grow to $18 billion
    this fiscal year, and then to $32 billion, $73 billion, $114 billion and $144 billion
    over the subsequent four years"), if the list has as many figures as years."""
    a, b = doc.sentence(claim.span[0])
    mates = [c for c in doc.claims_in(a, b) if c.unit == claim.unit and c.kind is claim.kind]
    at = next((i for i, c in enumerate(mates) if c.span == claim.span), None)
    if at is None:
        return None
    lo = hi = at  # the run of figures, one list, around the claim
    while lo > 0 and _LIST_GAP.fullmatch(doc.text, mates[lo - 1].span[1], mates[lo].span[0]):
        lo -= 1
    while hi + 1 < len(mates) and _LIST_GAP.fullmatch(
        doc.text, mates[hi].span[1], mates[hi + 1].span[0]
    ):
        hi += 1
    series = _SERIES_AFTER.match(doc.text, mates[hi].span[1])
    if series is None:
        return None
    n = series.group("n").lower()
    count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 0)
    if count != hi - lo + 1 or count < 2:
        return None
    base = None
    for _, end, phrase in doc.phrases_in(a, mates[lo].span[0]):
        read = read_period_phrase(phrase, cal, as_of=doc.as_of, after=doc.text[end : end + 12])
        if read is not None and read.days > 360:
            base = read
    if base is None:
        return None
    return cal.year(cal.quarter_of(base.end).year + at - lo + 1)


def _after_base(phrase: str, cal: FiscalCalendar, doc: Doc, claim: Claim) -> Period | None:
    """The period a growth measured from ``phrase`` is of: the year after a year; for a
    quarter, the next one if the growth is quarter on quarter, else the same quarter a year
    on (None if the phrase reads as no period)."""
    base = read_period_phrase(phrase, cal, as_of=doc.as_of, reported=None)
    if base is None:
        return None
    fq = cal.quarter_of(base.end)
    if base.days >= 360:
        return cal.year(fq.year + 1)
    if base.days > 95:
        return None  # a half or nine months: too rare to guess the step
    return cal.quarter_period(fq.shift(1 if "qoq" in claim.qualifiers else 4))


_QUARTER_WORD = re.compile(r"(?i)\bquarter(?:ly|s)?\b|\bQ[1-4]\b")


def _period_before(
    doc: Doc, claim: Claim, entity: str, cal: FiscalCalendar, reported: Period | None
) -> Period | None:
    """The period the paragraph spoke of just before the claim's sentence, when the nearest
    earlier sentence naming a period names that one alone ("For the full fiscal year,
    revenue was ... . Diluted EPS was $13.64."; a table under "| Alphabet, Q2 2025 |"):
    a figure without a period of its own goes on with it. Comparison bases ("compared
    with Q2 2024", "(Q2 2024: 9.9%)") name no period the paragraph is about."""
    a, b = doc.sentence(claim.span[0])
    found = _said_before(doc, a, cal, reported, 4, entity)
    if found is not None and found.days >= 360 and _QUARTER_WORD.search(doc.text, a, b):
        return None  # "quarterly EPS was $3.65" is not the year's
    return found


def _said_before(
    doc: Doc, a: int, cal: FiscalCalendar, reported: Period | None, reach: int, entity: str
) -> Period | None:
    """:func:`_period_before` of the sentence starting at ``a``, looking ``reach`` back; a
    sentence about another company ends the search (its period is on its own calendar)."""
    key = (a, entity, cal, reported, reach)
    if key not in doc.said_before:
        doc.said_before[key] = _walk_back(doc, a, cal, reported, reach, entity)
    return doc.said_before[key]


def _walk_back(
    doc: Doc, a: int, cal: FiscalCalendar, reported: Period | None, reach: int, entity: str
) -> Period | None:
    i = doc.sentence_index(a) - 1
    floor = a
    in_list = False
    for j in range(i, max(i - reach, -1), -1):
        pa, pb = doc.sentences[j]
        if "\n\n" in doc.text[pb:floor]:
            return None  # another paragraph
        floor = pa
        named = {m.entity for m in doc.mentions_in(pa, pb) if m.entity and not m.generic}
        if named and entity not in named:
            return None
        if (
            PLAN_VERB_RE.search(doc.text, pa, pb)
            and doc.phrases_in(pa, pb)
            and not plan_sentence(doc, i + 1)
        ):
            # "expects fourth-quarter revenue of ...": a plan's period, not the results'
            # after it (but the next plan's: "Operating income is anticipated to be")
            return None
        read = []
        mates = doc.claims_in(pa, pb)
        for start, end, phrase in doc.phrases_in(pa, pb):
            if _aside_phrase(doc.text, start, end, phrase, pa) or _of_a_base(mates, start, end):
                continue
            base = reported
            if _FULL_YEAR.match(phrase.strip()) and reach > 1:
                base = _year_base(doc, pa, cal, reported, reach - 1, entity)
            read.append(
                read_period_phrase(
                    phrase, cal, as_of=doc.as_of, reported=base,
                    after=doc.text[end : end + 12], before=doc.text[max(start - 40, pa) : start],
                )
            )  # fmt: skip
        if any(
            p is not None and doc.as_of is not None and p.end > doc.as_of for p in read
        ) and not plan_sentence(doc, i + 1):
            return None  # "guidance for the next quarter" dates a plan, not the paragraph
        if not read:
            # a sentence of figures that names no period speaks of the default one, and
            # ends the paragraph's run (a table row under its header does not, nor a
            # bullet under "FY2024 Financial Highlights:")
            line = doc.text[pa:pb].lstrip()
            if ABOUT_THE_PLAN.match(line):
                continue  # "This forecast accounts for about 90 basis points of currency"
            listed = line.startswith(LIST_MARKS) or KEY_VALUE.match(line)
            if mates and not listed:
                return None
            in_list = in_list or (bool(mates) and not line.startswith("|"))
            continue
        if in_list and not doc.text[pa:pb].rstrip().endswith(":") and mates:
            # bullets of figures carry only the period of the list's header: a line ending
            # in ":" or one with no figure of its own ("Full Year FY24 Results")
            return None
        # a day that names no period of its own ("the year to June 30, 2025") says nothing
        known = [p for p in read if p is not None]
        return known[0] if known and all(p == known[0] for p in known) else None
    return None


def _of_a_base(mates: Sequence[Claim], start: int, end: int) -> bool:
    """Whether the figure nearest a phrase is a comparison base ("from $148.0 billion in Q2
    2024"): then the phrase dates the base, not what the paragraph is about."""
    if not mates:
        return False
    near = min(mates, key=lambda c: max(c.span[0] - end, start - c.span[1], 0))
    return bool({"from", "compared"} & set(near.qualifiers))


def _column_period(
    doc: Doc, claim: Claim, cal: FiscalCalendar, reported: Period | None
) -> Period | None:
    """The period the table column over the claim's cell names (the latest, for a change
    column), if the claim stands in a table whose header dates it."""
    read = (
        read_period_phrase(phrase, cal, as_of=doc.as_of, reported=reported)
        for phrase in column_phrases(doc, claim)
    )
    known = [p for p in read if p is not None]
    return max(known, key=lambda p: p.end) if known else None


def _named_before(doc: Doc, a: int, start: int, cal: FiscalCalendar) -> Period | None:
    """The last quarter of the period the sentence named before ``start`` (its last
    phrase that reads as one), for "the year" after it; None if it named none."""
    for _, end, phrase in reversed(doc.phrases_in(a, start)):
        if _FULL_YEAR.match(phrase.strip()) or is_relative(phrase):
            continue
        period = read_period_phrase(phrase, cal, as_of=doc.as_of, after=doc.text[end : end + 12])
        if period is not None:
            return cal.quarter_period(cal.quarter_of(period.end))
    return None


def _year_base(
    doc: Doc, a: int, cal: FiscalCalendar, reported: Period | None, reach: int, entity: str
) -> Period | None:
    """The quarter "the full year" in the sentence at ``a`` is read against: the last quarter
    of the period the paragraph spoke of before it, else the latest reported one."""
    said = _said_before(doc, a, cal, reported, reach, entity)
    return reported if said is None else cal.quarter_period(cal.quarter_of(said.end))


def _aside_phrase(text: str, start: int, end: int, phrase: str, floor: int) -> bool:
    """Whether a period phrase names a comparison base, not the period spoken of."""
    if YEAR_AGO.search(phrase) or _compared_year(text, start, phrase):
        return True
    inside = brackets(text, (start, end, phrase), floor)
    if inside is not None and not LABEL_COLON.match(text, inside[1] + 1):
        return True  # "(Q2 2024: 9.9%)"; not "Microsoft (fiscal 2025): ..."
    if _PRIOR_Q.fullmatch(phrase.strip()):
        return True  # "上一季度为亏损5900万元": the quarter compared with, not the paragraph's
    if _OPINION_AFTER.match(text, end):
        return True  # "the Q2 bear case": a view held then, not figures of that quarter
    return _COMPARED_TO.search(text, max(start - 20, floor), start) is not None


_OPINION_AFTER = re.compile(
    r"(?i)\s+(?:bear|bull|thesis|case|narrative|debate|concerns?|worr(?:y|ies)|fears?|scare|"
    r"sell-?off|drama|playbook|panic|hype)\b"
)


def _in_context(doc: Doc, claim: Claim, cal: FiscalCalendar, reported: Period) -> bool:
    """Whether the sentences before the claim name the latest reported quarter ("reported
    results for its fiscal 2026 first quarter"): then a figure without a period of its own
    is that quarter's, as surely as if its sentence said so."""
    for start, end, phrase in doc.phrases_in(claim.span[0] - 1500, claim.span[0]):
        key = (start, end, phrase, cal, reported)  # what follows the phrase is the text's
        if key not in doc.read_periods:
            doc.read_periods[key] = read_period_phrase(
                phrase, cal, as_of=doc.as_of, reported=reported, after=doc.text[end : end + 12]
            )
        period = doc.read_periods[key]
        if period is not None and period.same_span(reported):
            return True
    return False


def _clause_text(doc: Doc, claim: Claim) -> str:
    lo, hi = doc.clause(claim)
    return doc.text[lo:hi]


_QUARTER_NOUN = re.compile(
    r"(?i)\s+(?:(?:for|in|during)\s+the\s+)?quarter\b(?!\s+(?:ended|of\s+(?:19|20)\d\d))"
)
_THE_YEAR = re.compile(r"(?i)(?:the\s+)?(?:full[- ])?(?:fiscal\s+)?year")
