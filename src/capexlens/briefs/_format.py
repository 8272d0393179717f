"""How numbers and dates read in a brief."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

__all__ = ["day", "money", "percent", "signed_percent"]

_SYMBOLS = {"CNY": "RMB", "USD": "US$", "HKD": "HK$", "EUR": "€", "GBP": "£"}
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"),
           (Decimal(10) ** 6, "million"))  # fmt: skip


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Decimal, unit: str) -> str:
    """An amount as a reader writes it, to two decimals of its scale word.

    >>> money(Decimal("38680000000"), "CNY")
    'RMB38.68 billion'
    >>> money(Decimal("-18800000000"), "CNY"), money(Decimal("356000000"), "USD")
    ('-RMB18.8 billion', 'US$356 million')
    """
    sign = "-" if value < 0 else ""
    amount = abs(value)
    symbol = _SYMBOLS.get(unit, unit + " ")
    for size, word in _SCALES:
        if amount >= size:
            return f"{sign}{symbol}{_trim(f'{amount / size:,.2f}')} {word}"
    return f"{sign}{symbol}{amount:,.0f}"


def percent(value: Decimal) -> str:
    """``15.6%``.

    >>> percent(Decimal("15.6")), percent(Decimal(26))
    ('15.6%', '26%')
    """
    return f"{_trim(f'{value:,.1f}')}%"


def signed_percent(value: Decimal) -> str:
    """``+225%`` / ``-7.1%``.

    >>> signed_percent(Decimal("225.0")), signed_percent(Decimal("-7.1"))
    ('+225%', '-7.1%')
    """
    return ("+" if value > 0 else "") + percent(value)


def day(d: date) -> str:
    """``30 June 2025``.

    >>> day(date(2025, 6, 30))
    '30 June 2025'
    """
    return f"{d.day} {d:%B %Y}"
