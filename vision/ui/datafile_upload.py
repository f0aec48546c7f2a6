"""The secretariat's editing of a data file from the app: download, upload, revert.

Shared by the timeline and the governance map. A file is validated before it is
stored; on any error nothing is replaced and the message names file, line and field.
"""

from __future__ import annotations

import streamlit as st

from vision import processes as proc
from vision.datafiles import DataFileError
from vision.i18n import N_
from vision.ui.auth import has_role
from vision.ui.i18n import _


# Per kind of data file: the section's heading, the upload's label, the message once saved.
TEXTS = {
    "governance": (N_("Ret styringsfilerne"), N_("Upload en rettet styringsfil (YAML)"),
                   N_("Filen er kontrolleret og gemt. Styringskortet bruger den nu:")),
    "processes": (N_("Ret procesfilerne"), N_("Upload en rettet procesfil (YAML)"),
                  N_("Filen er kontrolleret og gemt. Tidslinjen bruger den nu:")),
}


def secretariat_upload(kind: str, loaded: list[proc.Loaded]) -> None:
    """The upload section for this kind of data file, shown to the secretariat only."""
    if has_role("secretariat"):
        heading, label, saved = TEXTS[kind]
        upload_section(kind, loaded, heading=_(heading), upload_label=_(label), saved_msg=_(saved))


def source_notes(source: str | None, uploaded: bool) -> None:
    """Where the shown file's facts come from, and whether the secretariat uploaded it."""
    if source:
        st.caption(f"{_('Kilde')}: {source}")
    if uploaded:
        st.caption(_("Vises fra en fil uploadet af sekretariatet."))


def is_phone_view() -> bool:
    """Phone-sized drawing by default on a phone; ``?visning=telefon|storskaerm`` decides."""
    view = st.query_params.get("visning")
    if view in ("telefon", "storskaerm"):
        return view == "telefon"
    try:
        ua = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # no request context (tests)
        ua = ""
    return any(k in ua for k in ("Mobi", "Android", "iPhone", "iPad"))


def handle_upload(kind: str, uploaded, saved_msg: str) -> None:
    """Validate and store an uploaded file; only for the secretariat."""
    if not has_role("secretariat"):
        st.error(_("Kun sekretariatet kan uploade filer."))
        return
    try:
        model = proc.save_upload(kind, uploaded.name, uploaded.getvalue())
    except DataFileError as exc:
        st.error(_("Filen blev ikke gemt, og intet er ændret.") + "\n\n" + str(exc))
        return
    st.success(saved_msg + f" {model.title}")


def handle_revert(kind: str, file_id: str) -> None:
    if not has_role("secretariat"):
        return
    if proc.revert_upload(kind, file_id):
        st.toast(_("Standardfilen er gendannet."))


def upload_section(kind: str, loaded: list[proc.Loaded], *, heading: str, upload_label: str,
                   saved_msg: str) -> None:
    st.divider()
    st.subheader(heading)
    st.caption(_("Hent filen for jeres region, ret den, og upload den igen. Filen kontrolleres, "
                 "før den gemmes; ved fejl ændres intet. Formatet er beskrevet i "
                 "docs/processes.md."))
    for item in loaded:
        cols = st.columns([3, 2, 2])
        status = _("uploadet version") if item.uploaded else _("standardfil")
        cols[0].markdown(f"**{item.model.title}**  \n`{item.id}.yaml` · {status}")
        cols[1].download_button(_("Hent filen"), data=item.path.read_bytes(),
                                file_name=f"{item.id}.yaml", mime="application/x-yaml",
                                key=f"dl_{kind}_{item.id}")
        if item.uploaded:
            cols[2].button(_("Gendan standardfilen"), key=f"revert_{kind}_{item.id}",
                           on_click=handle_revert, args=(kind, item.id))
        if item.upload_error:
            st.warning(_("Den uploadede fil kan ikke bruges; standardfilen vises:") + " "
                       + item.upload_error)
    with st.form(f"upload_{kind}", clear_on_submit=True):
        uploaded = st.file_uploader(upload_label, type=["yaml", "yml"])
        submitted = st.form_submit_button(_("Kontrollér og gem"))
    if submitted:
        if uploaded is None:
            st.error(_("Vælg en fil først."))
        else:
            handle_upload(kind, uploaded, saved_msg)
