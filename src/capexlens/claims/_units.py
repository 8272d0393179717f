"""Which business unit, market or model a claim is about: names in its clause, lists read
"respectively", a growth's level, the subject's unit in a clause that goes on with "and", and
units the registry does not know (which make a figure unverifiable, never the company's)."""

from __future__ import annotations

import re

from capexlens.claims._names import CLOUD_RE, UNKNOWN_UNIT_RE, Doc, Mention, find_mentions
from capexlens.models import Claim, ClaimKind

__all__ = ["MONEY_KINDS", "dimension", "unknown_unit"]

MONEY_KINDS = (ClaimKind.AMOUNT, ClaimKind.RANGE, ClaimKind.CONVERSION)
_CLOUD_MARKET_RE = re.compile(
    r"(?i)\b(?:the\s+)?cloud(?:\s+(?:infrastructure|services|computing))?\s+market\b"
)
_BARE_SHARE_RE = re.compile(r"(?i)\bmarket\s+share\b")
_OTHER_MARKET_RE = re.compile(r"(?i)\b(?!cloud\b)[a-z]+\s+market\b(?!\s+share)")


_AFTER_GAP = re.compile(
    r"(?i)[\s*_:—–-]{0,6}(?:(?:[\w-]+\s+){0,2}?(?:of|from|at|for|in|by)\s+(?:the\s+|its\s+)?)?"
    r"(?:[A-Z][\w.]*['’]s\s+)?"
)


def dimension(doc: Doc, claim: Claim, entity: str | None, quals: list[str]) -> tuple[str, str]:
    """The segment, market or model the claim is about, and its kind ("" if none)."""
    a, b = doc.sentence(claim.span[0])
    lo, hi = doc.clause(claim)
    dims = [m for m in doc.mentions_in(a, b) if m.dimension]
    model = [m for m in dims if m.kind == "model"]
    if claim.kind is ClaimKind.PARAMETERS and model:
        return model[-1].dimension, "model"
    market = [m for m in dims if m.kind == "market"]
    share = claim.kind is ClaimKind.SHARE or (
        claim.kind is ClaimKind.PERCENT and claim.unit == "percent"
    )
    if share and market:
        return market[-1].dimension, "market"
    if share and not market and claim.unit == "percent" and entity:
        home = _home_cloud_market(doc, entity, a, b)
        if home:
            return home, "market"
    if (
        _OVERALL_AFTER.match(doc.text, claim.span[1])
        or _OVERALL_IN.search(claim.text)
        or _OVERALL_BEFORE.search(doc.text, max(lo, claim.span[0] - 60), claim.span[0])
    ):
        # "contributing to a 4% overall revenue drop", "overall company revenue growth of
        # 13% to $180.2 billion": the company's figure, whatever unit the clause named before
        return "", ""
    own_units = [m for m in dims if m.kind == "segment" and (entity is None or m.entity == entity)]
    pairs = _respectively(doc, claim, own_units, a, b)
    if pairs is not None:
        return pairs.dimension, "segment"
    near = _named_units(doc, claim, entity, dims, (a, b), (lo, hi))
    if near and _TOTAL_BETWEEN_RE.search(doc.text, near[-1].end, claim.span[0]):
        # "AWS ..., 65.5% of Amazon's total operating income of $17.4 billion": the company's
        return "", ""
    level = _level_of(doc, claim)
    if not near and level is not None:
        # "an operating profit of $11.55bn, up 23%": the growth is its level's
        return dimension(doc, level, entity, quals)
    if not near and entity:  # a paraphrased name ("fintech and enterprise services")
        loose = doc.segment_by_words(lo, claim.span[0], entity)
        near = [loose] if loose is not None else []
    if not near and entity and "entity:context" in quals:
        heading = _section_heading(doc, claim)
        if heading is not None and _bare_label(doc, claim):
            units = [
                m
                for m in doc.mentions_in(*heading)
                if m.kind == "segment" and m.entity == entity and m.dimension
            ]
            if units:  # "Intelligent Cloud" over "Revenue = $28.5 billion": the unit's
                near = units[-1:]
            elif not _SECTION_WORDS.search(doc.text, *heading) and (
                CLOUD_RE.search(doc.text, *heading) or UNKNOWN_UNIT_RE.search(doc.text, *heading)
            ):
                quals.append("segment:unknown")  # "Microsoft Cloud": no unit the store holds
                return "", ""
    unknown = unknown_unit(doc, claim, lo, hi, near, entity)
    if unknown:
        quals.append("segment:unknown")
    if near and not unknown:
        lead = _lead_in_segment(doc, a, entity)
        if (
            lead is not None
            and near[-1].generic
            and near[-1].dimension != lead.dimension
            and not _TOTAL_RE.search(doc.text, near[-1].start - 8, near[-1].end)
        ):
            return lead.dimension, "segment"
        if len(near) >= 2 and _LINE_OF.fullmatch(doc.text, near[-2].end, near[-1].start):
            # "customer management revenue at Taobao and Tmall Group": the line, of its unit
            return near[-2].dimension, "segment"
        return near[-1].dimension, "segment"
    if market:
        return market[-1].dimension, "market"
    its = "" if unknown else _its_unit(doc, claim, entity, a)
    if its:
        quals.append("segment:its")
        return its, "segment"
    if not unknown and entity:
        return _cloud_unit(doc, claim, entity, (lo, hi), quals)
    return "", ""


# an emoji or a symbol may lead it ("☁️ Google Cloud")
_HEADING_LINE = re.compile(r"[ \t#*_]*(?:[^\w\s$€£¥]{1,4}\s*)?[A-Z][^\d\n.:;!?,]{1,60}?[ \t*_]*")
# a heading over every unit ("Business Segment Overview"), not one unit's
_SECTION_WORDS = re.compile(r"(?i)\b(?:overview|summary|highlights|results|breakdown|review)\b")
_LIST_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d+[.)])\s")


def _bare_label(doc: Doc, claim: Claim) -> bool:
    """Whether the claim's line names its metric and nothing else before the figure
    ("Revenue = ", "Q4 revenue was"), not a product of its own ("LinkedIn = 10% increase",
    "Office 365 Commercial = 13%")."""
    start = doc.text.rfind("\n", 0, claim.span[0]) + 1
    cues = doc.cues_in(start, claim.span[0])
    if not cues:
        return False
    masked = list(doc.text[start : claim.span[0]])
    for a, b in [(c.start, c.end) for c in cues] + [
        (x, y) for x, y, _ in doc.phrases_in(start, claim.span[0])
    ]:
        masked[a - start : b - start] = " " * (b - a)
    return not any(w[:1].isupper() for w in "".join(masked).split())


def _section_heading(doc: Doc, claim: Claim) -> tuple[int, int] | None:
    """The heading line over the claim's section ("Intelligent Cloud" above "Revenue =
    $28.5 billion, a 19% increase"), reading up at most eight lines past its text, list
    items and figure lines; None past a blank line or with no heading that near. A line of
    a few words without digits or punctuation is a heading; one after its claim's own start
    of line only if the claim's line opens with the figure's label."""
    text = doc.text
    pos = text.rfind("\n", 0, claim.span[0])
    for _ in range(8):
        if pos <= 0:
            return None
        start = text.rfind("\n", 0, pos) + 1
        line = text[start:pos]
        if not line.strip():
            return None
        if _HEADING_LINE.fullmatch(line) and not _LIST_LINE.match(line):
            return start, pos
        pos = start - 1
    return None


# "... revenue at Taobao and Tmall Group", "Azure ... revenue within the Intelligent Cloud
# segment": the line, and the unit that reports it
# not "group": "Cloud Intelligence Group revenue" is a unit's
_OVERALL = r"(?:overall|total|company(?:-wide)?|consolidated)\s+(?:company\s+)?(?:revenues?|sales)"
_OVERALL_AFTER = re.compile(rf"(?i)\s*{_OVERALL}\b")
_OVERALL_IN = re.compile(rf"(?i)\b{_OVERALL}\b")
_OVERALL_BEFORE = re.compile(rf"(?i)\b{_OVERALL}\b[^.;,]{{0,30}}$")
_LINE_OF = re.compile(
    r"(?i)\s+(?:(?:revenues?|sales)\s+)?(?:at|of|from|in|within)\s+(?:the\s+|its\s+)?"
)
_ITS_BEFORE = re.compile(r"(?i)\bits\s+(?:[\w%.-]+\s+){0,3}$")


def _its_unit(doc: Doc, claim: Claim, entity: str | None, a: int) -> str:
    """ "AWS revenue grew 17.5% in Q2. But its 20% revenue growth in Q3 ...": "its" right
    before a figure whose sentence names no unit is the unit the sentence before was about,
    when that sentence named one unit of the company and no company by name ("" if not)."""
    if entity is None or not _ITS_BEFORE.search(
        doc.text, max(a, claim.span[0] - 40), claim.span[0]
    ):
        return ""
    if any(m.kind == "entity" and not m.dimension for m in doc.mentions_in(a, claim.span[0])):
        return ""  # "Alphabet said its run rate was": the company named in the sentence
    i = doc.sentence_index(a)
    if i <= 0:
        return ""
    pa, pb = doc.sentences[i - 1]
    named = doc.mentions_in(pa, pb)
    units = {m.dimension for m in named if m.kind == "segment" and m.entity == entity}
    companies = [m for m in named if m.kind == "entity" and not m.dimension]
    if len(units) != 1 or companies:
        return ""
    return units.pop()


def _home_cloud_market(doc: Doc, entity: str, a: int, b: int) -> str:
    """ "AWS held 29% of the cloud market": the market of the company's home, global for
    the US hyperscalers, mainland China's for the Chinese ones ("" if no cloud market)."""
    if not _CLOUD_MARKET_RE.search(doc.text, a, b) and not (
        # "AWS with a noticeable lead, with 32% market share" in an article about the cloud
        # market: the market its paragraphs named before, when this sentence names no other
        _BARE_SHARE_RE.search(doc.text, a, b)
        and not _OTHER_MARKET_RE.search(doc.text, a, b)
        and _CLOUD_MARKET_RE.search(doc.text, max(a - 1500, 0), a)
    ):
        return ""
    home = doc.registry.entities.get(entity)
    return "CN_CLOUD" if home is not None and home.currency == "CNY" else "GLOBAL_CLOUD"


def _named_units(
    doc: Doc,
    claim: Claim,
    entity: str | None,
    dims: list[Mention],
    sentence: tuple[int, int],
    clause: tuple[int, int],
) -> list[Mention]:
    """The company's segments named in the claim's clause before it (or right after it),
    asides left out; in a clause that goes on with ", and", the subject's."""
    (a, b), (lo, hi) = sentence, clause
    aside_spans = doc.asides(a, b, claim)
    segs = [
        m
        for m in dims
        if m.kind == "segment"
        and m.entity == entity
        and lo <= m.start
        and m.end <= hi
        # "Intelligent Cloud, driven by Azure, recorded $29.9 billion": not Azure's
        and not any(x <= m.start < y for x, y in aside_spans)
    ]
    near = [m for m in segs if m.end <= claim.span[0]] or [
        m for m in segs if _AFTER_GAP.fullmatch(doc.text, claim.span[1], m.start)
    ]
    if not near and _AND_CLAUSE_RE.search(doc.text, max(lo - 8, a), lo):
        # "AWS had revenue of $29.3bn, ..., and an operating profit of $11.55bn": the
        # clause that goes on with "and" and names no unit of its own is the subject's
        subject = [
            m
            for m in dims
            if m.kind == "segment" and m.entity == entity and a <= m.start and m.end <= lo
        ]
        if len({m.dimension for m in subject}) == 1 and not doc.mentions_in(lo, claim.span[0]):
            near = subject[:1]
    return near


def _cloud_unit(
    doc: Doc, claim: Claim, entity: str, clause: tuple[int, int], quals: list[str]
) -> tuple[str, str]:
    """ "its cloud business grew 10%": the company's one cloud segment. The cloud words come
    first (or right after: "10% growth in its cloud business"), not from another figure
    further on. With several cloud lines, or none the registry knows, "cloud revenue" is
    some cloud unit's figure, never the company's own."""
    lo, hi = clause
    cloud = CLOUD_RE.search(doc.text, lo, claim.span[0]) or CLOUD_RE.match(
        doc.text, claim.span[1] + _lead(doc.text, claim.span[1], hi), hi
    )
    owned = [  # looked for only when cloud words are there: a scan of every unit
        d.id
        for d in (doc.registry.dimensions.values() if cloud else ())
        if d.owner == entity
        and d.kind == "segment"
        and d.names_owner  # sub-lines ("AI Cloud Infra") are never "its cloud business"
        and re.search(r"(?i)cloud|web services", d.name)
    ]
    if cloud and len(owned) == 1:
        return owned[0], "segment"
    # "22% cloud revenue growth", "cloud application revenue rose 10%"
    inner = _CLOUD_IN_RE.search(claim.text) or _CLOUD_IN_RE.search(doc.text, lo, claim.span[0])
    if cloud or inner or _CLOUD_AFTER_RE.match(doc.text, claim.span[1]):
        quals.append("segment:unknown")
    return "", ""


_AND_CLAUSE_RE = re.compile(r",\s+and\s$")


def _level_of(doc: Doc, claim: Claim) -> Claim | None:
    """The amount a growth restates right after it ("$11.55bn, up 23%"), if any."""
    if claim.kind is not ClaimKind.GROWTH:
        return None
    for j in claim.related:
        if 0 <= j < len(doc.claims):
            other = doc.claims[j]
            if other.span[1] <= claim.span[0] and other.kind in MONEY_KINDS:
                return other
    # "reached $42.4 billion — a 20% increase": an apposition after a dash restates it too
    a, _ = doc.sentence(claim.span[0])
    before = [c for c in doc.claims_in(a, claim.span[0]) if c.span[1] <= claim.span[0]]
    if (
        before
        and before[-1].kind in MONEY_KINDS
        and _DASHED_AFTER.fullmatch(doc.text, before[-1].span[1], claim.span[0])
    ):
        return before[-1]
    return None


_DASHED_AFTER = re.compile(r"\s*(?:—|–|--)\s*(?:an?\s+)?")


_RESPECTIVELY_RE = re.compile(r"(?i)\brespectively\b")


def _respectively(doc: Doc, claim: Claim, segs: list[Mention], a: int, b: int) -> Mention | None:
    """ "North America and International revenues rose 11% and 16% to $100.1 billion and
    $36.8 billion, respectively": the i-th figure of its kind is the i-th unit's."""
    if not _RESPECTIVELY_RE.search(doc.text, claim.span[1], b):
        return None
    rates = (ClaimKind.GROWTH, ClaimKind.PERCENT)
    kinds = rates if claim.kind in rates else (claim.kind,)
    lo, hi = doc.clause(claim)  # bullets flattened onto one line are clauses of their own
    mates = [c for c in doc.claims_in(lo, hi) if c.kind in kinds]
    first = min(c.span[0] for c in mates)
    named = [m for m in segs if lo <= m.start and m.end <= first]
    if len(named) == len(mates) - 1 and named:
        named = _distributed(doc, named[0]) + named
    at = next((i for i, c in enumerate(mates) if c.span == claim.span), None)
    if at is None or len(named) != len(mates) or len(mates) < 2:
        return None
    return named[at]


_SHARED_HEAD = re.compile(r"(?i)\b([a-z]+)\s+and\s+$")


def _distributed(doc: Doc, unit: Mention) -> list[Mention]:
    """The unit a word before "and" names with the named unit's last word: "international
    and domestic gaming revenues" names international gaming too ([] if it names none)."""
    lead = _SHARED_HEAD.search(doc.text, max(unit.start - 30, 0), unit.start)
    if lead is None:
        return []
    tail = doc.text[unit.start : unit.end].split()[-1]
    found = [
        m
        for m in find_mentions(f"{lead.group(1)} {tail}", doc.registry)
        if m.dimension and m.entity == unit.entity and m.dimension != unit.dimension
    ]
    if not found:
        return []
    return [Mention(lead.start(1), unit.start, unit.entity, found[0].dimension, "segment")]


# a cloud line's own figure ("cloud application revenue"), not capex on cloud capacity
_CLOUD_IN_RE = re.compile(
    r"(?i)\bcloud\s+(?:[\w-]+\s+){0,2}?(?:revenues?|sales|RPO|backlog|business|segment|unit)\b"
)


_CLOUD_AFTER_RE = re.compile(
    r"(?i)\s*(?:\([^()]{0,12}\)\s*)?"  # "30% year-on-year (YoY) increase in cloud revenue"
    r"(?:(?:increase|rise|growth|jump|gain|decline|drop)\s+in\s+)?(?:of\s+)?cloud\s+"
    r"(?:revenues?|sales|growth)\b"
)


_BULLET_RE = re.compile(r"[ \t]*(?:[•●▪◦‣*+-]|\d{1,2}[.)])[ \t]+")


_TOTAL_RE = re.compile(r"(?i)\b(?:total|overall|all)\b")


_TOTAL_BETWEEN_RE = re.compile(
    r"(?i)\b(?:total|overall|consolidated|company-wide|group-wide)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:revenues?|sales|operating\s+(?:income|profits?)|net\s+(?:income|profits?)|"
    r"capex|capital\s+expenditures?|profits?)"
    # ... said of this very figure, right before it
    r"\s*(?:of|was|were|came\s+to|reached|at|stood\s+at|totall?ed|:)?\s*$"
)


def _lead_in_segment(doc: Doc, start: int, entity: str | None) -> Mention | None:
    """The segment named by the lead-in of the list item starting at ``start``, if any.

    Why: list items abbreviate. Under "Oracle expects its cloud infrastructure segment to
    grow:", the item "Fiscal 2027 cloud revenue of $32 billion" means that segment, not
    the company's wider "cloud revenue". Only a generic item name ("cloud revenue", never
    "total cloud revenue") gives way, and only to a segment of the same company.
    """
    line = doc.text.rfind("\n", 0, start) + 1
    if not _BULLET_RE.match(doc.text, line) or entity is None:
        return None
    i = doc.sentence_index(line - 1)
    while i >= 0:
        a, b = doc.sentences[i]
        head = doc.text.rfind("\n", 0, a) + 1
        if not _BULLET_RE.match(doc.text, head):
            if not doc.text[a:b].rstrip().endswith(":"):
                return None
            segs = [m for m in doc.mentions_in(a, b) if m.kind == "segment" and m.entity == entity]
            return segs[-1] if segs else None
        i -= 1
    return None


def _lead(text: str, pos: int, end: int) -> int:
    """Characters from ``pos`` up to a cloud phrase that follows a figure closely."""
    m = re.match(
        r"(?i)[\s*:—–-]{0,4}(?:(?:[\w-]+\s+){0,2}?(?:in|at|of|from|for)\s+"
        r"(?:the\s+|its\s+)?)?",
        text[pos:end],
    )
    return m.end() if m else 0


# the opening of a clause that only restates the figure before it
_APPOSITION_RE = re.compile(r"(?i)[\s,;(]*(?:an?|up|down|or|representing|marking)?\s*")


_SUB_LINE_RE = re.compile(
    r"(?i)(?:consumption|subscriptions?|advertising|ads?|licen[cs](?:e|ing)|payments?)\s+"
    r"(?:revenues?|sales)"
)


def unknown_unit(
    doc: Doc, claim: Claim, lo: int, hi: int, known: list[Mention], entity: str | None = None
) -> bool:
    """Whether the clause names a business unit the registry does not know (of ``entity``:
    Tencent's "advertising revenue" is no unit of Meta's the registry knows)."""
    known = [k for k in known if k.end <= claim.span[0]]  # a name after the figure is later's
    start = known[-1].end if known else lo
    a, b = doc.sentence(claim.span[0])
    if not known and _APPOSITION_RE.fullmatch(doc.text, lo, claim.span[0]):
        start = a  # "Search brought in $54.2 billion, a 12 percent increase": same unit
    aside_spans = doc.asides(a, b, claim)
    for m in UNKNOWN_UNIT_RE.finditer(doc.text, start, claim.span[0]):
        if any(x <= m.start() < y for x, y in aside_spans):
            continue  # "-- which competes with Amazon's retail business --" names no subject
        if m.group("zhname") and any(
            mm.end == m.end("zhname") for mm in doc.mentions_in(m.start(), m.end())
        ):
            continue  # "阿里巴巴集团": the company's own name
        name = next((g for g in ("owner", "camel", "unit") if m.group(g)), "")
        if name and any(
            mm.start <= m.start(name) and m.end(name) <= mm.end
            for mm in doc.mentions_in(m.start() - 80, m.end())
        ):
            continue  # "Alibaba's revenue", "Alibaba Cloud's revenue": a known name's
        covering = [
            mm
            for mm in doc.mentions_in(m.start() - 80, m.end())
            if mm.end > m.start() and not (entity and mm.dimension and mm.entity != entity)
        ]
        if any(mm.dimension for mm in covering) or any(
            mm.start <= m.start() and m.end() <= mm.end for mm in covering
        ):
            continue  # a known name ("Alibaba Group", "Cloud Intelligence Group")
        if (
            known
            and not doc.text[known[-1].end : m.start()].strip()
            and not _SUB_LINE_RE.fullmatch(m.group())
        ):
            # the known name goes on ("cloud infrastructure" + "services segment"), unless
            # into one line of its revenue ("OCI consumption revenue")
            continue
        if CLOUD_RE.search(m.group()):
            continue
        return True
    del hi
    return False
