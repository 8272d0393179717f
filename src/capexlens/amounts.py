"""Read figures as sources print them ("RMB247,652 million", "$91–93 billion", "26%").

:func:`parse_printed` turns one printed figure into exact values. The grammar pieces it is
built from (currency markers, scale words, number words and the regex fragments that match
them) are public so that :mod:`capexlens.claims` reads numbers in running text with the very
same rules: a figure parses the same way in a curated file and in an article.

Values are exact :class:`~decimal.Decimal` in base units (yuan, dollars, plain counts);
percentages are in points (``26`` for 26%). This module imports only :mod:`capexlens.errors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from capexlens.errors import ParseError

__all__ = [
    "CURRENCY_AFTER",
    "CURRENCY_BEFORE",
    "NUMBER_WORDS",
    "PERCENT_PATTERN",
    "SCALES",
    "FigureParts",
    "PrintedFigure",
    "currency_after_pattern",
    "currency_before_pattern",
    "figure_pattern",
    "number_pattern",
    "parse_printed",
    "read_number",
    "read_scale",
    "scale_pattern",
    "tidy",
]

# Markers printed before the number. ``None`` means the marker names no single currency:
# "¥" is both the Chinese yuan and the Japanese yen.
CURRENCY_BEFORE: dict[str, str | None] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "$": "USD",
    "HK$": "HKD",
    "HKD": "HKD",
    "RMB": "CNY",
    "Rmb": "CNY",
    "CNY": "CNY",
    "CN¥": "CNY",
    "¥": None,
    "JP¥": "JPY",
    "JPY": "JPY",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "S$": "SGD",
    "NT$": "TWD",
    "₩": "KRW",
    "KRW": "KRW",
    "₹": "INR",
    "INR": "INR",
}

# Markers printed after the number (and its scale word); matched without regard to case.
CURRENCY_AFTER: dict[str, str] = {
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "元": "CNY",
    "usd": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "円": "JPY",
    "jpy": "JPY",
    # Chinese names a currency after the number and its scale: "242亿美元", "520港元"
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "人民币": "CNY",
    "人民幣": "CNY",
    "日元": "JPY",
    "欧元": "EUR",
    "歐元": "EUR",
}

# Scale words: multiplier and canonical name. Single letters are case-sensitive (handled in
# :func:`read_scale`); words match in any case.
SCALES: dict[str, tuple[Decimal, str]] = {
    "thousand": (Decimal(10) ** 3, "thousand"),
    "k": (Decimal(10) ** 3, "thousand"),
    "million": (Decimal(10) ** 6, "million"),
    "mln": (Decimal(10) ** 6, "million"),
    "mn": (Decimal(10) ** 6, "million"),
    "mil": (Decimal(10) ** 6, "million"),
    "m": (Decimal(10) ** 6, "million"),
    "billion": (Decimal(10) ** 9, "billion"),
    "bln": (Decimal(10) ** 9, "billion"),
    "bn": (Decimal(10) ** 9, "billion"),
    "b": (Decimal(10) ** 9, "billion"),
    "trillion": (Decimal(10) ** 12, "trillion"),
    "trn": (Decimal(10) ** 12, "trillion"),
    "tn": (Decimal(10) ** 12, "trillion"),
    "t": (Decimal(10) ** 12, "trillion"),
    "万": (Decimal(10) ** 4, "ten thousand"),
    "萬": (Decimal(10) ** 4, "ten thousand"),
    "亿": (Decimal(10) ** 8, "hundred million"),
    "億": (Decimal(10) ** 8, "hundred million"),
    "兆": (Decimal(10) ** 12, "trillion"),
    "万亿": (Decimal(10) ** 12, "trillion"),
    "萬億": (Decimal(10) ** 12, "trillion"),
}

_UNITS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# Number words up to ninety-nine; larger figures are printed in digits in financial text.
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS)
}

PERCENT_PATTERN = r"%|(?i:per\s?cent|percent|pct)\b"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORDS = (
    r"\b(?i:(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + "|".join(_UNITS[1:10])
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")\b"
)
_SIGNS = "-−"  # a minus as typed and as typeset
_SIGN = f"[{_SIGNS}]"


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so that "US$" beats "$"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def number_pattern(words: bool = True, digits: bool = True) -> str:
    """Regex source for a number in digits ("247,652", "38.6"), in words ("eight"), or both."""
    return "|".join(p for p, on in ((_DIGITS, digits), (_WORDS, words)) if on)


def currency_before_pattern() -> str:
    """Regex source for a currency marker printed before the number."""
    return _alternation(list(CURRENCY_BEFORE))


def currency_after_pattern() -> str:
    """Regex source for a currency marker printed after the number (any case)."""
    spaced = [re.escape(w).replace(r"\ ", r"\s") for w in sorted(CURRENCY_AFTER, key=len)[::-1]]
    return r"(?i:" + "|".join(spaced) + r")(?![A-Za-z])"


def scale_pattern(letters: bool = True) -> str:
    """Regex source for a scale word; ``letters`` also admits the one-letter forms (m, B)."""
    words = [w for w in SCALES if len(w) > 1 or not w.isascii()]
    source = r"(?i:" + _alternation(words) + r")"
    if letters:
        source += r"|[kKmMbBT]"
    return f"(?:{source})(?![A-Za-z])"


def digit_figure_start() -> str:
    """Regex source for a class of the characters a signed figure in digits starts with: a
    sign, a currency marker's first character, a digit or a point."""
    firsts = {*_SIGNS, *(w[0] for w in CURRENCY_BEFORE)}
    return "[" + "".join(re.escape(c) for c in sorted(firsts)) + r"\d.]"


def figure_pattern(tag: str, signed: bool = True, words: bool = True, digits: bool = True) -> str:
    """Regex source for one figure; group names end in ``tag`` so two figures can coexist.

    ``words`` and ``digits`` choose how the number may be printed (at least one of them).

    Groups: ``sign``, ``pre`` (currency before), ``num``, ``scale``, ``post`` (currency
    after) and ``pct``, each suffixed with ``_<tag>``. Read a match with :class:`FigureParts`.
    """
    sign = f"(?P<sign_{tag}>{_SIGN})?" if signed else ""
    return (
        f"{sign}(?:(?P<pre_{tag}>{currency_before_pattern()})\\s?)?"
        f"(?P<num_{tag}>{number_pattern(words, digits)})"
        f"(?:(?:\\s|-(?=[A-Za-z]{{4}}))?(?P<scale_{tag}>{scale_pattern()}))?"
        f"(?:\\s?(?P<post_{tag}>{currency_after_pattern()}))?"
        f"(?:\\s?(?P<pct_{tag}>{PERCENT_PATTERN}))?"
    )


def tidy(value: Decimal) -> Decimal:
    """An exact value without a trailing ``.0`` (and without an exponent).

    >>> tidy(Decimal("38.6") * 10**9), tidy(Decimal("5.10"))
    (Decimal('38600000000'), Decimal('5.1'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def read_number(token: str) -> Decimal:
    """The value of a number as printed in digits or words.

    >>> read_number("247,652"), read_number("eight"), read_number("Twenty-five")
    (Decimal('247652'), Decimal('8'), Decimal('25'))
    """
    cleaned = token.replace(",", "").strip()
    if cleaned[:1].isdigit() or cleaned[:1] == ".":
        return Decimal(cleaned)
    parts = re.split(r"[-\s]+", cleaned.lower())
    try:
        return Decimal(sum(NUMBER_WORDS[p] for p in parts))
    except KeyError:
        msg = f"{token!r} is no number: expected digits or a word such as 'eight'"
        raise ParseError(msg) from None


def read_scale(word: str | None) -> tuple[Decimal, str]:
    """Multiplier and canonical name of a scale word ("" and 1 when there is none).

    >>> read_scale("bn"), read_scale("亿")
    ((Decimal('1000000000'), 'billion'), (Decimal('100000000'), 'hundred million'))
    """
    if not word:
        return Decimal(1), ""
    key = word if word in SCALES else word.lower()
    if key not in SCALES:
        raise ParseError(f"{word!r} is no scale word: expected million, billion, bn, 亿 ...")
    return SCALES[key]


@dataclass(frozen=True, slots=True)
class FigureParts:
    """The pieces of one figure as matched by :func:`figure_pattern`, before combining."""

    negative: bool
    before: str | None
    number: str
    scale: str | None
    after: str | None
    percent: bool

    @classmethod
    def from_match(cls, match: re.Match[str], tag: str) -> FigureParts:
        """Read the groups ``*_<tag>`` of a match."""
        return cls(
            negative=bool(match.groupdict().get(f"sign_{tag}")),
            before=match.group(f"pre_{tag}"),
            number=match.group(f"num_{tag}"),
            scale=match.group(f"scale_{tag}"),
            after=match.group(f"post_{tag}"),
            percent=bool(match.group(f"pct_{tag}")),
        )

    def currencies(self) -> tuple[str | None, ...]:
        """ISO codes of the currency markers, in print order (``None`` for ambiguous "¥")."""
        found: list[str | None] = []
        if self.before is not None:
            found.append(CURRENCY_BEFORE[self.before])
        if self.after is not None:
            found.append(CURRENCY_AFTER[re.sub(r"\s+", " ", self.after.lower())])
        return tuple(found)

    def magnitude(self, scale: str | None = None) -> Decimal:
        """The signed value with the scale word (or ``scale`` if given) applied."""
        factor, _ = read_scale(scale if scale is not None else self.scale)
        value = read_number(self.number) * factor
        return tidy(-value if self.negative else value)


@dataclass(frozen=True, slots=True)
class PrintedFigure:
    """One figure as printed, read into exact values.

    ``value`` is in base units (percent in points) and is the low end of a range, whose high
    end is ``value_high``. ``unit`` is an ISO 4217 code, ``"percent"``, ``"<ISO>/share"``,
    ``"parameters"`` or ``None`` when the text names no unit; it is also ``None`` with
    ``currency_ambiguous`` set when the only marker is "¥" (yuan or yen). ``scale`` is the
    canonical scale word applied ("billion", "hundred million" for 亿) or "" if none.
    """

    value: Decimal
    value_high: Decimal | None
    unit: str | None
    currency_ambiguous: bool
    percent: bool
    scale: str


_RANGE_JOIN = r"\s*(?:to|and|[-–—~])\s*"
_TAIL = r"(?:\s?(?P<tail>\+|per\s+(?:share|ADS)|an?\s+(?:share|ADS)|parameters))?"
_SINGLE_RE = re.compile(r"\s*" + figure_pattern("a") + _TAIL + r"\s*")
_RANGE_RE = re.compile(
    r"\s*(?i:between\s+|from\s+)?"
    + figure_pattern("a")
    + _RANGE_JOIN
    + figure_pattern("b", signed=False)
    + _TAIL
    + r"\s*"
)
_EXPECTED = (
    "expected one number with optional currency (US$, $, RMB, HK$, ¥, €, yuan), scale "
    "(thousand, million, billion, bn, 亿) and percent sign, or a range of two, e.g. "
    "'RMB247,652 million', 'US$11.9 billion', '26%', '$64 billion to $72 billion'"
)


def _one_currency(text: str, parts: list[FigureParts]) -> tuple[str | None, bool]:
    """The single currency of a figure or range, and whether it is ambiguous ("¥")."""
    markers = [c for p in parts for c in p.currencies()]
    codes = {c for c in markers if c is not None}
    if len(codes) > 1:
        raise ParseError(
            f"{text!r} names more than one currency ({', '.join(sorted(codes))}); "
            "print the figure in one currency"
        )
    if codes:
        return codes.pop(), False
    return None, bool(markers)


def _unit(currency: str | None, percent: bool, tail: str) -> str | None:
    """The unit string from the currency, the percent sign and a trailing noun."""
    if percent:
        return "percent"
    if tail.endswith(("share", "ads")) and currency is not None:  # an ADS is a share here
        return f"{currency}/share"
    if tail == "parameters":
        return "parameters"
    return currency


def parse_printed(text: str) -> PrintedFigure:
    """Read one figure as printed in a source into exact values.

    A trailing "+" ("5,000+") is accepted and read as the number itself.

    >>> parse_printed("RMB247,652 million")  # doctest: +NORMALIZE_WHITESPACE
    PrintedFigure(value=Decimal('247652000000'), value_high=None, unit='CNY',
                  currency_ambiguous=False, percent=False, scale='million')
    >>> parse_printed("$91–93 billion").value_high
    Decimal('93000000000')
    >>> parse_printed("¥38.6bn").currency_ambiguous
    True
    >>> parse_printed("3,800亿元").value, parse_printed("eight per cent").value
    (Decimal('380000000000'), Decimal('8'))
    >>> parse_printed("about $5bn")
    Traceback (most recent call last):
    ...
    capexlens.errors.ParseError: cannot read 'about $5bn' as a printed figure: expected ...
    """
    match = _SINGLE_RE.fullmatch(text)
    if match is not None:
        parts = [FigureParts.from_match(match, "a")]
    else:
        match = _RANGE_RE.fullmatch(text)
        if match is None:
            raise ParseError(f"cannot read {text!r} as a printed figure: {_EXPECTED}")
        parts = [FigureParts.from_match(match, "a"), FigureParts.from_match(match, "b")]
    currency, ambiguous = _one_currency(text, parts)
    percent = any(p.percent for p in parts)
    tail = re.sub(r"\s+", " ", (match.group("tail") or "").lower())
    unit = _unit(currency, percent, tail)
    # A range prints its scale once ("$91–93 billion"): the one scale word applies to both.
    scale_word = parts[-1].scale or parts[0].scale
    value = parts[0].magnitude(parts[0].scale or scale_word)
    high = parts[1].magnitude(parts[1].scale or scale_word) if len(parts) > 1 else None
    if high is not None and high < value:
        raise ParseError(f"range {text!r} runs from {value} down to {high}; print low to high")
    return PrintedFigure(value, high, unit, ambiguous, percent, read_scale(scale_word)[1])
