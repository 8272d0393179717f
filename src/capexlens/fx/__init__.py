"""Exchange rates: central-bank and issuer rate files, a rate table, explicit conversion.

Rates come from the Federal Reserve H.10 Data Download Program CSV, the ECB euro reference
rate history and a curated file of issuers' own convenience rates. A :class:`RateTable`
answers "which rate, from whom, over which days" with a :class:`RateQuote` that names its
method, and :func:`convert` changes currency only when handed such a quote, so every
converted figure can say which rate it used.
"""

from __future__ import annotations

from capexlens.fx._files import (
    ecb_cross,
    h10_pair,
    load_convenience,
    load_ecb,
    load_h10,
    load_reference_quarterly,
)
from capexlens.fx._table import (
    CONVENIENCE,
    CONVENIENCE_COLUMNS,
    CONVENIENCE_HEADER,
    CROSS,
    DAILY,
    QUARTER_AVERAGE,
    QUARTER_END,
    REFERENCE_COLUMNS,
    Conversion,
    RateQuote,
    RateTable,
    ReferenceQuarter,
    convert,
    find_reference,
    money_text,
    reference_as_rates,
    reference_quarter,
)

__all__ = [
    "CONVENIENCE",
    "CONVENIENCE_COLUMNS",
    "CONVENIENCE_HEADER",
    "CROSS",
    "DAILY",
    "QUARTER_AVERAGE",
    "QUARTER_END",
    "REFERENCE_COLUMNS",
    "Conversion",
    "RateQuote",
    "RateTable",
    "ReferenceQuarter",
    "convert",
    "ecb_cross",
    "find_reference",
    "h10_pair",
    "load_convenience",
    "load_ecb",
    "load_h10",
    "load_reference_quarterly",
    "money_text",
    "reference_as_rates",
    "reference_quarter",
]
