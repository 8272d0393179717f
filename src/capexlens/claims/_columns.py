"""Tables in article text: which header cell stands over a claim's cell, and the period
it names (Markdown pipe tables, and the rows :mod:`capexlens.claims._tables` rebuilt).

Private to the period reader (:mod:`capexlens.claims._phrases`) and the estimate check
(:mod:`capexlens.claims._context`), which read the phrases it returns.
"""

from __future__ import annotations

import re

from capexlens.claims._names import Doc
from capexlens.models import Claim

__all__ = ["column_header", "column_phrases"]


_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def column_phrases(doc: Doc, claim: Claim) -> tuple[str, ...]:
    """The period phrases the table around the claim's cell names for it ("Metric | Q4 FY24 |
    Q4 FY25 |"): one, or for a change column every dated header cell, of which the latest
    is the cell's (``()`` if the claim stands in no pipe table, or the header dates none)."""
    cell = column_header(doc, claim)
    if not cell:
        return ()
    own = _CELL_PERIOD.search(_cell_of(doc, claim))
    if own is not None:
        # "+30% (Q4)" under "YoY Change (FY)": the cell says its own quarter
        year = re.search(r"(?:19|20)\d{2}", own.group(1)) or re.search(
            r"(?:19|20)\d{2}", _header_line(doc, claim)
        )
        cell = (
            own.group(1)
            if year is None or year.group() in own.group(1)
            else f"{own.group(1)} {year.group()}"
        )
    elif _YEAR_COLUMN.search(cell):
        # "Full Year 2025", and "YoY Change (FY)" beside "Q4 2025": the table's year, whole
        year = re.search(r"(?:19|20)\d{2}", cell) or re.search(
            r"(?:19|20)\d{2}", _header_line(doc, claim)
        )
        cell = f"FY {year.group()}" if year else cell
    if _CHANGE_COLUMN.fullmatch(cell):
        # "| Metric | Q3 2025 | Q3 2024 | YoY Change |": a change column measures the latest
        # period the header names against the one before it
        return tuple(c.strip() for c in _header_line(doc, claim).split("|") if re.search(r"\d", c))
    if re.search(r"\d", cell) is None:
        return ()
    return (cell,)


_CHANGE_COLUMN = re.compile(
    r"(?i)(?:yoy|y/y|qoq|q/q|year[- ]over[- ]year)?\s*(?:change|growth|%\s*change|chg\.?)|"
    r"yoy|y/y|qoq|q/q"
)


_CELL_PERIOD = re.compile(r"\(\s*((?:Q[1-4]|H[12])(?:\s*(?:FY\s?)?(?:19|20)?\d{2})?)\s*\)")


def _cell_of(doc: Doc, claim: Claim) -> str:
    """The text of the table cell the claim stands in, borders excluded."""
    text = doc.text
    line_start = text.rfind("\n", 0, claim.span[0]) + 1
    left = text.rfind("|", line_start, claim.span[0])
    right = text.find("|", claim.span[1])
    line_end = text.find("\n", claim.span[1])
    if left < 0 or right < 0 or (0 <= line_end < right):
        return ""
    return text[left + 1 : right]


_YEAR_COLUMN = re.compile(r"(?i)\bfull[- ]year\b|\bannual\b|\(FY\)|\bFY\s*$")


def _header_line(doc: Doc, claim: Claim) -> str:
    """The whole header line of the claim's table column (see :func:`column_header`)."""
    return column_header(doc, claim, whole=True)


def column_header(doc: Doc, claim: Claim, *, whole: bool = False) -> str:
    """The header cell over the claim's cell, if the claim stands in a pipe table ("" if
    not): the line above the |---|---| rule of the table, or the first line of a table
    printed without one."""
    text = doc.text
    start = text.rfind("\n", 0, claim.span[0]) + 1
    end = text.find("\n", claim.span[1])
    row = text[start : len(text) if end < 0 else end]
    if row.count("|") < 2:
        return ""
    column = text.count("|", start, claim.span[0])
    pos, header = start, ""
    for _ in range(60):  # rows up to the rule; a longer table's cells stay undated
        if pos <= 0:
            break
        above = text.rfind("\n", 0, pos - 1) + 1
        line = text[above : pos - 1]
        if line.count("|") < 2:
            break
        if _TABLE_RULE_RE.match(line):
            header = text[text.rfind("\n", 0, above - 1) + 1 : above - 1]
            break
        header, pos = line, above
    cells = header.split("|")
    if not header or column >= len(cells):
        return ""
    return header if whole else cells[column].strip()
