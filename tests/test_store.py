"""FactStore: versions, as-of queries, idempotent writes, read-only SQL, migrations."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from capexlens.errors import StoreError
from capexlens.models import Fact, FxRate, Period, Source, SourceKind
from capexlens.registry import Entity
from capexlens.store import FactQuery, FactStore
from capexlens.store._schema import SCHEMA_VERSION

SRC = Source(
    "https://example.org/release",
    "Example Q2 results",
    "Example Inc.",
    date(2025, 8, 29),
    SourceKind.EARNINGS_RELEASE,
)


def fact(value: str = "247652000000", known_on: date = date(2025, 8, 29), **kw: object) -> Fact:
    base = dict(
        entity="BABA",
        metric="revenue",
        period=Period(date(2025, 4, 1), date(2025, 6, 30), "FY2026 Q1"),
        value=Decimal(value),
        unit="CNY",
        as_printed="RMB247,652 million",
        source=SRC,
        locator="highlights",
        basis="total revenue",
        known_on=known_on,
    )
    base.update(kw)
    return Fact(**base)  # type: ignore[arg-type]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_keeps_every_field(store: FactStore) -> None:
    f = fact(value_high=Decimal("250000000000"), derivation="", note="n", segment="")
    store.add_facts([f], origin="t")
    (back,) = store.facts()
    assert back == f
    assert back.fact_id == f.fact_id


def test_facts_with_ids_give_each_fact_its_stored_id(store: FactStore) -> None:
    store.add_facts([fact(), fact("247000000000", known_on=date(2026, 5, 15))], origin="t")
    pairs = store.facts_with_ids(latest=False)
    assert [f for f, _ in pairs] == store.facts(latest=False)
    assert [i for _, i in pairs] == [f.fact_id for f, _ in pairs]


def test_reingest_adds_nothing(store: FactStore) -> None:
    assert store.add_facts([fact()], origin="t").added == 1
    report = store.add_facts([fact()], origin="t")
    assert (report.added, report.unchanged) == (0, 1)
    assert store.count_facts() == 1


def test_restatement_is_a_new_version_and_as_of_sees_the_original(store: FactStore) -> None:
    store.add_facts([fact(), fact("247000000000", known_on=date(2026, 5, 15))], origin="t")
    assert store.facts()[0].value == Decimal("247000000000")
    assert store.facts(as_of=date(2025, 12, 31))[0].value == Decimal("247652000000")
    assert len(store.facts(latest=False)) == 2
    assert store.facts(as_of=date(2025, 1, 1)) == []


def test_primary_source_beats_later_secondary_copy(store: FactStore) -> None:
    news = Source("https://news.example/x", "News", "Wire", date(2025, 9, 2), SourceKind.NEWS)
    secondary = fact("247600000000", known_on=date(2025, 9, 2), source=news, primary=False)
    store.add_facts([fact(), secondary], origin="t")
    assert store.facts()[0].source == SRC
    assert {f.source.kind for f in store.facts(latest=False)} == {
        SourceKind.EARNINGS_RELEASE,
        SourceKind.NEWS,
    }


def test_filters_by_period_end(store: FactStore) -> None:
    q1 = fact(period=Period(date(2025, 1, 1), date(2025, 3, 31), "FY2025 Q4"), value="1")
    store.add_facts([fact(), q1], origin="t")
    got = store.facts(FactQuery(entity="BABA", start=date(2025, 4, 1)))
    assert [f.period.label for f in got] == ["FY2026 Q1"]


def test_fx_rates_round_trip(store: FactStore) -> None:
    fed = Source(
        "https://www.federalreserve.gov/releases/h10/",
        "H.10",
        "Federal Reserve",
        date(2023, 5, 22),
        SourceKind.CENTRAL_BANK,
    )
    rate = FxRate("USD", "CNY", date(2023, 5, 19), Decimal("7.0325"), fed)
    assert store.add_facts([], origin="fx", fx_rates=[rate, rate]).fx_added == 1
    assert store.fx_rates("USD", "CNY") == [rate]


def test_sql_is_read_only(store: FactStore) -> None:
    store.add_facts([fact()], origin="t")
    assert store.sql("SELECT count(*) AS n FROM facts")["n"][0] == 1
    for bad in ("DELETE FROM facts", "DROP TABLE facts", "SELECT 1; DELETE FROM facts"):
        with pytest.raises(StoreError, match="read-only SELECT"):
            store.sql(bad)
    assert store.count_facts() == 1


def test_file_store_migrates_once_and_open_close_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with FactStore.open(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.add_facts([fact()], origin="t")
    before = sha(db)
    with FactStore.open(db) as s:
        assert s.count_facts() == 1
    with FactStore.open(db, read_only=True) as s:
        assert s.facts()[0].value == Decimal("247652000000")
    assert sha(db) == before


def test_db_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from capexlens.store import default_db_path

    monkeypatch.setenv("CAPEXLENS_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("CAPEXLENS_DB")
    assert default_db_path().name == "capexlens.duckdb"


def test_newer_schema_is_refused_not_migrated_down(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    with FactStore.open(db) as s:
        s._conn.execute("INSERT INTO schema_version VALUES (99, current_timestamp)").fetchall()
    with pytest.raises(StoreError, match="newer than this capexlens"):
        FactStore.open(db)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    FactStore.open(db).close()
    with FactStore.open(db, read_only=True) as s, pytest.raises(StoreError, match="read-only"):
        s.add_facts([fact()], origin="t")


def test_replace_origin_swaps_a_shipped_files_rows_and_nothing_else(store: FactStore) -> None:
    fed = Source("https://www.federalreserve.gov/releases/h10/", "H.10", "Federal Reserve",
                 date(2023, 5, 22), SourceKind.CENTRAL_BANK)  # fmt: skip
    day = date(2025, 6, 30)
    old_rate = FxRate("USD", "CNY", day, Decimal("7.1600"), fed, "convenience")
    new_rate = FxRate("USD", "CNY", day, Decimal("7.1636"), fed, "convenience")
    store.add_facts([fact(value="5")], origin="mine.csv")
    store.add_facts([fact()], origin="embedded:facts/x.csv", fx_rates=[old_rate])
    store.add_facts(
        [fact("247000000000")],
        origin="embedded:facts/x.csv",
        fx_rates=[new_rate],
        replace_origin=True,
    )
    values = sorted(f.value for f in store.facts(latest=False))
    assert values == [Decimal("5"), Decimal("247000000000")]  # the user's own fact survives
    assert [r.rate for r in store.fx_rates()] == [Decimal("7.1636")]  # not skipped as a dup


def test_migration_from_version_1_adds_fx_origin_and_fact_tolerance(tmp_path: Path) -> None:
    import duckdb

    from capexlens.store._schema import MIGRATIONS

    db = tmp_path / "v1.duckdb"
    conn = duckdb.connect(str(db))
    conn.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, current_timestamp)")
    conn.close()
    with FactStore.open(db) as s:
        assert s.schema_version == SCHEMA_VERSION == 3
        columns = s.sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'fx_rates'"
        )["column_name"].tolist()
        assert "origin" in columns
        facts = s.sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'facts'"
        )["column_name"].tolist()
        assert "tolerance" in facts
        s.add_facts([fact().with_(derivation="a - b", tolerance=Decimal("1e8"))], origin="t")
        (back,) = s.facts()
        assert back.tolerance == Decimal("1e8")
        assert int(s.sql("SELECT count(*) AS n FROM facts_numeric")["n"][0]) == 1


def test_include_derived_false_keeps_only_printed_figures(store: FactStore) -> None:
    derived_src = Source("https://example.org/release", "Example", "capexlens", date(2025, 8, 29),
                         SourceKind.DERIVED)  # fmt: skip
    q4 = Period(date(2025, 1, 1), date(2025, 3, 31), "FY2025 Q4")
    derived = fact("1", period=q4, as_printed="", source=derived_src, derivation="FY - 9M")
    store.add_facts([fact(), derived], origin="t")
    assert len(store.facts()) == 2
    (printed,) = store.facts(FactQuery(include_derived=False))
    assert not printed.is_derived and printed.period.label == "FY2026 Q1"


def test_cached_reads_never_outlive_a_write(store: FactStore) -> None:
    store.add_facts([fact()], origin="a.csv")
    first = store.facts(entity="BABA")
    first.clear()  # a caller's list is its own
    assert len(store.facts(entity="BABA")) == 1
    store.add_facts([fact("5").with_(known_on=date(2025, 9, 1))], origin="b.csv")
    assert len(store.facts(entity="BABA", latest=False)) == 2
    assert store.facts(entity="BABA")[0].value == Decimal("5")  # the newer version


def test_a_read_during_a_failed_write_is_not_kept(store: FactStore) -> None:
    def batches() -> Iterator[tuple[list[Fact], list[FxRate], list[Entity]]]:
        yield [fact()], [], []
        assert len(store.facts(entity="BABA")) == 1  # read inside the open transaction
        raise RuntimeError("producer failed")

    with pytest.raises(RuntimeError):
        store.add_batches(batches(), origin="x.csv")
    assert store.facts(entity="BABA") == []  # the rolled-back row is not served from cache


def test_cached_fx_reads_never_outlive_a_write(store: FactStore) -> None:
    src = Source(
        "https://example.com/h10", "H.10", "Fed", date(2025, 7, 1), SourceKind.CENTRAL_BANK
    )

    def rate(day: date, value: str) -> FxRate:
        return FxRate("USD", "CNY", day, Decimal(value), src)

    def batch(r: FxRate) -> Iterator[tuple[list[Fact], list[FxRate], list[Entity]]]:
        yield [], [r], []

    store.add_batches(batch(rate(date(2025, 6, 30), "7.1636")), origin="fx1")
    first = store.fx_rates("USD", "CNY")
    first.clear()  # a caller's list is its own
    assert len(store.fx_rates("USD", "CNY")) == 1
    store.add_batches(batch(rate(date(2025, 7, 1), "7.1650")), origin="fx2")
    assert [r.day for r in store.fx_rates("USD", "CNY")] == [date(2025, 6, 30), date(2025, 7, 1)]


def test_many_processes_read_one_store_file_at_once(tmp_path: Path) -> None:
    """Parallel `capexlens check` runs share the file: readers never lock each other out,
    and a reader waits for a writer instead of failing."""
    import subprocess
    import sys

    from capexlens.ingest import open_reader

    db = tmp_path / "facts.duckdb"
    open_reader(db).close()  # built once, read-write, then shared
    reader = (
        "import sys, time\n"
        "from capexlens.ingest import open_reader\n"
        "s = open_reader(sys.argv[1]); n = len(s.facts(entity='BABA')); time.sleep(1)\n"
        "s.close(); print(n)\n"
    )
    writer = (
        "import sys, time\n"
        "from capexlens.store import FactStore\n"
        "s = FactStore.open(sys.argv[1]); print('w', flush=True); time.sleep(1.5); s.close()\n"
    )
    hold = subprocess.Popen([sys.executable, "-c", writer, str(db)], stdout=subprocess.PIPE)
    assert hold.stdout is not None and hold.stdout.readline().strip() == b"w"
    waited = subprocess.run(
        [sys.executable, "-c", reader, str(db)], capture_output=True, text=True, check=False
    )
    hold.wait()
    together = [
        subprocess.Popen([sys.executable, "-c", reader, str(db)], stdout=subprocess.PIPE)
        for _ in range(3)
    ]
    outs = [p.communicate()[0] for p in together]
    assert waited.returncode == 0, waited.stderr  # it waited for the writer
    assert all(p.returncode == 0 for p in together)
    assert len({o.strip() for o in outs}) == 1 and int(outs[0]) > 0


def test_a_reader_of_a_store_older_than_capexlens_migrates_it(tmp_path: Path) -> None:
    import duckdb

    from capexlens.errors import SchemaVersionError
    from capexlens.ingest import open_reader

    db = tmp_path / "old.duckdb"
    duckdb.connect(str(db)).close()  # a database file of no capexlens schema (version 0)
    with pytest.raises(SchemaVersionError):
        FactStore.open(db, read_only=True)
    with open_reader(db) as store:  # the failed read left no lock behind: it migrates
        assert store.facts(entity="BABA")
