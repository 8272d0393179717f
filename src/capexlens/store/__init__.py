"""The fact store: every fact, FX rate and SEC filer capexlens knows, in one DuckDB file.

This package is the only place that imports :mod:`duckdb`. Writes happen in one
transaction per ingest; a fact is never updated or deleted, only joined by newer
versions (restatements) with a later ``known_on``.
"""

from __future__ import annotations

from capexlens.store._store import FactQuery, FactStore, IngestReport, default_db_path

__all__ = ["FactQuery", "FactStore", "IngestReport", "default_db_path"]
