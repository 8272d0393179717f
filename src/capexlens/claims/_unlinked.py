"""Why a claim cannot be checked against the store at all: an estimate, a total of several
companies, no company, a unit the store does not track, or no metric (and why the linker
left none). One plain sentence each, shown as the verdict's explanation.
"""

from __future__ import annotations

from capexlens.models import Claim

__all__ = ["unlinked_reason"]


# Why a figure the linker left without a metric cannot be checked, by its qualifier.
_UNTRACKED_WHY = (
    (
        "forecast",
        "A forecast of a reported figure; the store holds what companies reported, and their "
        "capex and segment revenue plans only.",
    ),
    (
        "share:of-unit",
        "A share of a business unit's revenue; the store holds shares of the company's.",
    ),
    ("pro-forma", "The figure as it would have been without an item, not one the store holds."),
    ("points", "Percentage points of a change, not a rate the store holds."),
    ("label", "The figure is printed under the name {cue!r}, a line the store does not track."),
    ("deal", "The size of a deal, contract or commitment, not a line the store holds."),
    ("charge", "A one-off charge or settlement within a line, not the line itself."),
    (
        "research",
        "A market-research firm's estimate for the provider, whose scope differs from the "
        "segment the company reports.",
    ),
    ("basic", "Basic earnings per share; the store holds diluted earnings per share."),
    ("usage", "How much a service was used, not the revenue the store holds for it."),
    ("ttm", "A figure over the trailing twelve months; the store holds quarters and years."),
    ("loss", "A loss, and the text does not say of which line (operating or net)."),
    ("beat", "By how much the result beat or missed analysts' estimates, not the result itself."),
    (
        "segment:company-metric",
        "The figure is a business unit's {cue}; the store holds that for the whole company only.",
    ),
    (
        "versus-other",
        "A comparison with another company's or unit's figure, not a growth over time.",
    ),
    (
        "constant-currency",
        "A growth with currency effects taken out; the store holds that rate for company "
        "revenue only.",
    ),
    (
        "like-for-like",
        "A growth with businesses sold taken out; the store holds that for company revenue only.",
    ),
    ("multi-year", "A growth over several years; the store holds year-over-year rates."),
)


def unlinked_reason(claim: Claim, quals: set[str]) -> str:
    """Why a claim cannot be checked against the store, or "" if it can."""
    cue = next((q[4:] for q in claim.qualifiers if q.startswith("cue:")), "")
    if "estimate" in quals:
        return "An analyst estimate or forecast, not a reported figure."
    if "aggregate" in quals:
        return "A total over several companies; the store holds each company's own figures."
    if claim.entity is None:
        return "The text does not say which company the figure is about."
    if "segment:unknown" in quals:
        return "The figure is about a business unit the store does not track separately."
    if claim.metric is None:
        # the first qualifier the linker left that says why, in the order of this table
        why = next((text for q, text in _UNTRACKED_WHY if q in quals), None)
        if why is not None:
            return why.format(cue=cue or "figure")
        if "share:unnamed" in quals:
            return "A share of revenue of something the store knows no segment by."
        if cue and "needs:segment" in quals:
            return f"The store holds {cue!r} per business unit, and the text names none near it."
        if cue:
            return f"The figure is about {cue!r}, which the store does not track."
        return "The text does not say what the figure measures."
    if claim.value is None and not any(q.startswith(("min:", "lt:")) for q in quals):
        return "No figure to check."
    return ""
