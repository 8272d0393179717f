"""Entities, segments, markets and the metrics vocabulary.

The registry is plain data: a :class:`Registry` is built once (``default_registry()``)
and passed around; nothing here is global mutable state. SEC filers that are not in the
built-in list are addressable as ``cik:<number>`` (see :meth:`Registry.resolve`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from capexlens.errors import UnknownEntityError, UnknownMetricError
from capexlens.periods import FiscalCalendar

__all__ = [
    "Dimension",
    "Entity",
    "Metric",
    "Registry",
    "default_registry",
    "normalise_alias",
]


def normalise_alias(text: str) -> str:
    """Fold case, width and punctuation so aliases match loosely.

    >>> normalise_alias("Alibaba  Group's")
    'alibaba group'
    >>> normalise_alias("ＡＷＳ")
    'aws'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"['’]s\b", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded)
    return folded.strip()


@dataclass(frozen=True, slots=True)
class Dimension:
    """A segment of a company, a market, or a product (a model) that facts can be about."""

    id: str
    kind: str  # "segment" | "market" | "model"
    name: str
    aliases: tuple[str, ...] = ()
    owner: str = ""  # entity id for segments and models
    note: str = ""
    # False for names other companies use too ("Marketing Services", "advertising
    # services"): they name the segment of an owner already in context, never the owner.
    names_owner: bool = True
    # Names of this segment that also mean something else ("G-Cloud" is also the UK
    # government's cloud framework): like the above, only for an owner already in context.
    shared_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A company (or an SEC filer) that facts are about."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    cik: int | None = None
    fiscal_year_end_month: int = 12
    currency: str = "USD"
    covered: bool = True  # False: appears in market-share facts only
    note: str = ""
    # Metrics whose headline figure, in the company's own results release, is the
    # non-GAAP (non-IFRS) one: an unqualified "operating profit" quoted from it means that.
    headline_non_gaap: tuple[str, ...] = ()
    # Metrics the company publishes no non-GAAP version of: an "adjusted" figure of one is
    # the reported figure under a wrong name, and is checked as that figure.
    gaap_only: tuple[str, ...] = ()
    # Whether its earnings per share are stated per ADS (Alibaba, Baidu): a Chinese page's
    # "每股盈利" is then per ordinary share, a fraction of the figure the store holds.
    eps_per_ads: bool = False

    @property
    def calendar(self) -> FiscalCalendar:
        """The company's fiscal calendar."""
        return FiscalCalendar(self.fiscal_year_end_month)


@dataclass(frozen=True, slots=True)
class Metric:
    """A metric of the vocabulary, with the words articles use for it."""

    id: str
    name: str
    definition: str
    unit_kind: str  # "money" | "percent" | "count" | "parameters" | "ratio" | "per_share"
    words: tuple[str, ...] = ()
    needs_dimension: str = ""  # "segment" | "market" | "model" when the metric needs one
    # a dimension the metric may take without needing it: operating income of the company
    # or of one segment ("AWS operating income")
    allows_dimension: str = ""
    point_in_time: bool = False  # shares outstanding: a value at a day, not over a span
    # computed by the checker from other stored metrics, never stored itself: a stored row
    # could only disagree with the levels it is computed from
    derived_only: bool = False
    # a metric writers mistake this one for (total customers for new customers): a figure
    # of this metric the store lacks, equal to the other's, is that figure mislabelled
    confused_with: str = ""


MARKET_ENTITY = "MARKET"


@dataclass(frozen=True)
class Registry:
    """Look-ups over entities, dimensions and metrics.

    >>> reg = default_registry()
    >>> reg.resolve("阿里巴巴").id
    'BABA'
    >>> reg.resolve("cik:1640147").name
    'SEC filer CIK 1640147'
    >>> reg.metric("capex").unit_kind
    'money'
    """

    entities: Mapping[str, Entity]
    dimensions: Mapping[str, Dimension]
    metrics: Mapping[str, Metric]
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for e in self.entities.values():
            for name in (e.id, e.name, *e.aliases, *e.listings):
                self._aliases.setdefault(normalise_alias(name), e.id)
            if e.cik is not None:
                self._aliases.setdefault(f"cik:{e.cik}", e.id)
        # A segment's name ("AWS", "Google Cloud") also names its owner in running text.
        for d in self.dimensions.values():
            if d.owner in self.entities and d.names_owner:
                for name in (d.name, *d.aliases):
                    self._aliases.setdefault(normalise_alias(name), d.owner)

    def resolve(self, name: str) -> Entity:
        """The entity for an id, alias, listing or ``cik:<number>``.

        An unknown ``cik:<number>`` resolves to a placeholder SEC filer on a calendar
        fiscal year; ingest registers the real fiscal year end with :meth:`with_entities`.
        """
        text = name.strip()
        if text.upper() in self.entities:
            return self.entities[text.upper()]
        if text.lower().startswith("cik:"):
            number = text[4:].strip().lstrip("0")
            if not number.isdigit():
                raise UnknownEntityError(f"{name!r} is not a valid cik:<number> id")
            found = self._aliases.get(f"cik:{number}")
            if found:
                return self.entities[found]
            return Entity(f"cik:{number}", f"SEC filer CIK {number}", cik=int(number))
        found = self._aliases.get(normalise_alias(text))
        if found is None:
            known = ", ".join(sorted(self.entities))
            raise UnknownEntityError(
                f"unknown entity {name!r}; use one of {known}, an alias, or cik:<number>"
            )
        return self.entities[found]

    def entity_id(self, name: str) -> str:
        """The canonical id for an id, alias or ``cik:<number>``."""
        if name == MARKET_ENTITY:
            return MARKET_ENTITY
        return self.resolve(name).id

    def calendar(self, entity: str) -> FiscalCalendar:
        """The fiscal calendar of an entity (markets and ``MARKET`` use calendar years)."""
        if entity == MARKET_ENTITY:
            return FiscalCalendar(12)
        return self.resolve(entity).calendar

    def metric(self, name: str) -> Metric:
        """A metric by id."""
        try:
            return self.metrics[name]
        except KeyError:
            raise UnknownMetricError(
                f"unknown metric {name!r}; run `capexlens metrics` to list them "
                f"({', '.join(sorted(self.metrics))})"
            ) from None

    def dimension(self, dim_id: str) -> Dimension:
        """A segment, market or model by id."""
        try:
            return self.dimensions[dim_id]
        except KeyError:
            raise UnknownEntityError(
                f"unknown segment/market/model {dim_id!r}; known: "
                f"{', '.join(sorted(self.dimensions))}"
            ) from None

    def with_entities(self, extra: Iterable[Entity]) -> Registry:
        """A new registry that also knows ``extra`` (e.g. SEC filers found in the store)."""
        merged = dict(self.entities)
        for e in extra:
            merged.setdefault(e.id, e)
        return Registry(merged, self.dimensions, self.metrics)

    def covered(self) -> list[Entity]:
        """The companies the curated dataset covers, in registry order."""
        return [e for e in self.entities.values() if e.covered and not e.id.startswith("cik:")]


@cache
def default_registry() -> Registry:
    """The built-in registry (immutable, so caching it hides no state)."""
    # the tables are data of their own module, which builds on the classes above
    from capexlens._vocabulary import DIMENSIONS, ENTITIES, METRICS

    return Registry(
        {e.id: e for e in ENTITIES},
        {d.id: d for d in DIMENSIONS},
        {m.id: m for m in METRICS},
    )
