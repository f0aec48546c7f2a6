"""Set-up page for organisers: events, their content, drafts and personal QR cards."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from vision import cards, events, imports, participants
from vision.criteria import default_criteria, municipalities
from vision.model import DRAFT_MAX_CHARS, GROUPS
from vision.ui.actions import FAILED, attempt, flash, form_key, report_grid, show_flash, submit
from vision.ui.auth import require_role
from vision.ui.event_forms import event_fields_form, new_event_section, privacy_form
from vision.ui.i18n import _
from vision.ui.address import address_notice
from vision.ui.pick import choose_event, join_url, public_address
from vision.ui.round_drafts import scoring_drafts_editor
from vision.ui.round_editor import round_tab
from vision.ui.runtime import get_store
from vision.ui.tables import tables_editor
from vision.ui.tracks import track_editor
from vision.ui.text import md_literal


st.set_page_config(layout="wide")  # wide tables for set-up work on a laptop

require_role("organiser")

store = get_store()
actor = st.session_state.get("username") or "organiser"
REGIONS = municipalities().regions
GROUP_LABELS = {k: _(v) for k, v in GROUPS.items()}
STATUS_LABELS = {"approved": ":material/check_circle: " + _("godkendt"),
                 "pending": ":material/schedule: " + _("afventer"),
                 "hidden": ":material/visibility_off: " + _("skjult")}


def open_event(code: str) -> None:
    st.session_state["event_code"] = code
    st.query_params["event"] = code
    st.rerun()


st.title(_("Opsætning"))
show_flash()

# -- new event: empty or from a template ------------------------------------------------------
all_events = events.list_events(store)
new_event_section(store, actor, all_events, open_event)

if not all_events:
    st.stop()

if st.session_state.get("setup_deleted") and not st.query_params.get("event"):
    # Just deleted: no other event is opened by itself (with its own delete button in view).
    titles = {e.code: e.title for e in all_events}
    pick = st.selectbox(_("Begivenhed, du sætter op"), list(titles), index=None,
                        placeholder=_("Vælg en begivenhed"), format_func=lambda c: f"{c} – {titles[c]}")
    if pick:
        st.session_state.pop("setup_deleted", None)
        open_event(pick)
    st.stop()
st.session_state.pop("setup_deleted", None)
event = choose_event(store, label=_("Begivenhed, du sætter op"))
content = events.event_content(store, event.id)


def changed() -> None:
    st.rerun()


tabs = st.tabs([_("Begivenhed"), _("Runder"), _("Program"), _("Kommuner"), _("Kriterier"), _("Paradokser"),
                _("Fokusområder"), _("Forslag"), _("Deltagerkort")])

# -- the event itself --------------------------------------------------------------------------
with tabs[0]:
    event_fields_form(store, actor, event, changed)
    privacy_form(store, actor, event, changed)
    address_notice(public_address(), event.code)
    with st.expander(_("Slet begivenheden")):
        st.warning(_("Sletter begivenheden med alt indhold, alle deltagere og alle svar. Det kan ikke fortrydes. "
                     "Tag en sikkerhedskopi først."))
        with st.form("delete_event", clear_on_submit=True):
            typed = st.text_input(_("Skriv koden {code} for at bekræfte").format(code=event.code))
            if st.form_submit_button(_("Slet for altid")):
                if attempt(events.delete_event, store, actor, event.id, typed,
                           done=_("{code} er slettet.").format(code=event.code)) is not FAILED:
                    st.session_state.pop("event_code", None)
                    st.session_state["setup_deleted"] = True
                    st.query_params.pop("event", None)
                    st.rerun()

# -- rounds ------------------------------------------------------------------------------------
with tabs[1]:
    round_tab(store, actor, event, content, all_events, changed)
    track_editor(store, actor, event, content, changed)
    scoring_drafts_editor(store, actor, event, content, changed)
    tables_editor(store, actor, event, content, changed)

# -- programme ---------------------------------------------------------------------------------
with tabs[2]:
    st.caption(_("Dagens program, som deltagerne og storskærmen viser. Tid skrives som 11.30."))
    programme = pd.DataFrame([{"time": p.at_time or "", "title": p.title, "detail": p.detail or ""}
                              for p in content["programme"]], columns=["time", "title", "detail"])
    with st.form("programme"):
        edited = st.data_editor(programme, num_rows="dynamic", hide_index=True, key="programme_editor",
                                column_config={
                                    "time": st.column_config.TextColumn(_("Tid"), width="small", max_chars=5),
                                    "title": st.column_config.TextColumn(_("Punkt"), width="large", max_chars=200),
                                    "detail": st.column_config.TextColumn(_("Detaljer"), width="large")})
        if st.form_submit_button(_("Gem programmet"), type="primary"):
            rows = [(r.time, r.title, r.detail) for r in edited.fillna("").itertuples()]
            rows.sort(key=lambda r: (str(r[0] or "99.99").replace(":", ".").zfill(5)))
            saved = attempt(events.set_programme, store, actor, event.id, rows)
            if saved is not FAILED:
                report_grid(saved, (_("Programmet er gemt med 1 punkt.") if saved.saved == 1 else
                                    _("Programmet er gemt med {n} punkter.").format(n=saved.saved)))
                changed()

# -- municipalities and organisations ----------------------------------------------------------
with tabs[3]:
    st.caption(_("De kommuner og organisationer, en deltager kan vælge. Én pr. linje, i den rækkefølge, de skal "
                 "vises."))
    with st.form("units"):
        text = st.text_area(_("Kommuner og organisationer"), value="\n".join(content["units"]), height=380)
        if st.form_submit_button(_("Gem listen"), type="primary"):
            if attempt(events.set_units, store, actor, event.id, text.splitlines(),
                       done=_("Listen er gemt.")) is not FAILED:
                changed()
    region_name = REGIONS[event.region].name if event.region in REGIONS else REGIONS["nordjylland"].name
    if st.button(_("Brug standardlisten for {region}").format(region=region_name)):
        if attempt(events.set_units, store, actor, event.id, events.default_units(event.region),
                   done=_("Standardlisten for {region} er sat ind.").format(region=region_name)) is not FAILED:
            changed()

# -- criteria ----------------------------------------------------------------------------------
with tabs[4]:
    st.caption(_("Kriterierne i Visionstesten. Ret navn og spørgsmål, tilføj eller fjern rækker, og bestem "
                 "rækkefølgen med tallet i første kolonne."))
    crit = pd.DataFrame([{"order": i + 1, "label": c.label, "question": c.question, "key": c.key}
                         for i, c in enumerate(content["criteria"])], columns=["order", "label", "question", "key"])
    with st.form("criteria"):
        edited = st.data_editor(
            crit, num_rows="dynamic", hide_index=True, key="criteria_editor",
            column_config={
                "order": st.column_config.NumberColumn(_("Nr."), min_value=1, max_value=99, step=1, width="small"),
                "label": st.column_config.TextColumn(_("Kriterium"), max_chars=60, width="medium"),
                "question": st.column_config.TextColumn(_("Spørgsmål til deltagerne"), max_chars=200, width="large"),
                "key": st.column_config.TextColumn(_("Nøgle (i eksport)"), disabled=True, width="small")})
        if st.form_submit_button(_("Gem kriterierne"), type="primary"):
            frame = edited.copy()
            frame["order"] = frame["order"].fillna(999)
            frame = frame.sort_values("order", kind="stable")
            rows = [(r.key if isinstance(r.key, str) and r.key else None,
                     r.label if isinstance(r.label, str) else "", r.question if isinstance(r.question, str) else "")
                    for r in frame.itertuples()]
            if attempt(events.set_criteria, store, actor, event.id, rows, done=_("Kriterierne er gemt.")) is not FAILED:
                changed()
    if st.button(_("Gendan de ni kriterier fra Visionstesten")):
        rows = [(c.key, c.label, c.question) for c in default_criteria()]
        if attempt(events.set_criteria, store, actor, event.id, rows,
                   done=_("De ni kriterier er sat ind igen.")) is not FAILED:
            changed()

# -- paradoxes ---------------------------------------------------------------------------------
def paradox_form(key: str, p=None) -> None:
    with st.form(form_key(key) if p is None else key):
        title = st.text_input(_("Titel"), value=p.title if p else "", max_chars=120)
        question = st.text_input(_("Spørgsmål"), value=(p.question or "") if p else "",
                                 placeholder=_("Hvor skal vægten ligge?"))
        left, right = st.columns(2)
        llabel = left.text_input(_("Venstre pol"), value=p.left_label if p else "", max_chars=80)
        largs = left.text_area(_("Argumenter for venstre pol (ét pr. linje)"),
                               value="\n".join(p.left_args) if p else "", height=110)
        rlabel = right.text_input(_("Højre pol"), value=p.right_label if p else "", max_chars=80)
        rargs = right.text_area(_("Argumenter for højre pol (ét pr. linje)"),
                                value="\n".join(p.right_args) if p else "", height=110)
        if st.form_submit_button(_("Gem paradokset") if p else _("Tilføj paradokset"), type="primary"):
            fields = dict(title=title, question=question, left_label=llabel, left_args=largs, right_label=rlabel,
                          right_args=rargs, done=_("Paradokset '{title}' er gemt.").format(title=title.strip()))
            if p is None:
                saved = submit(key, events.save_paradox, store, actor, event.id, None,
                               values=(event.id, title.strip(), llabel.strip(), rlabel.strip()), **fields)
            else:
                saved = attempt(events.save_paradox, store, actor, event.id, p.id, **fields)
            if saved is not FAILED:
                changed()


with tabs[5]:
    st.caption(_("Et paradoks er en balance mellem to gode ting, fx nærhed og høj specialisering."))
    for p in content["paradoxes"]:
        with st.expander(f"{p.title}: {p.left_label} / {p.right_label}"):
            paradox_form(f"paradox_{p.id}", p)
            if st.button(_("Slet paradokset"), key=f"del_paradox_{p.id}"):
                gone = attempt(events.delete_paradox, store, actor, event.id, p.id)
                if gone is not FAILED:
                    flash(_("Paradokset '{title}' er slettet ({n} svar slettet med).").format(title=p.title, n=gone))
                    changed()
    st.markdown("**" + _("Nyt paradoks") + "**")
    paradox_form("paradox_new")

# -- focus areas -------------------------------------------------------------------------------
with tabs[6]:
    st.caption(_("Fokusområderne, deltagerne prioriterer. Rækkefølgen her er rækkefølgen på telefonen."))
    focus = pd.DataFrame([{"order": i + 1, "title": f.title, "description": f.description or "", "id": f.id}
                          for i, f in enumerate(content["focus_areas"])],
                         columns=["order", "title", "description", "id"])
    with st.form("focus"):
        edited = st.data_editor(
            focus, num_rows="dynamic", hide_index=True, key="focus_editor",
            column_order=["order", "title", "description"],
            column_config={
                "order": st.column_config.NumberColumn(_("Nr."), min_value=1, max_value=99, step=1, width="small"),
                "title": st.column_config.TextColumn(_("Fokusområde"), max_chars=160, width="large"),
                "description": st.column_config.TextColumn(_("Beskrivelse"), max_chars=600, width="large")})
        if st.form_submit_button(_("Gem fokusområderne"), type="primary"):
            frame = edited.copy()
            frame["order"] = frame["order"].fillna(999)
            frame = frame.sort_values("order", kind="stable")
            rows = [(int(r.id) if pd.notna(r.id) else None, r.title if isinstance(r.title, str) else "",
                     r.description if isinstance(r.description, str) else "") for r in frame.itertuples()]
            saved = attempt(events.set_focus_areas, store, actor, event.id, rows)
            if saved is not FAILED:
                report_grid(saved, _("Fokusområderne er gemt."))
                changed()

# -- drafts ------------------------------------------------------------------------------------
with tabs[7]:
    drafts = content["drafts"]
    counts = Counter(d.status for d in drafts)
    st.subheader(_("Forslag ({n})").format(n=len(drafts)))
    st.caption(" · ".join(f"{STATUS_LABELS[s]}: {counts.get(s, 0)}" for s in STATUS_LABELS))
    for i, d in enumerate(drafts):
        with st.container(border=True):
            top = st.columns([7, 2])
            top[0].markdown(f"**{i + 1}.** " + (f"*{md_literal(d.label)}*" if d.label else ""))
            top[0].text(d.text)
            top[1].markdown(STATUS_LABELS[d.status] + (" · " + _("eksempel") if d.is_example else ""))
            b = st.columns(5)
            if d.status != "approved" and b[0].button(_("Godkend"), key=f"approve_{d.id}", type="primary",
                                                       width="stretch"):
                if attempt(events.set_draft_status, store, actor, event.id, d.id, "approved",
                           done=_("Forslag {i} er godkendt.").format(i=i + 1)) is not FAILED:
                    changed()
            if d.status != "hidden" and b[1].button(_("Skjul"), key=f"hide_{d.id}", width="stretch"):
                if attempt(events.set_draft_status, store, actor, event.id, d.id, "hidden",
                           done=_("Forslag {i} er skjult.").format(i=i + 1)) is not FAILED:
                    changed()
            if b[2].button(_("Op"), key=f"up_{d.id}", icon=":material/arrow_upward:", disabled=i == 0,
                           width="stretch"):
                if attempt(events.move_draft, store, actor, event.id, d.id, -1) is not FAILED:
                    changed()
            if b[3].button(_("Ned"), key=f"down_{d.id}", icon=":material/arrow_downward:",
                           disabled=i == len(drafts) - 1, width="stretch"):
                if attempt(events.move_draft, store, actor, event.id, d.id, 1) is not FAILED:
                    changed()
            with b[4].popover(_("Ret"), width="stretch"):
                with st.form(f"edit_{d.id}"):
                    new_text = st.text_area(_("Tekst"), value=d.text, max_chars=DRAFT_MAX_CHARS)
                    new_label = st.text_input(_("Etiket"), value=d.label or "", max_chars=80)
                    if st.form_submit_button(_("Gem ændringen"), type="primary"):
                        if attempt(events.edit_draft, store, actor, event.id, d.id, new_text, new_label,
                                   done=_("Forslag {i} er rettet.").format(i=i + 1)) is not FAILED:
                            changed()

    add_col, import_col = st.columns(2, gap="large")
    with add_col:
        st.subheader(_("Tilføj et forslag"))
        with st.form(form_key("add_draft")):
            text = st.text_area(_("Forslag til vision"), max_chars=DRAFT_MAX_CHARS, height=90)
            label = st.text_input(_("Etiket (valgfri)"), max_chars=80, placeholder=_("fx Bord 3 eller Forslag A"))
            approve = st.checkbox(_("Godkendt (vises for deltagerne)"), value=True)
            if st.form_submit_button(_("Tilføj forslaget"), type="primary"):
                if submit("add_draft", events.add_draft, store, actor, event.id, text, label, "organiser", approve,
                          values=(event.id, text.strip(), label.strip()), done=_("Forslaget er tilføjet.")) \
                        is not FAILED:
                    changed()
    with import_col:
        st.subheader(_("Importér forslag fra en fil"))
        st.caption(_("CSV eller Excel (.xlsx). Første række er overskrifter: 'tekst' (påkrævet) og 'etiket' "
                     "(valgfri). Højst {max} tegn pr. forslag. Intet importeres, før du har set forhåndsvisningen.")
                   .format(max=DRAFT_MAX_CHARS))
        upload_key = f"draft_upload_{st.session_state.get('draft_upload_n', 0)}"
        upload = st.file_uploader(_("Fil med forslag"), type=["csv", "xlsx", "txt"], key=upload_key,
                                  max_upload_size=2)
        if upload is not None:
            parsed = attempt(imports.parse_drafts, upload.getvalue(), upload.name)
            if parsed is not FAILED:
                how = []
                if parsed.encoding:
                    how.append(_("tegnkodning {enc}").format(enc=parsed.encoding))
                if parsed.separator:
                    how.append(_("adskilt med '{sep}'").format(sep=parsed.separator.replace("\t", "tab")))
                st.info(_("{n} forslag klar til import").format(n=len(parsed.rows))
                        + (f" ({', '.join(how)})" if how else "") + ".")
                if parsed.ignored_columns:
                    st.warning(_("Disse kolonner bliver ikke importeret: {cols}.").format(
                        cols=", ".join(parsed.ignored_columns)))
                st.dataframe(pd.DataFrame([{_("Række"): r, _("Tekst"): t, _("Etiket"): lbl or ""}
                                           for r, t, lbl in parsed.rows]), hide_index=True, width="stretch")
                approve_now = st.checkbox(_("Godkend forslagene med det samme"), value=True)
                if st.button(_("Importér {n} forslag").format(n=len(parsed.rows)), type="primary"):
                    n = attempt(imports.import_drafts, store, actor, event.id, parsed, approve_now,
                                done=_("{n} forslag er importeret.").format(n=len(parsed.rows)))
                    if n is not FAILED:
                        st.session_state["draft_upload_n"] = st.session_state.get("draft_upload_n", 0) + 1
                        changed()

# -- personal QR cards -------------------------------------------------------------------------
def make_cards(specs: list[tuple[str, str | None, int | None]], done: str | None = None,
               form: str | None = None) -> None:
    """Issue the cards; from an ordering ``form``, the same order twice in a row is refused."""
    bar = st.progress(0.0, text=_("Laver {n} kort …").format(n=len(specs)))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=_("Laver kort: {done} af {total}").format(done=done, total=total))

    if form:
        tokens = submit(form, participants.generate_tokens, store, actor, event.id, specs, progress=progress,
                        values=(event.id, tuple(specs)))
    else:
        tokens = attempt(participants.generate_tokens, store, actor, event.id, specs, progress=progress)
    if tokens is not FAILED:
        st.session_state["new_card_tokens"] = {"event": event.id, "tokens": tokens}
        st.session_state.pop("cards_pdf", None)
        flash(done or _("{n} personlige kort er lavet. Hent dem som PDF nedenfor.").format(n=len(tokens)))
        changed()


def card_pdf_section(key: str, chosen: list[cards.Card], label: str) -> None:
    stored = st.session_state.get("cards_pdf")
    if stored and stored["key"] == key:
        pages = -(-len(chosen) // cards.CARDS_PER_PAGE)
        label = (_("Hent PDF (1 kort, 1 side)") if len(chosen) == 1 else
                 _("Hent PDF ({n} kort, 1 side)") if pages == 1 else _("Hent PDF ({n} kort, {pages} sider)"))
        st.download_button(label.format(n=len(chosen), pages=pages), stored["data"],
            file_name=f"deltagerkort-{event.code}.pdf", mime="application/pdf", type="primary",
            icon=":material/download:", on_click="ignore", key=f"download_{key}")
    elif st.button(label, key=f"build_{key}", disabled=not chosen):
        bar = st.progress(0.0, text=_("Laver PDF …"))
        data = cards.cards_pdf(event.title, join_url(event.code), chosen, group_labels=GROUP_LABELS,
                               progress=lambda done, total: bar.progress(
                                   done / total, text=_("Laver PDF: {done} af {total} kort").format(
                                       done=done, total=total)))
        st.session_state["cards_pdf"] = {"key": key, "data": data}
        st.rerun()


with tabs[8]:
    if event.join_mode == "open":
        st.info(_("Begivenheden er åben: deltagerne kan tilmelde sig selv med storskærmens QR-kode. Personlige "
                  "kort er til dage, hvor gruppe, kommune og bord skal ligge fast. Skift under 'Begivenhed'."))
    unit_names = content["units"]
    st.subheader(_("Lav personlige kort"))
    how = st.radio(_("Angiv kortene"), ["table", "file"], horizontal=True, key="card_input",
                   format_func={"table": _("Antal pr. kommune og gruppe"), "file": _("Fra en fil (CSV/XLSX)")}.get)
    if how == "table":
        order = pd.DataFrame({"unit": unit_names, "table": [None] * len(unit_names),
                              **{g: [0] * len(unit_names) for g in GROUPS}})
        with st.form(form_key("card_order")):
            st.caption(_("Skriv antal kort pr. kommune/organisation og gruppe. Bordnummer er valgfrit; tilføj en "
                         "række pr. bord, hvis samme kommune sidder ved flere borde."))
            edited = st.data_editor(
                order, num_rows="dynamic", hide_index=True, key="editor_" + form_key("card_order"),
                column_config={
                    "unit": st.column_config.SelectboxColumn(_("Kommune/organisation"), options=unit_names,
                                                             required=True, width="medium"),
                    "table": st.column_config.NumberColumn(_("Bord"), min_value=1, max_value=999, step=1),
                    **{g: st.column_config.NumberColumn(GROUP_LABELS[g], min_value=0, max_value=500, step=1)
                       for g in GROUPS}})
            if st.form_submit_button(_("Lav kortene"), type="primary"):
                specs = []
                for r in edited.to_dict("records"):
                    for g in GROUPS:
                        n = r.get(g)
                        if pd.notna(n) and int(n) > 0:
                            table = int(r["table"]) if pd.notna(r.get("table")) else None
                            unit = r["unit"] if isinstance(r.get("unit"), str) else None
                            specs += [(g, unit, table)] * int(n)
                if not specs:
                    st.error(_("Skriv mindst ét antal større end 0."), icon=":material/warning:")
                elif len(specs) > imports.MAX_CARDS:
                    st.error(_("Du har bestilt {n} kort; højst {max} ad gangen.").format(
                        n=len(specs), max=imports.MAX_CARDS), icon=":material/warning:")
                else:
                    make_cards(specs, form="card_order")
    else:
        st.caption(_("Kolonner: 'gruppe' (politiker, embedsmand, brugerorganisation eller andet), 'kommune', "
                     "'bord' (valgfri) og 'antal' (valgfri, ellers 1)."))
        order_key = f"card_upload_{st.session_state.get('card_upload_n', 0)}"
        order_file = st.file_uploader(_("Fil med kortbestilling"), type=["csv", "xlsx", "txt"], key=order_key,
                                      max_upload_size=2)
        if order_file is not None:
            specs = attempt(imports.parse_card_order, order_file.getvalue(), order_file.name, unit_names)
            if specs is not FAILED:
                per_group = Counter(g for g, _u, _t in specs)
                st.info(_("{n} kort: {groups}.").format(n=len(specs), groups=", ".join(
                    f"{GROUP_LABELS[g]} {per_group[g]}" for g in GROUPS if per_group[g])))
                if st.button(_("Lav {n} kort").format(n=len(specs)), type="primary"):
                    st.session_state["card_upload_n"] = st.session_state.get("card_upload_n", 0) + 1
                    make_cards(specs)

    issued = participants.preset_tokens(store, event.id)
    numbered = [cards.Card(tok, grp, unit, table, n) for n, (tok, grp, unit, table, _r) in enumerate(issued, 1)]
    revoked = {tok for tok, *_rest, r in issued if r}
    active = [c for c in numbered if c.token not in revoked]
    st.subheader(_("Udskriv kort"))
    address_notice(public_address(), event.code)
    new = st.session_state.get("new_card_tokens")
    if new and new["event"] == event.id:
        fresh = set(new["tokens"])
        chosen_new = [c for c in active if c.token in fresh]
        card_pdf_section(f"new-{event.id}-{len(chosen_new)}", chosen_new,
                         _("Lav PDF med de {n} nye kort").format(n=len(chosen_new)))
    card_pdf_section(f"all-{event.id}-{len(active)}", active,
                     _("Lav PDF med alle {n} aktive kort").format(n=len(active)))
    st.caption(_("A4, otte kort pr. side med stiplede klippelinjer. Hvert kort har et nummer, så et mistet kort "
                 "kan findes og spærres nedenfor."))

    st.subheader(_("Udstedte kort ({n})").format(n=len(numbered)))
    if numbered:
        st.dataframe(pd.DataFrame([{
            _("Kort"): c.number, _("Gruppe"): GROUP_LABELS.get(c.grp, c.grp), _("Kommune/organisation"): c.unit or "",
            _("Bord"): c.table_no, _("Status"): _("spærret") if c.token in revoked else _("aktiv"),
            _("Kode"): c.token[:6] + "…"} for c in numbered]), hide_index=True, width="stretch", height=260)
        with st.form("revoke"):
            st.markdown("**" + _("Spær et kort") + "**")
            st.caption(_("Et mistet eller forkert kort kan spærres: telefonen, der brugte det, kan ikke længere "
                         "svare. Svar, der allerede er givet, bliver stående."))
            pick = st.selectbox(_("Kort"), active, index=None, placeholder=_("Vælg kortnummer"),
                                format_func=lambda c: " · ".join(str(x) for x in (
                                    _("Kort {n}").format(n=c.number), GROUP_LABELS.get(c.grp, c.grp), c.unit,
                                    _("bord {t}").format(t=c.table_no) if c.table_no else None) if x))
            replace = st.checkbox(_("Lav et nyt kort med samme gruppe, kommune og bord"), value=True)
            if st.form_submit_button(_("Spær kortet")):
                if pick is None:
                    st.error(_("Vælg det kort, der skal spærres."), icon=":material/warning:")
                elif attempt(participants.revoke, store, actor, event.id, pick.token,
                             done=_("Kort {n} er spærret.").format(n=pick.number)) is not FAILED:
                    if replace:
                        make_cards([(pick.grp, pick.unit, pick.table_no)],
                                   done=_("Kort {n} er spærret, og et nyt kort er lavet i stedet. Hent det som PDF "
                                          "nedenfor.").format(n=pick.number))
                    changed()
