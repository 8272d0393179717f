"""Which figure of a sentence a period phrase speaks of.

A phrase belongs to the figure nearest to it, with the ties of print weighed: a phrase a
figure leads into ("$523 billion in fiscal Q2") is that figure's; one past a comma, or
opening the next clause, is looser; bracketed bases and dash glosses keep their own time.
Private to the period reader (:mod:`capexlens.claims._phrases`).
"""

from __future__ import annotations

import re

from capexlens.claims._names import CLAUSE_BREAK_RE, Doc
from capexlens.models import Claim, ClaimKind

__all__ = ["LABEL_COLON", "Phrase", "brackets", "phrases_for", "quarter_of_year"]


Phrase = tuple[int, int, str]


_COMMA_RE = re.compile(r"[,，;；]")
_OPENS_CLAUSE_RE = re.compile(r"[，；]\s*$")
_SAME_AS_BEFORE = re.compile(
    r"(?i)\s*(?:in|for|during|over)\s+the\s+same\s+(?:quarter|period|year)\b"
    r"(?!\s+(?:of\s+)?(?:last|a|the\s+previous|the\s+prior)\s+year)"
)
_DATED_BY_RE = re.compile(
    r"(?i)\s*(?:in|for|during|over|through|as\s+of|(?:at|by)\s+the\s+end\s+of)\s+"
    r"(?:the\s+|its\s+)?(?:fiscal\s+|calendar\s+)?"
)


_YEARLESS_QUARTER = re.compile(
    r"(?i)(?:fiscal\s+)?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|Q[1-4])"
)
_BARE_YEAR = re.compile(r"(?i)(?:fiscal\s+(?:year\s+)?|FY\s?)?(?:19|20)\d{2}")


def quarter_of_year(
    doc: Doc, own: list[Phrase], shared: list[Phrase]
) -> tuple[list[Phrase], list[Phrase]]:
    """A quarter named without its year and a year said apart in the same sentence are one
    period ("fiscal second-quarter revenues of $16.1 billion for 2026": Q2 of fiscal 2026,
    not the year 2026)."""
    every = own + shared
    quarters = [p for p in every if _YEARLESS_QUARTER.fullmatch(p[2].strip())]
    years = [p for p in every if _BARE_YEAR.fullmatch(p[2].strip())]
    if len(quarters) != 1 or len(years) != 1:
        return own, shared
    (q,), (y,) = quarters, years
    if CLAUSE_BREAK_RE.search(doc.text, min(q[1], y[1]), max(q[0], y[0])):
        return own, shared  # "Q2 capex was $22.4 billion, and it expects $85 billion for 2025"
    a, _ = doc.sentence(q[0])
    after_q = doc.claims_in(q[1], y[0])
    if (
        y[0] < q[0]
        or doc.claims_in(a, q[0])
        or len(after_q) != 1
        or not _DATED_BY_RE.fullmatch(doc.text, after_q[0].span[1], y[0])
    ):
        # "$31.4 billion in capex in Q2 and ... more than $118 billion in 2025": the quarter
        # dates the figure before it. Only a quarter that opens the sentence's figures takes
        # the year said right after the first ("fiscal second-quarter revenues of $16.1
        # billion for 2026").
        return own, shared
    joined = (q[0], q[1], f"{q[2].strip()} {y[2].strip()}")

    def fold(phrases: list[Phrase]) -> list[Phrase]:
        return [joined if p == q else p for p in phrases if p != y]

    if y in own and q not in own:
        own = [joined, *own]
    return fold(own), fold(shared)


def phrases_for(doc: Doc, claim: Claim) -> tuple[list[Phrase], list[Phrase]]:
    """Period phrases of the claim's sentence that speak of it, best first: its own, then
    the sentence's others.

    A phrase belongs to the claim nearest to it; a claim without one of its own takes the
    sentence's other phrases, nearest first, except those of comparison bases ("from Q2
    2024's $1.2 billion").
    """
    a, b = doc.sentence(claim.span[0])
    phrases = doc.phrases_in(a, b)
    if not phrases:
        return [], []
    mates = [c for c in doc.claims_in(a, b) if c.kind is not ClaimKind.COMPARATIVE]

    def gap(p: tuple[int, int, str], c: Claim) -> int:
        if _AND_NEXT.fullmatch(doc.text, p[1], c.span[0]):
            # "grew 34% for the full year and 39% in the June quarter": a phrase before
            # "and" closes the item before it
            return 1000
        gap = max(c.span[0] - p[1], p[0] - c.span[1], 0)
        between = doc.text[p[1] : c.span[0]] if p[1] <= c.span[0] else doc.text[c.span[1] : p[0]]
        if p[0] >= c.span[1] and _DATED_BY_RE.fullmatch(between):
            return 0  # "$523 billion in fiscal Q2": the phrase the figure leads into
        if p[1] <= c.span[0] and _POSSESSIVE_RE.fullmatch(between):
            return 0  # "more than double 2024's $83 billion": the year's own figure
        if p[0] >= c.span[1] and _OPENS_CLAUSE_RE.search(between):
            # "录得经营亏损150.91亿元，去年同期经营利润为69.25亿元": a phrase that opens
            # the clause after the figure dates that clause's figures
            return gap + 40
        # "资本支出为33.8亿元，去年同期为16.38亿元": a comma between is a looser tie than none
        return gap + 2 if _COMMA_RE.search(between) else gap

    def rank(p: tuple[int, int, str], c: Claim) -> tuple[bool, int]:
        # "up 24% year over year, and full-year revenue rose 22%": a phrase speaks of the
        # figures of its own clause first, however near a figure of the clause before
        lo, hi = doc.clause(c)
        return (not lo <= p[0] < hi, gap(p, c))

    own: list[Phrase] = []
    shared: list[Phrase] = []
    bases = {"from", "compared"}
    # "revenue was RMB180.02 billion in Q1, up 12.87%, above the previous quarter's 11.11%":
    # the phrase of the level a growth restates is the growth's own too
    tied = {doc.claims[j].span for j in claim.related if 0 <= j < len(doc.claims)}
    for p in phrases:
        inside = brackets(doc.text, p, a)
        held = [c for c in mates if inside and inside[0] < c.span[0] < inside[1]]
        owner = min(held or mates, key=lambda c: rank(p, c)) if mates else claim
        # "compared to $13.5 billion, or $1.26": twin bases of one clause share its phrase
        base_pair = (
            bases & set(owner.qualifiers)
            and bases & set(claim.qualifiers)
            and doc.clause(owner) == doc.clause(claim)
        )
        if owner.span in tied and claim.kind is ClaimKind.GROWTH and not rank(p, owner)[0]:
            own.append(p)
        elif owner.span == claim.span and rank(p, claim)[0]:
            # "will buy back shares in 2025; dividends rose 32%": the nearest figure, but
            # of another clause, so the sentence's, not the figure's own
            shared.append(p)
        elif owner.span == claim.span or base_pair:  # one base: "$13.5bn, or $1.26"
            own.append(p)
        elif _bracketed_apart(doc.text, p, claim, a, mates):
            continue  # "(Q2 2024: 9.9%)" speaks of the figure in its brackets only
        elif _PREVIOUS_QUARTER.fullmatch(p[2].strip()):
            continue  # "上一季度为亏损5900万元": the base's quarter, lent to no other figure
        elif (
            p[0] >= owner.span[1]
            and (
                _DATED_BY_RE.fullmatch(doc.text, owner.span[1], p[0])
                or not doc.text[owner.span[1] : p[0]].strip()  # "51% for the year"
            )
            and _DATED_BY_RE.match(doc.text, claim.span[1])
            and not _SAME_AS_BEFORE.match(doc.text, claim.span[1])
        ):
            # "$455 billion in fiscal Q1, $523 billion in fiscal Q2 and $638 billion at the
            # end of the year": an item's phrase is its own, lent to no item with a time of
            # its own (read or not)
            continue
        elif (
            owner.span[0] > claim.span[1]
            and _FORECASTS & set(owner.qualifiers)
            and not _FORECASTS & set(claim.qualifiers)
        ):
            continue  # "$24.745 billion, expected to be $23.365 billion in 2024": the estimate's
        elif (not bases & set(owner.qualifiers) or _before_from(doc, p, owner)) and not _past_dash(
            doc.text, claim, p
        ):
            shared.append(p)
    own.sort(key=lambda p: rank(p, claim))
    shared.sort(key=lambda p: rank(p, claim))
    return own, shared


_POSSESSIVE_RE = re.compile(r"['’]s\s+")
_PREVIOUS_QUARTER = re.compile(
    r"(?i)(?:the\s+)?(?:previous|prior|preceding)\s+(?:fiscal\s+)?quarter"
)
_FORECASTS = frozenset({"guidance", "estimate"})
_AND_NEXT = re.compile(r"\s*,?\s+and\s+")


def _past_dash(text: str, claim: Claim, phrase: Phrase) -> bool:
    """Whether another figure's phrase stands past a dash after the claim ("$627B vs. $625B
    at Q2 — a $2B add after the $250B commit landed in Q1"): the dash's gloss has its own
    time."""
    return (
        phrase[0] > claim.span[1] and _GLOSS_DASH.search(text, claim.span[1], phrase[0]) is not None
    )


_GLOSS_DASH = re.compile(r"\s(?:—|–|--)\s")


def brackets(text: str, phrase: Phrase, floor: int) -> tuple[int, int] | None:
    """The offsets of the brackets ``phrase`` stands in (from ``floor`` on), if any."""
    opened = text.rfind("(", floor, phrase[0])
    if opened < 0 or text.rfind(")", opened, phrase[0]) >= 0:
        return None
    closed = text.find(")", phrase[1])
    return (opened, closed) if closed >= 0 else None


def _bracketed_apart(
    text: str, phrase: Phrase, claim: Claim, floor: int, mates: list[Claim]
) -> bool:
    """Whether ``phrase`` stands inside brackets that do not also hold ``claim``; a
    bracketed label before a colon that leads the sentence's figures ("Alphabet (2025):
    capex of ..., and operating cash flow of ...") dates them all."""
    inside = brackets(text, phrase, floor)
    if inside is None or inside[0] < claim.span[0] < inside[1]:
        return False
    return any(c.span[0] < inside[1] for c in mates) or not LABEL_COLON.match(text, inside[1] + 1)


# brackets that close a label ("Alphabet (2025):"): they date what follows
LABEL_COLON = re.compile(r"[*_]*\s*:")


def _before_from(doc: Doc, phrase: tuple[int, int, str], owner: Claim) -> bool:
    """ "for this year from $75 billion to $85 billion": a phrase before "from" is said of
    both ends, unlike "Q2 2024's $1.2 billion" or "7.8% in Q2 2024"."""
    if phrase[1] > owner.span[0]:
        return False
    return re.search(r"(?i)\bfrom\b", doc.text[phrase[1] : owner.span[1]]) is not None
