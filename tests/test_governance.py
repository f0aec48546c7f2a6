"""Governance files: schema errors name file, line and field; the map's layout is clean."""

from __future__ import annotations

import textwrap

import pytest

from vision.charts.governance import governance_figure
from vision.charts.governance_layout import PHONE, PROJECTOR, compute_layout, overlapping_labels, wrap_label
from vision.datafiles import DataFileError, parse_yaml
from vision.governance import Governance, relation_sentences
from vision.processes import GOVERNANCE_DIR, load_governance, repo_files

GOOD = textwrap.dedent("""\
    id: test
    region: test
    title: Test
    bodies:
      - id: kkr
        name: KKR
        level: political
      - id: sek
        name: Sekretariatet
        level: secretariat
      - id: das
        name: DAS
        level: administrative
    relations:
      - {from: sek, to: das, type: prepares_for}
      - {from: das, to: kkr, type: prepares_for}
    draft_path:
      - bodies: sek
        action: Skriver udkastet
      - bodies: das
        action: Godkender
      - bodies: kkr
        action: Godkender
    """)


def _error(text: str) -> str:
    with pytest.raises(DataFileError) as info:
        parse_yaml(text, Governance, "test.yaml")
    return str(info.value)


def test_good_file_loads():
    gov = parse_yaml(GOOD, Governance, "test.yaml")
    assert [b.id for b in gov.bodies] == ["kkr", "sek", "das"]
    assert gov.draft_edges() == {frozenset(("sek", "das")), frozenset(("das", "kkr"))}


def test_missing_field_names_the_item_line():
    text = GOOD.replace("    name: Sekretariatet\n", "")
    assert _error(text) == "test.yaml, linje 8, felt 'bodies.1.name': feltet mangler"


def test_relation_to_unknown_body():
    text = GOOD.replace("{from: das, to: kkr,", "{from: das, to: kkrr,")
    assert _error(text) == (
        "test.yaml, linje 16, felt 'relations.1.to': "
        "ukendt organ 'kkrr' – der findes intet organ med dette id"
    )


def test_relation_from_unknown_body():
    text = GOOD.replace("{from: sek, to: das,", "{from: sekr, to: das,")
    assert _error(text) == (
        "test.yaml, linje 15, felt 'relations.0.from': "
        "ukendt organ 'sekr' – der findes intet organ med dette id"
    )


def test_duplicate_body():
    text = GOOD.replace("  - id: das\n    name: DAS", "  - id: kkr\n    name: DAS")
    assert _error(text) == (
        "test.yaml, linje 11, felt 'bodies.2.id': "
        "organet 'kkr' findes allerede; hvert organ skal have sit eget id"
    )


def test_unknown_level():
    text = GOOD.replace("level: political", "level: politisk")
    assert _error(text) == "test.yaml, linje 7, felt 'bodies.0.level': ugyldig værdi"


def test_draft_path_needs_a_relation_between_steps():
    text = GOOD.replace("  - {from: das, to: kkr, type: prepares_for}\n", "")
    assert _error(text) == (
        "test.yaml, linje 21, felt 'draft_path.2.bodies': ingen relation mellem 'das' og "
        "'kkr' – tilføj en relation, så udkastets vej kan tegnes"
    )


def test_draft_path_unknown_body():
    text = GOOD.replace("  - bodies: das\n", "  - bodies: dass\n")
    assert _error(text) == (
        "test.yaml, linje 20, felt 'draft_path.1.bodies.0': "
        "ukendt organ 'dass' – der findes intet organ med dette id"
    )


def test_relation_to_itself_and_duplicate_relation():
    text = GOOD.replace("{from: das, to: kkr,", "{from: das, to: das,")
    assert "en relation kan ikke gå fra et organ til sig selv" in _error(text)
    text = GOOD.replace("draft_path:", "  - {from: das, to: kkr, type: prepares_for}\ndraft_path:")
    assert _error(text) == (
        "test.yaml, linje 17, felt 'relations.2': "
        "relationen 'das' → 'kkr' (prepares_for) står der to gange"
    )


# -- the repository's files ---------------------------------------------------------

def test_one_governance_file_per_region():
    regions = {item.model.region for item in load_governance()}
    assert regions == {"nordjylland", "midtjylland", "hovedstaden"}
    assert len(repo_files("governance")) == 3


@pytest.mark.parametrize("path", repo_files("governance"), ids=lambda p: p.name)
def test_repo_file_has_no_dangling_relation(path):
    gov = parse_yaml(path.read_text(encoding="utf-8"), Governance, path.name)
    assert gov.dangling_relations() == []
    g = gov.graph()
    ids = {b.id for b in gov.bodies}
    assert set(g.nodes) == ids
    assert all(u in ids and v in ids for u, v, _k in g.edges(keys=True))
    # every body takes part in at least one relation (no island on the map)
    assert all(g.degree(b) > 0 for b in ids)
    # the draft path starts at the secretariat and is connected end to end
    assert gov.draft_path and gov.body(gov.draft_path[0].bodies[0]).level == "secretariat"
    assert len(gov.draft_edges()) >= len(gov.draft_path) - 1


@pytest.mark.parametrize("path", repo_files("governance"), ids=lambda p: p.name)
@pytest.mark.parametrize("spec", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_repo_file_renders_without_overlapping_labels(path, spec):
    gov = parse_yaml(path.read_text(encoding="utf-8"), Governance, path.name)
    layout = compute_layout(gov, spec)
    assert overlapping_labels(layout) == []
    for box in layout.boxes.values():  # inside the figure's width
        assert 0 <= box.x0 and box.x1 <= spec.width
    fig = governance_figure(gov, selected=gov.bodies[0].id, spec=spec)
    nodes = fig.data[0]
    assert list(nodes.customdata) == [b.id for b in gov.bodies]


def test_midtjylland_has_about_fifteen_bodies_and_no_overlap():
    gov = parse_yaml((GOVERNANCE_DIR / "midtjylland.yaml").read_text(encoding="utf-8"),
                     Governance, "midtjylland.yaml")
    assert len(gov.bodies) >= 15
    layout = compute_layout(gov, PHONE)
    assert overlapping_labels(layout) == []
    # layers: political above administrative above secretariat/networks
    y = {b: layout.boxes[b].y for b in layout.boxes}
    assert max(y["kkr"], y["kommunalbestyrelser"]) < min(y["dassos"], y["fu"], y["kdnet"])
    assert max(y["dassos"], y["fu"], y["kdnet"]) < min(y["sekretariat"], y["chefnetvaerk"])
    # the draft path, step by step
    steps = [s.bodies for s in gov.draft_path]
    assert steps[0] == ["sekretariat"] and steps[-1] == ["socialstyrelsen"]
    assert ["kommunalbestyrelser", "regionsraad"] in steps


def test_overlap_detector_detects_overlap():
    from vision.charts.governance_layout import Box, Layout
    a = Box("a", ("A",), 50, 50, 40, 20, 1)
    b = Box("b", ("B",), 70, 55, 40, 20, 1)
    assert overlapping_labels(Layout({"a": a, "b": b}, [], 100, 100, [], PHONE)) == [("a", "b")]


def test_wrap_label_uses_soft_hyphen_and_width():
    assert wrap_label("Politiker\u00adkonference", 13) == ("Politiker-", "konference")
    assert wrap_label("Byråd (19 kommuner)", 13) == ("Byråd (19", "kommuner)")
    assert all(len(line) <= 15 for line in wrap_label("Embedsmandsudvalgetforsocialområdet", 13))


def test_relation_sentences_are_danish():
    gov = parse_yaml(GOOD, Governance, "test.yaml")
    assert relation_sentences(gov, "das") == [
        "Sekretariatet forbereder sager for DAS", "DAS forbereder sager for KKR"]
