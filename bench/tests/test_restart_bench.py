"""A restart in the middle of a round, small (``bench/restart.py`` runs the hall of 300):
20 phones with open pages, some saved, some in a burst the kill falls into, some with
unsaved choices; the server is killed (SIGKILL) and started again on the same port and
file, and every phone, the projector and the control page carry on by themselves. Where
Debian's chromium is installed, one real Chromium phone presses "Gem" while the server is
down and gets its receipt after the restart, its choices kept and its page not reloaded."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import restart
from testkit.server import StreamlitServer

PHONES = 20
CHROMIUM = 1 if restart.CHROMIUM else 0


@pytest.fixture(scope="module")
def restarted(tmp_path_factory):
    work = tmp_path_factory.mktemp("restart")
    server = StreamlitServer(work / "server")
    # In a thread of its own: the browser tests' Playwright may keep an event loop running in
    # the main thread, and the bench needs asyncio.run().
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(restart.main, ["--phones", str(PHONES), "--chromium", str(CHROMIUM), "--deadline", "240",
                                          "--out", str(work / "restart.json")], server).result()


def test_no_confirmed_save_is_lost_and_every_phone_saves_again_without_joining(restarted):
    assert restarted["finished"], restarted
    assert restarted["saves_confirmed_before_kill"] >= PHONES // 3
    assert restarted["confirmed_before_kill_lost"] == 0
    assert restarted["confirmed_lost"] == 0
    assert restarted["phones_with_receipt_after_restart"] == PHONES
    assert restarted["participants_in_file"] == PHONES + CHROMIUM   # the same tokens: nobody joined again
    assert restarted["ballots_in_file_unconfirmed"] == 0


def test_every_page_comes_back_by_itself_and_shows_what_was_saved(restarted):
    assert restarted["phones_reconnected"] == PHONES
    assert restarted["pages_wrong"] == 0, restarted["pages_wrong_examples"]
    assert restarted["page_run_after_close_s"]["n"] == PHONES
    assert restarted["projector_back_as"] == "page"              # the fragment it asked for ran as the page
    assert restarted["ready_to_control_back_s"] is not None
    assert restarted["errors"] == 0, restarted["error_examples"]
    assert restarted["tracebacks_in_server_log"] == 0
    assert restarted["ok"]


@pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed")
def test_a_chromium_phone_that_pressed_while_the_server_was_down_gets_its_receipt_without_a_reload(restarted):
    chromium = restarted["chromium"]
    assert chromium["phones"] == chromium["pressed_while_down"] == 1
    assert chromium["with_receipt"] == chromium["choices_kept"] == chromium["not_reloaded"] == 1
