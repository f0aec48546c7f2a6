"""The timeline and governance pages, run by Streamlit's AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _uploads(tmp_path, monkeypatch, app_db):
    """Uploads and the database (the pages show approvals and answers) in a temporary folder."""
    monkeypatch.setenv("VISIONSDAG_UPLOAD_DIR", str(tmp_path / "uploads"))


def _run(script: str, role: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    if role:
        at.session_state["role"] = role
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("region", ["nordjylland", "midtjylland", "hovedstaden"])
def test_timeline_renders_every_region(region):
    at = _run("pages/timeline.py", region=region)
    _ok(at)
    assert at.title[0].value == "Tidslinje"
    assert at.radio(key="tl_region").value == region
    assert len(at.get("plotly_chart")) == 1


def test_timeline_every_process_and_wheel():
    at = _run("pages/timeline.py", region="nordjylland")
    procs = at.radio(key="tl_proc_nordjylland")
    for option in procs.options:
        procs.set_value(option).run()
        _ok(at)
    assert any("VISION20" in i.value for i in at.info)
    at = _run("pages/timeline.py", region="midtjylland")
    assert at.radio(key="tl_view").value == "wheel"
    at.radio(key="tl_view").set_value("timeline").run()
    _ok(at)


def test_timeline_in_english():
    at = _run("pages/timeline.py", region="midtjylland", lang="en")
    _ok(at)
    assert at.title[0].value == "Timeline"


def test_upload_hidden_for_participants_and_shown_for_secretariat():
    at = _run("pages/timeline.py")
    assert not at.get("file_uploader")
    for role in ("secretariat", "admin"):
        at = _run("pages/timeline.py", role=role)
        _ok(at)
        assert at.get("file_uploader")
    at = _run("pages/timeline.py", role="organiser")
    assert not at.get("file_uploader")


@pytest.mark.parametrize("region", ["nordjylland", "midtjylland", "hovedstaden"])
def test_governance_renders_and_selects(region):
    at = _run("pages/governance.py", region=region)
    _ok(at)
    assert at.title[0].value == "Styringskort"
    box = at.selectbox(key=f"gov_body_{region}")
    assert box.value is None
    box.set_value(box.options and at.selectbox(key=f"gov_body_{region}").options[0]).run()
    _ok(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Sammensætning" in text and "Møder" in text


def test_governance_selecting_dassos_shows_composition_and_step():
    at = _run("pages/governance.py", region="midtjylland")
    at.selectbox(key="gov_body_midtjylland").select("dassos").run()
    _ok(at)
    text = " ".join(m.value for m in at.markdown)
    assert "1 direktørrepræsentant" in text
    assert "4 gange årligt" in text
    assert "Trin 3" in text
    assert "Forretningsudvalget forbereder sager for DASSOS" in text


def test_governance_upload_only_for_secretariat():
    assert not _run("pages/governance.py").get("file_uploader")
    at = _run("pages/governance.py", role="secretariat")
    _ok(at)
    assert at.get("file_uploader")


def test_accessibility_statement_page_names_status_issues_contact_and_enforcement():
    at = AppTest.from_file(str(ROOT / "pages" / "accessibility.py"), default_timeout=30).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Tilgængelighedserklæring" in [t.value for t in at.title][0]
    for part in ("delvist i overensstemmelse", "WCAG 2.1", "Ikke-tilgængeligt indhold", "Feedback og kontaktoplysninger",
                 "Håndhævelsesprocedure", "Digitaliseringsstyrelsen", "lov nr. 692"):
        assert part in text, part

