"""capexlens: track and fact-check the AI & cloud infrastructure investment race.

The library behind the ``capexlens`` command: a cited fact store, fiscal calendars,
explicit FX conversion, analysis, article fact-checking and grounded briefs.

>>> import capexlens
>>> with capexlens.open_store(":memory:", embedded=False) as store:
...     store.count_facts()
0
"""

from __future__ import annotations

from capexlens.errors import (
    CapexlensError,
    CurrencyMismatchError,
    FxError,
    IngestError,
    PeriodError,
    SchemaVersionError,
    StoreError,
    UnknownEntityError,
    UnknownMetricError,
    ValidationIssue,
)
from capexlens.ingest import ingest_path, open_store
from capexlens.models import Claim, Evidence, Fact, FxRate, Money, Period, Source, Verdict
from capexlens.periods import FiscalCalendar, parse_period
from capexlens.registry import Registry, default_registry
from capexlens.store import FactQuery, FactStore

__version__ = "0.1.0"

__all__ = [
    "CapexlensError",
    "Claim",
    "CurrencyMismatchError",
    "Evidence",
    "Fact",
    "FactQuery",
    "FactStore",
    "FiscalCalendar",
    "FxError",
    "FxRate",
    "IngestError",
    "Money",
    "Period",
    "PeriodError",
    "Registry",
    "SchemaVersionError",
    "Source",
    "StoreError",
    "UnknownEntityError",
    "UnknownMetricError",
    "ValidationIssue",
    "Verdict",
    "default_registry",
    "ingest_path",
    "open_store",
    "parse_period",
]
