"""Markdown tables whose rows a page copy ran together on one line.

Scraped copies of pages often lose a table's line breaks: ``| Metric | Q3 2025 | Q3 2024 |
|---|---|---| | Revenue | $102.3B | $88.3B | | Capex | $24.0B | $13.1B |``. Read as one
line, every cell sits in one "row" and takes its metric and period from the wrong cells.
The separator row says how many columns the table has, so the rows can be cut again: the
space between two rows becomes a line break. Only whitespace is replaced, one character
for one, so every offset into the text stays where it was.
"""

from __future__ import annotations

import re

__all__ = ["split_glued_tables", "unglue_tables"]

# "|---|:---:|---|": a separator row of at least two columns
_SEPARATOR_RE = re.compile(r"\|(?:[ \t]*:?-{2,}:?[ \t]*\|){2,}")


def unglue_tables(text: str) -> str:
    """``text`` with the rows of run-together Markdown tables on lines of their own.

    >>> unglue_tables("| a | b | |---|---| | x | 1 | | y | 2 |")
    '| a | b |\\n|---|---|\\n| x | 1 |\\n| y | 2 |'
    >>> unglue_tables("| a | b |\\n|---|---|\\n| x | 1 |")  # a table as it should be
    '| a | b |\\n|---|---|\\n| x | 1 |'
    """
    if "|-" not in text and "| -" not in text and "|:" not in text:
        return text
    chars: list[str] | None = None
    for m in _SEPARATOR_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : m.start()].strip() == "" and text[m.end() : line_end].strip() == "":
            continue  # the separator has its own line: the table is intact
        columns = m.group().count("|") - 1
        breaks = _header_breaks(text, line_start, m.start(), columns)
        breaks += _body_breaks(text, m.end(), line_end, columns)
        if breaks:
            chars = list(text) if chars is None else chars
            for at in breaks:
                chars[at] = "\n"
    return text if chars is None else "".join(chars)


def _header_breaks(text: str, lo: int, sep: int, columns: int) -> list[int]:
    """Where to cut before and after the header row that ends just before ``sep``."""
    if sep - lo < 2 or text[sep - 1] not in " \t" or text[sep - 2] != "|":
        return []
    out = [sep - 1]
    # the header's first pipe: ``columns + 1`` pipes back from its last one
    at = sep - 2
    for _ in range(columns):
        at = text.rfind("|", lo, at)
        if at < 0:
            return out
    if at > lo and text[at - 1] in " \t" and text[lo : at - 1].strip():
        out.append(at - 1)  # "Alphabet Q3 snapshot | Metric | ...": the title before it
    return out


def _body_breaks(text: str, start: int, end: int, columns: int) -> list[int]:
    """Where to cut between the body rows that follow a separator ending at ``start``."""
    out = []
    at = start  # just past a row's closing pipe
    while at + 1 < end and text[at] in " \t" and text[at + 1] == "|":
        out.append(at)
        pipe = at + 1
        for _ in range(columns):
            pipe = text.find("|", pipe + 1, end)
            if pipe < 0:
                return out
        at = pipe + 1
    return out


# --- tables pasted with their cell borders lost -----------------------------------------------
# "MetricQ4 2025Full Year 2025YoY Change (FY)" over "Revenue$113.8 Billion$402.8 Billion+15%":
# a page copy that dropped every cell border. Each row cell starts where a figure is glued to
# a word ("Revenue$113.8", "Billion+15%", "Margin31.6%") or a word to a figure ("32%Flat");
# each header cell where a period word is glued to what comes before it ("MetricQ4",
# "2025Full Year", "2025YoY").
_ROW_CELL = re.compile(
    r"(?<=[a-z%)])(?=[$€£¥]|[+\-−]\d)|(?<=[a-z]{2})(?=\d)|(?<=%)(?=\d)|(?<=[\d%])(?=[A-Z][a-z])"
)
_HEADER_CELL = re.compile(
    r"(?<=[A-Za-z\d)])(?=(?:Q[1-4]|H[12]|FY|CY|Full[- ]Year|Fiscal|YoY|Y/Y|QoQ|Q/Q|Change|"
    r"Growth|Consensus|Estimate|Actual|Reported|Guidance)(?![a-z]))"
)
_GLUED_ROW = re.compile(r"[A-Za-z][A-Za-z &/().'-]{1,40}?[a-z)](?:[$€£¥]|[+\-−]?\d)")


def split_glued_tables(text: str) -> tuple[str, list[int]] | None:
    """``text`` with the rows of tables whose cell borders a copy lost printed as pipe rows,
    and for every character of the result the offset in ``text`` it stands for (an added
    border stands for the character after it); ``None`` if there are no such tables.

    >>> t = "MetricQ4 2025Full Year 2025\\nRevenue$113.8 Billion$402.8 Billion\\n"
    >>> split_glued_tables(t)[0].splitlines()
    ['| Metric | Q4 2025 | Full Year 2025 |', '| Revenue | $113.8 Billion | $402.8 Billion |']
    """
    if "$" not in text and "%" not in text:
        return None
    lines = text.split("\n")
    cuts: dict[int, list[int]] = {}  # line number -> cell starts (offsets in the line)
    for i in range(1, len(lines)):
        header = _cells(lines[i - 1], _HEADER_CELL)
        if len(header) < 3 or i - 1 in cuts:
            continue
        rows = []
        for j in range(i, len(lines)):
            row = _cells(lines[j], _ROW_CELL) if _GLUED_ROW.match(lines[j]) else []
            if len(row) != len(header):
                break
            rows.append((j, row))
        if rows:
            cuts[i - 1] = header
            cuts.update(rows)
    if not cuts:
        return None
    return _rebuild(lines, cuts)


def _cells(line: str, boundary: re.Pattern[str]) -> list[int]:
    """Where each cell of ``line`` starts, split at ``boundary`` (one cell if none)."""
    if not line.strip() or "|" in line or len(line) > 200:
        return []
    return [0, *(m.start() for m in boundary.finditer(line))]


def _rebuild(lines: list[str], cuts: dict[int, list[int]]) -> tuple[str, list[int]]:
    out: list[str] = []
    where: list[int] = []
    at = 0  # offset of the line in the original text
    for n, line in enumerate(lines):
        starts = cuts.get(n)
        if starts is None:
            out.append(line)
            where.extend(range(at, at + len(line)))
        else:
            for k, start in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else len(line)
                border = "| " if k == 0 else " | "
                out.append(border)
                where.extend([at + start] * len(border))
                out.append(line[start:end])
                where.extend(range(at + start, at + end))
            out.append(" |")
            where.extend([at + len(line)] * 2)
        if n < len(lines) - 1:
            out.append("\n")
            where.append(at + len(line))
        at += len(line) + 1
    return "".join(out), where
