"""Exports of the review: the tables (shared with the page), CSV, XLSX, an anonymised raw
export and a PDF report for a committee paper.

* Every table has Danish column names; a suppressed number reads ``for få svar``.
* Text cells that a spreadsheet could run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) get a leading apostrophe (OWASP's advice).
* CSV is written the way Danish Excel opens it: ``;`` between fields, decimal comma,
  UTF-8 with a byte-order mark.
* The raw export never contains tokens, timestamps or table numbers; participant ids
  are replaced by numbers drawn afresh for every export, and group/unit are coarsened
  until each combination covers at least the event's minimum (``review.k_anonymise``).
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd

from vision.charts import review as charts
from vision.errors import UserError
from vision.model import GROUPS
from vision.review import ALL, OTHER, SUPPRESSED, Review, k_anonymise
from vision.store import Store
from vision.store import queries as q
from vision.store import review_queries as rq

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text that a spreadsheet would read as a formula, made harmless."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _num(x, digits: int = 2):
    return SUPPRESSED if x is None or (isinstance(x, float) and x != x) else round(float(x), digits)


def _group(cell: str) -> str:
    return "Alle" if cell == ALL else GROUPS.get(cell, cell)


# -- tables ---------------------------------------------------------------------------
def facts_table(review: Review) -> pd.DataFrame:
    e = review.event
    people = review.participants[review.participants.dim == "grp"]
    rows = [("Begivenhed", e.title), ("Kode", e.code),
            ("Dato", e.event_date.strftime("%d.%m.%Y") if e.event_date else "–"), ("Sted", e.place or "–"),
            ("Runde", review.round.title if review.round else "–"),
            ("Deltagere i alt", review.extra.get("total_participants", 0)
             if review.extra.get("total_participants", 0) >= review.minimum else SUPPRESSED)]
    for r in people.itertuples():
        rows.append((f"Deltagere: {_group(r.cell)}", SUPPRESSED if r.suppressed else int(r.participants)))
    rows.append(("Mindste gruppestørrelse", review.minimum))
    rows.append(("Udtræk lavet", date.today().strftime("%d.%m.%Y")))
    return pd.DataFrame(rows, columns=["Felt", "Værdi"])


def ranking_table(review: Review) -> pd.DataFrame:
    rows = []
    for r in review.ranking:
        d = r.draft
        close = "–" if r.too_close_to_next is None else ("Nej, for tæt på" if r.too_close_to_next else "Ja")
        rows.append({"Placering": r.place, "Forslag": d.name, "Tekst": d.text,
                     "Personer, der svarede": SUPPRESSED if d.suppressed else d.respondents,
                     "Gennemsnit": _num(d.mean), "95 %-interval fra": _num(d.ci_low),
                     "95 %-interval til": _num(d.ci_high), "Kan skilles fra det næste": close})
    return pd.DataFrame(rows, columns=["Placering", "Forslag", "Tekst", "Personer, der svarede", "Gennemsnit",
                                       "95 %-interval fra", "95 %-interval til", "Kan skilles fra det næste"])


CRITERIA_COLUMNS = ["Forslag", "Kriterium", "Gennemsnit", "Standardafvigelse", "Median", "Kvartilafstand",
                    "Enighed (andel inden for 1 point af medianen)", "Delt", "Svar", "Ved ikke", "Ikke besvaret"]


def criteria_table(review: Review, draft_id: int | None = None) -> pd.DataFrame:
    rows = []
    for d in review.drafts:
        if draft_id is not None and d.draft_id != draft_id:
            continue
        for c in d.criteria:
            hidden = d.suppressed
            rows.append({"Forslag": d.name, "Kriterium": c.label, "Gennemsnit": _num(None if hidden else c.mean),
                         "Standardafvigelse": _num(c.sd), "Median": _num(c.median, 1),
                         "Kvartilafstand": _num(c.iqr, 2),
                         "Enighed (andel inden for 1 point af medianen)": _num(c.agreement, 3),
                         "Delt": SUPPRESSED if hidden else ("Ja" if c.split else "Nej"),
                         "Svar": SUPPRESSED if hidden else c.scored,
                         "Ved ikke": SUPPRESSED if hidden else c.dont_know,
                         "Ikke besvaret": SUPPRESSED if hidden else c.missing})
    return pd.DataFrame(rows, columns=CRITERIA_COLUMNS)


def strong_weak_table(review: Review) -> pd.DataFrame:
    rows = []
    for d in review.drafts:
        s, w = d.strongest, d.weakest
        rows.append({"Forslag": d.name, "Stærkeste kriterium": s.label if s else SUPPRESSED,
                     "Gennemsnit (stærkest)": _num(s.mean if s else None),
                     "Svageste kriterium": w.label if w else SUPPRESSED,
                     "Gennemsnit (svagest)": _num(w.mean if w else None),
                     "Delte kriterier": ", ".join(c.label for c in d.criteria if c.split) or "–"})
    return pd.DataFrame(rows)


def breakdown_table(review: Review, dim: str, draft_id: int) -> pd.DataFrame:
    """Rows: persons who answered, overall mean, each criterion; columns: the cells, then 'Alle'."""
    long = review.by_group if dim == "grp" else review.by_unit
    d = review.draft(draft_id)
    part = long[long.draft_id == draft_id]
    cells = list(review.cells[dim])
    index = ["Personer, der svarede", "Samlet gennemsnit", *[c.label for c in review.criteria]]
    data: dict[str, list] = {}
    for cell in cells:
        rows = part[part.cell == cell].set_index("criterion_key")
        if rows.empty or bool(rows.suppressed.iloc[0]):
            data[cell] = [SUPPRESSED] * len(index)
            continue
        data[cell] = [int(rows.loc["", "respondents"]), _num(rows.loc["", "mean"])] + [
            _num(rows.loc[c.key, "mean"]) if c.key in rows.index and rows.loc[c.key, "mean"] == rows.loc[c.key, "mean"]
            else "–" for c in review.criteria]
    if d.suppressed:
        data["Alle"] = [SUPPRESSED] * len(index)
    else:
        data["Alle"] = [d.respondents, _num(d.mean)] + [
            _num(c.mean) if c.mean is not None else "–" for c in d.criteria]
    return pd.DataFrame(data, index=index, dtype=object)


def breakdown_sheet(review: Review, dim: str) -> pd.DataFrame:
    parts = []
    label = {"grp": "Gruppe", "unit": "Kommune/organisation"}[dim]
    for d in review.drafts:
        t = breakdown_table(review, dim, d.draft_id)
        t = t.rename(columns={c: _group(c) if dim == "grp" else c for c in t.columns})
        t.insert(0, "Række", t.index)
        t.insert(0, "Forslag", d.name)
        parts.append(t.reset_index(drop=True))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["Forslag", "Række"])
    out.attrs["dim_label"] = label
    return out


PARADOX_COLUMNS = ["Runde", "Paradoks", "Gruppe", "Svar", "Median", "Gennemsnit", "Nedre kvartil", "Øvre kvartil",
                   "Andel mod venstre", "Andel i midten", "Andel mod højre"]


def paradox_table(review: Review) -> pd.DataFrame:
    rows = []
    titles = {r.id: r.title for r in review.paradox_rounds}
    paradoxes = {p.id: p for p in review.paradoxes}
    for r in review.paradox_by_group.itertuples():
        p = paradoxes[r.paradox_id]
        hidden = r.suppressed or r.n is None
        share = (lambda k: SUPPRESSED if hidden else round(k / r.n, 3))
        rows.append({"Runde": titles[r.round_id], "Paradoks": f"{p.title} ({p.left_label} ↔ {p.right_label})",
                     "Gruppe": _group(r.cell), "Svar": SUPPRESSED if hidden else int(r.n),
                     "Median": _num(None if hidden else r.median, 1), "Gennemsnit": _num(None if hidden else r.mean, 1),
                     "Nedre kvartil": _num(None if hidden else r.q1, 1), "Øvre kvartil": _num(None if hidden else r.q3, 1),
                     "Andel mod venstre": share(r.left_n or 0), "Andel i midten": share(r.mid_n or 0),
                     "Andel mod højre": share(r.right_n or 0)})
    return pd.DataFrame(rows, columns=PARADOX_COLUMNS)


def focus_table(review: Review) -> pd.DataFrame:
    rows = []
    titles = {r.id: r.title for r in review.focus_rounds}
    areas = {f.id: f.title for f in review.focus_areas}
    mode = review.event.focus_mode
    value_col = "Gennemsnitlig plads (1 = vigtigst)" if mode == "rank" else "Point pr. deltager"
    for r in review.focus_by_group.itertuples():
        rows.append({"Runde": titles[r.round_id], "Fokusområde": areas[r.focus_area_id], "Gruppe": _group(r.cell),
                     "Personer, der svarede": SUPPRESSED if r.suppressed else int(r.respondents),
                     value_col: _num(None if r.suppressed else r.mean),
                     **({"Point i alt": _num(None if r.suppressed else r.total, 0)} if mode == "points" else {})})
    cols = ["Runde", "Fokusområde", "Gruppe", "Personer, der svarede", value_col] + (
        ["Point i alt"] if mode == "points" else [])
    return pd.DataFrame(rows, columns=cols)


def participants_table(review: Review) -> pd.DataFrame:
    rows = []
    for r in review.participants.itertuples():
        rows.append({"Opdeling": "Gruppe" if r.dim == "grp" else "Kommune/organisation",
                     "Værdi": _group(r.cell) if r.dim == "grp" else r.cell,
                     "Deltagere": SUPPRESSED if r.suppressed else int(r.participants)})
    return pd.DataFrame(rows, columns=["Opdeling", "Værdi", "Deltagere"])


def comments_table(review: Review, comments: pd.DataFrame) -> pd.DataFrame:
    names = {d.draft_id: d.name for d in review.drafts}
    shown = comments[~comments.hidden] if "hidden" in comments else comments
    return pd.DataFrame({
        "Forslag": [names.get(int(x), "–") for x in shown.draft_id],
        "Gruppe": [GROUPS.get(g, g) if g else "–" for g in shown.group],
        "Kommentar": list(shown.text),
    }, columns=["Forslag", "Gruppe", "Kommentar"])


def all_tables(review: Review, comments: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Sheet name -> table: everything the review page shows, in the page's order."""
    tables = {
        "Fakta": facts_table(review),
        "Rangering": ranking_table(review),
        "Kriterier": criteria_table(review),
        "Stærkest og svagest": strong_weak_table(review),
        "Grupper": breakdown_sheet(review, "grp"),
        "Kommuner": breakdown_sheet(review, "unit"),
        "Deltagere": participants_table(review),
    }
    if review.paradox_rounds:
        tables["Paradokser"] = paradox_table(review)
    if review.focus_rounds:
        tables["Fokusområder"] = focus_table(review)
    if comments is not None:
        tables["Kommentarer"] = comments_table(review, comments)
    return tables


# -- CSV and XLSX ---------------------------------------------------------------------
def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    # CRLF line ends, as Excel writes them; it also makes the csv writer quote any cell
    # holding a bare CR, which would otherwise start a new row (and a formula) there.
    return _safe(df).to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def _filename(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", " ": "_"})
    return "".join(ch for ch in name.translate(table) if ch.isalnum() or ch in "_-").lower()


def to_csv_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, df in tables.items():
            z.writestr(f"{_filename(name)}.csv", to_csv(df))
    return buf.getvalue()


def to_xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table: bold white header on blue, frozen header row, filter, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    head_font, head_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="0B5394")
    for name, df in tables.items():
        ws = wb.create_sheet(title=name[:31])
        safe = _safe(df)
        ws.append(list(safe.columns))
        for row in safe.itertuples(index=False):
            ws.append([None if (isinstance(v, float) and v != v) else (v.item() if hasattr(v, "item") else v)
                       for v in row])
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        if ws.max_row > 1:
            ws.auto_filter.ref = ws.dimensions
        for i, col in enumerate(safe.columns, start=1):
            longest = max([len(str(col))] + [len(str(v)) for v in safe.iloc[:, i - 1].head(500)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
            for cell in ws[get_column_letter(i)][1:]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.00"
                if isinstance(cell.value, str) and len(cell.value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- the anonymised raw export --------------------------------------------------------------
def raw_tables(store: Store, event_id: int, rng: random.Random | None = None) -> dict[str, pd.DataFrame]:
    """Answer rows with fresh participant numbers and coarsened group/unit (see module doc)."""
    rng = rng or random.SystemRandom()

    def read(cur):
        return (q.event_by_id(cur, event_id), rq.raw_rows(cur, event_id), q.rounds(cur, event_id),
                q.criteria(cur, event_id), q.drafts(cur, event_id, ("approved", "hidden", "pending")),
                q.paradoxes(cur, event_id), q.focus_areas(cur, event_id))

    event, raw, rounds, criteria, drafts, paradoxes, areas = store.read(read)
    if event is None:
        raise UserError("Begivenheden findes ikke.")
    people = raw["people"]
    if len(people) < event.min_group_size:
        raise UserError("Begivenheden har for få deltagere ({n}) til et anonymiseret udtræk; mindst {m} kræves.",
                        n=len(people), m=event.min_group_size)
    coarse = k_anonymise(people, event.min_group_size)
    numbers = rng.sample(range(1, 10 * len(coarse) + 1000), len(coarse))
    fresh = dict(zip(coarse.participant_id, numbers))
    who = coarse.assign(nr=coarse.participant_id.map(fresh)).set_index("participant_id")
    round_title = {r.id: r.title for r in rounds}
    draft_name = {d.id: f"Forslag {i}" + (f" · {d.label}" if d.label else "") for i, d in enumerate(drafts, 1)}
    crit = {c.key: c.label for c in criteria}

    def person_cols(df: pd.DataFrame) -> pd.DataFrame:
        w = who.loc[df.participant_id]
        return pd.DataFrame({"Deltager (nr. i dette udtræk)": w.nr.to_numpy(),
                             "Gruppe": [GROUPS.get(g, g) for g in w.grp],
                             "Kommune/organisation": w.unit.to_numpy()})

    s = raw["scores"]
    scores = pd.concat([person_cols(s), pd.DataFrame({
        "Runde": s.round_id.map(round_title).to_numpy(), "Forslag": s.draft_id.map(draft_name).to_numpy(),
        "Kriterium": s.criterion_key.map(crit).fillna(s.criterion_key).to_numpy(),
        "Score": [None if dk else int(v) for v, dk in zip(s.score, s.dont_know)],
        "Ved ikke": ["Ja" if dk else "Nej" for dk in s.dont_know]})], axis=1)
    p = raw["paradoxes"]
    ptitle = {x.id: x.title for x in paradoxes}
    pdx = pd.concat([person_cols(p), pd.DataFrame({
        "Runde": p.round_id.map(round_title).to_numpy(), "Paradoks": p.paradox_id.map(ptitle).to_numpy(),
        "Placering (-100 til 100)": p.position.astype(int).to_numpy()})], axis=1)
    f = raw["focus"]
    ftitle = {x.id: x.title for x in areas}
    focus = pd.concat([person_cols(f), pd.DataFrame({
        "Runde": f.round_id.map(round_title).to_numpy(), "Fokusområde": f.focus_area_id.map(ftitle).to_numpy(),
        ("Plads" if event.focus_mode == "rank" else "Point"): f.value.astype(int).to_numpy()})], axis=1)
    for df in (scores, pdx, focus):
        df.sort_values(list(df.columns[:1]) + list(df.columns[3:5]), inplace=True, kind="stable")
        df.reset_index(drop=True, inplace=True)
    about = pd.DataFrame([
        ("Begivenhed", f"{event.code} – {event.title}"),
        ("Deltagernumre", "Trukket tilfældigt for dette udtræk; de kan ikke kobles til andre udtræk eller koder."),
        ("Gruppe og kommune", f"Slået sammen til '{OTHER}', hvor en kombination har færre end "
                              f"{event.min_group_size} deltagere."),
        ("Udeladt", "Deltagerkoder, tidspunkter, bordnumre og kommentarer."),
    ], columns=["Felt", "Værdi"])
    return {"Om udtrækket": about, "Scorer": scores, "Paradokser": pdx, "Fokusområder": focus}


# -- the report (PDF) -------------------------------------------------------------------------
def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def report_pdf(review: Review, comments: pd.DataFrame | None = None, progress=None) -> bytes:
    """A4 report for a committee paper: facts, charts and tables. ``progress(fraction, text)``."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    steps = 4 + len(review.drafts) + len(review.paradoxes) * len(review.paradox_rounds) + len(review.focus_rounds)
    done = [0]

    def tick(text: str) -> None:
        done[0] += 1
        if progress:
            progress(min(1.0, done[0] / steps), text)

    e = review.event
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"Resultater: {e.title}")
    pdf.set_author("Visionsdag")
    pdf.set_creator("Visionsdag")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_footer = None
    width = pdf.w - 2 * pdf.l_margin

    def heading(text: str, size: int = 14) -> None:
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 9)

    def para(text: str) -> None:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 4.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(df: pd.DataFrame, widths: tuple | None = None, size: int = 8) -> None:
        pdf.set_font("DejaVu", "", size)
        head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(11, 83, 148))
        with pdf.table(col_widths=widths, headings_style=head, line_height=size * 0.5,
                       text_align="LEFT", first_row_as_headings=True) as t:
            t.row([str(c) for c in df.columns])
            for row in df.itertuples(index=False):
                t.row([(f"{v:.2f}".replace(".", ",") if isinstance(v, float) else str(v)) for v in row])
        pdf.ln(3)

    def image(png: bytes, w: float = width) -> None:
        pdf.image(io.BytesIO(png), w=w)
        pdf.ln(2)

    pdf.add_page()
    heading(f"Resultater fra {e.title}", 16)
    para("Bilag til dagsordenspunkt. Tallene er udtrukket fra Visionsdag; grupper med færre end "
         f"{review.minimum} svar vises som »{SUPPRESSED}«.")
    table(facts_table(review), (1, 2))
    tick("Fakta")

    heading("Rangering af forslagene")
    para("Gennemsnit af alle scorer (1-5) med 95 %-interval (bootstrap over deltagerne). To forslag med "
         "samme placering (fx »1-2«) kan ikke skilles ad: forskellen mellem dem kan skyldes tilfældighed.")
    image(charts.static_ranking(review), width * 0.9)
    rt = ranking_table(review).drop(columns=["Tekst"])
    table(rt, (1, 4, 1.6, 1.4, 1.3, 1.3, 1.8))
    tick("Rangering")

    for d in review.drafts:
        pdf.add_page()
        heading(d.name)
        para(f"»{d.text}«")
        if d.suppressed:
            para(f"{SUPPRESSED.capitalize()}: kun {review.minimum - 1} eller færre har svaret.")
        else:
            s, w = d.strongest, d.weakest
            if s and w:
                para(f"Stærkest: {s.label} ({charts._comma(s.mean)}). Svagest: {w.label} ({charts._comma(w.mean)})."
                     + (" Delt: " + ", ".join(c.label for c in d.criteria if c.split) + "." if any(
                         c.split for c in d.criteria) else ""))
            image(charts.static_profile(d), width * 0.85)
            ct = criteria_table(review, d.draft_id).drop(columns=["Forslag", "Delt"]).rename(columns={
                "Enighed (andel inden for 1 point af medianen)": "Enighed", "Standardafvigelse": "Std.afv.",
                "Kvartilafstand": "IQR", "Ikke besvaret": "Ubesvaret"})
            table(ct, (3, 1.3, 1.2, 1.1, 1, 1.2, 1, 1.1, 1.3), size=7)
        tick(d.name)

    pdf.add_page()
    heading("Forskelle mellem grupperne")
    para("Gennemsnit pr. kriterium for politikere, embedsmænd, brugerorganisationer og andre. Grå felter: for få "
         "svar (også når en lille gruppe ellers kunne regnes ud fra totalen).")
    for d in review.drafts:
        t = breakdown_table(review, "grp", d.draft_id).iloc[1:]
        pdf.set_font("DejaVu", "B", 9)
        pdf.cell(0, 5, d.name, new_x="LMARGIN", new_y="NEXT")
        image(charts.static_heatmap(t, "grp"), width * 0.62)
    tick("Grupper")

    pdf.add_page()
    heading("Forskelle mellem kommuner og organisationer")
    para("Samlet gennemsnit pr. forslag for hver kommune og organisation.")
    overall = pd.DataFrame({f"Forslag {d.number}": breakdown_table(review, "unit", d.draft_id).loc["Samlet gennemsnit"]
                            for d in review.drafts}, dtype=object)
    image(charts.static_heatmap(overall, "draft"), min(width, 40 + 22 * len(review.drafts)))
    tick("Kommuner")

    for r in review.paradox_rounds:
        pdf.add_page()
        heading(f"Paradokser: {r.title}")
        para("Placering fra -100 (venstre pol) til 100 (højre pol): median (tyk streg), midterste halvdel "
             "(boks) og spændvidde.")
        for p in review.paradoxes:
            image(charts.static_paradox(review, r.id, p), width * 0.9)
            tick(p.title)
        pt = paradox_table(review)
        pt = pt[pt.Runde == r.title].drop(columns=["Runde", "Paradoks", "Gennemsnit"])
        table(pt, size=7)
    for r in review.focus_rounds:
        pdf.add_page()
        heading(f"Fokusområder: {r.title}")
        image(charts.static_focus(review, r.id, e.focus_mode), width * 0.9)
        ft = focus_table(review)
        table(ft[ft.Runde == r.title].drop(columns=["Runde"]), size=7)
        tick(r.title)

    if comments is not None and not comments.empty:
        pdf.add_page()
        heading("Kommentarer")
        table(comments_table(review, comments), (2, 1.3, 6), size=7)

    pdf.ln(2)
    heading("Metode", 11)
    para("Spredning: standardafvigelse og kvartilafstand (Q3-Q1). Enighed: andelen af scorer højst ét point "
         "fra medianen; under 60 % kaldes kriteriet delt. »Ved ikke« indgår ikke i gennemsnittet. "
         f"Anonymitet: ingen gruppe, kommune eller organisation med færre end {review.minimum} svar vises, og "
         "en ekstra gruppe skjules, hvis en lille gruppe ellers kunne regnes ud som totalen minus de viste.")
    tick("Færdig")
    return bytes(pdf.output())
