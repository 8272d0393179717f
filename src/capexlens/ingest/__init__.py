"""Files -> facts: curated CSV/YAML, FX rate files, SEC company facts.

:func:`ingest_path` recognises a file by its name and first line, validates all of it,
and writes it in one transaction; a rejected file leaves the store untouched.
:func:`open_store` opens a store and loads the embedded curated dataset on first use;
:func:`open_reader` opens it read-only for one of many processes checking at once.
"""

from __future__ import annotations

from capexlens.ingest._dispatch import (
    FileKind,
    detect_kind,
    embedded_files,
    ensure_embedded,
    ingest_path,
    open_reader,
    open_store,
)
from capexlens.ingest.curated import read_curated

__all__ = [
    "FileKind",
    "detect_kind",
    "embedded_files",
    "ensure_embedded",
    "ingest_path",
    "open_reader",
    "open_store",
    "read_curated",
]
