"""Every page rendered in English (AppTest) shows no Danish-only interface text.

What a page shows is split into the interface (its own words) and data (the events'
titles, drafts, municipality names, process timelines …, which stay as the organiser or
the source documents wrote them). Every data string is first removed from a page's text:
the values of every file in ``data/`` and every text of the demo events in the database.
What remains must not look Danish: no æ, ø or å, and none of a list of common Danish
words that are not also English words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.apptest import AppTest, app_db  # noqa: F401  (fixture)
from vision import events, participants
from vision.model import ROUND_KINDS

ROOT = Path(__file__).resolve().parent.parent
DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
# Common Danish words that are not English words (whole words, case-insensitive).
DANISH_WORDS = {
    "og", "ikke", "eller", "skal", "kan", "ingen", "alle", "til", "med", "af", "på", "der", "den", "det",
    "som", "er", "har", "vil", "fra", "efter", "før", "hvis", "når", "runde", "runder", "forslag",
    "deltagere", "deltager", "begivenhed", "begivenheden", "vælg", "gem", "slet", "tilføj", "kommune", "kommuner",
    "svar", "sider", "gruppe", "grupper", "kriterier", "godkendt", "skjult", "afventer", "lukket", "åben",
    "planlagt", "dagens", "bord", "visionstesten", "paradokser", "formulér", "eksempel", "ja", "nej", "ved", "hvor", "hvad", "hvordan", "mindst", "højst",
}
WORD = re.compile(r"[A-Za-zÆØÅæøå]+")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def data_strings(store) -> list[str]:
    """Every text that is data, longest first (so a long one is removed before its parts)."""
    found: set[str] = set()
    for path in (ROOT / "data").rglob("*.yaml"):
        found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for e in events.list_events(store):
        c = events.event_content(store, e.id)
        found.update(filter(None, (e.title, e.place, e.description, e.code)))
        found.update(c["units"])
        for p in c["programme"]:
            found.update(filter(None, (p.title, p.detail)))
        for k in c["criteria"]:
            found.update((k.label, k.question))
        for p in c["paradoxes"]:
            found.update(filter(None, (p.title, p.question, p.left_label, p.right_label, *p.left_args, *p.right_args)))
        for f in c["focus_areas"]:
            found.update(filter(None, (f.title, f.description)))
        for d in c["drafts"]:
            found.update(filter(None, (d.text, d.label)))
            # A draft's text shortened at a word (charts.results.short_text) shows its start: data too.
            words = " ".join(d.text.split()).split(" ")
            found.update(" ".join(words[:k]) for k in range(3, len(words)))
        # An organiser's round titles are data; the app's default titles are interface text.
        found.update(r.title for r in c["rounds"] if events.round_title(r.title, r.kind, "en") == r.title)
    from vision.texts import ELEMENTS

    found.update(name for name, _question in ELEMENTS)   # the seed's names of a vision's elements
    pieces = {s.strip() for s in found if s and s.strip()} - set(ROUND_KINDS.values())
    # A long text is also shown split in lines or sentences.
    pieces |= {line.strip() for s in list(pieces) for line in s.splitlines() if line.strip()}
    return sorted(pieces, key=len, reverse=True)


def shown_text(at: AppTest) -> list[str]:
    """The texts a visitor sees: elements' values, widgets' labels, help, options and placeholders."""
    out: list[str] = []

    def visit(node):
        proto = getattr(node, "proto", None)
        for attr in ("value", "label", "body", "help", "placeholder", "caption"):
            v = getattr(proto, attr, None) if proto is not None else None
            if isinstance(v, str) and v:
                out.append(v)
        for attr in ("options",):
            opts = getattr(proto, attr, None) if proto is not None else None
            if opts:
                out.extend(str(o) for o in opts)
        v = getattr(node, "value", None)
        if isinstance(v, str) and v:
            out.append(v)
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) \
                else []:
            visit(child)

    visit(at._tree)
    return out


MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")         # md_literal escapes all ASCII punctuation


def data_pattern(data: list[str]) -> re.Pattern:
    """Any data string as a whole (not inside a word), longest first."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(d) for d in data) + r")(?!\w)")


def danish_left(texts: list[str], data: list[str]) -> list[str]:
    """Each text that still looks Danish after the data in it is removed, with the giveaway."""
    pattern = data_pattern(data)
    bad = []
    for text in texts:
        if text.lstrip().startswith("<style"):
            continue                                    # the page's CSS
        rest = pattern.sub(" ", MD_ESCAPE.sub(r"\1", text.replace("\u2060", "")))
        # Links, code, icons, and Danish quoted on purpose (“for få svar”: what a Danish export says).
        rest = re.sub(r"https?://\S+|`[^`]*`|:material/[a-z_]+:|“[^”]*”", " ", rest)
        giveaway = DANISH_LETTERS.search(rest)
        words = [w for w in WORD.findall(rest) if w.lower() in DANISH_WORDS]
        if giveaway or words:
            bad.append(f"{(giveaway.group(0) if giveaway else words[0])!r} in {text[:160]!r}")
    return sorted(set(bad))


def english(script: str, role: str | None = None, params: dict | None = None, setup=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.session_state["lang"] = "en"
    if role:
        at.session_state["role"] = role
        at.session_state["username"] = f"test-{role}"
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


PAGES = [
    ("pages/home.py", None, {}),
    ("pages/timeline.py", None, {}),
    ("pages/governance.py", None, {}),
    ("pages/vote.py", None, {"e": "VISION20"}),
    ("pages/setup.py", "organiser", {"event": "TEMA17"}),
    ("pages/control.py", "organiser", {"event": "TEMA17"}),
    ("pages/projector.py", "organiser", {"event": "VISION20"}),
    ("pages/review.py", "secretariat", {"event": "TEMA17"}),
    ("pages/admin.py", "admin", {}),
    ("pages/account.py", None, {}),
    ("pages/privacy.py", None, {"e": "VISION20"}),
]


@pytest.mark.parametrize("script, role, params", PAGES,
                         ids=[(p.values if hasattr(p, "values") else p)[0].split("/")[1] for p in PAGES])
def test_every_page_in_english_shows_no_danish_interface_text(app_db, script, role, params, tmp_path, monkeypatch):
    monkeypatch.setenv("VISIONSDAG_UPLOAD_DIR", str(tmp_path / "uploads"))
    at = english(script, role, params)
    assert not at.exception, [e.value for e in at.exception]
    left = danish_left(shown_text(at), data_strings(app_db))
    assert not left, "\n".join(left)


def test_a_joined_phone_in_english_shows_no_danish_interface_text(app_db):
    event = events.get_event(app_db, "VISION20")
    token = participants.join_open(app_db, event, "politiker", "Aalborg")
    for rnd in events.rounds(app_db, event.id):
        events.open_round(app_db, "t", event.id, rnd.id)
    at = english("pages/vote.py", params={"e": "VISION20", "t": token})
    assert not at.exception, [e.value for e in at.exception]
    left = danish_left(shown_text(at), data_strings(app_db))
    assert not left, "\n".join(left)


def test_the_check_finds_danish_interface_text_but_not_data():
    data = ["Læsø", "Visionsdag – Nordjysk Socialaftale"]
    assert danish_left(["Choose Læsø", "Visionsdag – Nordjysk Socialaftale (3 Feb)"], data) == []
    assert danish_left(["Gem svaret"], data) and danish_left(["Round 1 er lukket"], data)
    assert danish_left(["Vælg"], data)
    assert danish_left(["Nuværende vision 2018\\-2020 shown"], ["Nuværende vision 2018-2020"]) == []
    assert danish_left(["Small groups read “for få svar”."], data) == []
