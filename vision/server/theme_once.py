"""The theme is read from the configuration once.

Every script run, a fragment's too, starts with a ``new_session`` message that carries
the app's theme, and Streamlit builds its six sections anew each time, each by reading
the whole configuration (``app_session._populate_theme_msg``). That was an eighth of
the event loop's work while a hall saved through script runs. The sections are now
built once and copied; a new reading of the configuration builds them again.
"""

from __future__ import annotations

import inspect

from vision.server.fence import Change

_theme_sections: dict[str, object] = {}


def build_the_theme_once() -> None:
    """Make Streamlit's new-session message copy each theme section built on first use,
    instead of reading the configuration for it on every script run."""
    from streamlit import config
    from streamlit.runtime import app_session
    original = app_session._populate_theme_msg
    if getattr(original, "visionsdag", False):
        return

    def populate(msg, section: str = "theme") -> None:
        built = _theme_sections.get(section)
        if built is None:
            built = type(msg)()
            original(built, section)
            _theme_sections[section] = built
        if built.ListFields():      # a section left empty stays unset, as Streamlit leaves it
            msg.MergeFrom(built)

    populate.visionsdag = True
    populate.original = original
    app_session._populate_theme_msg = populate
    config.on_config_parsed(_theme_sections.clear, force_connect=True)


def _check() -> list[str]:
    from streamlit.runtime import app_session
    params = list(inspect.signature(app_session._populate_theme_msg).parameters)
    return [] if params[:2] == ["msg", "section"] else [
        f"app_session._populate_theme_msg takes ({', '.join(params)}), not (msg, section)"]


CHANGE = Change(
    name="theme-once",
    what="the theme sections of the new-session message are built once",
    apply=build_the_theme_once,
    needs=("streamlit.runtime.app_session:_populate_theme_msg", "streamlit.config:on_config_parsed"),
    check=_check,
)
