"""Payback scenario: what revenue a capex programme must bring in to cover its depreciation.

A scenario, not a forecast: the programme is spent evenly over ``spend_years``, each
year's tranche is depreciated straight-line over ``useful_life_years`` from the year it
is spent (a full year of depreciation in the first year), and ``margin_pct`` is the share
of each extra unit of revenue left after cash operating costs, before depreciation. The
revenue needed in a year is that year's depreciation divided by the margin.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from capexlens.errors import ConfigError
from capexlens.fx import money_text
from capexlens.models import Money

__all__ = ["PaybackAssumptions", "payback_schedule"]

_UNIT = Decimal(1)


@dataclass(frozen=True, slots=True)
class PaybackAssumptions:
    """The inputs of a payback scenario (all stated with the result).

    >>> a = PaybackAssumptions(Money(Decimal("380e9"), "CNY"), useful_life_years=6)
    >>> a.lines()[0]
    'Capex programme: RMB380 billion, spent evenly over 1 year(s).'
    """

    capex: Money
    useful_life_years: int = 6
    margin_pct: Decimal = Decimal(30)
    spend_years: int = 1
    first_year: int | None = None
    capex_note: str = ""

    def __post_init__(self) -> None:
        if self.capex.amount <= 0:
            raise ConfigError(f"--capex must be positive, got {self.capex.amount}")
        if not 1 <= self.useful_life_years <= 50:
            raise ConfigError(
                f"--useful-life must be 1 to 50 years, got {self.useful_life_years}; servers "
                "are usually depreciated over 4 to 6 years, buildings over 20 or more"
            )
        if not Decimal(0) < self.margin_pct <= 100:
            raise ConfigError(
                f"--margin must be above 0 and at most 100 (percent), got {self.margin_pct}"
            )
        if not 1 <= self.spend_years <= 20:
            raise ConfigError(f"--spend-years must be 1 to 20, got {self.spend_years}")

    def lines(self) -> list[str]:
        """The assumptions in plain sentences, to print with the result."""
        note = f" ({self.capex_note})" if self.capex_note else ""
        return [
            f"Capex programme: {money_text(self.capex)}, spent evenly over "
            f"{self.spend_years} year(s).{note}",
            f"Depreciation: straight-line over {self.useful_life_years} years, no salvage "
            "value, a full year's charge in the year of spending.",
            f"Margin: {self.margin_pct}% of each extra unit of revenue is left after cash "
            "operating costs, before depreciation (an assumption, not a company figure).",
            "Revenue needed = that year's depreciation / margin: the extra revenue at which "
            "the programme stops losing money on an accounting basis (no cost of capital, "
            "no taxes).",
        ]


def payback_schedule(assumptions: PaybackAssumptions) -> pd.DataFrame:
    """Year-by-year depreciation and the incremental revenue needed to cover it.

    Columns: year (1 = first year of spending, or the calendar year if ``first_year``),
    spent, depreciation, cumulative_depreciation, net_book_value, revenue_needed,
    cumulative_revenue_needed, currency.

    >>> df = payback_schedule(PaybackAssumptions(Money(Decimal(600), "USD"), 6, Decimal(50)))
    >>> [int(v) for v in df["depreciation"]], int(df["revenue_needed"].iloc[0])
    ([100, 100, 100, 100, 100, 100], 200)
    """
    a = assumptions
    tranche = a.capex.amount / a.spend_years
    charge = tranche / a.useful_life_years
    margin = a.margin_pct / 100
    rows = []
    spent_total = depreciated = revenue = Decimal(0)
    for i in range(a.spend_years + a.useful_life_years - 1):
        spent = tranche if i < a.spend_years else Decimal(0)
        live = sum(1 for k in range(a.spend_years) if k <= i < k + a.useful_life_years)
        dep = charge * live
        spent_total += spent
        depreciated += dep
        revenue += dep / margin
        rows.append(
            {
                "year": (a.first_year + i) if a.first_year else i + 1,
                "spent": spent.quantize(_UNIT),
                "depreciation": dep.quantize(_UNIT),
                "cumulative_depreciation": depreciated.quantize(_UNIT),
                "net_book_value": (spent_total - depreciated).quantize(_UNIT),
                "revenue_needed": (dep / margin).quantize(_UNIT),
                "cumulative_revenue_needed": revenue.quantize(_UNIT),
                "currency": a.capex.currency,
            }
        )
    return pd.DataFrame(rows)
