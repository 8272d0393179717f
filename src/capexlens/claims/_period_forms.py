"""Period forms of a sentence that name no period phrase of their own figure: a running
total ("bringing total spend to $89.9 billion in 2025"), figures paired with periods
("... and ... in the fourth quarter of last year and the first quarter of this year,
respectively"), a "quarterly" figure said of a year, "for the quarter" in its clause; and
quarters named by number alone ("Q3 2024"), which a non-calendar company's reader may take
on either calendar.

Each takes the linker's document view and a claim, and returns the phrase, the flag or the
year-to-date span :func:`capexlens.claims._phrases.link_period` reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from capexlens.claims._grammar import PLAN_VERB_RE
from capexlens.claims._names import Doc
from capexlens.models import Claim, ClaimKind, Period
from capexlens.periods import FiscalCalendar, latest_reported_quarter
from capexlens.registry import Registry

__all__ = [
    "ABOUT_THE_PLAN",
    "FISCAL_BEFORE",
    "KEY_VALUE",
    "LIST_MARKS",
    "THE_QUARTER",
    "coming",
    "dated_twice",
    "mark_numbered",
    "numbering",
    "other_company_near",
    "peers_quarter",
    "plan_said",
    "plan_sentence",
    "quarterly",
    "respective_phrase",
    "spent_base_year",
    "year_earlier_quarters",
    "year_to_date",
]

# list items: "- ", "• ", "* ", and the middle dots Chinese pages use ("·总营收 336 亿元")
LIST_MARKS = ("|", "- ", "• ", "* ", "·", "・", "●", "▪")
# "Net Income = $88.1 billion, a 22% increase": a results list's item, label then figure
KEY_VALUE = re.compile(r"[A-Za-z][\w&/ .'’-]{0,40}?\s*[=:]\s*[$€£¥+\-−]?\s?\d")
# a sentence about the forecast just given, whose figures qualify it
ABOUT_THE_PLAN = re.compile(
    r"(?i)(?:this|that|the)\s+(?:forecast|guidance|outlook|projection|range)s?\b"
    r"(?!\s+(?:for|of)\b)"
)


_Phrase = tuple[int, int, str]


_YTD_BEFORE = re.compile(
    r"(?i)\b(?:bringing|taking|lifting|pushing)\s+(?:its\s+|the\s+)?(?:total|cumulative|"
    r"year-to-date|combined)\s+(?:[\w-]+\s+){0,2}?to\s*$"
)
_YTD_AFTER = re.compile(
    r"(?i)\s*(?:so\s+far\s+this\s+year|year[- ]to[- ]date|for\s+the\s+year\s+to\s+date)\b"
)


def year_to_date(
    doc: Doc, claim: Claim, cal: FiscalCalendar, reported: Period | None
) -> Period | None:
    """The fiscal year to the last reported quarter, when the words say the figure is a
    running total ("bringing total spend to $89.9 billion in 2025", "so far this year")."""
    lo, _ = doc.sentence(claim.span[0])  # ", bringing" opens a clause of its own
    a, b = claim.span
    stop = max(doc.text.rfind("。", 0, a), doc.text.rfind("\n", 0, a), a - 200)
    zh = _ZH_YTD.search(doc.text, max(stop, 0), a)
    if not (
        zh or _YTD_BEFORE.search(doc.text, max(lo, a - 60), a) or _YTD_AFTER.match(doc.text, b)
    ):
        return None
    if doc.as_of is None and reported is None:
        return None
    last = reported or latest_reported_quarter(cal, doc.as_of or date.min)
    q = cal.quarter_of(last.end)
    months = _ZH_MONTHS.get(zh["n"], 0) if zh else 0
    if zh and months > 3 * q.quarter:
        # "今年首6個月" when the fiscal year has not run six months: the calendar's
        day = doc.as_of or last.end
        end = date(day.year, months + 1, 1) - timedelta(days=1)
        return Period(date(day.year, 1, 1), end, f"CY{day.year} {months}M")
    if zh and months < 3 * q.quarter:  # the fiscal year's first months, not all of it to date
        first = cal.quarter_period(cal.quarter_of(cal.year(q.year).start))
        last = cal.quarter_period(cal.quarter_of(first.end).shift(months // 3 - 1))
    year = cal.year(q.year)
    return Period(year.start, last.end, f"FY{q.year} {months or 3 * q.quarter}M")


# "累計今年6個月", "今年首6個月", "本財年前六個月": the year to date, of that many months
_ZH_YTD = re.compile(
    r"(?:累[計计]|今年|本財?年|本财年)[^，。,；;]{0,3}?(?:首|前)?(?P<n>[369三六九])\s*(?:個|个)月"
)
_ZH_MONTHS = {"3": 3, "6": 6, "9": 9, "三": 3, "六": 6, "九": 9}
_RESPECTIVELY = re.compile(r"(?i)\brespectively\b")


def respective_phrase(doc: Doc, claim: Claim) -> _Phrase | None:
    """The i-th period phrase for the i-th figure of its kind when the sentence pairs them:
    "respectively", with the phrases all after the figures (or all before them), or two
    figures joined by "and" right before two periods joined by "and" ("36.6 billion yuan
    and 27.5 billion yuan in the fourth quarter of last year and the first quarter")."""
    a, b = doc.sentence(claim.span[0])
    rates = (ClaimKind.GROWTH, ClaimKind.PERCENT)
    kinds = rates if claim.kind in rates else (claim.kind,)
    mates = [c for c in doc.claims_in(a, b) if c.kind in kinds and c.unit == claim.unit]
    at = next((i for i, c in enumerate(mates) if c.span == claim.span), None)
    if at is None or len(mates) < 2:
        return None
    respectively = _RESPECTIVELY.search(doc.text, claim.span[1], b) is not None
    lo = _pair_start(doc, claim, mates, at)
    if not respectively and lo is None:
        return None  # most figures: neither form, and no phrase list is built for them
    # "the fourth quarter of last year" is one period though read as two phrases
    found = doc.phrases_in(a, b)
    phrases = [
        p
        for p, q in zip(found, [None, *found], strict=False)
        if q is None or not re.fullmatch(r"\s+of\s+", doc.text[q[1] : p[0]])
    ]
    if respectively:
        after = [p for p in phrases if p[0] >= mates[-1].span[1]]
        before = [p for p in phrases if p[1] <= mates[0].span[0]]
        for side in (after, before):
            if len(side) == len(mates) and len(side) == len(phrases):
                return side[at]
        return None
    assert lo is not None
    return _paired_phrase(doc, mates, at, lo, phrases)


def _pair_start(doc: Doc, claim: Claim, mates: list[Claim], at: int) -> int | None:
    """The index of the first of two figures joined by "and" that the claim is one of."""
    if at and _AND.fullmatch(doc.text, mates[at - 1].span[1], claim.span[0]):
        return at - 1
    if at + 1 < len(mates) and _AND.fullmatch(doc.text, claim.span[1], mates[at + 1].span[0]):
        return at
    return None


def _paired_phrase(
    doc: Doc, mates: list[Claim], at: int, lo: int, phrases: list[_Phrase]
) -> _Phrase | None:
    """The two-and-two pairing of :func:`respective_phrase`, said without "respectively"."""
    second = mates[lo + 1]
    nxt = [p for p in phrases if p[0] >= second.span[1]][:2]
    if (
        len(nxt) != 2
        or not _PHRASE_LEAD.fullmatch(doc.text, second.span[1], nxt[0][0])
        or not _PAIR_GAP.fullmatch(_between(doc, nxt))
    ):
        return None
    return nxt[at - lo]


_AND = re.compile(r"\s*,?\s+and\s+")
_PAIR_GAP = re.compile(r"(?i)\s+(?:of\s+\w+\s+year\s+)?and\s+(?:in\s+)?(?:the\s+)?")
_PHRASE_LEAD = re.compile(r"(?i)\s+(?:in|for|during)\s+(?:the\s+)?")


def _between(doc: Doc, pair: list[_Phrase]) -> str:
    """The text from the end of the first phrase (its "of last year" aside) to the second."""
    return doc.text[pair[0][1] : pair[1][0]]


THE_QUARTER = re.compile(r"(?i)\b(?:for|in|during)\s+the\s+quarter\b(?!\s+(?:ended|ending))")
_QUARTERLY = re.compile(r"(?i)\bquarterly\b")


def quarterly(doc: Doc, claim: Claim) -> bool:
    """Whether the words right around the figure, in its clause, call it quarterly."""
    lo, hi = doc.clause(claim)
    a, b = claim.span
    return bool(
        _QUARTERLY.search(doc.text, max(lo, a - 40), a)
        or _QUARTERLY.search(doc.text, b, min(hi, b + 30))
    )


def plan_sentence(doc: Doc, j: int) -> bool:
    """Whether sentence ``j`` states a plan before its first figure ("Operating income is
    anticipated to be between ..."), not a result with a forecast beside it."""
    a, b = doc.sentences[j]
    first = next((c.span[0] for c in doc.claims_in(a, b)), b)
    return PLAN_VERB_RE.search(doc.text, a, first) is not None


def other_company_near(doc: Doc, entity: str, claim: Claim, at: int) -> bool:
    """Whether another company is named between the claim and the phrase at ``at``."""
    lo, hi = sorted((claim.span[1], at))
    return any(m.entity and m.entity != entity and not m.generic for m in doc.mentions_in(lo, hi))


def plan_said(doc: Doc, claim: Claim, metric: str | None) -> bool:
    """Whether the figure is a capex plan, or a growth said with a plan verb."""
    if metric == "capex_guidance":
        return True
    lo, _ = doc.clause(claim)
    said = _PLANS_TO.search(doc.text, lo, claim.span[0]) or PLAN_VERB_RE.search(
        doc.text, lo, claim.span[0]
    )
    return claim.kind is ClaimKind.GROWTH and bool(metric and metric.startswith("capex") and said)


_PLANS_TO = re.compile(r"(?i)\b(?:plans?|expects?|intends?|aims?)\s+to\b")


FISCAL_BEFORE = re.compile(r"(?i)\b(?:fiscal|FY)\b[\w\s]{0,12}$")
_ORDINAL_QUARTER = re.compile(
    r"(?i)(?:the\s+)?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|Q[1-4])"
)


def peers_quarter(doc: Doc, claim: Claim, start: int, phrase: str) -> str:
    """ "numbered" for a quarter named by its number alone in a sentence about several
    companies ("Microsoft spent $24.2 billion, Alphabet $22.4 billion ... in the second
    quarter"): a round-up compares calendar quarters, so either reading may be meant."""
    if not _ORDINAL_QUARTER.fullmatch(phrase.strip()) or FISCAL_BEFORE.search(
        doc.text, max(start - 20, 0), start
    ):
        return ""
    a, b = doc.sentence(claim.span[0])
    named = {m.entity for m in doc.mentions_in(a, b) if m.entity and not m.generic}
    return "numbered" if len(named) >= 2 else ""


def coming(
    period: Period, phrase: str, cal: FiscalCalendar, as_of: date | None, metric: str | None
) -> Period:
    """A plan's quarter named without a year ("plans ... for the September quarter") is the
    coming one, not the last one ended: nobody guides a quarter already over."""
    if (
        as_of is None
        or "_guidance" not in (metric or "")
        or re.search(r"\d", phrase)
        or not 80 <= period.days <= 95
        or period.end >= as_of
    ):
        return period
    return cal.quarter_period(cal.quarter_of(period.end).shift(4))


# A quarter named by number and year with no word saying whose year ("Q3 2024", "2024 Q3",
# "the third quarter of 2024"): of a company whose fiscal year is not the calendar's, the
# writer may mean either; "fiscal", "FY" or "CY" in the phrase says which.
NUMBERED_QUARTER = re.compile(
    r"(?i)Q[1-4]\s*'?\d{2}(?:\d{2})?|(?:19|20)\d{2}\s?Q[1-4]|[1-4]Q\s?'?\d{2}(?:\d{2})?"
    r"|(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|closing)[- ]quarter(?:\s+of)?"
    r"\s+(?:19|20)\d{2}"
)
_FISCAL_WORD = re.compile(r"(?i)\bfiscal\b|\bFY")
_RELATIVE_QUARTER = re.compile(
    r"(?i)(?:Q[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\s+(?:of\s+)?"
    r"(?:the\s+)?(?:last|previous|prior|this|current|next)\s+year"
)
# a Chinese quarter said without a year or with a calendar one ("第一季度", "2025年第一季度");
# "财季"/"财年" (fiscal) says whose quarter it is
_CJK_PLAIN_QUARTER = re.compile(
    r"(?:(?:19|20)\d{2}\s*年|去年|上年|今年|明年)?(?:第[一二三四1-4](?:季度|季)(?!度?财)|[一二三四]季度)"
)
_QUARTER_NO = re.compile(
    r"(?i)Q([1-4])|([1-4])Q|\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last|closing)\b"
)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_YEAR_NO = re.compile(r"((?:19|20)\d{2})|'?(\d{2})(?!\d)")


def numbering(text: str, start: int, phrase: str) -> str:
    """ "numbered" for a quarter named by number and year alone ("Q3 2024"), "fiscal" for
    one whose words say it is the fiscal quarter ("fiscal Q3 2024", "Q3 FY24"), else ""."""
    if _FISCAL_WORD.search(phrase) is None and _RELATIVE_QUARTER.fullmatch(phrase.strip()):
        return "numbered"  # "Q3 last year", "去年三季度": the calendar's, as often as not
    if _CJK_PLAIN_QUARTER.match(text, start):
        return "numbered"  # "第一季度" without 财 (fiscal): either reading may be meant
    if _quarter_key(phrase) is None:
        return ""
    if _FISCAL_WORD.search(phrase) or FISCAL_BEFORE.search(text, max(start - 20, 0), start):
        return "fiscal"
    return "numbered" if NUMBERED_QUARTER.fullmatch(phrase.strip()) else ""


def _quarter_key(phrase: str) -> tuple[int, int] | None:
    """(year, quarter number) a phrase names ("Q3 2024", "third quarter of fiscal 2024")."""
    q = _QUARTER_NO.search(phrase)
    rest = phrase[q.end() :] + " " + phrase[: q.start()] if q else ""
    y = _YEAR_NO.search(re.sub(r"(?i)\bFY\s?|\bCY\s?", " ", rest)) if q else None
    if q is None or y is None or not re.search(r"(?i)quarter|Q", phrase):
        return None
    number = int(q[1] or q[2]) if (q[1] or q[2]) else _ORDINAL.get(q[3].lower(), 4)
    year = int(y[1]) if y[1] else 2000 + int(y[2])
    return year, number


def mark_numbered(doc: Doc, claims: Sequence[Claim], registry: Registry) -> list[Claim]:
    """Claims whose period came from context rather than their own phrase ("Revenue reached
    RMB236.5 billion in 2024 Q3. Cloud revenue was RMB29.6 billion.") marked
    ``period:numbered`` too, when the nearest phrase of the article naming that quarter
    (the last before the claim, else the first after it) names it by number alone: they
    are read on both calendars as the phrase itself is."""
    named: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for start, _, phrase in doc.phrases:
        key = _quarter_key(phrase)
        if key is not None:
            named.setdefault(key, []).append((start, numbering(doc.text, start, phrase)))
    if not any(kind == "numbered" for said in named.values() for _, kind in said):
        return list(claims)
    out = []
    for c in claims:
        if c.entity and c.period and not {"period:numbered", "period:fiscal"} & set(c.qualifiers):
            cal = registry.calendar(c.entity)
            fq = cal.quarter_of(c.period.end)
            said = named.get((fq.year, fq.quarter), [])
            before = [kind for at, kind in said if at <= c.span[0]]
            nearest = before[-1] if before else (said[0][1] if said else "")
            if (
                nearest == "numbered"
                and not cal.is_calendar_year
                and cal.quarter_period(fq) == c.period
            ):
                c = c.with_(qualifiers=(*c.qualifiers, "period:numbered"))
        out.append(c)
    return out


# "fiscal 2025, the year to June 30, 2024", "fiscal 2025 ended March 31, 2024": the year's
# end said in words beside its name
_YEAR_TO = re.compile(
    r"(?i)\b(?:(?:fiscal\s+)?year|fiscal\s+(?:year\s+)?(?:19|20)\d{2},?(?:\s+which)?)\s+"
    r"(?:to|ended|ending|through)\s+"
    r"(?P<mon>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})"
)
_MONTH_NO = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


def dated_twice(doc: Doc, claim: Claim, period: Period | None) -> str:
    """The day a year of the claim's sentence is said to end ("the year to June 30, 2024"),
    as ``YYYY-MM-DD``, when the fiscal year the figure was read in ends on another day
    ("fiscal 2025" of Microsoft ends June 30, 2025): the text dates the figure two ways.
    "" when it does not, or the period is no year."""
    if period is None or period.days < 360:
        return ""
    a, b = doc.sentence(claim.span[0])
    for m in _YEAR_TO.finditer(doc.text, a, b):
        month = _MONTH_NO.get(m["mon"][:3].lower())
        if month is None or not 1 <= int(m["day"]) <= 31:
            continue
        try:
            said = date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            continue
        if said != period.end:
            return said.isoformat()
    return ""


_SPENT_AFTER = re.compile(
    r"(?i)\s+(?:that\s+|which\s+)?(?:it|they|the\s+(?:company|firm|group))\s+(?:spent|invested|"
    r"poured|laid\s+out)\b"
)


def spent_base_year(
    doc: Doc, claim: Claim, period: Period, cal: FiscalCalendar, own: bool
) -> Period:
    """ "expects $115-135 billion in 2026, nearly double the $72.2 billion it spent": a
    base said to be spent is of a year already over, the one before the sentence's plan
    year, when no year of its own says otherwise."""
    if (
        own
        or doc.as_of is None
        or period.end <= doc.as_of
        or period.days < 360
        or not {"from", "compared"} & set(claim.qualifiers)
        or not _SPENT_AFTER.match(doc.text, claim.span[1])
    ):
        return period
    return cal.year(cal.quarter_of(period.end).year - 1)


_BARE_Q = re.compile(r"(?i)(?:Q[1-4]|(?:first|second|third|fourth)\s+quarter)")
_YEAR_EARLIER = re.compile(r"(?i)(?:a|one)\s+year\s+(?:earlier|ago|before)")


def year_earlier_quarters(
    found: list[tuple[int, int, str]], text: str
) -> list[tuple[int, int, str]]:
    """ "in Q1 a year earlier" is one period, the quarter of the year before ("Q1 last
    year"), not the quarter under way and a comparison said apart."""
    out: list[tuple[int, int, str]] = []
    for p in found:
        if (
            out
            and _YEAR_EARLIER.fullmatch(p[2])
            and _BARE_Q.fullmatch(out[-1][2])
            and not text[out[-1][1] : p[0]].strip()
        ):
            q = out.pop()
            p = (q[0], p[1], f"{q[2]} last year")
        out.append(p)
    return out
