"""DuckDB-backed :class:`FactStore`."""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pandas as pd
import platformdirs

from capexlens.errors import ConfigError, SchemaVersionError, StoreError
from capexlens.models import Fact, FxRate, Period, Source, SourceKind
from capexlens.registry import Entity
from capexlens.store._schema import FACT_COLUMNS, FX_COLUMNS, MIGRATIONS, SCHEMA_VERSION

__all__ = ["FactQuery", "FactStore", "IngestReport", "default_db_path"]

ENV_DB = "CAPEXLENS_DB"
MEMORY = ":memory:"


def _connect(target: str, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``target``, retried with backoff while another process holds its lock
    (parallel ``capexlens check`` runs, workers of a web app)."""
    deadline = time.monotonic() + lock_timeout
    pause = 0.05
    while True:
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            locked = "lock" in str(exc).lower()
            if not locked or time.monotonic() + pause > deadline:
                hint = " (another process holds it; try again later)" if locked else ""
                raise StoreError(f"cannot open the fact store {target}: {exc}{hint}") from exc
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


_CACHED_READS = 256  # distinct fact queries a store keeps the answers of


def default_db_path() -> Path:
    """Where the store lives: ``$CAPEXLENS_DB`` if set, else the user's data directory."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("capexlens", appauthor=False)) / "capexlens.duckdb"


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest wrote: new facts, facts already present, FX rates and filers."""

    origin: str
    added: int
    unchanged: int
    fx_added: int = 0
    fx_unchanged: int = 0
    entities_added: int = 0

    def __str__(self) -> str:
        parts = [f"{self.origin}: {self.added} facts added, {self.unchanged} already present"]
        if self.fx_added or self.fx_unchanged:
            parts.append(f"{self.fx_added} FX rates added, {self.fx_unchanged} already present")
        if self.entities_added:
            parts.append(f"{self.entities_added} filers registered")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class FactQuery:
    """Which facts to read.

    ``start``/``end`` keep facts whose period ends within ``[start, end]``. ``as_of``
    hides what was not yet known that day. ``latest`` keeps one version per key: the
    primary source's most recent version (a restatement beats the original).
    ``latest=False`` returns every version from every source.
    """

    entity: str | None = None
    metric: str | None = None
    segment: str | None = None
    start: date | None = None
    end: date | None = None
    as_of: date | None = None
    latest: bool = True
    include_derived: bool = True

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions and parameters for the filters (not ``latest``)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("entity", self.entity),
            ("metric", self.metric),
            ("segment", self.segment),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.start is not None:
            clauses.append("period_end >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append("period_end <= ?")
            params.append(self.end)
        if self.as_of is not None:
            clauses.append("known_on <= ?")
            params.append(self.as_of)
        if not self.include_derived:
            clauses.append("derivation = ''")
        return (" AND ".join(clauses) or "TRUE"), params


# Among versions of one figure: primary first, then the most recent, then sourced over
# derived, then the issuer's own documents; fact_id breaks remaining ties deterministically.
_LATEST_ORDER = (
    "is_primary DESC, known_on DESC, (derivation = '') DESC, "
    "CASE source_kind WHEN 'filing' THEN 0 WHEN 'earnings_release' THEN 1 "
    "WHEN 'call_transcript' THEN 2 WHEN 'company_statement' THEN 3 ELSE 4 END, fact_id"
)


def _fact_row(fact: Fact, origin: str) -> tuple[Any, ...]:
    s = fact.source
    return (
        fact.fact_id,
        fact.entity,
        fact.metric,
        fact.segment,
        fact.period.start.isoformat(),
        fact.period.end.isoformat(),
        fact.period.label,
        str(fact.value),
        None if fact.value_high is None else str(fact.value_high),
        fact.unit,
        fact.as_printed,
        fact.basis,
        fact.locator,
        s.url,
        s.title,
        s.publisher,
        s.published.isoformat(),
        str(s.kind),
        fact.known_on.isoformat(),
        fact.primary,
        fact.derivation,
        ";".join(fact.derived_from),
        fact.note,
        origin,
        None if fact.tolerance is None else str(fact.tolerance),
    )


def _fx_row(rate: FxRate, origin: str) -> tuple[Any, ...]:
    s = rate.source
    return (
        rate.base,
        rate.quote,
        rate.day.isoformat(),
        str(rate.rate),
        rate.kind,
        rate.as_printed,
        rate.locator,
        s.url,
        s.title,
        s.publisher,
        s.published.isoformat(),
        str(s.kind),
        origin,
    )


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def fact_from_record(r: dict[str, Any]) -> Fact:
    """Rebuild a :class:`Fact` from a row of the ``facts`` table."""
    return Fact(
        entity=r["entity"],
        metric=r["metric"],
        segment=r["segment"],
        period=Period(_as_date(r["period_start"]), _as_date(r["period_end"]), r["fiscal_label"]),
        value=Decimal(r["value"]),
        value_high=None if r["value_high"] is None else Decimal(r["value_high"]),
        unit=r["unit"],
        as_printed=r["as_printed"],
        basis=r["basis"],
        locator=r["locator"],
        source=Source(
            r["source_url"],
            r["source_title"],
            r["publisher"],
            _as_date(r["published"]),
            SourceKind(r["source_kind"]),
        ),
        known_on=_as_date(r["known_on"]),
        primary=bool(r["is_primary"]),
        derivation=r["derivation"],
        derived_from=tuple(x for x in r["derived_from"].split(";") if x),
        note=r["note"],
        tolerance=None if r.get("tolerance") is None else Decimal(r["tolerance"]),
    )


class FactStore:
    """Facts, FX rates and SEC filers in one DuckDB database.

    Open with :meth:`open`; use as a context manager or call :meth:`close`.

    >>> with FactStore.open(":memory:") as store:
    ...     store.count_facts()
    0
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        # Recent fact reads, dropped on every write. Why: a checker asks for the same
        # company's facts article after article, and turning DuckDB rows into facts costs
        # more than checking the article; DuckDB's file lock means no other process
        # writes while this store is open, so only our own writes can stale them.
        # Each read keeps the fact_id column too, so a caller needing ids reads them
        # rather than hashing every fact again.
        self._reads: OrderedDict[FactQuery, tuple[list[Fact], list[str]]] = OrderedDict()
        self._fx_reads: dict[tuple[str | None, str | None, str | None], list[FxRate]] = {}

    # -- lifecycle -------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | Path | None = None, *, read_only: bool = False, lock_timeout: float = 60.0
    ) -> FactStore:
        """Open (and migrate) the store at ``path``; ``":memory:"`` for a throwaway one.

        The file takes one writer or many readers at a time: while another process holds
        it, opening waits (up to ``lock_timeout`` seconds) rather than failing at once."""
        target = str(default_db_path() if path is None else path)
        if target != MEMORY:
            p = Path(target)
            if read_only and not p.exists():
                raise ConfigError(f"no fact store at {p}; run `capexlens facts` once to build it")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"cannot create the directory for the store {p}: {exc}") from exc
        conn = _connect(target, read_only, lock_timeout)
        store = cls(conn, target, read_only)
        if not read_only:
            store._migrate()
        elif (version := store.schema_version) != SCHEMA_VERSION:
            store.close()  # the file's lock goes with it: a writer may migrate it next
            raise SchemaVersionError(
                f"the store {target} is at schema version {version}, this "
                f"capexlens needs {SCHEMA_VERSION}; open it once read-write to migrate"
            )
        return store

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version the database is at (0 for an empty file)."""
        exists = self._scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        )
        if not exists:
            return 0
        version = self._scalar("SELECT max(version) FROM schema_version")
        return int(version) if version is not None else 0

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {current}, newer than this "
                f"capexlens ({SCHEMA_VERSION}); upgrade capexlens"
            )
        if current == SCHEMA_VERSION:
            return
        with self._transaction():
            if current == 0:
                self._conn.execute(
                    "CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version - 1]:
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO schema_version VALUES (?, current_timestamp)", [version]
                )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------
    def add_facts(
        self,
        facts: Sequence[Fact],
        *,
        origin: str,
        fx_rates: Sequence[FxRate] = (),
        entities: Sequence[Entity] = (),
        sha256: str = "",
        replace_origin: bool = False,
    ) -> IngestReport:
        """Write facts, FX rates and filers in ONE transaction; facts already present are
        skipped (by :attr:`Fact.fact_id`), so re-ingesting a file adds nothing.

        ``replace_origin`` first removes what an earlier version of the same ``origin``
        wrote: only for the shipped dataset, whose files are the source of truth for their
        own rows (a corrected row must not stand beside its error). User ingests never
        remove anything.
        """
        return self.add_batches(
            [(facts, fx_rates, entities)],
            origin=origin,
            sha256=sha256,
            replace_origin=replace_origin,
        )

    def add_batches(
        self,
        batches: Iterable[tuple[Sequence[Fact], Sequence[FxRate], Sequence[Entity]]],
        *,
        origin: str,
        sha256: str = "",
        replace_origin: bool = False,
    ) -> IngestReport:
        """Write a stream of ``(facts, fx_rates, entities)`` batches in ONE transaction.

        Batches are consumed one at a time, so a bulk source (a zip of thousands of
        company-facts files) needs memory for one batch only; if producing any batch
        raises, everything written so far is rolled back.
        """
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        totals = [0, 0, 0, 0, 0]
        try:
            with self._transaction():
                if replace_origin:
                    for table in ("facts", "fx_rates"):
                        self._conn.execute(
                            f"DELETE FROM {table} WHERE origin = ?", [origin]
                        ).fetchall()
                for facts, fx_rates, entities in batches:
                    counts = self._write_batch(facts, fx_rates, entities, origin)
                    totals = [a + b for a, b in zip(totals, counts, strict=True)]
                if sha256:
                    self._conn.execute(
                        "INSERT INTO ingests VALUES (?, ?, current_timestamp, ?, ?)",
                        [origin, sha256, totals[0], totals[1]],
                    ).fetchall()
        finally:
            # after the transaction, committed or rolled back: a read made while it was
            # open (a batch producer may read the store) could hold rows that never landed
            self._reads.clear()
            self._fx_reads.clear()
        return IngestReport(origin, *totals)

    def _write_batch(
        self,
        facts: Sequence[Fact],
        fx_rates: Sequence[FxRate],
        entities: Sequence[Entity],
        origin: str,
    ) -> tuple[int, int, int, int, int]:
        added, unchanged = self._insert(
            "facts", FACT_COLUMNS, [_fact_row(f, origin) for f in facts], ("fact_id",)
        )
        fx_added, fx_unchanged = self._insert(
            "fx_rates",
            FX_COLUMNS,
            [_fx_row(r, origin) for r in fx_rates],
            ("base", "quote", "day", "kind", "source_url"),
        )
        ent_rows = [(e.id, e.name, e.cik, e.fiscal_year_end_month, e.currency) for e in entities]
        ent_added, _ = self._insert(
            "entities",
            ("id", "name", "cik", "fiscal_year_end_month", "currency"),
            ent_rows,
            ("id",),
        )
        return added, unchanged, fx_added, fx_unchanged, ent_added

    def _insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: list[tuple[Any, ...]],
        key: Sequence[str],
    ) -> tuple[int, int]:
        """Insert rows whose key is new; returns (added, already present)."""
        if not rows:
            return 0, 0
        frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
        frame = frame.drop_duplicates(subset=list(key))
        self._conn.register("_incoming", frame)
        try:
            on = " AND ".join(f"t.{k} = CAST(i.{k} AS {self._type(table, k)})" for k in key)
            select = ", ".join(f"CAST(i.{c} AS {self._type(table, c)})" for c in columns)
            # An INSERT answers with the number of rows it wrote; fetching it also consumes
            # the result, which DuckDB 2 requires before unregister().
            result = self._conn.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM _incoming i "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {on})"
            ).fetchall()
            added = int(result[0][0]) if result else 0
        finally:
            self._conn.unregister("_incoming")
        return added, len(rows) - added

    _TYPES: ClassVar[dict[str, str]] = {
        "period_start": "DATE",
        "period_end": "DATE",
        "published": "DATE",
        "known_on": "DATE",
        "day": "DATE",
        "is_primary": "BOOLEAN",
        "cik": "BIGINT",
        "fiscal_year_end_month": "INTEGER",
    }

    def _type(self, table: str, column: str) -> str:
        return self._TYPES.get(column, "VARCHAR")

    def _count(self, table: str) -> int:
        return int(self._scalar(f"SELECT count(*) FROM {table}") or 0)

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # fetchall(), not fetchone(): DuckDB 2 refuses new work while a result is unread.
        rows = self._conn.execute(sql, list(params)).fetchall()
        return rows[0][0] if rows else None

    # -- reading ----------------------------------------------------------------------
    def _records(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def facts(self, query: FactQuery | None = None, **filters: Any) -> list[Fact]:
        """Facts matching ``query`` (or keyword filters of :class:`FactQuery`), ordered by
        entity, metric, segment, period and known_on."""
        return list(self._cached_read(query or FactQuery(**filters))[0])

    def facts_with_ids(
        self, query: FactQuery | None = None, **filters: Any
    ) -> list[tuple[Fact, str]]:
        """:meth:`facts`, each with the id it is stored under (its :attr:`Fact.fact_id`,
        read from the store rather than hashed again)."""
        found, ids = self._cached_read(query or FactQuery(**filters))
        return list(zip(found, ids, strict=True))

    def _cached_read(self, q: FactQuery) -> tuple[list[Fact], list[str]]:
        if q in self._reads:
            self._reads.move_to_end(q)
            return self._reads[q]
        found = self._read_facts(q)
        self._reads[q] = found
        if len(self._reads) > _CACHED_READS:
            self._reads.popitem(last=False)
        return found

    def _read_facts(self, q: FactQuery) -> tuple[list[Fact], list[str]]:
        where, params = q.where()
        if q.latest:
            sql = (
                f"SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY "
                f"entity, metric, segment, period_start, period_end ORDER BY {_LATEST_ORDER}) "
                f"AS rn FROM facts WHERE {where}) WHERE rn = 1"
            )
        else:
            sql = f"SELECT * FROM facts WHERE {where}"
        sql += " ORDER BY entity, metric, segment, period_start, period_end, known_on, fact_id"
        rows = self._records(sql, params)
        return [fact_from_record(r) for r in rows], [r["fact_id"] for r in rows]

    def fact_by_id(self, fact_id: str) -> Fact | None:
        """One fact by its id, or ``None``."""
        rows = self._records("SELECT * FROM facts WHERE fact_id = ?", [fact_id])
        return fact_from_record(rows[0]) if rows else None

    def count_facts(self) -> int:
        """How many fact versions the store holds."""
        return self._count("facts")

    def fx_rates(
        self,
        base: str | None = None,
        quote: str | None = None,
        *,
        kind: str | None = None,
    ) -> list[FxRate]:
        """Stored FX rates, optionally for one pair and kind, oldest first."""
        key = (base, quote, kind)
        if key not in self._fx_reads:  # kept, like fact reads, until the next write
            self._fx_reads[key] = self._read_fx_rates(base, quote, kind)
        return list(self._fx_reads[key])

    def _read_fx_rates(self, base: str | None, quote: str | None, kind: str | None) -> list[FxRate]:
        clauses, params = [], []
        for column, value in (("base", base), ("quote", quote), ("kind", kind)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = " AND ".join(clauses) or "TRUE"
        rows = self._records(f"SELECT * FROM fx_rates WHERE {where} ORDER BY day", params)
        return [
            FxRate(
                base=r["base"],
                quote=r["quote"],
                day=_as_date(r["day"]),
                rate=Decimal(r["rate"]),
                source=Source(
                    r["source_url"],
                    r["source_title"],
                    r["publisher"],
                    _as_date(r["published"]),
                    SourceKind(r["source_kind"]),
                ),
                kind=r["kind"],
                as_printed=r["as_printed"],
                locator=r["locator"],
            )
            for r in rows
        ]

    def registered_entities(self) -> list[Entity]:
        """SEC filers registered by ingest (not the built-in registry)."""
        return [
            Entity(
                id=r["id"],
                name=r["name"],
                cik=r["cik"],
                fiscal_year_end_month=int(r["fiscal_year_end_month"]),
                currency=r["currency"],
            )
            for r in self._records("SELECT * FROM entities ORDER BY id")
        ]

    def ingested(self, sha256: str) -> bool:
        """Whether a file with this content hash was ingested before."""
        return bool(self._scalar("SELECT count(*) FROM ingests WHERE sha256 = ?", [sha256]))

    def sql(self, query: str) -> pd.DataFrame:
        """Run one read-only ``SELECT`` and return its result.

        Anything but a single SELECT (or WITH ... SELECT) is refused, and the statement
        runs in a transaction that is rolled back, so the store cannot change.
        """
        try:
            statements = self._conn.extract_statements(query)
        except duckdb.Error as exc:
            raise StoreError(f"cannot parse the SQL: {exc}") from exc
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise StoreError(
                "only one read-only SELECT statement is allowed (e.g. "
                "`SELECT entity, metric, value FROM facts LIMIT 5`)"
            )
        self._conn.execute("BEGIN TRANSACTION")
        try:
            return self._conn.execute(query).df()
        except duckdb.Error as exc:
            raise StoreError(f"the query failed: {exc}") from exc
        finally:
            self._conn.execute("ROLLBACK")

    def frame(self, query: FactQuery | None = None, **filters: Any) -> pd.DataFrame:
        """Facts as a DataFrame with the documented export columns."""
        return facts_to_frame(self.facts(query, **filters))


# The export is the table's columns minus bookkeeping (origin), with the id last and
# "primary" under its plain name: derived, so the two can never drift apart.
EXPORT_COLUMNS: tuple[str, ...] = (
    *(
        "primary" if c == "is_primary" else c
        for c in FACT_COLUMNS
        if c not in ("fact_id", "origin")
    ),
    "fact_id",
)


def facts_to_frame(facts: Sequence[Fact]) -> pd.DataFrame:
    """Facts as a DataFrame (values stay exact ``Decimal`` objects)."""
    rows = [
        (
            f.entity,
            f.metric,
            f.segment,
            f.period.start,
            f.period.end,
            f.period.label,
            f.value,
            f.value_high,
            f.unit,
            f.as_printed,
            f.basis,
            f.locator,
            f.source.url,
            f.source.title,
            f.source.publisher,
            f.source.published,
            str(f.source.kind),
            f.known_on,
            f.primary,
            f.derivation,
            ";".join(f.derived_from),
            f.note,
            f.tolerance,
            f.fact_id,
        )
        for f in facts
    ]
    return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))
