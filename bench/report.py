"""Markdown tables from a bench/load.py JSON file: ``python bench/report.py bench/results/X.json``."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import CLOSED_TEXT, paired_ratios  # noqa: E402


def ms(x) -> str:
    return "–" if x is None else f"{x * 1000:,.0f}"


def main(path: str) -> None:
    data = json.loads(open(path, encoding="utf-8").read())
    rows = data["results"]
    floors = {r["n"]: r for r in rows if r["kind"] == "floor"}
    ours = {r["n"]: r for r in rows if r["kind"] == "floor-vision-serve"}
    print(f"Run {data['info']['started']}: {data['info']}\n")
    if any(r["kind"].startswith(("floor", "app")) for r in rows):
        scenarios(rows, floors, ours)
    tables_of_the_rest(rows)


def scenarios(rows: list, floors: dict, ours: dict) -> None:
    print("| scenario | N | saves confirmed / attempted | lost | errors | p50 ms | p95 ms | max ms "
          "| p95 / floor p95 (/ floor through vision.serve) | staleness p50 / p95 / max ms | server CPU s (voting) | peak RSS MB "
          "| commits / jobs | load avg 1 min before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["kind"].startswith("floor"):
            lat = r["latency"]
            name = "floor (one button, `streamlit run`)" if r["kind"] == "floor" else "floor (one button) through vision.serve"
            print(f"| {name}, {r['mode']} | {r['n']} | {lat['n']} / {r['n']} | – | {r['errors']} "
                  f"| {ms(lat['p50'])} | {ms(lat['p95'])} | {ms(lat['max'])} | – | – | {r['cpu_s']:.1f} "
                  f"| {r['peak_rss_mb']:.0f} | – | {r['load_avg_before'][0]} → {r['load_avg_after'][0]} |")
        elif r["kind"].startswith("app"):
            layer = r["kind"] != "app"          # a layer taken out (bench/layers/): no lost-save check
            v, p, w = r["vote"], r["projector"]["staleness"], r["writer"]
            floor = floors.get(r["n"])
            ratio = (f"{v['latency']['p95'] / floor['latency']['p95']:.1f}"
                     if floor and r["mode"] == "burst" and floor["latency"]["p95"] else "–")
            own = ours.get(r["n"])
            if own and ratio != "–" and own["latency"]["p95"]:
                ratio += f" ({v['latency']['p95'] / own['latency']['p95']:.1f})"
            extra = " + static files" if "assets" in r["join"] else ""
            name = f"app without {r['kind'][len('app-no_'):]} (layer probe)" if layer else "app"
            lost = "n/a" if layer else r['check']['lost'] + r['check']['mismatched']
            stale = "–" if layer else f"{ms(p['p50'])} / {ms(p['p95'])} / {ms(p['max'])}"
            print(f"| {name}, {r['mode']}{extra} | {r['n']} | {v['saves_confirmed']} / {v['saves_attempted']} "
                  f"| {lost} | {r['error_count']} "
                  f"| {ms(v['latency']['p50'])} | {ms(v['latency']['p95'])} | {ms(v['latency']['max'])} | {ratio} "
                  f"| {stale} | {v['cpu_s']:.1f} | {r['peak_rss_mb']:.0f} "
                  f"| {w['commits']} / {w['jobs']} | {r['load_avg_before'][0]} → {r['load_avg_after'][0]} |")


def tables_of_the_rest(rows: list) -> None:
    joins = [r for r in rows if r["kind"] == "app"]
    if joins:
        print("\n| join wave | N | seconds | server CPU s | CPU ms per phone | open p95 ms | join p95 ms |")
        print("|---|---|---|---|---|---|---|")
        for r in joins:
            j = r["join"]
            label = "QR link + join form + all static files (arrivals over 20 s)" if "assets" in j else \
                "QR link + join form (websocket only, 50 at a time)"
            print(f"| {label} | {r['n']} | {j['seconds']:.1f} | {j['cpu_s']:.1f} | {j['cpu_s'] / max(1, j['joined']) * 1000:.0f} "
                  f"| {ms(j['open']['p95'])} | {ms(j['join']['p95'])} |")
    days = [r for r in rows if r["kind"] == "day"]
    for d in days:
        print(f"\nDay ({d['minutes']} min, {d['n']} phones per cycle): RSS MB by cycle; "
              f"check of the file afterwards: {d.get('check', 'not made')}")
        print("| cycle | minute | RSS MB | saves | errors | p95 ms | load |")
        print("|---|---|---|---|---|---|---|")
        for c in d["cycles"]:
            print(f"| {c['cycle']} | {c['minute']} | {c['rss_mb']} | {c['saves']} | {c['errors']} | {c['p95_ms']} "
                  f"| {c['load'][0]} |")
    for d in (r for r in rows if r["kind"] == "live-day"):
        print(f"\nDay in real time ({len(d['cycles'])} rounds of {d['vote_s']:.0f} s open and {d['break_s']:.0f} s "
              f"break, {d['n']} phones staying, {d['k']} projectors); check of the file afterwards: {d['check']}")
        print("| round | minute | RSS MB | saves confirmed / attempted | refused, round closed | errors | p50 ms "
              "| p95 ms | waiting polls |")
        print("|---|---|---|---|---|---|---|---|---|")
        for c in d["cycles"]:
            refused, errors = refusals(c)
            print(f"| {c['cycle']} | {c['minute']} | {c['rss_mb']} | {c['saves']} / {c['attempted']} | {refused} "
                  f"| {errors} | {c['p50_ms']} | {c['p95_ms']} | {c['waiting_polls']} |")
        for part in (2, 4):
            tail = d["cycles"][len(d["cycles"]) - len(d["cycles"]) // part:]
            if len(tail) >= 3:
                print(f"RSS over the last {len(tail)} rounds: {slope([c['cycle'] for c in tail], [c['rss_mb'] for c in tail]):+.2f}"
                      f" MB a round (least squares)")
    n = max((r["n"] for r in rows if r["kind"] == "app"), default=None)
    pairs = paired_ratios(rows, n) if n else []
    if pairs:
        print(f"\n| pair | floor p95 before / after ms | app first-wave p95 ms | ratio | all saves p95 ms | ratio "
              f"| machine speed s (floor, app, floor) |")
        print("|---|---|---|---|---|---|---|")
        for i, pr in enumerate(pairs, 1):
            print(f"| {i} | {ms(pr['floor_p95'][0])} / {ms(pr['floor_p95'][1])} | {ms(pr['first_wave_p95'])} "
                  f"| {pr['ratio_first_wave']:.2f} | {ms(pr['all_saves_p95'])} | {pr['ratio_all_saves']:.2f} "
                  f"| {', '.join(str(x) for x in pr['machine_speed_s'])} |")
        first = sorted(pr["ratio_first_wave"] for pr in pairs)
        print(f"\nMedian ratio (first wave) {statistics.median(first):.2f}, range {first[0]:.2f}-{first[-1]:.2f}; "
              f"all saves {statistics.median(pr['ratio_all_saves'] for pr in pairs):.2f}")


def refusals(cycle: dict) -> tuple[int, int]:
    """Saves refused because the round had closed, and the other errors, of one round.
    Runs before the bench counted refusals apart list them among the errors' kinds."""
    if "refused_closed" in cycle:
        return cycle["refused_closed"], cycle["errors"]
    if cycle["errors"] and all(CLOSED_TEXT in kind for kind in cycle["error_kinds"]):
        return cycle["errors"], 0
    return 0, cycle["errors"]


def slope(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


if __name__ == "__main__":
    main(sys.argv[1])
