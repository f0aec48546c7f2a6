"""No view or export reveals a group below the event's minimum, directly or by subtraction.

Property-based: hypothesis draws random events (group and municipality mixes, answers,
"Ved ikke", skipped criteria, minimum group sizes) and every view and export is checked
against the true counts computed here from the generated answers.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from datetime import datetime
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vision import events, exports, review
from vision.review import breakdowns
from vision.model import GROUPS
from vision.participants import new_token
from vision.review import ALL, OTHER, SUPPRESSED, cells_to_suppress, k_anonymise
from vision.store import queries as q

UNITS = ["Aalborg", "Læsø", "Thisted", "Rebild"]
KEYS = ["retning", "realitet", "fornyelse"]
_codes = itertools.count(1)


def residual_ok(total: int, shown: list[int], minimum: int) -> bool:
    rest = total - sum(shown)
    return rest == 0 or rest >= minimum


# -- the rule itself -----------------------------------------------------------------------
def test_cells_to_suppress_examples():
    assert cells_to_suppress({"a": 10, "b": 8, "c": 1}, 3) == {"c", "b"}      # c alone = total - a - b
    assert cells_to_suppress({"a": 10, "b": 8, "c": 0}, 3) == {"c"}           # nothing to recover
    assert cells_to_suppress({"a": 10, "b": 2, "c": 2}, 3) == {"b", "c"}      # together 4 >= 3
    assert cells_to_suppress({"a": 2}, 3) == {"a"}
    assert cells_to_suppress({"a": 3, "b": 3}, 3) == set()


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 30), min_size=1), st.integers(1, 8))
def test_hidden_cells_never_describe_fewer_than_the_minimum(counts, minimum):
    hidden = cells_to_suppress(counts, minimum)
    assert all(counts[k] >= minimum for k in counts if k not in hidden)
    rest = sum(counts[k] for k in hidden)
    assert rest == 0 or rest >= minimum or len(hidden) == len(counts)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(GROUPS)), st.sampled_from(UNITS)), min_size=1, max_size=40),
       st.integers(1, 6))
def test_raw_export_combinations_cover_the_minimum(people, minimum):
    df = pd.DataFrame({"participant_id": range(len(people)), "grp": [p[0] for p in people],
                       "unit": [p[1] for p in people]})
    out = k_anonymise(df, minimum)
    sizes = out.groupby(["grp", "unit"]).size()
    if len(people) >= minimum:
        assert (sizes >= minimum).all()
    # Coarsening only generalises: a kept value is the participant's own.
    for (g, u), (g2, u2) in zip(people, zip(out.grp, out.unit)):
        assert g2 in (g, OTHER) and u2 in (u, OTHER)


# -- the breakdown table ---------------------------------------------------------------------
CELLS = ("a", "b", "c")
CRITERIA = [SimpleNamespace(key=k) for k in KEYS]
stat_rows = st.dictionaries(
    st.tuples(st.integers(1, 3), st.sampled_from(CELLS + ("other",)), st.sampled_from(KEYS + ["unlisted"])),
    st.tuples(st.integers(0, 6), st.integers(0, 5), st.floats(1, 5)), max_size=30)
resp_rows = st.dictionaries(st.tuples(st.integers(1, 3), st.sampled_from(CELLS + ("other",))),
                            st.integers(1, 12), max_size=12)


def per_cell_breakdown(stats, resp, draft_ids, cells, criteria, minimum) -> pd.DataFrame:
    """The breakdown worked out cell by cell from the definitions."""
    rows = []
    for draft_id in draft_ids:
        r = resp[resp.draft_id == draft_id]
        counts = {c: 0 for c in cells} | {c: int(n) for c, n in zip(r.cell, r.respondents)}
        hidden = cells_to_suppress(counts, minimum)
        for cell, n in counts.items():
            sup = cell in hidden
            s = stats[(stats.draft_id == draft_id) & (stats.cell == cell)]
            scored = s.scored.sum()
            rows.append((draft_id, cell, "", None if sup else n,
                         None if sup or scored == 0 else float(s.total.sum() / scored), sup))
            for c in criteria:
                m = s[s.criterion_key == c.key]["mean"]
                rows.append((draft_id, cell, c.key, None if sup else n,
                             None if sup or m.empty or pd.isna(m.iloc[0]) else float(m.iloc[0]), sup))
    return pd.DataFrame(rows, columns=["draft_id", "cell", "criterion_key", "respondents", "mean", "suppressed"])


@settings(deadline=None)
@given(stats=stat_rows, resp=resp_rows, minimum=st.integers(1, 6))
def test_the_breakdown_equals_the_cell_by_cell_computation(stats, resp, minimum):
    nan = float("nan")
    stats = pd.DataFrame(
        [(d, cell, key, scored, float(scored + extra) if scored else nan, mean if scored else nan)
         for (d, cell, key), (scored, extra, mean) in sorted(stats.items())],
        columns=["draft_id", "cell", "criterion_key", "scored", "total", "mean"])
    resp = pd.DataFrame([(d, cell, n) for (d, cell), n in sorted(resp.items())],
                        columns=["draft_id", "cell", "respondents"])
    draft_ids = [1, 2, 3, 4]
    got = breakdowns._breakdown(stats, resp, draft_ids, CELLS, CRITERIA, minimum)
    pd.testing.assert_frame_equal(got, per_cell_breakdown(stats, resp, draft_ids, CELLS, CRITERIA, minimum),
                                  check_exact=True)
    shown = got[~got.suppressed]
    assert (shown.respondents >= minimum).all()


# -- whole events ------------------------------------------------------------------------------
answer = st.one_of(st.none(), st.integers(1, 5), st.just("skip"))
person = st.fixed_dictionaries({
    "grp": st.sampled_from(list(GROUPS)),
    "unit": st.sampled_from(UNITS),
    "drafts": st.lists(st.one_of(st.none(), st.lists(answer, min_size=3, max_size=3)), min_size=2, max_size=2),
    "paradox": st.one_of(st.none(), st.integers(-100, 100)),
    "focus": st.one_of(st.none(), st.integers(0, 10)),
    "comment": st.booleans(),
})


def make_event(store, minimum: int, people: list[dict]):
    code = f"PROP{next(_codes)}"
    event_id = events.create_event(store, "test", code=code, title="Egenskabstest", min_group_size=minimum)
    now = datetime(2020, 2, 3, 10)

    def job(cur):
        q.replace_units(cur, event_id, UNITS)
        drafts = [q.insert_draft(cur, event_id, f"Forslag {i}", None, "organiser", "approved") for i in range(2)]
        paradox = q.insert_paradox(cur, event_id, 0, "Nærhed OG specialisering", None, "Nærhed", [],
                                   "Specialisering", [])
        areas = [q.insert_focus_area(cur, event_id, i, f"Område {i}", None) for i in range(2)]
        rounds = {r.kind: r.id for r in q.rounds(cur, event_id)}
        tokens = []
        for p in people:
            tok = new_token()
            tokens.append(tok)
            pid = q.insert_participant(cur, event_id, p["grp"], p["unit"], "open", tok)
            for d, answers in zip(drafts, p["drafts"]):
                if answers is None:
                    continue
                scores = {k: a for k, a in zip(KEYS, answers) if a != "skip"}
                if not scores:
                    scores = {"retning": None}
                q.upsert_scores(cur, rounds["scoring"], pid, d, scores, now)
                if p["comment"]:
                    q.upsert_comment(cur, rounds["scoring"], pid, d, "=HYPERLINK(\"x\") kommentar", now)
            if p["paradox"] is not None:
                q.upsert_paradox_positions(cur, rounds["paradox"], pid, {paradox: p["paradox"]}, now)
            if p["focus"] is not None:
                q.replace_focus_priorities(cur, rounds["focus"], pid, {areas[0]: p["focus"], areas[1]: 10 - p["focus"]},
                                           now)
        return drafts, tokens

    drafts, tokens = store.write(job)
    return event_id, drafts, tokens


def answered(people, i: int) -> list[dict]:
    return [p for p in people if p["drafts"][i] is not None]


def check_cells(true_counts: Counter, shown: dict, total_shown, minimum: int, label: str) -> None:
    """``shown``: cell -> the count a reader sees (None when suppressed)."""
    for cell, n in true_counts.items():
        if n < minimum:
            assert shown.get(cell) is None, f"{label}: {cell} with {n} answers is shown"
    for cell, value in shown.items():
        if value is not None:
            assert value == true_counts[cell], f"{label}: wrong count for {cell}"
    if total_shown is not None:
        assert residual_ok(total_shown, [v for v in shown.values() if v is not None], minimum), \
            f"{label}: total minus shown cells reveals a small group"


def sheet(xlsx: bytes, name: str) -> pd.DataFrame:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    rows = list(wb[name].values)
    return pd.DataFrame(rows[1:], columns=rows[0])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(minimum=st.integers(2, 5), people=st.lists(person, max_size=22))
def test_no_view_or_export_reveals_a_small_group(empty_store, minimum, people):
    store = empty_store
    event_id, drafts, tokens = make_event(store, minimum, people)
    rev = review.build_review(store, event_id)
    comments = review.comments(store, event_id)
    tables = exports.all_tables(rev, comments)
    xlsx = exports.to_xlsx(tables)

    for i, draft_id in enumerate(drafts):
        who = answered(people, i)
        d = rev.draft(draft_id)
        assert d.suppressed == (len(who) < minimum)
        total_shown = None if d.suppressed else d.respondents
        for dim, long in (("grp", rev.by_group), ("unit", rev.by_unit)):
            true = Counter(p[dim] for p in who)
            rows = long[(long.draft_id == draft_id) & (long.criterion_key == "")]
            shown = {r.cell: (None if r.suppressed else int(r.respondents)) for r in rows.itertuples()}
            check_cells(true, shown, total_shown, minimum, f"view {dim} draft {i}")
            hidden = {r.cell for r in rows.itertuples() if r.suppressed}
            cell_rows = long[(long.draft_id == draft_id) & long.cell.isin(hidden)]
            assert cell_rows["mean"].isna().all(), "a suppressed cell carries a mean"
            # The same in the XLSX export, read back as a user would.
            exported = sheet(xlsx, "Grupper" if dim == "grp" else "Kommuner")
            name = exports.breakdown_sheet(rev, dim).columns
            part = exported[(exported.Forslag == d.name)]
            head = part[part["Række"] == "Personer, der svarede"].iloc[0]
            cols = [c for c in name if c not in ("Forslag", "Række", "Alle")]
            labels = {exports._group(c) if dim == "grp" else c: c for c in rev.cells[dim]}
            shown_x = {labels[c]: (None if head[c] == SUPPRESSED else int(head[c])) for c in cols}
            total_x = None if head["Alle"] == SUPPRESSED else int(head["Alle"])
            check_cells(true, shown_x, total_x, minimum, f"xlsx {dim} draft {i}")
            for c in cols:
                if head[c] == SUPPRESSED:
                    assert (part[c] == SUPPRESSED).all(), "a suppressed column shows a number in another row"

    # Paradoxes per group.
    who = [p for p in people if p["paradox"] is not None]
    rows = rev.paradox_by_group
    overall = rows[rows.cell == ALL].iloc[0]
    shown = {r.cell: (None if r.suppressed else int(r.n)) for r in rows[rows.cell != ALL].itertuples()}
    check_cells(Counter(p["grp"] for p in who), shown, None if overall.suppressed else int(overall.n), minimum,
                "paradox")
    assert rows[rows.suppressed][["median", "mean", "q1", "q3", "lo", "hi"]].isna().all().all()
    # Focus areas per group.
    who = [p for p in people if p["focus"] is not None]
    rows = rev.focus_by_group[rev.focus_by_group.focus_area_id == rev.focus_areas[0].id]
    overall = rows[rows.cell == ALL].iloc[0]
    shown = {r.cell: (None if r.suppressed else int(r.respondents)) for r in rows[rows.cell != ALL].itertuples()}
    check_cells(Counter(p["grp"] for p in who), shown, None if overall.suppressed else int(overall.respondents),
                minimum, "focus")
    # Participants per group and per municipality.
    for dim in ("grp", "unit"):
        rows = rev.participants[rev.participants.dim == dim]
        shown = {r.cell: (None if r.suppressed else int(r.participants)) for r in rows.itertuples()}
        total = rev.extra["total_participants"]
        check_cells(Counter(p[dim] for p in people), shown, total if total >= minimum else None, minimum,
                    f"participants {dim}")
    # Comments carry a group only where the hidden groups together are empty or large enough.
    sizes = Counter(p["grp"] for p in people)
    visible = set(review.visible_groups(store, event_id))
    assert set(comments.group.dropna()) <= visible
    assert all(sizes[g] >= minimum for g in visible)
    assert not visible or residual_ok(len(people), [sizes[g] for g in visible], minimum)
    # Formula-looking comments are neutralised in both CSV and XLSX.
    if len(comments):
        texts = sheet(xlsx, "Kommentarer").Kommentar
        assert all(t.startswith("'=") for t in texts)
    # The raw export: fresh numbers, combinations of at least the minimum, no tokens.
    if len(people) < minimum:
        with pytest.raises(review.UserError):
            exports.raw_tables(store, event_id)
        return
    raw = exports.raw_tables(store, event_id)
    blob = exports.to_xlsx(raw)
    for t in tokens:
        assert t.encode() not in blob
    allrows = pd.concat([raw[n][["Deltager (nr. i dette udtræk)", "Gruppe", "Kommune/organisation"]]
                         for n in ("Scorer", "Paradokser", "Fokusområder")]).drop_duplicates()
    # Each participant number keeps one coarsened group and unit, and each combination,
    # counted over everyone in the event, covers at least the minimum.
    assert not allrows["Deltager (nr. i dette udtræk)"].duplicated().any()
    everyone = k_anonymise(store.read(lambda cur: q.participation(cur, event_id))[["participant_id", "grp", "unit"]],
                           minimum)
    sizes = everyone.groupby(["grp", "unit"]).size()
    assert (sizes >= minimum).all()
    exported = {(g, u) for g, u in zip(allrows.Gruppe, allrows["Kommune/organisation"])}
    assert exported <= {(GROUPS.get(g, g), u) for g, u in sizes.index}
