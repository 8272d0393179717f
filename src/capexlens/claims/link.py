"""Link extracted claims to an entity, a metric, a segment (or market, or model) and a period.

Linking reads only the text and the registry; it never looks at the store, so a claim is
linked the same way whatever the store holds. Each choice is made from the words nearest
the figure, in its own sentence, because one sentence can hold revenue, cloud revenue and
capex at once:

- **entity**: the nearest company, segment or model name before the figure in its sentence
  (or right after it in the same clause); otherwise the subject in context, the entity that
  recent sentences are most about ("the company", "the firm", "it"). A figure said of
  several companies together ("collectively", "combined") gets no entity.
- **metric**: the nearest cue word of the vocabulary ("capex", "revenue", "repurchased",
  "market share", "parameters"); cues of metrics the store does not track ("net income",
  "EPS", "margin", "shares rose") win when nearer, so such figures stay unlinked.
- **segment**: a segment, market or model named in the same clause; a business unit the
  registry does not know ("Taobao and Tmall Group", "marketing services business") makes
  the metric unknown rather than silently the whole company's.
- **period**: the period phrase nearest the figure in its sentence, read by
  :func:`capexlens.periods.parse_period` on the entity's calendar; with none, the latest
  quarter the company had reported by the article date (``reported``) or
  :func:`~capexlens.periods.latest_reported_quarter`.

What linking decided is recorded in the claim's qualifiers: ``period:explicit``,
``period:implicit``, ``period:undated`` (a relative phrase in an article with no date),
``cue:<words>``, ``segment:unknown``, ``aggregate``, ``prior`` (a comparison base such as
"from $75 billion"), ``subject:<index>`` (the amount a comparative is said of).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from capexlens.claims.extract import find_period_phrases, split_sentences
from capexlens.errors import CapexlensError
from capexlens.models import Claim, ClaimKind, Period
from capexlens.periods import CALENDAR_YEAR, FiscalCalendar, latest_reported_quarter, parse_period
from capexlens.registry import MARKET_ENTITY, Registry

__all__ = ["Mention", "find_mentions", "link_claims", "read_period_phrase"]

_MONEY_KINDS = (ClaimKind.AMOUNT, ClaimKind.RANGE, ClaimKind.CONVERSION)
_COMMON = frozenset(
    "ai cloud intelligent intelligence infrastructure revenue total services".split()
)
_CLAUSE_RE = re.compile(r";|\s[—–]\s|--|:\s|,\s+(?:while|whereas|but|although|and)\s")
_AGGREGATE_RE = re.compile(r"(?i)\b(?:collectively|combined|together|in total|altogether)\b")
_ISO = re.compile(r"^[A-Z]{3}$")
_AFTER_GAP = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,2}?(?:of|from|at|for|in|by)\s+(?:the\s+|its\s+)?")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: an entity, or a segment/market/model with its owner.

    ``generic`` marks segment names made of common words ("cloud revenue", "AI Cloud"),
    which name a segment only of a company already in context, never the company itself.
    """

    start: int
    end: int
    entity: str
    dimension: str = ""
    kind: str = "entity"  # entity | segment | market | model
    generic: bool = False


def _alias_pattern(alias: str) -> str:
    """A regex for an alias: loose on spaces and apostrophes, bounded by non-letters."""
    body = re.escape(alias).replace(r"\ ", r"\s+").replace("'", "['’]")
    return rf"(?<![\w]){body}(?![\w])"


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Every name of an entity, segment, market or model in ``text``, in text order.

    Names match as written or in capitals ("TENCENT"); the longest name wins where several
    start at one place ("Alibaba Cloud" over "Alibaba").

    >>> from capexlens.registry import default_registry
    >>> [(m.entity, m.dimension) for m in find_mentions(
    ...     "Alibaba Cloud beat Huawei; China's cloud grew.", default_registry())]
    [('BABA', 'BABA.CLOUD'), ('HUAWEI', ''), ('', 'CN_CLOUD')]
    """
    table: dict[str, Mention] = {}
    for e in registry.entities.values():
        if e.id.startswith("cik:"):
            continue
        for name in (e.id, e.name, *e.aliases):
            table.setdefault(name, Mention(0, 0, e.id))
    for d in registry.dimensions.values():
        for name in (d.name, *d.aliases):
            words = set(re.findall(r"\w+", name.lower()))
            generic = name.islower() or words <= _COMMON
            owner = "" if d.kind == "market" else d.owner
            table.setdefault(name, Mention(0, 0, owner, d.id, d.kind, generic))
    variants: dict[str, Mention] = {}
    for name, m in table.items():
        variants.setdefault(name, m)
        if not name.isupper() and len(name) > 3:
            variants.setdefault(name.upper(), m)
    names = sorted(variants, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?P<n{i}>{_alias_pattern(n)})" for i, n in enumerate(names)))
    found = []
    for match in pattern.finditer(text):
        index = int((match.lastgroup or "n0")[1:])
        m = variants[names[index]]
        found.append(Mention(match.start(), match.end(), m.entity, m.dimension, m.kind, m.generic))
    return found


# --- metric cues ------------------------------------------------------------------------

_FOREIGN = "?"  # a metric the store does not track: the claim stays unlinked
_SEGMENT_WORDS = r"(?:business|segment|division|unit|arm)"
_CUES: tuple[tuple[str, str], ...] = (
    (r"(?:capital expenditures?|capex) including finance leases", "capex_incl_finance_leases"),
    (
        r"purchases? of property,? (?:plant )?and equipment|cash capex|cash capital "
        r"expenditures?",
        "capex!",
    ),
    (
        r"capex|capital expenditures?|capital spending|capital investments?|資本開支|资本开支|"
        r"资本支出|quarterly investment|investments? in (?:AI|cloud|data cent\w+|infrastructure)",
        "capex",
    ),
    (r"spent|spend(?:s|ing)?", "capex~"),
    (
        r"commitment|pledged?|plans? to invest|will invest|to invest|invest\w* over the next",
        "investment_commitment",
    ),
    (r"revenues?|sales|top[- ]line|turnover|营收|營收|收入", "revenue"),
    (r"remaining performance obligations?|RPO|backlog", "remaining_performance_obligations"),
    (
        r"operating cash ?flows?|cash (?:flow )?from operations|net cash provided by operating",
        "operating_cash_flow",
    ),
    (r"free cash ?flows?|FCF", "free_cash_flow"),
    (
        r"buybacks?|share repurchases?|repurchased|repurchases?|bought back|buy back",
        "share_repurchases",
    ),
    (r"dividends?(?! yield)", "dividends"),
    (r"returned to shareholders|capital returns?|shareholder returns", "shareholder_returns"),
    (r"market share|share of (?:the )?(?:[\w’']+ )?market", "market_share"),
    (r"market size|cloud (?:infrastructure )?spending|spending on cloud|market", "market"),
    (
        r"net reduction|share count|reduc\w+ (?:its |the )?(?:outstanding )?shares|"
        r"(?:shares outstanding|outstanding shares)",
        "shares",
    ),
    (r"activated parameters|active parameters", "model_active_parameters"),
    (r"parameters|params", "model_parameters"),
    (r"guidance|outlook|forecast|budget|expects?|expected|projects?|plans?|planned", "guide"),
    (
        r"net income|net profit|profits?|earnings|operating income|operating loss|EBITDA|EBIT|"
        r"EPS|per share|a share|margins?|users?|customers?|subscribers?|developers?|deals?|"
        r"contracts?|clients|stock|share price|shares (?:of|rose|fell|jumped|surged|dropped|"
        r"climbed|gained|slid|closed|traded|were|are|soared|rallied)|the shares|market (?:cap|"
        r"capitali[sz]ation|value)|valuation|net cash|cash position|worth|employees|headcount|"
        r"GMV|gross merchandise|orders|tokens|price|yield|like-for-like|underlying|excluding|"
        r"ex-FX|constant currency|non-GAAP|non-IFRS|gross profit|cost of revenues?|expenses?|"
        r"R&D|advertising|ad sales|ad revenue|online marketing|marketing services|"
        r"subscriptions?|gaming|e-commerce|commerce|trading|analysts?|consensus|estimates?|"
        r"expectations?|run[- ]rate|annual revenue run|AI-related|products?|"
        r"(?:value-added|financial|business) services",
        _FOREIGN,
    ),
)
_CUE_RES = tuple((re.compile(rf"(?i)(?<![\w-]){p}(?![\w-])"), m) for p, m in _CUES)
_UNKNOWN_UNIT_RE = re.compile(
    r"\b(?:[A-Z][\w&’'-]*\s+(?:and\s+|&\s+)?){1,5}(?:Group|Division|Segment|Unit|Business)\b"
    rf"|(?i:\b[\w-]+(?:\s+[\w-]+)?\s+{_SEGMENT_WORDS}\b)"
)
_CLOUD_RE = re.compile(
    rf"(?i)\bcloud(?:[- ]computing)?\s+(?:{_SEGMENT_WORDS}|revenue|sales|"
    r"computing|services?|growth|grew|rose)\b"
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    metric: str

    def distance(self, claim: Claim) -> int:
        a, b = claim.span
        if self.end <= a:
            return a - self.end
        if self.start >= b:
            return self.start - b + 5  # words after a figure name it a little less often
        return 0


def _cues(text: str, a: int, b: int) -> list[_Cue]:
    """Cue words in ``text[a:b]``; a cue inside a longer cue is dropped ("cost of revenue")."""
    found: list[_Cue] = []
    for pattern, metric in _CUE_RES:
        found.extend(_Cue(m.start(), m.end(), metric) for m in pattern.finditer(text, a, b))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


# --- the linker ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Doc:
    """Everything linking needs about the text, computed once."""

    text: str
    registry: Registry
    as_of: date | None
    reported: Mapping[str, Period]
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    phrases: list[tuple[int, int, str]]
    claims: Sequence[Claim]

    def sentence(self, pos: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= pos < b:
                return a, b
        return pos, pos

    def clause(self, claim: Claim) -> tuple[int, int]:
        """The clause around a claim: its sentence cut at semicolons, dashes and the like."""
        a, b = self.sentence(claim.span[0])
        left, right = a, b
        for m in _CLAUSE_RE.finditer(self.text, a, b):
            if m.end() <= claim.span[0]:
                left = m.end()
            elif m.start() >= claim.span[1]:
                right = m.start()
                break
        return left, right


def link_claims(
    text: str,
    claims: Sequence[Claim],
    registry: Registry,
    *,
    as_of: date | None = None,
    reported: Mapping[str, Period] | None = None,
) -> list[Claim]:
    """The claims with entity, metric, segment and period filled in where the text says.

    Parameters
    ----------
    text
        The text the claims were extracted from (their spans index it).
    claims
        :func:`~capexlens.claims.extract.extract_claims` output, in text order.
    registry
        Entities, dimensions and metrics.
    as_of
        The article's date; relative periods ("the past quarter") need it.
    reported
        The latest quarter each entity had reported by ``as_of`` (from the store); missing
        entities fall back to the last quarter ended by ``as_of``.

    Examples
    --------
    >>> from capexlens.claims.extract import extract_claims
    >>> from capexlens.registry import default_registry
    >>> t = "Alibaba's capex reached RMB38.6 billion in the June quarter 2025."
    >>> c = link_claims(t, extract_claims(t), default_registry())[0]
    >>> c.entity, c.metric, c.period.label
    ('BABA', 'capex', 'FY2026 Q1')
    """
    doc = _Doc(
        text,
        registry,
        as_of,
        reported or {},
        split_sentences(text),
        find_mentions(text, registry),
        find_period_phrases(text),
        claims,
    )
    salience = _salience(doc)
    linked = [_link_one(doc, i, c, salience) for i, c in enumerate(claims)]
    linked = _share_related(linked)
    return [_link_comparative(doc, i, c, linked) for i, c in enumerate(linked)]


def _salience(doc: _Doc) -> list[str | None]:
    """The subject in context of each sentence: the entity recent sentences are most about."""
    scores: dict[str, float] = {}
    subjects: list[str | None] = []
    for a, b in doc.sentences:
        best = max(scores, key=lambda e: scores[e]) if scores else None
        subjects.append(best)
        for e in scores:
            scores[e] *= 0.7
        seen = [m.entity for m in doc.mentions if a <= m.start < b and m.entity and not m.generic]
        for rank, e in enumerate(dict.fromkeys(seen)):
            scores[e] = scores.get(e, 0.0) + (2.0 if rank == 0 else 1.0)
    return subjects


def _subject_at(doc: _Doc, pos: int, salience: list[str | None]) -> str | None:
    for i, (a, b) in enumerate(doc.sentences):
        if a <= pos < b:
            own = salience[i]
            if own is None:  # a first sentence speaks of its own first name
                first = [m.entity for m in doc.mentions if a <= m.start < b and m.entity]
                return first[0] if first else None
            return own
    return None


def _link_one(doc: _Doc, index: int, claim: Claim, salience: list[str | None]) -> Claim:
    quals: list[str] = []
    entity = _entity(doc, claim, salience, quals)
    dim, dim_kind = _dimension(doc, claim, entity, quals)
    metric = _metric(doc, claim, entity, dim, dim_kind, quals)
    if metric in ("market_size", "market_growth_yoy"):
        entity = MARKET_ENTITY
    segment = dim if metric is not None and _needs(doc, metric, dim_kind) else ""
    period = _period(doc, claim, entity, metric, quals) if entity else None
    return claim.with_(
        entity=entity,
        metric=metric,
        segment=segment,
        period=period,
        qualifiers=(*claim.qualifiers, *quals),
    )


def _needs(doc: _Doc, metric: str, dim_kind: str) -> bool:
    base = metric.removesuffix("_growth_yoy").removesuffix("_growth_qoq")
    known = doc.registry.metrics.get(metric) or doc.registry.metrics.get(base)
    if known is not None and known.needs_dimension:
        return known.needs_dimension == dim_kind
    return False


def _entity(doc: _Doc, claim: Claim, salience: list[str | None], quals: list[str]) -> str | None:
    a, b = doc.sentence(claim.span[0])
    subject = _subject_at(doc, claim.span[0], salience)
    usable = [
        m
        for m in doc.mentions
        if a <= m.start < b and m.entity and (not m.generic or m.entity == subject)
    ]
    before = [m for m in usable if m.end <= claim.span[0]]
    lo, _ = doc.clause(claim)
    if len({m.entity for m in before if m.start >= a}) >= 3 and _AGGREGATE_RE.search(
        doc.text, a, claim.span[0]
    ):
        quals.append("aggregate")
        return None
    if before:
        return before[-1].entity
    after = [m for m in usable if m.start >= claim.span[1] and m.start - claim.span[1] <= 40]
    if after and not any(
        claim.span[1] <= c.span[0] < after[0].start for c in doc.claims if c is not claim
    ):
        return after[0].entity
    del lo
    return subject


def _dimension(doc: _Doc, claim: Claim, entity: str | None, quals: list[str]) -> tuple[str, str]:
    """The segment, market or model the claim is about, and its kind ("" if none)."""
    a, b = doc.sentence(claim.span[0])
    lo, hi = doc.clause(claim)
    dims = [m for m in doc.mentions if a <= m.start < b and m.dimension]
    model = [m for m in dims if m.kind == "model"]
    if claim.kind is ClaimKind.PARAMETERS and model:
        return model[-1].dimension, "model"
    market = [m for m in dims if m.kind == "market"]
    if market and claim.kind is ClaimKind.SHARE:
        return market[-1].dimension, "market"
    segs = [
        m
        for m in dims
        if m.kind == "segment" and m.entity == entity and lo <= m.start and m.end <= hi
    ]
    near = [m for m in segs if m.end <= claim.span[0]] or [
        m for m in segs if _AFTER_GAP.fullmatch(doc.text, claim.span[1], m.start)
    ]
    unknown = _unknown_unit(doc, claim, lo, hi, near)
    if unknown:
        quals.append("segment:unknown")
    if near and not unknown:
        return near[-1].dimension, "segment"
    if market:
        return market[-1].dimension, "market"
    if not unknown and entity:
        cloud = _CLOUD_RE.search(doc.text, lo, hi)
        owned = [
            d.id
            for d in doc.registry.dimensions.values()
            if d.owner == entity
            and d.kind == "segment"
            and re.search(r"(?i)cloud|web services", d.name)
        ]
        if cloud and len(owned) == 1:
            return owned[0], "segment"
    return "", ""


def _unknown_unit(doc: _Doc, claim: Claim, lo: int, hi: int, known: list[Mention]) -> bool:
    """Whether the clause names a business unit the registry does not know."""
    start = known[-1].end if known else lo
    for m in _UNKNOWN_UNIT_RE.finditer(doc.text, start, hi):
        if any(k.start <= m.start() < k.end or m.start() <= k.start < m.end() for k in known):
            continue
        if any(mm.start < m.end() and m.start() < mm.end for mm in doc.mentions):
            continue
        if _CLOUD_RE.search(m.group()) or re.match(r"(?i)(?:the|its|this|their)\s", m.group()):
            continue
        if m.start() < claim.span[1] + 30:
            return True
    return False


def _metric(
    doc: _Doc, claim: Claim, entity: str | None, dim: str, dim_kind: str, quals: list[str]
) -> str | None:
    """The metric of a claim from its nearest cue words, or None if unknown or untracked."""
    if claim.kind is ClaimKind.COMPARATIVE or entity is None and dim_kind != "market":
        return None
    a, b = doc.sentence(claim.span[0])
    cues = _cues(doc.text, a, b)
    others = [c.span for c in doc.claims if c is not claim and a <= c.span[0] < b]
    wanted = _wanted(claim)
    ranked = sorted(
        (c for c in cues if c.metric in wanted or c.metric == _FOREIGN),
        key=lambda c: c.distance(claim) + 40 * _between(c, claim, others),
    )
    guide = any(c.metric == "guide" for c in cues) or "guidance" in claim.qualifiers
    if not ranked:
        return _fallback(claim, dim_kind, quals)
    cue = ranked[0]
    quals.append(f"cue:{doc.text[cue.start : cue.end].lower()}")
    if cue.metric == _FOREIGN or "segment:unknown" in quals:
        return None
    return _resolve(claim, cue.metric, dim_kind, guide)


def _between(cue: _Cue, claim: Claim, others: list[tuple[int, int]]) -> bool:
    lo, hi = (cue.end, claim.span[0]) if cue.end <= claim.span[0] else (claim.span[1], cue.start)
    return any(lo <= s < hi for s, _ in others)


def _wanted(claim: Claim) -> frozenset[str]:
    """Cue kinds that can name the metric of a claim of this kind and unit."""
    money = {
        "capex",
        "capex!",
        "capex~",
        "capex_incl_finance_leases",
        "investment_commitment",
        "revenue",
        "remaining_performance_obligations",
        "operating_cash_flow",
        "free_cash_flow",
        "share_repurchases",
        "dividends",
        "shareholder_returns",
        "market",
    }
    unit = claim.unit or ""
    if claim.kind in _MONEY_KINDS and _ISO.match(unit):
        return frozenset(money)
    if claim.kind is ClaimKind.GROWTH:
        return frozenset(money - {"investment_commitment"} | {"shares"})
    if claim.kind in (ClaimKind.SHARE, ClaimKind.PERCENT):
        return frozenset({"market_share", "shares", "market"})
    if claim.kind is ClaimKind.PARAMETERS:
        return frozenset({"model_parameters", "model_active_parameters"})
    return frozenset()


def _fallback(claim: Claim, dim_kind: str, quals: list[str]) -> str | None:
    """A metric without cue words: parameters of a model, a share of a named market."""
    if claim.kind is ClaimKind.PARAMETERS and dim_kind == "model":
        return "model_parameters"
    if claim.kind is ClaimKind.SHARE and dim_kind == "market":
        return "market_share"
    del quals
    return None


def _resolve(claim: Claim, cue: str, dim_kind: str, guide: bool) -> str | None:
    """The metric id a cue stands for, given the claim's kind and its dimension."""
    growth = claim.kind is ClaimKind.GROWTH
    if cue == "market":
        if dim_kind != "market":
            return None
        return (
            "market_growth_yoy"
            if growth
            else ("market_share" if not _money(claim) else "market_size")
        )
    if cue == "shares":
        return "share_count_change" if claim.unit == "percent" else None
    if cue in ("market_share",):
        return "market_share" if dim_kind == "market" and claim.unit == "percent" else None
    if cue in ("model_parameters", "model_active_parameters"):
        return cue if dim_kind == "model" else None
    base = cue.rstrip("!~")
    if base == "revenue" and dim_kind == "segment":
        base = "segment_revenue"
    if base == "revenue" and dim_kind == "market":
        return None
    if base == "capex" and guide and not growth:
        base = "capex_guidance"
    if cue == "capex~" and not guide:
        return None  # "spent" alone is no capex
    if growth:
        if "qoq" in claim.qualifiers:
            return f"{base}_growth_qoq"
        return f"{base}_growth_yoy"
    return base


def _money(claim: Claim) -> bool:
    return bool(claim.unit and _ISO.match(claim.unit))


# --- periods ------------------------------------------------------------------------------

_RECENT_Q = re.compile(
    r"(?i)^(?:the\s+)?(?:past|last|latest|most\s+recent|recent|recently\s+completed|"
    r"just[- ]ended|reported)\s+(?:fiscal\s+)?quarter$"
)
_PRIOR_Q = re.compile(r"(?i)^(?:the\s+)?(?:previous|prior|preceding)\s+(?:fiscal\s+)?quarter$")
_NEXT_Q = re.compile(
    r"(?i)^(?:the\s+)?(?:this|current|next|coming|upcoming)\s+(?:fiscal\s+)?quarter$"
)
_YEAR_AGO = re.compile(
    r"(?i)same\s+(?:period|quarter)(?:\s+(?:of\s+)?(?:last|a|the\s+previous)\s+year)?|year-ago|"
    r"a\s+year\s+(?:earlier|ago|before)|comparable\s+(?:period|quarter)"
)
_MONTH_YEAR = re.compile(r"(?i)^(?P<m>[a-z]{3,9}\.?)\s+(?P<y>(?:19|20)\d{2})$")
_NO_YEAR_END = re.compile(r"(?i)(?:ended|ending|to|through)\s+(?P<d>[a-z]{3,9}\.?\s+\d{1,2})$")
_UNIT_BEFORE = re.compile(
    r"(?i)(?P<u>quarter|fiscal year|year|half year|three months|six months|nine months|"
    r"twelve months)\s+(?:ended|ending)\s+(?:on\s+)?$"
)
_RESULTS_AFTER = re.compile(r"(?i)^\W{0,3}(?:results|quarter|earnings|report)")


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


def _calendar(doc: _Doc, entity: str, metric: str | None) -> FiscalCalendar:
    if metric and metric.startswith("market") or entity == MARKET_ENTITY:
        return CALENDAR_YEAR
    try:
        return doc.registry.calendar(entity)
    except CapexlensError:
        return CALENDAR_YEAR


def _period(
    doc: _Doc, claim: Claim, entity: str, metric: str | None, quals: list[str]
) -> Period | None:
    """The claim's period: its own phrase, a sentence-wide phrase, or the default quarter."""
    cal = _calendar(doc, entity, metric)
    reported = doc.reported.get(entity)
    if reported is not None and cal is CALENDAR_YEAR and entity != MARKET_ENTITY:
        reported = None
    if "from" in claim.qualifiers or "compared" in claim.qualifiers:
        quals.append("prior")
    for start, end, phrase in _phrases_for(doc, claim):
        if _YEAR_AGO.search(phrase):
            quals.append("prior")
            continue
        period = read_period_phrase(
            phrase,
            cal,
            as_of=doc.as_of,
            reported=reported,
            after=doc.text[end : end + 12],
            before=doc.text[max(start - 40, 0) : start],
        )
        if period is not None:
            quals.append("period:explicit")
            return period
        if doc.as_of is None and _is_relative(phrase):
            quals.append("period:undated")
            return None
    if re.search(r"(?i)\bannual\b|\bfull[- ]year\b|\bfor the year\b", _clause_text(doc, claim)):
        if doc.as_of is not None or reported is not None:
            last = reported or latest_reported_quarter(cal, doc.as_of or date.min)
            quals.append("period:explicit")
            return cal.year(cal.quarter_of(last.end).year)
    if reported is None and doc.as_of is None:
        quals.append("period:undated")
        return None
    quals.append("period:implicit")
    if reported is not None:
        return reported
    assert doc.as_of is not None
    return latest_reported_quarter(cal, doc.as_of)


def _clause_text(doc: _Doc, claim: Claim) -> str:
    lo, hi = doc.clause(claim)
    return doc.text[lo:hi]


def _is_relative(phrase: str) -> bool:
    return bool(
        re.search(
            r"(?i)\b(?:past|last|latest|this|next|current|previous|prior|"
            r"upcoming|coming|recent)\b",
            phrase,
        )
    )


def _phrases_for(doc: _Doc, claim: Claim) -> list[tuple[int, int, str]]:
    """Period phrases of the claim's sentence that speak of it, best first.

    A phrase belongs to the claim nearest to it; a claim without one of its own takes the
    sentence's other phrases, nearest first, except those of comparison bases ("from Q2
    2024's $1.2 billion").
    """
    a, b = doc.sentence(claim.span[0])
    phrases = [p for p in doc.phrases if a <= p[0] < b]
    if not phrases:
        return []
    mates = [c for c in doc.claims if a <= c.span[0] < b and c.kind is not ClaimKind.COMPARATIVE]

    def gap(p: tuple[int, int, str], c: Claim) -> int:
        return max(c.span[0] - p[1], p[0] - c.span[1], 0)

    own, shared = [], []
    for p in phrases:
        owner = min(mates, key=lambda c: gap(p, c)) if mates else claim
        if owner is claim:
            own.append(p)
        elif not {"from", "compared"} & set(owner.qualifiers):
            shared.append(p)
    own.sort(key=lambda p: gap(p, claim))
    shared.sort(key=lambda p: gap(p, claim))
    return own + shared


# --- relations ----------------------------------------------------------------------------


def _share_related(claims: list[Claim]) -> list[Claim]:
    """A growth and the level it reached ("jumped 55% to $3.3 billion") share what one of
    them lacks: entity, segment, period and, through the growth's base, the metric."""
    out = list(claims)
    for i, c in enumerate(claims):
        for j in c.related:
            if not 0 <= j < len(claims):
                continue
            other = claims[j]
            out[i] = _borrow(out[i], other)
    return out


def _borrow(claim: Claim, other: Claim) -> Claim:
    changes: dict[str, object] = {}
    if claim.kind is ClaimKind.CONVERSION or other.kind is ClaimKind.CONVERSION:
        if claim.metric is None and other.metric is not None:
            changes |= {"metric": other.metric, "segment": other.segment}
        if claim.period is None and other.period is not None:
            changes["period"] = other.period
        return claim.with_(**changes) if changes else claim
    if (
        claim.metric is None
        and other.metric is not None
        and "cue:" not in " ".join(claim.qualifiers)
    ):
        metric = _as_kind(other.metric, claim)
        if metric is not None:
            changes |= {"metric": metric, "segment": other.segment}
    if "period:implicit" in claim.qualifiers and "period:explicit" in other.qualifiers:
        changes["period"] = other.period
        changes["qualifiers"] = tuple(
            "period:explicit" if q == "period:implicit" else q for q in claim.qualifiers
        )
    return claim.with_(**changes) if changes else claim


def _as_kind(metric: str, claim: Claim) -> str | None:
    """``metric`` (of a related claim) turned into the metric of this claim's kind."""
    base = metric.removesuffix("_growth_yoy").removesuffix("_growth_qoq")
    if claim.kind is ClaimKind.GROWTH:
        return f"{base}_growth_{'qoq' if 'qoq' in claim.qualifiers else 'yoy'}"
    if _money(claim):
        return base
    return None


def _link_comparative(doc: _Doc, index: int, claim: Claim, linked: list[Claim]) -> Claim:
    """A comparative ("exceeds its past decade spending") is said of the amount before it."""
    if claim.kind is not ClaimKind.COMPARATIVE:
        return claim
    a, _ = doc.sentence(claim.span[0])
    prev_a, _ = doc.sentence(max(a - 2, 0))
    for j in range(index - 1, -1, -1):
        c = linked[j]
        if c.span[0] < prev_a:
            break
        if c.kind in (ClaimKind.AMOUNT, ClaimKind.CONVERSION) and _money(c):
            return claim.with_(
                entity=c.entity,
                metric=c.metric,
                segment=c.segment,
                period=c.period,
                related=(*claim.related, j),
                qualifiers=(*claim.qualifiers, f"subject:{j}"),
            )
    return claim
