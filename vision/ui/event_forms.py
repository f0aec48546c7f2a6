"""Set-up's forms for an event's own fields: a new event (blank or copied) and the event tab."""

from __future__ import annotations

import datetime as dt
from typing import Callable

import streamlit as st

from vision import events
from vision.criteria import municipalities
from vision.model import Event
from vision.ui.actions import FAILED, attempt, flash
from vision.ui.i18n import _, current_language


def _fields(event: Event | None) -> dict:
    """The widgets of an event's fields (inside a form); their values by field name."""
    regions = municipalities().regions
    names = list(regions)
    c1, c2, c3 = st.columns(3)
    out = {
        "event_date": c1.date_input(_("Dato"), value=event.event_date if event else None, format="DD.MM.YYYY"),
        "place": c2.text_input(_("Sted"), value=(event.place or "") if event else "", max_chars=200),
        "region": c3.selectbox(_("Region"), names, index=names.index(event.region) if event and event.region in names
                               else 0, format_func=lambda r: regions[r].name,
                               help=_("Regionens kommuner, regionsrådet og brugerorganisationerne bliver "
                                      "standardlisten, deltagerne vælger fra.")),
    }
    out["description"] = st.text_area(_("Beskrivelse"), value=(event.description or "") if event else "",
                                      height=90, max_chars=2000,
                                      help=_("Vises for deltagerne, når de kommer ind."))
    c1, c2 = st.columns(2)
    join_modes = {"open": _("Åben: deltagerne scanner storskærmens QR-kode og vælger selv gruppe og kommune"),
                  "tokens": _("Personlige QR-kort: gruppe, kommune og bord er sat på forhånd")}
    out["join_mode"] = c1.radio(_("Sådan kommer deltagerne ind"), list(join_modes),
                                index=list(join_modes).index(event.join_mode) if event else 0,
                                format_func=join_modes.get)
    focus_modes = {"points": _("Fordel point"), "rank": _("Rangordn")}
    out["focus_mode"] = c2.radio(_("Prioritering af fokusområder"), list(focus_modes),
                                 index=list(focus_modes).index(event.focus_mode) if event else 0,
                                 format_func=focus_modes.get, horizontal=True)
    out["focus_points"] = c2.number_input(_("Point pr. deltager (ved fordeling af point)"), min_value=1,
                                          max_value=100, value=event.focus_points if event else 10, step=1)
    out["min_group_size"] = c2.number_input(
        _("Mindste gruppestørrelse i resultater"), min_value=1, max_value=50,
        value=event.min_group_size if event else 3, step=1,
        help=_("En gruppe med færre deltagere vises ikke for sig, så ingen enkelts svar kan ses."))
    return out


def _warn_if_past(event_date: dt.date | None) -> None:
    warning = events.date_warning(event_date, dt.date.today())
    if warning is not None:
        flash(warning.text(current_language()), "warning")


def new_event_section(store, actor: str, all_events: list[Event], open_event: Callable[[str], None]) -> None:
    with st.expander(_("Ny begivenhed"), expanded=not all_events, icon=":material/add_circle:"):
        blank_tab, copy_tab = st.tabs([_("Opret en ny"), _("Kopiér en tidligere som skabelon")])
        with blank_tab, st.form("new_event"):
            c1, c2 = st.columns([1, 3])
            code = c1.text_input(_("Kode"), max_chars=16, placeholder="VISION26",
                                 help=_("3-16 store bogstaver eller tal. Deltagerne kan skrive koden på forsiden."))
            title = c2.text_input(_("Titel"), max_chars=200, placeholder=_("Visionsdag – Nordjysk Socialaftale"))
            fields = _fields(None)
            if st.form_submit_button(_("Opret begivenheden"), type="primary"):
                new_code = code.strip().upper()
                new_id = attempt(events.create_event, store, actor, code=code, title=title, require_date=True,
                                 **{**fields, "focus_points": int(fields["focus_points"]),
                                    "min_group_size": int(fields["min_group_size"])},
                                 done=_("Begivenheden {code} er oprettet med de ni kriterier, regionens kommuner "
                                        "og en runde af hver slags. Tilføj program, paradokser, fokusområder og "
                                        "forslag nedenfor.").format(code=new_code))
                if new_id is not FAILED:
                    _warn_if_past(fields["event_date"])
                    open_event(new_code)
        with copy_tab:
            if not all_events:
                st.info(_("Der er ingen tidligere begivenheder at kopiere."))
                return
            titles = {e.code: e.title for e in all_events}
            with st.form("copy_event"):
                template = st.selectbox(_("Skabelon"), [e.code for e in all_events],
                                        format_func=lambda c: f"{c} – {titles[c]}")
                c1, c2, c3 = st.columns([1, 3, 1])
                new_code = c1.text_input(_("Ny kode"), max_chars=16)
                new_title = c2.text_input(_("Ny titel"), max_chars=200, help=_("Tom: samme titel som skabelonen."))
                new_date = c3.date_input(_("Ny dato"), value=None, format="DD.MM.YYYY")
                st.caption(_("Kopien får skabelonens program, kommuner, kriterier, paradokser, fokusområder, "
                             "godkendte forslag og runder – men ingen deltagere eller svar."))
                if st.form_submit_button(_("Kopiér"), type="primary"):
                    if attempt(events.copy_event, store, actor, template, new_code, new_title.strip(), new_date,
                               done=_("{code} er oprettet som kopi af {template}.").format(
                                   code=new_code.strip().upper(), template=template)) is not FAILED:
                        _warn_if_past(new_date)
                        open_event(new_code.strip().upper())


def event_fields_form(store, actor: str, event: Event, changed: Callable[[], None]) -> None:
    with st.form("event_fields"):
        title = st.text_input(_("Titel"), value=event.title, max_chars=200)
        fields = _fields(event)
        if st.form_submit_button(_("Gem"), type="primary"):
            saved = attempt(events.update_event, store, actor, event.id, title=title,
                            **{**fields, "focus_points": int(fields["focus_points"]),
                               "min_group_size": int(fields["min_group_size"])},
                            done=_("Begivenheden er gemt."))
            if saved is not FAILED:
                if fields["event_date"] != event.event_date:
                    _warn_if_past(fields["event_date"])
                changed()


def privacy_form(store, actor: str, event: Event, changed: Callable[[], None]) -> None:
    """The controller and contact the participants' privacy notice names, and its deletion dates."""
    facts = events.privacy_facts(store, event.id)
    with st.expander(_("Privatlivserklæring"), expanded=facts is None, icon=":material/shield_person:"):
        if facts is None:
            st.warning(_("Skriv, hvem der er dataansvarlig, før dagen. Deltagerne ser det i privatlivserklæringen, "
                         "ét tryk fra tilmeldingen."), icon=":material/warning:")
        with st.form("privacy"):
            controller = st.text_input(_("Dataansvarlig"), value=facts.controller if facts else "", max_chars=200,
                                       placeholder=_("fx Aalborg Kommune, Sekretariatet for Nordjysk Socialaftale"))
            c1, c2 = st.columns(2)
            contact = c1.text_input(_("Kontakt"), value=facts.contact if facts else "", max_chars=300,
                                    placeholder=_("e-mail eller telefon"))
            dpo = c2.text_input(_("Databeskyttelsesrådgiver (valgfri)"),
                                value=(facts.dpo_contact or "") if facts else "", max_chars=300)
            c1, c2 = st.columns(2)
            token_days = c1.number_input(_("Deltagerkoder slettes senest (dage efter dagen)"), min_value=1,
                                         max_value=365, step=1, value=facts.token_days if facts else events.TOKEN_DAYS)
            retention = c2.number_input(_("Svarene slettes senest (dage efter dagen)"), min_value=1, max_value=3650,
                                        step=1, value=facts.retention_days if facts else 365)
            if st.form_submit_button(_("Gem privatlivserklæringen"), type="primary"):
                if attempt(events.set_privacy, store, actor, event.id, controller=controller, contact=contact,
                           dpo_contact=dpo, token_days=int(token_days), retention_days=int(retention),
                           done=_("Privatlivserklæringen er gemt.")) is not FAILED:
                    changed()
        st.markdown(f"[{_('Se privatlivserklæringen, som deltagerne ser den')}](/privacy?e={event.code})")
