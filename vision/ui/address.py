"""The address the join links, QR codes and cards carry, shown on set-up with a warning
when phones cannot open it (the rule: :mod:`vision.public_address`)."""

from __future__ import annotations

import streamlit as st

from vision.public_address import SETTING, PublicAddress
from vision.ui.i18n import _


def address_notice(addr: PublicAddress, code: str) -> None:
    """The address the cards and QR codes carry, and a warning when phones cannot open it."""
    st.markdown(_("Kortene og QR-koderne fører til: {url}").format(url=f"`{addr.join_url(code)}`"))
    host = addr.base.split("://", 1)[-1]
    if addr.ignored:
        st.warning(_("{setting} er sat, men er ikke en gyldig adresse (den skal begynde med https:// eller "
                     "http://). Den bliver ikke brugt.").format(setting=SETTING), icon=":material/warning:")
    if not addr.reachable_by_phones:
        where = _("denne computer") if addr.host_kind == "local" else _("et privat netværk")
        st.warning(_("Siden er åbnet på {host} ({where}). Telefoner på mobilnettet kan ikke åbne den adresse, så "
                     "kort udskrevet nu virker ikke. Sæt indstillingen {setting} til serverens "
                     "offentlige adresse, fx https://visionsdag.example.dk, og genstart serveren, før du "
                     "udskriver kortene.").format(host=host, where=where, setting=SETTING), icon=":material/warning:")
