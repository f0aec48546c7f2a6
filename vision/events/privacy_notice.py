"""The privacy notice of an event (GDPR art. 13): who the controller is and how to reach
them, set per event on set-up, and the dates that follow from the day's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vision import results
from vision.errors import UserError
from vision.i18n import N_
from vision.events.reads import get_event
from vision.events.text import clean_text
from vision.model import Event
from vision.store import Store
from vision.store import queries as q
from vision.store import setup_queries as sq

TOKEN_DAYS, RETENTION_DAYS = 30, 365
# GDPR art. 13(1)(c): the legal basis. A municipality or region holding a political vision day
# performs a task of public authority; the answers may reveal political opinions (art. 9).
LEGAL_BASIS = N_("Kommunen eller regionen, der holder dagen, behandler dine svar som led i sin myndighedsudøvelse "
                 "(databeskyttelsesforordningens artikel 6, stk. 1, litra e). Svarene kan vise politiske "
                 "holdninger, som er følsomme oplysninger; dem behandler vi, fordi det er nødvendigt af hensyn "
                 "til væsentlige samfundsinteresser (artikel 9, stk. 2, litra g, jf. databeskyttelseslovens § 7, "
                 "stk. 4).")


@dataclass(frozen=True)
class PrivacyFacts:
    controller: str                 # e.g. "Aalborg Kommune, Sekretariatet for Nordjysk Socialaftale"
    contact: str                    # e-mail, phone or address of the controller
    dpo_contact: str | None         # the data protection officer (databeskyttelsesrådgiver)
    token_days: int = TOKEN_DAYS            # the link between phones and answers is deleted within these days
    retention_days: int = RETENTION_DAYS    # the answers are kept this long after the day, then deleted


@dataclass(frozen=True)
class PrivacyNotice:
    event: Event
    facts: PrivacyFacts | None      # None: the organiser has not named the controller yet
    min_group_size: int
    tokens_deleted_by: dt.date | None
    deleted_by: dt.date | None
    legal_basis: str = LEGAL_BASIS  # a message to translate; the controller confirms it for the day


def privacy_facts(store: Store, event_id: int) -> PrivacyFacts | None:
    row = store.read(lambda cur: sq.privacy(cur, event_id))
    return PrivacyFacts(*row) if row else None


def set_privacy(store: Store, actor: str, event_id: int, *, controller: str, contact: str,
                dpo_contact: str | None = None, token_days=TOKEN_DAYS, retention_days=RETENTION_DAYS) -> None:
    """Name the controller and the contact for the event's privacy notice; every invalid field is named."""
    from vision.events.fields import FieldErrors

    problems, clean = [], {}
    checks = (("controller", controller, 200, N_("Dataansvarlig: skriv, hvem der er dataansvarlig."),
               N_("Dataansvarlig: højst {max} tegn.")),
              ("contact", contact, 300, N_("Kontakt: skriv en e-mail eller et telefonnummer."),
               N_("Kontakt: højst {max} tegn.")))
    for key, value, size, empty, long in checks:
        if not (value or "").strip():
            problems.append(UserError(empty))
        elif len(value.strip()) > size:
            problems.append(UserError(long, max=size))
        else:
            clean[key] = clean_text(value, size)
    dpo = (dpo_contact or "").strip() or None
    if dpo and len(dpo) > 300:
        problems.append(UserError("Databeskyttelsesrådgiver: højst {max} tegn.", max=300))
    days = {}
    for key, value, top, message in (
            ("token_days", token_days, 365, N_("Deltagerkoder slettes efter: et helt antal dage mellem 1 og {max}.")),
            ("retention_days", retention_days, 3650, N_("Svarene gemmes i: et helt antal dage mellem 1 og {max}."))):
        try:
            days[key] = int(value)
        except (TypeError, ValueError):
            days[key] = 0
        if not 1 <= days[key] <= top:
            problems.append(UserError(message, max=top))
    if not problems and days["token_days"] > days["retention_days"]:
        problems.append(UserError("Deltagerkoderne skal slettes, før svarene slettes."))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise FieldErrors(problems)

    def job(cur):
        sq.set_privacy(cur, event_id, clean["controller"], clean["contact"], dpo, days["token_days"],
                       days["retention_days"])
        q.audit(cur, actor, "set_privacy", event_id, clean["controller"])

    store.write(job, event_id=event_id)
    results.invalidate(event_id)


def privacy_notice(store: Store, event_code: str) -> PrivacyNotice:
    """What the privacy page of an event says (an unknown code raises the usual message)."""
    event = get_event(store, event_code)
    facts = privacy_facts(store, event.id)
    day = event.event_date
    tokens_by = day + dt.timedelta(days=facts.token_days if facts else TOKEN_DAYS) if day else None
    deleted_by = day + dt.timedelta(days=facts.retention_days if facts else RETENTION_DAYS) if day else None
    return PrivacyNotice(event, facts, event.min_group_size, tokens_by, deleted_by)
