"""The archive benchmark: the secretariat's review queries on years of history.

Generates a synthetic history into a DuckDB file through the real schema (bulk
``INSERT … SELECT``, not the per-ballot save path): by default 200 events × 300
participants × 10 drafts × 9 criteria (5.4 M score rows) plus a paradox round
(4 paradoxes) per event. Then times, for a sample of events, the review queries:

* per-draft criterion statistics: mean, standard deviation, quartiles/IQR, agreement;
* the same per group (the breakdown), with small cells suppressed;
* paradox medians per group;
* the ranking of drafts by overall mean;

each with DuckDB (the queries of ``vision/store/review_queries.py`` when that module
exists, otherwise equivalent SQL here) and with pandas on the same rows, in the same
run, reporting medians over repeats. When ``vision/review.py`` exists its
``build_review`` (everything the review page shows) is timed too.

    python bench/archive.py                  # 200 events (make archive-bench)
    python bench/archive.py --events 20      # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from vision.model import GROUPS  # noqa: E402
from vision.store import Store  # noqa: E402

UNITS = ["Aalborg", "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø", "Mariagerfjord",
         "Morsø", "Rebild", "Thisted"]
TARGET_MS = 200.0


def generate(path: Path, n_events: int, n_people: int, n_drafts: int, n_paradoxes: int = 4) -> dict:
    """Fill a new database file with a synthetic history; returns row counts and seconds."""
    from vision import events

    t0 = time.perf_counter()
    store = Store(path)
    events.seed_demo_events(store)          # the criteria definitions come from the demo event
    cur = store.cursor()
    crit = cur.execute("SELECT key, position, label, question FROM criteria WHERE event_id = "
                       "(SELECT min(event_id) FROM criteria)").fetchall()[:9]
    groups = list(GROUPS)
    cur.execute("BEGIN TRANSACTION")
    cur.execute(f"""
        INSERT INTO events (code, title, event_date, join_mode, focus_mode, min_group_size)
        SELECT 'ARC' || lpad(i::VARCHAR, 5, '0'), 'Arkiv ' || i, (DATE '2015-01-01' + to_days((i * 11)::INTEGER))::DATE,
               'open', 'points', 3
        FROM range({n_events}) t(i)""")
    ev = "(SELECT id FROM events WHERE code LIKE 'ARC%')"
    cur.executemany("INSERT INTO criteria (event_id, key, position, label, question) "
                    "SELECT id, ?, ?, ?, ? FROM events WHERE code LIKE 'ARC%'",
                    [list(c) for c in crit])
    cur.execute(f"""INSERT INTO event_units SELECT e.id, u.pos, u.name FROM {ev} e(id),
                   (SELECT unnest(?::VARCHAR[]) AS name, generate_subscripts(?::VARCHAR[], 1) AS pos) u""",
                [UNITS, UNITS])
    cur.execute(f"""INSERT INTO rounds (event_id, position, kind, title, status)
                   SELECT id, 0, 'scoring', 'Visionstesten', 'closed' FROM {ev} e(id)
                   UNION ALL SELECT id, 1, 'paradox', 'Paradokser', 'closed' FROM {ev} e(id)""")
    cur.execute(f"""INSERT INTO drafts (event_id, position, text, label, source, status)
                   SELECT e.id, d, 'Forslag ' || d || ' til en fælles vision for arkivbegivenhed ' || e.id,
                          'Forslag ' || d, 'seed', 'approved'
                   FROM {ev} e(id), range({n_drafts}) t(d)""")
    cur.execute(f"""INSERT INTO paradoxes (event_id, position, title, left_label, right_label)
                   SELECT e.id, x, 'Paradoks ' || x, 'Venstre', 'Højre' FROM {ev} e(id), range({n_paradoxes}) t(x)""")
    # Groups are skewed (few politicians) and units uneven, so some breakdown cells are small.
    cur.execute(f"""INSERT INTO participants (event_id, grp, unit, issued)
                   SELECT e.id,
                          CASE WHEN r < 0.12 THEN '{groups[0]}' WHEN r < 0.55 THEN '{groups[1]}'
                               WHEN r < 0.97 THEN '{groups[2]}' ELSE '{groups[3]}' END,
                          (?::VARCHAR[])[1 + floor(pow(random(), 2) * {len(UNITS)})::INT],
                          'open'
                   FROM {ev} e(id), (SELECT i, random() AS r FROM range({n_people}) t(i))""", [UNITS])
    cur.execute("""INSERT INTO participant_tokens SELECT md5(id::VARCHAR) || md5('x' || id::VARCHAR), id, false
                   FROM participants WHERE event_id IN (SELECT id FROM events WHERE code LIKE 'ARC%')""")
    cur.execute("COMMIT")
    cur.execute("BEGIN TRANSACTION")
    # Each draft has its own level; 6 % "Ved ikke".
    cur.execute(f"""
        INSERT INTO scores (round_id, participant_id, draft_id, criterion_key, score, dont_know, saved_at)
        SELECT r.id, p.id, d.id, c.key,
               CASE WHEN x < 0.06 THEN NULL
                    ELSE least(5, greatest(1, round(1 + (d.id % 5) * 0.6 + (x - 0.06) * 2.6)))::SMALLINT END,
               x < 0.06, TIMESTAMP '2020-01-01 10:00:00'
        FROM rounds r JOIN participants p ON p.event_id = r.event_id
             JOIN drafts d ON d.event_id = r.event_id JOIN criteria c ON c.event_id = r.event_id,
             LATERAL (SELECT random() AS x)
        WHERE r.kind = 'scoring' AND r.event_id IN {ev}""")
    cur.execute(f"""
        INSERT INTO paradox_positions (round_id, participant_id, paradox_id, position, saved_at)
        SELECT r.id, p.id, x.id, (round((random() * 2 - 1) * 20) * 5)::SMALLINT, TIMESTAMP '2020-01-01 10:30:00'
        FROM rounds r JOIN participants p ON p.event_id = r.event_id JOIN paradoxes x ON x.event_id = r.event_id
        WHERE r.kind = 'paradox' AND r.event_id IN {ev}""")
    cur.execute("COMMIT")
    cur.execute("CHECKPOINT")
    counts = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("events", "participants", "drafts", "scores", "paradox_positions")}
    cur.close()
    store.close()
    return {"seconds": time.perf_counter() - t0, "rows": counts, "file_mb": path.stat().st_size / 2**20}


# -- DuckDB: the review queries ------------------------------------------------------------------------
CELL = {None: "'alle'", "grp": "p.grp", "unit": "coalesce(p.unit, '–')"}


def sql_criterion_stats(con, round_id: int, dim: str | None = None) -> pd.DataFrame:
    cell = CELL[dim]
    return con.execute(f"""
        WITH s AS (SELECT s.draft_id, {cell} AS cell, s.criterion_key, s.score, s.dont_know
                   FROM scores s JOIN participants p ON p.id = s.participant_id WHERE s.round_id = ?),
             m AS (SELECT draft_id, cell, criterion_key, median(score) AS med FROM s GROUP BY ALL)
        SELECT s.draft_id, s.cell, s.criterion_key, count(*) AS answers, count(s.score) AS scored,
               avg(s.score) AS mean, stddev_samp(s.score) AS sd, quantile_cont(s.score, 0.25) AS q1,
               quantile_cont(s.score, 0.5) AS median, quantile_cont(s.score, 0.75) AS q3,
               count(*) FILTER (WHERE abs(s.score - m.med) <= 1) / nullif(count(s.score), 0) AS agreement
        FROM s JOIN m USING (draft_id, cell, criterion_key) GROUP BY ALL ORDER BY 1, 2, 3""", [round_id]).df()


def sql_respondents(con, round_id: int, dim: str | None) -> pd.DataFrame:
    return con.execute(f"""SELECT s.draft_id, {CELL[dim]} AS cell, count(DISTINCT s.participant_id) AS respondents
                          FROM scores s JOIN participants p ON p.id = s.participant_id WHERE s.round_id = ?
                          GROUP BY ALL ORDER BY 1, 2""", [round_id]).df()


def sql_paradox_medians(con, round_id: int, dim: str | None) -> pd.DataFrame:
    return con.execute(f"""SELECT x.paradox_id, {CELL[dim]} AS cell, count(*) AS n, median(x.position) AS median
                          FROM paradox_positions x JOIN participants p ON p.id = x.participant_id
                          WHERE x.round_id = ? GROUP BY ALL ORDER BY 1, 2""", [round_id]).df()


def sql_ranking(con, round_id: int) -> pd.DataFrame:
    return con.execute("""SELECT draft_id, avg(score) AS mean, count(DISTINCT participant_id) AS respondents
                          FROM scores WHERE round_id = ? GROUP BY ALL ORDER BY mean DESC""", [round_id]).df()


def suppress(stats: pd.DataFrame, resp: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """Blank the numbers of every cell with fewer than ``minimum`` respondents."""
    out = stats.merge(resp, on=["draft_id", "cell"], how="left")
    small = out.respondents < minimum
    out.loc[small, ["mean", "sd", "q1", "median", "q3", "agreement"]] = np.nan
    return out


def duckdb_review(con, rq, scoring: int, paradox: int, minimum: int) -> dict:
    """The four review answers with SQL; ``rq`` is vision.store.review_queries when present."""
    if rq is not None:
        stats = rq.criterion_stats(con, scoring)
        by_grp = rq.criterion_stats(con, scoring, "grp")
        resp = rq.draft_respondents(con, scoring, "grp")
        resp = resp.rename(columns={c: "respondents" for c in resp.columns if c not in ("draft_id", "cell")})
        par = rq.paradox_stats(con, paradox, "grp")
    else:
        stats = sql_criterion_stats(con, scoring)
        by_grp = sql_criterion_stats(con, scoring, "grp")
        resp = sql_respondents(con, scoring, "grp")
        par = sql_paradox_medians(con, paradox, "grp")
    return {"criteria": stats, "groups": suppress(by_grp, resp, minimum), "paradox": par,
            "ranking": sql_ranking(con, scoring)}


# -- pandas: the same aggregates ---------------------------------------------------------------------
def fetch_rows(con, scoring: int, paradox: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    scores = con.execute("""SELECT s.participant_id, s.draft_id, s.criterion_key, s.score::DOUBLE AS score, p.grp
                            FROM scores s JOIN participants p ON p.id = s.participant_id
                            WHERE s.round_id = ?""", [scoring]).df()
    positions = con.execute("""SELECT x.paradox_id, x.position::DOUBLE AS position, p.grp
                               FROM paradox_positions x JOIN participants p ON p.id = x.participant_id
                               WHERE x.round_id = ?""", [paradox]).df()
    return scores, positions


def _pandas_stats(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = df.groupby(keys, sort=True).score
    out = g.agg(answers="size", scored="count", mean="mean", sd="std").reset_index()
    q = g.quantile([0.25, 0.5, 0.75]).unstack()
    q.columns = ["q1", "median", "q3"]
    out = out.merge(q.reset_index(), on=keys)
    med = df.merge(out[keys + ["median"]], on=keys)
    near = (med.score - med["median"]).abs() <= 1
    agree = near.groupby([med[k] for k in keys]).sum().rename("near").reset_index()
    out = out.merge(agree, on=keys)
    out["agreement"] = out.near / out.scored.where(out.scored > 0)
    return out.drop(columns="near")


def pandas_review(scores: pd.DataFrame, positions: pd.DataFrame, minimum: int) -> dict:
    stats = _pandas_stats(scores, ["draft_id", "criterion_key"])
    by = _pandas_stats(scores.rename(columns={"grp": "cell"}), ["draft_id", "cell", "criterion_key"])
    resp = scores.groupby(["draft_id", "grp"]).participant_id.nunique().rename("respondents").reset_index()
    groups = suppress(by, resp.rename(columns={"grp": "cell"}), minimum)
    par = positions.groupby(["paradox_id", "grp"]).position.agg(n="size", median="median").reset_index()
    rank = scores.groupby("draft_id").agg(mean=("score", "mean"), respondents=("participant_id", "nunique"))
    return {"criteria": stats, "groups": groups, "paradox": par,
            "ranking": rank.sort_values("mean", ascending=False).reset_index()}


# -- timing ------------------------------------------------------------------------------------------
def timed(fn, repeats: int) -> tuple[float, object]:
    fn()  # warm
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def agree(a: dict, b: dict) -> bool:
    """The DuckDB and pandas answers agree (means and medians)."""
    x = a["criteria"].sort_values(["draft_id", "criterion_key"]).reset_index(drop=True)
    y = b["criteria"].sort_values(["draft_id", "criterion_key"]).reset_index(drop=True)
    ok = np.allclose(x["mean"].astype(float), y["mean"].astype(float)) and \
        np.allclose(x["q3"].astype(float), y["q3"].astype(float))
    ra = a["ranking"].set_index("draft_id")["mean"].sort_index()
    rb = b["ranking"].set_index("draft_id")["mean"].sort_index()
    return bool(ok and np.allclose(ra.values, rb.values))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--drafts", type=int, default=10)
    ap.add_argument("--sample", type=int, default=5, help="events whose review is timed")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--db", type=Path, default=None, help="reuse or create this file")
    args = ap.parse_args(argv)
    path = args.db or Path(os.environ.get("BENCH_WORKDIR", "/tmp")) / f"visionsdag-archive-{args.events}.duckdb"
    import streamlit  # noqa: F401 - only for the version line

    print(f"archive bench: duckdb {duckdb.__version__}, pandas {pd.__version__}, cpus {os.cpu_count()}, "
          f"load {[round(x, 2) for x in os.getloadavg()]}", flush=True)
    gen = None
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        for stale in (partial, partial.with_name(partial.name + ".wal")):
            stale.unlink(missing_ok=True)
        gen = generate(partial, args.events, args.people, args.drafts)
        partial.rename(path)
        print(f"generated {path} in {gen['seconds']:.1f} s: {gen['rows']}, {gen['file_mb']:.0f} MB", flush=True)
    store = Store(path)
    try:
        try:
            from vision.store import review_queries as rq
        except ImportError:
            rq = None
        try:
            from vision import review
        except ImportError:
            review = None
        print(f"queries: {'vision/store/review_queries.py' if rq else 'SQL in bench/archive.py'}; "
              f"build_review: {'vision/review.py' if review else 'not present'}")
        con = store.cursor()
        evs = con.execute("""SELECT e.id, e.min_group_size,
                                    max(r.id) FILTER (WHERE r.kind = 'scoring'), max(r.id) FILTER (WHERE r.kind = 'paradox')
                             FROM events e JOIN rounds r ON r.event_id = e.id WHERE e.code LIKE 'ARC%'
                             GROUP BY ALL ORDER BY e.id""").fetchall()
        step = max(1, len(evs) // args.sample)
        sample = evs[::step][:args.sample]
        rows = []
        for event_id, minimum, scoring, paradox in sample:
            r = {"event_id": event_id}
            r["duckdb_ms"], dres = timed(lambda: duckdb_review(con, rq, scoring, paradox, minimum), args.repeats)
            r["fetch_ms"], (sc, po) = timed(lambda: fetch_rows(con, scoring, paradox), args.repeats)
            r["pandas_ms"], pres = timed(lambda: pandas_review(sc, po, minimum), args.repeats)
            r["pandas_with_fetch_ms"] = r["fetch_ms"] + r["pandas_ms"]
            r["agree"] = agree(dres, pres)
            for name, fn in (("criteria", lambda: (rq.criterion_stats(con, scoring) if rq else
                                                   sql_criterion_stats(con, scoring))),
                             ("groups", lambda: (rq.criterion_stats(con, scoring, "grp") if rq else
                                                 sql_criterion_stats(con, scoring, "grp"))),
                             ("paradox_groups", lambda: (rq.paradox_stats(con, paradox, "grp") if rq else
                                                         sql_paradox_medians(con, paradox, "grp"))),
                             ("ranking", lambda: sql_ranking(con, scoring))):
                r[f"q_{name}_ms"], _ = timed(fn, args.repeats)
            if review is not None:
                try:
                    r["build_review_ms"], _ = timed(lambda: review.build_review(store, event_id, scoring),
                                                    max(3, args.repeats // 2))
                except Exception as exc:  # noqa: BLE001 - a module in progress must not stop the bench
                    r["build_review_error"] = f"{type(exc).__name__}: {exc}"
            rows.append(r)
            print(json.dumps({k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()}), flush=True)
        con.close()
    finally:
        store.close()
    keys = [k for k in rows[0] if k.endswith("_ms")]
    med = {k: statistics.median(r[k] for r in rows if k in r) for k in keys if all(k in r for r in rows)}
    print("\nmedian over sampled events (each a median of repeats), ms:")
    for k, v in med.items():
        flag = "" if not k.startswith("q_") and k not in ("duckdb_ms", "build_review_ms") else \
            ("  ok (< 200 ms)" if v < TARGET_MS else "  OVER 200 ms")
        print(f"  {k:24} {v:8.1f}{flag}")
    if "duckdb_ms" in med and "pandas_ms" in med:
        print(f"  pandas/duckdb (aggregation only) = {med['pandas_ms'] / med['duckdb_ms']:.2f}; "
              f"(pandas incl. fetch)/duckdb = {med['pandas_with_fetch_ms'] / med['duckdb_ms']:.2f}; "
              f"answers agree: {all(r['agree'] for r in rows)}")
    out = ROOT / "bench" / "results" / f"archive-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"generated": gen, "rows": rows, "median": med,
                               "load": os.getloadavg()}, indent=1, default=str))
    print("written", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
