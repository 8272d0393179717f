"""The one exception tree of capexlens.

Every error the library raises on purpose derives from :class:`CapexlensError`, so a
caller (the CLI, later the web app) can catch one type and print one clear line.
This module imports only the standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class CapexlensError(Exception):
    """Base class of every error capexlens raises on purpose."""


class ConfigError(CapexlensError):
    """A setting (database path, environment variable, option) is unusable."""


class UnknownEntityError(CapexlensError, KeyError):
    """An entity id or alias that the registry does not know."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "unknown entity"


class UnknownMetricError(CapexlensError, KeyError):
    """A metric name that the vocabulary does not know."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown metric"


class PeriodError(CapexlensError, ValueError):
    """A period label that cannot be parsed, or a period that makes no sense."""


class CurrencyMismatchError(CapexlensError, TypeError):
    """Money of two currencies was added or compared without an explicit conversion."""


class FxError(CapexlensError):
    """No exchange rate is available for the pair and date asked, or a rate file is bad."""


class ParseError(CapexlensError, ValueError):
    """A figure or text that could not be read (for example an as-printed amount)."""


class StoreError(CapexlensError):
    """The fact store could not be opened, migrated or queried."""


class SchemaVersionError(StoreError):
    """A store opened read-only is at another schema version than this capexlens needs."""


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One broken rule in an input file: where, which field, and what rule.

    >>> str(ValidationIssue("facts.csv", 7, "unit", "must be an ISO 4217 code, got 'RMBB'"))
    "facts.csv:7: unit: must be an ISO 4217 code, got 'RMBB'"
    """

    file: str
    line: int
    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.rule}"


class IngestError(CapexlensError):
    """An input file was rejected whole; ``issues`` lists every rule it broke.

    The store is left exactly as it was before the ingest began.
    """

    def __init__(self, path: str, issues: Sequence[ValidationIssue]) -> None:
        self.path = path
        self.issues: tuple[ValidationIssue, ...] = tuple(issues)
        n = len(self.issues)
        head = f"{path}: rejected, {n} error{'s' if n != 1 else ''}; nothing was written"
        super().__init__("\n".join([head, *(str(i) for i in self.issues)]))


class ArticleError(CapexlensError):
    """An article that cannot be read (binary, undecodable, too large)."""
