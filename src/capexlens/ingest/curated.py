"""Curated facts files (CSV and YAML) -> validated :class:`~capexlens.models.Fact` records.

The format is documented in ``docs/curated-format.md``. Validation collects every
broken rule of the whole file before anything is written, so a caller can reject the
file whole and list all its errors at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import yaml

from capexlens.amounts import parse_printed
from capexlens.errors import CapexlensError, IngestError, ValidationIssue
from capexlens.models import Fact, Period, Source, SourceKind
from capexlens.periods import parse_period
from capexlens.registry import MARKET_ENTITY, Registry

__all__ = ["COLUMNS", "read_curated", "rows_from_csv", "rows_from_yaml", "validate_rows"]

COLUMNS: tuple[str, ...] = (
    "entity",
    "metric",
    "segment",
    "period",
    "value",
    "value_high",
    "unit",
    "as_printed",
    "basis",
    "locator",
    "source_url",
    "source_title",
    "publisher",
    "published",
    "source_kind",
    "known_on",
    "primary",
    "derivation",
    "derived_from",
    "note",
    "tolerance",
)
REQUIRED: tuple[str, ...] = (
    "entity",
    "metric",
    "period",
    "value",
    "unit",
    "locator",
    "source_url",
    "source_title",
    "publisher",
    "published",
    "source_kind",
)
_NON_MONEY_UNITS = {"percent": "percent", "count": "count", "parameters": "parameters"}
_T = TypeVar("_T")
_ISO_CODE = re.compile(r"^[A-Z]{3}$")
_PER_SHARE = re.compile(r"^[A-Z]{3}/share$")
# Sources print figures inside a few words ("up 15 percent", "approximately $85 billion");
# the figure is what follows them. Anything else around a figure is an error.
_LEADING_WORDS = re.compile(
    r"^[~+]\s*|^(?:(?:approximately|about|around|nearly|roughly|almost|over|more than|less than|"
    r"up|down|by|of|to|grew|rose|fell|increased|decreased|declined|"
    r"an? (?:increase|decrease|decline|rise|growth|reduction|net reduction) of)\s+)+",
    re.IGNORECASE,
)
_TRAILING_WORDS = re.compile(
    r"\s+(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy|y/y|from a year (?:ago|earlier)|"
    r"in constant currency)$",
    re.IGNORECASE,
)
_TRUE = {"true", "yes", "1", ""}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One fact as written in the file: raw strings by column, and its first line."""

    line: int
    fields: Mapping[str, str]


def rows_from_csv(text: str, path: str) -> tuple[list[RawRow], list[ValidationIssue]]:
    """Rows of a curated CSV, with header problems as issues."""
    if not text.strip():
        return [], [ValidationIssue(path, 1, "file", "is empty (expected a header row and facts)")]
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    issues: list[ValidationIssue] = []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing:
        issues.append(
            ValidationIssue(path, 1, "header", f"missing column(s): {', '.join(missing)}")
        )
    if unknown:
        issues.append(
            ValidationIssue(
                path,
                1,
                "header",
                f"unknown column(s): {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}",
            )
        )
    rows: list[RawRow] = []
    last = reader.line_num
    for record in reader:
        start = last + 1
        last = reader.line_num
        if None in record:  # more cells than header columns
            issues.append(ValidationIssue(path, start, "row", "more cells than header columns"))
        short = [k for k, v in record.items() if isinstance(k, str) and v is None]
        if short and any(v for v in record.values() if isinstance(v, str)):
            # a cell left out shifts every later one into the wrong column (a note read as
            # the ids a derivation came from): say so rather than guess which one is missing
            issues.append(
                ValidationIssue(
                    path,
                    start,
                    "row",
                    f"fewer cells than header columns ({len(header) - len(short)} of "
                    f"{len(header)}; missing from {short[0]!r} on)",
                )
            )
        fields = {k: (v or "").strip() for k, v in record.items() if isinstance(k, str)}
        if not any(fields.values()):
            continue
        rows.append(RawRow(start, fields))
    return rows, issues


def _scalar_map(node: yaml.Node, path: str) -> tuple[dict[str, str], list[ValidationIssue]]:
    """A YAML mapping of scalars as raw strings (no YAML typing: 38.6 stays '38.6')."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return {}, [ValidationIssue(path, line, "fact", "must be a mapping of column: value")]
    out: dict[str, str] = {}
    issues: list[ValidationIssue] = []
    for key, value in node.value:
        if not isinstance(value, yaml.ScalarNode):
            issues.append(ValidationIssue(path, line, str(key.value), "must be a plain value"))
            continue
        out[str(key.value)] = "" if value.tag.endswith(":null") else str(value.value).strip()
    return out, issues


def rows_from_yaml(text: str, path: str) -> tuple[list[RawRow], list[ValidationIssue]]:
    """Rows of a curated YAML file (``source:`` defaults plus ``facts:`` list)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return [], [ValidationIssue(path, line, "yaml", f"not valid YAML: {exc}")]
    if not isinstance(root, yaml.MappingNode):
        return [], [ValidationIssue(path, 1, "yaml", "top level must have `facts:` (a list)")]
    sections = {str(k.value): v for k, v in root.value}
    issues: list[ValidationIssue] = []
    defaults: dict[str, str] = {}
    if "source" in sections:
        defaults, found = _scalar_map(sections["source"], path)
        issues += found
    facts_node = sections.get("facts")
    if not isinstance(facts_node, yaml.SequenceNode):
        issues.append(ValidationIssue(path, 1, "facts", "`facts:` must be a list of facts"))
        return [], issues
    rows: list[RawRow] = []
    for item in facts_node.value:
        fields, found = _scalar_map(item, path)
        issues += found
        unknown = sorted(set(fields) - set(COLUMNS))
        if unknown:
            issues.append(
                ValidationIssue(path, item.start_mark.line + 1, unknown[0], "unknown field")
            )
        rows.append(RawRow(item.start_mark.line + 1, {**defaults, **fields}))
    return rows, issues


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r} (write e.g. 247652000000 or 26.5)") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (write YYYY-MM-DD)") from None


class _RowChecker:
    """Validates one row; collects issues instead of stopping at the first."""

    def __init__(self, registry: Registry, path: str, row: RawRow) -> None:
        self.registry = registry
        self.path = path
        self.row = row
        self.issues: list[ValidationIssue] = []

    def fail(self, field: str, rule: str) -> None:
        self.issues.append(ValidationIssue(self.path, self.row.line, field, rule))

    def get(self, field: str) -> str:
        return self.row.fields.get(field, "")

    def attempt(self, field: str, fn: Callable[[], _T]) -> _T | None:
        """``fn()``, or ``None`` with the broken rule recorded against ``field``."""
        try:
            return fn()
        except (ValueError, CapexlensError) as exc:
            self.fail(field, str(exc))
            return None

    def check(self) -> Fact | None:
        for name in REQUIRED:
            if not self.get(name):
                self.fail(name, "is required")
        if self.issues:
            return None
        entity = self._entity()
        metric = self.registry.metrics.get(self.get("metric"))
        if metric is None:
            self.fail("metric", f"unknown metric {self.get('metric')!r}; see `capexlens metrics`")
        elif metric.derived_only:
            self.fail(
                "metric",
                f"{metric.id!r} is computed by the checker from other metrics and is never "
                "stored; store the levels it is computed from (see `capexlens metrics`)",
            )
        segment = self._segment(metric.needs_dimension if metric else "")
        period = self._period(entity, bool(metric and metric.point_in_time))
        value = self.attempt("value", lambda: _decimal(self.get("value")))
        high = None
        if self.get("value_high"):
            high = self.attempt("value_high", lambda: _decimal(self.get("value_high")))
        unit = self._unit(metric.unit_kind if metric else "")
        source = self._source()
        known_on = self._known_on(source)
        primary = self._primary()
        derivation = self.get("derivation")
        if metric and metric.unit_kind == "money" and not self.get("basis"):
            self.fail("basis", "is required for money metrics (say what the figure includes)")
        if isinstance(value, Decimal) and isinstance(high, Decimal) and high < value:
            self.fail("value_high", f"{high} is below value {value}")
        if not self.get("as_printed") and not derivation:
            self.fail("as_printed", "is required (the figure exactly as printed) unless derived")
        if self.get("as_printed") and isinstance(value, Decimal):
            self._as_printed_matches(value, high if isinstance(high, Decimal) else None, unit)
        if self.get("derived_from") and not derivation:
            self.fail("derived_from", "is only for derived figures (give a derivation)")
        if derivation and source is not None and source.kind is not SourceKind.DERIVED:
            self.fail("source_kind", "must be `derived` when `derivation` is given")
        tolerance = self._tolerance(derivation)
        if self.issues or entity is None or metric is None or period is None:
            return None
        assert isinstance(value, Decimal) and source is not None and known_on is not None
        return Fact(
            entity=entity,
            metric=metric.id,
            segment=segment,
            period=period,
            value=value,
            value_high=high if isinstance(high, Decimal) else None,
            unit=unit,
            as_printed=self.get("as_printed"),
            basis=self.get("basis"),
            locator=self.get("locator"),
            source=source,
            known_on=known_on,
            primary=primary,
            derivation=derivation,
            derived_from=tuple(x.strip() for x in self.get("derived_from").split(";") if x.strip()),
            note=self.get("note"),
            tolerance=tolerance,
        )

    def _tolerance(self, derivation: str) -> Decimal | None:
        text = self.get("tolerance")
        if not text:
            return None
        found = self.attempt("tolerance", lambda: _decimal(text))
        if not isinstance(found, Decimal):
            return None
        if found <= 0:
            self.fail("tolerance", f"must be a positive amount in the fact's unit, got {text!r}")
        if not derivation:
            # a printed figure's uncertainty is its digits; only a computed one needs more
            self.fail("tolerance", "is only for derived figures (give a derivation)")
        return found

    def _entity(self) -> str | None:
        name = self.get("entity")
        if name == MARKET_ENTITY:
            return MARKET_ENTITY
        found = self.attempt("entity", lambda: self.registry.resolve(name).id)
        return found if isinstance(found, str) else None

    def _segment(self, needs: str) -> str:
        seg = self.get("segment")
        if not seg:
            if needs:
                self.fail("segment", f"this metric needs a {needs} id (see registry dimensions)")
            return ""
        dim = self.registry.dimensions.get(seg)
        if dim is None:
            self.fail("segment", f"unknown segment/market/model {seg!r}")
        elif needs and dim.kind != needs:
            self.fail("segment", f"{seg!r} is a {dim.kind}, this metric needs a {needs}")
        return seg

    def _period(self, entity: str | None, point_in_time: bool) -> Period | None:
        if entity is None:
            return None
        calendar = self.registry.calendar(entity)
        found = self.attempt("period", lambda: parse_period(self.get("period"), calendar))
        return found if isinstance(found, Period) else None

    def _unit(self, unit_kind: str) -> str:
        unit = self.get("unit")
        if unit_kind == "money" and not _ISO_CODE.match(unit):
            self.fail("unit", f"must be an ISO 4217 currency code for this metric, got {unit!r}")
        elif unit_kind == "per_share" and not _PER_SHARE.match(unit):
            self.fail("unit", f"must be a currency per share such as 'USD/share', got {unit!r}")
        elif unit_kind in _NON_MONEY_UNITS and unit != _NON_MONEY_UNITS[unit_kind]:
            self.fail(
                "unit", f"must be {_NON_MONEY_UNITS[unit_kind]!r} for this metric, got {unit!r}"
            )
        return unit

    def _source(self) -> Source | None:
        url = self.get("source_url")
        if not re.match(r"^https?://\S+$", url):
            self.fail("source_url", f"must be an http(s) URL, got {url!r}")
        published = self.attempt("published", lambda: _date(self.get("published")))
        kind = self.attempt("source_kind", lambda: SourceKind(self.get("source_kind")))
        if kind is None:
            allowed = ", ".join(k.value for k in SourceKind)
            self.issues[-1] = ValidationIssue(
                self.path,
                self.row.line,
                "source_kind",
                f"unknown kind {self.get('source_kind')!r}; use one of {allowed}",
            )
        if not isinstance(published, date) or not isinstance(kind, SourceKind):
            return None
        return Source(url, self.get("source_title"), self.get("publisher"), published, kind)

    def _known_on(self, source: Source | None) -> date | None:
        if self.get("known_on"):
            found = self.attempt("known_on", lambda: _date(self.get("known_on")))
            return found if isinstance(found, date) else None
        return source.published if source else None

    def _primary(self) -> bool:
        text = self.get("primary").lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail("primary", f"must be true or false, got {text!r}")
        return False

    def _as_printed_matches(self, value: Decimal, high: Decimal | None, unit: str) -> None:
        printed = self.get("as_printed")
        try:
            fig = parse_printed(_TRAILING_WORDS.sub("", _LEADING_WORDS.sub("", printed)))
        except CapexlensError as exc:
            self.fail("as_printed", str(exc))
            return
        # The sign may come from the wording ("a net reduction of 5.1%"), not the digits.
        if fig.value != abs(value) and fig.value != value:
            self.fail("as_printed", f"{printed!r} reads as {fig.value}, but value is {value}")
        if high is not None and fig.value_high is not None and fig.value_high != abs(high):
            self.fail(
                "as_printed", f"{printed!r} reads as up to {fig.value_high}, value_high {high}"
            )
        # "$2.31" may stand for a per-share figure: the metric says so, not the print.
        if fig.unit and _ISO_CODE.match(fig.unit) and fig.unit != unit.removesuffix("/share"):
            self.fail("as_printed", f"{printed!r} is in {fig.unit}, but unit is {unit}")
        if fig.percent != (unit == "percent"):
            self.fail("as_printed", f"{printed!r} and unit {unit!r} disagree on being a percentage")


def validate_rows(
    rows: list[RawRow], path: str, registry: Registry
) -> tuple[list[Fact], list[ValidationIssue]]:
    """Facts from raw rows, plus every broken rule (including duplicate keys)."""
    facts: list[Fact] = []
    issues: list[ValidationIssue] = []
    seen: dict[tuple[object, ...], int] = {}
    for row in rows:
        checker = _RowChecker(registry, path, row)
        fact = checker.check()
        issues += checker.issues
        if fact is None:
            continue
        dup_key = (*fact.key, fact.known_on, fact.source.url, fact.locator)
        if dup_key in seen:
            issues.append(
                ValidationIssue(
                    path,
                    row.line,
                    "period",
                    f"duplicate of line {seen[dup_key]} (same entity, metric, segment, period, "
                    "known_on, source and locator)",
                )
            )
            continue
        seen[dup_key] = row.line
        facts.append(fact)
    return facts, issues


def read_curated(path: Path, registry: Registry) -> list[Fact]:
    """Every fact of a curated CSV or YAML file, or :class:`IngestError` listing all issues."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issue = ValidationIssue(name, 0, "file", f"not UTF-8 text: {exc}")
        raise IngestError(name, [issue]) from None
    except OSError as exc:
        issue = ValidationIssue(name, 0, "file", f"cannot read: {exc}")
        raise IngestError(name, [issue]) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        rows, issues = rows_from_yaml(text, name)
    else:
        rows, issues = rows_from_csv(text, name)
    if not rows and not issues:
        issues.append(ValidationIssue(name, 1, "file", "holds no facts"))
    facts, row_issues = validate_rows(rows, name, registry)
    issues += row_issues
    if issues:
        raise IngestError(name, issues)
    return facts
