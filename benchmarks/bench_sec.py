"""How fast SEC company facts ingest, and how little memory the bulk zip needs.

Run as ``python benchmarks/bench_sec.py``; :func:`run` returns the numbers as a dict.

* ``read_mb_s``: :func:`read_company_facts` on the Snowflake fixture (parse, map,
  de-duplicate, derive quarters), beside ``orjson_mb_s``, ``orjson.loads`` of the same
  bytes (the floor: ingest can never beat the JSON parser).
* ``zip_*``: a generated zip of a few hundred company-facts files (the fixtures with the
  CIK changed) read through :func:`iter_company_facts`; ``zip_peak_mb`` is the
  tracemalloc peak while streaming it, ``one_file_peak_mb`` the peak for one Snowflake
  file. Similar peaks show memory does not grow with the archive.
* edgartools is compared only when importable (it is not a dependency).
"""

from __future__ import annotations

import importlib.util
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson

from capexlens.ingest.sec import iter_company_facts, read_company_facts

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
SNOW = FIXTURES / "sec-companyfacts-snowflake.json"
LPA = FIXTURES / "sec-companyfacts-20f-ifrs-lpa.json"
MB = 1e6


def _best_seconds(fn: Callable[[], object], repeats: int) -> float:
    """The median of ``repeats`` timed calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _with_cik(data: bytes, cik: int) -> bytes:
    doc = orjson.loads(data)
    doc["cik"] = cik
    return orjson.dumps(doc)


def build_zip(folder: Path, big: int = 40, small: int = 200) -> tuple[Path, int]:
    """A companyfacts-style zip of ``big`` Snowflake and ``small`` 20-F copies."""
    path = folder / "companyfacts.zip"
    sources = [SNOW.read_bytes()] * big + [LPA.read_bytes()] * small
    total = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i, data in enumerate(sources, start=1):
            member = _with_cik(data, i)
            total += len(member)
            zf.writestr(f"CIK{i:010d}.json", member)
    return path, total


def _peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def _drain(path: Path) -> int:
    """Read every batch of ``path``, keeping only a count (as a streaming caller would)."""
    return sum(len(b.facts) + len(b.derived) for b in iter_company_facts(path))


def bench_single(repeats: int = 15) -> dict[str, float]:
    """Throughput on the Snowflake fixture, next to orjson.loads of the same bytes."""
    data = SNOW.read_bytes()
    size = len(data) / MB
    t_json = _best_seconds(lambda: orjson.loads(data), repeats)
    t_read = _best_seconds(lambda: read_company_facts(data, origin=SNOW.name), repeats)
    return {
        "file_mb": size,
        "orjson_mb_s": size / t_json,
        "read_mb_s": size / t_read,
        "read_vs_orjson": t_read / t_json,
        "one_file_peak_mb": _peak_mb(lambda: read_company_facts(data, origin=SNOW.name)),
    }


def bench_zip() -> dict[str, float]:
    """Streaming a generated zip: throughput and tracemalloc peak."""
    with tempfile.TemporaryDirectory() as tmp:
        path, total = build_zip(Path(tmp))
        with zipfile.ZipFile(path) as zf:
            members = len(zf.infolist())
        t0 = time.perf_counter()
        _drain(path)
        seconds = time.perf_counter() - t0
        return {
            "zip_members": float(members),
            "zip_uncompressed_mb": total / MB,
            "zip_compressed_mb": path.stat().st_size / MB,
            "zip_mb_s": total / MB / seconds,
            "zip_peak_mb": _peak_mb(lambda: _drain(path)),
        }


def bench_end_to_end(repeats: int = 5) -> dict[str, float]:
    """File on disk -> facts in a fresh DuckDB store (read, map, derive, one transaction)."""
    from capexlens.ingest import ingest_path
    from capexlens.store import FactStore

    size = SNOW.stat().st_size / MB
    # Stores are opened (schema created) before the clock starts: the figure is the ingest.
    # One more than `repeats`: _best_seconds makes a warm-up call first.
    stores = [FactStore.open(":memory:") for _ in range(repeats + 1)]
    try:
        seconds = _best_seconds(lambda: ingest_path(stores.pop(), SNOW), repeats)
    finally:
        for store in stores:
            store.close()
    return {"ingest_duckdb_mb_s": size / seconds}


def bench_edgartools(repeats: int = 5) -> dict[str, float]:
    """edgartools' company-facts parser on the same bytes (json.loads + parse), when the
    bench environment has it (`make bench` installs it there, never in the project)."""
    if importlib.util.find_spec("edgar") is None:
        return {"edgartools_available": 0.0}
    import json

    from edgar.entity.parser import EntityFactsParser

    data = SNOW.read_bytes()
    seconds = _best_seconds(
        lambda: EntityFactsParser.parse_company_facts(json.loads(data)), repeats
    )
    return {"edgartools_available": 1.0, "edgartools_mb_s": len(data) / MB / seconds}


def run() -> dict[str, float]:
    """Every benchmark number, by name."""
    return {**bench_single(), **bench_end_to_end(), **bench_zip(), **bench_edgartools()}


def main() -> None:
    """Print :func:`run` as a table."""
    results = run()
    for name, value in results.items():
        print(f"{name:24s} {value:12.2f}")
    if not results.get("edgartools_available"):
        print("edgartools is not importable: comparison skipped")


if __name__ == "__main__":
    main()
