"""Which company a figure is about: the names in its sentence, else the subject the
sentences before it were about.

The subject in context is a running score per company: a name counts more the earlier it
stands in a sentence and fades over sentences and faster over paragraphs; a name given only
as a yardstick ("weaker at Google") or an example ("clients such as Meta") counts little.
Private to the linker (:mod:`capexlens.claims.link`).
"""

from __future__ import annotations

import re

from capexlens.claims._names import Doc, Mention
from capexlens.models import Claim, ClaimKind

__all__ = ["entity_of", "subjects_in_context"]


_AGGREGATE_RE = re.compile(
    r"(?i)\b(?:collectively|combined|together|in total|altogether|these companies|"
    r"the companies|big tech|hyperscalers|tech giants|"
    # "the 'Big Three' account for", "their total spending": several companies' figure
    r"(?:big|top)\W{0,2}\s*(?:three|four|five|3|4|5)|their\s+(?:total|combined|collective|joint))\b"
)


_FIGURE_WITH_RE = re.compile(r"(?i)(?:combined|together)\s+with\s+(?:the\s+)?[$€£¥]?\d")


def subjects_in_context(doc: Doc) -> list[str | None]:
    """The subject in context of each sentence: the entity recent sentences are most about."""
    scores: dict[str, float] = {}
    subjects: list[str | None] = []
    end = 0
    peers = _peer_rows(doc)
    for i, (a, b) in enumerate(doc.sentences):
        if "\n\n" in doc.text[end:a]:
            for e in scores:  # a new paragraph: the last one's subject fades fast
                scores[e] *= 0.3
        end = b
        best = max(scores, key=lambda e: scores[e]) if scores else None
        subjects.append(best)
        for e in scores:
            scores[e] *= 0.7
        found = [m for m in doc.mentions_in(a, b) if m.entity and not m.generic]
        if _is_heading(doc.text, a, b, found):
            # a name standing alone ("Alibaba." opening a paragraph, a "Tencent" heading)
            # changes the subject outright, however often the one before was named
            scores = {found[0].entity: 10.0}
            continue
        buyers = _customers(doc, found)
        for rank, e in enumerate(dict.fromkeys(m.entity for m in found)):
            weight = 2.0 if rank == 0 else 1.0
            if i in peers:
                weight = 0.0  # "Azure 44%\nAWS 38%\nGCP 17%": a peer table names no subject
            if all(
                k in buyers or _COMPARED_WITH_RE.search(doc.text, max(m.start - 24, 0), m.start)
                for k, m in enumerate(found)
                if m.entity == e
            ):
                # "it was weaker at Google", "than Microsoft": a yardstick; a customer
                weight *= 0.25
            scores[e] = scores.get(e, 0.0) + weight
    return subjects


_AT_COMPANY_RE = re.compile(r"\s+(?:at|for)\s+(?:rival\s+|peer\s+)?")
_ROW_RE = re.compile(r"[\s\d.,%$+\-−–()|:bBmMnN]*")


def _peer_rows(doc: Doc) -> set[int]:
    """Indexes of sentences that are rows of a peer table: one line each, a name and
    figures only, next to another such row naming another company."""
    rows: dict[int, str] = {}
    for i, (a, b) in enumerate(doc.sentences):
        found = [m for m in doc.mentions_in(a, b) if m.entity and not m.generic]
        if len({m.entity for m in found}) != 1 or "\n" in doc.text[a:b].strip() or b - a > 48:
            continue
        rest = doc.text[a : found[0].start] + doc.text[found[-1].end : b]
        if _ROW_RE.fullmatch(rest):
            rows[i] = found[0].entity
    return {i for i, e in rows.items() if rows.get(i - 1, e) != e or rows.get(i + 1, e) != e}


# a name only measured against or given as an example: "stronger than Microsoft", "as strong
# at Google", "vs. AWS", "commitments from clients such as Meta and NVIDIA"
_COMPARED_WITH_RE = re.compile(
    r"(?i)(?:\b(?:than|versus|vs\.?|unlike|against|behind|trailing|such\s+as|including|like|"
    r"clients|customers)|\b(?:as\s+\w+|\w+er|"
    r"more\s+\w+|less\s+\w+)\s+at)\s+(?:the\s+)?$"
)


def _is_heading(text: str, a: int, b: int, found: list[Mention]) -> bool:
    """Whether the sentence ``text[a:b]`` is nothing but one entity's name."""
    if len({m.entity for m in found}) != 1:
        return False
    rest = text[a : found[0].start] + text[found[-1].end : b]
    return not re.sub(r"[\W_]+", "", rest)


def _subject_at(doc: Doc, pos: int, salience: list[str | None]) -> str | None:
    i = doc.sentence_index(pos)
    if i < 0 or pos >= doc.sentences[i][1]:
        return None
    if salience[i] is None:  # a first sentence speaks of its own first name
        a, b = doc.sentences[i]
        first = [m.entity for m in doc.mentions_in(a, b) if m.entity and not m.generic]
        return first[0] if first else None
    return salience[i]


_OUTDID_RE = re.compile(
    r"(?i)['’]?s?\s+(?:\w+\s+)?(?:trumped|beat|bested|outpaced|outgrew|outperformed|overtook|"
    r"topped|surpassed|outran|eclipsed|edged(?:\s+out)?|trailed|lagged(?:\s+behind)?)\s+"
    r"(?:rivals?\s+|peers?\s+)?(?:both\s+)?"
)
_LIST_GAP_RE = re.compile(r"(?i)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)")


_RESPECTIVELY_RE = re.compile(r"(?i)\brespectively\b")
_RATES = (ClaimKind.GROWTH, ClaimKind.PERCENT, ClaimKind.SHARE)


def _respective_entity(
    doc: Doc, claim: Claim, usable: list[Mention], sentence: tuple[int, int]
) -> str | None:
    """ "Microsoft and Google held 22% and 12%, respectively": the i-th figure of its kind
    is the i-th company's, not the last one named (None unless the counts agree)."""
    a, b = sentence
    said = _RESPECTIVELY_RE.search(doc.text, claim.span[1], b)
    if said is None:
        return None
    kinds = _RATES if claim.kind in _RATES else (claim.kind,)
    mates = [c for c in doc.claims_in(a, said.start()) if c.kind in kinds]
    if len(mates) < 2 or not any(c.span == claim.span for c in mates):
        return None
    first = mates[0].span[0]
    names = list(dict.fromkeys(m.entity for m in usable if m.end <= first and m.entity))
    if len(names) != len(mates):
        return None
    return names[[c.span for c in mates].index(claim.span)]


# "Meta is among the customers behind the surge", "clients such as Meta and NVIDIA": a
# company named as another's customer; the figures around it are the seller's
_CUSTOMER_AFTER_RE = re.compile(
    r"(?i)\s+(?:is|are|was|were|remains?|ranks?)\s+(?:among|one\s+of)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:customers|clients|buyers|tenants|backers)\b"
)
_CUSTOMER_BEFORE_RE = re.compile(
    r"(?i)\b(?:customers|clients|buyers|tenants)\s+(?:such\s+as|including|like)\s+$"
)


def _customers(doc: Doc, found: list[Mention]) -> set[int]:
    """Indices of the mentions in ``found`` (one sentence's, in order) named as customers."""
    out: set[int] = set()
    i = 0
    while i < len(found):
        j = i  # a list of names: "OpenAI, Meta and xAI are among the customers"
        while j + 1 < len(found) and _LIST_GAP_RE.fullmatch(
            doc.text, found[j].end, found[j + 1].start
        ):
            j += 1
        head = found[i].start
        if _CUSTOMER_AFTER_RE.match(doc.text, found[j].end) or _CUSTOMER_BEFORE_RE.search(
            doc.text, max(head - 40, 0), head
        ):
            out.update(range(i, j + 1))
        i = j + 1
    return out


def entity_of(doc: Doc, claim: Claim, salience: list[str | None], quals: list[str]) -> str | None:
    a, b = doc.sentence(claim.span[0])
    subject = _subject_at(doc, claim.span[0], salience)
    usable = [
        m for m in doc.mentions_in(a, b) if m.entity and (not m.generic or m.entity == subject)
    ]
    buyers = _customers(doc, usable)
    if buyers and (subject is not None or len(buyers) < len(usable)):
        usable = [m for k, m in enumerate(usable) if k not in buyers]
    aside_spans = doc.asides(a, b, claim)
    usable = [m for m in usable if not any(x <= m.start < y for x, y in aside_spans)]
    before = [m for m in usable if m.end <= claim.span[0]]
    lo, _ = doc.clause(claim)
    together = _AGGREGATE_RE.search(doc.text, a, claim.span[0])
    if (
        together
        and not before
        and _FIGURE_WITH_RE.match(doc.text, together.start())
        and subject is not None
    ):
        together = None  # "Combined with $24.3 billion in Q1, its spending": one company's
    if together and (len({m.entity for m in before}) != 1):
        quals.append("aggregate")
        return None
    for i in range(len(before) - 1):
        # "Microsoft trumped Amazon ..., with a 26% rise", "Microsoft outpaced both AWS and
        # Google Cloud, with sales rising by 31%": the rivals listed after the verb are
        # yardsticks, the figure is the subject's
        if _OUTDID_RE.fullmatch(doc.text, before[i].end, before[i + 1].start) and all(
            _LIST_GAP_RE.fullmatch(doc.text, x.end, y.start)
            for x, y in zip(before[i + 1 : -1], before[i + 2 :], strict=True)
        ):
            return before[i].entity
    at = next((m for m in usable if m.start >= claim.span[1]), None)
    if at is not None and _AT_COMPANY_RE.fullmatch(doc.text, claim.span[1], at.start):
        quals.append("entity:at")  # "... and $34.2 billion at Amazon": not the sentence's
        return at.entity
    paired = _respective_entity(doc, claim, usable, (a, b))
    if paired is not None:
        quals.append("entity:respectively")  # a swap within the list is the text's, not ours
        return paired
    if before:
        return before[-1].entity
    after = [m for m in usable if m.start >= claim.span[1] and m.start - claim.span[1] <= 40]
    if after and not any(
        c.span != claim.span for c in doc.claims_in(claim.span[1], after[0].start)
    ):
        return after[0].entity
    del lo
    if subject is not None:
        quals.append("entity:context")  # no name in the sentence: the subject in context
    return subject
