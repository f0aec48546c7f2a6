"""How the charts draw a fact that no source says (assumed) or that is read from the sources
(inferred): the words of the legend and the line styles (``vision.provenance``)."""

from __future__ import annotations

from vision.provenance import ASSUMED, INFERRED


def dash(*facts) -> str:
    """Dashed for an assumption, dotted for an inference, solid for what a source says."""
    if any(f.is_assumed for f in facts):
        return "dash"
    return "dot" if any(f.is_inferred for f in facts) else "solid"


def legend_marks(gov) -> list[tuple[str, str]]:
    """The legend entries for the assumed and inferred facts a governance map draws."""
    facts = [*gov.bodies, *gov.relations, *gov.draft_path]
    return ([(ASSUMED, "dash")] if any(f.is_assumed for f in facts) else []) + \
        ([(INFERRED, "dot")] if any(f.is_inferred for f in facts) else [])
