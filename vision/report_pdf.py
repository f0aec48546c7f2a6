"""The review as an A4 PDF report for a committee paper (fpdf2).

Layout rules a committee paper needs, each kept by one helper here:

* Text is at least 8 pt in tables and 9 pt elsewhere; the group and municipality
  breakdowns are coloured tables of real text at 9 pt (not pictures), and charts are
  placed at the size they were drawn, so their 9 pt labels print as 9 pt.
* A heading is never the last thing on a page: :func:`_Report.heading` starts a new
  page unless the heading and the start of what follows fit.
* Table headers never break inside a word: each column is at least as wide as its
  longest header word (:func:`_Report.widths`).
* A hidden number says why: "for få svar", or "skjult*" with the footnote
  "skjult, så en lille gruppe ikke kan regnes ud".

Accessibility: fpdf2 (2.8) writes the document language, title, bookmarks for every
heading (the outline) and alternative text for every chart (tagged as figures), but it
does not tag paragraphs, headings or tables in the structure tree, so the file is not a
fully tagged PDF (PDF/UA). The spreadsheet export (XLSX) holds every table of the
report with header rows and is the accessible format; the report says so on its
first page.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from vision.charts import review as charts
from vision.exports import (breakdown_table, comments_table, criteria_table, facts_table, focus_table,
                            paradox_table, ranking_table, strong_weak)
from vision.review import SUPPRESSED, Review
from vision.review.suppression import COMPLEMENTARY_TEXT

MARK = "skjult*"
FOOTNOTE = f"* {COMPLEMENTARY_TEXT}: en anden gruppe er så lille, at den ellers kunne regnes ud af totalen."
BLUE = (11, 83, 148)
GREY_FILL = (229, 231, 235)


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _cell(v) -> str:
    if isinstance(v, float):
        return "–" if v != v else f"{v:.2f}".replace(".", ",")
    return MARK if v == COMPLEMENTARY_TEXT else str(v)


class _Report:
    """An FPDF document with the report's helpers."""

    def __init__(self, title: str):
        from fpdf import FPDF
        from fpdf.enums import PageLayout
        from fpdf.prefs import ViewerPreferences

        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_title(title)
        pdf.set_lang("da-DK")
        pdf.set_author("Visionsdag")
        pdf.set_creator("Visionsdag")
        pdf.set_subject("Resultater fra en visionsdag")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.page_layout = PageLayout.ONE_COLUMN
        fonts = _font_dir()
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        pdf.set_auto_page_break(True, margin=15)
        self.pdf = pdf
        self.width = pdf.epw - 0.01
        self.level = -1

    # -- text ------------------------------------------------------------------------
    def room(self) -> float:
        """Height left on the page above the bottom margin (mm)."""
        return self.pdf.page_break_trigger - self.pdf.y

    def heading(self, text: str, size: int = 14, level: int = 0, keep: float = 35) -> None:
        """A heading, in the outline at ``level``; a new page first unless the heading
        and ``keep`` mm of what follows fit on this one."""
        pdf = self.pdf
        pdf.set_font("DejaVu", "B", size)
        lines = len(pdf.multi_cell(0, size * 0.5, text, dry_run=True, output="LINES"))
        if self.room() < lines * size * 0.5 + 1 + keep:
            pdf.add_page()
        level = min(level, self.level + 1)
        pdf.start_section(text, level=level)
        self.level = level
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 9)

    def para(self, text: str, size: int = 9) -> None:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(1)

    # -- charts ----------------------------------------------------------------------
    def image_size(self, png: bytes) -> tuple[float, float]:
        """(width, height) in mm at which ``png`` prints at the size it was drawn,
        scaled down only where wider than the page."""
        from PIL import Image

        with Image.open(io.BytesIO(png)) as im:
            w, h = im.size
        width = w / charts.DPI * 25.4
        height = h / charts.DPI * 25.4
        scale = min(1.0, self.width / width)
        return width * scale, height * scale

    def image(self, png: bytes, alt: str) -> None:
        w, h = self.image_size(png)
        if self.room() < h:
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(png), w=w, h=h, alt_text=alt)
        self.pdf.ln(2)

    # -- tables ----------------------------------------------------------------------
    def widths(self, df: pd.DataFrame, size: float) -> list[float] | None:
        """Column widths (mm) in which no header word is broken and the rest of the
        page width goes to the columns with the longest text; None when even the
        header words do not fit side by side at ``size``."""
        pdf = self.pdf
        pad = 2.2
        pdf.set_font("DejaVu", "B", size)
        least = [max(pdf.get_string_width(w) for w in str(c).split() or [""]) + pad for c in df.columns]
        pdf.set_font("DejaVu", "", size)
        for i, col in enumerate(df.columns):
            words = [w for v in df[col].head(200) for w in _cell(v).split()]
            if words:
                least[i] = max(least[i], min(45.0, max(pdf.get_string_width(w) for w in words) + pad))
        if sum(least) > self.width:
            return None
        want = []
        for i, col in enumerate(df.columns):
            texts = [_cell(v) for v in df[col].head(200)] + [str(col)]
            want.append(max(least[i], min(90.0, max(pdf.get_string_width(t) for t in texts) + pad)))
        extra = self.width - sum(least)
        grow = [w - m for w, m in zip(want, least)]
        total = sum(grow)
        if total <= 0:
            return [m + extra / len(least) for m in least]
        return [m + extra * min(1.0, g / total) if total > extra else w for m, g, w in zip(least, grow, want)]

    def table(self, df: pd.DataFrame, size: float = 8, fills: list[list] | None = None) -> None:
        """A table with a blue header row repeated on each page; ``fills`` gives each body
        cell's (fill, text colour), or None for none."""
        from fpdf.fonts import FontFace

        pdf = self.pdf
        widths = self.widths(df, size)
        while widths is None and size > 6.5:
            size -= 0.5
            widths = self.widths(df, size)
        pdf.set_font("DejaVu", "", size)
        head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)
        if self.room() < 25:
            pdf.add_page()
        with pdf.table(col_widths=widths, width=sum(widths) if widths else None, headings_style=head,
                       line_height=size * 0.5, text_align="LEFT", first_row_as_headings=True,
                       repeat_headings=1) as t:
            t.row([str(c) for c in df.columns])
            for i, row in enumerate(df.itertuples(index=False)):
                r = t.row()
                for j, v in enumerate(row):
                    style = None
                    if fills is not None and fills[i][j] is not None:
                        fill, colour = fills[i][j]
                        style = FontFace(fill_color=fill, color=colour)
                    r.cell(_cell(v), style=style)
        pdf.ln(2)
        if (df == COMPLEMENTARY_TEXT).any().any():
            self.para(FOOTNOTE, size=8)
        pdf.ln(1)

    def heat_table(self, t: pd.DataFrame, first: str) -> None:
        """A breakdown as a coloured table of means (9 pt)."""
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
        self.table(df, size=9, fills=fills)


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


def report_pdf(review: Review, comments: pd.DataFrame | None = None, progress=None) -> bytes:
    """A4 report for a committee paper: facts, charts and tables. ``progress(fraction, text)``."""
    steps = 4 + len(review.drafts) + len(review.paradoxes) * len(review.paradox_rounds) + len(review.focus_rounds)
    done = [0]

    def tick(text: str) -> None:
        done[0] += 1
        if progress:
            progress(min(1.0, done[0] / steps), text)

    e = review.event
    rep = _Report(f"Resultater: {e.title}")
    pdf = rep.pdf
    pdf.add_page()
    rep.heading(f"Resultater fra {e.title}", 16)
    rep.para("Bilag til dagsordenspunkt. Tallene er udtrukket fra Visionsdag. Grupper, kommuner og "
             f"organisationer med færre end {review.minimum} svar vises som »{SUPPRESSED}«; en gruppe med nok "
             "svar kan stå som »skjult*«, når en lille gruppe ellers kunne regnes ud af totalen. Alle tabeller "
             "findes også i regnearket (XLSX), der kan læses med skærmlæser.")
    rep.table(facts_table(review), size=9)
    tick("Fakta")

    rep.heading("Rangering af forslagene", keep=60)
    rep.para("Gennemsnit af alle scorer (1-5) med 95 %-interval (bootstrap over deltagerne). To forslag med "
             "samme placering (fx »1-2«) kan ikke skilles ad: forskellen mellem dem kan skyldes tilfældighed.")
    rep.image(charts.static_ranking(review), _ranking_alt(review))
    rt = ranking_table(review).drop(columns=["Tekst"]).rename(columns={
        "Personer, der svarede": "Personer", "Kan skilles fra det næste": "Kan skilles fra næste",
        "95 %-interval fra": "Interval fra", "95 %-interval til": "Interval til"})
    rep.table(rt)
    tick("Rangering")

    for d in review.drafts:
        pdf.add_page()
        rep.heading(d.name, level=1)
        rep.para(f"»{d.text}«")
        if d.suppressed:
            rep.para(f"{SUPPRESSED.capitalize()}: færre end {review.minimum} har svaret på forslaget.")
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
            rep.table(ct, size=8)
        tick(d.name)

    pdf.add_page()
    rep.heading("Forskelle mellem grupperne")
    rep.para("Gennemsnit pr. kriterium for politikere, embedsmænd, brugerorganisationer og andre (1 rød – 5 blå). "
             f"Grå felter: »{SUPPRESSED}« eller »skjult*«.")
    for d in review.drafts:
        t = breakdown_table(review, "grp", d.draft_id).iloc[1:]
        t = t.rename(columns={c: charts.cell_label("grp", c) for c in t.columns})
        rep.heading(d.name, 11, level=1, keep=30)
        rep.heat_table(t, "Kriterium")
    tick("Grupper")

    pdf.add_page()
    rep.heading("Forskelle mellem kommuner og organisationer")
    rep.para("Samlet gennemsnit pr. forslag for hver kommune og organisation (1 rød – 5 blå).")
    overall = pd.DataFrame({f"Forslag {d.number}": breakdown_table(review, "unit", d.draft_id).loc["Samlet gennemsnit"]
                            for d in review.drafts}, dtype=object)
    rep.heat_table(overall, "Kommune/organisation")
    tick("Kommuner")

    for r in review.paradox_rounds:
        pdf.add_page()
        rep.heading(f"Paradokser: {r.title}")
        rep.para("Placering fra -100 (venstre pol) til 100 (højre pol): median (tyk streg), midterste halvdel "
                 "(boks) og spændvidde.")
        pt = paradox_table(review)
        for p in review.paradoxes:
            png = charts.static_paradox(review, r.id, p)
            rep.heading(f"{p.title} ({p.left_label} ↔ {p.right_label})", 11, level=1,
                        keep=rep.image_size(png)[1] + 10)
            rep.image(png, _paradox_alt(review, r.id, p))
            part = pt[(pt.Runde == r.title) & (pt.Paradoks == f"{p.title} ({p.left_label} ↔ {p.right_label})")]
            part = part.drop(columns=["Runde", "Gennemsnit"]).rename(columns={
                "Andel mod venstre": f"Mod {p.left_label}", "Andel i midten": "I midten",
                "Andel mod højre": f"Mod {p.right_label}"})
            part["Paradoks"] = p.title
            rep.table(part)
            tick(p.title)
    for r in review.focus_rounds:
        pdf.add_page()
        rep.heading(f"Fokusområder: {r.title}")
        rep.image(charts.static_focus(review, r.id, e.focus_mode),
                  "Søjlediagram over fokusområderne pr. gruppe; tallene står i tabellen herunder.")
        ft = focus_table(review)
        ft = ft[ft.Runde == r.title].drop(columns=["Runde"])
        rep.table(ft)
        tick(r.title)

    if comments is not None and not comments.empty:
        pdf.add_page()
        rep.heading("Kommentarer")
        rep.table(comments_table(review, comments))

    pdf.ln(2)
    rep.heading("Metode", 11, keep=30)
    rep.para("Spredning: standardafvigelse og kvartilafstand (Q3-Q1). Enighed: andelen af scorer højst ét point "
             "fra medianen; under 60 % kaldes kriteriet delt. »Ved ikke« indgår ikke i gennemsnittet. "
             f"Anonymitet: et tal vises kun, hvor mindst {review.minimum} personer har svaret på det, der vises "
             "(udleverede kort og telefoner, der ikke har svaret, tæller ikke med). Er de skjulte grupper "
             f"tilsammen færre end {review.minimum}, skjules også den mindste af de andre grupper, så ingen lille "
             "gruppe kan regnes ud som totalen minus de viste (»skjult*«).")
    tick("Færdig")
    return bytes(pdf.output())
