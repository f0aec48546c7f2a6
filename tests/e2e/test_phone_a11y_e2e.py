"""The participant's phone in Chromium: every state passes axe (no serious or critical
finding) and reflows at 320 px; a chosen score shows where the keyboard is; drafts are not
headings; the municipality box cannot be emptied by one Tab and Enter; each paradox slider
is named by its paradox, and leaving it in the middle is asked about; points show a
running total. A staff page opened without a login asks, in Danish, to log in.
Screenshots of the phone's screens go to ``shots_dir()`` (docs/screenshots for ``make
screenshots``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, login, shots_dir, wait_for_app
from tests.e2e.joining import join as join_on_phone
from testkit.server import ORGANISER, StreamlitServer
from tests.e2e.test_vote_e2e import CRITERIA, form, join, pick, serious_violations, status
from vision import consultation as cons
from vision import events

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """TEMA17 with all four rounds open at once (one page shows every kind); VISION20 with its
    scoring round open and its focus round just closed."""
    def shape(store):
        ids = {}
        for code in ("TEMA17", "VISION20"):
            ev = events.get_event(store, code)
            ids[code] = {}
            for r in events.rounds(store, ev.id):   # the first of each kind: TEMA17's politicians' track
                ids[code].setdefault(r.kind, r.id)
            for rid in ids[code].values():
                events.open_round(store, "setup", ev.id, rid)
            if code == "VISION20":
                events.close_round(store, "setup", ev.id, ids[code]["focus"])
        ids["draft"] = events.drafts(store, events.get_event(store, "TEMA17").id)[0].id
        # VISION20's consultation open for another week: a body's own answer page.
        c = cons.for_event(store, events.get_event(store, "VISION20").id)
        cons.set_deadline(store, "setup", c, dt.date.today() + dt.timedelta(days=7))
        ids["body"] = cons.bodies(store, c)[0].token
        return ids

    server = StreamlitServer(tmp_path_factory.mktemp("phone-a11y"))
    ids = server.start_with(shape)
    yield server, ids
    server.stop()


def joined(page, url: str, code: str) -> None:
    join_on_phone(page, url, code)


def settled(page, round_id: int, draft_id: int) -> None:
    expect(form(page, round_id, draft_id).locator("fieldset.vd-crit")).to_have_count(len(CRITERIA), timeout=30_000)
    expect(status(page, round_id, draft_id)).not_to_be_empty(timeout=30_000)
    wait_for_app(page)


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_every_phone_state_passes_axe_and_reflows_at_320_px(server, page_phone):
    srv, ids = server
    phone = page_phone
    # The join form: a plain page, whole at 320 px, every control named and big enough to tap.
    phone.goto(f"{srv.url}/?e=TEMA17")
    assert serious_violations(phone) == []
    phone.screenshot(path=str(shots_dir() / "phone-join.png"), full_page=True)
    for control in (phone.get_by_label("Politiker", exact=True), phone.get_by_label("Kommune eller organisation"),
                    phone.get_by_label("Dit bord"), phone.get_by_role("button", name="Deltag")):
        expect(control).to_be_visible()
    for target in ("#unit", "#table", "button", ".choice"):                 # a thumb's size (WCAG 2.5.5)
        assert phone.locator(target).first.bounding_box()["height"] >= 44
    phone.set_viewport_size({"width": 320, "height": 800})
    fits(phone, 320)
    # "Deltag" without a group: the reason on top, what was chosen still chosen.
    phone.get_by_label("Kommune eller organisation").select_option("Aalborg")
    phone.get_by_role("button", name="Deltag").click()
    expect(phone.get_by_role("alert")).to_have_text("Vælg, hvilken gruppe du tilhører.")
    expect(phone.get_by_label("Kommune eller organisation")).to_have_value("Aalborg")
    assert "t=" not in phone.url and serious_violations(phone) == []
    phone.screenshot(path=str(shots_dir() / "phone-join-refused.png"), full_page=True)
    phone.set_viewport_size({"width": 390, "height": 844})

    joined(phone, srv.url, "TEMA17")
    t17 = ids["TEMA17"]
    settled(phone, t17["scoring"], ids["draft"])
    assert serious_violations(phone) == []
    phone.set_viewport_size({"width": 320, "height": 800})
    phone.wait_for_timeout(500)
    fits(phone, 320)
    assert serious_violations(phone) == []
    phone.set_viewport_size({"width": 390, "height": 844})

    # After a save, the receipt and the lower half of the form (axe checks contrast on screen only).
    pick(phone, t17["scoring"], ids["draft"], "retning", "3")
    form(phone, t17["scoring"], ids["draft"]).get_by_role("button", name="Gem svar på forslag 1").click()
    expect(status(phone, t17["scoring"], ids["draft"])).to_contain_text("Gemt kl.")
    phone.locator(f".st-key-round{t17['scoring']}").screenshot(path=str(shots_dir() / "phone-scoring.png"))
    for kind in ("paradox", "focus", "drafting"):
        phone.locator(f".st-key-round{t17[kind]}").scroll_into_view_if_needed()
        assert serious_violations(phone) == [], kind
    phone.locator(f".st-key-round{t17['paradox']}").screenshot(path=str(shots_dir() / "phone-paradox.png"))

    # VISION20: a round that has just closed, locked, beside the open one.
    joined(phone, srv.url, "VISION20")
    v20 = ids["VISION20"]
    lock = phone.locator(f".st-key-round{v20['focus']}")
    expect(lock.get_by_text("Runden lukkede kl.")).to_be_visible()
    expect(lock.get_by_role("button", name="Gem min prioritering")).to_have_count(0)   # nothing to save into it
    lock.scroll_into_view_if_needed()
    assert serious_violations(phone) == []
    fits(phone, 390)
    lock.screenshot(path=str(shots_dir() / "phone-closed.png"))


def test_keyboard_focus_shows_on_a_chosen_score_and_drafts_are_not_headings(server, page_phone):
    srv, ids = server
    phone = page_phone
    joined(phone, srv.url, "TEMA17")
    rid, did = ids["TEMA17"]["scoring"], ids["draft"]
    settled(phone, rid, did)
    pick(phone, rid, did, "retning", "4")
    chosen = form(phone, rid, did).locator("fieldset[data-criterion='retning'] input:checked")
    chosen.focus()
    chosen.press("ArrowRight")          # the keyboard moves the choice (and the focus) to 5
    chosen.press("ArrowLeft")           # and back to 4: a chosen option with keyboard focus
    ring = chosen.evaluate("""e => { const s = getComputedStyle(e.nextElementSibling);
        return {outline: s.outlineStyle, outlineColor: s.outlineColor, bg: s.backgroundColor,
                shadow: s.boxShadow, checked: e.checked, focused: e.getRootNode().activeElement === e}; }""")
    assert ring["checked"] and ring["focused"]
    assert ring["outline"] == "solid" and ring["outlineColor"] != ring["bg"], ring
    assert ring["shadow"] != "none", ring
    # The draft's words are a paragraph: no heading, no "link to heading" anchor to tab through.
    card = phone.locator(f".st-key-draft{rid}_{did}")
    assert card.locator("h1, h2, h3, h4, h5, h6").count() == 0
    assert phone.locator("[data-testid='stMain'] a[href^='#'], [data-testid='stHeaderActionElements']").count() == 0


def test_paradox_sliders_are_named_and_the_middle_must_be_chosen(server, page_phone):
    srv, ids = server
    phone = page_phone
    sent: list = []
    joined(phone, srv.url, "TEMA17")
    expect(phone.get_by_role("slider")).to_have_count(2, timeout=30_000)
    names = phone.get_by_role("slider").evaluate_all("els => els.map(e => e.getAttribute('aria-label') || '')")
    assert len(names) == 2 and len(set(names)) == 2, names
    assert names[0] == "Din placering: Nærhed OG højt specialiserede tilbud?"
    round_ = phone.locator(f".st-key-round{ids['TEMA17']['paradox']}")
    save = round_.get_by_role("button", name="Gem mine placeringer")
    save.click()
    expect(round_.get_by_text("Intet gemt endnu: du har ikke flyttet markøren")).to_be_visible(timeout=30_000)
    # WCAG 4.1.3: what a press did is read out where it appears: a refusal as an alert.
    expect(round_.get_by_role("alert").filter(has_text="Intet gemt endnu")).to_have_count(1)
    expect(round_.get_by_text("gemt: 0")).to_have_count(0)
    expect(round_.get_by_text("ikke besvaret")).to_have_count(2)
    # A slider moved saves at once; the one left in the middle needs the second press.
    slider = phone.get_by_role("slider", name="Din placering: Samarbejde OG kommunalt selvstyre")
    slider.focus()
    slider.press("ArrowLeft")
    wait_for_app(phone)
    save.click()
    expect(round_.get_by_text("ved »Nærhed OG højt specialiserede tilbud?«. Flyt", exact=False)).to_be_visible(
        timeout=30_000)
    wait_for_app(phone)
    save.click()
    expect(round_.get_by_text("Gemt kl.")).to_be_visible(timeout=30_000)
    expect(round_.get_by_role("status").filter(has_text="Gemt kl.")).to_have_count(1)   # the receipt: a status
    expect(round_.get_by_text("gemt: 0")).to_have_count(1)
    expect(round_.get_by_text("gemt: -5")).to_have_count(1)

    # Points: the total runs as the boxes change, without a run of the page.
    phone.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(f)))
    focus = phone.locator(f".st-key-round{ids['TEMA17']['focus']}")
    total = focus.locator(".vd-total")
    expect(total).to_have_text("0 af 10 point fordelt: 10 tilbage.")
    focus.get_by_label("Borgerens egenmestring").fill("6")
    focus.get_by_label("Nye samarbejdsformer").fill("5")
    expect(total).to_have_text("11 af 10 point fordelt: 1 for mange.")
    focus.get_by_label("Nye samarbejdsformer").fill("4")
    expect(total).to_have_text("10 af 10 point fordelt. Du kan gemme.")
    focus.screenshot(path=str(shots_dir() / "phone-points.png"))


def test_a_staff_page_without_a_login_asks_in_danish_to_log_in(server, page_phone):
    srv, _ids = server
    for path, who in (("control", "arrangører"), ("review", "sekretariatet"), ("admin", "administratorer")):
        page_phone.goto(f"{srv.url}/{path}")
        wait_for_app(page_phone)
        expect(page_phone.get_by_text(f"Siden er kun for {who}. Log ind først.")).to_be_visible()
        link = page_phone.get_by_test_id("stMain").get_by_role("link", name="Log ind")
        expect(link).to_have_attribute("href", re.compile(r"/?account$"))
        body = page_phone.locator("body").inner_text()
        assert "Page not found" not in body and "Runder" not in body
    page_phone.screenshot(path=str(shots_dir() / "phone-login-prompt.png"))


# Where the keyboard is, through the scoring form's shadow root, and whether it shows: an
# outline or a ring on the element, or on the option it covers (a score's radio button is
# invisible over its label's box), or on its label; a Streamlit text box or select box has
# no ring, its frame turns the primary colour instead (#0b5394, from the grey it has otherwise).
FOCUS = """() => { let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  if (!e || e === document.body) return null;
  const ring = x => { if (!x) return false; const s = getComputedStyle(x);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
  const frame = x => { for (let i = 0; x && i < 3; i++, x = x.parentElement) {
    x.getAnimations().forEach(a => a.finish());             // the colour's short transition, at its end
    const s = getComputedStyle(x);
    if (parseFloat(s.borderTopWidth) >= 1 && s.borderTopColor === 'rgb(11, 83, 148)') return true; } return false; };
  const label = e.labels && e.labels[0];
  const host = e.getRootNode().host;
  const form = host && host.closest('[class*="st-key-form"]');
  return {tag: e.tagName, type: e.type || '', checked: !!e.checked,
          name: (e.getAttribute('aria-label') || (label && label.innerText) || e.innerText || '').trim().slice(0, 60),
          form: form ? [...form.classList].find(c => c.startsWith('st-key-form')).slice(11) : '',
          shown: ring(e) || ring(e.nextElementSibling) || ring(label) ||
                 (['INPUT', 'TEXTAREA'].includes(e.tagName) && frame(e.parentElement))}; }"""


def test_a_participant_joins_and_saves_a_score_by_keyboard_alone(server, page_phone):
    """WCAG 2.1.1 and 2.4.7: from the QR link to a saved score with Tab, Shift+Tab, Space,
    the arrow keys and Enter (no pointer), and every element the keyboard stops at shows it."""
    srv, ids = server
    phone = page_phone
    rid, did = ids["TEMA17"]["scoring"], ids["draft"]
    stops: list[dict] = []

    def press(key: str) -> dict | None:
        phone.keyboard.press(key)
        now = phone.evaluate(FOCUS)
        if now:
            stops.append(now)
        return now

    def tab_to(found, what: str, limit: int = 150) -> dict:
        for _ in range(limit):
            now = press("Tab")
            if now and found(now):
                return now
        raise AssertionError(f"{what} was not reached with Tab; stops: {[s['name'] for s in stops[-12:]]}")

    # The join form: a group (Space), a municipality (the arrow key), "Deltag" (Enter).
    phone.goto(f"{srv.url}/?e=TEMA17")
    group = tab_to(lambda f: f["type"] == "radio", "the first group")
    assert press("Space")["checked"], group
    tab_to(lambda f: f["tag"] == "SELECT", "the municipality")
    press("ArrowDown")
    assert phone.get_by_label("Kommune eller organisation").input_value() != ""
    tab_to(lambda f: f["tag"] == "BUTTON" and f["name"] == "Deltag", "Deltag")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    phone.wait_for_url("**t=*")
    settled(phone, rid, did)

    # The phone's page: into the first draft's form, a score with the arrow keys, then "Gem".
    first = tab_to(lambda f: f["form"] == f"{rid}_{did}" and f["type"] == "radio", "the first score")
    press("ArrowRight")
    chosen = press("ArrowRight")
    assert chosen["checked"] and chosen["name"] != first["name"], chosen
    tab_to(lambda f: f["name"] == "Gem svar på forslag 1", "Gem svar på forslag 1")
    assert press("Shift+Tab")["tag"] == "TEXTAREA"          # back to the comment, and on again
    assert press("Tab")["name"] == "Gem svar på forslag 1"
    press("Enter")
    # WCAG 4.1.3: the receipt is a status message, read out without moving the focus.
    receipt = status(phone, rid, did)
    expect(receipt).to_contain_text("Gemt kl.", timeout=30_000)
    expect(receipt).to_have_attribute("aria-live", "polite")
    now = phone.evaluate(FOCUS)
    assert now and now["name"] == "Gem svar på forslag 1", f"the keyboard's place moved when it saved: {now}"
    unseen = [f"{s['tag']} {s['name']!r}" for s in stops if not s["shown"]]
    assert not unseen, f"the keyboard's place does not show on: {unseen}"
    assert len(stops) >= 8, stops


# The WCAG 1.4.12 test: line height 1.5, paragraphs 2 em apart, letters 0.12 em and words
# 0.16 em apart, set on everything (the scoring form's shadow root too). A reader's own style
# sheet wins over the page's "!important"; here the two ids that match nothing do that.
EVERYTHING = "*:not(#vd-none-1):not(#vd-none-2)"
TEXT_SPACING = (f"{EVERYTHING} {{ line-height: 1.5 !important; letter-spacing: 0.12em !important; "
                f"word-spacing: 0.16em !important; }} p{EVERYTHING} {{ margin-bottom: 2em !important; }}")
SPACE_TEXT = """css => { const add = root => { const s = document.createElement('style'); s.textContent = css;
    (root.head || root).appendChild(s); };
  add(document); const visit = root => root.querySelectorAll('*').forEach(e => {
    if (e.shadowRoot) { add(e.shadowRoot); visit(e.shadowRoot); } }); visit(document); }"""
# Text that no longer fits: a piece of text (its laid-out lines, measured with a Range) that
# reaches past a box around it which hides what overflows, or past the box of its own block
# (it would lie over what follows). Up and down, the letters' own box may stand out of a line
# of tight line height by a little: a quarter of the font's size is allowed. A screen reader's
# text, hidden on purpose in a box of 1 px, and text in a box that scrolls are left out.
CUT_TEXT = """() => { const cut = [];
  const up = e => e.parentElement || (e.getRootNode() && e.getRootNode().host) || null;
  let slack = 1;
  const outside = (r, b) => r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - slack ||
                            r.bottom > b.bottom + slack;
  const check = node => {
    const text = node.textContent.trim(), parent = node.parentElement;
    if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'OPTION'].includes(parent.tagName)) return;
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || getComputedStyle(parent).visibility === 'hidden') return;
    slack = Math.max(1, 0.25 * parseFloat(getComputedStyle(parent).fontSize));
    const name = JSON.stringify(text.slice(0, 40));
    let block = true;
    for (let a = parent; a && a !== document.documentElement; a = up(a)) {
      const s = getComputedStyle(a), b = a.getBoundingClientRect();
      if (b.width <= 2 || b.height <= 2) return;
      if (['auto', 'scroll'].includes(s.overflowX) || ['auto', 'scroll'].includes(s.overflowY)) return;
      const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible';
      if (block && !s.display.startsWith('inline') || clips) {
        if (outside(r, b)) { cut.push(name + (clips ? ' is cut by ' : ' spills out of ') + a.tagName + '.' +
                                      String(a.className || '').slice(0, 40)); return; }
        if (block && !s.display.startsWith('inline')) block = false;
      }
    } };
  const visit = root => { const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) check(n);
    root.querySelectorAll('*').forEach(e => e.shadowRoot && visit(e.shadowRoot)); };
  visit(document.body); return cut; }"""


def test_text_spacing_cuts_no_text_on_the_join_form_and_the_phone(server, page_phone):
    """WCAG 1.4.12: with the wider spacing a reader may set, no text is cut off or spills over,
    the page does not scroll sideways, and "Gem" can still be reached and pressed."""
    srv, ids = server
    phone = page_phone
    rid, did = ids["TEMA17"]["scoring"], ids["draft"]
    phone.goto(f"{srv.url}/?e=TEMA17")
    phone.evaluate(SPACE_TEXT, TEXT_SPACING)
    assert phone.evaluate(CUT_TEXT) == []
    fits(phone, 390)
    expect(phone.get_by_role("button", name="Deltag")).to_be_visible()

    joined(phone, srv.url, "TEMA17")
    settled(phone, rid, did)
    phone.evaluate(SPACE_TEXT, TEXT_SPACING)
    phone.wait_for_timeout(300)
    assert phone.evaluate(CUT_TEXT) == []
    fits(phone, 390)
    pick(phone, rid, did, "retning", "3")
    button = form(phone, rid, did).get_by_role("button", name="Gem svar på forslag 1")
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    button.click()
    expect(status(phone, rid, did)).to_contain_text("Gemt kl.", timeout=30_000)
    assert phone.evaluate(CUT_TEXT) == []


def test_text_spacing_cuts_no_text_on_the_big_screens_join_screen(server, browser):
    """WCAG 1.4.12 on the big screen's join screen (the QR code and how to join), 1920×1080."""
    srv, _ids = server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    try:
        login(page, srv.url, ORGANISER)
        page.goto(f"{srv.url}/control?event=TEMA17")
        wait_for_app(page)
        page.get_by_role("button", name="Storskærm: vis QR-kode").click()
        expect(page.get_by_role("button", name="Storskærm: vis QR-kode")).to_be_disabled()
        page.goto(f"{srv.url}/projector?event=TEMA17")
        page.get_by_text("Deltag på din telefon").first.wait_for(timeout=60_000)
        page.wait_for_timeout(2500)   # the window's size is reported, and the screen drawn again at it
        page.evaluate(SPACE_TEXT, TEXT_SPACING)
        page.wait_for_timeout(300)
        assert page.evaluate(CUT_TEXT) == []
        expect(page.get_by_role("img", name="QR-kode til at deltage")).to_be_in_viewport()
    finally:
        ctx.close()


def test_a_bodys_answer_page_passes_axe_and_reflows_at_320_px(server, page_phone):
    """The consultation's answer page, opened from a body's own link (no login)."""
    srv, ids = server
    phone = page_phone
    phone.goto(f"{srv.url}/?h={ids['body']}")
    wait_for_app(phone)
    expect(phone.get_by_role("button", name="Send svar")).to_be_visible(timeout=30_000)
    assert serious_violations(phone) == []
    phone.set_viewport_size({"width": 320, "height": 800})
    phone.wait_for_timeout(500)
    fits(phone, 320)
    widest = phone.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain] *')]"
                            ".filter(e => e.getBoundingClientRect().width > 0)"
                            ".map(e => e.getBoundingClientRect().right))")
    assert widest <= 321, f"something reaches {widest:.0f} px in a 320 px window"
    assert serious_violations(phone) == []
