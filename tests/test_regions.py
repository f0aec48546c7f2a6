"""All five regions and 98 municipalities, a new event's default list, and the public
pages for a region without process data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from vision import events
from vision.criteria import municipalities

ROOT = Path(__file__).resolve().parent.parent


def test_five_regions_and_98_municipalities_each_in_one_region_with_sources():
    m = municipalities()
    assert list(m.regions) == ["nordjylland", "midtjylland", "syddanmark", "hovedstaden", "sjaelland"]
    counts = {k: len(r.municipalities) for k, r in m.regions.items()}
    assert counts == {"nordjylland": 11, "midtjylland": 19, "syddanmark": 22, "hovedstaden": 29, "sjaelland": 17}
    names = [n for r in m.regions.values() for n in r.municipalities]
    assert len(set(names)) == 98
    assert {"Odense", "Aabenraa", "Ærø", "Fanø"} <= set(m.regions["syddanmark"].municipalities)
    assert {"Roskilde", "Lolland", "Sorø"} <= set(m.regions["sjaelland"].municipalities)
    assert any("kommunale inddeling" in s.title for s in m.sources)
    assert any("regioner" in s.title for s in m.sources)
    assert any("Danmarks Statistik" in s.title for s in m.sources)


def test_a_municipality_in_two_regions_is_refused(tmp_path):
    from vision.datafiles import DataFileError

    text = (ROOT / "data" / "municipalities.yaml").read_text(encoding="utf-8")
    (tmp_path / "municipalities.yaml").write_text(text.replace("      - Sorø\n", "      - Sorø\n      - Odense\n"),
                                                  encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        municipalities.__wrapped__(tmp_path)
    assert "Odense" in str(err.value)


def test_a_new_syddanmark_event_lists_its_municipalities_council_and_user_organisations(store):
    event_id = events.create_event(store, "anna", code="SYD25", title="Visionsdag Syddanmark", region="syddanmark")
    units = events.units(store, event_id)
    m = municipalities()
    assert units == [*m.regions["syddanmark"].municipalities, "Region Syddanmark", *m.user_organisations]
    assert "Aalborg" not in units


@pytest.mark.parametrize("script, key, what", [("pages/timeline.py", "tl_region", "procesdata"),
                                               ("pages/governance.py", "gov_region", "styringsdata")])
@pytest.mark.parametrize("region, name", [("syddanmark", "Syddanmark"), ("sjaelland", "Sjælland")])
def test_a_region_without_data_says_so(script, key, what, region, name, tmp_path, monkeypatch):
    monkeypatch.setenv("VISIONSDAG_UPLOAD_DIR", str(tmp_path / "uploads"))
    at = AppTest.from_file(str(ROOT / script), default_timeout=30)
    at.query_params["region"] = region
    at.run()
    assert not at.exception and not at.error
    assert at.radio(key=key).value == region
    assert f"Der er endnu ingen {what} for Region {name}." in at.info[0].value
    assert not at.get("plotly_chart")
