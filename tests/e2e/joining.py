"""Joining on a phone, as a participant does: the QR link's plain form (group, municipality,
table), "Deltag", then the phone's own page (Streamlit)."""

from __future__ import annotations

from tests.e2e.conftest import wait_for_app


def fill_join_form(page, url: str, code: str = "TEMA17", group: str = "Politiker", unit: str = "Aalborg",
                   table: str | None = None) -> None:
    """Open ``/?e=CODE`` and fill the form in, without sending it."""
    page.goto(f"{url}/?e={code}")
    page.get_by_label(group, exact=True).check()
    page.get_by_label("Kommune eller organisation").select_option(unit)
    if table is not None:
        page.get_by_label("Dit bord").select_option(label=table)


def join(page, url: str, code: str = "TEMA17", group: str = "Politiker", unit: str = "Aalborg",
         table: str | None = None) -> str:
    """Join and wait for the phone's own page; its token."""
    fill_join_form(page, url, code, group, unit, table)
    page.get_by_role("button", name="Deltag").click()
    page.wait_for_url("**t=*")
    wait_for_app(page)
    return page.url.split("t=")[1].split("&")[0]
