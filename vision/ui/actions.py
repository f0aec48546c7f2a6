"""Running an organiser's action from a page: the result, or its Danish error shown; and a
confirmation shown once after the rerun that follows a change."""

from __future__ import annotations

import streamlit as st

from vision.errors import UserError
from vision.ui.runtime import show_error
from vision.ui.text import md_literal

FLASH_KEY = "setup_flash"
FAILED = object()


def flash(message: str, kind: str = "success") -> None:
    """A message shown once, after the rerun that follows a change (``success`` or ``warning``)."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        if kind == "warning":
            st.warning(message, icon=":material/warning:")
        else:
            st.success(message, icon=":material/check_circle:")


def attempt(fn, *args, done: str | None = None, **kwargs):
    """Run a domain action: its result, or FAILED after showing its Danish error(s)."""
    try:
        result = fn(*args, **kwargs)
    except UserError as err:
        show_error(err)
        for problem in getattr(err, "problems", []):
            show_error(problem)
        return FAILED
    if done:
        flash(done)
    return result


# -- forms that cannot double-submit ---------------------------------------------------------
# A form that adds something gets a fresh key after each save, so it is empty again (and a
# click queued on the old form finds no button); on an error the key stays and nothing
# typed is lost. An identical second submit of what was just saved is refused with a message.
def form_key(name: str) -> str:
    return f"{name}_{st.session_state.get(f'_form_n_{name}', 0)}"


def submit(name: str, fn, *args, values, done: str | None = None, **kwargs):
    """:func:`attempt` for an adding form: refuses the same ``values`` twice in a row, and
    clears the form after it has saved."""
    from vision.ui.i18n import _

    last = f"_form_last_{name}"
    if st.session_state.get(last) == values:
        st.error(_("Det er allerede gemt. Ret i formularen, hvis du vil tilføje en mere."),
                 icon=":material/error:")
        return FAILED
    result = attempt(fn, *args, done=done, **kwargs)
    if result is not FAILED:
        st.session_state[last] = values
        st.session_state[f"_form_n_{name}"] = st.session_state.get(f"_form_n_{name}", 0) + 1
    return result


def report_grid(saved, done: str) -> None:
    """After a grid editor saved: ``done``, then each row left out and why (shown once)."""
    from vision.ui.i18n import _, current_language

    if saved.blank:
        done += " " + (_("1 tom række er sprunget over.") if saved.blank == 1 else
                       _("{n} tomme rækker er sprunget over.").format(n=saved.blank))
    flash(done)
    if saved.ignored:
        lines = "\n".join(f"- {md_literal(err.text(current_language()))}" for err in saved.ignored)
        flash(_("Disse rækker er ikke gemt – ret dem og gem igen:") + "\n" + lines, "warning")
