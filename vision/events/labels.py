"""Round titles and draft labels as shown: the app's own defaults follow the UI language,
an organiser's own words are shown as typed."""

from __future__ import annotations

import re

from vision.i18n import N_, gettext
from vision.model import ROUND_KINDS

REPEAT_TITLE = N_("{kind} – runde {n}")
TABLE_LABEL = N_("Bord {n}")
TABLE_DRAFT_LABEL = N_("Forslag fra et bord")
_REPEAT = re.compile(r"^(?P<kind>.+) – runde (?P<n>\d+)$")
_TABLE = re.compile(r"^Bord (?P<n>\d+)$")


def repeat_title(kind: str, n: int) -> str:
    """The stored (Danish) title of the n-th round of a kind, e.g. 'Visionstesten – runde 2'."""
    return REPEAT_TITLE.format(kind=ROUND_KINDS[kind], n=n)


def round_title(title: str, kind: str, lang: str) -> str:
    """A round's title in ``lang`` when it is one of the app's defaults, else as typed."""
    default = ROUND_KINDS.get(kind)
    if title == default:
        return gettext(default, lang)
    m = _REPEAT.match(title)
    if m and m.group("kind") == default:
        return gettext(REPEAT_TITLE, lang).format(kind=gettext(default, lang), n=m.group("n"))
    return title


def round_heading(title: str, kind: str, lang: str) -> str:
    """Title and kind for an organiser's list, the kind left out when the title already says it
    ("Visionstesten", not "Visionstesten · Visionstesten")."""
    shown = round_title(title, kind, lang)
    kind_label = gettext(ROUND_KINDS.get(kind, kind), lang)
    if shown.casefold().startswith(kind_label.casefold()):
        return shown
    return f"{shown} · {kind_label}"


def draft_label(label: str | None, lang: str) -> str | None:
    """A draft's label in ``lang`` when the app made it (a table's draft), else as typed."""
    if not label:
        return label
    if label == TABLE_DRAFT_LABEL:
        return gettext(TABLE_DRAFT_LABEL, lang)
    m = _TABLE.match(label)
    if m:
        return gettext(TABLE_LABEL, lang).format(n=m.group("n"))
    return label
