"""Why a figure the linker tied to a tracked metric is still none of that metric's values:
a growth over several years, percentage points, a beat over consensus, a figure "excluding
the one-time charge", a comparison with another owner's figure, a unit's figure of a metric
held company-wide only. Each rule names the qualifier the verdict explains.
"""

from __future__ import annotations

import re

from capexlens.claims._context import bullet_start
from capexlens.claims._names import Cue, Doc, is_money
from capexlens.models import Claim, ClaimKind

__all__ = ["label_before", "needs", "own_label", "unchecked"]


_POINTS_IN = re.compile(r"(?i)\d\s*(?:percentage\s+points?|pts?\b|ppts?\b|pp\b)")
_POINTS_AFTER = re.compile(r"(?i)\s*(?:percentage\s+)?(?:points?|pts?|ppts?|pp)\b")


_BEAT_BEFORE = re.compile(
    r"(?i)\b(?:topped|beat|beating|exceeded|surpassed|missed|above|below|ahead\s+of)\b"
    r"[^;]{0,80}?\b(?:consensus|estimates?|expectations?|forecasts?)\b[^;]{0,40}?\bby\s*$"
)


# a beat printed beside the figure: "EPS $1.68 ($0.35 beat)", a table's "Beat+$0.14 / +6.5%"
_BEAT_AFTER = re.compile(r"(?i)\s*(?:[a-z]+\s+)?(?:beat|miss|surprise)\b")
_BEAT_JUST_BEFORE = re.compile(
    # no word boundary before: tables pasted as text glue cells ("$2.17Beat+$0.14")
    r"(?i)(?<![a-z])(?:beat|miss|surprise)(?:\s+(?:of|by))?\s*:?\s*(?:[+\-−]?[$€£¥]?[\d.,]+\w*\s*/\s*)?"
    r"[+\-−]?$"
)


_PRO_FORMA_RE = re.compile(
    r"(?i)\b(?:excluding|ex-|before|absent|without)\s+(?:the\s+|a\s+|an\s+|this\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:charges?|items?|impairments?|write-?downs?|gains?)\b"
    r"|\bwould\s+have\s+been\b|\bwould['’]ve\s+been\b"
    # "若不考虑已处置业务的收入,收入同比增长15%": revenue without the businesses sold
    r"|若不考虑|若不考慮|剔除|撇除|不计入|不計入"
)


def unchecked(doc: Doc, claim: Claim, metric: str, dim: str, dim_kind: str) -> str:
    """Why a figure linked to a tracked metric is still none of its values (the qualifier
    that says so), or "" if it is one."""
    growth = claim.kind is ClaimKind.GROWTH
    if _beside_a_beat(doc, claim):
        return "beat"
    if growth and _multi_year(doc, claim):
        return "multi-year"  # "grew 60% over two years": no year-over-year rate
    if claim.unit == "percent":
        why = _not_a_rate(doc, claim)
        if why:
            return why
    if (
        metric != "investment_commitment"
        and is_money(claim)
        and _DEAL_AFTER.match(doc.text, claim.span[1])
    ):
        return "deal"  # "before the $250B OpenAI commit landed": a contract's size
    if is_money(claim) and _CHARGE_AFTER.match(doc.text, claim.span[1]):
        return "charge"  # "a $2.5 billion FTC settlement and $1.8 billion related to severance"
    lo, hi = doc.clause(claim)
    if _BASIC_EPS.search(doc.text, lo, claim.span[0]):
        return "basic"  # "basic EPS rose to $1.29 from $1.05": the store holds diluted EPS
    if _USAGE_BEFORE.search(doc.text, lo, claim.span[0]):
        return "usage"  # "consumption of OCI services rose 57%": use of a service, not sales
    if growth and metric.startswith("dividends") and _PER_SHARE_NEAR.search(doc.text, lo, hi):
        return "per-share"  # "raise the dividend by 32%, to $0.58 per share": per share
    if _trailing_year(doc, claim) and (growth or not _TTM_PHRASE.search(doc.text, lo, hi)):
        # "Operating cash flow TTM +12%": four quarters to date, not a year. An amount said
        # "for the trailing twelve months" is dated so by the period reader, and checked
        # against the store's trailing figures only.
        return "ttm"
    if _pro_forma(doc, claim):
        return "pro-forma"  # "Excluding the one-time charge, ... $7.25 per share"
    if metric.startswith(("segment_revenue", "revenue")) and _research_estimate(doc, claim):
        return "research"  # "according to Canalys estimates ... Google Cloud grew over 30%"
    if growth and _VERSUS_RE.match(doc.text, claim.span[1]):
        return "versus-other"  # "more than doubled Google Cloud's $15 billion"
    if (
        dim_kind == "segment"
        and dim
        and not needs(doc, metric, dim_kind)
        and _owned_by_unit(doc, claim, dim)
    ):
        # "Baidu Core's net profit jumped 48%": a unit's figure of a metric the store holds
        # for the whole company only is not the company's
        return "segment:company-metric"
    if not needs(doc, metric, "segment") and _unit_line_before(doc, claim):
        return "segment:company-metric"  # "AWS capex was $28.3 billion, up 97% from ..."
    if _ZH_CORE_LINE.search(doc.text, lo, claim.span[0]):
        return "segment:company-metric"  # "核心净利润75.4亿元": Baidu Core's net profit
    return ""


def _unit_line_before(doc: Doc, claim: Claim) -> bool:
    """Whether the clause names a unit's own line of a company-only metric before the
    figure ("AWS capex was $28.3 billion in Q3, up 76% from Q2")."""
    lo, _ = doc.clause(claim)
    return any(
        m.dimension
        and m.kind == "segment"
        and (
            _UNIT_COMPANY_LINE.match(doc.text, m.end, claim.span[0]) is not None
            # "the net profit attributable to Baidu's core was 5.462 billion yuan, up 9%"
            or (
                _COMPANY_LINE_OF.search(doc.text, max(lo, m.start - 40), m.start) is not None
                and _SHORT_GAP.fullmatch(doc.text, m.end, claim.span[0]) is not None
            )
        )
        for m in doc.mentions_in(lo, claim.span[0])
    )


_COMPANY_LINE_OF = re.compile(
    r"(?i)\b(?:capex|capital\s+(?:expenditures?|spending)|free\s+cash\s+flows?|net\s+"
    r"(?:income|profits?))\s+(?:attributable\s+)?(?:to|of|at|for)\s+(?:the\s+)?$"
)
_SHORT_GAP = re.compile(
    r"(?i)(?:['’]s)?\s+(?:was|were|is|came\s+to|reached|of|at)\s+(?:(?:[\w.,$%-]+\s+){0,8})?"
)


_DEAL_AFTER = re.compile(
    r"\s+(?:[A-Z][\w.&-]*\s+){0,2}(?i:commit(?:ment)?s?|contracts?|deals?|agreements?|"
    r"partnerships?|orders?|stakes?|acquisitions?|purchases?|bonds?|loans?|notes)\b"
)
# "核心净利润" (core net profit): a Chinese page's short name for Baidu Core's own line
_ZH_CORE_LINE = re.compile(r"(?<![非])核心(?:净利润|淨利潤|经营利润|經營利潤|经营溢利|經營溢利)")
_CHARGE_AFTER = re.compile(
    r"\s+(?:[A-Z][\w.&-]*\s+){0,2}(?i:(?:legal\s+)?settlements?|severance|(?:one-(?:off|time)\s+)?"
    r"charges?|impairments?|write-?(?:downs?|offs?)|fines?|penalt(?:y|ies))\b"
    r"|\s+(?i:(?:related|due)\s+to|for|of|in)\s+(?:\w+\s+){0,2}?(?i:severance|settlements?|"
    r"restructuring|impairments?|layoffs?|legal\s+(?:costs|charges?))\b"
)
_BASIC_EPS = re.compile(r"(?i)\bbasic\s+(?:EPS|earnings\s+per\s+(?:share|ADS))\b")
_USAGE_BEFORE = re.compile(
    r"(?i)\b(?:consumption|usage|utili[sz]ation)\s+(?:of|by)\b"
    r"|\b(?:consumption|usage)\s*(?:rose|grew|jumped|was|up|[+:])?\s*$"  # "OCI consumption +57%"
)
# the words the period reader dates as the four quarters to the latest reported one
_PER_SHARE_NEAR = re.compile(r"(?i)\bper\s+(?:share|ADS)\b|每股")
_TTM_PHRASE = re.compile(
    r"(?i)\b(?:trailing|last|past)\s+(?:twelve|12|four|4)[- ](?:months?|quarters?)\b"
    r"|(?-i:\b(?:TTM|LTM)\b)"
)
_TTM = re.compile(r"(?i)\b(?:TTM|LTM|trailing[- ](?:twelve|12|four|4)[- ](?:months?|quarters?))\b")


def _trailing_year(doc: Doc, claim: Claim) -> bool:
    """Whether the figure is said over the trailing twelve months, next to it in its clause
    with no other figure between."""
    lo, hi = doc.clause(claim)
    # "Free cash flow over the trailing twelve months was negative $5.9 billion"
    a, b = max(lo, claim.span[0] - 48), min(hi, claim.span[1] + 30)
    for m in _TTM.finditer(doc.text, a, b):
        if m.end() <= claim.span[0]:  # "Operating cash flow TTM +12%", no item between
            between = doc.text[m.end() : claim.span[0]]
            if not re.search(r"[,;]", between) and not doc.claims_in(m.end(), claim.span[0]):
                return True
        elif not doc.text[claim.span[1] : m.start()].strip(" ("):  # "$48.4 billion TTM"
            return True
    return False


_BRACKET_AFTER = re.compile(r"[^,;.\d()]{0,20}\(\s*")


def _beside_a_beat(doc: Doc, claim: Claim) -> bool:
    """Whether the figure is printed as the size of a beat or miss: "$0.35 beat" after it,
    "Beat" just before it (a results table's "Beat/Miss" column), or a percentage in
    brackets after an estimate ("topped the Street's $4.04 (+5.7%)")."""
    if _BEAT_AFTER.match(doc.text, claim.span[1]):
        return True
    if claim.unit == "percent":
        lo, _ = doc.sentence(claim.span[0])
        prior = [c for c in doc.claims_in(lo, claim.span[0]) if c.span[1] <= claim.span[0]]
        if (
            prior
            and "estimate" in prior[-1].qualifiers
            and "estimate" not in claim.qualifiers  # "$30.2 B (+28%) est.": the estimate's
            and _BRACKET_AFTER.fullmatch(doc.text, prior[-1].span[1], claim.span[0])
        ):
            return True
    lo, _ = doc.sentence(claim.span[0])
    before = doc.text[max(lo, claim.span[0] - 40) : claim.span[0]]
    return _BEAT_JUST_BEFORE.search(before) is not None


_RESEARCH_FIRM = re.compile(
    r"(?i)\b(?:Canalys|Synergy(?:\s+Research)?|IDC|Gartner|Omdia|Counterpoint|"
    r"Dell['’]Oro|TrendForce|Frost\s*&\s*Sullivan)\b"
)


def _research_estimate(doc: Doc, claim: Claim) -> bool:
    """Whether a cloud provider's figure is a market-research firm's estimate: the firm is
    named before it in its paragraph ("according to Canalys estimates") and its sentence
    does not say the company reported it. The firm measures infrastructure services of its
    own definition, not the segment the company reports."""
    own_a, own_b = doc.sentence(claim.span[0])
    if _RESEARCH_FIRM.search(doc.text, own_a, own_b):
        return True
    if _REPORTED.search(doc.text, own_a, own_b):
        return False  # "Amazon reported AWS sales up 17%": the company's own figure
    # a paragraph on a firm's report ("According to a report by Canalys, ...") gives the
    # firm's figures throughout
    line = doc.text.rfind("\n", 0, own_a) + 1
    if _ITEM_START.match(doc.text, line):
        return False  # a list's items have sources of their own
    para = doc.text.rfind("\n\n", 0, own_a)
    return _RESEARCH_FIRM.search(doc.text, max(para, 0), own_a) is not None


_ITEM_START = re.compile(r"\s*(?:[-*•·]|\d{1,2}[.)])\s")


_REPORTED = re.compile(r"(?i)\b(?:reported|posted|announced|disclosed|results)\b")


def _pro_forma(doc: Doc, claim: Claim) -> bool:
    """Whether the sentence gives the figure as it would have been without some item: a
    figure of the company's own making, neither the reported nor the adjusted one."""
    a, _ = doc.sentence(claim.span[0])
    a = bullet_start(doc, a, claim.span[0])  # another item's "excluding" is not this one's
    return _PRO_FORMA_RE.search(doc.text, a, claim.span[0]) is not None


def _not_a_rate(doc: Doc, claim: Claim) -> str:
    """Why a percentage is no rate of the metric ("" if it is one): points of a growth ("16%
    points of that growth"), a beat over analysts ("topped the consensus by 4.1%")."""
    if _POINTS_AFTER.match(doc.text, claim.span[1]) or _POINTS_IN.search(claim.text):
        return "points"  # "accelerating more than 4 percentage points": a change of a rate
    lo, _ = doc.clause(claim)
    if _BEAT_BEFORE.search(doc.text, lo, claim.span[0]):
        return "beat"
    return ""


# the object of a growth verb: another owner's figure, so a comparison between two figures
_VERSUS_RE = re.compile(
    r"\s+(?:that\s+of\s+|those\s+of\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s?\s"
)


def _owned_by_unit(doc: Doc, claim: Claim, dim: str) -> bool:
    """Whether the unit is named as the owner of the figure's words in its clause, right
    before them ("Baidu Core's net profit", "the cloud unit's operating income")."""
    lo, _ = doc.clause(claim)
    units = [m for m in doc.mentions_in(lo, claim.span[0]) if m.dimension == dim]
    return bool(units) and bool(
        re.match(r"['’]s?\s+(?:[\w-]+\s+){0,3}$", doc.text[units[-1].end : claim.span[0]])
        or re.match(r"['’]s\s", doc.text[units[-1].end : units[-1].end + 3])
        or _UNIT_COMPANY_LINE.match(doc.text, units[-1].end, claim.span[0])
    )


# "AWS capex was $28.3 billion ..., up 76%": a line the store holds for the company only,
# named as the unit's own
_UNIT_COMPANY_LINE = re.compile(
    r"(?i)\s+(?:capex|capital\s+(?:expenditures?|spending)|free\s+cash\s+flows?|"
    r"operating\s+cash\s+flows?|net\s+(?:income|profits?)|buybacks?)\b(?:[^.;]|\.(?=\d)){0,80}$"
)


def needs(doc: Doc, metric: str, dim_kind: str) -> bool:
    base = metric.removesuffix("_growth_yoy").removesuffix("_growth_qoq")
    known = doc.registry.metrics.get(metric) or doc.registry.metrics.get(base)
    if known is None or not dim_kind:
        return False
    return dim_kind in (known.needs_dimension, known.allows_dimension)


# "X trumped Y": a figure said after the comparison is the subject's, not its rival's


_MULTI_YEAR_RE = re.compile(
    r"(?i)\b(?:over|in|across|during)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:two|three|four|five|"
    r"several|[2-9])\s+years\b|\b(?:two|three|four|five|[2-9])-year\s+(?:growth|rise|increase|"
    r"period|span)\b"
)


def _multi_year(doc: Doc, claim: Claim) -> bool:
    """Whether the growth spans several years ("around 60% growth over two years")."""
    lo, hi = doc.clause(claim)
    return _MULTI_YEAR_RE.search(doc.text, lo, hi) is not None


# a name printed right before a figure in a list: "Search +12%, YouTube +13%"
_LABEL_BEFORE = re.compile(
    r"(?:^|[,;:—–]\s*|\s[-–—]\s+)(?P<label>[A-Z][\w&'’.-]*(?:\s+&?\s*[A-Z][\w&'’.-]*){0,2})"
    r"\s*:?\s*$"
)

_SIGNED = re.compile(r"(?i)[+\-−]|up\b|down\b")
_NOT_NAMES = frozenset(
    [
        "it",
        "its",
        "the",
        "this",
        "that",
        "these",
        "those",
        "their",
        "they",
        "we",
        "our",
        "total",
        "overall",
        "group",
        "company",
        "all",
        "both",
        "each",
        "yoy",
        "qoq",
        "y/y",
        "q/q",
    ]
)


def label_before(
    doc: Doc, claim: Claim, lo_clause: int, others: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The span of the name a signed growth of a list is printed under ("Search +12%",
    "Azure +40%"), if it has one."""
    if claim.kind is not ClaimKind.GROWTH or not _SIGNED.match(claim.text):
        return None  # amounts follow their label across a colon: "Capex: $24B"
    lo = max([lo_clause, claim.span[0] - 40, *(y for _, y in others if y <= claim.span[0])])
    m = _LABEL_BEFORE.search(doc.text[lo : claim.span[0]])  # sliced, so "^" is its start
    if m is None or m.group("label").split()[0].lower() in _NOT_NAMES:
        return None  # "Its +20%": the subject's
    x, y = (lo + i for i in m.span("label"))
    return None if doc.phrases_in(x, y) else (x, y)  # "Q3 +34%": a period, not a name


def own_label(doc: Doc, label: tuple[int, int], found: list[Cue]) -> str:
    """The label's words when they are neither a cue word nor a name the registry knows:
    then the cue words elsewhere in the sentence are another item's."""
    x, y = label
    if any(c.start < y and x < c.end for c in found):
        return ""
    if any(n.start < y and x < n.end for n in doc.mentions_in(x - 40, y)):
        return ""
    return doc.text[x:y]
