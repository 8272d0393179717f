"""Company-facts inputs as a stream of (origin, bytes): one file, a folder, or a zip.

The SEC's bulk ``companyfacts.zip`` holds one JSON file per filer. It is read member by
member, so memory stays bounded by the largest member, not the archive. Members are
checked against :class:`ZipLimits` before and while they are inflated, which stops a
zip bomb (a small member that expands enormously) early.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from capexlens.errors import IngestError, ValidationIssue

__all__ = ["Item", "Progress", "ZipLimits", "iter_sources"]

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Bounds on what one input file or zip member may expand to.

    A company-facts JSON of a large filer is tens of megabytes and deflates about
    25 to 1, so the defaults leave ample room while refusing a bomb.
    """

    max_member_bytes: int = 512 * 2**20
    max_ratio: float = 200.0
    max_members: int = 200_000


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a multi-file read has got, passed to the ``progress`` callback."""

    done: int
    total: int
    name: str
    bytes_done: int
    bytes_total: int


@dataclass(frozen=True, slots=True)
class Item:
    """One input: its bytes, or the error that stopped it from being read."""

    origin: str
    data: bytes | bytearray | None
    progress: Progress
    error: IngestError | None = None


def _error(origin: str, field: str, rule: str) -> IngestError:
    return IngestError(origin, [ValidationIssue(origin, 0, field, rule)])


def iter_sources(path: Path, limits: ZipLimits) -> Iterator[Item]:
    """The company-facts inputs at ``path``: a JSON file, a folder of them, or a zip."""
    if path.is_dir():
        yield from _iter_folder(path, limits)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        yield from _iter_zip(path, limits)
    elif path.is_file():
        yield from _iter_files([path], limits)
    else:
        raise _error(str(path), "file", "does not exist: give a company-facts JSON, a folder "
                     "of them, or companyfacts.zip")  # fmt: skip


def _iter_folder(folder: Path, limits: ZipLimits) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*.json") if p.is_file())
    if not files:
        raise _error(str(folder), "folder", "holds no *.json company-facts files")
    yield from _iter_files(files, limits)


def _iter_files(files: list[Path], limits: ZipLimits) -> Iterator[Item]:
    sizes = [p.stat().st_size for p in files]
    total_bytes = sum(sizes)
    done_bytes = 0
    for i, (p, size) in enumerate(zip(files, sizes, strict=True)):
        done_bytes += size
        progress = Progress(i + 1, len(files), p.name, done_bytes, total_bytes)
        if size > limits.max_member_bytes:
            rule = (f"is {size} bytes, above the limit of {limits.max_member_bytes}; raise "
                    "ZipLimits.max_member_bytes if the file is genuine")  # fmt: skip
            yield Item(str(p), None, progress, _error(str(p), "file", rule))
            continue
        yield Item(str(p), p.read_bytes(), progress)


def _iter_zip(path: Path, limits: ZipLimits) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _error(str(path), "zip", f"cannot be opened as a zip archive ({exc}); "
                     "download companyfacts.zip again") from None  # fmt: skip
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > limits.max_members:
            raise _error(str(path), "zip", f"has {len(members)} members, above the limit of "
                         f"{limits.max_members} (ZipLimits.max_members)")  # fmt: skip
        total_bytes = sum(m.compress_size for m in members)
        done_bytes = 0
        for i, info in enumerate(members):
            done_bytes += info.compress_size
            origin = f"{path}!{info.filename}"
            progress = Progress(i + 1, len(members), info.filename, done_bytes, total_bytes)
            try:
                yield Item(origin, _read_member(archive, info, limits, origin), progress)
            except IngestError as exc:
                yield Item(origin, None, progress, exc)


def _check_declared(info: zipfile.ZipInfo, limits: ZipLimits, origin: str) -> None:
    if info.file_size > limits.max_member_bytes:
        raise _error(origin, "member", f"expands to {info.file_size} bytes, above the limit of "
                     f"{limits.max_member_bytes} (ZipLimits.max_member_bytes)")  # fmt: skip
    ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
    if info.file_size and ratio > limits.max_ratio:
        raise _error(origin, "member", f"expands {ratio:.0f} times its compressed size, above "
                     f"{limits.max_ratio:.0f} (ZipLimits.max_ratio): a zip bomb?")  # fmt: skip


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits, origin: str
) -> bytearray:
    _check_declared(info, limits, origin)
    # The header could lie about the size, so the inflated stream is capped as it is read.
    cap = min(info.file_size, limits.max_member_bytes)
    try:
        with archive.open(info) as fh:
            return _read_capped(fh, cap, origin)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise _error(origin, "member", f"cannot be inflated ({exc}); the archive is damaged "
                     "or encrypted: download it again") from None  # fmt: skip


def _read_capped(fh: IO[bytes], cap: int, origin: str) -> bytearray:
    buf = bytearray()
    while chunk := fh.read(_CHUNK):
        buf += chunk
        if len(buf) > cap:
            raise _error(origin, "member", f"inflates past {cap} bytes, more than its header "
                         "declares or the size limit allows: a zip bomb?")  # fmt: skip
    return buf
