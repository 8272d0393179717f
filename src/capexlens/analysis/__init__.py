"""Analysis over the fact store: pure functions that return pandas DataFrames.

The CLI and the briefs only call these; nothing here prints or writes. Every figure
column ``X`` of a frame comes with ``X_facts`` (ids of the stored facts it rests on,
``;``-separated) and, where the analysis computed it, ``X_how`` saying how, so each
number can be traced back to its sources.

- :func:`capex_quarters`: quarterly and TTM capex in native currency and USD (rate
  named), growth YoY and QoQ, capex intensity, capex vs operating and free cash flow,
  cloud segment revenue and growth.
- :func:`peer_quarter`, :func:`peer_history`, :func:`compare_metric`: companies side by
  side for the same calendar quarter, in USD.
- :func:`commitment_pacing`: a multi-year pledge against capex since it was made.
- :func:`guidance_history`: each revision of annual capex guidance and the actual.
- :func:`market_shares`: shares of a market with the market's size.
- :func:`shareholder_returns`: buybacks and dividends against capex and free cash flow.
- :func:`capex_vs_history`: a period's capex (or a pledge) against the previous N years.
- :func:`payback_schedule`: straight-line depreciation of a programme and the revenue
  needed to cover it.
"""

from __future__ import annotations

from capexlens.analysis._capex import EntityBooks, capex_quarters
from capexlens.analysis._common import (
    Figure,
    FigureBook,
    aligned_quarter,
    calendar_quarter,
    registry_for,
    resolve_period,
)
from capexlens.analysis._fx import UsdConverter, UsdValue
from capexlens.analysis._guidance import guidance_history
from capexlens.analysis._history import capex_vs_history
from capexlens.analysis._markets import market_shares, markets_of
from capexlens.analysis._pacing import PledgeWindow, commitment_pacing, pledge_window
from capexlens.analysis._payback import PaybackAssumptions, payback_schedule
from capexlens.analysis._peers import compare_metric, peer_history, peer_quarter
from capexlens.analysis._returns import shareholder_returns

__all__ = [
    "EntityBooks",
    "Figure",
    "FigureBook",
    "PaybackAssumptions",
    "PledgeWindow",
    "UsdConverter",
    "UsdValue",
    "aligned_quarter",
    "calendar_quarter",
    "capex_quarters",
    "capex_vs_history",
    "commitment_pacing",
    "compare_metric",
    "guidance_history",
    "market_shares",
    "markets_of",
    "payback_schedule",
    "peer_history",
    "peer_quarter",
    "pledge_window",
    "registry_for",
    "resolve_period",
    "shareholder_returns",
]
