"""Recognise an input file, read it whole, then write it in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from importlib import resources
from pathlib import Path

from capexlens import fx
from capexlens.errors import IngestError, SchemaVersionError, ValidationIssue
from capexlens.ingest._zipsource import Progress
from capexlens.ingest.curated import read_curated
from capexlens.models import Fact, FxRate
from capexlens.registry import Entity, Registry, default_registry
from capexlens.store import FactStore, IngestReport, default_db_path

__all__ = [
    "FileKind",
    "detect_kind",
    "embedded_files",
    "ensure_embedded",
    "ingest_path",
    "open_store",
]


class FileKind(StrEnum):
    """The kinds of input file capexlens reads."""

    CURATED = "curated"
    FED_H10 = "fed_h10"
    ECB_HIST = "ecb_hist"
    FX_CONVENIENCE = "fx_convenience"
    FX_REFERENCE = "fx_reference"
    SEC_COMPANY_FACTS = "sec_company_facts"


def _first_line(path: Path) -> str:
    with path.open("rb") as fh:
        return fh.readline(4096).decode("utf-8-sig", errors="replace").strip()


def detect_kind(path: Path) -> FileKind:
    """What kind of input ``path`` is, from its suffix and first line."""
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in (".json", ".zip"):
        return FileKind.SEC_COMPANY_FACTS
    if suffix in (".yaml", ".yml"):
        return FileKind.CURATED
    if suffix != ".csv":
        raise IngestError(
            str(path),
            [
                ValidationIssue(
                    str(path),
                    0,
                    "file",
                    "unknown kind: expected .csv, .yaml, "
                    ".json, .zip or a folder of company-facts JSON",
                )
            ],
        )
    first = _first_line(path)
    header = [c.strip().strip('"').strip() for c in first.split(",")]
    # The Board's Data Download Program starts with "Series Description" or, for a
    # single series, "Unique Identifier:" lines before the dates.
    if header[0] in ("Series Description", "Unique Identifier:", "Unique Identifier"):
        return FileKind.FED_H10
    if header[0] == "Date" and "USD" in header:
        return FileKind.ECB_HIST
    if header[:4] == ["base", "quote", "day", "rate"]:
        return FileKind.FX_CONVENIENCE
    if "entity" in header and "metric" in header:
        return FileKind.CURATED
    if header[:2] == ["quarter", "start"] and "average_rate" in header:
        return FileKind.FX_REFERENCE
    raise IngestError(
        str(path),
        [
            ValidationIssue(
                str(path),
                1,
                "header",
                f"unrecognised CSV header {first[:80]!r}: "
                "see docs/curated-format.md for the curated columns",
            )
        ],
    )


def _sha256(path: Path) -> str:
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(path.rglob("*.json")):
            digest.update(child.name.encode())
            digest.update(child.read_bytes())
        return digest.hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Dollar crosses stored beside the ECB's euro rates: the currencies the covered companies
# report in, plus the majors. Other pairs are still answerable via EUR with fx.ecb_cross().
ECB_USD_CROSSES = ("CNY", "HKD", "JPY", "GBP")


def _read_ecb(path: Path) -> list[FxRate]:
    rates = fx.load_ecb(path)
    crosses = [r for q in ECB_USD_CROSSES for r in fx.ecb_cross(rates, "USD", q)]
    return rates + crosses


def _read_fx(kind: FileKind, path: Path) -> list[FxRate]:
    readers: dict[FileKind, Callable[[Path], list[FxRate]]] = {
        FileKind.FED_H10: fx.load_h10,
        FileKind.ECB_HIST: _read_ecb,
        FileKind.FX_CONVENIENCE: fx.load_convenience,
    }
    return readers[kind](path)


Batch = tuple[Sequence[Fact], Sequence[FxRate], Sequence[Entity]]


def _sec_batches(
    path: Path, registry: Registry, progress: Callable[[Progress], None] | None
) -> Iterator[Batch]:
    from capexlens.ingest import sec  # a large module: loaded only when needed

    for batch in sec.iter_company_facts(path, registry=registry, progress=progress):
        yield batch.all_facts, (), (batch.entity,)


def ingest_path(
    store: FactStore,
    path: str | Path,
    *,
    registry: Registry | None = None,
    progress: Callable[[Progress], None] | None = None,
    origin: str | None = None,
    replace_origin: bool = False,
) -> IngestReport:
    """Validate and ingest one file (or folder of company facts) in one transaction.

    ``progress`` is called after each company-facts member of a folder or zip (for a
    progress bar). ``origin`` names the file in the store (default: its file name);
    ``replace_origin`` is for the shipped dataset only (see :meth:`FactStore.add_facts`).
    Raises :class:`~capexlens.errors.IngestError` listing every problem; then nothing has
    been written.
    """
    p = Path(path)
    if not p.exists():
        raise IngestError(str(p), [ValidationIssue(str(p), 0, "file", "does not exist")])
    reg = registry or default_registry()
    kind = detect_kind(p)
    sha = _sha256(p)
    name = origin or p.name
    if kind is FileKind.SEC_COMPANY_FACTS:
        # Streamed: one company at a time inside one transaction (constant memory).
        return store.add_batches(_sec_batches(p, reg, progress), origin=name, sha256=sha)
    facts: list[Fact] = []
    rates: list[FxRate] = []
    if kind is FileKind.CURATED:
        facts = read_curated(p, reg.with_entities(store.registered_entities()))
    elif kind is FileKind.FX_REFERENCE:
        rates = fx.reference_as_rates(fx.load_reference_quarterly(p))
    else:
        rates = _read_fx(kind, p)
    return store.add_facts(
        facts, origin=name, fx_rates=rates, sha256=sha, replace_origin=replace_origin
    )


def embedded_files() -> Iterator[Path]:
    """The files of the embedded curated dataset, FX tables first, then facts by name."""
    root = resources.files("capexlens") / "data"
    for sub in ("fx", "facts"):
        folder = Path(str(root / sub))
        if folder.is_dir():
            yield from sorted(p for p in folder.iterdir() if p.suffix in (".csv", ".yaml", ".yml"))


def ensure_embedded(store: FactStore) -> list[IngestReport]:
    """Ingest each embedded file whose exact content the store has not seen yet."""
    reports: list[IngestReport] = []
    for path in embedded_files():
        if not store.ingested(_sha256(path)):
            # A changed shipped file replaces what its earlier version wrote, so a corrected
            # figure never stands beside the error it corrects.
            origin = f"embedded:{path.parent.name}/{path.name}"
            reports.append(ingest_path(store, path, origin=origin, replace_origin=True))
    return reports


def open_store(
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    embedded: bool = True,
) -> FactStore:
    """Open the fact store and, unless ``embedded=False``, load the embedded dataset into it
    on first use (and again whenever a shipped file changed)."""
    store = FactStore.open(path, read_only=read_only)
    if embedded and not read_only:
        try:
            ensure_embedded(store)
        except BaseException:
            store.close()
            raise
    return store


def open_reader(path: str | Path | None = None, *, lock_timeout: float = 60.0) -> FactStore:
    """The fact store opened read-only, with the embedded dataset current.

    It is opened read-write (briefly, to load the embedded files) only when the file is
    missing, older than this capexlens, or a shipped file changed, so that many processes
    can check articles against one store at once: DuckDB lets one writer or many readers
    hold a file.
    """
    target = default_db_path() if path is None else Path(path)
    if str(target) == ":memory:":  # nothing to share: a fresh store of this process's own
        return open_store(target)
    if target.exists():
        try:
            store = FactStore.open(target, read_only=True, lock_timeout=lock_timeout)
        except SchemaVersionError:
            pass  # older than this capexlens: migrated read-write below
        else:
            if all(store.ingested(_sha256(p)) for p in embedded_files()):
                return store
            store.close()
    open_store(target, read_only=False).close()
    return FactStore.open(target, read_only=True, lock_timeout=lock_timeout)
