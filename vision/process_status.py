"""Where each process stands today: its next deadline, the consultation's answers, the
vision day's results and the approvals, in one place (the secretariat's overview)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vision import approvals as ap
from vision import consultation as cons
from vision import processes as proc
from vision import results
from vision.datafiles import DataFileError
from vision.governance import Governance
from vision.model import Event
from vision.store import Store
from vision.store import queries as q


@dataclass(frozen=True)
class DayResults:
    event: Event
    joined: int | None           # None: fewer than the event's minimum group size
    rounds_done: int
    rounds: int
    leading: str | None          # the highest-scoring draft of the last scoring round, if shown


@dataclass(frozen=True)
class ProcessStatus:
    process: proc.Process
    governance: Governance | None
    event: Event | None
    consultation: cons.Consultation | None
    progress: cons.Progress | None
    day: DayResults | None
    approvals: ap.Summary | None
    next_deadline: tuple[dt.date, str] | None


def vision_day_event(store: Store, process: proc.Process) -> Event | None:
    for m in process.vision_days:
        if m.event:
            event = store.read(lambda cur, code=m.event: q.event_by_code(cur, code))
            if event is not None:
                return event
    return None


def consultation_of(store: Store, process: proc.Process) -> tuple[cons.Consultation, cons.Progress] | None:
    """The consultation before the process's vision day, with who has answered."""
    event = vision_day_event(store, process)
    c = cons.for_event(store, event.id) if event else None
    return (c, cons.progress(store, c)) if c else None


def day_results(store: Store, event: Event) -> DayResults:
    res = results.compute(store, event.id)
    scoring = [r for r in res.rounds if r.kind == "scoring" and r.respondents]
    leading = None
    if scoring:
        shown = [d for d in results.ranking(scoring[-1]) if not d.suppressed and d.mean is not None]
        if shown:
            top = shown[0]
            leading = f"{top.label or results_text(top.text)} ({top.mean:.1f})".replace(".", ",")
    return DayResults(event, res.joined if res.joined >= res.min_group_size else None,
                      sum(r.status == "closed" for r in res.rounds), len(res.rounds), leading)


def results_text(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def next_deadline(process: proc.Process, consultation: cons.Consultation | None, summary: ap.Summary | None,
                  today: dt.date) -> tuple[dt.date, str] | None:
    """The first deadline or milestone from today on."""
    years = [process.shifted_to_year(today.year), process.shifted_to_year(today.year + 1)] \
        if process.cycle == "yearly" else [process]
    items = [(m.start_date, m.title) for p in years for m in p.milestones]
    if consultation:
        items.append((consultation.deadline, f"Frist for høringssvar: {consultation.title}"))
    if summary and summary.deadline:
        items.append((summary.deadline, "Frist for godkendelse"))
    coming = sorted(x for x in items if x[0] >= today)
    return coming[0] if coming else None


def status(store: Store, process: proc.Process, today: dt.date | None = None) -> ProcessStatus:
    today = today or dt.date.today()
    try:
        gov = proc.governance_for(process.region)
    except DataFileError:
        gov = None
    event = vision_day_event(store, process)
    found = consultation_of(store, process)
    c, prog = found if found else (None, None)
    summary = ap.summary(store, process, gov, today) if gov else None
    return ProcessStatus(process, gov, event, c, prog, day_results(store, event) if event else None, summary,
                         next_deadline(process, c, summary, today))


def all_statuses(store: Store, today: dt.date | None = None) -> list[ProcessStatus]:
    return [status(store, item.model, today) for item in proc.load_processes()]


def latest_process(region: str) -> proc.Process | None:
    """The region's most recent process (the one the governance map shows approvals for)."""
    mine = [item.model for item in proc.load_processes() if item.model.region == region]
    return max(mine, key=lambda p: p.end_date) if mine else None
