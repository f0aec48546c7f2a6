"""The phone's page in the designed day: the question card above the task, the challenges
round, the politicians' starting point and the writing checklist saved with the draft."""

from __future__ import annotations

import time

from tests.apptest import run, texts
from tests.support.day_design import open_slot, participant, set_up_day
from vision import challenges, draft_kinds


def _phone(day, name):
    at = run("pages/vote.py", params={"e": day.code, "t": day.tokens[name]})
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_card_of_the_tables_focus_area_is_above_the_task_with_its_help_folded(app_db):
    day = set_up_day(app_db, open_tasks=("challenges",))
    at = _phone(day, "off1")
    shown = texts(at)
    assert "Spørgsmål kort – runde 1" in [s.value.replace("\\", "") for s in at.subheader]
    assert "1) Hvilke udfordringer oplever I omkring borgerens egenmestring?" in shown
    assert "Socialfagligt fokus på beskæftigelse" not in shown          # another table's card
    help_box = [e for e in at.expander if e.label == "Hjælpespørgsmål og eksempler"]
    assert len(help_box) == 1
    assert "spærgøvelse" in "\n".join(m.value for m in help_box[0].markdown)
    # the card comes before the task
    md = [m.value for m in at.markdown]
    card_at = next(i for i, v in enumerate(md) if "borgerens egenmestring?" in v)
    assert card_at < md.index("**Bordets udfordringer**")


def test_an_official_adds_a_challenge_and_the_chair_chooses_three(app_db):
    day = set_up_day(app_db, open_tasks=("challenges",))
    at = _phone(day, "off1")
    at.button[[b.label for b in at.button].index("Tilføj udfordringen")].click().run()
    assert "Teksten må ikke være tom." in [e.value for e in at.error]       # nothing typed: refused
    at.text_area(key=f"chnew{day.rounds['challenges']}_0").input("Forskellige serviceniveauer")
    at.button[[b.label for b in at.button].index("Tilføj udfordringen")].click().run()
    assert not at.exception
    assert at.text_area(key=f"chnew{day.rounds['challenges']}_1").value == ""   # an empty field for the next
    assert "Forskellige serviceniveauer" in texts(at)
    assert "Udfordringen er tilføjet bordets liste." in texts(at)
    for i in range(3):
        challenges.add(app_db, participant(app_db, day, "off1"), day.tokens["off1"], day.rounds["challenges"],
                       f"Udfordring {i}")
    chair = _phone(day, "chair1")
    boxes = [c for c in chair.checkbox if c.key.startswith(f"chpick{day.rounds['challenges']}_")]
    assert len(boxes) == 4
    boxes[0].check()
    boxes[1].check()
    chair.button[[b.label for b in chair.button].index("Gem bordets 3 valg")].click().run()
    assert "Vælg præcis 3 udfordringer (du har valgt 2)." in [e.value for e in chair.error]
    chair.checkbox(key=boxes[3].key).check()
    chair.button[[b.label for b in chair.button].index("Gem bordets 3 valg")].click().run()
    assert not chair.error
    board = challenges.board(app_db, participant(app_db, day, "off1"), day.rounds["challenges"])
    assert [c.text for c in board.chosen] == ["Forskellige serviceniveauer", "Udfordring 0", "Udfordring 2"]


def test_a_politicians_phone_shows_its_focus_areas_chosen_challenges_and_saves_the_checklist(app_db):
    day = set_up_day(app_db, open_tasks=("challenges",))
    ids = [challenges.add(app_db, participant(app_db, day, "off1"), day.tokens["off1"], day.rounds["challenges"],
                          f"Egenmestring {i}") for i in range(3)]
    challenges.choose(app_db, participant(app_db, day, "chair1"), day.tokens["chair1"], day.rounds["challenges"], ids)
    open_slot(app_db, day, ("focus_vision", "mission"), close=("challenges",))
    at = _phone(day, "chair3")
    assert "Embedsværkets udfordringer – Borgerens egenmestring" in [s.value for s in at.subheader]
    assert "Egenmestring 1" in texts(at)
    assert "Vision for fokusområderne" in [s.value for s in at.subheader]
    rid = day.rounds["focus_vision"]
    at.checkbox(key=f"el{rid}_0").check()
    at.checkbox(key=f"el{rid}_6").check()
    at.text_area(key=f"draft{rid}").input("Alle borgere er herre i eget liv inden 2025.")
    at.button(key=f"saved{rid}").click().run()
    assert not at.exception and not at.error
    draft, design = draft_kinds.table_draft(app_db, participant(app_db, day, "chair3"), rid)
    assert draft.text == "Alle borgere er herre i eget liv inden 2025."
    assert (design.kind, design.focus_area_id, design.checklist) == ("focus_vision", day.focus[3], ("HVEM", "HVORNÅR"))
    # a member who is not the chair is told the chair sends it, and has no send button
    member = _phone(day, "pol3")
    assert not [b for b in member.button if b.label == "Indsend bordets forslag"]
    assert any("Kun bordformanden indsender bordets svar" in i.value for i in member.info)


def test_the_days_phones_in_english_show_no_danish_interface_text(app_db):
    from tests.test_english_pages import danish_left, data_strings, english, shown_text

    day = set_up_day(app_db, open_tasks=("challenges",))
    typed = [f"Typed challenge {i}" for i in range(4)]
    ids = [challenges.add(app_db, participant(app_db, day, "off1"), day.tokens["off1"], day.rounds["challenges"], t)
           for t in typed]
    data = data_strings(app_db) + typed
    seen = []
    for name in ("off1", "chair1"):
        at = english("pages/vote.py", params={"e": day.code, "t": day.tokens[name]})
        assert not at.exception, [e.value for e in at.exception]
        seen += shown_text(at)
    challenges.choose(app_db, participant(app_db, day, "chair1"), day.tokens["chair1"], day.rounds["challenges"],
                      ids[:3])
    open_slot(app_db, day, ("focus_vision", "mission"), close=("challenges",))
    # Phones learn of a change within half a second (what they are shown is read at most that
    # often for the whole hall): the first phone is loaded until it shows the new slot.
    deadline = time.monotonic() + 10
    while True:
        at = english("pages/vote.py", params={"e": day.code, "t": day.tokens["chair3"]})
        assert not at.exception, [e.value for e in at.exception]
        if "The officials' challenges – Borgerens egenmestring" in shown_text(at) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    seen += shown_text(at)
    for name in ("pol3", "chair1"):
        at = english("pages/vote.py", params={"e": day.code, "t": day.tokens[name]})
        assert not at.exception, [e.value for e in at.exception]
        seen += shown_text(at)
    assert "The officials' challenges – Borgerens egenmestring" in seen
    left = danish_left(seen, sorted(set(data), key=len, reverse=True))
    assert not left, "\n".join(left)
