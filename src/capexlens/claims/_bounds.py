"""Figures as intervals: a printed figure stands for every true value that rounds or
truncates to it ("38.6 billion" is 38.55 to 38.7 billion), an issuer's own figure for the
values that round to it (a news copy may also have truncated).

Private to the verifier; :mod:`capexlens.claims._evidence` re-exports what it uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from capexlens.claims._names import ISO_UNIT
from capexlens.fx import money_text
from capexlens.models import Claim, Fact, Money, SourceKind

__all__ = [
    "APPROX_WORDS",
    "FLOOR_WORDS",
    "NUM",
    "Bounds",
    "Candidate",
    "claim_bounds",
    "currency_of",
    "dropped_digit",
    "fact_bounds",
    "fact_text",
    "fmt_value",
    "outside_range",
    "printed_ulp",
    "spread",
    "too_loose",
]

NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
# "5,000+" is a floor; "+17%" is only a sign
FLOOR_WORDS = re.compile(
    r"(?i)\b(?:more than|over|above|at least|in excess of|exceed\w*)\b|(?<=\d)\+"
)
APPROX_WORDS = re.compile(r"(?i)\b(?:about|approximately|around|roughly|nearly|almost|some)\b|~")
_UNITS = {"percent": "%", "parameters": " parameters", "count": ""}


@dataclass(frozen=True, slots=True)
class Bounds:
    """The true values a printed figure can stand for, ``lo`` to ``hi``."""

    lo: Decimal
    hi: Decimal

    def meets(self, other: Bounds) -> bool:
        """Whether two intervals overlap (touching ends do not: 10.5 is no "11")."""
        return self.lo < other.hi and other.lo < self.hi

    def covers(self, other: Bounds) -> bool:
        """Whether every value of ``other`` lies in this interval."""
        return self.lo <= other.lo and other.hi <= self.hi

    def scaled(self, lo: Decimal, hi: Decimal) -> Bounds:
        """The interval multiplied by a factor known to lie in ``[lo, hi]`` (both > 0)."""
        ends = [self.lo * lo, self.lo * hi, self.hi * lo, self.hi * hi]
        return Bounds(min(ends), max(ends))


def printed_ulp(printed: str, value: Decimal) -> Decimal:
    """One unit of the last printed digit of a figure, in the figure's base units.

    >>> [int(printed_ulp(p, Decimal(v))) for p, v in [("38.6 billion RMB", "38.6e9"),
    ...     ("26%", "26"), ("333.98億元", "33398000000"), ("", "17700000000")]]
    [100000000, 1, 1000000, 100000000]
    """
    return _printed_ulp(printed, value)


@functools.lru_cache(maxsize=8192)
def _printed_ulp(printed: str, value: Decimal) -> Decimal:
    """:func:`printed_ulp`, cached: a pure function of the figure, which the checker asks
    again for every claim a stored fact is compared with. Equal values that differ in
    exponent share an entry safely: the result depends on the value alone."""
    size = abs(value)
    for token in NUM.findall(printed):
        number = Decimal(token.replace(",", ""))
        if number == 0 or size == 0:
            continue
        ratio = size / number
        exponent = ratio.adjusted()
        if abs(ratio / Decimal(10) ** exponent - 1) < Decimal("0.001"):
            decimals = len(token.split(".")[1]) if "." in token else 0
            return Decimal(10) ** (exponent - decimals)
    if size == 0:
        return Decimal(1)
    digits = size.normalize().as_tuple()
    return (
        Decimal(10) ** max(int(digits.exponent), 0)
        if isinstance(digits.exponent, int)
        else (Decimal(1))
    )


def spread(lo: Decimal, hi: Decimal, value: Decimal) -> Bounds:
    """Bounds ``value - lo`` to ``value + hi`` for a positive value, mirrored for a negative."""
    if value < 0:
        return Bounds(value - hi, value + lo)
    return Bounds(value - lo, value + hi)


def claim_bounds(claim: Claim) -> Bounds | None:
    """The true values a claim allows, from its printed precision and qualifiers.

    A plain figure may be rounded or truncated: "38.6 billion" allows 38.55 to 38.7
    billion. "about" widens by 2%, "more than" is a floor, "nearly"/"up to" a ceiling.

    >>> from capexlens.models import ClaimKind
    >>> c = Claim("38.6 billion", (0, 12), ClaimKind.AMOUNT, Decimal("38.6e9"), "CNY",
    ...           as_printed="38.6 billion")
    >>> b = claim_bounds(c); (int(b.lo), int(b.hi))
    (38550000000, 38700000000)
    """
    if claim.value is None:
        return _digit_bounds(claim)
    v, quals = claim.value, set(claim.qualifiers)
    u = printed_ulp(claim.as_printed or claim.text, v) * _round_zeros(
        claim.as_printed or claim.text
    )
    if claim.unit == "ratio":
        u = max(u, Decimal("0.5"))
    b = spread(u / 2, u, v)
    if claim.value_high is not None:
        b = Bounds(min(b.lo, v - u / 2), claim.value_high + u)
    # how far above a floor ("more than $21 billion") a claim may still be fair; "more
    # than tripled" reads fair of a 4.3-fold rise, so multiples get more room
    room = max(u, abs(v) / (2 if claim.unit == "ratio" else 4))
    # "nearly double" is 1.75 to 2 times, not anything up to it
    low_room = max(u / 4, abs(v) / 8) if claim.unit == "ratio" else room
    if "approx" in quals:
        # half a last digit more than the digits allow: "about $38 billion" is no $36.5
        # billion, which its writer would have rounded to "about $37 billion"
        pad = max(u / 2, abs(v) * Decimal("0.02"))
        b = Bounds(b.lo - pad, b.hi + pad)
    # "over half" is a floor at exactly 50: a word has no last digit to round
    edge = Decimal(0) if _worded(claim) else u / 2
    if quals & {"at_least", "plus"}:
        b = Bounds(v - edge, v + room) if v >= 0 else Bounds(v - room, v + edge)
    if "at_most" in quals:
        b = Bounds(v - low_room, v + edge) if v >= 0 else Bounds(v - edge, v + low_room)
    if claim.unit == "ratio":  # a multiple N is growth of (N - 1) * 100 percent
        return Bounds((b.lo - 1) * 100, (b.hi - 1) * 100)
    return b


def _round_zeros(printed: str) -> Decimal:
    """How much coarser than its last digit a round figure may be: "6600亿" may be 6,602.57亿
    rounded to the hundred (its zeros need not be significant); one zero is taken as a digit,
    the others as rounding ("$600 billion" is read to the ten)."""
    token = next(iter(NUM.findall(printed)), "")
    if not token or "." in token:
        return Decimal(1)
    digits = token.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** (zeros - 1) if zeros >= 2 and digits.strip("0") else Decimal(1)


def _worded(claim: Claim) -> bool:
    """Whether the figure is printed in words only ("half", "a third")."""
    return not any(ch.isdigit() for ch in claim.as_printed or claim.text)


def _digit_bounds(claim: Claim) -> Bounds | None:
    """ "triple-digit growth": at least 100% and below 1000%."""
    low = next((q[4:] for q in claim.qualifiers if q.startswith("min:")), None)
    high = next((q[3:] for q in claim.qualifiers if q.startswith("lt:")), None)
    if low is None and high is None:
        return None
    return Bounds(Decimal(low or "-100"), Decimal(high or "100000"))


def fact_bounds(fact: Fact) -> Bounds:
    """The true values a stored fact allows: rounding of the issuer's own figures, also
    truncation for news copies, 1% for derived figures (plus the ``tolerance`` a derivation
    from rounded inputs states), floors and "approximately" as printed ("more than $21
    billion")."""
    derived = fact.is_derived or fact.source.kind is SourceKind.DERIVED
    high = fact.value_high
    if fact.tolerance is not None:
        derived = False  # the stated error bar replaces the generic 1% of a derivation
    elif derived and high is None and not fact.as_printed and ISO_UNIT.fullmatch(fact.unit):
        pad = _inputs_pad(fact.derivation)
        if pad is not None:  # a sum of amounts printed to the million is exact to millions
            return Bounds(fact.value - pad, fact.value + pad)
    # the digits are part of the key (as text: ``as_tuple`` costs several times more):
    # bounds keep the digits of the value they came from
    b = _fact_bounds(
        fact.as_printed,
        fact.value,
        str(fact.value),
        high,
        None if high is None else str(high),
        fact.source.kind.is_primary,
        derived,
    )
    if fact.tolerance is not None:  # a derivation's own error bar, wider than its digits
        return Bounds(b.lo - fact.tolerance, b.hi + fact.tolerance)
    return b


# an amount a derivation names, to its last printed digit: "$69,691m", "RMB1,235 million"
_INPUT_AMOUNT = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.(\d+))?)\s?(m|mn|mil|million|bn|billion)\b", re.IGNORECASE
)
_INPUT_SCALE = {"m": 6, "mn": 6, "mil": 6, "million": 6, "bn": 9, "billion": 9}


@functools.lru_cache(maxsize=1024)
def _inputs_pad(derivation: str) -> Decimal | None:
    """Half a last digit of every amount a money derivation is made of ("$69,691m +
    $2,524m" is exact within $1 million), or ``None`` when it names none (the generic 1%
    then stands).

    >>> _inputs_pad("Capital Expenditures $69,691m + finance leases $2,524m")
    Decimal('1000000')
    """
    found = _INPUT_AMOUNT.findall(derivation)
    if not found:
        return None
    pad = Decimal(0)
    for _, decimals, scale in found:
        pad += Decimal(10) ** (_INPUT_SCALE[scale.lower()] - len(decimals)) / 2
    return pad


_PERCENT_PRINTED = re.compile(r"(?i)%|\bper\s*cent\b|\bpercent\b")


@functools.lru_cache(maxsize=8192)
def _fact_bounds(
    printed: str,
    v: Decimal,
    v_digits: str,
    value_high: Decimal | None,
    high_digits: str | None,
    issuer: bool,
    derived: bool,
) -> Bounds:
    """:func:`fact_bounds` of a fact's printed figure, cached across claims and articles."""
    del v_digits, high_digits
    u = printed_ulp(printed, v)
    b = spread(u / 2, u / 2 if issuer else u, v)
    if value_high is not None:
        b = Bounds(v - u / 2, value_high + u / 2)
    if derived:
        pad = abs(v) / 100
        b = Bounds(b.lo - pad, b.hi + pad)
    # a copy's "about $30 billion" may round $30.4 billion further than its digits say (the
    # issuer's word is exact); a copy's "about 37%" is the issuer's guidance word for word,
    # and its digits already allow 36.5-38
    if APPROX_WORDS.search(printed) and not issuer and not _PERCENT_PRINTED.search(printed):
        pad = max(u / 2, abs(v) * Decimal("0.01"))
        b = Bounds(b.lo - pad, b.hi + pad)
    if FLOOR_WORDS.search(printed):
        # a stated floor ("more than $30 billion") is said of a figure close above it: a
        # company expecting $36 billion would say so
        b = Bounds(b.lo, b.hi + max(u, abs(v) / 8))
    return b


def fmt_value(value: Decimal, unit: str | None) -> str:
    """A value as a reader writes it.

    >>> fmt_value(Decimal("38680000000"), "CNY"), fmt_value(Decimal("-5.1"), "percent")
    ('RMB38.7 billion', '-5.1%')
    >>> fmt_value(Decimal("2.84075"), "USD/share")
    'USD 2.84 per share'
    """
    if unit and ISO_UNIT.match(unit):
        return money_text(Money(value, unit))
    if unit == "parameters" and abs(value) >= 10**9:
        return f"{value / 10**9:g} billion parameters"
    if unit and currency_of(unit) and unit.endswith("/share"):  # a conversion: cents
        return f"{currency_of(unit)} {value.quantize(Decimal('0.01'))} per share"
    shown = f"{value.normalize():f}" if value % 1 else f"{int(value):,}"
    return f"{shown}{_UNITS.get(unit or '', ' ' + (unit or ''))}".rstrip()


def fact_text(f: Fact) -> str:
    shown = f.as_printed or fmt_value(f.value, f.unit)
    return f"{shown} ({f.period.label or f.period}; {f.source.publisher}, {f.source.published})"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact offered for comparison, with the interval it allows."""

    fact: Fact
    bounds: Bounds


def currency_of(unit: str) -> str:
    """The currency of a money unit: ``CNY`` of ``CNY`` and of ``CNY/share`` (earnings per
    share convert at the same rate), "" of any other unit; per share only to per share."""
    if ISO_UNIT.match(unit):
        return unit
    code, _, per = unit.partition("/")
    return code if per == "share" and ISO_UNIT.match(code) else ""


def outside_range(claim: Claim, fact: Fact) -> bool:
    """Whether a point figure lies outside a stored range ("$69 billion" against a plan of
    "$70-72 billion"): the range's ends are the plan's, exact, so only the claim's own
    rounding may reach them, not its truncation nor the range's digits."""
    if (
        claim.value is None
        or claim.value_high is not None
        or fact.value_high is None
        or claim.unit != fact.unit
        or {"at_least", "at_most", "plus"} & set(claim.qualifiers)
    ):
        return False
    u = printed_ulp(claim.as_printed or claim.text, claim.value) / 2
    if "approx" in claim.qualifiers:
        u = max(u, abs(claim.value) * Decimal("0.02"))
    return not fact.value - u <= claim.value <= fact.value_high + u


def too_loose(cand: Candidate) -> bool:
    """Whether a rate derived from coarse inputs ("$14 billion" to "$21.4 billion": 42% to
    59%) is too wide to bear out any figure: it supports nothing, and shows as the store's
    figure only where nothing closer is held."""
    f = cand.fact
    if f.unit != "percent" or not (f.is_derived or f.source.kind is SourceKind.DERIVED):
        return False
    return cand.bounds.hi - cand.bounds.lo > max(Decimal(4), abs(f.value) / 10)


def dropped_digit(claim: Claim, printed: Bounds, fact: Bounds) -> Decimal | None:
    """The leading part a figure lost or gained by a slip of one digit ("$39.5 billion" for
    $139.5 billion: 100 billion), if the printed figure of three or more significant digits
    is the fact with a leading digit dropped or added; else ``None``.

    >>> from capexlens.models import ClaimKind
    >>> c = Claim("$39.5 billion", (0, 13), ClaimKind.AMOUNT, value=Decimal("39.5e9"))
    >>> dropped_digit(c, Bounds(Decimal("39.45e9"), Decimal("39.55e9")),
    ...               Bounds(Decimal("139.45e9"), Decimal("139.55e9")))
    Decimal('100000000000')
    """
    value = claim.value
    digits = re.sub(r"\D", "", claim.text).lstrip("0")
    if value is None or value <= 0 or len(digits) < 3:
        return None  # a round "$40 billion" against $140 billion is more likely another line
    mid = (fact.lo + fact.hi) / 2
    big, small = (fact, printed) if mid > value else (printed, fact)
    top = max(big.lo, Decimal(1)).adjusted()  # the leading digit's power of ten
    step = Decimal(10) ** top
    if step <= max(small.hi, Decimal(0)):
        return None  # the digit must stand above every digit of the smaller figure
    for k in range(1, 10):
        lead = k * step
        if small.lo + lead < big.hi and big.lo < small.hi + lead:
            return lead
    return None
