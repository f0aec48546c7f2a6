"""Process files: exact errors for broken files, every repo file loads and draws."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml

from vision import processes as proc
from vision.charts.timeline import timeline_figure, today_note, wheel_figure
from vision.datafiles import DataFileError, parse_yaml
from vision.processes import Process

GOOD = textwrap.dedent("""\
    id: test
    region: nordjylland
    title: Test
    phases:
      - title: Drøftelse
        start: 2019-11
        end: 2020-01-20
        precision: month
    milestones:
      - title: Frist
        date: 2020-01-20
        kind: deadline
      - title: Visionsdag
        date: 2020-02-03
        kind: vision_day
        event: VISION20
    """)


def _error(text: str) -> str:
    with pytest.raises(DataFileError) as info:
        parse_yaml(text, Process, "test.yaml")
    return str(info.value)


def test_good_file():
    p = parse_yaml(GOOD, Process, "test.yaml")
    assert p.phases[0].start_date == dt.date(2019, 11, 1)
    assert p.phases[0].start_month_only and not p.phases[0].end_month_only
    assert p.vision_days[0].event == "VISION20"
    assert proc.phase_when(p.phases[0]) == "november 2019 – 20. januar 2020"


def test_missing_field():
    text = GOOD.replace("  - title: Frist\n", "  - kind: milestone\n")
    assert _error(text) == "test.yaml, linje 10, felt 'milestones.0.title': feltet mangler"


def test_impossible_date():
    text = GOOD.replace("date: 2020-02-03", "date: 2020-02-30")
    assert _error(text) == (
        "test.yaml, linje 14, felt 'milestones.1.date': "
        "ugyldig dato: '2020-02-30' findes ikke i kalenderen"
    )


def test_impossible_month():
    text = GOOD.replace("start: 2019-11", "start: 2019-13")
    assert _error(text) == (
        "test.yaml, linje 6, felt 'phases.0.start': ugyldig dato: '2019-13' – måneden skal være 01-12"
    )


def test_month_without_precision():
    text = GOOD.replace("    precision: month\n", "")
    assert _error(text) == (
        "test.yaml, linje 6, felt 'phases.0.start': '2019-11' er kun en måned – skriv en hel "
        "dato (ÅÅÅÅ-MM-DD) eller tilføj 'precision: month'"
    )


def test_precision_month_without_a_month_date():
    text = GOOD.replace("start: 2019-11", "start: 2019-11-01")
    assert _error(text) == (
        "test.yaml, linje 8, felt 'phases.0.precision': 'precision: month' er angivet, men alle "
        "datoer har en dag – skriv måneden som ÅÅÅÅ-MM eller fjern 'precision'"
    )


def test_end_before_start():
    text = GOOD.replace("end: 2020-01-20", "end: 2019-10-20")
    assert _error(text) == "test.yaml, linje 7, felt 'phases.0.end': slutdatoen ligger før startdatoen"


def test_bad_event_code_and_unknown_field():
    assert _error(GOOD.replace("event: VISION20", "event: vision 20")).startswith(
        "test.yaml, linje 16, felt 'milestones.1.event':")
    assert _error(GOOD.replace("kind: deadline", "kind: deadline\n    farve: rød")) == (
        "test.yaml, linje 13, felt 'milestones.0.farve': ukendt felt")


def test_not_yaml():
    assert _error("id: [test\n").startswith("test.yaml, linje 2: filen er ikke gyldig YAML")


def test_yearly_wheel_must_stay_in_one_year():
    text = GOOD.replace("title: Test\n", "title: Test\ncycle: yearly\n")
    assert _error(text) == (
        "test.yaml, linje 6, felt 'phases.0': et årshjul skal ligge inden for ét kalenderår (2019)"
    )


def test_month_formatting():
    assert proc.format_span(dt.date(2017, 1, 1), True, dt.date(2017, 2, 28), True) == "januar–februar 2017"
    assert proc.format_date(dt.date(2020, 2, 3)) == "3. februar 2020"
    assert proc.format_date(dt.date(2020, 2, 3), lang="en") == "3 February 2020"


# -- the repository's files ---------------------------------------------------------

def test_four_regional_processes():
    ids = {item.id for item in proc.load_processes()}
    assert ids == {"nordjylland-rammeaftale-2018", "nordjysk-socialaftale-2021-2022",
                   "midtjylland-aarshjul", "hovedstaden-faelles-maal-2016"}


def test_facts_from_the_sources():
    by_id = {item.id: item.model for item in proc.load_processes()}
    ns = by_id["nordjysk-socialaftale-2021-2022"]
    dates = {m.title: m.start_date for m in ns.milestones}
    assert dates["Frist for skriftlig tilbagemelding til sekretariatet"] == dt.date(2020, 1, 20)
    assert [m.start_date for m in ns.vision_days] == [dt.date(2020, 2, 3)]
    assert {m.start_date for m in ns.milestones if m.kind == "meeting"} == {
        dt.date(2020, 1, 8), dt.date(2020, 1, 14), dt.date(2020, 1, 17), dt.date(2020, 1, 21)}
    nj = by_id["nordjylland-rammeaftale-2018"]
    assert nj.milestones[0].start_date == dt.date(2016, 10, 24)
    assert nj.vision_days[0].start_date == dt.date(2017, 4, 28) and nj.vision_days[0].event == "TEMA17"
    wheel = by_id["midtjylland-aarshjul"]
    assert wheel.cycle == "yearly"
    assert any(m.start_date.month == 10 and m.start_date.day == 15 for m in wheel.milestones)
    hs = by_id["hovedstaden-faelles-maal-2016"]
    assert [p.title.split(":")[0] for p in hs.phases] == ["Fase 1", "Fase 2", "Fase 3", "Fase 4"]
    assert hs.start_date == dt.date(2015, 10, 1)


def test_linked_events_exist():
    codes = {yaml.safe_load(p.read_text(encoding="utf-8"))["code"]
             for p in (proc.DATA_DIR / "events").glob("*.yaml")}
    for item in proc.load_processes():
        for m in item.model.milestones:
            if m.event:
                assert m.event in codes


@pytest.mark.parametrize("item", proc.load_processes(), ids=lambda i: i.id)
def test_every_process_names_known_bodies_and_renders(item):
    gov = proc.governance_for(item.model.region)
    text = item.path.read_text(encoding="utf-8")
    proc.check_process_against_governance(item.model, text, item.path.name, gov)
    for large in (False, True):
        fig = timeline_figure(item.model, governance=gov, today=dt.date(2020, 1, 10), large=large)
        assert len(fig.data) >= len(item.model.phases) + len(item.model.milestones)
        if item.model.cycle == "yearly":
            wfig = wheel_figure(item.model, governance=gov, today=dt.date(2025, 3, 1), large=large)
            assert sum(t.type == "barpolar" for t in wfig.data) == len(item.model.phases)


def test_today_line_and_vision_day_highlight():
    by_id = {item.id: item.model for item in proc.load_processes()}
    ns = by_id["nordjysk-socialaftale-2021-2022"]
    fig = timeline_figure(ns, today=dt.date(2020, 1, 10))
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == "2020-01-10"
    assert any("Visionsdag" in a.text for a in fig.layout.annotations)
    stars = [t for t in fig.data if t.type == "scatter" and t.marker.symbol == "star"]
    assert len(stars) == 1
    # long after the process: no line squeezing the chart, but a sentence instead
    later = timeline_figure(ns, today=dt.date(2026, 1, 1))
    assert not [s for s in later.layout.shapes if s.type == "line"]
    assert today_note(ns, dt.date(2026, 1, 1)) == "I dag (1. januar 2026) ligger efter processen."


def test_month_only_milestone_is_drawn_as_a_month():
    by_id = {item.id: item.model for item in proc.load_processes()}
    nj = by_id["nordjylland-rammeaftale-2018"]
    fig = timeline_figure(nj, today=dt.date(2017, 1, 15))
    workshop = [t for t in fig.data if t.type == "scatter" and "Workshop" in (t.name or "")]
    assert workshop and workshop[0].marker.symbol.endswith("-open")


def test_wheel_yearly_shift_to_today():
    wheel = next(i.model for i in proc.load_processes() if i.id == "midtjylland-aarshjul")
    moved = wheel.shifted_to_year(2031)
    assert {p.start_date.year for p in moved.phases} == {2031}
    fig = timeline_figure(wheel, today=dt.date(2031, 5, 1))
    assert [s.x0 for s in fig.layout.shapes if s.type == "line"] == ["2031-05-01"]


# -- uploads ------------------------------------------------------------------------

@pytest.fixture
def uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("VISIONSDAG_UPLOAD_DIR", str(tmp_path))
    return tmp_path


def _repo_text(file_id: str, kind: str = "processes") -> str:
    base = proc.PROCESS_DIR if kind == "processes" else proc.GOVERNANCE_DIR
    return (base / f"{file_id}.yaml").read_text(encoding="utf-8")


def test_upload_replaces_and_reverts(uploads):
    text = _repo_text("nordjysk-socialaftale-2021-2022").replace(
        "title: Nordjysk Socialaftale 2021-2022\n", "title: Rettet titel\n", 1)
    proc.save_upload("processes", "min-fil.yaml", text.encode())
    active = {i.id: i for i in proc.load_processes()}
    assert active["nordjysk-socialaftale-2021-2022"].uploaded
    assert active["nordjysk-socialaftale-2021-2022"].model.title == "Rettet titel"
    assert proc.revert_upload("processes", "nordjysk-socialaftale-2021-2022")
    assert not {i.id: i for i in proc.load_processes()}["nordjysk-socialaftale-2021-2022"].uploaded


def test_broken_upload_changes_nothing(uploads):
    good = _repo_text("nordjysk-socialaftale-2021-2022")
    proc.save_upload("processes", "a.yaml", good.encode())
    before = (uploads / "processes" / "nordjysk-socialaftale-2021-2022.yaml").read_bytes()
    broken = good.replace("date: 2020-02-03", "date: 2020-02-31")
    with pytest.raises(DataFileError) as info:
        proc.save_upload("processes", "rettet.yaml", broken.encode())
    assert str(info.value).startswith("rettet.yaml, linje ")
    assert "felt 'milestones.5.date': ugyldig dato: '2020-02-31' findes ikke i kalenderen" in str(info.value)
    assert (uploads / "processes" / "nordjysk-socialaftale-2021-2022.yaml").read_bytes() == before
    assert [p.name for p in (uploads / "processes").iterdir()] == ["nordjysk-socialaftale-2021-2022.yaml"]


def test_upload_with_unknown_responsible_body(uploads):
    text = _repo_text("nordjysk-socialaftale-2021-2022").replace("responsible: sekretariat\nphases",
                                                                 "responsible: sekretariatet\nphases")
    with pytest.raises(DataFileError) as info:
        proc.save_upload("processes", "x.yaml", text.encode())
    line = text.splitlines().index("responsible: sekretariatet") + 1
    assert str(info.value) == (f"x.yaml, linje {line}, felt 'responsible': ukendt organ 'sekretariatet' – "
                               "det findes ikke i styringsfilen for Nordjylland")
    assert not (uploads / "processes").exists() or not any((uploads / "processes").iterdir())


def test_upload_with_unknown_id(uploads):
    text = _repo_text("midtjylland-aarshjul").replace("id: midtjylland-aarshjul", "id: ny-proces")
    with pytest.raises(DataFileError) as info:
        proc.save_upload("processes", "x.yaml", text.encode())
    line = text.splitlines().index("id: ny-proces") + 1
    assert str(info.value).startswith(f"x.yaml, linje {line}, felt 'id': ukendt id 'ny-proces'")


def test_governance_upload_may_not_drop_a_used_body(uploads):
    text = _repo_text("nordjylland", "governance")
    start = text.index("  - id: visionsdag")
    end = text.index("  - id: kommunalbestyrelser")
    text = text[:start] + text[end:]
    text = "\n".join(line for line in text.splitlines()
                     if "to: visionsdag" not in line and "from: visionsdag" not in line) + "\n"
    with pytest.raises(DataFileError) as info:
        proc.save_upload("governance", "nordjylland.yaml", text.encode())
    assert "organet 'visionsdag' mangler, men procesfilen 'nordjysk-socialaftale-2021-2022.yaml'" \
        in str(info.value)


def test_upload_not_utf8(uploads):
    with pytest.raises(DataFileError) as info:
        proc.save_upload("processes", "x.yaml", "titel: æ".encode("latin-1"))
    assert str(info.value) == "x.yaml: filen er ikke UTF-8-kodet"
