"""Render a :class:`~capexlens.briefs._model.Brief` as Markdown or as one HTML page.

HTML escapes every string that comes from the store or the analysis (``html.escape``);
only the template and the tags written here are markup. Charts are embedded in the HTML
as SVG data URIs (each chart keeps its own SVG ids) and linked as PNG from Markdown.
"""

from __future__ import annotations

import base64
import html
import re
from importlib import resources
from string import Template

from capexlens.briefs._context import MISSING
from capexlens.briefs._model import Block, Brief, Bullets, Chart, Note, Num, Para, Table

__all__ = ["render_html", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


# --------------------------------------------------------------------------- Markdown


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_para(para: Para) -> str:
    out = []
    for part in para:
        if isinstance(part, Num):
            out.append(f"{_md_text(part.text)}[^{part.note}]" if part.note else _md_text(part.text))
        else:
            out.append(_md_text(part))
    return "".join(out)


def _md_block(block: Block, chart_dir: str) -> str:
    if isinstance(block, Table):
        head = "| " + " | ".join(_md_text(c) for c in block.columns) + " |"
        rule = "|" + "---|" * len(block.columns)
        rows = ["| " + " | ".join(_md_para(cell) for cell in row) + " |" for row in block.rows]
        caption = f"**{_md_text(block.caption)}**\n\n" if block.caption else ""
        return caption + "\n".join([head, rule, *rows])
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_para(item)}" for item in block.items)
    if isinstance(block, Chart):
        base = f"{chart_dir}/{block.key}" if chart_dir else block.key
        return (
            f"![{_md_text(block.alt)}]({base}.png)\n\n*{_md_text(block.title)}* (SVG: {base}.svg)"
        )
    return _md_para(block)


def _md_note(note: Note) -> str:
    text = _md_text(note.text)
    if note.url and _SAFE_URL.match(note.url):
        text += f" <{note.url}>"
    if note.inputs:
        text += " Inputs: " + ", ".join(f"[^{i}]" for i in note.inputs) + "."
        if note.urls:
            text += " Sources: " + "; ".join(f"<{u}>" for u in note.urls if _SAFE_URL.match(u))
    if note.secondary and note.kind != "derived":
        text += f" *Secondary source ({_md_text(note.secondary)}).*"
    return f"[^{note.number}]: {text}"


def render_markdown(brief: Brief, chart_dir: str = "") -> str:
    """The brief as Markdown (GitHub footnotes ``[^n]``); charts link to ``chart_dir``."""
    lines = [f"# {_md_text(brief.title)}", "", f"*{_md_text(brief.subtitle)}*", ""]
    for section in brief.sections:
        lines += [f"## {_md_text(section.title)}", ""]
        for block in section.blocks:
            lines += [_md_block(block, chart_dir), ""]
    lines += ["## Sources", ""]
    lines += [_md_note(n) for n in brief.notes]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_para(para: Para) -> str:
    out = []
    for part in para:
        if isinstance(part, Num):
            mark = (
                f'<sup class="fn"><a href="#fn-{part.note}">[{part.note}]</a></sup>'
                if part.note
                else ""
            )
            out.append(_esc(part.text) + mark)
        elif part == MISSING:
            out.append(f'<span class="missing">{_esc(part)}</span>')
        else:
            out.append(_esc(part))
    return "".join(out)


def _is_number_cell(cell: Para) -> bool:
    return len(cell) == 1 and isinstance(cell[0], Num)


def _html_table(table: Table) -> str:
    caption = f"<caption>{_esc(table.caption)}</caption>" if table.caption else ""
    head = "".join(f"<th>{_esc(c)}</th>" for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{_html_para(c)}</td>'
            if _is_number_cell(c)
            else f"<td>{_html_para(c)}</td>"
            for c in row
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _html_chart(chart: Chart) -> str:
    data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return (
        f'<figure><img alt="{_esc(chart.alt)}" src="data:image/svg+xml;base64,{data}">'
        f"<figcaption>{_esc(chart.title)}</figcaption></figure>"
    )


def _html_block(block: Block) -> str:
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_html_para(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Chart):
        return _html_chart(block)
    return f"<p>{_html_para(block)}</p>"


def _link(url: str) -> str:
    if not _SAFE_URL.match(url):
        return _esc(url)
    return f'<a href="{_esc(url)}">{_esc(url)}</a>'


def _html_note(note: Note) -> str:
    parts = [_esc(note.text)]
    if note.url:
        parts.append(_link(note.url))
    if note.inputs:
        refs = ", ".join(f'<a href="#fn-{i}">[{i}]</a>' for i in note.inputs)
        parts.append(f"Inputs: {refs}.")
        if note.urls:
            parts.append("Sources: " + "; ".join(_link(u) for u in note.urls))
    if note.secondary and note.kind != "derived":
        parts.append(f'<span class="secondary">secondary source: {_esc(note.secondary)}</span>')
    return f'<li id="fn-{note.number}">{" ".join(parts)}</li>'


def _template() -> Template:
    path = resources.files("capexlens.briefs") / "templates" / "brief.html"
    return Template(path.read_text(encoding="utf-8"))


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (charts inline as SVG data URIs)."""
    body = []
    for section in brief.sections:
        body.append(f"<h2>{_esc(section.title)}</h2>")
        body += [_html_block(b) for b in section.blocks]
    body.append("<h2>Sources</h2>")
    body.append('<ol class="notes">' + "".join(_html_note(n) for n in brief.notes) + "</ol>")
    return _template().substitute(
        title=_esc(brief.title), subtitle=_esc(brief.subtitle), body="\n".join(body)
    )
