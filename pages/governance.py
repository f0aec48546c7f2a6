"""Styringskort: who prepares, decides and approves the framework agreement.

Public page. The bodies of a region in layers (political on top, administrative in
the middle, secretariat and networks below), coloured by level, with the path a draft
agreement takes from the secretariat to approval highlighted. Selecting a body (in the
diagram or in the list) shows its composition, tasks, meetings and relations.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from vision import processes as proc
from vision.charts.governance import governance_figure
from vision.charts.governance_layout import PHONE, WIDE
from vision.datafiles import DataFileError
from vision.governance import LEVELS, Governance, relation_sentences
from vision.provenance import mark_of
from vision.ui.datafile_upload import is_phone_view, secretariat_upload, source_notes
from vision.ui.i18n import _, current_language
from vision.ui.process_status import approval_map

KIND = "governance"
PLOT_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}


def _on_chart_select(chart_key: str, select_key: str, gov: Governance) -> None:
    """A click on a box in the diagram selects that body in the list."""
    event = st.session_state.get(chart_key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return
    for point in points:
        body_id = point.get("customdata")
        if isinstance(body_id, list):
            body_id = body_id[0] if body_id else None
        if body_id is None and point.get("curve_number") == 0:
            idx = point.get("point_index")
            body_id = gov.bodies[idx].id if idx is not None and idx < len(gov.bodies) else None
        if body_id in {b.id for b in gov.bodies}:
            st.session_state[select_key] = body_id
            return


def body_details(gov: Governance, body_id: str, lang: str) -> None:
    body = gov.body(body_id)
    with st.container(border=True):
        st.markdown(f"### {body.name}")
        st.caption(_(LEVELS[body.level]))
        if body.is_assumed or body.is_inferred:
            st.warning(f"**{_(mark_of(body))}:** {body.assumed or body.inferred}", icon=":material/help:")
        step = gov.draft_step_of(body_id)
        if step:
            st.markdown(f"**{_('Trin')} {step} {_('på udkastets vej')}:** "
                        f"{gov.draft_path[step - 1].action}")
        st.markdown(f"**{_('Sammensætning')}:** "
                    + (body.composition or _("ikke beskrevet i kildematerialet")))
        st.markdown(f"**{_('Møder')}:** " + (body.meetings or _("ikke angivet")))
        if body.tasks:
            st.markdown(f"**{_('Opgaver')}:**")
            st.markdown("\n".join(f"- {t}" for t in body.tasks))
        if body.description:
            st.write(body.description)
        rels = relation_sentences(gov, body_id, lang)
        if rels:
            st.markdown(f"**{_('Relationer')}:**")
            st.markdown("\n".join(f"- {r}" for r in rels))


def main() -> None:
    lang = current_language()
    st.title(_("Styringskort"))
    st.caption(_("Hvem forbereder, beslutter og godkender? Vælg et organ for at se "
                 "sammensætning, opgaver og møder."))
    try:
        loaded = proc.load_governance()
    except DataFileError as exc:
        st.error(_("En styringsfil kan ikke indlæses:") + f" {exc}")
        st.stop()
        return
    if not loaded:
        st.info(_("Der er ingen styringsfiler."))
        return

    regions = [item.model.region for item in loaded]
    order = list(proc.REGIONS) + [r for r in regions if r not in proc.REGIONS]
    wanted = st.query_params.get("region")
    region = st.radio(
        _("Region"), order, horizontal=True, key="gov_region",
        index=order.index(wanted) if wanted in order else 0,
        format_func=lambda r: proc.REGIONS.get(r, r.capitalize()),
    )
    if st.query_params.get("region") != region:
        st.query_params["region"] = region
    item = next((x for x in loaded if x.model.region == region), None)
    if item is None:
        st.info(_("Der er endnu ingen styringsdata for Region {region}. Styringskortet vises, når sekretariatet "
                  "har uploadet en styringsfil for regionen.").format(region=proc.REGIONS.get(region, region)),
                icon=":material/info:")
        secretariat_upload(KIND, loaded)
        return
    gov: Governance = item.model

    st.subheader(gov.title)
    if gov.description:
        st.write(gov.description)
    large = st.toggle(_("Storskærm (større tekst)"), value=not is_phone_view(), key="gov_large")
    # On a big screen the map uses the whole width; said both ways, as the browser keeps
    # the last layout it was told.
    st.set_page_config(layout="wide" if large else "centered")
    show_path = st.toggle(_("Vis udkastets vej til godkendelse"), value=True, key="gov_path")

    select_key = f"gov_body_{region}"
    chart_key = f"gov_chart_{region}"
    ids = [b.id for b in gov.bodies]
    if st.session_state.get(select_key) not in ids:
        st.session_state.pop(select_key, None)
    selected = st.selectbox(
        _("Organ"), ids, index=None, key=select_key, placeholder=_("Vælg et organ"),
        format_func=lambda i: gov.body(i).name,
    )
    fig = governance_figure(gov, selected=selected, spec=WIDE if large else PHONE,
                            show_path=show_path, lang=lang)
    if show_path:
        fig = approval_map(fig, gov, spec=WIDE if large else PHONE, lang=lang)
    st.plotly_chart(fig, config=PLOT_CONFIG, key=chart_key,
                    on_select=partial(_on_chart_select, chart_key, select_key, gov),
                    selection_mode="points")
    if selected:
        body_details(gov, selected, lang)
    else:
        st.caption(_("Tryk på et organ i diagrammet, eller vælg det i listen ovenfor."))

    with st.expander(_("Organerne som tekst"), expanded=False):
        # The diagram's text alternative: every body, by level, with what it relates to.
        for level, title in LEVELS.items():
            bodies = [b for b in gov.bodies if b.level == level]
            if bodies:
                st.markdown(f"**{_(title)}**")
                st.markdown("\n".join(f"- {b.name}" + (f" *({_(mark_of(b))})*" if mark_of(b) else "")
                                       + (f": {'; '.join(relation_sentences(gov, b.id, lang))}"
                                                        if relation_sentences(gov, b.id, lang) else "")
                                       for b in bodies))
    if show_path and gov.draft_path:
        with st.expander(_("Udkastets vej fra sekretariatet til godkendelse"), expanded=not selected):
            lines = []
            for i, step in enumerate(gov.draft_path, start=1):
                names = " · ".join(gov.body(b).name for b in step.bodies)
                lines.append(f"{i}. **{names}** – {step.action}" + (f" *({_(mark_of(step))})*" if mark_of(step) else ""))
            st.markdown("\n".join(lines))
    source_notes(gov.source, item.uploaded)
    secretariat_upload(KIND, loaded)


main()
