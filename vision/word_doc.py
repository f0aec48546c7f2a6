"""Word documents the secretariat takes away: the building blocks the committee paper
(``vision.committee_paper``) and the review's report (``vision.report_pdf``) share. An A4
document with Danish as its language and real heading styles, pictures with a text
alternative, and tables with a repeated header row whose columns are at least as wide as
their longest word (in the widest font LibreOffice may set them in), so that no header
breaks inside a word."""

from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

MAX_TABLE_ROWS = 60
TEXT_WIDTH_CM = 17.0       # A4 with 2 cm margins
TABLE_PT = 10


def document():
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


def set_language(doc) -> None:
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


def picture(doc, png: bytes, alt: str, width_cm: float = 16.0) -> None:
    from docx.shared import Cm

    shape = doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt.split(".")[0][:100])


def cell_text(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def table(doc, df: pd.DataFrame, caption: str | None = None, size: float = TABLE_PT) -> None:
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
            cell.text = cell_text(value)
    for row in table.rows:      # tables a point smaller than the text, as agendas set them
        for cell in row.cells:
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(size)
    table.autofit = False
    sized = widths(df, size)
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), sized):
        grid_col.set(qn("w:w"), str(int(width.twips)))
    for column, width in zip(table.columns, sized):
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


def word_cm(word: str, bold: bool = False, size: float = TABLE_PT) -> float:
    """How wide a word of the tables' text is at ``size`` pt, in cm, in the widest font it may be set in."""
    font = _font(bold)
    if font is None:
        return len(word) * (0.25 if bold else 0.23) * size / TABLE_PT
    return font.getlength(word) / 100 * size * 2.54 / 72


def one_interval_column(df: pd.DataFrame) -> pd.DataFrame:
    """The interval's two ends as one column ('3,29–3,59'), so the table fits the page."""
    low, high = "95 %-interval fra", "95 %-interval til"
    if low not in df.columns or high not in df.columns:
        return df
    out = df.copy()
    at = list(out.columns).index(low)
    both = [f"{cell_text(a)}–{cell_text(b)}" if cell_text(a) not in ("", "–") else cell_text(a)
            for a, b in zip(out[low], out[high])]
    out = out.drop(columns=[low, high])
    out.insert(at, "95 %-interval", both)
    return out


def floors(df: pd.DataFrame, size: float = TABLE_PT) -> list[float]:
    """Each column's least width in cm at ``size`` pt: its longest word (the header is bold)."""
    return [max([word_cm(w, True, size) for w in str(name).split()]
                + [word_cm(w, False, size) for v in df.iloc[:, i] for w in cell_text(v).split()] + [0.3])
            + CELL_PAD_CM for i, name in enumerate(df.columns)]


def widths(df: pd.DataFrame, size: float = TABLE_PT) -> list:
    """Column widths: each column at least as wide as its longest word (the header is bold),
    so no word breaks in the middle; what is left over goes to the columns with longer text."""
    from docx.shared import Cm

    least, wants = floors(df, size), []
    for i, name in enumerate(df.columns):
        texts = [cell_text(v) for v in df.iloc[:, i]]
        typical = sum(word_cm(t[:60], False, size) for t in [str(name)] + texts) / (len(texts) + 1)
        wants.append(max(min(typical, 10.0) + CELL_PAD_CM, least[i]))
    if sum(least) >= TEXT_WIDTH_CM:        # too many columns: shrink all alike
        return [Cm(TEXT_WIDTH_CM * f / sum(least)) for f in least]
    spare = TEXT_WIDTH_CM - sum(least)
    extra = [w - f for w, f in zip(wants, least)]
    if sum(extra) <= 0:
        return [Cm(f + spare / len(least)) for f in least]
    return [Cm(f + spare * e / sum(extra)) for f, e in zip(least, extra)]


def bullets(doc, lines: list[str], numbered: bool = False) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Number" if numbered else "List Bullet")
