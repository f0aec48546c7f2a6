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


from vision import exports
from vision import word_doc as word
from vision.charts import review as charts
from vision.provenance import mark_of
from vision.review import SUPPRESSED, Review

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
    doc = word.document()
    word.set_language(doc)
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
    word.table(doc, facts, "Tabel 1. Fakta om dagen")
    rounds = [r.title for r in (*review.scoring_rounds, *review.paradox_rounds, *review.focus_rounds)]
    if rounds:
        doc.add_paragraph("Deltagerne svarede på deres telefon i disse runder:")
        word.bullets(doc, rounds)

    doc.add_heading("Resultater", level=1)
    doc.add_paragraph(
        f"Grupper, kommuner og organisationer med færre end {review.minimum} svar vises som "
        f"»{SUPPRESSED}«, så ingen enkeltpersons svar kan udledes.")
    n = 2
    if review.drafts and any(d.respondents for d in review.drafts):
        doc.add_heading("Rangering af forslagene", level=2)
        doc.add_paragraph("Gennemsnit af alle scorer (1-5) med 95 %-interval. To forslag med samme placering "
                          "(fx »1-2«) kan ikke skilles ad.")
        ranking = word.one_interval_column(exports.ranking_table(review).drop(columns=["Tekst"]))
        word.picture(doc, charts.static_ranking(review), "Søjlediagram over forslagenes gennemsnit. " + "; ".join(
            f"{r['Placering']}. {r['Forslag']}: {word.cell_text(r['Gennemsnit'])}" for r in ranking.to_dict("records")))
        word.table(doc, ranking, f"Tabel {n}. Rangering")
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
                doc.add_paragraph(f"Alle kriterier har samme gennemsnit ({word.cell_text(sm)}); "
                                  "intet er stærkest eller svagest.")
            elif s not in ("–", SUPPRESSED):
                doc.add_paragraph(f"Stærkest: {s} ({word.cell_text(sm)}). Svagest: {w} ({word.cell_text(wm)}).")
            crit = exports.criteria_table(review, d.draft_id)
            word.picture(doc, charts.static_profile(d), f"Profil for {d.name} på Visionstestens kriterier. " + "; ".join(
                f"{r['Kriterium']}: {word.cell_text(r['Gennemsnit'])}" for r in crit.to_dict("records")), 15)
        doc.add_heading("Forskelle mellem grupperne", level=2)
        for d in review.drafts:
            t = exports.breakdown_table(review, "grp", d.draft_id)
            shown = t.reset_index(names="").rename(columns=lambda c: exports._group(c) if c else c)
            word.table(doc, shown, f"Tabel {n}. {d.name}: gennemsnit pr. gruppe")
            n += 1
    for r in review.paradox_rounds:
        doc.add_heading(f"Paradokser: {r.title}", level=2)
        doc.add_paragraph("Placering fra -100 (venstre pol) til 100 (højre pol).")
        pt = exports.paradox_table(review)
        pt = pt[pt.Runde == r.title]
        for p in review.paradoxes:
            mine = pt[pt.Paradoks.str.startswith(p.title)]
            word.picture(doc, charts.static_paradox(review, r.id, p), f"Paradokset {p.title}: {p.left_label} over for "
                     f"{p.right_label}. " + "; ".join(f"{x['Gruppe']}: median {word.cell_text(x['Median'])}"
                                                       for x in mine.to_dict("records")), 15)
        word.table(doc, pt.drop(columns=["Runde", "Gennemsnit"]), f"Tabel {n}. Paradokser pr. gruppe")
        n += 1
    for r in review.focus_rounds:
        doc.add_heading(f"Fokusområder: {r.title}", level=2)
        ft = exports.focus_table(review)
        ft = ft[ft.Runde == r.title].drop(columns=["Runde"])
        alle = ft[ft.Gruppe == "Alle"]
        value_col = ft.columns[3]
        word.picture(doc, charts.static_focus(review, r.id, e.focus_mode), "Fokusområdernes prioritering. " + "; ".join(
            f"{x['Fokusområde']}: {word.cell_text(x[value_col])}" for x in alle.to_dict("records")), 15)
        word.table(doc, ft, f"Tabel {n}. Fokusområder pr. gruppe")
        n += 1

    doc.add_heading("Det videre forløb", level=1)
    told = False                       # whether the path after the day is described
    if governance is not None and governance.draft_path:
        told = True
        doc.add_paragraph("Efter visionsdagen følger udkastet denne vej:")
        word.bullets(doc, [f"{' og '.join(governance.body(b).name for b in step.bodies)}: {step.action}"
                       + (f" ({mark})" if (mark := mark_of(step)) else "")
                       for step in governance.draft_path], numbered=True)
    if process is not None:
        later = [p for p in process.phases if e.event_date is None or p.start_date > e.event_date]
        if later:
            told = True
            from vision.processes import phase_when

            word.bullets(doc, [f"{p.when_text or phase_when(p)}: {p.title}" for p in later])
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
