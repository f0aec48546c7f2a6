"""Visionsdag: entry point. Decides which pages this visitor may see.

* A phone that arrives with ``?e=CODE`` (the QR code) is a participant: it sees the
  participant page only, with no menu and no other page's name.
* Anyone else sees the public pages (home, timeline, governance map) and the login.
* Logged-in organisers, secretariat staff and admins see their pages too. A page
  that is not in this visitor's list does not run for them, also by URL: its address
  shows a Danish prompt to log in instead (``gate``), not "Page not found".

URL paths are the page files' names: Streamlit's first message to a browser lists
the files in pages/, and a path that is not among them shows "Page not found".
"""

from __future__ import annotations

import streamlit as st

from vision import config
from vision.i18n import LANGUAGES
from vision.ui import style
from vision.ui.auth import has_role, require_role
from vision.ui.i18n import _, current_language

# An emoji icon is drawn in the page itself (a data: URL); a ":material/…:" icon would be
# fetched from Google's font server by every phone, telling it who was at the event.
st.set_page_config(page_title="Visionsdag", page_icon="🗳️", layout="centered", initial_sidebar_state="auto")

style.base()
cfg = config.load()
problems = cfg.problems()
if problems:
    for p in problems:
        st.error(p)
    st.stop()

params = st.query_params
participant_visit = "e" in params or "t" in params

if participant_visit:
    vote = st.Page("pages/vote.py", title=_("Deltag"), icon=":material/how_to_vote:", default=True)
    privacy = st.Page("pages/privacy.py", title=_("Privatlivserklæring"), icon=":material/shield_person:")
    try:
        st.navigation([vote, privacy], position="hidden").run()
    finally:  # after the page, so that a page's first element is its own
        style.page_language(current_language())
elif "h" in params:  # a body answering a consultation through its own link
    answer = st.Page("pages/answer.py", title=_("Høringssvar"), icon=":material/edit_note:", default=True)
    try:
        st.navigation([answer], position="hidden").run()
    finally:
        style.page_language(current_language())
else:
    from vision.ui.login import finish_login, restore_from_cookie

    restore_from_cookie()
    home = st.Page("pages/home.py", title=_("Forside"), icon=":material/home:", default=True)
    public = [
        home,
        st.Page("pages/timeline.py", title=_("Tidslinje"), icon=":material/event:"),
        st.Page("pages/governance.py", title=_("Styringskort"), icon=":material/account_tree:"),
        st.Page("pages/privacy.py", title=_("Privatlivserklæring"), icon=":material/shield_person:"),
        st.Page("pages/accessibility.py", title=_("Tilgængelighed"), icon=":material/accessibility:"),
    ]
    staff: list = []
    if has_role("organiser"):
        staff += [
            st.Page("pages/control.py", title=_("Styr dagen"), icon=":material/tune:"),
            st.Page("pages/projector.py", title=_("Storskærm"), icon=":material/tv:"),
            st.Page("pages/setup.py", title=_("Opsætning"), icon=":material/settings:"),
        ]
    if has_role("organiser", "secretariat"):
        staff.append(st.Page("pages/consultation.py", title=_("Høring før dagen"), icon=":material/forum:"))
    if has_role("secretariat"):
        staff.append(st.Page("pages/review.py", title=_("Analyse og eksport"), icon=":material/analytics:"))
        staff.append(st.Page("pages/process.py", title=_("Processen i dag"), icon=":material/checklist:"))
    if has_role("admin"):
        staff.append(st.Page("pages/admin.py", title=_("Brugere og data"), icon=":material/group:"))
    # A staff page this visitor may not see keeps its address, but only shows why and where
    # to log in (require_role stops the run); the page itself is never run for them.
    gates = [st.Page(lambda role=role: require_role(role), title=_("Log ind"), icon=":material/lock:",
                     url_path=path)
             for path, role in (("control", "organiser"), ("projector", "organiser"), ("setup", "organiser"),
                                ("review", "secretariat"), ("consultation", "secretariat"),
                                ("process", "secretariat"), ("admin", "admin"))
             if path not in {p.url_path for p in staff}]
    account = st.Page("pages/account.py", title=_("Log ud") if st.session_state.get("role") else _("Log ind"),
                      icon=":material/key:")
    pages = public + staff + [account]
    current = st.navigation(pages + gates, position="hidden")
    if current.url_path != "projector":
        with st.sidebar:
            st.markdown(f"### {_('Visionsdag')}")
            for page in pages:
                st.page_link(page)
            choice = st.selectbox(_("Sprog"), list(LANGUAGES), index=list(LANGUAGES).index(current_language()),
                                  format_func=LANGUAGES.get, key="lang_choice")
            if choice != current_language():
                st.session_state["lang"] = choice
                st.rerun()
    try:
        current.run()
    finally:  # after the page, so that a page's first element is its own
        style.page_language(current_language())
        finish_login()          # the cookie of a login just made, until the browser has it
