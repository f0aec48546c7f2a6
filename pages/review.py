"""Review after the day (secretariat): results, breakdowns, comments, comparison, exports, data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vision import events, exports, raw_export, report_pdf, review, tagged_pdf
from vision.charts import review as charts
from vision.errors import UserError
from vision.model import GROUPS
from vision.review.suppression import COMPLEMENTARY_TEXT
from vision.ui import day_review
from vision.ui.auth import require_role
from vision.ui.committee_paper import paper_button
from vision.ui.i18n import _, current_language
from vision.ui.example_label import page_notice
from vision.ui.pick import choose_event
from vision.ui.runtime import get_store, show_error
from vision.ui.text import md_literal

st.set_page_config(page_title=_("Analyse og eksport"), layout="wide")
require_role("secretariat")
store = get_store()
actor = st.session_state.get("username") or "secretariat"
SUPPRESSED = _(review.SUPPRESSED)
COMPLEMENTARY = _(COMPLEMENTARY_TEXT)
lang = current_language()


@st.cache_data(show_spinner=False, max_entries=16)
def cached_review(event_id: int, round_id: int | None, version: int) -> review.Review:
    """One computation per event, round and committed change (``version``)."""
    return review.build_review(get_store(), event_id, round_id)


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers with a Danish decimal comma; "for få svar" translated."""
    def cell(v):
        if isinstance(v, bool):
            return v
        if isinstance(v, float):
            return "–" if v != v else f"{v:.2f}".replace(".", ",")
        if v == review.SUPPRESSED:
            return SUPPRESSED
        if v == COMPLEMENTARY_TEXT:
            return COMPLEMENTARY
        if v == exports.ALL_EQUAL:
            return _(exports.ALL_EQUAL)
        return v
    out = df.copy()
    for col in out.columns:
        out[col] = out[col].map(cell).astype(str)
    out.columns = [_(str(c)) for c in out.columns]
    return out


def table(df: pd.DataFrame, **kw) -> None:
    st.dataframe(shown(df), hide_index=kw.pop("hide_index", True), width="stretch", **kw)


st.title(_("Analyse og eksport"))
event = choose_event(store)
page_notice(store, event)
scoring = review.scoring_rounds(store, event.id)
round_id = None
if len(scoring) > 1:
    round_id = st.selectbox(_("Runde med visionstesten"), [r.id for r in scoring], index=len(scoring) - 1,
                            format_func=lambda rid: next(r.title for r in scoring if r.id == rid))
try:
    rev = cached_review(event.id, round_id, store.version(event.id))
except UserError as err:
    show_error(err)
    st.stop()

total = rev.extra.get("total_participants", 0)
c1, c2, c3, c4 = st.columns(4)
c1.metric(_("Deltagere"), total)
c2.metric(_("Forslag"), len(rev.drafts))
c3.metric(_("Har scoret mindst ét forslag"), max((d.respondents for d in rev.drafts), default=0))
c4.metric(_("Mindste gruppestørrelse"), rev.minimum,
          help=_("Grupper, kommuner og organisationer med færre svar vises som »for få svar«."))

tabs = st.tabs([_("Overblik"), _("Grupper og kommuner"), _("Paradokser"), _("Fokusområder"), _("Kommentarer"),
                _("Sammenlign"), _("Eksport"), _("Data")])

# -- overview ----------------------------------------------------------------------------
with tabs[0]:
    if not rev.drafts or all(d.respondents == 0 for d in rev.drafts):
        st.info(_("Der er endnu ingen scorer i denne begivenhed."))
    else:
        left, right = st.columns([5, 6])
        with left:
            st.subheader(_("Rangering"))
            st.plotly_chart(charts.ranking_ci(rev, lang), config={"displayModeBar": False}, width="stretch")
            ties = [r for r in rev.ranking if "-" in r.place]
            if ties:
                st.warning(_("For tæt på til at skille ad: {names}. Forskellen i gennemsnit er mindre end den "
                             "usikkerhed, der følger af, hvem der var i salen.").format(
                    names=", ".join(f"{r.draft.name_in(current_language())} ({r.place})" for r in ties)), icon="⚖️")
            st.caption(_("Gennemsnit af alle scorer (1-5) med 95 %-interval. Placeringer som »1-2« betyder, at "
                         "forslagene ikke kan skilles ad (bootstrap over deltagerne)."))
        with right:
            st.subheader(_("Stærkest og svagest"))
            table(exports.strong_weak_table(rev))
            rt = exports.ranking_table(rev)
            rt["95 %-interval"] = [SUPPRESSED if lo == review.SUPPRESSED else "–" if lo == "–" else
                                   f"{charts._comma(lo)}–{charts._comma(hi)}"
                                   for lo, hi in zip(rt["95 %-interval fra"], rt["95 %-interval til"])]
            table(rt[["Placering", "Forslag", "Personer, der svarede", "Gennemsnit", "95 %-interval",
                      "Kan skilles fra det næste"]])
        day_review.results_by_focus_area(store, event.id, rev, table)
        st.subheader(_("Kriterierne pr. forslag"))
        for i, d in enumerate(rev.drafts):
            with st.expander(f"{md_literal(d.name_in(current_language()))} – " + (SUPPRESSED if d.suppressed else
                                               _("{n} svar, gennemsnit {m}").format(
                                                   n=d.respondents, m=charts._comma(d.mean))), expanded=i == 0):
                st.text(d.text)   # a table's draft is user text: never markdown or HTML
                if d.suppressed:
                    st.info(_("For få svar til at vise tal for dette forslag."))
                    continue
                split = [c.label for c in d.criteria if c.split]
                if split:
                    st.warning(_("Salen var delt om: {names} (under 60 % af svarene ligger inden for ét point "
                                 "af medianen).").format(names=", ".join(split)), icon="⚠️")
                a, b = st.columns([5, 6])
                a.plotly_chart(charts.criterion_profile(d, lang), config={"displayModeBar": False}, width="stretch",
                               key=f"profile-{d.draft_id}")
                with b:
                    table(exports.criteria_table(rev, d.draft_id).drop(columns=["Forslag"]))

    day_review.missions(store, event.id)

# -- breakdowns ------------------------------------------------------------------------------
with tabs[1]:
    if not rev.drafts:
        st.info(_("Ingen forslag."))
    else:
        names = {d.draft_id: d.name_in(current_language()) for d in rev.drafts}
        draft_id = st.selectbox(_("Forslag"), list(names), format_func=names.get, key="bd_draft")
        st.caption(_("Gennemsnit pr. kriterium. Grupper og kommuner, hvor færre end {m} personer har svaret, vises "
                     "som »for få svar«. Er de små grupper tilsammen færre end {m}, skjules også den mindste af de "
                     "andre (»skjult, så en lille gruppe ikke kan regnes ud«), så ingen lille gruppe kan regnes ud "
                     "af totalen.").format(m=rev.minimum))
        for dim, title in (("grp", _("Efter gruppe")), ("unit", _("Efter kommune og organisation"))):
            st.subheader(title)
            t = exports.breakdown_table(rev, dim, draft_id)
            some = exports.with_answers(t)
            if len(some.columns) < len(t.columns):
                st.caption(_("Figuren viser dem, hvor nogen har svaret; tabellen viser alle."))
            st.plotly_chart(charts.breakdown_heatmap(some.iloc[1:], dim, lang), config={"displayModeBar": False},
                            width="stretch", key=f"heat-{dim}")
            labelled = t.rename(columns={c: charts.cell_label(dim, c, lang) for c in t.columns})
            table(labelled.reset_index(names=_("Række")))

# -- paradoxes ----------------------------------------------------------------------------------
with tabs[2]:
    if not rev.paradox_rounds or not rev.paradoxes:
        st.info(_("Denne begivenhed har ingen paradoksrunde."))
    for r in rev.paradox_rounds:
        st.subheader(r.title)
        cols = st.columns(min(2, len(rev.paradoxes)) or 1)
        for i, p in enumerate(rev.paradoxes):
            cols[i % len(cols)].plotly_chart(charts.paradox_boxes(rev, r.id, p, lang), config={"displayModeBar": False},
                                             width="stretch", key=f"pdx-{r.id}-{p.id}")
        pt = exports.paradox_table(rev)
        table(pt[pt.Runde == r.title].drop(columns=["Runde"]))
        st.caption(_("-100 er helt mod venstre pol, 100 helt mod højre. Boksen er den midterste halvdel af svarene, "
                     "stregen i boksen medianen."))

# -- focus areas ----------------------------------------------------------------------------------
with tabs[3]:
    if not rev.focus_rounds:
        st.info(_("Denne begivenhed har ingen runde om fokusområder."))
    for r in rev.focus_rounds:
        st.subheader(r.title)
        a, b = st.columns(2)
        a.plotly_chart(charts.focus_grouped(rev, r.id, rev.event.focus_mode, lang), config={"displayModeBar": False},
                       width="stretch", key=f"focus-{r.id}")
        ft = exports.focus_table(rev)
        with b:
            table(ft[ft.Runde == r.title].drop(columns=["Runde"]))

# -- comments ----------------------------------------------------------------------------------------
with tabs[4]:
    all_comments = review.comments(store, event.id)
    names = {d.draft_id: d.name_in(current_language()) for d in rev.drafts}
    f1, f2, f3 = st.columns([2, 1, 2])
    draft_pick = f1.selectbox(_("Forslag"), [None, *names], format_func=lambda k: _("Alle forslag") if k is None
                              else names[k], key="c_draft")
    groups = review.visible_groups(store, event.id)
    group_pick = f2.selectbox(_("Gruppe"), [None, *groups], key="c_group",
                              format_func=lambda g: _("Alle grupper") if g is None else _(GROUPS[g]))
    search = f3.text_input(_("Søg i kommentarerne"), key="c_search", max_chars=100)
    found = review.filter_comments(all_comments, draft_pick, group_pick, search)
    st.caption(_("{n} af {total} kommentarer. Gruppen vises kun, hvor mindst {m} af gruppen har svaret på "
                 "forslaget.").format(
        n=len(found), total=len(all_comments), m=rev.minimum))
    for row in found.head(200).itertuples():
        with st.container(border=True):
            a, b = st.columns([10, 1])
            a.text(row.text)   # plain text: a comment is never rendered as markdown or HTML
            a.caption(f"{names.get(row.draft_id, '–')} · " + (_(GROUPS[row.group]) if row.group else "–"))
            if b.button(_("Skjul"), key=f"hide-{row.key}", help=_("Skjul en krænkende kommentar. Det skrives i "
                                                                    "loggen.")):
                try:
                    review.hide_comment(store, actor, event.id, row.key)
                except UserError as err:
                    show_error(err)
                else:
                    st.toast(_("Kommentaren er skjult."))
                    st.rerun()
    if len(found) > 200:
        st.info(_("Viser de første 200. Brug søgning eller filtre for at finde resten."))

# -- comparison ----------------------------------------------------------------------------------------
with tabs[5]:
    names = {d.draft_id: d.name_in(current_language()) for d in rev.drafts if not d.suppressed}
    pick = st.multiselect(_("Vælg to eller flere forslag"), list(names), default=list(names)[:3],
                          format_func=names.get, key="cmp")
    if len(pick) < 2:
        st.info(_("Vælg mindst to forslag for at sammenligne dem."))
    else:
        series = [(names[i], {c.key: c.mean for c in rev.draft(i).criteria}) for i in pick]
        a, b = st.columns(2)
        a.plotly_chart(charts.radar(series, rev.criteria), config={"displayModeBar": False}, width="stretch",
                       key="radar")
        side = pd.DataFrame({names[i]: [c.mean for c in rev.draft(i).criteria] for i in pick},
                            index=[c.label for c in rev.criteria])
        with b:
            table(side.reset_index(names=_("Kriterium")))
    st.subheader(_("Samme vision på tværs af begivenheder"))
    matches = review.same_text_elsewhere(store, event.id)
    if not matches:
        st.info(_("Ingen af denne begivenheds forslag er scoret med samme ordlyd i en anden begivenhed."))
    for draft_id, items in matches.items():
        d = next((x for x in rev.drafts if x.draft_id == draft_id), None)
        st.markdown(f"**{md_literal(d.name_in(current_language())) if d else draft_id}**")
        series = [(f"{m.event_code} ({m.event_date or '–'})", m.criterion_means) for m in items if not m.suppressed]
        a, b = st.columns(2)
        if len(series) >= 1:
            a.plotly_chart(charts.radar(series, rev.criteria), config={"displayModeBar": False}, width="stretch",
                           key=f"across-{draft_id}")
        side = pd.DataFrame({f"{m.event_code}": [SUPPRESSED if m.suppressed else m.criterion_means.get(c.key)
                                                 for c in rev.criteria] for m in items},
                            index=[c.label for c in rev.criteria], dtype=object)
        with b:
            table(side.reset_index(names=_("Kriterium")))
            st.caption(_("Forslag matches på identisk tekst (uden forskel på store/små bogstaver, mellemrum og "
                         "anførselstegn)."))

# -- exports -------------------------------------------------------------------------------------------------
with tabs[6]:
    st.write(_("Alle tabeller fra siden med danske kolonnenavne. Små grupper står som »for få svar«."))
    base = f"visionsdag-{event.code.lower()}"
    ev_id, rid, ver = event.id, round_id, store.version(event.id)

    def tables():
        return exports.all_tables(cached_review(ev_id, rid, ver), review.comments(store, ev_id))

    a, b, c = st.columns(3)
    a.download_button(_("Regneark (XLSX)"), data=lambda: exports.to_xlsx(tables()), file_name=f"{base}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon="📊",
                      on_click="ignore")
    b.download_button(_("Tabeller som CSV (zip)"), data=lambda: exports.to_csv_zip(tables()),
                      file_name=f"{base}-csv.zip", mime="application/zip", icon="🗂️", on_click="ignore")
    raw_help = _("Ét svar pr. række. Nye deltagernumre for hvert udtræk og hver runde; ingen koder eller "
                 "tidspunkter; små grupper og kommuner er slået sammen runde for runde.")
    refused = raw_export.raw_refusal(store, ev_id)
    if refused is None:
        c.download_button(_("Anonymiseret rådata (XLSX)"),
                          data=lambda: exports.to_xlsx(raw_export.raw_tables(store, ev_id)),
                          file_name=f"{base}-raadata.xlsx", icon="🔒", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", help=raw_help)
    else:       # said before the press: a download that fails says nothing in the browser
        c.button(_("Anonymiseret rådata (XLSX)"), icon="🔒", disabled=True, key="raw_refused", help=raw_help)
        c.caption(refused.text(lang))
    st.subheader(_("Rapport til dagsordenspunkt (PDF)"))
    st.caption(_("Fuldt tagget PDF (PDF/UA) til offentliggørelse: overskrifter, afsnit, tabeller med "
                 "overskriftsceller og figurer med alternativ tekst. Regnearket (XLSX) har alle rapportens tabeller."))
    if not tagged_pdf.available():
        st.caption(_("PDF'en kræver LibreOffice på serveren (make run installerer det); uden det får du "
                     "rapporten som Word-fil."))
    key = ("report", ev_id, rid, ver)
    if st.button(_("Lav rapport"), icon="📄"):
        failed = None
        with st.status(_("Laver rapporten …"), expanded=True) as status:
            bar = st.progress(0.0, text=_("Tegner figurer …"))
            try:
                docx = report_pdf.report_docx(rev, review.comments(store, ev_id),
                                              progress=lambda f, t: bar.progress(f, text=_("Tegner: {t}").format(t=t)))
                st.session_state["review_report"] = (key, docx, None)
                if tagged_pdf.available():      # without LibreOffice the caption above has said so
                    status.update(label=_("Laver PDF'en med LibreOffice (10-20 sekunder) …"))
                    st.session_state["review_report"] = (key, docx, tagged_pdf.from_docx(docx))
            except UserError as err:
                failed = err
                status.update(label=_("PDF'en blev ikke lavet"), state="error", expanded=False)
            else:
                status.update(label=_("Rapporten er klar") if tagged_pdf.available()
                              else _("Rapporten er klar som Word-fil"), state="complete", expanded=False)
        if failed is not None:
            show_error(failed)
    made = st.session_state.get("review_report")
    if made and made[0] == key:
        if made[2] is not None:
            st.download_button(_("Hent rapporten (PDF)"), data=made[2], file_name=f"{base}-rapport.pdf",
                               mime="application/pdf", icon="⬇️", type="primary", on_click="ignore")
        st.download_button(_("Hent rapporten i Word (DOCX)"), data=made[1], file_name=f"{base}-rapport.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           icon="⬇️", type="secondary" if made[2] is not None else "primary", on_click="ignore")
    paper_button(store, event, rid)

# -- data lifecycle -------------------------------------------------------------------------------------------
with tabs[7]:
    st.subheader(_("Slet deltagerkoder"))
    st.write(_("Efter dagen: fjern forbindelsen mellem telefoner/QR-kort og svar. Resultaterne bevares, men ingen "
               "kan længere ændre deres svar."))
    with st.form("delete_tokens"):
        typed = st.text_input(_("Skriv begivenhedens kode for at bekræfte"), key="tok_code")
        if st.form_submit_button(_("Slet deltagerkoder"), type="secondary"):
            try:
                n = review.delete_tokens(store, actor, event.id, typed)
            except UserError as err:
                show_error(err)
            else:
                st.success(_("{n} deltagerkoder er slettet. Resultaterne er bevaret.").format(n=n))
    st.subheader(_("Slet hele begivenheden"))
    st.write(_("Sletter begivenheden med alle svar, kommentarer og deltagere. Det kan ikke fortrydes; lav en "
               "eksport først."))
    with st.form("delete_event"):
        typed = st.text_input(_("Skriv begivenhedens kode for at bekræfte"), key="ev_code")
        if st.form_submit_button(_("Slet begivenheden"), type="primary"):
            try:
                events.delete_event(store, actor, event.id, typed)
            except UserError as err:
                show_error(err)
            else:
                st.session_state.pop("event_code", None)
                st.query_params.pop("event", None)
                st.success(_("Begivenheden {code} er slettet.").format(code=event.code))
