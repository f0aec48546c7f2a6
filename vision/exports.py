"""Exports of the review: the tables (shared with the page), CSV, XLSX, an anonymised raw
export. The PDF report for a committee paper is :mod:`vision.report_pdf`.

* Every table has Danish column names. A hidden number says why: ``for få svar`` where
  too few answered, ``skjult, så en lille gruppe ikke kan regnes ud`` where a cell with
  enough answers is hidden so a small group cannot be worked out by subtraction
  (``vision.review.suppression``). A figure nobody gave reads ``–``.
* Text cells that a spreadsheet could run as a formula (starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) get a leading apostrophe (OWASP's advice).
* CSV is written the way Danish Excel opens it: ``;`` between fields, decimal comma,
  UTF-8 with a byte-order mark.
* The anonymised raw export is :mod:`vision.raw_export`.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd

from vision.i18n import N_
from vision.model import GROUPS
from vision.review import ALL, SUPPRESSED, Review
from vision.review.suppression import COMPLEMENTARY_TEXT, SMALL, hidden_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text that a spreadsheet would read as a formula, made harmless."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _num(x, digits: int = 2, hidden: str | None = None):
    """A number rounded for a table; ``hidden`` (a reason) gives its text; no value reads "–"."""
    if hidden:
        return hidden_text(hidden)
    return "–" if x is None or (isinstance(x, float) and x != x) else round(float(x), digits)


def _reason(r) -> str | None:
    """The reason a row of a review table is hidden (None where shown)."""
    reason = getattr(r, "reason", None)
    if reason is None or (isinstance(reason, float) and reason != reason):
        return SMALL if getattr(r, "suppressed", False) else None
    return reason


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
        rows.append((f"Deltagere: {_group(r.cell)}", hidden_text(_reason(r)) if r.suppressed
                     else int(r.participants)))
    rows.append(("Mindste gruppestørrelse", review.minimum))
    rows.append(("Udtræk lavet", date.today().strftime("%d.%m.%Y")))
    return pd.DataFrame(rows, columns=["Felt", "Værdi"])


def ranking_table(review: Review) -> pd.DataFrame:
    rows = []
    for r in review.ranking:
        d = r.draft
        close = "–" if r.too_close_to_next is None else ("Nej, for tæt på" if r.too_close_to_next else "Ja")
        why = SMALL if d.suppressed or d.mean_hidden else None
        rows.append({"Placering": r.place, "Forslag": d.name, "Tekst": d.text,
                     "Personer, der svarede": SUPPRESSED if d.suppressed else d.respondents,
                     "Gennemsnit": _num(d.mean, hidden=why), "95 %-interval fra": _num(d.ci_low, hidden=why),
                     "95 %-interval til": _num(d.ci_high, hidden=why), "Kan skilles fra det næste": close})
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
            why = SMALL if hidden or c.hidden else None
            rows.append({"Forslag": d.name, "Kriterium": c.label, "Gennemsnit": _num(c.mean, hidden=why),
                         "Standardafvigelse": _num(c.sd, hidden=why), "Median": _num(c.median, 1, hidden=why),
                         "Kvartilafstand": _num(c.iqr, 2, hidden=why),
                         "Enighed (andel inden for 1 point af medianen)": _num(c.agreement, 3, hidden=why),
                         "Delt": SUPPRESSED if why else ("Ja" if c.split else "Nej"),
                         "Svar": SUPPRESSED if hidden else c.scored,
                         "Ved ikke": SUPPRESSED if hidden else c.dont_know,
                         "Ikke besvaret": SUPPRESSED if hidden else c.missing})
    return pd.DataFrame(rows, columns=CRITERIA_COLUMNS)


ALL_EQUAL = N_("Alle kriterier har samme gennemsnit")


def strong_weak(d) -> tuple[str, float | str, str, float | str]:
    """(strongest, its mean, weakest, its mean) as a table shows them: criteria that share
    the top or bottom mean are named together, and a draft whose criteria all have the
    same mean names none of them twice."""
    if d.suppressed or not d._scored():
        return SUPPRESSED if d.suppressed else "–", _num(None, hidden=SMALL if d.suppressed else None), \
            SUPPRESSED if d.suppressed else "–", _num(None, hidden=SMALL if d.suppressed else None)
    if d.flat:
        m = _num(d._scored()[0].mean)
        return ALL_EQUAL, m, ALL_EQUAL, m
    s, w = d.strongest_all, d.weakest_all
    return (", ".join(c.label for c in s), _num(s[0].mean), ", ".join(c.label for c in w), _num(w[0].mean))


def strong_weak_table(review: Review) -> pd.DataFrame:
    rows = []
    for d in review.drafts:
        s, sm, w, wm = strong_weak(d)
        rows.append({"Forslag": d.name, "Stærkeste kriterium": s, "Gennemsnit (stærkest)": sm,
                     "Svageste kriterium": w, "Gennemsnit (svagest)": wm,
                     "Delte kriterier": ", ".join(c.label for c in d.criteria if c.split) or "–"})
    return pd.DataFrame(rows, columns=["Forslag", "Stærkeste kriterium", "Gennemsnit (stærkest)",
                                       "Svageste kriterium", "Gennemsnit (svagest)", "Delte kriterier"])


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
        if rows.empty:
            data[cell] = [SUPPRESSED] * len(index)
            continue
        if bool(rows.suppressed.iloc[0]):
            data[cell] = [hidden_text(_reason(rows.iloc[0]))] * len(index)
            continue

        def mean(key: str):
            if key not in rows.index:
                return "–"
            why = rows.loc[key, "mean_reason"] if "mean_reason" in rows else None
            return _num(rows.loc[key, "mean"], hidden=why if isinstance(why, str) else None)

        data[cell] = [int(rows.loc["", "respondents"]), mean("")] + [mean(c.key) for c in review.criteria]
    if d.suppressed:
        data["Alle"] = [SUPPRESSED] * len(index)
    else:
        data["Alle"] = [d.respondents, _num(d.mean, hidden=SMALL if d.mean_hidden else None)] + [
            _num(c.mean, hidden=SMALL if c.hidden else None) for c in d.criteria]
    return pd.DataFrame(data, index=index, dtype=object)


def with_answers(table: pd.DataFrame) -> pd.DataFrame:
    """A breakdown table (``breakdown_table``) without the columns in which nobody answered:
    a day's municipalities and organisations are many, and a figure of them all is too
    crowded to read. Columns hidden for privacy stay, saying so, and so does 'Alle'."""
    answered = table.iloc[0]
    return table[[c for c in table.columns
                  if c == "Alle" or not (isinstance(answered[c], int) and answered[c] == 0)]]


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
        why = _reason(r) if r.suppressed else None
        n = 0 if r.n is None or r.n != r.n else int(r.n)
        share = (lambda k: hidden_text(why) if why else ("–" if n == 0 else round(k / n, 3)))
        rows.append({"Runde": titles[r.round_id], "Paradoks": f"{p.title} ({p.left_label} ↔ {p.right_label})",
                     "Gruppe": _group(r.cell), "Svar": hidden_text(why) if why else n,
                     "Median": _num(r.median, 1, hidden=why), "Gennemsnit": _num(r.mean, 1, hidden=why),
                     "Nedre kvartil": _num(r.q1, 1, hidden=why), "Øvre kvartil": _num(r.q3, 1, hidden=why),
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
        why = _reason(r) if r.suppressed else None
        rows.append({"Runde": titles[r.round_id], "Fokusområde": areas[r.focus_area_id], "Gruppe": _group(r.cell),
                     "Personer, der svarede": hidden_text(why) if why else int(r.respondents),
                     value_col: _num(r.mean, hidden=why),
                     **({"Point i alt": _num(r.total, 0, hidden=why)} if mode == "points" else {})})
    cols = ["Runde", "Fokusområde", "Gruppe", "Personer, der svarede", value_col] + (
        ["Point i alt"] if mode == "points" else [])
    return pd.DataFrame(rows, columns=cols)


def participants_table(review: Review) -> pd.DataFrame:
    rows = []
    for r in review.participants.itertuples():
        rows.append({"Opdeling": "Gruppe" if r.dim == "grp" else "Kommune/organisation",
                     "Værdi": _group(r.cell) if r.dim == "grp" else r.cell,
                     "Deltagere": hidden_text(_reason(r)) if r.suppressed else int(r.participants)})
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
