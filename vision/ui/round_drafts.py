"""The drafts a scoring round scores, on the organiser's pages: chosen in set-up, named on the
control page (``vision.round_drafts``)."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from vision import events, round_drafts
from vision.charts.results import short_text
from vision.model import Draft, Event
from vision.ui.actions import FAILED, attempt
from vision.ui.i18n import _, current_language
from vision.ui.text import label_literal, md_literal


def _name(d: Draft, lang: str) -> str:
    label = events.draft_label(d.label, lang)
    return (f"{label}: " if label else "") + short_text(d.text, 60)


def scoring_drafts_editor(store, actor: str, event: Event, content: dict, changed: Callable[[], None]) -> None:
    """Set-up: for each scoring round, the drafts it scores, in the order picked; none: every
    approved draft. The plenum's "open for scoring" sets them too."""
    scoring = [r for r in content["rounds"] if r.kind == "scoring" and r.id not in content["hidden_rounds"]]
    candidates = {d.id: d for d in content["drafts"] if d.status in ("approved", "pending")}
    if not scoring:
        return
    lang = current_language()
    st.subheader(_("Forslag i visionstesten"), anchor=False)
    st.caption(_("Vælg de forslag, en runde med visionstesten skal vurdere, i den rækkefølge de vises. Vælger du "
                 "ingen, vurderes alle godkendte forslag. Når plenum åbner visionstesten, får runden plenums "
                 "forslag."))
    for rnd in scoring:
        own = [i for i in content["round_drafts"].get(rnd.id, ()) if i in candidates]
        with st.form(f"round_drafts_{rnd.id}"):
            picked = st.multiselect(
                label_literal(events.round_heading(rnd.title, rnd.kind, lang)), list(candidates), default=own,
                format_func=lambda i: _name(candidates[i], lang), placeholder=_("Alle godkendte forslag"))
            if st.form_submit_button(_("Gem rundens forslag")):
                done = (_("Runden vurderer nu {n} forslag.").format(n=len(picked)) if picked
                        else _("Runden vurderer nu alle godkendte forslag."))
                if attempt(round_drafts.choose, store, actor, event.id, rnd.id, picked, done=done) is not FAILED:
                    changed()


def round_drafts_note(rnd, content: dict) -> None:
    """Control page: which drafts a scoring round scores, numbered as the phones number them."""
    if rnd.kind != "scoring":
        return
    chosen = content["round_drafts"].get(rnd.id)
    drafts = round_drafts.scored_in(content["drafts"], chosen)
    lang = current_language()
    names = " · ".join(_("Forslag {n}").format(n=i) + f": {md_literal(_name(d, lang))}"
                       for i, d in enumerate(drafts, start=1))
    if chosen is None:
        head = _("Vurderer alle godkendte forslag ({n})").format(n=len(drafts))
    else:
        head = _("Vurderer rundens egne {n} forslag").format(n=len(drafts))
    st.caption(f":material/checklist: {head}" + (f": {names}" if names else ""))
