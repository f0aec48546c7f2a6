"""Everything works behind the door, over HTTPS: Chromium against Caddy (``vision.door``, with
its local CA for the name ``visionsdag.test``) in front of a real server.

Chromium trusts Caddy's local root certificate the way a Linux desktop does: it is added to
the NSS database in the browser's home folder (``certutil``); no certificate error is
ignored. The name is mapped to this machine with ``--host-resolver-rules``. A second browser
reaches the door from the machine's own network address, so the app sees two clients."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest

from tests.e2e.conftest import CHROMIUM, PHONE_UA, login, wait_for_app
from testkit.server import CHROMIUM_ARGS, ORGANISER, SECRETARIAT, ProxiedServer, open_scoring_round
from tests.e2e.test_vote_e2e import CRITERIA, join, pick, save
from tests.review_data import populate
from vision import door, events, raw_export

NAME = "visionsdag.test"
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(shutil.which("caddy") is None, reason="Debian's caddy is not installed (make test installs it)"),
    pytest.mark.skipif(shutil.which("certutil") is None, reason="certutil (libnss3-tools) is not installed"),
]


HALL = 100      # VISION20 answered by a hall of 100: exports of thousands of rows


def _shape(store):
    """VISION20 answered by a hall (for the exports), TEMA17 with its scoring round open."""
    populate(store, "VISION20", HALL, seed=11)
    raw = raw_export.raw_tables(store, events.get_event(store, "VISION20").id)
    return open_scoring_round(store), {sheet[:31]: len(df) for sheet, df in raw.items()}


@pytest.fixture(scope="module")
def door_server(tmp_path_factory):
    """TEMA17 with its scoring round open and VISION20 answered by a hall, behind Caddy with HTTPS."""
    server = ProxiedServer(tmp_path_factory.mktemp("door"), domain=NAME, bind="0.0.0.0")
    (round_id, draft_id), raw_rows = server.start_with(_shape)
    server.raw_rows = raw_rows
    yield server, round_id, draft_id
    server.stop()


def _trusting_home(tmp_path_factory, server) -> str:
    """A home folder whose NSS database trusts Caddy's local root certificate."""
    home = tmp_path_factory.mktemp("home")
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    subprocess.run(["certutil", "-d", f"sql:{nssdb}", "-N", "--empty-password"], check=True)
    subprocess.run(["certutil", "-d", f"sql:{nssdb}", "-A", "-t", "C,,", "-n", "caddy-local",
                    "-i", str(door.local_ca(server.door))], check=True)
    return str(home)


def _browser(pw, home: str, address: str):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, env={"HOME": home},
                              args=CHROMIUM_ARGS + [f"--host-resolver-rules=MAP {NAME} {address}"])


@pytest.fixture(scope="module")
def browsers(door_server, tmp_path_factory, playwright_session):
    """Two browsers that trust the door's CA: one on loopback, one from the network address."""
    home = _trusting_home(tmp_path_factory, door_server[0])
    pw = playwright_session
    here, there = _browser(pw, home, "127.0.0.1"), _browser(pw, home, door._lan_address())
    yield here, there
    here.close()
    there.close()


def _page(browser, phone: bool = False):
    kw = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, user_agent=PHONE_UA) \
        if phone else dict(viewport={"width": 1920, "height": 1080})
    ctx = browser.new_context(locale="da-DK", accept_downloads=True, **kw)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    return ctx, page


def test_a_phone_joins_over_https_and_saves_through_the_door(door_server, browsers):
    server, round_id, draft_id = door_server
    ctx, phone = _page(browsers[0], phone=True)
    try:
        loaded = []
        phone.on("response", lambda r: loaded.append(r))
        token = join(phone, server.url)
        assert len(token) == 22 and phone.url.startswith(f"https://{NAME}:")
        # HTTP/2: the page and its files over one connection, not six at a time.
        assert phone.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol") == "h2"
        fetched = phone.evaluate("performance.getEntriesByType('resource').filter(e => e.transferSize > 0)"
                                 ".map(e => e.nextHopProtocol)")
        assert fetched and set(fetched) == {"h2"}
        statics = [r for r in loaded if "/static/" in r.url]
        assert statics and all(r.headers.get("server") == "Caddy" for r in statics)
        assert any(r.headers.get("content-encoding") == "br" for r in statics)
        for key in CRITERIA:
            pick(phone, round_id, draft_id, key, "4")
        answer = save(phone, round_id, draft_id)
        assert answer.status == 200 and answer.json()["count"] == 9
        assert answer.url.startswith(f"https://{NAME}:")
    finally:
        ctx.close()


def test_login_cookie_projector_and_an_upload_through_the_door(door_server, browsers):
    server, _round, _draft = door_server
    ctx, page = _page(browsers[0])
    try:
        login(page, server.url, ORGANISER)
        cookies = {c["name"]: c for c in ctx.cookies()}
        assert cookies["visionsdag_login"]["domain"] == NAME and "_streamlit_xsrf" in cookies
        # The projector: its QR code and link name the public https address.
        page.goto(server.url + "/projector?event=TEMA17")
        wait_for_app(page)
        page.get_by_text(f"https://{NAME}:{server.port}/?e=TEMA17").first.wait_for()
        # An upload (Streamlit checks its XSRF cookie on it): drafts from a CSV file.
        page.goto(server.url + "/setup?event=TEMA17")
        wait_for_app(page)
        page.get_by_role("tab", name="Forslag").click()
        csv = "tekst;etiket\nAlle borgere skal kunne se et træ;Bord 9\nEn ny vision bag døren;Bord 10\n"
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
            files=[{"name": "forslag.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
        page.get_by_role("button", name="Importér 2 forslag").click()
        page.get_by_text("2 forslag er importeret.").wait_for()
        page.get_by_text("En ny vision bag døren").first.wait_for(state="attached")   # in the list of drafts
        # The cookie brings the login back on a new page load.
        page.goto(server.url + "/account")
        wait_for_app(page)
        page.get_by_text("Log ud").first.wait_for()
    finally:
        ctx.close()


def test_the_secretariat_downloads_large_exports_and_the_tagged_paper_through_the_door(door_server, browsers,
                                                                                       tmp_path):
    """Downloads pass the door whole: a hall's raw data in XLSX, the committee paper in Word
    and, where LibreOffice is installed, as a tagged PDF; each file opens."""
    import io

    import openpyxl
    from docx import Document
    from pypdf import PdfReader

    server, _round, _draft = door_server
    ctx, page = _page(browsers[0])
    page.set_default_timeout(120_000)          # the paper's charts and LibreOffice take their time
    try:
        login(page, server.url, SECRETARIAT)
        page.goto(server.url + "/review?event=VISION20")
        wait_for_app(page)
        page.get_by_role("tab", name="Eksport").click()

        def download(button_name: str) -> bytes:
            with page.expect_download() as got:
                page.get_by_role("button", name=button_name).click()
            path = tmp_path / got.value.suggested_filename
            got.value.save_as(path)
            assert got.value.url.startswith(f"https://{NAME}:")
            return path.read_bytes()

        raw = download("Anonymiseret rådata (XLSX)")
        book = openpyxl.load_workbook(io.BytesIO(raw))
        rows = {ws.title: ws.max_row - 1 for ws in book.worksheets}       # less the header row
        assert rows == server.raw_rows and sum(rows.values()) > HALL * 10
        page.get_by_role("button", name="Lav dagsordenspunkt").click()
        paper = download("Hent dagsordenspunktet (DOCX)")
        headings = [p.text for p in Document(io.BytesIO(paper)).paragraphs if p.style.name == "Heading 1"]
        assert "Resultater" in headings
        if shutil.which("soffice"):
            page.get_by_role("button", name="Lav tilgængelig PDF (PDF/UA)").click()
            pdf = download("Hent dagsordenspunktet som tilgængelig PDF")
            root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
            assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    finally:
        ctx.close()


def test_a_guesser_is_slowed_while_the_organiser_logs_in_from_another_address(door_server, browsers):
    server, _round, _draft = door_server
    g_ctx, guesser = _page(browsers[1])            # from the machine's network address
    o_ctx, organiser = _page(browsers[0])          # from loopback
    try:
        guesser.goto(server.url + "/account")
        wait_for_app(guesser)
        wait, organiser_in = 0, False
        for attempt in range(24):      # wrong passwords, waiting as told, until a wait is long
            blocked = guesser.get_by_text(re.compile(r"For mange forkerte forsøg fra denne enhed\. Vent (\d+)"))
            form = guesser.get_by_label("Brugernavn")
            # The page shows one of the two once its run is drawn; look only then (a look
            # right after the reload may come before the run and see neither).
            blocked.or_(form).first.wait_for()
            if blocked.count():
                wait = int(re.search(r"Vent (\d+)", blocked.first.inner_text()).group(1))
                until = time.monotonic() + wait + 0.3
                if wait >= 10 and not organiser_in:
                    # Meanwhile (the guesser's form is closed for a while) the organiser, on
                    # their own device, logs in at once.
                    assert guesser.get_by_label("Adgangskode").count() == 0
                    login(organiser, server.url, ORGANISER)
                    organiser_in = True
                if wait >= 30:
                    break
                guesser.wait_for_timeout(max(0.0, until - time.monotonic()) * 1000)
                guesser.reload()
                wait_for_app(guesser)
                continue                   # look again: the form, or (rarely) a wait not yet over
            form.fill(SECRETARIAT[0])
            guesser.get_by_label("Adgangskode").fill(f"forkert-{attempt}-kode")
            guesser.get_by_role("button", name="Log ind").click()
            # a wrong password, or (when this failure starts a wait) the wait itself
            guesser.get_by_text(re.compile(r"Forkert brugernavn eller adgangskode\.|For mange forkerte forsøg")
                                ).first.wait_for()
            guesser.reload()
            wait_for_app(guesser)
        assert wait >= 30, "the waits did not grow"
        # The guesser's own right password (after the organiser's login) gets no form to go in.
        guesser.reload()
        wait_for_app(guesser)
        guesser.get_by_text("For mange forkerte forsøg fra denne enhed").wait_for()
        assert guesser.get_by_label("Adgangskode").count() == 0
    finally:
        g_ctx.close()
        o_ctx.close()
