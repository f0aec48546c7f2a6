"""Admin page: logins, an online backup of the database, and the audit log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vision import backups, config, events, staff, users
from vision.errors import UserError
from vision.ui.auth import require_role
from vision.ui.i18n import _
from vision.ui.runtime import get_store, show_error

st.set_page_config(layout="wide")  # wide tables for set-up work on a laptop

require_role("admin")

store = get_store()
cfg = config.load()
me = st.session_state.get("username") or "admin"
ROLE_LABELS = {"organiser": _("Arrangør"), "secretariat": _("Sekretariat"), "admin": _("Administrator")}

st.title(_("Brugere og data"))
if "admin_flash" in st.session_state:
    st.success(st.session_state.pop("admin_flash"), icon=":material/check_circle:")


# -- users -------------------------------------------------------------------------------------
st.subheader(_("Brugere"))
st.caption(_("Arrangører sætter dage op og styrer dem; sekretariatet ser analyser og eksporterer; administratorer "
             "kan alt. Deltagere har ingen bruger."))
listed = users.list_users(cfg.credentials_path)
if listed:
    st.dataframe(pd.DataFrame([{_("Brugernavn"): u, _("Navn"): name,
                                _("Rolle"): ", ".join(ROLE_LABELS.get(r, r) for r in roles.split(",") if r)}
                               for u, name, roles in listed]), hide_index=True, width="stretch")
else:
    st.info(_("Der er ingen brugere endnu."))

left, right = st.columns(2)
with left, st.form("add_user", clear_on_submit=True):
    st.markdown("**" + _("Tilføj eller nulstil en bruger") + "**")
    username = st.text_input(_("Brugernavn"), max_chars=32, help=_("a-z, 0-9, punktum, bindestreg, understreg"))
    name = st.text_input(_("Navn"), max_chars=100)
    role = st.selectbox(_("Rolle"), list(ROLE_LABELS), format_func=ROLE_LABELS.get)
    password = st.text_input(_("Adgangskode (mindst {n} tegn)").format(n=users.MIN_PASSWORD), type="password")
    again = st.text_input(_("Gentag adgangskoden"), type="password")
    if st.form_submit_button(_("Gem brugeren"), type="primary"):
        clean = username.strip().lower()
        if password != again:
            st.error(_("Adgangskoderne er ikke ens."), icon=":material/warning:")
        else:
            try:
                existed = staff.save_user(store, me, cfg.credentials_path, username, password, role,
                                          name.strip() or None)
            except users.UserFileError as err:
                st.error(_(str(err)), icon=":material/warning:")
            else:
                st.session_state["admin_flash"] = (
                    _("Brugeren {user} er opdateret.") if existed else _("Brugeren {user} er oprettet.")
                ).format(user=clean)
                st.rerun()

with right, st.form("remove_user"):
    st.markdown("**" + _("Fjern en bruger") + "**")
    others = [u for u, _n, _r in listed if u != me]
    gone = st.selectbox(_("Bruger"), others, index=None, placeholder=_("Vælg en bruger"))
    st.caption(_("Du kan ikke fjerne dig selv. En fjernet bruger kan ikke logge ind igen."))
    if st.form_submit_button(_("Fjern brugeren")):
        if gone is None:
            st.error(_("Vælg den bruger, der skal fjernes."), icon=":material/warning:")
        else:
            try:
                removed = staff.remove_user(store, me, cfg.credentials_path, gone)
            except UserError as err:
                show_error(err)
            else:
                if not removed:
                    st.error(_("Brugeren {user} findes ikke (længere).").format(user=gone), icon=":material/warning:")
                else:
                    st.session_state["admin_flash"] = _("Brugeren {user} er fjernet.").format(user=gone)
                    st.rerun()

# -- backup ------------------------------------------------------------------------------------
st.subheader(_("Sikkerhedskopi"))
schedule = backups.schedule_of(store)
if schedule is not None:
    st.caption(_("Mens der gemmes, tager serveren selv en fuld kopi hvert {m}. minut og beholder de {k} nyeste. Du kan "
                 "også tage en nu. Kopierne ligger i {root} på serveren.").format(
        m=f"{cfg.backup_minutes:g}", k=cfg.backup_keep, root=cfg.backup_dir))
else:
    st.caption(_("Automatiske kopier er slået fra (VISIONSDAG_BACKUP_MINUTES=0). Kopierne ligger i {root} på "
                 "serveren.").format(root=cfg.backup_dir))
if schedule is not None and schedule.failed_at is not None:
    st.error(_("Den automatiske sikkerhedskopi mislykkedes kl. {time}; den prøves igen. Se serverens log.").format(
        time=schedule.failed_at.strftime("%H:%M:%S")), icon=":material/warning:")
if st.button(_("Tag en sikkerhedskopi nu"), type="primary"):
    try:
        with st.spinner(_("Skriver sikkerhedskopien …")):
            target = backups.backup_by_hand(store, me, cfg.backup_dir)
    except Exception as err:  # noqa: BLE001 - a disk or database problem, shown with its reason
        st.error(_("Sikkerhedskopien kunne ikke skrives til {path}: {reason}").format(path=cfg.backup_dir,
                                                                                      reason=err),
                 icon=":material/warning:")
    else:
        size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
        st.success(_("Sikkerhedskopien er skrevet til {path} ({kb} kB).").format(
            path=target.resolve(), kb=max(1, size // 1024)), icon=":material/check_circle:")
made = backups.list_backups(cfg.backup_dir)
if made:
    st.dataframe(pd.DataFrame([{_("Taget"): b.made, _("Slags"): _("automatisk") if b.automatic else _("manuel"),
                                _("Størrelse (kB)"): max(1, b.size // 1024), _("Mappe"): str(b.path)}
                               for b in made]), hide_index=True, width="stretch",
                 column_config={_("Taget"): st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm:ss")})
    st.caption(_("Gendan en kopi til en ny databasefil (serveren skal ikke stoppes for det): "
                 "make restore BACKUP={path}").format(path=made[0].path))
else:
    st.info(_("Der er ingen sikkerhedskopier endnu."))

# -- audit log ---------------------------------------------------------------------------------
st.subheader(_("Logbog"))
st.caption(_("Hvem har gjort hvad: oprettelser, ændringer, runder, kort og brugere. Stemmer logges ikke her."))
all_events = events.list_events(store)
codes = {e.id: e.code for e in all_events}
scope = st.selectbox(_("Vis"), [None, *codes], format_func=lambda i: _("Alle") if i is None else codes[i])
entries = events.audit_log(store, scope)
if entries:
    st.dataframe(pd.DataFrame([{_("Tid"): at, _("Hvem"): who, _("Handling"): action,
                                _("Begivenhed"): codes.get(eid, "") if eid else "", _("Detaljer"): detail or ""}
                               for at, who, action, eid, detail in entries]),
                 hide_index=True, width="stretch", height=420,
                 column_config={_("Tid"): st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm:ss")})
    st.caption(_("De seneste {n} hændelser.").format(n=len(entries)))
else:
    st.info(_("Logbogen er tom."))
