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
  "net income", "operating margin", "diluted EPS", "market share", "parameters"); cues of
  metrics the store does not track ("gross margin", "EBITDA", "shares rose") win when
  nearer, so such figures stay unlinked. A cue word inside the name of the segment the
  figure is about ("Marketing Services") is the segment's name, not a metric.
- **segment**: a segment, market or model named in the same clause (also a paraphrase of a
  segment's name up to case and unit synonyms, "fintech & corporate services"); a business
  unit the registry does not know ("Lazada", "local services business")
  makes the metric unknown rather than silently the whole company's.
- **period**: the period phrase nearest the figure in its sentence, read by
  :func:`capexlens.periods.parse_period` on the entity's calendar; with none, the latest
  quarter the company had reported by the article date (``reported``) or
  :func:`~capexlens.periods.latest_reported_quarter`.

What linking decided is recorded in the claim's qualifiers: ``period:explicit``,
``period:implicit``, ``period:undated`` (a relative phrase in an article with no date),
``cue:<words>``, ``segment:unknown``, ``share:unnamed`` (a share of revenue of no known
segment), ``aggregate``, ``prior`` (a comparison base such as "from $75 billion"),
``subject:<index>`` (the amount a comparative is said of).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from capexlens.claims._context import (
    EX_FX_RE,
    UNIT_LINES,
    card_label,
    ex_fx,
    figure_between,
    implied_yuan,
    is_estimate,
    like_for_like,
    line_topic,
    line_topic_unit,
    past_bullet,
    unit_before,
)
from capexlens.claims._cue_checks import (
    judges,
    leads_to_next,
    next_chinese_clause,
    per_share_eps,
    restated_level_cue,
    share_base,
    total_revenue,
)
from capexlens.claims._cue_table import FOREIGN, FX_IMPACT_WORDS
from capexlens.claims._grammar import PLAN_VERB_RE
from capexlens.claims._names import (
    PER_SHARE_METRICS,
    Cue,
    Doc,
    Mention,
    find_mentions,
    is_money,
)
from capexlens.claims._period_forms import dated_twice, mark_numbered
from capexlens.claims._phrases import (
    link_period,
    period_phrases,
    read_period_phrase,
)
from capexlens.claims._relations import (
    anaphoric_bases,
    anchored_by_base,
    bases_follow_levels,
    bases_of_the_rate_before,
    carried_plans,
    link_comparative,
    mark_restated,
    share_related,
)
from capexlens.claims._shares import of_revenue, reads_as_growth, share_of, share_of_unit
from capexlens.claims._subjects import entity_of, subjects_in_context
from capexlens.claims._units import MONEY_KINDS, dimension
from capexlens.claims._vetoes import label_before, needs, own_label, unchecked
from capexlens.claims.extract import split_sentences
from capexlens.models import Claim, ClaimKind, Period
from capexlens.registry import MARKET_ENTITY, Registry

__all__ = ["Mention", "find_mentions", "link_claims", "read_period_phrase"]

_PER_SHARE = re.compile(r"^[A-Z]{3}/share$")
_INCOME = frozenset(
    {
        "operating_income",
        "operating_income_non_gaap",
        "net_income",
        "net_income_attributable",
        "net_income_non_gaap",
    }
)
_MARGINS = frozenset({"operating_margin", "operating_margin_non_gaap"})
_NEVER_NEGATIVE = frozenset(
    ("revenue", "segment_revenue", "capex", "capex_guidance", "dividends", "share_repurchases")
)
_PLANNED = {
    "capex": "capex_guidance",
    "segment_revenue": "segment_revenue_guidance",
    "segment_revenue_growth_yoy": "segment_revenue_guidance_growth_yoy",
}


# --- the linker ---------------------------------------------------------------------------


def link_claims(
    text: str,
    claims: Sequence[Claim],
    registry: Registry,
    *,
    as_of: date | None = None,
    reported: Mapping[str, Period] | None = None,
    mentions: Sequence[Mention] | None = None,
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
    mentions
        :func:`find_mentions` of ``text`` with ``registry``, if the caller has them already.

    Examples
    --------
    >>> from capexlens.claims.extract import extract_claims
    >>> from capexlens.registry import default_registry
    >>> t = "Alibaba's capex reached RMB38.6 billion in the June quarter 2025."
    >>> c = link_claims(t, extract_claims(t), default_registry())[0]
    >>> c.entity, c.metric, c.period.label
    ('BABA', 'capex', 'FY2026 Q1')
    """
    doc = Doc(
        text,
        registry,
        as_of,
        reported or {},
        split_sentences(text),
        list(mentions) if mentions is not None else find_mentions(text, registry),
        period_phrases(text),
        claims,
    )
    salience = subjects_in_context(doc)
    linked = [_link_one(doc, i, c, salience) for i, c in enumerate(claims)]
    linked = share_related(doc, mark_restated(text, linked))
    linked = anchored_by_base(doc, bases_of_the_rate_before(doc, anaphoric_bases(doc, linked)))
    linked = [link_comparative(doc, i, c, linked) for i, c in enumerate(linked)]
    linked = carried_plans(doc, bases_follow_levels(doc, linked))
    return mark_numbered(doc, linked, registry)


def _link_one(doc: Doc, index: int, claim: Claim, salience: list[str | None]) -> Claim:
    quals: list[str] = []
    if is_estimate(doc, claim):
        quals.append("estimate")  # "Metric | Consensus | Reported": the first column's cells
    share = of_revenue(doc, claim)
    if claim.kind is ClaimKind.PERCENT and not share and reads_as_growth(doc, claim):
        claim = claim.with_(kind=ClaimKind.GROWTH)  # "grew revenue 26%", "26%: growth of"
        quals.append("growth:context")
    entity = entity_of(doc, claim, salience, quals)
    if entity and claim.kind is ClaimKind.AMOUNT and claim.unit is None:
        claim = implied_yuan(doc, claim, entity, quals)
    if share and share_of_unit(doc, claim):
        dim, dim_kind, metric = "", "", None
        quals.append("share:of-unit")  # "26% of Baidu Core revenue": not of the company's
    elif share:
        dim, dim_kind = share_of(doc, claim, entity), "segment"
        metric = "segment_revenue_share" if dim else None
        quals.append("cue:share of revenue" if dim else "share:unnamed")
    else:
        dim, dim_kind = dimension(doc, claim, entity, quals)
        said = list(quals)
        metric = _metric(doc, claim, entity, dim, dim_kind, quals)
        # "2/ AWS: ... The backlog is $200bn": the unit the line opens with; not for a line
        # the company reports too ("Operating income was $4.8 billion"), left to context
        topic = (
            "" if dim or not entity or metric in UNIT_LINES else line_topic_unit(doc, claim, entity)
        )
        if topic and "segment:unknown" not in quals:
            dim, dim_kind, quals[:] = topic, "segment", said
            metric = _metric(doc, claim, entity, dim, dim_kind, quals)
    if metric in _NEVER_NEGATIVE and "negative" in claim.qualifiers:
        # "Reality Labs posted a loss of $4.43 billion": a loss is no revenue nor spending;
        # a unit's loss is its operating result, a company's is of a line left unsaid
        metric = "operating_income" if dim_kind == "segment" and dim else None
        quals.append("loss")
    if "entity:context" in quals and not dim and entity and metric in UNIT_LINES:
        unit = unit_before(doc, claim, entity)
        if unit:  # "North America: net sales grew 11%. Operating income was $4.8 billion."
            quals.append(f"unit:context:{unit}")
    if metric in ("market_size", "market_growth_yoy"):
        entity = MARKET_ENTITY
    veto = unchecked(doc, claim, metric, dim, dim_kind) if metric is not None else ""
    if veto:
        quals.append(veto)
        metric = None
    segment = dim if metric is not None and needs(doc, metric, dim_kind) else ""
    period = link_period(doc, claim, entity, metric, quals) if entity else None
    twice = dated_twice(doc, claim, period) if "period:explicit" in quals else ""
    if twice:
        quals.append(f"period:conflict:{twice}")
    if metric is not None and claim.kind is ClaimKind.GROWTH and ex_fx(doc, claim):
        # growth with currency effects taken out is another figure than the reported one;
        # the store holds it for company revenue only ("EPS down 5% in constant currency")
        metric = "revenue_growth_yoy_constant_currency" if metric == "revenue_growth_yoy" else None
        quals.append("constant-currency")
    elif (
        metric not in (None, "revenue_like_for_like_growth_yoy")
        and claim.kind is ClaimKind.GROWTH
        and like_for_like(doc, claim)
    ):
        # "stripping out the divested businesses, revenue grew 15%": not the reported rate
        metric = "revenue_like_for_like_growth_yoy" if metric == "revenue_growth_yoy" else None
        quals.append("like-for-like")
    if metric in _PLANNED and period and doc.as_of and period.end > doc.as_of:
        metric = _PLANNED[metric]  # capex or segment revenue of a period not yet over: a plan
    elif (
        metric == "capex"
        and claim.value_high is not None
        and "from" not in claim.qualifiers
        and not _spent_range(doc, claim, period)
    ):
        # "put its 2024 capital expenditures at $30-37 billion": spending is reported as one
        # figure, so a range is a plan, never matched against what was spent
        metric = "capex_guidance"
        quals.append("range:plan")
    if metric in ("capex", "capex_growth_yoy") and _INCL_LEASES_RE.search(
        doc.text, *doc.sentence(claim.span[0])
    ):
        # "capex was $36.07 billion ... (including finance leases)": that basis, not cash
        metric = metric.replace("capex", "capex_incl_finance_leases", 1)
        quals.append("basis:incl-leases")
    if metric and metric.endswith("_growth_yoy") and _from_quarter_before(quals, period):
        metric = metric.removesuffix("_yoy") + "_qoq"  # "Q3 capex up 7% from Q2"
    if metric == "capex_guidance" and "base:last-year" in quals:
        metric = "capex"  # "plans $75 billion this year, up from $50 billion last year": spent
    if metric in PER_SHARE_METRICS and is_money(claim):
        claim = claim.with_(unit=f"{claim.unit}/share")  # "EPS of $2.31": per share
    return claim.with_(
        entity=entity,
        metric=metric,
        segment=segment,
        period=period,
        qualifiers=(*claim.qualifiers, *quals),
    )


_INCL_LEASES_RE = re.compile(
    r"(?i)\b(?:including|incl\.?|plus|and)\s+(?:assets\s+acquired\s+under\s+|principal\s+"
    r"(?:payments\s+)?(?:on|of)\s+|equipment\s+|property\s+and\s+equipment\s+)?"
    r"finance\s+leases?\b"
)


def _from_quarter_before(quals: list[str], period: Period | None) -> bool:
    """Whether a growth was said "from Qn" of the quarter just before its own: sequential."""
    base = next((q for q in quals if q.startswith("base:q")), None)
    if base is None or period is None or not 80 <= period.days <= 95 or not period.label:
        return False
    m = re.search(r"Q([1-4])$", period.label)
    return m is not None and int(m.group(1)) == int(base[-1]) % 4 + 1


_SPENT_BEFORE = re.compile(r"(?i)\b(?:totall?ed|spent|amounted\s+to|came\s+(?:in\s+)?at)\s*$")


def _spent_range(doc: Doc, claim: Claim, period: Period | None) -> bool:
    """ "In 2024 capital expenditures totalled $37-40 billion": a range said as what a year
    now over cost, to be held against what it cost, not against the plans for it."""
    if period is None or doc.as_of is None or period.end >= doc.as_of:
        return False
    lo = doc.clause(claim)[0]
    return _SPENT_BEFORE.search(doc.text, max(lo, claim.span[0] - 20), claim.span[0]) is not None


_FX_AFTER_RE = re.compile(rf"(?i)\s+({FX_IMPACT_WORDS})")
# "on track for $50 billion in annual revenue": the pace a quarter sets, i.e. a run rate,
# not a fiscal year's revenue nor a target the company set
_PACE_BEFORE_RE = re.compile(r"(?i)\bon\s+(?:target|track|pace)\s+(?:for|to\s+reach)\s+$")
_ANNUALIZED_BEFORE = re.compile(
    r"(?i)\bannuali[sz]ed\s+(?:[\w-]+\s+){0,3}?(?:revenues?|sales|run[- ]rate)\b[^.;$]{0,25}$"
)
_PACE_AFTER_RE = re.compile(r"(?i)\s+(?:in\s+|of\s+)?(annual(?:i[sz]ed)?\s+revenues?)\b")
_GAAP_TWIN = {
    "operating_income": "operating_income_non_gaap",
    "operating_margin": "operating_margin_non_gaap",
    "net_income": "net_income_non_gaap",
    "net_income_attributable": "net_income_non_gaap",
    "net_income_attributable_growth_yoy": "net_income_non_gaap_growth_yoy",
    "diluted_eps": "diluted_eps_non_gaap",
    "operating_income_growth_yoy": "operating_income_non_gaap_growth_yoy",
    "net_income_growth_yoy": "net_income_non_gaap_growth_yoy",
}
_BASIS_RE = re.compile(r"(?i)non-(?:GAAP|IFRS)")
_EITHER_BASIS_RE = re.compile(
    r"(?i)\b(non\s?-\s?)?(?:GAAP|IFRS|International\s+Financial\s+Reporting\s+Standards)\b"
    # "按非国际财务报告准则计算" (on a non-IFRS basis); "经调整" (adjusted)
    r"|(非)?(?:国际财务报告准则|國際財務報告準則|国际会计准则|國際會計準則|公认会计准则|公認會計準則|"
    r"会计准则|會計準則|国际(?=[净淨凈经經营營利盈]))"
    r"|(经调整|經調整|调整后|調整後)"
)


_BASE_WORDS_BEFORE = re.compile(
    r"(?i)\b(?:from|versus|vs\.?|than|compared\s+(?:to|with))\s+(?:the\s+|its\s+|a\s+)?$"
)


def _nearest_basis(doc: Doc, claim: Claim, clause: tuple[int, int]) -> str:
    """ "adjusted" or "reported" as the basis word nearest the claim in its clause says
    ("rose 18% on a non-IFRS basis to RMB70.6 billion and 19% on an IFRS basis to RMB63.1
    billion"), or "" if none does."""
    best: tuple[int, str] | None = None
    for m in _EITHER_BASIS_RE.finditer(doc.text, clause[0], clause[1]):
        if m.start() >= claim.span[1] and _BASE_WORDS_BEFORE.search(
            doc.text, max(m.start() - 20, 0), m.start()
        ):
            continue  # "GAAP operating margin was 33%, down from non-GAAP margin of 47%"
        if m.start() >= claim.span[1] and _NEXT_ITEM.fullmatch(doc.text, claim.span[1], m.start()):
            continue  # "GAAP EPS was $1.01 and non-GAAP EPS $1.47": the next item's basis
        if (
            m.start() >= claim.span[1]
            and "\u4e00" <= m.group()[0] <= "\u9fff"
            and _COMMA.search(doc.text, claim.span[1], m.start())
        ):
            continue  # "经营盈利同比增长20%，非国际净利润同比增长33%": the next figure's basis
        gap = max(claim.span[0] - m.end(), m.start() - claim.span[1], 0)
        if best is None or gap < best[0]:
            best = (gap, "adjusted" if m.group(1) or m.group(2) or m.group(3) else "reported")
    return "" if best is None else best[1]


_NEXT_ITEM = re.compile(
    r"(?i)\s*(?:,\s*)?(?:and|while|whereas|with|versus|vs\.?)\s+(?:its\s+|the\s+)?"
)
# a comma between a figure and a Chinese basis word: in Chinese the words lead the figure
# they name, so the basis is the next figure's
_COMMA = re.compile(r"[，,]")


def _grows_a_plan(doc: Doc, claim: Claim, clause: tuple[int, int]) -> bool:
    """Whether the growth follows a plan's level in its clause, nothing between ("expected
    OCI revenue of $18 billion in fiscal 2026, growth of 77%"): the plan's growth."""
    before = [c for c in doc.claims_in(clause[0], claim.span[0]) if c.span[1] <= claim.span[0]]
    return bool(before) and is_money(before[-1]) and "guidance" in before[-1].qualifiers


_OWN_NOUN_AFTER = re.compile(r"\s+(?:of|in|into)\s+(?:(?:net|total|gross|cash)\s+)?")


def _metric(
    doc: Doc, claim: Claim, entity: str | None, dim: str, dim_kind: str, quals: list[str]
) -> str | None:
    """The metric of a claim from its nearest cue words, or None if unknown or untracked."""
    if claim.kind is ClaimKind.COMPARATIVE or (entity is None and dim_kind != "market"):
        return None
    fx = _FX_AFTER_RE.match(doc.text, claim.span[1])
    if fx is not None and is_money(claim) and dim_kind != "segment":
        # "a $0.9 billion unfavorable impact from foreign exchange rates": the words right
        # after the figure name it, whatever "excluding" before it says of the sentence
        quals.append(f"cue:{fx.group(1).lower()}")
        return "revenue_fx_impact"
    lo_clause = doc.clause(claim)[0]
    if (
        dim_kind == "segment"
        and is_money(claim)
        and _ANNUALIZED_BEFORE.search(doc.text, max(lo_clause, claim.span[0] - 60), claim.span[0])
    ):
        quals.append("cue:annualized")  # "annualized OCI revenue nearing $12 billion"
        return "segment_revenue_run_rate"
    pace = _PACE_AFTER_RE.match(doc.text, claim.span[1])
    if (
        pace is not None
        and dim_kind == "segment"
        and is_money(claim)
        and _PACE_BEFORE_RE.search(doc.text, max(claim.span[0] - 30, 0), claim.span[0])
    ):
        quals.append(f"cue:{pace.group(1).lower()}")
        return "segment_revenue_run_rate"
    a, b = doc.sentence(claim.span[0])
    found = doc.cues_in(a, b)
    others = [c.span for c in doc.claims_in(a, b) if c.span != claim.span]
    label = label_before(doc, claim, lo_clause, others)
    if label is not None:
        name = own_label(doc, label, found)
        if name:  # "EPS rose to $2.31 — Search +12%, YouTube +13%": each has its name
            quals += ["label", f"cue:{name}"]
            return None
        # "Azure +40%, Operating cash flow TTM +12%": the words past the comma are the
        # next item's
        found = [c for c in found if not _past_item_end(doc, claim, c)]
    if _bracketed_after_figure(doc, claim, others):
        # "$13.6 bn (+32% YoY) with operating income of $2.8 bn": the growth in brackets is
        # the figure's before it, whatever words follow
        found = [c for c in found if c.end <= claim.span[0]]
    wanted = _wanted(claim)
    # "operating income expanding 24% to $38.0 billion": the growth the level completes
    # stands between them but does not part them
    tied = {doc.claims[j].span for j in claim.related if 0 <= j < len(doc.claims)}
    between = [s for s in others if s not in tied]
    lead = min((s for s in tied if s[1] <= claim.span[0]), default=None)
    reach = claim if lead is None else claim.with_(span=(lead[0], claim.span[1]))
    clause = doc.clause(claim)
    aside_spans = doc.asides(a, b, claim)
    # the words of the named segment ("Marketing Services", "advertising revenue") are its
    # name; only a cue of a tracked metric may come from inside them ("revenue")
    named = [(m.start, m.end) for m in doc.mentions_in(a, b) if dim and m.dimension == dim]
    loose = doc.segment_by_words(a, claim.span[0], entity) if dim and entity else None
    if loose is not None and loose.dimension == dim:  # "FinTech & business services"
        named.append((loose.start, loose.end))
    ranked = sorted(  # nearest first; "spent" names capex only right next to the figure
        (
            c
            for c in found
            if (
                c.metric in wanted
                or (
                    _foreign(c.metric, wanted)
                    and not _inside(c, named)
                    and not _nearer_other(claim, c, between)
                    # "the RMB37.9 billion analysts expected and sped up from 26%"
                    and not (
                        c.end <= claim.span[0]
                        and any(
                            y <= c.start and not doc.text[y : c.start].strip() for _, y in between
                        )
                    )
                    and not judges(doc, claim, c)
                    # "excluding FX" qualifies the growth; :func:`ex_fx` reads it
                    and EX_FX_RE.match(doc.text, c.start) is None
                    # "rose 18% on a non-IFRS basis to RMB70.6bn": a basis, read below
                    and _BASIS_RE.fullmatch(doc.text, c.start, c.end) is None
                )
            )
            and not any(x <= c.start < y for x, y in aside_spans)
            and not next_chinese_clause(doc, claim, c)
            and not past_bullet(doc, claim, c)
            and not share_base(doc, claim, c)
            and not leads_to_next(doc, claim, c, between)
            # "AI cloud reaches $50B, capex and OpenAI ties under scrutiny": a list of topics
            and not (
                c.start >= claim.span[1]
                and _TOPIC_LIST.fullmatch(doc.text, claim.span[1], c.start)
                and _AND_MORE.match(doc.text, c.end)
            )
            # "surged 63 percent to $20.03 billion and delivered $6.6 billion in operating
            # income": a cue past another figure after the claim is that figure's
            and not (c.start >= claim.span[1] and figure_between(doc, claim, c.start, between))
            # "up 12% excluding currency impact": :func:`ex_fx` reads the basis of a growth
            and (c.metric != "revenue_fx_impact" or claim.kind is not ClaimKind.GROWTH)
            and (c.metric != "capex~" or _next_to(doc, claim, c, clause, others, aside_spans))
            # "up 2%, or 12% on a like-for-like basis": the basis is the other figure's
            and (c.metric != "revenue_like_for_like" or not _nearer_other(claim, c, others))
        ),
        key=lambda c: (
            # "$26.3 billion of buybacks and $5.3 billion of dividends": the noun joined to
            # the figure by "of" is its own, nearer than the last item's cue before it
            -1
            if _OWN_NOUN_AFTER.fullmatch(doc.text, claim.span[1], max(c.start, claim.span[1]))
            and c.start >= claim.span[1]
            else c.distance(reach, clause, between, aside_spans)
        ),
    )
    guide = (
        "guidance" in claim.qualifiers
        or any(
            c.metric == "guide"
            and (claim.span[0] - 45 <= c.start < claim.span[1])
            # "38% expected, 40% delivered": the word right after a figure is that figure's
            and not any(
                doc.text[y : c.start].isspace()
                or _WHO_EXPECTED.fullmatch(doc.text, y, c.start) is not None
                for _, y in others
            )
            for c in found
        )
    )
    if not guide and _PLAN_NOUN_AFTER.match(doc.text, claim.span[1]):
        guide = True  # "unveiled a $30 billion capital spending plan for its fiscal Q1"
    if not guide and claim.kind is ClaimKind.GROWTH:
        guide = _grows_a_plan(doc, claim, clause)
    if not ranked and claim.kind is ClaimKind.GROWTH:
        ranked = restated_level_cue(doc, a, wanted)
    if not ranked:
        ranked = card_label(doc, claim, wanted)  # "Total Revenue\n$15.9B\n+11.3%"
        if ranked:
            quals.append("card")
    if not ranked:
        ranked = line_topic(doc, claim, wanted)  # "4/ Capex: ... Management now expects ~$125bn"
    if not ranked:
        return _fallback(claim, dim_kind, quals, guide)
    cue = ranked[0]
    quals.append(f"cue:{doc.text[cue.start : cue.end].lower()}")
    if (
        cue.metric == FOREIGN
        and (claim.unit or "").endswith("/share")
        and doc.text[cue.start : cue.end].lower() in ("earnings", "profit", "net income")
    ):
        # "earnings of $3.46 per share": earnings per share, said around the figure
        return (
            _GAAP_TWIN["diluted_eps"]
            if _nearest_basis(doc, claim, clause) == "adjusted"
            else ("diluted_eps")
        )
    if cue.metric == FOREIGN and per_share_eps(doc, cue, entity):
        # "每股攤薄盈利為6.779元" of a company that reports per share, as the store holds it
        adjusted = _nearest_basis(doc, claim, clause) == "adjusted" or bool(
            _ZH_ADJUSTED.search(doc.text, max(clause[0], cue.start - 30), cue.start)
        )
        return _GAAP_TWIN["diluted_eps"] if adjusted else "diluted_eps"
    if total_revenue(doc, cue, claim):
        return "revenue"  # "total revenue" is the company's, whatever segment came before
    if cue.metric.endswith("!"):
        quals.append("strict")  # "purchases of property and equipment": not capex incl. leases
    if (
        cue.metric == FOREIGN
        and claim.unit == "percent"
        and claim.kind is not ClaimKind.GROWTH
        and re.fullmatch(r"(?i)margins?", doc.text[cue.start : cue.end])
        and any(c.metric in ("operating_income", "operating_income_non_gaap") for c in found)
    ):
        # "Operating profit reached $20.5bn, with a margin of 40.1%": the operating margin
        basis = "_non_gaap" if any(c.metric == "operating_income_non_gaap" for c in found) else ""
        return f"operating_margin{basis}"
    if _foreign(cue.metric, wanted) or "segment:unknown" in quals:
        return None
    # "spent $5 billion on buybacks", "$5 billion spent on buybacks": the object names it
    after = cue.end if cue.start >= claim.span[1] else claim.span[1]
    spent_on = (  # ... unless the object is capex itself ("spent $20 billion on capex")
        re.match(
            r"(?i)\s+on\b(?!\s+(?:capex|capital\s+expenditures?|capital\s+spending|AI|"
            r"artificial\s+intelligence|cloud|data[- ]cent(?:er|re)s?|infrastructure|servers?|"
            r"chips?|GPUs?|computing|property|equipment)\b)",
            doc.text[after : after + 30],
        )
        is not None
    )
    metric = _resolve(claim, cue.metric, dim_kind, guide, spent_on)
    adjusted = _nearest_basis(doc, claim, clause) == "adjusted"
    if metric in _GAAP_TWIN and adjusted:
        metric = _GAAP_TWIN[metric]  # "operating profit rose 18% non-IFRS": the adjusted one
    base = {"from", "compared"} & set(claim.qualifiers)  # "up from $40.6 billion": reported
    planned = guide or PLAN_VERB_RE.search(doc.text, clause[0], claim.span[0]) is not None
    if metric in _UNPLANNED and planned and not base:
        quals.append("forecast")  # "Meta expects third-quarter revenue of $47.5-50.5bn"
        return None
    if metric is None and cue.metric in _PER_SEGMENT and dim_kind != "segment":
        quals.append("needs:segment")  # tracked, but only per segment: say so, not "untracked"
    return metric


# Counts of customers: the store tracks only their growth; next to any other figure the
# words name a count the store does not hold, so they unlink it as foreign words do.
_COUNT_CUES = frozenset({"customers", "new_customers"})


_ZH_ADJUSTED = re.compile(r"非国际|非國際|非公认|非公認|经调整|經調整|调整后|調整後")


def _foreign(cue: str, wanted: frozenset[str]) -> bool:
    """Whether a cue names a metric the store does not track for a claim of this kind."""
    return cue == FOREIGN or (cue in _COUNT_CUES and cue not in wanted)


# Reported measures the store holds no company forecasts of (capex and segment revenue
# plans are stored as guidance): a forecast of one is left unchecked, never set against
# the figure reported later.
_UNPLANNED = frozenset(
    {
        "revenue",
        "revenue_growth_yoy",
        "operating_income",
        "operating_income_growth_yoy",
        "operating_income_non_gaap",
        "net_income",
        "net_income_growth_yoy",
        "net_income_non_gaap",
        "diluted_eps",
        "diluted_eps_non_gaap",
        "operating_margin",
        "free_cash_flow",
        "operating_cash_flow",
        # "Remaining performance obligations expected to more than double"
        "remaining_performance_obligations",
        "remaining_performance_obligations_growth_yoy",
        "operating_income_non_gaap_growth_yoy",
        "net_income_non_gaap_growth_yoy",
        "diluted_eps_growth_yoy",
        "diluted_eps_non_gaap_growth_yoy",
    }
)

# Cue kinds of metrics the store holds per segment only.
_PER_SEGMENT = frozenset({"segment_revenue_run_rate"})


_OPEN_BRACKET_RE = re.compile(r"\s*\(\s*$")


def _bracketed_after_figure(doc: Doc, claim: Claim, others: list[tuple[int, int]]) -> bool:
    """Whether a growth stands in brackets right after another figure ("$13.6 bn (+32%)")."""
    if claim.kind is not ClaimKind.GROWTH:
        return False
    opened = _OPEN_BRACKET_RE.search(doc.text, max(claim.span[0] - 4, 0), claim.span[0])
    return opened is not None and any(y == opened.start() for _, y in others)


def _nearer_other(claim: Claim, cue: Cue, others: list[tuple[int, int]]) -> bool:
    """Whether an untracked-metric cue is said of another figure that stands between it
    and the claim ("rose 20% to $15.7 billion, topping the $14.9 billion estimate")."""
    a, b = claim.span
    lo, hi = (cue.end, a) if cue.end <= a else (b, cue.start)
    return any(lo <= x and y <= hi for x, y in others)


def _inside(cue: Cue, spans: list[tuple[int, int]]) -> bool:
    return any(x <= cue.start and cue.end <= y for x, y in spans)


def _next_to(
    doc: Doc,
    claim: Claim,
    cue: Cue,
    clause: tuple[int, int],
    others: list[tuple[int, int]],
    aside_spans: list[tuple[int, int]],
) -> bool:
    """Whether a cue touches the figure: just before it ("spent $5 billion") or right after
    it as a participle ("the $5 billion spent last quarter")."""
    if cue.start >= claim.span[1] and not doc.text[claim.span[1] : cue.start].strip():
        return True
    if cue.end <= claim.span[0] and _INTENSIFIER.fullmatch(doc.text, cue.end, claim.span[0]):
        return True  # "spent a staggering $34.9 billion"
    return cue.distance(claim, clause, others, aside_spans) <= 3


# "the RMB37.9 billion analysts expected": who expected the figure before
_WHO_EXPECTED = re.compile(
    r"(?i)\s+(?:that\s+)?(?:analysts?|the\s+street|wall\s+street|consensus|investors)\s+(?:had\s+)?"
)
_TOPIC_LIST = re.compile(r"\s*[,;:]\s*")
_AND_MORE = re.compile(r"\s+(?:and|&)\s+\w")
_PLAN_NOUN_AFTER = re.compile(
    r"(?i)\s+(?:capital[- ](?:spending|expenditures?)|capex|spending|investment)\s+(?:plan|"
    r"budget|forecast|guidance|outlook|target)\b"
)
_INTENSIFIER = re.compile(
    r"(?i)\s+(?:an?\s+)?(?:staggering|whopping|massive|record|hefty|huge|eye-watering|stunning|"
    r"colossal|further|additional|another)\s+"
)
# Cue kinds that can name the metric of a money figure (see :func:`_wanted`).
_MONEY_CUES = frozenset(
    {
        "capex",
        "capex!",
        "capex~",
        "capex_incl_finance_leases",
        "investment_commitment",
        "revenue",
        "revenue_fx_impact",
        "remaining_performance_obligations",
        "segment_revenue_run_rate",
        "operating_cash_flow",
        "free_cash_flow",
        "share_repurchases",
        "dividends",
        "shareholder_returns",
        "market",
        *_INCOME,
    }
)
# the sets :func:`_wanted` answers, built once: it is asked for every figure
_WANTED_PER_SHARE = PER_SHARE_METRICS | _INCOME
_WANTED_SMALL_MONEY = _MONEY_CUES | PER_SHARE_METRICS
_WANTED_GROWTH = (
    _MONEY_CUES - {"investment_commitment"}
    | {"shares", "revenue_like_for_like"}
    | PER_SHARE_METRICS
    | _COUNT_CUES
)
_WANTED_PERCENT = frozenset({"market_share", "shares", "market"} | _MARGINS)
_WANTED_PARAMETERS = frozenset({"model_parameters", "model_active_parameters"})


def _wanted(claim: Claim) -> frozenset[str]:
    """Cue kinds that can name the metric of a claim of this kind and unit."""
    unit = claim.unit or ""
    if _PER_SHARE.match(unit):
        return _WANTED_PER_SHARE  # "net income of $X, or $1.68 per share"
    if claim.kind in MONEY_KINDS and is_money(claim):
        # "EPS of $1.68" may print no "per share"; "$13.5 billion" is never a share's
        small = claim.value is not None and abs(claim.value) < 100_000
        return _WANTED_SMALL_MONEY if small else _MONEY_CUES
    if claim.kind is ClaimKind.GROWTH:
        return _WANTED_GROWTH
    if claim.kind in (ClaimKind.SHARE, ClaimKind.PERCENT):
        return _WANTED_PERCENT
    if claim.kind is ClaimKind.PARAMETERS:
        return _WANTED_PARAMETERS
    return frozenset()


def _past_item_end(doc: Doc, claim: Claim, cue: Cue) -> bool:
    """Whether ``cue`` comes after the figure, past the comma or semicolon ending its item."""
    if cue.start < claim.span[1]:
        return False
    return re.search(r"[,;]", doc.text[claim.span[1] : cue.start]) is not None


def _fallback(claim: Claim, dim_kind: str, quals: list[str], guide: bool) -> str | None:
    """A metric without cue words: parameters of a model, a share of a named market, the
    revenue (or its growth) of a named segment, which is how segments are measured."""
    if claim.kind is ClaimKind.PARAMETERS and dim_kind == "model":
        return "model_parameters"
    if claim.kind is ClaimKind.SHARE and dim_kind == "market":
        return "market_share"
    if dim_kind == "segment" and "segment:unknown" not in quals:
        plan = "_guidance" if guide else ""  # "expects its cloud unit to grow 77%"
        if claim.kind is ClaimKind.GROWTH and claim.unit == "percent":
            if "qoq" in claim.qualifiers:
                return None if guide else "segment_revenue_growth_qoq"
            return f"segment_revenue{plan}_growth_yoy"
        if claim.kind in MONEY_KINDS and is_money(claim):
            return f"segment_revenue{plan}"
    return None


def _resolve(claim: Claim, cue: str, dim_kind: str, guide: bool, spent_on: bool) -> str | None:
    """The metric id a cue stands for, given the claim's kind and its dimension."""
    growth = claim.kind is ClaimKind.GROWTH
    if cue == "market":
        if dim_kind != "market":
            return None
        return (
            "market_growth_yoy"
            if growth
            else ("market_share" if not is_money(claim) else "market_size")
        )
    if cue == "shares":
        return "share_count_change" if claim.unit == "percent" else None
    if cue in _COUNT_CUES:  # "new GCP customers increased by nearly 28% quarter-over-quarter"
        if not growth or claim.unit != "percent" or guide:
            return None
        return f"{cue}_growth_{'qoq' if 'qoq' in claim.qualifiers else 'yoy'}"
    if cue in ("market_share",):
        return "market_share" if dim_kind == "market" and claim.unit == "percent" else None
    if cue in ("model_parameters", "model_active_parameters"):
        return cue if dim_kind == "model" else None
    if _PER_SHARE.match(claim.unit or "") and cue in _INCOME:
        return "diluted_eps_non_gaap" if cue.endswith("non_gaap") else "diluted_eps"
    if cue == "revenue_fx_impact":
        return cue if not growth and dim_kind != "segment" and is_money(claim) else None
    if cue == "revenue_like_for_like":  # only its growth is ever stated
        return "revenue_like_for_like_growth_yoy" if growth and dim_kind != "segment" else None
    if cue == "segment_revenue_run_rate":  # a level of a named segment; its growth untracked
        return cue if dim_kind == "segment" and not growth and not guide else None
    if cue in _MARGINS:
        # "margin improved to 11%" is a level; "margin rose 2 points" a change we don't track
        return cue if not growth and claim.unit == "percent" else None
    base = cue.rstrip("!~")
    if base == "revenue" and dim_kind == "segment":
        base = "segment_revenue"
    if base == "revenue" and dim_kind == "market":
        return None
    if base == "capex" and guide and not growth:
        base = "capex_guidance"
    if base == "segment_revenue" and guide:
        base = "segment_revenue_guidance"  # "expects cloud revenue of $18 billion"
    if cue == "capex~" and not guide and spent_on:
        return None  # "spent $815mn on share repurchases": the object names the metric
    if growth:
        if "qoq" in claim.qualifiers:
            return f"{base}_growth_qoq"
        return f"{base}_growth_yoy"
    return base
