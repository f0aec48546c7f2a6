"""Tidslinje: where are we in the process? One regional process at a time.

Public page. Phases, milestones, today and the vision day on a timeline; Midtjylland's
yearly wheel as a circle. The secretariat may upload an edited process file.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from vision import processes as proc
from vision.charts.timeline import timeline_figure, today_note, wheel_figure
from vision.datafiles import DataFileError
from vision.ui.datafile_upload import is_phone_view, secretariat_upload, source_notes
from vision.ui.i18n import _, current_language
from vision.ui.process_status import timeline_status

KIND = "processes"
PLOT_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}


def _governance(region: str):
    try:
        return proc.governance_for(region)
    except DataFileError:
        return None


def _item_lines(process: proc.Process, gov, lang: str) -> list[str]:
    yearly = process.cycle == "yearly"
    items: list[tuple[dt.date, str]] = []
    for p in process.phases:
        when = p.when_text or proc.phase_when(p, lang, year=not yearly)
        extra = f" – {_('omtrentligt')}" if p.approximate else ""
        items.append((p.start_date, f"**{when}**{extra}: {p.title}"))
    for m in process.milestones:
        when = m.when_text or proc.milestone_when(m, lang, year=not yearly)
        text = f"**{when}**: {m.title}"
        if m.event:
            text += f" – [{_('åbn arrangementet')} {m.event}](/?e={m.event})"
        items.append((m.start_date, text))
    items.sort(key=lambda x: x[0])
    return [t for _d, t in items]


def main() -> None:
    lang = current_language()
    st.title(_("Tidslinje"))
    st.caption(_("Hvor er vi i processen? Faser, milepæle og visionsdagen for hver region."))
    try:
        loaded = proc.load_processes()
    except DataFileError as exc:
        st.error(_("En procesfil kan ikke indlæses:") + f" {exc}")
        st.stop()
        return
    if not loaded:
        st.info(_("Der er ingen procesfiler."))
        return

    with_data = list(dict.fromkeys(item.model.region for item in loaded))
    regions = list(proc.REGIONS) + [r for r in with_data if r not in proc.REGIONS]
    wanted = st.query_params.get("region")
    region = st.radio(
        _("Region"), regions, horizontal=True, key="tl_region",
        index=regions.index(wanted) if wanted in regions else 0,
        format_func=lambda r: proc.REGIONS.get(r, r.capitalize()),
    )
    if st.query_params.get("region") != region:
        st.query_params["region"] = region
    in_region = [item for item in loaded if item.model.region == region]
    if not in_region:
        st.info(_("Der er endnu ingen procesdata for Region {region}. Tidslinjen vises, når sekretariatet har "
                  "uploadet en procesfil for regionen.").format(region=proc.REGIONS.get(region, region)),
                icon=":material/info:")
        secretariat_upload(KIND, loaded)
        return
    if len(in_region) > 1:
        chosen = st.radio(_("Proces"), [item.id for item in in_region], key=f"tl_proc_{region}",
                          index=len(in_region) - 1,
                          format_func=lambda i: next(x.model.title for x in in_region
                                                     if x.id == i))
        item = next(x for x in in_region if x.id == chosen)
    else:
        item = in_region[0]
    process: proc.Process = item.model
    gov = _governance(region)

    large = st.toggle(_("Storskærm (større tekst)"), value=not is_phone_view(), key="tl_large")
    # On a big screen the timeline uses the whole width; said both ways, as the browser keeps
    # the last layout it was told.
    st.set_page_config(layout="wide" if large else "centered")
    view = "timeline"
    if process.cycle == "yearly":
        view = st.radio(_("Visning"), ["wheel", "timeline"], horizontal=True, key="tl_view",
                        format_func=lambda v: _("Årshjul") if v == "wheel" else _("Tidslinje"))

    st.subheader(process.title)
    if process.description:
        st.write(process.description)
    today = dt.date.today()
    if view == "wheel":
        fig = wheel_figure(process, governance=gov, today=today, large=large, lang=lang)
        st.caption(_("Årshjulet gentages hvert år. Den stiplede linje viser i dag."))
    else:
        fig = timeline_figure(process, governance=gov, today=today, large=large, lang=lang)
        fig = timeline_status(fig, process, gov, today=today, large=large, lang=lang)
        note = today_note(process, today, lang)
        if note is None:
            st.caption(_("Den stiplede linje viser i dag. Skraverede faser har omtrentlige "
                         "datoer; åbne symboler er kun kendt til måneden."))
        else:
            st.caption(note + " " + _("Skraverede faser har omtrentlige datoer; åbne symboler "
                                      "er kun kendt til måneden."))
    st.plotly_chart(fig, config=PLOT_CONFIG, key=f"tl_chart_{process.id}")

    for m in process.vision_days:
        when = proc.milestone_when(m, lang)
        text = f"**{_('Visionsdag')}: {when}** – {m.title}"
        if m.event:
            text += f"  \n[{_('Åbn visionsdagen')} ({m.event})](/?e={m.event})"
        st.info(text, icon=":material/event:")

    with st.expander(_("Faser og milepæle som tekst"), expanded=False):
        st.markdown("\n".join(f"- {line}" for line in _item_lines(process, gov, lang)))
        if process.note:
            st.caption(process.note)
        source_notes(process.source, False)
    source_notes(None, item.uploaded)
    secretariat_upload(KIND, loaded)


main()
