"""Markdown tables from a bench/load.py JSON file: ``python bench/report.py bench/results/X.json``."""

from __future__ import annotations

import json
import sys


def ms(x) -> str:
    return "–" if x is None else f"{x * 1000:,.0f}"


def main(path: str) -> None:
    data = json.loads(open(path, encoding="utf-8").read())
    rows = data["results"]
    floors = {r["n"]: r for r in rows if r["kind"] == "floor"}
    ours = {r["n"]: r for r in rows if r["kind"] == "floor-vision-serve"}
    print(f"Run {data['info']['started']}: {data['info']}\n")
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


if __name__ == "__main__":
    main(sys.argv[1])
