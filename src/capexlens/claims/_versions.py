"""Which version of a figure was public when: forecasts, superseded plans, dated remarks.

A figure is checked against what its reader could have known on the article date: a
period not yet over holds a forecast, a plan revised later was right when written, and
a sentence that dates its remark ("In July Meta lifted its plan") reports that version.
"""

from __future__ import annotations

import re
from datetime import date

from capexlens.claims._changes import with_period
from capexlens.claims._evidence import GUIDANCE, Candidate, FactIndex, Hit, best, fact_text
from capexlens.models import Claim, Evidence, Fact, Period, Reason, Verdict, VerdictLabel

__all__ = ["forecast", "newest", "said_then", "stale_verdict", "supersedes"]


def forecast(idx: FactIndex, claim: Claim, period: Period | None, style: str) -> bool:
    """Whether the claim is of a reported metric for a period not over by the article date
    ("expects third-quarter revenue of $47.5-50.5 billion"): the store's actual figure,
    published later, can neither support nor contradict what was then a forecast."""
    return (
        style == "period"
        and period is not None
        and idx.as_of is not None
        and period.end > idx.as_of
        and "_guidance" not in (claim.metric or "")
    )


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTHS = "|".join(_MONTH_NAMES)
_SAID_IN_RE = re.compile(
    r"(?i)\b(?:in|back\s+in|during|since|by)\s+(?P<m>" + _MONTHS + r")\b(?!\s+\d)"
    # "In April 2024, Meta raised ...", a timeline's "- **April 2024.** It raised ...";
    # not "by March 2026", which is a deadline
    r"|(?:\b(?:in|back\s+in|during)\s+|^[\s*_#>•-]*)(?P<m2>" + _MONTHS + r")\s+"
    r"(?P<y>(?:19|20)\d{2})\b(?![,\s]*\d)"
)


def said_then(claim: Claim, f: Fact, as_of: date | None) -> bool:
    """Whether the sentence dates the statement it reports to the month the matched
    version was published ("In July Meta lifted its plan to $66-72 billion"; a timeline's
    "April 2024. It raised the range ..."): an earlier plan reported as history, not as
    the current one. A month without a year is the last such month by the article date.

    >>> from capexlens.models import ClaimKind
    >>> c = Claim("$35-40 billion", (0, 1), ClaimKind.AMOUNT,
    ...           sentence="- **April 2024.** It raised the range to $35-40 billion.")
    >>> _SAID_IN_RE.search(c.sentence).group("m2", "y")
    ('April', '2024')
    """
    month = _SAID_IN_RE.search(claim.sentence)
    if month is None or as_of is None:
        return False
    name = month.group("m") or month.group("m2")
    said = _MONTH_NAMES.index(name.lower()) + 1
    if month.group("y"):
        year = int(month.group("y"))
    else:
        year = as_of.year if said <= as_of.month else as_of.year - 1
    return (f.known_on.year, f.known_on.month) == (year, said)


def newest(idx: FactIndex, cands: list[Candidate]) -> Candidate | None:
    """The latest version public by the article date among same-key candidates."""
    usable = [c for c in cands if idx.as_of is None or c.fact.known_on <= idx.as_of]
    keys = {c.fact.key for c in usable}
    if len(keys) != 1 or len(usable) < 2:
        return None
    latest = max(usable, key=lambda c: (c.fact.known_on, c.fact.source.kind.is_primary))
    older = [c for c in usable if c.fact.known_on < latest.fact.known_on]
    if not older or all(c.fact.value == latest.fact.value for c in older):
        return None
    return latest


def supersedes(new: Fact, old: Fact) -> bool:
    """Whether a later figure replaces an earlier one: a revised plan, or the issuer's own
    restatement. Two sources giving the same period different figures may just define
    it differently, so that alone makes nothing stale."""
    if new.metric in GUIDANCE or new.metric == "investment_commitment":
        return True
    return new.source.kind.is_primary and old.source.kind.is_primary


def stale_verdict(
    idx: FactIndex, claim: Claim, hits: list[Hit], known: list[Candidate], period: Period | None
) -> Verdict | None:
    """Contradicted as stale when the figure matches only a version a later one replaced
    before the article date; ambiguous when the replacement came out that very day (the
    article may have been written first); None when the figure is not stale."""
    latest = newest(idx, known)
    f = best(hits).cand.fact
    if (
        latest is None
        or "from" in claim.qualifiers
        or not all(h.cand.fact.known_on < latest.fact.known_on for h in hits)
        or not supersedes(latest.fact, f)
        or said_then(claim, f, idx.as_of)
    ):
        return None
    shown = with_period(claim, period or f.period)
    ev = (Evidence(latest.fact, "expected"), Evidence(f, "superseded"))
    if latest.fact.known_on == idx.as_of:
        return Verdict(
            shown,
            VerdictLabel.AMBIGUOUS,
            (),
            latest.fact.value,
            latest.fact.unit,
            ev,
            f"The figure matches {fact_text(f)}, superseded on the article's own day by "
            f"{fact_text(latest.fact)}; the article may predate the revision.",
        )
    return Verdict(
        shown,
        VerdictLabel.CONTRADICTED,
        (Reason.STALE,),
        latest.fact.value,
        latest.fact.unit,
        ev,
        f"The figure matches {fact_text(f)}, which was superseded on "
        f"{latest.fact.known_on} by {fact_text(latest.fact)}.",
    )
