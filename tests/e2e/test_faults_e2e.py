"""Faults seen from real phones in Chromium against a real server.

* The venue's wifi drops for 30 s in the middle of a save (the request reaches the server,
  the answer never comes back; then the phone is offline while it tries again by itself):
  all that time the phone says so plainly and keeps the answer, and nothing more reaches
  the server; it sends the answer by itself when the network returns and shows the
  receipt, and the ballot is stored once.
* The server is killed (SIGKILL) while phones are in an open round, some with choices not
  yet saved, and started again: the phones reconnect by themselves, keep their choices,
  and their next save succeeds without a reload; the projector and the control page come
  back by themselves.
* The server's disk fills while the organiser's control page is open: the alarm appears
  there by itself once saves are refused, and goes away by itself once one is written
  again (the alarm's own timer: nobody touches the page, and the page has no timer that
  runs all of it).
"""

from __future__ import annotations

import re
import signal
import time

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, PHONE_UA, login, shots_dir, wait_for_app
from tests.support.tmpfs import fill, small_disk
from tests.support.voters import ballot, prepare_file
from testkit.server import ORGANISER, StreamlitServer, open_scoring_round
from tests.e2e.test_vote_e2e import CRITERIA, RECEIPT, checked, form, join, pick, save, status
from vision.api import PATH
from vision.store import Store
from vision.ui.alarm import LOOK_EVERY

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

OFFLINE = "Ikke gemt endnu: telefonen har ingen forbindelse til serveren."
RETRYING = "Telefonen prøver selv igen."
OFFLINE_S = 30.0   # how long the venue's wifi is down


@pytest.fixture
def open_round_server(tmp_path):
    server = StreamlitServer(tmp_path, extra_env={"VISIONSDAG_BACKUP_MINUTES": "0"})
    round_id, draft_id = server.start_with(open_scoring_round)
    yield server, round_id, draft_id
    server.stop()


def _phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, user_agent=PHONE_UA, locale="da-DK")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    return ctx, page


def _stored_ballots(db, token: str) -> list[tuple]:
    store = Store(db)
    try:
        return store.query("SELECT s.draft_id, s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
                           "ON t.participant_id = s.participant_id WHERE t.token = ? ORDER BY 1, 2", [token])
    finally:
        store.close()


@pytest.mark.timeout(600)
def test_a_phone_that_loses_the_network_mid_save_sends_its_answer_itself_once(open_round_server, browser):
    server, round_id, draft_id = open_round_server
    ctx, phone = _phone(browser)
    try:
        token = join(phone, server.url)
        for key in CRITERIA:
            pick(phone, round_id, draft_id, key, "4")
        pick(phone, round_id, draft_id, "husketesten", "2")
        posts: list[int] = []
        phone.on("requestfinished", lambda r: posts.append(1) if r.url.endswith(PATH) else None)
        tries: list[int] = []          # sends that did not get through (the lost answer, then offline)
        phone.on("requestfailed", lambda r: tries.append(1) if r.url.endswith(PATH) else None)

        # The first save reaches the server, but its answer is lost as the wifi drops.
        lost: list[int] = []

        def lose_the_answer(route):
            lost.append(route.fetch().status)     # the server commits it …
            route.abort("internetdisconnected")  # … and the phone never hears back
            ctx.set_offline(True)

        phone.route("**" + PATH, lose_the_answer, times=1)
        phone.evaluate("window.vdSamePage = true")
        form(phone, round_id, draft_id).get_by_role("button", name="Gem svar på forslag 1").click()
        expect(status(phone, round_id, draft_id)).to_contain_text(OFFLINE)
        dropped = time.monotonic()
        assert lost == [200], "the lost answer was a receipt: the server had stored the ballot"
        expect(status(phone, round_id, draft_id)).to_contain_text(RETRYING)
        # The wifi stays down for 30 s. Without a network the phone tries again by itself
        # (1, 2, 4 … up to 15 s apart); all the while it says so, keeps the answer on screen
        # and in the tab, and nothing more reaches the server.
        looks = 0
        while time.monotonic() - dropped < OFFLINE_S:
            phone.wait_for_timeout(min(5_000, max(100, int((OFFLINE_S - (time.monotonic() - dropped)) * 1000))))
            expect(status(phone, round_id, draft_id)).to_contain_text(OFFLINE, timeout=1_000)
            assert checked(phone, round_id, draft_id, "husketesten") == "2"
            assert checked(phone, round_id, draft_id, "retning") == "4"
            assert phone.evaluate("sessionStorage.length") > 0, "the unsaved answer is kept in the tab"
            assert not posts, "nothing reached the server while offline"
            looks += 1
        offline_for = time.monotonic() - dropped
        assert offline_for >= OFFLINE_S and looks >= 6, (offline_for, looks)
        assert len(tries) >= 4, f"the phone tried again by itself while offline ({len(tries) - 1} tries)"
        assert lost == [200], "the page's own tries never reached the server"
        print(f"offline {offline_for:.1f} s, {len(tries) - 1} tries of its own")
        status(phone, round_id, draft_id).scroll_into_view_if_needed()
        phone.screenshot(path=str(shots_dir() / "phone-offline.png"))
        # The network returns: the phone sends the answer by itself and shows the receipt.
        back = time.monotonic()
        ctx.set_offline(False)
        expect(status(phone, round_id, draft_id)).to_have_text(RECEIPT, timeout=20_000)
        print(f"receipt {time.monotonic() - back:.1f} s after the network returned")
        assert phone.evaluate("window.vdSamePage") is True, "no reload"
        assert phone.evaluate("sessionStorage.length") == 0, "the saved answer is not left in the browser"
    finally:
        ctx.close()
    server.stop()
    rows = _stored_ballots(server.db, token)
    assert len(rows) == len(CRITERIA), "one ballot, stored once"
    assert {k: s for _d, k, s in rows} == {k: (2 if k == "husketesten" else 4) for k in CRITERIA}


@pytest.mark.timeout(600)
def test_a_server_killed_mid_round_comes_back_and_the_phones_carry_on(open_round_server, browser):
    server, round_id, draft_id = open_round_server
    phones = [_phone(browser) for _ in range(3)]
    desk = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    projector = desk.new_page()
    projector.set_default_timeout(30_000)
    try:
        tokens = [join(page, server.url) for _ctx, page in phones]
        # phone 0 has saved; phones 1 and 2 have choices they have not saved yet
        for key in CRITERIA:
            pick(phones[0][1], round_id, draft_id, key, "5")
        assert save(phones[0][1], round_id, draft_id).status == 200
        for n, (_ctx, page) in enumerate(phones[1:], start=1):
            for key in CRITERIA:
                pick(page, round_id, draft_id, key, str(n + 1))
            expect(status(page, round_id, draft_id)).to_have_text("ikke gemt endnu")
        login(projector, server.url, ORGANISER)
        projector.goto(server.url + "/projector?event=TEMA17")
        projector.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*1 / 3\s*$")).first.wait_for()
        control = desk.new_page()
        control.set_default_timeout(30_000)
        control.goto(server.url + "/control?event=TEMA17")
        wait_for_app(control)
        control.get_by_text("Salen").wait_for()
        for _ctx, page in phones:
            page.evaluate("window.vdSamePage = true")
        control.evaluate("window.vdSamePage = true")
        projector.evaluate("window.vdSamePage = true")

        server.stop(signal.SIGKILL)
        phones[1][1].wait_for_timeout(3_000)
        restarted = time.monotonic()
        server.start()
        # phone 1 presses "Gem" as soon as it can: its choices are still there, and the save succeeds
        page = phones[1][1]
        assert checked(page, round_id, draft_id, "retning") == "2"
        button = form(page, round_id, draft_id).get_by_role("button", name="Gem svar på forslag 1")
        button.click()
        expect(status(page, round_id, draft_id)).to_have_text(RECEIPT, timeout=30_000)
        first_receipt = time.monotonic() - restarted
        print(f"first receipt on a phone {first_receipt:.1f} s after the restart began")
        # phone 2 saves a little later, also without a reload
        assert checked(phones[2][1], round_id, draft_id, "fornyelse") == "3"
        assert save(phones[2][1], round_id, draft_id).status == 200
        expect(status(phones[2][1], round_id, draft_id)).to_have_text(RECEIPT)
        # the projector and the control page are back by themselves, with the new count
        projector.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*3 / 3\s*$")).first.wait_for(
            timeout=30_000)
        control.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*3 / 3\s*$")).first.wait_for(
            timeout=30_000)
        for p in [*(page for _ctx, page in phones), control, projector]:
            assert p.evaluate("window.vdSamePage") is True, "nothing was reloaded"
        # and plain clients can save too
        answer = requests.post(server.url + PATH, json={"e": "TEMA17", "t": tokens[0], "round": round_id,
                                                        "draft": draft_id, "scores": {"retning": 1}}, timeout=30)
        assert answer.status_code == 200
    finally:
        for ctx, _page in phones:
            ctx.close()
        desk.close()


@pytest.mark.timeout(300)
def test_the_control_page_raises_the_write_alarm_and_clears_it_by_itself(tmp_path, browser):
    with small_disk(tmp_path / "disk", 48) as disk:
        server = StreamlitServer(tmp_path, extra_env={"VISIONSDAG_BACKUP_MINUTES": "0"})
        server.db = disk / "day.duckdb"
        server.env["VISIONSDAG_DB"] = str(server.db)
        server.prepare()
        day = prepare_file(server.db, n_voters=12)
        server.start()
        desk = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")

        def save(i: int) -> requests.Response:
            return requests.post(server.url + PATH, json={
                "e": day.event_code, "t": day.tokens[i], "round": day.round_id, "draft": day.draft_ids[0],
                "scores": ballot(i, day.criteria), "comment": None, "lang": "da"}, timeout=30)

        try:
            assert save(0).status_code == 200
            control = desk.new_page()
            control.set_default_timeout(30_000)
            login(control, server.url, ORGANISER)
            control.goto(server.url + f"/control?event={day.event_code}")
            wait_for_app(control)
            control.get_by_text("Salen").wait_for()
            control.evaluate("window.vdSamePage = true")
            alarm = control.get_by_text("Serveren kan ikke gemme lige nu")
            assert alarm.count() == 0
            # The disk fills; the phones' saves are refused (the log's last pages may take one or two).
            filler = fill(disk)
            refused = [i for i in range(1, len(day.tokens)) if save(i).status_code == 503]
            assert len(refused) >= 2, refused
            failing = time.monotonic()
            # Nobody touches the control page: the alarm comes by itself, with the disk's reason.
            expect(alarm).to_be_visible(timeout=(3 * LOOK_EVERY + 5) * 1000)
            shown_after = time.monotonic() - failing
            expect(alarm).to_contain_text("No space left on device")
            control.screenshot(path=str(shots_dir() / "control-write-alarm.png"))
            # There is room again; a phone's retry is written, and the alarm goes by itself.
            filler.unlink()
            assert save(refused[0]).status_code == 200
            written = time.monotonic()
            expect(alarm).to_have_count(0, timeout=(3 * LOOK_EVERY + 5) * 1000)
            gone_after = time.monotonic() - written
            print(f"alarm shown {shown_after:.1f} s after the refusals, gone {gone_after:.1f} s after a save "
                  f"was written (looks every {LOOK_EVERY} s)")
            assert control.evaluate("window.vdSamePage") is True, "the page was not reloaded"
        finally:
            desk.close()
            server.stop(signal.SIGTERM)
