"""The review as an A4 report for a committee paper: a Word file that LibreOffice turns
into a tagged PDF (PDF/UA).

The report is built with the Word building blocks it shares with the committee paper (:mod:`vision.word_doc`:
the A4 page, Danish as the document language, tables whose columns are at least as wide as
their longest word and whose header row repeats on each page, charts with their text
alternative) and converted by :func:`vision.tagged_pdf.from_docx`. The PDF is fully tagged:
headings as H1/H2, paragraphs as P, tables with TH header cells, figures with ``/Alt``,
language ``da-DK`` and the title. Without LibreOffice the Word file is the report.

Layout rules a committee paper needs:

* Text is at least 9 pt; tables are 10 pt, and the group and municipality breakdowns are
  coloured tables of real text (not pictures). Charts are placed at the size they were
  drawn, so their 9 pt labels print as 9 pt.
* A heading is never the last thing on a page: headings keep with what follows, and so
  does a heading's first paragraph.
* A hidden number says why: "for få svar", or "skjult*" with the footnote
  "skjult, så en lille gruppe ikke kan regnes ud".
"""

from __future__ import annotations

import io

import pandas as pd

from vision import word_doc as word
from vision import tagged_pdf
from vision.charts import review as charts
from vision.exports import (breakdown_table, comments_table, criteria_table, facts_table, focus_table,
                            paradox_table, ranking_table, strong_weak)
from vision.review import SUPPRESSED, Review
from vision.review.suppression import COMPLEMENTARY_TEXT

MARK = "skjult*"
FOOTNOTE = f"* {COMPLEMENTARY_TEXT}: en anden gruppe er så lille, at den ellers kunne regnes ud af totalen."
GREY_FILL = (229, 231, 235)
NOTE_PT = 9
#: A table's text size: the largest at which its columns fit the page with no word broken.
TABLE_SIZES = (10, 9.5, 9, 8.5, 8)


def _cell(v) -> str:
    if isinstance(v, float):
        return "–" if v != v else f"{v:.2f}".replace(".", ",")
    return MARK if v == COMPLEMENTARY_TEXT else str(v)


class _Report:
    """A Word document with the report's helpers."""

    def __init__(self, title: str):
        self.doc = word.document()
        word.set_language(self.doc)
        props = self.doc.core_properties
        props.title = title
        props.language = "da-DK"
        props.author = "Visionsdag"
        props.subject = "Resultater fra en visionsdag"

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        """A heading (Word's heading styles keep it with what follows); ``new_page`` starts one."""
        p = self.doc.add_heading(text, level)
        p.paragraph_format.page_break_before = new_page

    def para(self, text: str, size: float | None = None, keep: bool = True) -> None:
        """A paragraph; ``keep`` holds it on the page of what follows (a heading's text
        with its chart or table)."""
        from docx.shared import Pt

        p = self.doc.add_paragraph(text)
        p.paragraph_format.keep_with_next = keep
        if size is not None:
            for run in p.runs:
                run.font.size = Pt(size)

    def image(self, png: bytes, alt: str) -> None:
        """A chart at the size it was drawn, scaled down only where wider than the page."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            width_cm = im.size[0] / charts.DPI * 2.54
        word.picture(self.doc, png, alt, min(word.TEXT_WIDTH_CM, width_cm))
        # LibreOffice reads a picture's title and description as one "title - description";
        # the description alone is the alternative text.
        self.doc.inline_shapes[-1]._inline.docPr.attrib.pop("title", None)

    def table(self, df: pd.DataFrame, fills: list[list] | None = None) -> None:
        """A table with a header row repeated on each page; ``fills`` gives each body
        cell's (fill, text colour), or None for none."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import RGBColor

        shown = df.map(_cell).astype(str).reset_index(drop=True)
        for start in range(0, max(len(shown), 1), word.MAX_TABLE_ROWS):
            part = shown.iloc[start:start + word.MAX_TABLE_ROWS]
            caption = None
            if len(shown) > word.MAX_TABLE_ROWS:
                caption = f"Række {start + 1}-{start + len(part)} af {len(shown)}"
            size = next((pt for pt in TABLE_SIZES if sum(word.floors(part, pt)) <= word.TEXT_WIDTH_CM),
                        TABLE_SIZES[-1])
            word.table(self.doc, part, caption, size)
            if fills is None:
                continue
            rows = self.doc.tables[-1].rows[1:]
            for row, line in zip(rows, fills[start:start + word.MAX_TABLE_ROWS]):
                for cell, fill in zip(row.cells, line):
                    if fill is None:
                        continue
                    background, colour = fill
                    shd = OxmlElement("w:shd")
                    shd.set(qn("w:val"), "clear")
                    shd.set(qn("w:color"), "auto")
                    shd.set(qn("w:fill"), "{:02X}{:02X}{:02X}".format(*background))
                    cell._tc.get_or_add_tcPr().append(shd)
                    for run in (r for p in cell.paragraphs for r in p.runs):
                        run.font.color.rgb = RGBColor(*colour)
        if (df == COMPLEMENTARY_TEXT).any().any():
            self.para(FOOTNOTE, size=NOTE_PT, keep=False)

    def heat_table(self, t: pd.DataFrame, first: str) -> None:
        """A breakdown as a coloured table of means."""
        df = t.reset_index(names=first)
        fills = []
        for row in df.itertuples(index=False):
            line = [None]
            for v in row[1:]:
                if isinstance(v, (int, float)) and v == v:
                    line.append(charts.heat_colour(float(v)))
                elif v in (SUPPRESSED, COMPLEMENTARY_TEXT):
                    line.append((GREY_FILL, (0, 0, 0)))
                else:
                    line.append(None)
            fills.append(line)
        self.table(df, fills=fills)

    def docx(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _quartiles(df: pd.DataFrame) -> pd.DataFrame:
    """The lower and upper quartile as one column ('-41,50 – 53,00'), so the table fits the page."""
    out = df.copy()
    at = list(out.columns).index("Nedre kvartil")
    both = [_cell(a) if _cell(a) in ("–", SUPPRESSED, MARK) else f"{_cell(a)} – {_cell(b)}"
            for a, b in zip(out["Nedre kvartil"], out["Øvre kvartil"])]
    out = out.drop(columns=["Nedre kvartil", "Øvre kvartil"])
    out.insert(at, "Kvartiler", both)
    return out


def _ranking_alt(review: Review) -> str:
    parts = [f"{r.place}. {r.draft.name}: " + (SUPPRESSED if r.draft.mean is None else
                                              charts._comma(r.draft.mean)) for r in review.ranking]
    return "Søjlediagram over forslagenes gennemsnit (1-5) med 95 %-interval: " + "; ".join(parts) + "."


def _profile_alt(d) -> str:
    parts = [f"{c.label} {charts._comma(c.mean, 1) if c.mean is not None else SUPPRESSED}" for c in d.criteria]
    return f"{d.name}: gennemsnit pr. kriterium: " + "; ".join(parts) + "."


def _paradox_alt(review: Review, round_id: int, p) -> str:
    rows = review.paradox_by_group[(review.paradox_by_group.round_id == round_id)
                                   & (review.paradox_by_group.paradox_id == p.id)]
    parts = []
    for r in rows.itertuples():
        name = charts.cell_label("grp", r.cell)
        if r.suppressed:
            parts.append(f"{name}: {charts.hidden_text(charts._reason(r))}")
        elif r.median is None or r.median != r.median:
            parts.append(f"{name}: ingen svar")
        else:
            parts.append(f"{name}: median {r.median:.0f}")
    return (f"{p.title}: placering fra -100 ({p.left_label}) til 100 ({p.right_label}). "
            + "; ".join(parts) + ".")


def report_docx(review: Review, comments: pd.DataFrame | None = None, progress=None) -> bytes:
    """The A4 report as a Word file: facts, charts and tables. ``progress(fraction, text)``."""
    steps = 4 + len(review.drafts) + len(review.paradoxes) * len(review.paradox_rounds) + len(review.focus_rounds)
    done = [0]

    def tick(text: str) -> None:
        done[0] += 1
        if progress:
            progress(min(1.0, done[0] / steps), text)

    e = review.event
    rep = _Report(f"Resultater fra {e.title}")
    rep.heading(f"Resultater fra {e.title}", 1)
    rep.para("Bilag til dagsordenspunkt. Tallene er udtrukket fra Visionsdag. Grupper, kommuner og "
             f"organisationer med færre end {review.minimum} svar vises som »{SUPPRESSED}«; en gruppe med nok "
             "svar kan stå som »skjult*«, når en lille gruppe ellers kunne regnes ud af totalen. Alle tabeller "
             "findes også i regnearket (XLSX).")
    rep.table(facts_table(review))
    tick("Fakta")

    rep.heading("Rangering af forslagene", 2)
    rep.para("Gennemsnit af alle scorer (1-5) med 95 %-interval (bootstrap over deltagerne). To forslag med "
             "samme placering (fx »1-2«) kan ikke skilles ad: forskellen mellem dem kan skyldes tilfældighed.")
    rep.image(charts.static_ranking(review), _ranking_alt(review))
    rt = word.one_interval_column(ranking_table(review).drop(columns=["Tekst"])).rename(columns={
        "Personer, der svarede": "Personer", "Kan skilles fra det næste": "Kan skilles fra næste"})
    rep.table(rt)
    tick("Rangering")

    for i, d in enumerate(review.drafts):
        if i == 0:
            rep.heading("Forslagene", 2, new_page=True)
        rep.heading(d.name, 3, new_page=i > 0)
        rep.para(f"»{' '.join(d.text.split())}«")
        if d.suppressed:
            rep.para(f"{SUPPRESSED.capitalize()}: færre end {review.minimum} har svaret på forslaget.", keep=False)
        else:
            s, sm, w, wm = strong_weak(d)
            split = [c.label for c in d.criteria if c.split]
            if d.flat:
                line = f"Alle kriterier har samme gennemsnit ({charts._comma(sm)}); intet er stærkest eller svagest."
            elif s not in ("–", SUPPRESSED):
                line = f"Stærkest: {s} ({charts._comma(sm)}). Svagest: {w} ({charts._comma(wm)})."
            else:
                line = ""
            if split:
                line += " Delt: " + ", ".join(split) + "."
            if line:
                rep.para(line.strip())
            rep.image(charts.static_profile(d), _profile_alt(d))
            ct = criteria_table(review, d.draft_id).drop(columns=["Forslag", "Delt"]).rename(columns={
                "Enighed (andel inden for 1 point af medianen)": "Enighed", "Standardafvigelse": "Std.afv.",
                "Kvartilafstand": "IQR", "Ikke besvaret": "Ubesvaret"})
            rep.table(ct)
        tick(d.name)

    rep.heading("Forskelle mellem grupperne", 2, new_page=True)
    rep.para("Gennemsnit pr. kriterium for politikere, embedsmænd, brugerorganisationer og andre (1 rød – 5 blå). "
             f"Grå felter: »{SUPPRESSED}« eller »skjult*«.")
    for d in review.drafts:
        t = breakdown_table(review, "grp", d.draft_id).iloc[1:]
        t = t.rename(columns={c: charts.cell_label("grp", c) for c in t.columns})
        rep.heading(d.name, 3)
        rep.heat_table(t, "Kriterium")
    tick("Grupper")

    rep.heading("Forskelle mellem kommuner og organisationer", 2, new_page=True)
    rep.para("Samlet gennemsnit pr. forslag for hver kommune og organisation (1 rød – 5 blå).")
    overall = pd.DataFrame({f"Forslag {d.number}": breakdown_table(review, "unit", d.draft_id).loc["Samlet gennemsnit"]
                            for d in review.drafts}, dtype=object)
    rep.heat_table(overall, "Kommune/organisation")
    tick("Kommuner")

    for r in review.paradox_rounds:
        rep.heading(f"Paradokser: {r.title}", 2, new_page=True)
        rep.para("Placering fra -100 (venstre pol) til 100 (højre pol): median (tyk streg), midterste halvdel "
                 "(boks) og spændvidde.")
        pt = paradox_table(review)
        for p in review.paradoxes:
            rep.heading(f"{p.title} ({p.left_label} ↔ {p.right_label})", 3)
            rep.image(charts.static_paradox(review, r.id, p), _paradox_alt(review, r.id, p))
            part = pt[(pt.Runde == r.title) & (pt.Paradoks == f"{p.title} ({p.left_label} ↔ {p.right_label})")]
            # The poles are named in the heading above: "venstre"/"højre" keep the table at 9 pt or more.
            part = _quartiles(part.drop(columns=["Runde", "Gennemsnit"])).rename(columns={
                "Andel mod venstre": "Mod venstre", "Andel i midten": "I midten", "Andel mod højre": "Mod højre"})
            part["Paradoks"] = p.title
            rep.table(part)
            tick(p.title)
    for r in review.focus_rounds:
        rep.heading(f"Fokusområder: {r.title}", 2, new_page=True)
        rep.image(charts.static_focus(review, r.id, e.focus_mode),
                  "Søjlediagram over fokusområderne pr. gruppe; tallene står i tabellen herunder.")
        ft = focus_table(review)
        rep.table(ft[ft.Runde == r.title].drop(columns=["Runde"]))
        tick(r.title)

    if comments is not None and not comments.empty:
        rep.heading("Kommentarer", 2, new_page=True)
        rep.table(comments_table(review, comments))

    rep.heading("Metode", 2)
    rep.para("Spredning: standardafvigelse og kvartilafstand (Q3-Q1). Enighed: andelen af scorer højst ét point "
             "fra medianen; under 60 % kaldes kriteriet delt. »Ved ikke« indgår ikke i gennemsnittet. "
             f"Anonymitet: et tal vises kun, hvor mindst {review.minimum} personer har svaret på det, der vises "
             "(udleverede kort og telefoner, der ikke har svaret, tæller ikke med). Er de skjulte grupper "
             f"tilsammen færre end {review.minimum}, skjules også den mindste af de andre grupper, så ingen lille "
             "gruppe kan regnes ud som totalen minus de viste (»skjult*«).", keep=False)
    tick("Færdig")
    return rep.docx()


def report_pdf(review: Review, comments: pd.DataFrame | None = None, progress=None) -> bytes:
    """The report as a tagged PDF (PDF/UA), or a :class:`vision.errors.UserError` that says
    why LibreOffice could not make it (:func:`report_docx` is then the report)."""
    return tagged_pdf.from_docx(report_docx(review, comments, progress))
