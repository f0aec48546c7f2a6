"""No view or export reveals a group below the event's minimum, directly or by subtraction,
and none hides more than that protection needs.

Property-based: hypothesis draws random events (group and municipality mixes, answers,
"Ved ikke", skipped criteria, minimum group sizes, issued cards never used, phones that
joined and never answered) and every view and export is checked against the true counts
of *people who answered*, computed here from the generated answers.

Safe and minimal are meant as in :mod:`vision.review.suppression`: a table (a total and
its cells) is safe when no shown cell, and not the total minus the shown cells, rests
on 1 to m - 1 people; it is minimal when no safe choice hides fewer cells, or as many
cells and fewer people. Both are checked here by brute force over every choice.
"""

from __future__ import annotations

import functools
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

from tests.support.examples import examples
from vision import events, exports, raw_export, review
from vision.review import breakdowns
from vision.model import GROUPS
from vision.participants import new_token
from vision.review import ALL, OTHER, SUPPRESSED, cells_to_suppress, k_anonymise
from vision.review.suppression import COMPLEMENTARY, COMPLEMENTARY_TEXT, SMALL, is_safe, suppress
from vision.store import queries as q

UNITS = ["Aalborg", "Læsø", "Thisted", "Rebild"]
KEYS = ["retning", "realitet", "fornyelse"]
_codes = itertools.count(1)


def residual_ok(total: int, shown: list[int], minimum: int) -> bool:
    rest = total - sum(shown)
    return rest == 0 or rest >= minimum


def least_hidden(counts: dict, minimum: int) -> tuple[int, int]:
    """(cells, people) of the cheapest safe choice of hidden cells, by trying every choice."""
    cells = [k for k, n in counts.items() if n > 0]
    best = None
    for size in range(len(cells) + 1):
        for choice in itertools.combinations(cells, size):
            if is_safe(counts, choice, minimum):
                cost = (size, sum(counts[k] for k in choice))
                best = cost if best is None or cost < best else best
        if best is not None:
            return best
    return (len(cells), sum(counts.values()))


def assert_minimal(counts: dict, hidden: set, minimum: int, label: str) -> None:
    assert is_safe(counts, hidden, minimum), f"{label}: {sorted(hidden)} of {counts} is not safe"
    cost = (len([k for k in hidden if counts.get(k, 0) > 0]), sum(counts.get(k, 0) for k in hidden))
    assert cost == least_hidden(counts, minimum), f"{label}: {sorted(hidden)} hides more than {counts} needs"


# -- the rule itself -----------------------------------------------------------------------
def test_suppress_examples_and_reasons():
    assert suppress({"a": 10, "b": 8, "c": 1}, 3) == {"c": SMALL, "b": COMPLEMENTARY}   # c = total - a - b
    assert suppress({"a": 10, "b": 8, "c": 0}, 3) == {}            # nobody to hide: 0 is shown
    assert suppress({"a": 10, "b": 2, "c": 2}, 3) == {"b": SMALL, "c": SMALL}           # together 4 >= 3
    assert suppress({"a": 2}, 3) == {"a": SMALL}
    assert suppress({"a": 3, "b": 3}, 3) == {}
    # Two members of a user organisation hide one other group, the smallest, not every group.
    assert suppress({"politiker": 6, "embedsmand": 30, "brugerorganisation": 2, "andet": 9}, 5) == {
        "brugerorganisation": SMALL, "politiker": COMPLEMENTARY}
    # A cell hidden at the level above stays hidden, and counts towards the hidden total.
    assert suppress({"a": 10, "b": 8, "c": 4}, 3, {"c": COMPLEMENTARY}) == {"c": COMPLEMENTARY}
    assert cells_to_suppress({"a": 10, "b": 8, "c": 1}, 3) == {"b", "c"}


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 30), min_size=1), st.integers(1, 8))
def test_suppression_is_safe_and_minimal(counts, minimum):
    hidden = suppress(counts, minimum)
    assert_minimal(counts, set(hidden), minimum, "suppress")
    # Hidden as small exactly where 1 to m - 1 answered; at most one cell hidden to protect them.
    assert {k for k, why in hidden.items() if why == SMALL} == {k for k, n in counts.items() if 0 < n < minimum}
    assert sum(why == COMPLEMENTARY for why in hidden.values()) <= 1


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
                            st.tuples(st.integers(1, 12), st.integers(0, 12)), max_size=12)


def per_cell_breakdown(stats, resp, draft_ids, cells, criteria, minimum) -> pd.DataFrame:
    """The breakdown worked out cell by cell from the definitions: the cell by its
    respondents, the overall mean by those who gave a score, each criterion's mean by
    those who scored it, each level keeping the cells hidden above."""
    rows = []
    for draft_id in draft_ids:
        r = resp[resp.draft_id == draft_id]
        counts = {c: 0 for c in cells} | {c: int(n) for c, n in zip(r.cell, r.respondents)}
        scorers = {c: 0 for c in counts} | {c: int(n) for c, n in zip(r.cell, r.scorers)}
        hidden = suppress(counts, minimum)
        hidden_mean = suppress(scorers, minimum, hidden)
        s_draft = stats[stats.draft_id == draft_id]
        hidden_key = {}
        for c in criteria:
            k = s_draft[s_draft.criterion_key == c.key]
            hidden_key[c.key] = suppress({cell: int(k[k.cell == cell].scored.sum()) for cell in counts}, minimum,
                                         hidden)
        for cell, n in counts.items():
            why = hidden.get(cell)
            s = s_draft[s_draft.cell == cell]
            scored = s.scored.sum()
            mean_why = hidden_mean.get(cell)
            rows.append((draft_id, cell, "", None if why else n,
                         None if mean_why or scored == 0 else float(s.total.sum() / scored), why is not None, why,
                         mean_why))
            for c in criteria:
                m = s[s.criterion_key == c.key]["mean"]
                mean_why = hidden_key[c.key].get(cell)
                rows.append((draft_id, cell, c.key, None if why else n,
                             None if mean_why or m.empty or pd.isna(m.iloc[0]) else float(m.iloc[0]),
                             why is not None, why, mean_why))
    return pd.DataFrame(rows, columns=["draft_id", "cell", "criterion_key", "respondents", "mean", "suppressed",
                                       "reason", "mean_reason"])


@settings(deadline=None)
@given(stats=stat_rows, resp=resp_rows, minimum=st.integers(1, 6))
def test_the_breakdown_equals_the_cell_by_cell_computation(stats, resp, minimum):
    nan = float("nan")
    stats = pd.DataFrame(
        [(d, cell, key, scored, float(scored + extra) if scored else nan, mean if scored else nan)
         for (d, cell, key), (scored, extra, mean) in sorted(stats.items())],
        columns=["draft_id", "cell", "criterion_key", "scored", "total", "mean"])
    resp = pd.DataFrame([(d, cell, n, min(n, k)) for (d, cell), (n, k) in sorted(resp.items())],
                        columns=["draft_id", "cell", "respondents", "scorers"])
    draft_ids = [1, 2, 3, 4]
    got = breakdowns._breakdown(stats, resp, draft_ids, CELLS, CRITERIA, minimum)
    pd.testing.assert_frame_equal(got, per_cell_breakdown(stats, resp, draft_ids, CELLS, CRITERIA, minimum),
                                  check_exact=True)
    shown = got[~got.suppressed]
    assert ((shown.respondents >= minimum) | (shown.respondents == 0)).all()


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
# Cards issued and never used, and phones that joined and never answered: no one to hide among.
silent = st.lists(st.tuples(st.sampled_from(list(GROUPS)), st.sampled_from(UNITS), st.sampled_from(["preset", "open"])),
                  max_size=8)


def make_event(store, minimum: int, people: list[dict], quiet: list[tuple] = ()):
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
        for grp, unit, issued in quiet:
            tok = new_token()
            tokens.append(tok)
            q.insert_participant(cur, event_id, grp, unit, issued, tok)
        for p in people:
            tok = new_token()
            tokens.append(tok)
            pid = q.insert_participant(cur, event_id, p["grp"], p["unit"], "open", tok)
            for d, answers in zip(drafts, p["drafts"]):
                if answers is None:
                    continue
                q.upsert_scores(cur, rounds["scoring"], pid, d, scores_of(answers), now)
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


def scores_of(answers: list) -> dict:
    """A person's saved criteria: a score, None for "Ved ikke"; a skipped one is left out
    (all skipped: a single "Ved ikke", as the form saves it)."""
    scores = {k: a for k, a in zip(KEYS, answers) if a != "skip"}
    return scores or {"retning": None}


def answered(people, i: int) -> list[dict]:
    return [p for p in people if p["drafts"][i] is not None]


def took_part(p: dict) -> bool:
    return any(d is not None for d in p["drafts"]) or p["paradox"] is not None or p["focus"] is not None


def check_table(true_counts: Counter, shown: dict, total_shown, minimum: int, label: str) -> None:
    """``shown``: cell -> the count a reader sees (None when hidden). Safe, and minimal."""
    counts = {c: true_counts.get(c, 0) for c in set(shown) | set(true_counts)}
    for cell, n in counts.items():
        if 0 < n < minimum:
            assert shown.get(cell) is None, f"{label}: {cell} with {n} answers is shown"
    for cell, value in shown.items():
        if value is not None:
            assert value == counts[cell], f"{label}: wrong count for {cell}"
    if total_shown is not None:
        assert total_shown == sum(counts.values()), f"{label}: wrong total"
        assert residual_ok(total_shown, [v for v in shown.values() if v is not None], minimum), \
            f"{label}: total minus shown cells reveals a small group"
        assert_minimal(counts, {c for c, v in shown.items() if v is None}, minimum, label)
    else:
        assert sum(counts.values()) < minimum, f"{label}: total of {sum(counts.values())} hidden"


def read_count(value, label: str):
    """A count cell of an export as a reader sees it: a number, or None when hidden
    (and then it must say why in words a reader understands)."""
    if value in (SUPPRESSED, COMPLEMENTARY_TEXT):
        return None
    assert isinstance(value, int), f"{label}: {value!r} is neither a count nor a reason"
    return value


@functools.lru_cache(maxsize=8)
def sheet(xlsx: bytes, name: str) -> pd.DataFrame:
    """A sheet of the export as a reader opens it (read once per file and sheet; callers only read it)."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    rows = list(wb[name].values)
    return pd.DataFrame(rows[1:], columns=rows[0])


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(minimum=st.integers(2, 5), people=st.lists(person, max_size=22), quiet=silent)
def test_no_view_or_export_reveals_a_small_group_nor_hides_more_than_needed(empty_store, minimum, people, quiet):
    store = empty_store
    event_id, drafts, tokens = make_event(store, minimum, people, quiet)
    rev = review.build_review(store, event_id)
    comments = review.comments(store, event_id)
    tables = exports.all_tables(rev, comments)
    xlsx = exports.to_xlsx(tables)
    assert rev.minimum == minimum
    sheet_columns = {dim: exports.breakdown_sheet(rev, dim).columns for dim in ("grp", "unit")}

    for i, draft_id in enumerate(drafts):
        who = answered(people, i)
        d = rev.draft(draft_id)
        assert d.suppressed == (len(who) < minimum)
        total_shown = None if d.suppressed else d.respondents
        # Each criterion's figures rest on those who scored it.
        for c in d.criteria:
            scored = sum(1 for p in who if scores_of(p["drafts"][i]).get(c.key) is not None)
            if 0 < scored < minimum:
                assert c.mean is None and c.sd is None and c.median is None and c.agreement is None
        for dim, long in (("grp", rev.by_group), ("unit", rev.by_unit)):
            true = Counter(p[dim] for p in who)
            rows = long[(long.draft_id == draft_id) & (long.criterion_key == "")]
            shown = {r.cell: (None if r.suppressed else int(r.respondents)) for r in rows.itertuples()}
            check_table(true, shown, total_shown, minimum, f"view {dim} draft {i}")
            hidden = {r.cell for r in rows.itertuples() if r.suppressed}
            cell_rows = long[(long.draft_id == draft_id) & long.cell.isin(hidden)]
            assert cell_rows["mean"].isna().all(), "a suppressed cell carries a mean"
            # A criterion's mean per cell: safe against its own total of those who scored it.
            if total_shown is not None:
                for c in rev.criteria:
                    scored = Counter(p[dim] for p in who if scores_of(p["drafts"][i]).get(c.key) is not None)
                    if sum(scored.values()) < minimum:
                        continue
                    part = long[(long.draft_id == draft_id) & (long.criterion_key == c.key)]
                    shown_mean = {r.cell for r in part.itertuples() if r.mean == r.mean and r.mean is not None}
                    assert all(scored[cell] >= minimum for cell in shown_mean), f"{c.key} mean on too few"
                    rest = sum(n for cell, n in scored.items() if cell not in shown_mean)
                    assert rest == 0 or rest >= minimum, f"{dim} {c.key}: a small group's mean by subtraction"
            # The same in the XLSX export, read back as a user would.
            exported = sheet(xlsx, "Grupper" if dim == "grp" else "Kommuner")
            name = sheet_columns[dim]
            part = exported[(exported.Forslag == d.name)]
            head = part[part["Række"] == "Personer, der svarede"].iloc[0]
            cols = [c for c in name if c not in ("Forslag", "Række", "Alle")]
            labels = {exports._group(c) if dim == "grp" else c: c for c in rev.cells[dim]}
            shown_x = {labels[c]: read_count(head[c], f"xlsx {dim}") for c in cols}
            total_x = None if head["Alle"] == SUPPRESSED else int(head["Alle"])
            check_table(true, shown_x, total_x, minimum, f"xlsx {dim} draft {i}")
            for c in cols:
                if head[c] in (SUPPRESSED, COMPLEMENTARY_TEXT):
                    assert (part[c] == head[c]).all(), "a hidden column shows a number in another row"
                    # "for få svar" only where too few answered.
                    assert (head[c] == SUPPRESSED) == (0 < true[labels[c]] < minimum), \
                        f"{c} with {true[labels[c]]} answers reads {head[c]!r}"

    # Paradoxes per group.
    who = [p for p in people if p["paradox"] is not None]
    rows = rev.paradox_by_group
    overall = rows[rows.cell == ALL].iloc[0]
    shown = {r.cell: (None if r.suppressed else int(r.n)) for r in rows[rows.cell != ALL].itertuples()}
    check_table(Counter(p["grp"] for p in who), shown, None if overall.suppressed else int(overall.n), minimum,
                "paradox")
    assert rows[rows.suppressed][["median", "mean", "q1", "q3", "lo", "hi"]].isna().all().all()
    # Focus areas per group.
    who = [p for p in people if p["focus"] is not None]
    rows = rev.focus_by_group[rev.focus_by_group.focus_area_id == rev.focus_areas[0].id]
    overall = rows[rows.cell == ALL].iloc[0]
    shown = {r.cell: (None if r.suppressed else int(r.respondents)) for r in rows[rows.cell != ALL].itertuples()}
    check_table(Counter(p["grp"] for p in who), shown, None if overall.suppressed else int(overall.respondents),
                minimum, "focus")
    # Participants per group and per municipality: people who answered, not cards or phones.
    took = [p for p in people if took_part(p)]
    assert rev.extra["total_participants"] == len(took)
    exported = sheet(xlsx, "Deltagere")
    for dim, label in (("grp", "Gruppe"), ("unit", "Kommune/organisation")):
        rows = rev.participants[rev.participants.dim == dim]
        shown = {r.cell: (None if r.suppressed else int(r.participants)) for r in rows.itertuples()}
        total = len(took) if len(took) >= minimum else None
        check_table(Counter(p[dim] for p in took), shown, total, minimum, f"participants {dim}")
        part = exported[exported.Opdeling == label]
        values = {(exports._group(c) if dim == "grp" else c): c for c in rows.cell}
        shown_x = {values[v]: read_count(n, "Deltagere") for v, n in zip(part["Værdi"], part["Deltagere"])}
        check_table(Counter(p[dim] for p in took), shown_x, total, minimum, f"xlsx participants {dim}")
    # A comment carries its group only where at least the minimum of that group answered
    # the draft, and the unlabelled comments of a draft cannot be pinned on a small group.
    for i, draft_id in enumerate(drafts):
        sizes = Counter(p["grp"] for p in answered(people, i))
        mine = comments[comments.draft_id == draft_id]
        labelled = set(mine.group.dropna())
        assert all(sizes[g] >= minimum for g in labelled)
        writers = Counter(p["grp"] for p in answered(people, i) if p["comment"])
        unlabelled = set(writers) - labelled
        # An unlabelled comment was written by one of those not in a labelled group: the
        # total minus the labelled groups, which must not be a small group.
        rest = sum(sizes.values()) - sum(sizes[g] for g in labelled)
        assert not labelled or rest == 0 or rest >= minimum, f"draft {i}: unlabelled comments pin a small group"
        # Hidden labels: no more groups than the cheapest safe choice for this draft.
        assert len(unlabelled) <= least_hidden(dict(sizes), minimum)[0]
    visible = set(review.visible_groups(store, event_id))
    assert set(comments.group.dropna()) == visible
    # Formula-looking comments are neutralised in both CSV and XLSX.
    if len(comments):
        texts = sheet(xlsx, "Kommentarer").Kommentar
        assert all(t.startswith("'=") for t in texts)
    # The raw export: fresh numbers, combinations of at least the minimum of those exported, no tokens.
    if len(took) < minimum:
        with pytest.raises(review.UserError):
            raw_export.raw_tables(store, event_id)
        return
    raw = raw_export.raw_tables(store, event_id)
    blob = exports.to_xlsx(raw)
    for t in tokens:
        assert t.encode() not in blob
    check_raw_rounds(raw, minimum)
    # Every round answered by at least the minimum is there with everyone who answered it.
    answering = {"Scorer": [p for p in took if any(d is not None for d in p["drafts"])],
                 "Paradokser": [p for p in took if p["paradox"] is not None],
                 "Fokusområder": [p for p in took if p["focus"] is not None]}
    for sheet_name, who in answering.items():
        shown = raw[sheet_name][raw_export.RAW_PERSON].nunique()
        assert shown == (len(who) if len(who) >= minimum else 0), sheet_name


def check_raw_rounds(raw: dict, minimum: int) -> None:
    """The raw export, round by round: each person once a round under one group and unit,
    every combination at least the minimum of that round, and no number in two rounds."""
    cols = [raw_export.RAW_PERSON, "Gruppe", "Kommune/organisation"]
    rows = pd.concat([raw[n][cols + ["Runde"]] for n in ("Scorer", "Paradokser", "Fokusområder")]).drop_duplicates()
    assert not rows[[raw_export.RAW_PERSON, "Runde"]].duplicated().any(), "a number with two groups in a round"
    assert (rows.groupby(raw_export.RAW_PERSON).Runde.nunique() <= 1).all(), "a number in two rounds"
    sizes = rows.groupby(["Runde", "Gruppe", "Kommune/organisation"]).size()
    assert (sizes >= minimum).all(), "a combination covers fewer than the minimum who answered its round"


def test_a_round_answered_by_one_group_does_not_unpool_the_others_in_the_raw_export(empty_store):
    """Five politicians answer the paradox round (a round for politicians); everyone scores,
    with six officials, one from a user organisation and one 'Andet'. Over the whole day the
    two lone ones are too few and are pooled, together with the smallest group, the
    politicians, as "Øvrige". Had a pooled person kept one number through the export, the
    paradox round would show which "Øvrige" numbers are politicians, and so which two are
    the lone ones, in every round. Numbers are drawn for each round, never repeated, and
    each round is coarsened among those who answered it: the paradox round shows the five
    as politicians."""
    store = empty_store
    base = {"unit": "Aalborg", "drafts": [[4, 3, 5], [2, 2, 3]], "paradox": None, "focus": None, "comment": False}
    people = ([dict(base, grp="politiker", paradox=-40 + 10 * i) for i in range(5)]
              + [dict(base, grp="embedsmand") for _ in range(6)]
              + [dict(base, grp="brugerorganisation"), dict(base, grp="andet")])
    event_id, _drafts, _tokens = make_event(store, 3, people)
    raw = raw_export.raw_tables(store, event_id)
    check_raw_rounds(raw, 3)
    scored, placed = raw["Scorer"], raw["Paradokser"]
    assert not set(scored[raw_export.RAW_PERSON]) & set(placed[raw_export.RAW_PERSON])
    assert set(placed.Gruppe) == {GROUPS["politiker"]} and placed[raw_export.RAW_PERSON].nunique() == 5
    in_scoring = scored.drop_duplicates(raw_export.RAW_PERSON).Gruppe.value_counts().to_dict()
    assert in_scoring == {OTHER: 7, GROUPS["embedsmand"]: 6}
    about = dict(zip(raw["Om udtrækket"].Felt, raw["Om udtrækket"].Værdi))
    assert "hver runde" in about["Deltagernumre"] and "Udeladte runder" not in about


def test_a_round_answered_by_too_few_is_left_out_of_the_raw_export_and_named(empty_store):
    store = empty_store
    base = {"unit": "Aalborg", "drafts": [[4, 3, 5], None], "paradox": None, "focus": None, "comment": False}
    people = [dict(base, grp="embedsmand", paradox=10 if i < 2 else None) for i in range(4)]
    event_id, _drafts, _tokens = make_event(store, 3, people)
    raw = raw_export.raw_tables(store, event_id)
    assert raw["Paradokser"].empty and raw["Scorer"][raw_export.RAW_PERSON].nunique() == 4
    about = dict(zip(raw["Om udtrækket"].Felt, raw["Om udtrækket"].Værdi))
    paradox_round = next(r for r in events.rounds(store, event_id) if r.kind == "paradox")
    assert about["Udeladte runder"] == f"Færre end 3 har svaret: {paradox_round.title}"


def test_three_politician_cards_and_one_answer_show_no_politician_anywhere(empty_store):
    """The organiser's day: three politician cards issued, one politician answers, with
    enough officials. Nothing reads "Politiker 3", and the politician's comment is not
    labelled "Politiker"."""
    store = empty_store
    official = {"grp": "embedsmand", "unit": "Aalborg", "drafts": [[4, 3, 5], [2, 2, 3]], "paradox": 10,
                "focus": 4, "comment": True}
    politician = dict(official, grp="politiker", unit="Læsø")
    event_id, drafts, _ = make_event(store, 3, [politician] + [dict(official) for _ in range(6)],
                                     [("politiker", "Læsø", "preset"), ("politiker", "Thisted", "preset"),
                                      ("brugerorganisation", "Rebild", "open")])
    rev = review.build_review(store, event_id)
    people = rev.participants.set_index(["dim", "cell"])
    assert people.loc[("grp", "politiker"), "participants"] is None or pd.isna(people.loc[("grp", "politiker"),
                                                                                          "participants"])
    assert people.loc[("grp", "brugerorganisation"), "participants"] == 0
    tables = exports.all_tables(rev, review.comments(store, event_id))
    deltagere = tables["Deltagere"].set_index("Værdi")["Deltagere"]
    assert deltagere["Politiker"] == SUPPRESSED
    assert deltagere["Embedsmand"] == COMPLEMENTARY_TEXT     # 7 - 6 would reveal the one politician
    assert "Politiker" not in set(tables["Kommentarer"].Gruppe)
    assert set(tables["Kommentarer"].Gruppe) == {"–"}        # the officials' label would pin the other on politics
