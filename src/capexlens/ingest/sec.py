"""SEC EDGAR company facts -> cited, versioned facts with discrete fiscal quarters.

Three ways in, one result type (:class:`SecBatch`, one per filer):

* :func:`read_company_facts` reads the bytes of one ``CIK##########.json``;
* :func:`iter_company_facts` reads a file, a folder of them, or the bulk
  ``companyfacts.zip`` member by member (bounded memory, progress callback);
* :func:`fetch_company_facts` asks the live EDGAR API (User-Agent from
  ``$CAPEXLENS_SEC_USER_AGENT``, at most 10 requests a second, retries, disk cache).

Which XBRL concepts become which metric is documented in ``docs/sec-concepts.md``.
Every value a filing reported is kept once, at the first filing that reported it; a
later different value is a new version (``known_on`` = its filing date), never an
overwrite. Year-to-date cash-flow figures become discrete quarters (derived facts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from capexlens.errors import ConfigError, IngestError
from capexlens.ingest._sec_concepts import CONCEPTS
from capexlens.ingest._sec_live import (
    COMPANY_FACTS_URL,
    ENV_USER_AGENT,
    DiskCache,
    HttpResponse,
    RateLimiter,
    SecClient,
    SecConfig,
)
from capexlens.ingest._sec_quarters import derive_quarters
from capexlens.ingest._sec_records import (
    Header,
    Issues,
    RawValue,
    annual_end_months,
    collect_values,
    parse_document,
    read_header,
)
from capexlens.ingest._sec_versions import Filer, select_versions
from capexlens.ingest._zipsource import Progress, ZipLimits, iter_sources
from capexlens.models import Fact
from capexlens.registry import Entity, Registry

__all__ = [
    "COMPANY_FACTS_URL",
    "ENV_USER_AGENT",
    "DiskCache",
    "HttpResponse",
    "Progress",
    "RateLimiter",
    "SecBatch",
    "SecClient",
    "SecConfig",
    "ZipLimits",
    "fetch_company_facts",
    "iter_company_facts",
    "read_company_facts",
]

_INSTANT_METRICS = frozenset(r.metric for r in CONCEPTS if r.instant)


@dataclass(frozen=True, slots=True)
class SecBatch:
    """Everything one company-facts file says that capexlens maps.

    ``facts`` are values as filed (every version); ``derived`` are computed discrete
    quarters; ``notes`` say what was left out and why (e.g. a USD convenience
    translation beside a 20-F filer's reporting currency).
    """

    entity: Entity
    facts: tuple[Fact, ...]
    derived: tuple[Fact, ...]
    notes: tuple[str, ...] = ()

    @property
    def all_facts(self) -> tuple[Fact, ...]:
        """Filed and derived facts together, ready for ``FactStore.add_facts``."""
        return self.facts + self.derived


def read_company_facts(
    data: bytes | bytearray | memoryview,
    *,
    origin: str,
    registry: Registry | None = None,
) -> SecBatch:
    """Read one company-facts JSON document.

    ``origin`` names the input in errors (a path, URL or ``zip!member``). With a
    ``registry`` that knows the filer's CIK, facts are filed under that entity (``MSFT``)
    instead of ``cik:<number>``.

    Raises :class:`~capexlens.errors.IngestError` listing every problem found (bad JSON,
    wrong shapes, unknown units); nothing is returned partially.

    >>> batch = read_company_facts(
    ...     b'{"cik": 320193, "entityName": "EXAMPLE CORP", "facts": {"us-gaap": '
    ...     b'{"PaymentsToAcquirePropertyPlantAndEquipment": {"units": {"USD": [{"start": '
    ...     b'"2024-01-01", "end": "2024-12-31", "val": 5000000, "accn": "0000320193-25-000001", '
    ...     b'"fy": 2024, "fp": "FY", "form": "10-K", "filed": "2025-02-01"}]}}}}}',
    ...     origin="example.json")
    >>> batch.entity.id, batch.entity.name, batch.entity.fiscal_year_end_month
    ('cik:320193', 'Example Corp', 12)
    >>> fact = batch.facts[0]
    >>> fact.metric, fact.period.label, fact.value, fact.as_printed
    ('capex', 'FY2024', Decimal('5000000'), 'USD 5000000 (XBRL)')
    >>> fact.locator
    'us-gaap:PaymentsToAcquirePropertyPlantAndEquipment, accn 0000320193-25-000001, form 10-K'
    """
    issues = Issues(origin)
    doc = parse_document(data, origin)
    header = read_header(doc, issues)
    values = collect_values(header.facts, issues) if header is not None else []
    issues.raise_if_any()
    assert header is not None  # read_header recorded an issue otherwise
    notes: list[str] = []
    entity = _entity(header, values, registry, notes)
    filer = Filer(entity.id, entity.name, header.cik, entity.calendar, entity.currency)
    versions = select_versions(values, filer)
    facts = tuple(f.fact for kept in versions.kept.values() for f in kept)
    derived = derive_quarters(versions, filer, instant_metrics=_INSTANT_METRICS)
    return SecBatch(entity, facts, tuple(derived), (*notes, *versions.notes))


def display_name(name: str) -> str:
    """EDGAR's all-capitals names in title case; mixed-case names unchanged.

    >>> display_name("SNOWFLAKE INC."), display_name("Logistic Properties of the Americas")
    ('Snowflake Inc.', 'Logistic Properties of the Americas')
    >>> display_name("MCDONALD'S CORP")
    "Mcdonald's Corp"
    """
    if name != name.upper():
        return name
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def _fiscal_year_end(counts: Counter[int], notes: list[str]) -> int:
    if not counts:
        notes.append("no full-year duration in an annual report: fiscal year assumed to end "
                     "in December")  # fmt: skip
        return 12
    # The most frequent month wins; a filer that changed its year end keeps the newer
    # month only if it has been used at least as often.
    return counts.most_common(1)[0][0]


def _reporting_currency(values: Sequence[RawValue]) -> str:
    counts = Counter(v.unit for v in values if v.rule.unit_kind == "money")
    if not counts:
        return "USD"
    # On a tie the non-USD unit wins: a USD figure beside another currency is a
    # convenience translation, never the other way round.
    return max(counts, key=lambda unit: (counts[unit], unit != "USD"))


def _entity(
    header: Header, values: Sequence[RawValue], registry: Registry | None, notes: list[str]
) -> Entity:
    fye = _fiscal_year_end(annual_end_months(list(values), header.facts), notes)
    currency = _reporting_currency(values)
    known = None if registry is None else registry.resolve(f"cik:{header.cik}")
    if known is not None and known.id != f"cik:{header.cik}":
        if known.fiscal_year_end_month != fye:
            notes.append(
                f"the filings suggest a fiscal year ending in month {fye}; the registry's "
                f"{known.fiscal_year_end_month} for {known.id} is used"
            )
        return known
    name = display_name(header.name)
    aliases = (header.name,) if name != header.name else ()
    return Entity(
        id=f"cik:{header.cik}",
        name=name,
        aliases=aliases,
        cik=header.cik,
        fiscal_year_end_month=fye,
        currency=currency,
        note="SEC filer registered from company facts; fiscal year end inferred from "
        "full-year periods in its annual reports",
    )


def iter_company_facts(
    path: str | Path,
    *,
    progress: Callable[[Progress], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    limits: ZipLimits | None = None,
    registry: Registry | None = None,
) -> Iterator[SecBatch]:
    """One :class:`SecBatch` per filer in a JSON file, a folder of them, or a zip.

    Members are read and parsed one at a time, so memory stays bounded by the largest
    member. ``progress`` is called after each input. A bad input raises
    :class:`~capexlens.errors.IngestError` (batches already yielded stay valid), or,
    with ``on_error``, is passed to it and skipped.
    """
    for item in iter_sources(Path(path), limits or ZipLimits()):
        try:
            if item.error is not None:
                raise item.error
            assert item.data is not None
            batch = read_company_facts(item.data, origin=item.origin, registry=registry)
        except IngestError as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            yield batch
        finally:
            if progress is not None:
                progress(item.progress)


def fetch_company_facts(
    cik: int | str,
    *,
    config: SecConfig,
    client: SecClient | None = None,
    registry: Registry | None = None,
) -> SecBatch:
    """The company facts of one filer from the live EDGAR API.

    Pass one ``client`` to several calls to share its rate limit and cache; without it
    a client is built from ``config``. Raises :class:`~capexlens.errors.ConfigError` for
    a missing User-Agent and :class:`~capexlens.errors.IngestError` when EDGAR refuses
    or the response is bad.
    """
    text = str(cik).lower().removeprefix("cik:").strip()
    if not text.isdigit() or int(text) == 0:
        raise ConfigError(f"{cik!r} is not a CIK: give the SEC's number, e.g. 1640147")
    number = int(text)
    url = COMPANY_FACTS_URL.format(cik=number)
    sec = client or SecClient(config)
    return sec.fetch(url, lambda body: read_company_facts(body, origin=url, registry=registry))
