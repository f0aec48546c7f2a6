"""WCAG 2.1 AA in Chromium: axe on every page and its main states (the staff pages logged
in), the organiser's keyboard-only path, and reflow at 320 px. The audit table these feed
is docs/accessibility.md."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE_UA, login, wait_for_app, wait_until_settled
from tests.e2e.server import ADMIN, ORGANISER, SECRETARIAT

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
SERIOUS = {"serious", "critical"}
axe = Axe()


def _serious(page) -> list[str]:
    """axe's serious and critical violations on the page, one line each with where: once the
    page's runs are over (a stale, dimmed element fails the contrast check), and a moment
    more for Plotly's first layout and the fade back."""
    wait_until_settled(page)
    page.wait_for_timeout(1200)
    found = axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at " + "; ".join(
                " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                for n in v["nodes"][:4])
            for v in found if v["impact"] in SERIOUS]


def _context(browser, phone: bool):
    if phone:
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, user_agent=PHONE_UA, locale="da-DK")
    else:
        ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    return ctx, page


@pytest.fixture(scope="module")
def tab(browser, server_url):
    """``tab(kind)``: one tab per kind of visitor ("phone", "desktop", "narrow" at 320 px, or
    a staff login), kept for the module's checks; each check loads its page anew. A new tab
    is a new renderer process that parses Streamlit's scripts again, 2-3 s of CPU each."""
    made: dict = {}

    def get(kind):
        if kind not in made:
            if kind == "narrow" or kind[0] == "narrow":        # ("narrow", who): a staff login at 320 px
                ctx = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK",
                                          user_agent=PHONE_UA, is_mobile=True, has_touch=True)
                page = ctx.new_page()
                page.set_default_timeout(20_000)
                made[kind] = ctx, page
                if kind != "narrow":
                    login(page, server_url, kind[1])
            else:
                made[kind] = _context(browser, phone=kind == "phone")
                if kind not in ("phone", "desktop"):            # a staff member's (user, password)
                    login(made[kind][1], server_url, kind)
        return made[kind][1]

    yield get
    for ctx, _page in made.values():
        ctx.close()


def _visit(page, url: str, wait_text: str | None = None) -> None:
    page.goto(url)
    if wait_text:
        page.get_by_text(wait_text).first.wait_for(timeout=60_000)
    else:
        wait_for_app(page)


PUBLIC = [
    ("/", "Visionsdage"),
    ("/timeline?region=nordjylland", "Nordjysk Socialaftale 2021-2022"),
    ("/timeline?region=midtjylland", "Årshjul"),
    ("/governance?region=midtjylland", "Organ"),
    ("/accessibility", "Overholdelsesstatus"),
    ("/account", "Brugernavn"),
    ("/?e=VISION20", "Deltag"),
    ("/privacy", "Hvem er dataansvarlig?"),
    ("/privacy?e=VISION20", "Hvorfor må vi behandle dine svar?"),    # one tap from the phone's page
]


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
@pytest.mark.parametrize("path,wait_text", PUBLIC, ids=[p for p, _ in PUBLIC])
def test_public_pages_have_no_serious_axe_violations(tab, server_url, path, wait_text, phone):
    page = tab("phone" if phone else "desktop")
    _visit(page, server_url + path, wait_text)
    assert _serious(page) == []
    # WCAG 3.1.1: the page is Danish (Streamlit's own page says "en"); 3.1.2: so are the
    # names of Streamlit's own controls, such as its skip link.
    page.wait_for_function("document.documentElement.lang === 'da'", timeout=30_000)
    if page.locator("[data-testid=stApp]").count():      # the join form is the server's own page
        expect(page.get_by_role("link", name="Gå til hovedindholdet")).to_have_count(1)
    assert page.get_by_role("link", name="Skip to main content").count() == 0


def test_governance_with_a_body_selected(tab, server_url):
    page = tab("phone")
    _visit(page, server_url + "/governance?region=midtjylland", "Organ")
    page.get_by_role("combobox", name="Organ").click()
    page.get_by_role("option", name=re.compile("DASSOS")).first.click()
    page.get_by_text("Sammensætning").first.wait_for()
    assert _serious(page) == []


STAFF = [
    (ORGANISER, "/control?event=TEMA17", "Runder"),
    (ORGANISER, "/projector?event=TEMA17", None),
    (ORGANISER, "/setup?event=TEMA17", "Opsætning"),
    (SECRETARIAT, "/review?event=TEMA17", "Analyse"),
    (SECRETARIAT, "/process", "Registrér godkendelser"),
    (SECRETARIAT, "/consultation?event=VISION20", "Overblik"),
    (ADMIN, "/admin", "Sikkerhedskopi"),
]


@pytest.mark.parametrize("who,path,wait_text", STAFF, ids=[p.split("?")[0] for _, p, _ in STAFF])
def test_staff_pages_have_no_serious_axe_violations(tab, server_url, who, path, wait_text):
    page = tab(who)                 # logged in once per role, as staff stay logged in
    if "projector" in path:   # its first element is the hidden size report
        page.goto(server_url + path)
        page.locator("[data-testid=stMain] img, .js-plotly-plot").first.wait_for(timeout=60_000)
    else:
        _visit(page, server_url + path, wait_text)
    assert _serious(page) == []


# Buttons whose label does not fit: some element of it is wider inside than it shows (Streamlit
# cuts a long label with an ellipsis).
CUT_OFF = """() => [...document.querySelectorAll('[data-testid=stMain] button')].filter(b =>
  [b, ...b.querySelectorAll('*')].some(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
).map(b => b.innerText)"""


def test_no_button_label_is_cut_off_on_a_lectern_laptop(tab, server_url):
    """The control page on a 1366 px laptop: every round's buttons show their whole label
    ("Gentag runden", not "Genta…"); a row breaks onto a second line instead."""
    page = tab(ORGANISER)
    size = page.viewport_size
    page.set_viewport_size({"width": 1366, "height": 768})
    try:
        _visit(page, server_url + "/control?event=TEMA17", "Runder")
        page.locator("[class*='st-key-rep']").first.wait_for()
        assert page.evaluate(CUT_OFF) == []
    finally:
        page.set_viewport_size(size)


FOCUSED = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const s = getComputedStyle(e); const key = [...(e.closest('[class*="st-key-"]') || {classList: []}).classList]
    .find(c => c.startsWith('st-key-')) || '';
  return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(), key,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none'}; }"""


def _tab_to(page, key: str, limit: int = 120) -> dict:
    """Press Tab until the focus is in the element keyed ``key``; return what had focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now and now["key"] == f"st-key-{key}":
            return now
    raise AssertionError(f"{key} was not reached with Tab")


def test_organiser_runs_a_round_by_keyboard_alone_with_visible_focus(browser, server_url):
    ctx, page = _context(browser, phone=False)
    try:
        login(page, server_url, ORGANISER)
        _visit(page, server_url + "/control?event=VISION20", "Runder")
        ids = page.evaluate("() => [...document.querySelectorAll('[class*=\"st-key-open\"]')]"
                                ".map(e => [...e.classList].find(c => c.startsWith('st-key-open')).slice(11))")
        assert ids, "no round to open"
        rid = ids[0]
        focus = _tab_to(page, f"open{rid}")
        assert focus["outline"] or focus["shadow"], "the focused button shows no focus"
        page.keyboard.press("Enter")
        page.locator(f".st-key-close{rid}").wait_for()
        # The room's chart names every group in full beside its bars (it used to cut them to '…mand').
        chart = page.locator(".st-key-groups .js-plotly-plot")
        chart.wait_for(timeout=60_000)
        names = chart.evaluate("e => [...e.querySelectorAll('.ytick text')].map(t => t.textContent)")
        assert {"Politiker", "Embedsmand", "Brugerorganisation"} <= set(names), names
        box = chart.bounding_box()
        for t in chart.locator(".ytick text").all():
            b = t.bounding_box()
            assert b["x"] >= box["x"] - 0.5 and b["x"] + b["width"] <= box["x"] + box["width"] + 0.5
        page.evaluate("document.activeElement && document.activeElement.blur()")
        focus = _tab_to(page, f"rev{rid}")
        assert focus["outline"] or focus["shadow"]
        page.keyboard.press("Enter")
        page.locator(f".st-key-hide{rid}").wait_for()
        page.evaluate("document.activeElement && document.activeElement.blur()")
        _tab_to(page, f"close{rid}")
        page.keyboard.press("Enter")
        page.locator(f".st-key-open{rid}").wait_for()
    finally:
        ctx.close()


REFLOW = ["/", "/timeline?region=nordjylland", "/governance?region=midtjylland", "/accessibility", "/?e=VISION20",
          "/privacy", "/privacy?e=VISION20", "/process", "/consultation?event=VISION20"]
STAFF_REFLOW = {"/process": SECRETARIAT, "/consultation?event=VISION20": SECRETARIAT}     # logged in
# A data table keeps its columns and scrolls inside its own frame: two-dimensional content,
# which WCAG 1.4.10 excepts. Everything else must fit.
WIDEST = ("(root) => Math.max(...[...document.querySelectorAll(root + ' *')]"
          ".filter(e => e.getBoundingClientRect().width > 0 && !e.closest('[data-testid=stDataFrame]'))"
          ".map(e => e.getBoundingClientRect().right))")


@pytest.mark.parametrize("path", REFLOW)
def test_reflow_at_320_px_without_sideways_scrolling(tab, server_url, path):
    page = tab(("narrow", STAFF_REFLOW[path]) if path in STAFF_REFLOW else "narrow")
    if path.startswith("/?e="):                 # the join form: a plain page, no Streamlit
        _visit(page, server_url + path, "Deltag")
        root = "main"
    else:
        _visit(page, server_url + path)
        wait_until_settled(page)
        root = "[data-testid=stMain]"
        # Judge the charts as drawn: a badge 18 px past the edge passed while Plotly was still drawing.
        page.wait_for_function("[...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
                               ".every(c => c.querySelector('.main-svg .infolayer'))", timeout=30_000)
    # Charts take the width of their column once drawn: judge the page once it has settled.
    try:
        page.wait_for_function(f"document.documentElement.scrollWidth <= 320 && ({WIDEST})('{root}') <= 321",
                               timeout=15_000)
    except PlaywrightTimeout:
        pass
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    widest = page.evaluate(WIDEST, root)
    assert widest <= 321, f"something reaches {widest:.0f} px in a 320 px window"


def test_a_fresh_server_asked_first_for_a_staff_page_still_runs_the_app(browser, tmp_path):
    """After a restart, the first visitors may come straight to /account and /control (bookmarks,
    an organiser's reload). Those pages must still get the menu, the page-wide style and the
    page's language from app.py: without them the participant link in a caption fell to 2.96:1
    and the page said lang="en"."""
    from tests.e2e.server import StreamlitServer

    fresh = StreamlitServer(tmp_path)
    fresh.prepare()
    fresh.start()
    ctx, page = _context(browser, phone=False)
    try:
        login(page, fresh.url, ORGANISER)          # the server's first page is /account
        _visit(page, fresh.url + "/control?event=TEMA17", "Runder")
        page.wait_for_function("document.documentElement.lang === 'da'", timeout=30_000)
        assert page.locator("[data-testid=stSidebar] a").count() >= 4     # app.py's menu
        assert _serious(page) == []
    finally:
        ctx.close()
        fresh.stop()


def test_streamlits_own_names_follow_a_switch_of_language_in_place(tab, server_url):
    """Danish names for Streamlit's controls on a Danish page; a visitor who switches to
    English (the menu's "Sprog", no reload) gets Streamlit's English names back (WCAG 3.1.2)."""
    page = tab("desktop")
    _visit(page, server_url + "/timeline?region=nordjylland", "Nordjysk Socialaftale 2021-2022")
    expect(page.get_by_role("link", name="Gå til hovedindholdet")).to_have_count(1)
    page.get_by_role("combobox", name=re.compile("Sprog")).click()
    page.get_by_role("option", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    assert page.get_by_role("link", name="Gå til hovedindholdet").count() == 0
    page.get_by_role("combobox", name=re.compile("Language|Sprog")).click()
    page.get_by_role("option", name="Dansk").click()
    page.wait_for_function("document.documentElement.lang === 'da'", timeout=30_000)
    expect(page.get_by_role("link", name="Gå til hovedindholdet")).to_have_count(1)
