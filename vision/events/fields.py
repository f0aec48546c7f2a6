"""The rules for an event's own fields, checked all at once so a form can say what is wrong
with every field; and the warning (not a refusal) for a date that has passed."""

from __future__ import annotations

import datetime as dt

from vision.criteria import municipalities
from vision.errors import UserError
from vision.events.reads import CODE_RE

JOIN_MODES = ("open", "tokens")
FOCUS_MODES = ("points", "rank")
PLACE_MAX, DESCRIPTION_MAX = 200, 2000


class FieldErrors(UserError):
    """Several fields are invalid; ``problems`` names each (a UserError)."""

    def __init__(self, problems: list[UserError]):
        self.problems = problems
        super().__init__("Begivenheden er ikke gemt. Ret felterne nedenfor:")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def event_field_problems(*, code: str | None = None, title: str | None, event_date: dt.date | None,
                         require_date: bool = False, place: str | None = None, region: str | None = None,
                         description: str | None = None, join_mode: str = "open", focus_mode: str = "points",
                         focus_points=10, min_group_size=3) -> list[UserError]:
    """Every invalid field of an event, each with its own Danish message (empty: all fine).
    ``code=None`` skips the code (an existing event keeps its code)."""
    problems: list[UserError] = []
    if code is not None and not CODE_RE.match((code or "").strip().upper()):
        problems.append(UserError("Kode: 3-16 store bogstaver (A-Z) eller tal, fx SYD25."))
    if not (title or "").strip():
        problems.append(UserError("Titel: skriv dagens titel."))
    elif len(title.strip()) > 200:
        problems.append(UserError("Titel: højst {max} tegn.", max=200))
    if event_date is None and require_date:
        problems.append(UserError("Dato: vælg dagens dato."))
    if place and len(place.strip()) > PLACE_MAX:
        problems.append(UserError("Sted: højst {max} tegn.", max=PLACE_MAX))
    if region is not None and region not in municipalities().regions:
        problems.append(UserError("Region: vælg en af de fem regioner."))
    if description and len(description.strip()) > DESCRIPTION_MAX:
        problems.append(UserError("Beskrivelse: højst {max} tegn.", max=DESCRIPTION_MAX))
    if join_mode not in JOIN_MODES:
        problems.append(UserError("Tilmelding: vælg åben tilmelding eller personlige QR-kort."))
    if focus_mode not in FOCUS_MODES:
        problems.append(UserError("Prioritering: vælg fordel point eller rangordn."))
    points = _int(focus_points)
    if points is None or not 1 <= points <= 100:
        problems.append(UserError("Point pr. deltager: et helt tal mellem 1 og 100."))
    minimum = _int(min_group_size)
    if minimum is None or not 1 <= minimum <= 50:
        problems.append(UserError("Mindste gruppestørrelse: et helt tal mellem 1 og 50."))
    return problems


def date_warning(event_date: dt.date | None, today: dt.date) -> UserError | None:
    """A message when the day's date has passed (allowed: a day can be entered afterwards)."""
    if event_date is not None and event_date < today:
        return UserError("Datoen {date} er allerede passeret. Begivenheden er gemt; ret datoen under "
                         "'Begivenhed', hvis den er forkert.", date=event_date.strftime("%d.%m.%Y"))
    return None
