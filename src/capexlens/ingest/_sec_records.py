"""Parse and validate SEC company-facts JSON down to the records capexlens maps.

Only the concepts of :data:`~capexlens.ingest._sec_concepts.CONCEPTS` are validated and
converted; everything else in the file is parsed by orjson and then ignored, which is
what keeps ingest close to the speed of ``orjson.loads`` itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import orjson

from capexlens.errors import IngestError, ValidationIssue
from capexlens.ingest._sec_concepts import (
    ANNUAL_FORMS,
    CONCEPTS_BY_TAXONOMY,
    ConceptRule,
    unit_problem,
)

__all__ = [
    "Header",
    "Issues",
    "RawValue",
    "annual_end_months",
    "collect_values",
    "nominal_month",
    "parse_document",
    "read_header",
]

_ACCN = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_FORM = re.compile(r"^[0-9A-Z][0-9A-Z/-]{0,15}$")
MAX_ISSUES = 50


@dataclass(slots=True)
class Issues:
    """Collects every broken rule of one file (up to :data:`MAX_ISSUES`), then raises."""

    origin: str
    found: list[ValidationIssue] = field(default_factory=list)

    def add(self, path: str, rule: str, line: int = 0) -> None:
        """Record one broken rule at the JSON path ``path``."""
        if len(self.found) < MAX_ISSUES:
            self.found.append(ValidationIssue(self.origin, line, path, rule))

    def raise_if_any(self) -> None:
        """Raise :class:`IngestError` listing every issue, if there is one."""
        if self.found:
            raise IngestError(self.origin, self.found)


@dataclass(frozen=True, slots=True)
class RawValue:
    """One mapped XBRL value as one filing reported it (before de-duplication)."""

    rule: ConceptRule
    unit: str
    start: date | None
    end: date
    value: Decimal
    printed: str
    accn: str
    form: str
    filed: date


@dataclass(frozen=True, slots=True)
class Header:
    """The filer fields of a company-facts document."""

    cik: int
    name: str
    facts: dict[str, Any]


def parse_document(data: bytes | bytearray | memoryview, origin: str) -> Any:
    """``orjson.loads`` with a clear :class:`IngestError` for bytes that are not JSON.

    >>> parse_document(b'{"cik": 1', "x.json")
    Traceback (most recent call last):
    ...
    capexlens.errors.IngestError: x.json: rejected, 1 error; nothing was written
    x.json:1: (document): not valid JSON (truncated or not a company-facts file?): ...
    """
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        rule = f"not valid JSON (truncated or not a company-facts file?): {exc.msg} at column "
        rule += f"{exc.colno}; download the file again"
        raise IngestError(
            origin, [ValidationIssue(origin, exc.lineno, "(document)", rule)]
        ) from None


def _cik(value: object) -> int | None:
    # The API gives an integer, some files (the 20-F fixture) a zero-padded string.
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    return None


def read_header(doc: Any, issues: Issues) -> Header | None:
    """The filer's CIK, name and ``facts`` mapping, or ``None`` after recording issues."""
    if not isinstance(doc, dict):
        issues.add(
            "(document)",
            f"must be a JSON object with cik, entityName and facts (an SEC company-facts "
            f"file), got a JSON {type(doc).__name__}",
        )
        return None
    cik = _cik(doc.get("cik"))
    if cik is None:
        issues.add("cik", f"must be a positive integer or digit string, got {doc.get('cik')!r}")
    name = doc.get("entityName")
    if not isinstance(name, str) or not name.strip():
        issues.add("entityName", f"must be the filer's name, got {name!r}")
    facts = doc.get("facts")
    if not isinstance(facts, dict):
        issues.add("facts", f"must be an object of taxonomies, got {type(facts).__name__}")
    if cik is None or not isinstance(name, str) or not name.strip() or not isinstance(facts, dict):
        return None
    return Header(cik, name.strip(), facts)


def collect_values(facts: dict[str, Any], issues: Issues) -> list[RawValue]:
    """Every record of every mapped concept, validated; other concepts are skipped."""
    out: list[RawValue] = []
    for taxonomy, rules in CONCEPTS_BY_TAXONOMY.items():
        concepts = facts.get(taxonomy)
        if concepts is None:
            continue
        if not isinstance(concepts, dict):
            issues.add(f"facts.{taxonomy}", "must be an object of concepts")
            continue
        for concept, rule in rules.items():
            entry = concepts.get(concept)
            if entry is not None:
                _collect_concept(entry, rule, f"facts.{rule.taxonomy}.{concept}", issues, out)
    return out


def _collect_concept(
    entry: Any, rule: ConceptRule, path: str, issues: Issues, out: list[RawValue]
) -> None:
    units = entry.get("units") if isinstance(entry, dict) else None
    if not isinstance(units, dict):
        issues.add(f"{path}.units", "must be an object mapping units to lists of values")
        return
    for unit, records in units.items():
        upath = f"{path}.units.{unit}"
        problem = unit_problem(rule, unit)
        if problem:
            issues.add(upath, problem)
            continue
        if not isinstance(records, list):
            issues.add(upath, f"must be a list of values, got {type(records).__name__}")
            continue
        for i, rec in enumerate(records):
            raw = _record(rec, rule, unit, f"{upath}[{i}]", issues)
            if raw is not None:
                out.append(raw)


def _date(rec: dict[str, Any], key: str, path: str, issues: Issues) -> date | None:
    text = rec.get(key)
    try:
        return date.fromisoformat(text)  # type: ignore[arg-type]  # TypeError if not str
    except (TypeError, ValueError):
        issues.add(f"{path}.{key}", f"must be a date YYYY-MM-DD, got {text!r}")
        return None


def _number(val: Any, path: str, issues: Issues) -> tuple[Decimal, str] | None:
    # bool is an int subclass; a float goes through repr() so 0.1 stays 0.1, not binary.
    if isinstance(val, int) and not isinstance(val, bool):
        return Decimal(val), str(val)
    if isinstance(val, float) and math.isfinite(val):
        text = repr(val)
        return Decimal(text), text
    issues.add(f"{path}.val", f"must be a number, got {val!r}")
    return None


def _text(rec: dict[str, Any], key: str, pattern: re.Pattern[str], path: str, issues: Issues,
          example: str) -> str:  # fmt: skip
    value = rec.get(key)
    if isinstance(value, str) and pattern.match(value):
        return value
    issues.add(f"{path}.{key}", f"must be {example}, got {value!r}")
    return ""


def _record(rec: Any, rule: ConceptRule, unit: str, path: str, issues: Issues) -> RawValue | None:
    if not isinstance(rec, dict):
        issues.add(path, f"must be an object with end, val, accn, form and filed, got {rec!r}")
        return None
    required = ("end", "val", "accn", "form", "filed") + (() if rule.instant else ("start",))
    missing = [k for k in required if k not in rec]
    if missing:
        what = "" if rule.instant else " (a duration concept needs start and end)"
        issues.add(path, f"missing {', '.join(missing)}{what}")
        return None
    before = len(issues.found)
    end = _date(rec, "end", path, issues)
    filed = _date(rec, "filed", path, issues)
    start = None if rule.instant else _date(rec, "start", path, issues)
    number = _number(rec["val"], path, issues)
    accn = _text(rec, "accn", _ACCN, path, issues, "an accession number like 0001640147-24-000101")
    form = _text(rec, "form", _FORM, path, issues, "a form name such as 10-K, 10-Q or 20-F")
    if len(issues.found) > before or end is None or filed is None or number is None:
        return None
    if start is not None and start > end:
        issues.add(path, f"start {start} is after end {end}")
        return None
    return RawValue(rule, unit, start, end, number[0], number[1], accn, form, filed)


def nominal_month(end: date) -> int:
    """The month a period ending on ``end`` belongs to.

    52/53-week fiscal years end on a weekday near a month end, sometimes in the first
    days of the next month (Apple's year ended 1 October 2022): those count as the
    previous month.

    >>> nominal_month(date(2022, 10, 1)), nominal_month(date(2025, 1, 31))
    (9, 1)
    """
    if end.day <= 7:
        return 12 if end.month == 1 else end.month - 1
    return end.month


def _is_year(start: date, end: date) -> bool:
    return 350 <= (end - start).days + 1 <= 380


def annual_end_months(values: list[RawValue], facts: dict[str, Any]) -> Counter[int]:
    """How often each month ends a full-year duration in an annual report.

    The mapped values are tried first; only a filer with none of them (say, a shell
    company) makes this scan every concept of the document.
    """
    counts: Counter[int] = Counter(
        nominal_month(v.end)
        for v in values
        if v.start is not None and v.form in ANNUAL_FORMS and _is_year(v.start, v.end)
    )
    if counts:
        return counts
    for concepts in facts.values():
        for entry in concepts.values() if isinstance(concepts, dict) else ():
            units = entry.get("units") if isinstance(entry, dict) else None
            for records in units.values() if isinstance(units, dict) else ():
                for rec in records if isinstance(records, list) else ():
                    month = _annual_month(rec)
                    if month:
                        counts[month] += 1
    return counts


def _annual_month(rec: Any) -> int:
    if not isinstance(rec, dict) or rec.get("form") not in ANNUAL_FORMS:
        return 0
    try:
        start = date.fromisoformat(rec["start"])
        end = date.fromisoformat(rec["end"])
    except (KeyError, TypeError, ValueError):
        return 0
    return nominal_month(end) if _is_year(start, end) else 0
