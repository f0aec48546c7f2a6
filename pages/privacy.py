"""Privatlivserklæring: how a vision day treats a participant's answers (GDPR art. 13).

Public, one tap from the join screen and from the phone's own page (``/privacy?e=CODE``), so a
participant who came by a personal QR card has it too. The controller and contact are set per
event on set-up; the dates follow from the day's date; the legal basis is the public-authority
task, which the controller confirms.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from vision import events
from vision.errors import UserError
from vision.i18n import DEFAULT_LANGUAGE
from vision.events.privacy_notice import LEGAL_BASIS
from vision.ui import style
from vision.ui.text import contact_md, md_literal
from vision.ui.i18n import _, current_language
from vision.ui.runtime import get_store, show_error

style.phone()
code = (st.query_params.get("e") or "").strip().upper()
token = (st.query_params.get("t") or "").strip()

st.title(_("Privatlivserklæring"))
notice = None
if code:
    try:
        notice = events.privacy_notice(get_store(), code)
    except UserError as err:
        show_error(err)
if notice is not None:
    back = "/?" + urlencode({"e": notice.event.code} | ({"t": token} if token else {})
                            | ({"lang": current_language()} if current_language() != DEFAULT_LANGUAGE else {}))
    st.markdown(f"[{_('Tilbage til deltagelse')}]({back})")
    st.caption(md_literal(notice.event.title))


def fmt(day) -> str:
    return day.strftime("%d.%m.%Y")


facts = notice.facts if notice else None
st.subheader(_("Hvem er dataansvarlig?"))
if facts:
    st.markdown(md_literal(facts.controller) + "  \n" + _("Kontakt: {contact}").format(contact=contact_md(facts.contact)))
    if facts.dpo_contact:
        st.markdown(_("Databeskyttelsesrådgiver: {contact}").format(contact=contact_md(facts.dpo_contact)))
elif notice is not None:
    st.warning(_("Arrangøren har endnu ikke oplyst, hvem der er dataansvarlig for denne dag. Spørg arrangøren, "
                 "før du svarer."), icon=":material/warning:")
else:
    st.write(_("Den dataansvarlige er den kommune, region eller det sekretariat, der holder dagen. Åbn denne side "
               "fra linket på din deltagerside for at se, hvem det er, og hvordan du kontakter dem."))

st.subheader(_("Hvad bruger vi dine svar til?"))
st.write(_("Til at forberede rammeaftalen for det specialiserede socialområde: politikere, embedsmænd og "
           "brugerorganisationer vurderer visionen, paradokserne og fokusområderne. Resultaterne vises på "
           "storskærmen og bruges af sekretariatet, opdelt på gruppe og kommune, til udkastet og til politiske "
           "sagsfremstillinger."))

# GDPR art. 13(1)(c): the legal basis, which the controller named above confirms for its day.
st.subheader(_("Hvorfor må vi behandle dine svar?"))
st.write(_(notice.legal_basis if notice else LEGAL_BASIS))
st.write(_("Den dataansvarlige bekræfter retsgrundlaget for dagen. Har du spørgsmål til det, så skriv til "
           "kontakten ovenfor."))

st.subheader(_("Hvad gemmer vi – og hvad ikke?"))
st.markdown("\n".join([
    "- " + _("Din gruppe (politiker, embedsmand, brugerorganisation eller andet) og din kommune eller "
             "organisation – og dit bordnummer, hvis du har et personligt QR-kort."),
    "- " + _("Dine svar: point, placeringer, prioriteringer, kommentarer og bordets forslag, og hvornår de er "
             "gemt."),
    "- " + _("En tilfældig deltagerkode i dit link, som forbinder din telefon med dine svar, så du kan rette dem."),
    "- " + _("Vi gemmer ikke dit navn, din e-mail eller dit telefonnummer, og vi gemmer ikke din IP-adresse "
             "sammen med dine svar."),
]))
minimum = notice.min_group_size if notice else 3
st.info(_("Dine svar er pseudonyme, ikke anonyme: de står ikke med dit navn, men en gruppe og en kommune kan "
          "pege på én person – fx den eneste politiker fra en lille kommune. Derfor viser resultater og "
          "eksport ingen gruppe med færre end {n} svar.").format(n=minimum), icon=":material/shield_person:")

st.subheader(_("Hvornår slettes det?"))
if notice is not None and notice.tokens_deleted_by:
    st.write(_("Deltagerkoderne – forbindelsen mellem telefonerne og svarene – slettes senest {tokens}. Derefter "
               "kan ingen, heller ikke du, finde eller ændre netop dine svar. Svarene gemmes uden "
               "deltagerkoder til arbejdet med rammeaftalen og slettes senest {deleted}.").format(
        tokens=fmt(notice.tokens_deleted_by), deleted=fmt(notice.deleted_by)))
else:
    days = facts.token_days if facts else events.TOKEN_DAYS
    st.write(_("Deltagerkoderne – forbindelsen mellem telefonerne og svarene – slettes senest {n} dage efter "
               "dagen. Svarene gemmes derefter uden deltagerkoder til arbejdet med rammeaftalen.").format(n=days))

st.subheader(_("Dine rettigheder"))
st.write(_("Du har ret til indsigt i de oplysninger, vi har om dig, og til at få dem rettet eller slettet, "
           "begrænset eller til at gøre indsigelse (databeskyttelsesforordningen artikel 15-21). Så længe din "
           "deltagerkode findes, kan vi finde dine svar ud fra den: skriv til kontakten ovenfor og oplys koden "
           "fra dit link eller kort. Du kan klage til Datatilsynet, www.datatilsynet.dk."))
