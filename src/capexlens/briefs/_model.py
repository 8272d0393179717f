"""The brief as a document: sections of paragraphs, tables and charts, and its footnotes.

Text and numbers are kept apart: a :class:`Num` is a number with the footnote that
sources it, so the renderers can escape every string and place every footnote mark.
:class:`Notes` numbers the footnotes: a stored fact, a derivation over stored facts, or
an exchange rate, each cited once however often it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from capexlens.models import Fact, FxRate, SourceKind
from capexlens.store import FactStore

__all__ = [
    "Brief",
    "Bullets",
    "Chart",
    "Inline",
    "Note",
    "Notes",
    "Num",
    "Para",
    "Section",
    "Table",
]

SECONDARY = frozenset({SourceKind.NEWS, SourceKind.RESEARCH_FIRM, SourceKind.DERIVED})


@dataclass(frozen=True, slots=True)
class Num:
    """A number as shown, and the footnote (``note`` > 0) that sources it."""

    text: str
    note: int


Inline = str | Num
Para = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list; each item is a paragraph."""

    items: tuple[Para, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose cells are paragraphs (so numbers in cells carry footnotes)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Para, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn from the data; its SVG text and PNG bytes are rendered when asked
    (rendering is the slow part of a brief, and Markdown text needs neither).

    ``save`` writes the chart in a format (``svg`` or ``png``) and returns the bytes.
    """

    key: str
    title: str
    alt: str
    save: Callable[[str], bytes] = field(repr=False, compare=False)

    @property
    def svg(self) -> str:
        """The chart as an ``<svg>`` element (no XML prolog)."""
        text = self.save("svg").decode("utf-8")
        return text[text.find("<svg") :]

    @property
    def png(self) -> bytes:
        """The chart as PNG bytes."""
        return self.save("png")


Block = Para | Bullets | Table | Chart


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the brief."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """One footnote, as parts the renderers lay out.

    ``kind`` is ``fact``, ``derived`` or ``fx``. ``inputs`` are the notes a derived
    figure was computed from.
    """

    number: int
    kind: str
    text: str
    url: str = ""
    secondary: str = ""  # the source kind when the source is secondary
    inputs: tuple[int, ...] = ()
    urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Brief:
    """A whole brief, ready to render."""

    entity: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    missing: tuple[str, ...] = ()
    period_label: str = ""

    @property
    def charts(self) -> list[Chart]:
        """Every chart of the brief, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


@dataclass
class Notes:
    """Footnotes of one brief, numbered in order of first use."""

    store: FactStore
    rates: Sequence[FxRate] = ()
    _notes: list[Note] = field(default_factory=list)
    _keys: dict[tuple[str, ...], int] = field(default_factory=dict)

    def all(self) -> tuple[Note, ...]:
        """The notes so far, by number."""
        return tuple(self._notes)

    def _add(self, key: tuple[str, ...], make: Any) -> int:
        if key not in self._keys:
            number = len(self._notes) + 1
            self._keys[key] = number
            self._notes.append(make(number))
        return self._keys[key]

    def fact(self, f: Fact) -> int:
        """The note of a stored fact (its source, locator and figure as printed)."""
        s = f.source
        parts = [f"{s.title}. {s.publisher}, {s.published:%d %b %Y}."]
        parts.append(
            f"{f.locator}; as printed: “{f.as_printed}”." if f.as_printed else f"{f.locator}."
        )
        if f.is_derived:
            parts.append(f"Computed by the dataset's curators: {f.derivation}.")
        secondary = str(s.kind) if s.kind in SECONDARY else ""
        return self._add(
            ("fact", f.fact_id),
            lambda n: Note(n, "fact", " ".join(parts), s.url, secondary, urls=(s.url,)),
        )

    def facts(self, fact_ids: str) -> list[int]:
        """Notes of ``;``-separated fact ids (unknown ids are skipped)."""
        out = []
        for fid in dict.fromkeys(x for x in fact_ids.split(";") if x):
            f = self.store.fact_by_id(fid)
            if f is not None:
                out.append(self.fact(f))
        return out

    def fx(self, url: str, currency: str = "") -> int:
        """The note of the stored USD/``currency`` rate(s) published at ``url``."""
        recs = [
            r
            for r in self.rates
            if r.source.url == url and (not currency or {r.base, r.quote} == {"USD", currency})
        ]
        if not recs:
            return self._add(
                ("fx", url), lambda n: Note(n, "fx", "Exchange rate.", url, urls=(url,))
            )
        r, s = recs[0], recs[0].source
        if len(recs) == 1:
            what = f"Exchange rate {r.rate} {r.quote} per {r.base} ({r.kind}, {r.day:%d %b %Y})."
            where = f" {r.locator}" + (f"; as printed: “{r.as_printed}”." if r.as_printed else ".")
        else:  # a published series: the derivation that uses it names the rate and days
            what = f"Exchange rates, {r.quote} per {r.base}."
            where = (
                f" The store holds {len(recs)} rates from this source; the note citing it "
                "names the one used."
            )
        text = f"{what} {s.title}. {s.publisher}, {s.published:%d %b %Y}.{where}"
        secondary = str(s.kind) if s.kind in SECONDARY else ""
        return self._add(
            ("fx", url, currency), lambda n: Note(n, "fx", text, url, secondary, urls=(url,))
        )

    def derived(self, how: str, fact_ids: str, fx_urls: str = "", currency: str = "") -> int:
        """The note of a figure the analysis computed: how, and the notes of its inputs
        (facts, and the rates at ``fx_urls`` for USD/``currency``)."""
        inputs = self.facts(fact_ids)
        urls_ = dict.fromkeys(x for x in fx_urls.split(";") if x)
        inputs += [self.fx(u, currency) for u in urls_]
        urls = tuple(dict.fromkeys(u for i in inputs for u in self._notes[i - 1].urls))
        return self._add(
            ("derived", how, fact_ids, fx_urls),
            lambda n: Note(n, "derived", f"Derived by capexlens: {how}.", "", "derived",
                           tuple(inputs), urls),
        )  # fmt: skip

    def cite(self, row: Mapping[str, Any], column: str) -> int:
        """The note for frame column ``column`` of ``row`` (see :mod:`capexlens.analysis`),
        0 when the row holds no sources for it.

        Uses ``<column>_facts`` and ``<column>_how``; a figure converted to USD also cites
        its rate, from ``<column>_fx_urls`` (or the row's ``fx_urls`` for ``capex_usd``).
        """
        ids = str(row.get(f"{column}_facts") or "")
        how = str(row.get(f"{column}_how") or "")
        if not how:
            numbers = self.facts(ids)
            return numbers[0] if numbers else 0
        fx_urls = row.get(f"{column}_fx_urls")
        if fx_urls is None and column == "capex_usd":
            fx_urls = row.get("fx_urls")
        base = column.removesuffix("_usd")
        currency = row.get(f"{base}_unit") or row.get("currency") or row.get("unit") or ""
        return self.derived(how, ids, str(fx_urls or ""), str(currency))


def join_notes(numbers: Iterable[int]) -> str:
    """``[1], [4]`` for a list of note numbers."""
    return ", ".join(f"[{n}]" for n in numbers)
