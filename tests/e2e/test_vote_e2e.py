"""A participant's phone in Chromium against a real server: join, score, reload, change;
the projector follows; a closed round and a forged token are refused."""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, login, wait_for_app
from tests.e2e.joining import join as join_on_phone
from testkit.server import ORGANISER, StreamlitServer
from vision import events
from vision.api import PATH, ROUNDS_PATH
from vision.store import Store

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def tema17_server(tmp_path_factory, name: str, open_scoring: bool):
    """A server with the demo events; TEMA17's scoring round opened before it starts, or not.
    Yields the server, the round's id and the first draft's."""
    server = StreamlitServer(tmp_path_factory.mktemp(name))
    server.prepare()
    store = Store(server.db)
    ev = events.get_event(store, "TEMA17")
    rnd = next(r for r in events.rounds(store, ev.id) if r.kind == "scoring")
    if open_scoring:
        events.open_round(store, "setup", ev.id, rnd.id)
    draft = events.drafts(store, ev.id)[0]
    store.close()
    server.start()
    yield server, rnd.id, draft.id
    server.stop()


@pytest.fixture(scope="module")
def voting_server(tmp_path_factory):
    """TEMA17 with its scoring round open before the server starts."""
    yield from tema17_server(tmp_path_factory, "vote", open_scoring=True)


def join(page, url: str) -> str:
    return join_on_phone(page, url, "TEMA17")


def form(page, round_id, draft_id):
    """One draft's scoring form (the component, inside its ``st.container`` with key ``draft…``)."""
    return page.locator(f".st-key-form{round_id}_{draft_id}")


def criterion(page, round_id, draft_id, key):
    """The fieldset of one criterion: its legend names the group of six radio buttons."""
    return form(page, round_id, draft_id).locator(f"fieldset[data-criterion='{key}']")


def pick(page, round_id, draft_id, key, option) -> None:
    """Tap an option, as a person does (the radio covers its label); ``check`` also waits
    until the radio shows as chosen."""
    criterion(page, round_id, draft_id, key).get_by_role("radio", name=option, exact=True).check()


def checked(page, round_id, draft_id, key) -> str:
    """The option shown as selected (waits for the form to render its value)."""
    group = criterion(page, round_id, draft_id, key)
    selected = group.get_by_role("radio", checked=True)
    selected.wait_for()
    assert selected.count() == 1
    return selected.evaluate("e => e.labels[0].innerText").strip()


def status(page, round_id, draft_id):
    """The line under "Gem" (``role=status``): the receipt, what is unsaved, or a refusal."""
    return form(page, round_id, draft_id).get_by_role("status")


def save(page, round_id, draft_id, number: int = 1):
    """Press "Gem" and return the answer of the save request it sends (``POST /api/ballot``)."""
    button = form(page, round_id, draft_id).get_by_role("button", name=f"Gem svar på forslag {number}",
                                                        exact=True)
    with page.expect_response(lambda r: r.url.endswith(PATH) and r.request.method == "POST") as answer:
        button.click()
    return answer.value


RECEIPT = re.compile(r"^Gemt kl\. \d\d:\d\d:\d\d: 9 af 9 kriterier\. ")


CRITERIA = ["retning", "meningsfuld", "realitet", "motivation", "brugbar", "formidling", "beslutning",
            "husketesten", "fornyelse"]


def test_phone_votes_reloads_changes_and_projector_follows(voting_server, page_phone, page_desktop):
    server, round_id, draft_id = voting_server
    phone = page_phone
    sent = []   # what the page sends Streamlit on its WebSocket (a script run is asked for there)
    phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
    token = join(phone, server.url)
    assert len(token) == 22
    phone.get_by_text("Du deltager som Politiker · Aalborg").wait_for()
    # No organiser page is named or linked on the phone.
    body = phone.locator("body").inner_text()
    for name in ("Styr dagen", "Storskærm", "Opsætning", "Analyse", "Log ind"):
        assert name not in body

    # The projector, logged in as organiser, shows the live count.
    login(page_desktop, server.url, ORGANISER)
    page_desktop.goto(server.url + "/projector?event=TEMA17")
    page_desktop.get_by_text("Har svaret").first.wait_for()
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*0 / 1\s*$")).first.wait_for()

    expect(status(phone, round_id, draft_id)).to_have_text("ikke besvaret")
    for key in CRITERIA:
        pick(phone, round_id, draft_id, key, "4")
    pick(phone, round_id, draft_id, "formidling", "Ved ikke")
    expect(status(phone, round_id, draft_id)).to_have_text("ikke gemt endnu")
    # "Gem" saves with one request and shows the receipt in place: the page is not
    # loaded again, and no script run is asked of Streamlit (nothing sent on its socket).
    phone.evaluate("window.vdSamePage = true")
    sent.clear()
    answer = save(phone, round_id, draft_id)
    expect(status(phone, round_id, draft_id)).to_have_text(RECEIPT)
    assert answer.status == 200 and answer.json()["count"] == 9
    assert phone.evaluate("window.vdSamePage") is True
    assert sent == []

    # The projector shows the new answer by itself (how fast is the bench's staleness figure).
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*1 / 1\s*$")).first.wait_for(
        timeout=20_000)

    # An answer started but not saved survives a reload (it lives in the tab's sessionStorage).
    pick(phone, round_id, draft_id, "retning", "2")
    expect(status(phone, round_id, draft_id)).to_have_text("ændret siden gemt")
    phone.reload()
    wait_for_app(phone)
    expect(status(phone, round_id, draft_id)).to_have_text("ændret siden gemt")
    assert checked(phone, round_id, draft_id, "retning") == "2"
    assert checked(phone, round_id, draft_id, "meningsfuld") == "4"
    assert checked(phone, round_id, draft_id, "formidling") == "Ved ikke"
    # "Gem" pressed at the screen's bottom edge: the receipt under it is brought into view.
    button = form(phone, round_id, draft_id).get_by_role("button", name="Gem svar på forslag 1", exact=True)
    with phone.expect_response(lambda r: r.url.endswith(PATH) and r.request.method == "POST") as answer:
        button.evaluate("b => { b.scrollIntoView({block: 'end'}); b.click(); }")
    assert answer.value.status == 200
    expect(status(phone, round_id, draft_id)).to_have_text(RECEIPT)
    expect(status(phone, round_id, draft_id)).to_be_in_viewport(ratio=0.9)

    # A forged token gets a clear message.
    phone.goto(server.url + "/?e=TEMA17&t=" + "A" * 22)
    phone.get_by_text("Deltagerkoden er ukendt").wait_for()

    # A change not yet saved when the organiser closes the round: the phone follows by itself
    # (it asks every 2 s), says the round closed, and keeps the choice on screen, locked,
    # saying that the saved answer counts and the change was not saved. (A save that reaches
    # a closed round is refused: tests/test_api.py.)
    phone.goto(server.url + f"/?e=TEMA17&t={token}")
    wait_for_app(phone)
    expect(status(phone, round_id, draft_id)).to_have_text(re.compile(r"^gemt kl\. \d\d:\d\d \(9 af 9\)$"))
    # Another draft saved just before the close, its receipt still showing.
    keys = phone.locator(f"[class*='st-key-form{round_id}_']").evaluate_all(
        "els => els.map(e => [...e.classList].find(c => c.startsWith('st-key-form')))")
    other_no, other = next((i, int(k.rsplit("_", 1)[1])) for i, k in enumerate(keys, start=1)
                           if int(k.rsplit("_", 1)[1]) != draft_id)
    for key in CRITERIA:
        pick(phone, round_id, other, key, "3")
    assert save(phone, round_id, other, other_no).status == 200
    expect(status(phone, round_id, other)).to_have_text(RECEIPT)
    pick(phone, round_id, draft_id, "retning", "5")
    page_desktop.goto(server.url + "/control?event=TEMA17")
    wait_for_app(page_desktop)      # a page still running may show last run's elements beside the new ones
    page_desktop.locator(f".st-key-close{round_id}").get_by_role("button").click()
    page_desktop.locator(f".st-key-open{round_id}").wait_for()
    phone.get_by_text("Runden lukkede kl.").wait_for(timeout=15_000)
    expect(status(phone, round_id, draft_id)).to_have_text(re.compile(
        r"^Runden er lukket: dit svar fra kl\. \d\d:\d\d \(9 af 9\) tæller med\. "
        r"Det, du ændrede bagefter, blev ikke gemt\.$"))
    # The receipt's "du kan ændre det, indtil runden lukker" is gone with the round.
    expect(status(phone, round_id, other)).to_have_text(re.compile(r"^gemt kl\. \d\d:\d\d \(9 af 9\)$"))
    assert checked(phone, round_id, draft_id, "retning") == "5"
    expect(criterion(phone, round_id, draft_id, "retning").get_by_role("radio", name="3", exact=True)).to_be_disabled()
    expect(form(phone, round_id, draft_id).get_by_role("button")).to_be_hidden()

    server.stop()
    con = duckdb.connect(str(server.db), read_only=True)
    try:
        rows = dict(con.execute(
            "SELECT s.criterion_key, s.score FROM scores s JOIN participant_tokens t "
            "ON t.participant_id = s.participant_id WHERE t.token = ? AND s.draft_id = ?", [token, draft_id]).fetchall())
    finally:
        con.close()
    assert len(rows) == 9  # one row per criterion: the change replaced, it did not add
    assert rows["retning"] == 2 and rows["meningsfuld"] == 4 and rows["formidling"] is None


@pytest.fixture(scope="module")
def waiting_server(tmp_path_factory):
    """TEMA17 with no round open."""
    yield from tema17_server(tmp_path_factory, "wait", open_scoring=False)


def test_a_waiting_phone_and_the_projector_follow_the_organiser_without_a_timer(waiting_server, page_phone,
                                                                                page_desktop):
    """A waiting phone shows the round as soon as the organiser opens it, and the projector the
    votes as they come, but neither asks the server to run its page while nothing changes."""
    server, round_id, draft_id = waiting_server
    phone_frames: list = []
    phone = page_phone
    phone.on("websocket", lambda ws: ws.on("framesent", lambda f: phone_frames.append(f)))
    join(phone, server.url)
    phone.get_by_text("Ingen runde er åben lige nu").wait_for()
    wait_for_app(phone)
    login(page_desktop, server.url, ORGANISER)
    screen_frames: list = []
    page_desktop.on("websocket", lambda ws: ws.on("framesent", lambda f: screen_frames.append(f)))
    page_desktop.goto(server.url + "/projector?event=TEMA17")
    page_desktop.get_by_text("Deltag på din telefon").wait_for()
    wait_for_app(page_desktop)
    with page_phone.expect_response(lambda r: r.url.endswith(ROUNDS_PATH)) as asked:
        pass
    assert asked.value.json()["state"]["rounds"] == []

    # Nothing changes for seven seconds: the phone has asked at least twice which rounds
    # are open, the projector a dozen times, and neither has asked for a script run.
    phone_frames.clear()
    screen_frames.clear()
    page_desktop.wait_for_timeout(7_000)
    assert phone_frames == [] and screen_frames == []

    # The organiser opens the round on the control page (a second tab of the same login).
    control = page_desktop.context.new_page()
    control.goto(server.url + "/control?event=TEMA17")
    wait_for_app(control)
    control.locator(f".st-key-open{round_id}").get_by_role("button").click()
    control.locator(f".st-key-close{round_id}").wait_for()
    # The waiting phone shows the form by itself, with no reload (it asks every 2 s; how soon
    # a phone follows is measured in tests/e2e/test_phone_follows_e2e.py).
    form(phone, round_id, draft_id).get_by_role("button", name="Gem svar på forslag 1").wait_for(timeout=20_000)
    # The projector shows the open round, and then the vote, by itself (how fast is the bench's
    # staleness figure; the ceiling is for a machine as busy as two test workers make it).
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*0 / 1\s*$")).first.wait_for(
        timeout=60_000)
    for key in CRITERIA:
        pick(phone, round_id, draft_id, key, "3")
    assert save(phone, round_id, draft_id).status == 200
    page_desktop.locator('[data-testid="stMetricValue"]', has_text=re.compile(r"^\s*1 / 1\s*$")).first.wait_for(
        timeout=60_000)
    control.locator(f".st-key-close{round_id}").get_by_role("button").click()
    control.locator(f".st-key-open{round_id}").wait_for()
    control.close()


def test_a_phone_and_the_big_screen_fetch_nothing_from_another_host(waiting_server, page_phone, page_desktop):
    """A participant's address goes to the day's own server only: political opinions are
    special-category data, and a request to another host (a web font, a favicon) tells that
    host who was at the event. Streamlit fetches a ``:material/…:`` page icon from Google."""
    server, _round_id, _draft_id = waiting_server       # the flow test stops the voting server
    host = re.match(r"https?://[^/]+", server.url).group(0)
    elsewhere = []
    for page in (page_phone, page_desktop):
        page.on("request", lambda r: None if r.url.startswith((host, "data:", "blob:")) else elsewhere.append(r.url))
    join(page_phone, server.url)
    page_phone.get_by_text("Du deltager som Politiker · Aalborg").wait_for()
    login(page_desktop, server.url, ORGANISER)
    page_desktop.goto(server.url + "/projector?event=TEMA17")
    wait_for_app(page_desktop)
    for page in (page_phone, page_desktop):
        page.wait_for_function("() => document.querySelector('link[rel~=\"icon\"]')")
        icon = page.evaluate("document.querySelector('link[rel~=\"icon\"]').href")
        assert icon.startswith((host, "data:")), icon
    page_phone.wait_for_timeout(1_000)       # a late fetch (the icon is set after the first run)
    assert elsewhere == []


def test_home_page_at_phone_size_shows_the_demo_events(server_url, page_phone):
    page_phone.goto(server_url)
    wait_for_app(page_phone)
    page_phone.get_by_text("Visionsdag – Nordjysk Socialaftale 2021-2022").wait_for()
    page_phone.get_by_text("Politisk temadag – Rammeaftale 2018").wait_for()
    width = page_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:120]})"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


def test_participant_pages_pass_axe(voting_server, page_phone):
    server, round_id, draft_id = voting_server
    if server.proc is None:  # the flow test closes the round, then stops the server to read the file
        store = Store(server.db)
        try:
            events.open_round(store, "setup", events.get_event(store, "TEMA17").id, round_id)
        finally:
            store.close()
        server.start()
    page_phone.goto(server.url + "/?e=TEMA17")          # the join form, a plain page
    page_phone.get_by_role("button", name="Deltag").wait_for()
    assert serious_violations(page_phone) == []
    join(page_phone, server.url)
    # The scoring form is drawn by its component after the run: wait for all nine
    # criteria and the status line, so axe judges the form itself.
    expect(form(page_phone, round_id, draft_id).locator("fieldset.vd-crit")).to_have_count(len(CRITERIA))
    expect(status(page_phone, round_id, draft_id)).not_to_be_empty()
    wait_for_app(page_phone)        # while a run is in progress Streamlit fades the last run's elements
    assert serious_violations(page_phone) == []
    # axe judges colour contrast only on screen: look again at the form's lower half
    # (comment, "Gem", the receipt) once an answer is saved.
    pick(page_phone, round_id, draft_id, "retning", "3")
    assert save(page_phone, round_id, draft_id).status == 200
    expect(status(page_phone, round_id, draft_id)).to_have_text(re.compile(r"^Gemt kl\. .*: 1 af 9 kriterier\. "))
    status(page_phone, round_id, draft_id).scroll_into_view_if_needed()
    assert serious_violations(page_phone) == []
