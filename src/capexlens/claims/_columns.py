"""Tables in article text: which header cell stands over a claim's cell, and the period
it names (Markdown pipe tables, and the rows :mod:`capexlens.claims._tables` rebuilt).

Private to the period reader (:mod:`capexlens.claims._phrases`) and the estimate check
(:mod:`capexlens.claims._context`), which read the phrases it returns.
"""

from __future__ import annotations

import re

from capexlens.claims._names import Doc
from capexlens.models import Claim, ClaimKind

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
    return (_ACTUAL_MARK.sub(r"\1", cell),)


# "2024A": the year, marked actual (an estimate column's mark is read by the estimate check)
_ACTUAL_MARK = re.compile(r"\b((?:FY\s?)?(?:19|20)?\d{2})[AEF]\b")


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
        return _spaced_header(doc, claim, start, start + len(row), whole=whole)
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


# a period in a header row: "2025E", "FY26", "Q3 2025", "Q3 FY25"
_PERIOD_CELL = re.compile(
    r"(?<![\w$])(?:(?:Q[1-4]|H[12])\s?)?(?:FY\s?)?(?:(?:19|20)\d{2}|(?<=FY)\d{2}|(?<=FY\s)\d{2})"
    r"[AEFe]?(?![\w%])|(?<![\w$])(?:Q[1-4]|H[12])\s?(?:FY\s?)?\d{2}[AEFe]?(?![\w%])"
)
_HEADER_REST = re.compile(r"[\W_]*(?:[A-Za-z][\w&/.-]*[\W_]*){0,3}")


def _spaced_header(doc: Doc, claim: Claim, start: int, end: int, *, whole: bool) -> str:
    """The header over a table printed with spaces for borders ("Metric 2024 2025E 2026E"
    over "Capex $52.5bn $75bn $90bn"): the line above, without figures, whose periods are as
    many as the claim's line has figures; the claim's own one ("" if there is none)."""
    row = [c for c in doc.claims_in(start, end) if c.kind is not ClaimKind.COMPARATIVE]
    if len(row) < 2 or not any(c.span == claim.span for c in row):
        return ""
    text = doc.text
    pos = start
    for _ in range(8):
        if pos <= 0:
            return ""
        above = text.rfind("\n", 0, pos - 1) + 1
        line = text[above : pos - 1]
        if not line.strip():
            return ""
        if not doc.claims_in(above, pos - 1):
            cells = list(_PERIOD_CELL.finditer(line))
            rest = _PERIOD_CELL.sub(" ", line)
            at = [c.span for c in row].index(claim.span)
            if len(cells) == len(row) and _HEADER_REST.fullmatch(rest):
                return line if whole else cells[at].group()
            kinds = _column_kinds(line)
            if len(kinds) == len(row):
                return line if whole else kinds[at]
        pos = above
    return ""


_ACTUAL_WORD = re.compile(r"(?i)actuals?|reported|results?|delivered")
_ESTIMATE_WORD = re.compile(
    r"(?i)estimates?|est\.?|consensus|forecasts?|expected|street|expectations?"
)


def _column_kinds(line: str) -> list[str]:
    """The columns of a header of words ("Metric Actual Street Forecast") by what they hold,
    "actual" or "estimate": one per run of words of one kind after the label ([] if a word
    of neither kind stands among them, "Beat/Miss").

    >>> _column_kinds("Metric Actual Street Forecast")
    ['actual', 'estimate']
    """
    kinds: list[str] = []
    last = ""
    for w in line.split():
        w = w.strip("|:*_()")
        kind = (
            "actual"
            if _ACTUAL_WORD.fullmatch(w)
            else "estimate"
            if _ESTIMATE_WORD.fullmatch(w)
            else ""
        )
        if not kind and kinds:
            return []
        if kind and kind != last:
            kinds.append(kind)
        last = kind
    return kinds
