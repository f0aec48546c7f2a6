"""The committee paper in Word: a ``.docx`` agenda item about the vision day, for the
secretariat to paste into the agenda system.

It is shaped like the committee item in the sources (seed 001): *Sagsbeskrivelse*,
*Baggrund*, the day (*Visionsdagen*), *Resultater* and *Det videre forløb*, with real Word
heading styles (Heading 1/2, shown as "Overskrift 1/2" in Danish Word), Danish as the
document language, tables with a repeated header row, and the charts as PNG pictures with
a text alternative. Every number comes from the review's tables (``vision.exports``), so
small groups are suppressed exactly as on the page and in the other exports.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache

import pandas as pd

from vision import exports
from vision.charts import review as charts
from vision.provenance import mark_of
from vision.review import SUPPRESSED, Review

MAX_TABLE_ROWS = 60
TEXT_WIDTH_CM = 17.0       # A4 with 2 cm margins
TABLE_PT = 10


def _document():
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    return doc


def _set_language(doc) -> None:
    """Danish as the document's language (spelling, hyphenation, screen readers)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "da-DK")


def _picture(doc, png: bytes, alt: str, width_cm: float = 16.0) -> None:
    from docx.shared import Cm

    shape = doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt.split(".")[0][:100])


def _cell_text(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _table(doc, df: pd.DataFrame, caption: str | None = None, size: float = TABLE_PT) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    if caption:
        doc.add_paragraph(caption, style="Caption")
    df = df.head(MAX_TABLE_ROWS)
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Light Grid Accent 1"
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:   # the style's bold first column would read as a second header
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:val"), "0420")
    for cell, name in zip(table.rows[0].cells, df.columns):
        cell.text = str(name)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in df.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = _cell_text(value)
    for row in table.rows:      # tables a point smaller than the text, as agendas set them
        for cell in row.cells:
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(size)
    table.autofit = False
    widths = _widths(df, size)
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(int(width.twips)))
    for column, width in zip(table.columns, widths):
        for cell in column.cells:
            cell.width = width
    doc.add_paragraph()


# A cell's left and right padding, in cm, with a little to spare.
CELL_PAD_CM = 0.5


@lru_cache(maxsize=2)
def _font(bold: bool):
    """DejaVu Sans, the wide font LibreOffice falls back to for Calibri; None if missing."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", 100)
    except OSError:
        return None


def _word_cm(word: str, bold: bool = False, size: float = TABLE_PT) -> float:
    """How wide a word of the tables' text is at ``size`` pt, in cm, in the widest font it may be set in."""
    font = _font(bold)
    if font is None:
        return len(word) * (0.25 if bold else 0.23) * size / TABLE_PT
    return font.getlength(word) / 100 * size * 2.54 / 72


def _one_interval_column(df: pd.DataFrame) -> pd.DataFrame:
    """The interval's two ends as one column ('3,29–3,59'), so the table fits the page."""
    low, high = "95 %-interval fra", "95 %-interval til"
    if low not in df.columns or high not in df.columns:
        return df
    out = df.copy()
    at = list(out.columns).index(low)
    both = [f"{_cell_text(a)}–{_cell_text(b)}" if _cell_text(a) not in ("", "–") else _cell_text(a)
            for a, b in zip(out[low], out[high])]
    out = out.drop(columns=[low, high])
    out.insert(at, "95 %-interval", both)
    return out


def _floors(df: pd.DataFrame, size: float = TABLE_PT) -> list[float]:
    """Each column's least width in cm at ``size`` pt: its longest word (the header is bold)."""
    return [max([_word_cm(w, True, size) for w in str(name).split()]
                + [_word_cm(w, False, size) for v in df.iloc[:, i] for w in _cell_text(v).split()] + [0.3])
            + CELL_PAD_CM for i, name in enumerate(df.columns)]


def _widths(df: pd.DataFrame, size: float = TABLE_PT) -> list:
    """Column widths: each column at least as wide as its longest word (the header is bold),
    so no word breaks in the middle; what is left over goes to the columns with longer text."""
    from docx.shared import Cm

    floors, wants = _floors(df, size), []
    for i, name in enumerate(df.columns):
        texts = [_cell_text(v) for v in df.iloc[:, i]]
        typical = sum(_word_cm(t[:60], False, size) for t in [str(name)] + texts) / (len(texts) + 1)
        wants.append(max(min(typical, 10.0) + CELL_PAD_CM, floors[i]))
    if sum(floors) >= TEXT_WIDTH_CM:        # too many columns: shrink all alike
        return [Cm(TEXT_WIDTH_CM * f / sum(floors)) for f in floors]
    spare = TEXT_WIDTH_CM - sum(floors)
    extra = [w - f for w, f in zip(wants, floors)]
    if sum(extra) <= 0:
        return [Cm(f + spare / len(floors)) for f in floors]
    return [Cm(f + spare * e / sum(extra)) for f, e in zip(floors, extra)]


def _bullets(doc, lines: list[str], numbered: bool = False) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Number" if numbered else "List Bullet")


def _when(d: date | None) -> str:
    from vision.processes import format_date

    return format_date(d) if d else "–"


def committee_paper(review: Review, *, process=None, governance=None, consultation=None, progress=None,
                    approvals=None) -> bytes:
    """The agenda item as .docx bytes. ``process``/``governance`` (the process and region the
    day belongs to), ``consultation``/``progress`` (the input before the day) and
    ``approvals`` (an ``approvals.Summary``) fill in the background and the further process
    when they are known."""
    e = review.event
    doc = _document()
    _set_language(doc)
    props = doc.core_properties
    props.title = f"Resultater fra {e.title}"
    props.language = "da-DK"
    props.author = "Visionsdag"
    props.subject = "Dagsordenspunkt"

    doc.add_heading(f"Resultater fra {e.title}", level=0)
    doc.add_heading("Sagsbeskrivelse", level=1)
    doc.add_paragraph(
        f"Sekretariatet fremsender resultaterne fra {e.title}"
        + (f" den {_when(e.event_date)}" if e.event_date else "")
        + (f" i {e.place}" if e.place else "")
        + " til orientering og drøftelse. Resultaterne indgår i det videre arbejde med aftalen.")

    doc.add_heading("Baggrund", level=1)
    if process is not None and process.description:
        doc.add_paragraph(" ".join(process.description.split()))
    if e.description:
        doc.add_paragraph(" ".join(e.description.split()))
    if consultation is not None and progress is not None:
        doc.add_paragraph(
            f"Forud for dagen blev {progress.total} kommuner og organer bedt om input med frist "
            f"{_when(consultation.deadline)} (»{consultation.title}«). {progress.summary()}.")

    doc.add_heading("Visionsdagen", level=1)
    facts = exports.facts_table(review)
    _table(doc, facts, "Tabel 1. Fakta om dagen")
    rounds = [r.title for r in (*review.scoring_rounds, *review.paradox_rounds, *review.focus_rounds)]
    if rounds:
        doc.add_paragraph("Deltagerne svarede på deres telefon i disse runder:")
        _bullets(doc, rounds)

    doc.add_heading("Resultater", level=1)
    doc.add_paragraph(
        f"Grupper, kommuner og organisationer med færre end {review.minimum} svar vises som "
        f"»{SUPPRESSED}«, så ingen enkeltpersons svar kan udledes.")
    n = 2
    if review.drafts and any(d.respondents for d in review.drafts):
        doc.add_heading("Rangering af forslagene", level=2)
        doc.add_paragraph("Gennemsnit af alle scorer (1-5) med 95 %-interval. To forslag med samme placering "
                          "(fx »1-2«) kan ikke skilles ad.")
        ranking = _one_interval_column(exports.ranking_table(review).drop(columns=["Tekst"]))
        _picture(doc, charts.static_ranking(review), "Søjlediagram over forslagenes gennemsnit. " + "; ".join(
            f"{r['Placering']}. {r['Forslag']}: {_cell_text(r['Gennemsnit'])}" for r in ranking.to_dict("records")))
        _table(doc, ranking, f"Tabel {n}. Rangering")
        n += 1
        doc.add_heading("Forslagene", level=2)
        for d in review.drafts:
            doc.add_heading(d.name, level=3)
            doc.add_paragraph(f"»{' '.join(d.text.split())}«")
            if d.suppressed:
                doc.add_paragraph(f"{SUPPRESSED.capitalize()}: færre end {review.minimum} har svaret.")
                continue
            # As the tables and the PDF report: criteria that share the top or bottom mean are
            # named together, and a draft whose criteria are all equal names none.
            s, sm, w, wm = exports.strong_weak(d)
            if d.flat:
                doc.add_paragraph(f"Alle kriterier har samme gennemsnit ({_cell_text(sm)}); "
                                  "intet er stærkest eller svagest.")
            elif s not in ("–", SUPPRESSED):
                doc.add_paragraph(f"Stærkest: {s} ({_cell_text(sm)}). Svagest: {w} ({_cell_text(wm)}).")
            crit = exports.criteria_table(review, d.draft_id)
            _picture(doc, charts.static_profile(d), f"Profil for {d.name} på Visionstestens kriterier. " + "; ".join(
                f"{r['Kriterium']}: {_cell_text(r['Gennemsnit'])}" for r in crit.to_dict("records")), 15)
        doc.add_heading("Forskelle mellem grupperne", level=2)
        for d in review.drafts:
            t = exports.breakdown_table(review, "grp", d.draft_id)
            shown = t.reset_index(names="").rename(columns=lambda c: exports._group(c) if c else c)
            _table(doc, shown, f"Tabel {n}. {d.name}: gennemsnit pr. gruppe")
            n += 1
    for r in review.paradox_rounds:
        doc.add_heading(f"Paradokser: {r.title}", level=2)
        doc.add_paragraph("Placering fra -100 (venstre pol) til 100 (højre pol).")
        pt = exports.paradox_table(review)
        pt = pt[pt.Runde == r.title]
        for p in review.paradoxes:
            mine = pt[pt.Paradoks.str.startswith(p.title)]
            _picture(doc, charts.static_paradox(review, r.id, p), f"Paradokset {p.title}: {p.left_label} over for "
                     f"{p.right_label}. " + "; ".join(f"{x['Gruppe']}: median {_cell_text(x['Median'])}"
                                                       for x in mine.to_dict("records")), 15)
        _table(doc, pt.drop(columns=["Runde", "Gennemsnit"]), f"Tabel {n}. Paradokser pr. gruppe")
        n += 1
    for r in review.focus_rounds:
        doc.add_heading(f"Fokusområder: {r.title}", level=2)
        ft = exports.focus_table(review)
        ft = ft[ft.Runde == r.title].drop(columns=["Runde"])
        alle = ft[ft.Gruppe == "Alle"]
        value_col = ft.columns[3]
        _picture(doc, charts.static_focus(review, r.id, e.focus_mode), "Fokusområdernes prioritering. " + "; ".join(
            f"{x['Fokusområde']}: {_cell_text(x[value_col])}" for x in alle.to_dict("records")), 15)
        _table(doc, ft, f"Tabel {n}. Fokusområder pr. gruppe")
        n += 1

    doc.add_heading("Det videre forløb", level=1)
    told = False                       # whether the path after the day is described
    if governance is not None and governance.draft_path:
        told = True
        doc.add_paragraph("Efter visionsdagen følger udkastet denne vej:")
        _bullets(doc, [f"{' og '.join(governance.body(b).name for b in step.bodies)}: {step.action}"
                       + (f" ({mark})" if (mark := mark_of(step)) else "")
                       for step in governance.draft_path], numbered=True)
    if process is not None:
        later = [p for p in process.phases if e.event_date is None or p.start_date > e.event_date]
        if later:
            told = True
            from vision.processes import phase_when

            _bullets(doc, [f"{p.when_text or phase_when(p)}: {p.title}" for p in later])
    if not told:
        doc.add_paragraph("Resultaterne indgår i sekretariatets udkast til aftalen.")
    if approvals is not None:
        doc.add_paragraph(f"Status for godkendelsen: {approvals.text()}.")
    doc.add_paragraph(f"Udtræk fra Visionsdag {date.today().strftime('%d.%m.%Y')}.", style="Caption")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def paper_for_event(store, event_id: int, round_id: int | None = None) -> bytes:
    """The paper for an event, with its process, region, consultation and approvals when known."""
    from vision import process_status as ps
    from vision import processes as proc
    from vision.review import build_review

    review = build_review(store, event_id, round_id)
    status = next((ps.status(store, item.model) for item in proc.load_processes()
                   if any(m.event == review.event.code for m in item.model.vision_days)), None)
    if status is None:
        return committee_paper(review)
    # The region's organisation (its draft's path) describes its latest process: an earlier
    # day's paper does not borrow a later agreement's path and dates.
    # The approvals' status is counted against that organisation too.
    latest = ps.latest_process(status.process.region)
    current = latest is not None and latest.id == status.process.id
    return committee_paper(review, process=status.process, governance=status.governance if current else None,
                           consultation=status.consultation, progress=status.progress,
                           approvals=status.approvals if current else None)
