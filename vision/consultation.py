"""Consultation before the day: the bodies' written input by a deadline.

The secretariat asks a set of bodies (municipalities, the region, committees, disability
councils) a set of questions before a vision day: some on the vision, some asked for each
of the event's focus areas (seed 001, lines 75-93). Each body answers through its own link
(``/?h=TOKEN``, no login; a token as for participants). A text is kept as soon as it is
saved, so a half-written answer survives; the answer counts as sent when the body presses
"Send", and it can be revised and sent again until the end of the deadline day. After that
it is read-only.

A body is an official body, not a person, so its name stands next to its answer, as in the
committee papers it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from vision.errors import NotFoundError, RuleError, UserError
from vision.i18n import N_, gettext
from vision.participants import LIMITER, new_token
from vision.store import Store
from vision.store import consultation_queries as cq
from vision.store import queries as q

ANSWER_MAX_CHARS = 4000
SCOPES = {"vision": "Visionen", "focus": "Fokusområderne"}
VISION_TOPIC = N_("Visionen")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "consultations"


@dataclass(frozen=True)
class Consultation:
    id: int
    event_id: int
    title: str
    intro: str | None
    deadline: dt.date
    reply_to: str | None
    source: str | None
    created_by: str

    def is_open(self, today: dt.date | None = None) -> bool:
        """Answers may be saved until the end of the deadline day."""
        return (today or dt.date.today()) <= self.deadline


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    scope: str
    text: str


@dataclass(frozen=True)
class Topic:
    """One text a body writes: a question, for the vision or for one focus area."""
    question: Question
    focus_area_id: int      # 0 for a question on the vision
    focus_title: str | None

    @property
    def key(self) -> tuple[int, int]:
        return self.question.id, self.focus_area_id

    @property
    def heading(self) -> str:
        return self.focus_title or VISION_TOPIC


@dataclass(frozen=True)
class Body:
    id: int
    consultation_id: int
    position: int
    name: str
    token: str
    submitted_at: dt.datetime | None
    revisions: int
    reminded_at: dt.datetime | None
    texts: int = 0           # non-empty texts saved (sent or not)

    @property
    def answered(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class Progress:
    answered: tuple[Body, ...]
    drafting: tuple[Body, ...]   # have saved text but not sent it
    missing: tuple[Body, ...]    # nothing sent (drafting included)

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.missing)

    def summary(self, lang: str = "da") -> str:
        """'7 af 12 har svaret'."""
        return gettext(N_("{n} af {total} har svaret"), lang).format(n=len(self.answered), total=self.total)


def _consultation(row) -> Consultation | None:
    return Consultation(*row) if row else None


# -- the secretariat sets it up ------------------------------------------------------------
def create(store: Store, actor: str, event_id: int, *, title: str, deadline: dt.date,
           questions: list[tuple[str, str]], bodies: list[str], intro: str | None = None,
           reply_to: str | None = None, source: str | None = None) -> Consultation:
    """A consultation for an event: ``questions`` as (scope, text), ``bodies`` by name."""
    title = (title or "").strip()
    if not title:
        raise UserError("Giv høringen en titel.")
    if not isinstance(deadline, dt.date):
        raise UserError("Vælg en frist for svarene.")
    qs = [(s, " ".join((t or "").split())) for s, t in questions]
    qs = [(s, t) for s, t in qs if t]
    if not qs:
        raise UserError("Skriv mindst ét spørgsmål.")
    for scope, text in qs:
        if scope not in SCOPES:
            raise UserError("Ukendt slags spørgsmål: {s}", s=scope)
        if len(text) > 500:
            raise UserError("Et spørgsmål må højst være 500 tegn.")
    names = [" ".join((n or "").split()) for n in bodies]
    names = [n for n in names if n]
    if not names:
        raise UserError("Vælg mindst ét organ, der skal svare.")
    if len(set(n.lower() for n in names)) != len(names):
        raise UserError("Hvert organ må kun stå på listen én gang.")
    if any(len(n) > 120 for n in names):
        raise UserError("Et organs navn må højst være 120 tegn.")

    def job(cur):
        if cq.consultation_for_event(cur, event_id):
            raise UserError("Begivenheden har allerede en høring.")
        cid = cq.insert_consultation(cur, event_id, title, (intro or "").strip() or None, deadline,
                                     (reply_to or "").strip() or None, source, actor)
        for i, (scope, text) in enumerate(qs):
            cq.insert_question(cur, cid, i, scope, text)
        for i, name in enumerate(names):
            cq.insert_body(cur, cid, i, name, new_token())
        q.audit(cur, actor, "create_consultation", event_id, f"{len(names)} organer, frist {deadline}")
        return cid

    store.write(job, event_id=event_id)
    return for_event(store, event_id)


def set_deadline(store: Store, actor: str, consultation: Consultation, deadline: dt.date) -> None:
    """Move the deadline (also to close early, or to reopen)."""
    if not isinstance(deadline, dt.date):
        raise UserError("Vælg en frist for svarene.")

    def job(cur):
        cq.set_deadline(cur, consultation.id, deadline)
        q.audit(cur, actor, "consultation_deadline", consultation.event_id, str(deadline))

    store.write(job, event_id=consultation.event_id)


def delete_for_event(store: Store, actor: str, event_id: int) -> bool:
    """Delete an event's consultation with every answer (run before deleting the event)."""
    def job(cur):
        row = cq.consultation_for_event(cur, event_id)
        if not row:
            return False
        cq.delete_consultation(cur, row[0])
        q.audit(cur, actor, "delete_consultation", event_id, None)
        return True

    return store.write(job, event_id=event_id)


# -- reading ----------------------------------------------------------------------------------
def for_event(store: Store, event_id: int) -> Consultation | None:
    return _consultation(store.read(lambda cur: cq.consultation_for_event(cur, event_id)))


def questions(store: Store, consultation: Consultation) -> list[Question]:
    return [Question(*r) for r in store.read(lambda cur: cq.questions(cur, consultation.id))]


def topics(store: Store, consultation: Consultation) -> list[Topic]:
    """What a body writes, in the order of the source: the vision's questions, then each
    focus area with the focus questions."""
    def read(cur):
        return cq.questions(cur, consultation.id), q.focus_areas(cur, consultation.event_id)

    rows, areas = store.read(read)
    qs = [Question(*r) for r in rows]
    out = [Topic(x, 0, None) for x in qs if x.scope == "vision"]
    for area in areas:
        out += [Topic(x, area.id, area.title) for x in qs if x.scope == "focus"]
    return out


def bodies(store: Store, consultation: Consultation) -> list[Body]:
    return [Body(*r) for r in store.read(lambda cur: cq.bodies(cur, consultation.id))]


def progress(store: Store, consultation: Consultation) -> Progress:
    all_bodies = bodies(store, consultation)
    return Progress(answered=tuple(b for b in all_bodies if b.answered),
                    drafting=tuple(b for b in all_bodies if not b.answered and b.texts),
                    missing=tuple(b for b in all_bodies if not b.answered))


# -- a body answers through its link ----------------------------------------------------------
def resolve(store: Store, token: str | None, client: str = "?") -> tuple[Consultation, Body]:
    """The consultation and body of a link's token, or a Danish :class:`UserError`."""
    LIMITER.check(client)
    token = (token or "").strip()
    if not token:
        raise NotFoundError("Linket mangler sin kode. Brug hele linket fra sekretariatets mail.")
    row = store.read(lambda cur: cq.body_by_token(cur, token)) if len(token) <= 64 else None
    consultation = store.read(lambda cur: cq.consultation_by_id(cur, row[1])) if row else None
    if row is None or consultation is None:
        LIMITER.fail(client)
        raise NotFoundError("Linket er ukendt eller udløbet. Kontakt sekretariatet for at få et nyt.")
    return Consultation(*consultation), Body(*row)


def answers(store: Store, body: Body) -> dict[tuple[int, int], str]:
    """The body's saved texts by (question id, focus area id)."""
    return {(qid, fid): text for qid, fid, text, _at in store.read(lambda cur: cq.answers_of(cur, body.id))}


def save_answer(store: Store, token: str, texts: dict[tuple[int, int], str], *, send: bool,
                today: dt.date | None = None, now: dt.datetime | None = None) -> dt.datetime:
    """Keep a body's texts; with ``send`` the answer counts as sent (again, if revised).

    Checked in the write's transaction: the token, the deadline, the questions and length.
    Returns when it was saved.
    """
    now = now or dt.datetime.now().replace(microsecond=0)
    today = today or now.date()
    clean = {}
    for key, text in texts.items():
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > ANSWER_MAX_CHARS:
            raise UserError("Et svar må højst være {n} tegn. Forkort det, og gem igen.", n=ANSWER_MAX_CHARS)
        clean[(int(key[0]), int(key[1]))] = text
    if send and not any(clean.values()):
        raise UserError("Skriv mindst ét svar, før I sender.")

    def job(cur):
        body = cq.body_by_token(cur, token)
        row = cq.consultation_by_id(cur, body[1]) if body else None
        if body is None or row is None:
            raise NotFoundError("Linket er ukendt eller udløbet. Kontakt sekretariatet for at få et nyt.")
        consultation = Consultation(*row)
        if not consultation.is_open(today):
            raise RuleError("Fristen for svar var {d}. Svaret kan ikke længere ændres.",
                            d=consultation.deadline.strftime("%d.%m.%Y"))
        focus = [a.id for a in q.focus_areas(cur, consultation.event_id)]
        allowed = {(qid, f) for qid, _p, scope, _t in cq.questions(cur, row[0])
                   for f in ([0] if scope == "vision" else focus)}
        if any(key not in allowed for key in clean):
            raise UserError("Spørgsmålene er ændret, mens I skrev. Genindlæs siden; jeres tekst er ikke gemt.")
        cq.upsert_answers(cur, body[0], [(k[0], k[1], t) for k, t in clean.items()], now)
        if send:
            cq.mark_submitted(cur, body[0], now)
        return consultation.event_id

    store.write(job)
    return now


# -- the secretariat follows up ------------------------------------------------------------------
def answer_link(base_url: str, body: Body) -> str:
    return f"{base_url.rstrip('/')}/?h={body.token}"


def reminder_text(consultation: Consultation, missing: list[Body] | tuple[Body, ...], base_url: str) -> str:
    """A reminder for the bodies that have not sent their answer, with each one's link,
    ready to paste into a mail (the app sends no mail)."""
    when = consultation.deadline.strftime("%d.%m.%Y")
    lines = [f"Emne: Påmindelse: {consultation.title} – svar senest {when}", "",
             "Kære modtager,", "",
             f"Vi har endnu ikke modtaget jeres svar på høringen »{consultation.title}«. "
             f"Svarfristen er {when}.",
             "I svarer via jeres eget link nedenfor. I kan gemme et halvt færdigt svar og vende tilbage "
             "til det, og I kan rette svaret, indtil fristen udløber.", ""]
    for b in missing:
        lines.append(f"{b.name}: {answer_link(base_url, b)}")
    lines += ["", "Linket er personligt for jeres organ; send det ikke videre.", "", "Venlig hilsen",
              "Sekretariatet"]
    if consultation.reply_to:
        lines.append(consultation.reply_to)
    return "\n".join(lines)


def mark_reminded(store: Store, actor: str, consultation: Consultation, missing: list[Body] | tuple[Body, ...]) -> None:
    ids = [b.id for b in missing]

    def job(cur):
        cq.mark_reminded(cur, ids, dt.datetime.now().replace(microsecond=0))
        q.audit(cur, actor, "consultation_reminder", consultation.event_id, f"{len(ids)} organer")

    store.write(job, event_id=consultation.event_id)


def answers_frame(store: Store, consultation: Consultation) -> pd.DataFrame:
    """Every sent answer, one row each: Organ, Emne, Spørgsmål, Svar (plus ids for keys)."""
    order = {t.key: i for i, t in enumerate(topics(store, consultation))}
    titles = {t.key: (t.heading, t.question.text) for t in topics(store, consultation)}
    rows = []
    for body_id, name, _at, qid, fid, text in store.read(lambda cur: cq.all_answers(cur, consultation.id)):
        if (qid, fid) not in titles:
            continue  # a focus area removed after the answer was written
        topic, question = titles[(qid, fid)]
        rows.append({"body_id": body_id, "question_id": qid, "focus_area_id": fid, "order": order[(qid, fid)],
                     "Organ": name, "Emne": topic, "Spørgsmål": question, "Svar": text})
    cols = ["body_id", "question_id", "focus_area_id", "order", "Organ", "Emne", "Spørgsmål", "Svar"]
    return pd.DataFrame(rows, columns=cols)


def side_by_side(frame: pd.DataFrame, topic: str) -> pd.DataFrame:
    """One topic (the vision or a focus area): a row per body, a column per question."""
    part = frame[frame["Emne"] == topic]
    if part.empty:
        return pd.DataFrame(columns=["Organ"])
    wide = part.sort_values("order").pivot_table(index="Organ", columns="Spørgsmål", values="Svar",
                                                  aggfunc="first", sort=False)
    cols = list(dict.fromkeys(part.sort_values("order")["Spørgsmål"]))
    return wide.reindex(columns=cols).fillna("–").reset_index()


def export_tables(store: Store, consultation: Consultation) -> dict[str, pd.DataFrame]:
    """Sheets for the XLSX export: who answered, every answer, and one sheet per topic."""
    prog = progress(store, consultation)
    status = pd.DataFrame([
        {"Organ": b.name, "Status": "Svaret" if b.answered else ("Påbegyndt" if b.texts else "Mangler"),
         "Sendt": b.submitted_at.strftime("%d.%m.%Y %H:%M") if b.submitted_at else "–",
         "Rettet gange": b.revisions,
         "Påmindet": b.reminded_at.strftime("%d.%m.%Y") if b.reminded_at else "–"}
        for b in sorted(prog.answered + prog.missing, key=lambda b: b.position)],
        columns=["Organ", "Status", "Sendt", "Rettet gange", "Påmindet"])
    frame = answers_frame(store, consultation)
    tables = {"Status": status, "Alle svar": frame[["Organ", "Emne", "Spørgsmål", "Svar"]]}
    for i, topic in enumerate(dict.fromkeys(t.heading for t in topics(store, consultation))):
        sheet = side_by_side(frame, topic)
        sheet.insert(0, "Emne", topic)
        tables[topic if topic == VISION_TOPIC else f"Fokusområde {i}"] = sheet
    return tables


# -- on the day: chosen points on the big screen -----------------------------------------------------
@dataclass(frozen=True)
class ProjectorPoint:
    body: str
    topic: str
    question: str
    text: str


def set_highlights(store: Store, actor: str, consultation: Consultation, keys: list[tuple[int, int, int]]) -> None:
    """The organiser's pick of answers for the big screen, as (body id, question id, focus area id)."""
    def job(cur):
        known = {(b, qid, f) for b, _n, _a, qid, f, _t in cq.all_answers(cur, consultation.id)}
        bad = [k for k in keys if tuple(k) not in known]
        if bad:
            raise UserError("Et valgt svar findes ikke længere. Genindlæs siden.")
        cq.replace_highlights(cur, consultation.id, [tuple(k) for k in keys], actor)
        q.audit(cur, actor, "consultation_highlights", consultation.event_id, str(len(keys)))

    store.write(job, event_id=consultation.event_id)


def highlights(store: Store, consultation: Consultation) -> list[tuple[int, int, int]]:
    return [(b, qid, f) for b, qid, f, _p in store.read(lambda cur: cq.highlights(cur, consultation.id))]


def projector_points(store: Store, event_id: int) -> list[ProjectorPoint]:
    """The points the organiser picked for the big screen, in the order picked; [] if none."""
    consultation = for_event(store, event_id)
    if consultation is None:
        return []
    frame = answers_frame(store, consultation)
    by_key = {(r.body_id, r.question_id, r.focus_area_id): r for r in frame.itertuples()}
    out = []
    for key in highlights(store, consultation):
        r = by_key.get(key)
        if r is not None:
            out.append(ProjectorPoint(body=r.Organ, topic=r.Emne, question=r.Spørgsmål, text=r.Svar))
    return out


# -- the demo consultation from the sources ------------------------------------------------------------
def load_demo_specs(data_dir: Path = DATA_DIR) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(data_dir.glob("*.yaml"))]


def seed_demo(store: Store, data_dir: Path = DATA_DIR) -> list[str]:
    """Create the consultations in ``data/consultations/`` for demo events that lack one."""
    from vision.criteria import municipalities

    made = []
    for spec in load_demo_specs(data_dir):
        event = store.read(lambda cur, c=spec["event"]: q.event_by_code(cur, c))
        if event is None or for_event(store, event.id) is not None:
            continue
        names = list(spec.get("bodies") or municipalities().regions[spec["bodies_of_region"]].units)
        questions = [("vision", t) for t in spec["questions"]["vision"]] + \
                    [("focus", t) for t in spec["questions"]["focus"]]
        create(store, "demo", event.id, title=spec["title"], deadline=spec["deadline"], questions=questions,
               bodies=names, intro=spec.get("intro"), reply_to=spec.get("reply_to"), source=spec.get("source"))
        made.append(event.code)
    return made


def default_bodies(region: str | None) -> list[str]:
    """The municipalities and the region of a framework-agreement region (data/municipalities.yaml)."""
    from vision.criteria import municipalities

    regions = municipalities().regions
    return list(regions[region].units) if region in regions else []


def template_questions(data_dir: Path = DATA_DIR) -> tuple[list[str], list[str]]:
    """The questions of the first consultation in data/ (the source's), as a starting point."""
    specs = load_demo_specs(data_dir)
    if not specs:
        return [], []
    return list(specs[0]["questions"]["vision"]), list(specs[0]["questions"]["focus"])
