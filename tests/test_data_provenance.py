"""Every fact in data/ is sourced, assumed or inferred (vision/provenance.py), and the facts
the sources word are their words: the vision test's nine questions and the paradoxes of
the politicians' cards, a question completed only where the source cuts a word off (and the
phone says so); North Jutland's approval beyond the sources is marked assumed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from vision.datafiles import load_yaml
from vision.governance import Governance
from vision.provenance import unmarked

ROOT = Path(__file__).resolve().parent.parent
DATA = sorted((ROOT / "data").rglob("*.yaml"))
SEEDS = Path("/work/shared/seeds")
SEED_DIR = next((p for p in (ROOT / "docs" / "seeds", SEEDS) if p.is_dir()), None)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _seed(name: str) -> list[str]:
    if SEED_DIR is None or not (SEED_DIR / name).exists():
        pytest.skip("the seed documents are not on this machine")
    return (SEED_DIR / name).read_text(encoding="utf-8").splitlines()


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", DATA, ids=[str(p.relative_to(ROOT / "data")) for p in DATA])
def test_every_fact_is_sourced_assumed_or_inferred(path):
    data = _load(path)
    assert data.get("sources"), f"{path.name} lists no sources"
    assert unmarked(data) == [], f"{path.name}: facts marked neither sourced nor assumed"


def test_the_check_fails_on_an_unmarked_fact_and_a_citation_of_no_source():
    data = {"sources": [{"id": "s1", "seed": "x.txt", "covers": ["programme"]}], "title": "Dag",
            "programme": [{"title": "Åbning"}],
            "bodies": [{"id": "a", "cite": "s1:3"}, {"id": "b"}, {"id": "c", "assumed": "appens"},
                       {"id": "d", "inferred": "læst ud af linje 4"}, {"id": "e", "cite": "s9"}]}
    assert unmarked(data) == ["title", "bodies[1] b", "bodies[4].cite: no source 's9' in the file's sources"]
    data["assumptions"] = {"title": "appens navn for dagen"}
    assert unmarked(data)[0] == "bodies[1] b"


def test_the_nine_questions_are_the_seeds_words_and_each_repair_is_recorded():
    lines = _seed("002_7612ae873fa71417.txt")
    table = dict(line.split("\t", 1) for line in lines[222:232] if "\t" in line)
    criteria = _load(ROOT / "data" / "criteria.yaml")["criteria"]
    assert len(criteria) == 9
    for c in criteria:
        source = table[c["label"]].strip()
        if "repair" in c:
            assert c["repair"]["original"] == source and c["repair"]["repaired"] == c["question"]
            assert c["question"].startswith(source), "a repair only adds what is cut off"
            added = c["question"][len(source):]
            assert added.rstrip("?.") and not added[0].isspace(), (
                f"{c['key']}: a repair completes a word the source cuts off, it adds no mere punctuation")
        else:
            assert c["question"] == source


def test_only_the_cut_off_question_is_said_to_be_completed_on_the_phone():
    from vision.criteria import default_criteria
    from vision.ui.scoring import criterion_data

    crits = default_criteria()
    assert {c.key: c.source_words for c in crits if c.source_words} == {
        "formidling": "Kan alle anerkende visionen og gøre den til deres ege"}
    notes = {c.key: criterion_data(c, "da")["note"] for c in crits}
    assert notes.pop("formidling") == ("Spørgsmålet er afskåret i kilden (»Kan alle anerkende visionen og gøre "
                                       "den til deres ege«) og fuldendt her.")
    assert set(notes.values()) == {None}
    assert criterion_data(crits[0], "en")["note"] is None


def test_the_paradoxes_are_the_politicians_cards():
    cards = _words(" ".join(_seed("002_7612ae873fa71417.txt")[291:337]))
    paradoxes = _load(ROOT / "data" / "events" / "temadag-2017.yaml")["paradoxes"]
    assert len(paradoxes) == 2
    for p in paradoxes:
        texts = [p["title"], p["left"]["label"], p["right"]["label"], *p["left"]["arguments"],
                 *p["right"]["arguments"], *re.split(r"(?<=\?) ", _words(p["question"]))]
        for text in texts:
            assert _words(text) in cards, f"not on the cards: {text!r}"


def test_north_jutlands_approval_and_socialstyrelsen_are_marked_assumed():
    gov = load_yaml(ROOT / "data" / "governance" / "nordjylland.yaml", Governance)
    bodies = {b.id: b for b in gov.bodies}
    assert bodies["socialstyrelsen"].is_assumed
    assert all(b.is_assumed for b in gov.bodies if b.id in {"kommunalbestyrelser", "regionsraad"})
    approving = [s for s in gov.draft_path if re.search(r"godkend|Socialstyrelsen", s.action, re.I)]
    assert approving and all(s.is_assumed for s in approving)
    sourced = [s for s in gov.draft_path if not s.is_assumed]
    assert any("KKR" in s.action or "kkr" in s.bodies for s in sourced)


def _figure(region: str):
    from vision.charts.governance import governance_figure
    gov = load_yaml(ROOT / "data" / "governance" / f"{region}.yaml", Governance)
    return gov, governance_figure(gov)


def test_the_map_draws_north_jutlands_assumed_bodies_and_links_dashed_with_a_legend():
    gov, fig = _figure("nordjylland")
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert "antaget – står ikke i kilderne" in legend
    hollow = [s for s in fig.layout.shapes if s.type == "rect" and s.line.dash == "dash"]
    assert len(hollow) == sum(b.is_assumed for b in gov.bodies) == 3
    assert all(s.fillcolor == "white" for s in hollow)
    dashed_lines = [s for s in fig.layout.shapes if s.type == "line" and s.line.dash == "dash"]
    assert dashed_lines, "the assumed links to the councils and Socialstyrelsen are dashed"
    sourced = {frozenset((r.source, r.target)) for r in gov.relations if not (r.is_assumed or r.is_inferred)}
    assert len([s for s in fig.layout.shapes if s.type == "line" and s.line.dash == "solid"]) >= 1 and sourced


def test_the_map_draws_midtjyllands_inferred_links_dotted_with_a_legend():
    gov, fig = _figure("midtjylland")
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert "udledt af kilderne" in legend and "antaget – står ikke i kilderne" not in legend
    dotted = [s for s in fig.layout.shapes if s.type == "line" and s.line.dash == "dot"]
    assert dotted and len(dotted) <= sum(r.is_inferred for r in gov.relations)


def test_the_timeline_names_an_assumed_phase_on_the_chart():
    from vision.charts.timeline import timeline_figure
    from vision.datafiles import parse_yaml
    from vision.processes import Process

    text = (ROOT / "data" / "processes" / "nordjysk-socialaftale-2021-2022.yaml").read_text(encoding="utf-8")
    sourced = parse_yaml(text, Process, "x.yaml")
    assumed = parse_yaml(text.replace("    when_text: sommeren 2020\n",
                                      "    when_text: sommeren 2020\n    assumed: for testens skyld\n"),
                         Process, "x.yaml")
    assert not any("antaget" in str(t.y) for t in timeline_figure(sourced).data)
    labels = [str(t.y[0]) for t in timeline_figure(assumed).data if t.y is not None and len(t.y)]
    assert any("Behandling i KKR" in y and "antaget – står ikke i kilderne" in y for y in labels)


def test_an_events_cut_off_question_keeps_the_sources_words_until_the_organiser_rewords_it(store):
    from vision import events

    ev = events.get_event(store, "TEMA17")
    words = lambda: {c.key: c.source_words for c in events.event_content(store, ev.id)["criteria"]  # noqa: E731
                     if c.source_words}
    assert words() == {"formidling": "Kan alle anerkende visionen og gøre den til deres ege"}
    rows = [(c.key, c.label, c.question) for c in events.event_content(store, ev.id)["criteria"]]
    events.set_criteria(store, "anna", ev.id, rows)
    assert words() == {"formidling": "Kan alle anerkende visionen og gøre den til deres ege"}
    events.set_criteria(store, "anna", ev.id, [(k, label, "Kan alle se sig selv i visionen?" if k == "formidling"
                                                 else qu) for k, label, qu in rows])
    assert words() == {}
