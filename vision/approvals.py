"""Approval after the day: every approving body's decision on the agreement, per process.

Who approves comes from the region's governance file (``data/governance/``): every body on
the draft's path after its first step (the secretariat that writes the draft), except a
step whose action is to write the draft or only to receive it (``Udarbejder …``,
``Modtager …``: Midtjylland's FU, Socialstyrelsen). A
body that stands for all the councils of the region (``kommunalbestyrelser``) is expanded
to one approver per municipality (``data/municipalities.yaml``): each council decides on
its own. The deadline is the process file's deadline or approval milestone of the last
step's bodies (Midtjylland: byråd and regionsråd by 15 October); a process whose sources
name none has none.

A status is pending, approved, approved with remarks, or rejected, with the date, a link
or reference to the decision, and who recorded it. Every change is written to the audit
log as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vision.errors import UserError
from vision.i18n import N_, gettext
from vision.governance import Governance
from vision.processes import Process, format_date
from vision.store import Store
from vision.store import consultation_queries as cq
from vision.store import queries as q

STATUSES: dict[str, str] = {
    "pending": N_("Afventer"),
    "approved": N_("Godkendt"),
    "approved_with_remarks": N_("Godkendt med bemærkninger"),
    "rejected": N_("Ikke godkendt"),
}
APPROVED = ("approved", "approved_with_remarks")
COUNCILS = "kommunalbestyrelser"
NOT_DECIDING = ("Udarbejder", "Modtager")   # a step that writes or only receives the draft
WARN_DAYS = 21           # warn this many days before the deadline while some have not approved
REFERENCE_MAX = 500
REMARKS_MAX = 2000


@dataclass(frozen=True)
class Approver:
    key: str             # 'kkr', or 'kommunalbestyrelser:Aalborg' for one council
    body_id: str         # the body on the governance map
    name: str
    step: int            # 1-based step on the draft path
    short: str = ""      # the label on the map, for short lists


@dataclass(frozen=True)
class Approval:
    approver: Approver
    status: str = "pending"
    decided_on: dt.date | None = None
    reference: str | None = None
    remarks: str | None = None
    recorded_by: str | None = None
    recorded_at: dt.datetime | None = None

    @property
    def approved(self) -> bool:
        return self.status in APPROVED


@dataclass(frozen=True)
class BodyStatus:
    """One body on the map: its approvers' statuses summed up."""
    body_id: str
    approved: int
    total: int
    rejected: int
    remarks: int

    @property
    def state(self) -> str:
        """'rejected', 'approved', 'partial' or 'pending'."""
        if self.rejected:
            return "rejected"
        if self.approved == self.total:
            return "approved"
        return "partial" if self.approved else "pending"

    def label(self) -> str:
        if self.total > 1:
            return f"{self.approved}/{self.total} godkendt"
        return {"rejected": "Ikke godkendt", "approved": "Godkendt", "pending": "Afventer",
                "partial": "Afventer"}[self.state]


@dataclass(frozen=True)
class Summary:
    process_id: str
    approvals: tuple[Approval, ...]
    deadline: dt.date | None
    yearly: bool

    @property
    def councils(self) -> tuple[Approval, ...]:
        return tuple(a for a in self.approvals if a.approver.body_id == COUNCILS)

    def deadline_text(self, lang: str = "da") -> str | None:
        return format_date(self.deadline, lang=lang, year=not self.yearly) if self.deadline else None

    def text(self, lang: str = "da") -> str:
        """'9 af 11 byråd har godkendt; frist 15. oktober'."""
        group = self.councils or self.approvals
        n = sum(a.approved for a in group)
        msg = N_("{n} af {total} byråd har godkendt") if self.councils else N_("{n} af {total} organer har godkendt")
        text = gettext(msg, lang).format(n=n, total=len(group))
        rejected = sum(a.status == "rejected" for a in self.approvals)
        if rejected:
            text += " " + gettext(N_("({n} har ikke godkendt)"), lang).format(n=rejected)
        if self.deadline:
            text += gettext(N_("; frist {date}"), lang).format(date=self.deadline_text(lang))
        return text

    def warning(self, today: dt.date | None = None, lang: str = "da") -> str | None:
        """A warning shortly before (or after) the deadline while some have not approved."""
        if not self.deadline:
            return None
        today = today or dt.date.today()
        waiting = [a.approver.short or a.approver.name for a in self.approvals if not a.approved]
        if not waiting:
            return None
        days = (self.deadline - today).days
        names = ", ".join(waiting[:8])
        if len(waiting) > 8:
            names += " " + gettext(N_("og {n} flere"), lang).format(n=len(waiting) - 8)
        date = self.deadline_text(lang)
        if days < 0:
            return gettext(N_("Fristen {date} er overskredet. Mangler stadig: {names}."), lang).format(
                date=date, names=names)
        if days <= WARN_DAYS:
            return gettext(N_("Fristen {date} er om {days} dage. Mangler stadig: {names}."), lang).format(
                date=date, days=days, names=names)
        return None


def _councils(region: str) -> list[str]:
    from vision.criteria import municipalities

    regions = municipalities().regions
    units = regions[region].units if region in regions else []
    return [u for u in units if not u.startswith("Region ")]


def approvers(process: Process, gov: Governance) -> list[Approver]:
    out: list[Approver] = []
    for step_no, step in enumerate(gov.draft_path[1:], start=2):
        if step.action.startswith(NOT_DECIDING):
            continue
        for body_id in step.bodies:
            if body_id == COUNCILS:
                out += [Approver(f"{COUNCILS}:{u}", COUNCILS, u, step_no, u) for u in _councils(process.region)]
            else:
                body = gov.body(body_id)
                out.append(Approver(body_id, body_id, body.name, step_no, body.label.replace("\u00ad", "")))
    return out


def deadline(process: Process, gov: Governance, today: dt.date | None = None) -> dt.date | None:
    """The approval deadline: a deadline or approval milestone, else a phase, of the last step's bodies."""
    deciding = [s for s in gov.draft_path[1:] if not s.action.startswith(NOT_DECIDING)]
    if not deciding:
        return None
    last = set(deciding[-1].bodies)
    if process.cycle == "yearly":
        process = process.shifted_to_year((today or dt.date.today()).year)
    for m in process.milestones:
        if m.kind in ("deadline", "approval") and m.responsible in last:
            return m.end_date
    for p in process.phases:
        if p.responsible in last:
            return p.end_date
    return None


def summary(store: Store, process: Process, gov: Governance, today: dt.date | None = None) -> Summary:
    rows = {r[0]: r for r in store.read(lambda cur: cq.approvals(cur, process.id))}
    items = []
    for a in approvers(process, gov):
        r = rows.get(a.key)
        items.append(Approval(a, *r[1:]) if r else Approval(a))
    return Summary(process.id, tuple(items), deadline(process, gov, today), process.cycle == "yearly")


def by_body(s: Summary) -> dict[str, BodyStatus]:
    """Per body on the map: how many of its approvers have approved."""
    out: dict[str, BodyStatus] = {}
    for body_id in dict.fromkeys(a.approver.body_id for a in s.approvals):
        mine = [a for a in s.approvals if a.approver.body_id == body_id]
        out[body_id] = BodyStatus(body_id, sum(a.approved for a in mine), len(mine),
                                  sum(a.status == "rejected" for a in mine),
                                  sum(a.status == "approved_with_remarks" for a in mine))
    return out


def record(store: Store, actor: str, process: Process, gov: Governance, key: str, status: str,
           decided_on: dt.date | None = None, reference: str | None = None, remarks: str | None = None,
           today: dt.date | None = None) -> None:
    """Record one body's decision (or set it back to pending); audited."""
    known = {a.key: a for a in approvers(process, gov)}
    if key not in known:
        raise UserError("Organet godkender ikke i denne proces.")
    if status not in STATUSES:
        raise UserError("Vælg en status.")
    reference = (reference or "").strip() or None
    remarks = (remarks or "").strip() or None
    if status == "pending":
        decided_on = None
    elif not isinstance(decided_on, dt.date):
        raise UserError("Skriv datoen for beslutningen.")
    elif decided_on > (today or dt.date.today()):
        raise UserError("Datoen for beslutningen ligger i fremtiden.")
    if status == "approved_with_remarks" and not remarks:
        raise UserError("Skriv bemærkningerne, når organet har godkendt med bemærkninger.")
    if reference and len(reference) > REFERENCE_MAX:
        raise UserError("Henvisningen må højst være {n} tegn.", n=REFERENCE_MAX)
    if remarks and len(remarks) > REMARKS_MAX:
        raise UserError("Bemærkningerne må højst være {n} tegn.", n=REMARKS_MAX)

    def job(cur):
        cq.upsert_approval(cur, process.id, key, status, decided_on, reference, remarks, actor)
        q.audit(cur, actor, "approval", None,
                f"{process.id} · {known[key].name}: {STATUSES[status]}"
                + (f" {decided_on.isoformat()}" if decided_on else "") + (f" · {reference}" if reference else ""))

    store.write(job)


def is_link(reference: str | None) -> bool:
    return bool(reference) and reference.startswith(("https://", "http://"))
