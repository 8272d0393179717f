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

__all__ = ["unglue_tables"]

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
