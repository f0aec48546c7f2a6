"""Set-up content of an event: units, programme, criteria, paradoxes and focus areas."""

from __future__ import annotations

import re

from vision import results
from vision.errors import NotFoundError, RuleError, UserError
from vision.events.grid_rows import GridSaved, save_valid_rows
from vision.events.text import clean_text
from vision.model import Criterion
from vision.store import Store
from vision.store import queries as q
from vision.store import setup_queries as sq

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


def set_units(store: Store, actor: str, event_id: int, names: list[str]) -> None:
    clean = []
    for n in names:
        n = n.strip()
        if n and n not in clean:
            clean.append(clean_text(n, 80))
    if not clean:
        raise UserError("Listen over kommuner og organisationer må ikke være tom.")

    def job(cur):
        q.replace_units(cur, event_id, clean)
        q.audit(cur, actor, "set_units", event_id, str(len(clean)))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)



def _optional(text: str | None, max_chars: int) -> str | None:
    return clean_text(text, max_chars) if text and str(text).strip() else None


def _field(text: str | None, max_chars: int, what: str, where: str) -> str:
    try:
        return clean_text(text, max_chars)
    except UserError:
        if not (text or "").strip():
            raise UserError("{where}: {what} må ikke være tom.", where=where, what=what) from None
        raise UserError("{where}: {what} er for lang (højst {max} tegn).", where=where, what=what,
                        max=max_chars) from None


def set_programme(store: Store, actor: str, event_id: int,
                  items: list[tuple[str | None, str | None, str | None]]) -> GridSaved:
    """Replace the programme with its valid rows; times as ``11.30`` or ``11:30`` (shown as
    ``11.30``). Blank rows and rows with a bad time or no title are left out and named."""
    def parse(n: int, item: tuple) -> tuple:
        time, title, detail = item
        where = f"Punkt {n}"
        at = None
        if time and str(time).strip():
            m = TIME_RE.match(str(time).strip())
            if not m:
                raise UserError("{where}: tidspunktet '{time}' skal skrives som 11.30.", where=where,
                                time=str(time).strip()[:20])
            at = f"{int(m.group(1)):02d}.{m.group(2)}"
        return at, _field(title, 200, "titlen", where), _optional(detail, 500)

    return save_valid_rows(
        store, actor, event_id, "set_programme", items, parse=parse,
        is_blank=lambda item: not any((str(x).strip() if x else "") for x in item),
        write=lambda cur, clean: q.replace_programme(cur, event_id, clean))


def _criterion_key(label: str, taken: set[str]) -> str:
    base = label.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:24] or "kriterium"
    if not base[0].isalpha():
        base = "k_" + base
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def set_criteria(store: Store, actor: str, event_id: int, items: list[tuple[str | None, str, str]]) -> None:
    """Replace the criteria in the given order: (key or None for a new one, label, question).

    A criterion that already has answers cannot be removed (its answers would lose
    their meaning); its label and question can still be improved.
    """
    clean: list[Criterion] = []
    taken = {k for k, _l, _q in items if k}
    for n, (key, label, question) in enumerate(items, start=1):
        if not (label or "").strip() and not (question or "").strip():
            continue
        where = f"Kriterium {n}"
        label = _field(label, 60, "navnet", where)
        question = _field(question, 200, "spørgsmålet", where)
        if not key:
            key = _criterion_key(label, taken)
            taken.add(key)
        clean.append(Criterion(key, label, question, len(clean)))
    if not clean:
        raise UserError("Der skal være mindst ét kriterium.")
    if len(clean) > 20:
        raise UserError("Der kan højst være 20 kriterier.")
    labels = [c.label.lower() for c in clean]
    dupe = next((c.label for c in clean if labels.count(c.label.lower()) > 1), None)
    if dupe:
        raise UserError("Kriteriet '{label}' står der mere end én gang.", label=dupe)

    def job(cur):
        answered = sq.scored_criterion_keys(cur, event_id)
        old = {c.key: c for c in q.criteria(cur, event_id)}
        removed = [old[k].label for k in answered if k in old and k not in {c.key for c in clean}]
        if removed:
            raise RuleError("Kriteriet '{label}' har allerede svar og kan ikke fjernes. Du kan omformulere det.",
                            label=removed[0])
        q.replace_criteria(cur, event_id, clean)
        q.audit(cur, actor, "set_criteria", event_id, str(len(clean)))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def _arguments(args: list[str] | str | None, where: str) -> list[str]:
    if isinstance(args, str):
        args = args.splitlines()
    out = []
    for a in args or []:
        if a and a.strip():
            out.append(_field(a, 300, "et argument", where))
    return out


def save_paradox(store: Store, actor: str, event_id: int, paradox_id: int | None, *, title: str,
                 question: str | None, left_label: str, left_args, right_label: str, right_args) -> int:
    """Add (``paradox_id=None``) or change a paradox: a balance between two poles."""
    where = "Paradokset"
    title = _field(title, 120, "titlen", where)
    question = _optional(question, 300)
    left = _field(left_label, 80, "venstre pol", where)
    right = _field(right_label, 80, "højre pol", where)
    largs, rargs = _arguments(left_args, where), _arguments(right_args, where)

    def job(cur):
        if paradox_id is None:
            pos = len(q.paradoxes(cur, event_id))
            pid = q.insert_paradox(cur, event_id, pos, title, question, left, largs, right, rargs)
            q.audit(cur, actor, "add_paradox", event_id, title)
            return pid
        if paradox_id not in {p.id for p in q.paradoxes(cur, event_id)}:
            raise NotFoundError("Paradokset findes ikke i denne begivenhed.")
        q.update_paradox(cur, paradox_id, title, question, left, largs, right, rargs)
        q.audit(cur, actor, "edit_paradox", event_id, title)
        return paradox_id

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


def delete_paradox(store: Store, actor: str, event_id: int, paradox_id: int) -> int:
    """Remove a paradox and any positions given on it; returns how many answers went with it."""
    def job(cur):
        items = q.paradoxes(cur, event_id)
        found = next((p for p in items if p.id == paradox_id), None)
        if found is None:
            raise NotFoundError("Paradokset findes ikke i denne begivenhed.")
        answers = sq.count_paradox_answers(cur, paradox_id)
        q.delete_paradox(cur, paradox_id)
        for pos, p in enumerate(x for x in items if x.id != paradox_id):
            sq.set_paradox_position(cur, p.id, pos)
        q.audit(cur, actor, "delete_paradox", event_id, f"{found.title} ({answers} svar)")
        return answers

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


def set_focus_areas(store: Store, actor: str, event_id: int,
                    items: list[tuple[int | None, str | None, str | None]]) -> GridSaved:
    """Make the focus areas exactly ``items`` (id or None for a new one, title, description), in order.

    A focus area left out is removed; one that participants have already prioritised
    cannot be removed. A row without a title or with too long a text is left out and
    named; an existing focus area in such a row stays as it was.
    """
    def parse(n: int, item: tuple) -> tuple:
        fid, title, desc = item
        return fid, _field(title, 160, "titlen", f"Fokusområde {n}"), _optional(desc, 600)

    def write(cur, clean: list[tuple]) -> None:
        existing = {f.id: f for f in q.focus_areas(cur, event_id)}
        keep = {fid for fid, _t, _d in clean if fid is not None}
        unknown = keep - set(existing)
        if unknown:
            raise NotFoundError("Fokusområdet findes ikke i denne begivenhed.")
        for fid in set(existing) - keep:
            if sq.count_focus_answers(cur, fid):
                raise RuleError("Fokusområdet '{title}' har allerede svar og kan ikke fjernes.",
                                title=existing[fid].title)
            q.delete_focus_area(cur, fid)
        for pos, (fid, title, desc) in enumerate(clean):
            if fid is None:
                q.insert_focus_area(cur, event_id, pos, title, desc)
            else:
                if title is not None:
                    q.update_focus_area(cur, fid, title, desc)
                sq.set_focus_area_position(cur, fid, pos)

    return save_valid_rows(
        store, actor, event_id, "set_focus_areas", items, parse=parse, write=write,
        is_blank=lambda item: not (item[1] or "").strip() and not (item[2] or "").strip() and item[0] is None,
        kept_when_invalid=lambda item: None if item[0] is None else (item[0], None, None))  # kept unchanged
