"""Dates as the timelines and papers print them, in Danish or English: '3. februar 2020',
'januar 2017' for a date known only to the month, '24. oktober 2016 – februar 2017' for a span."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vision.processes import Milestone, Phase

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]
MONTHS_DA_SHORT = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
    "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
]
MONTHS_EN = [calendar.month_name[i] for i in range(1, 13)]
MONTHS_EN_SHORT = [calendar.month_abbr[i] for i in range(1, 13)]


def _month_name(d: dt.date, lang: str, short: bool) -> str:
    if lang == "en":
        return (MONTHS_EN_SHORT if short else MONTHS_EN)[d.month - 1]
    return (MONTHS_DA_SHORT if short else MONTHS_DA)[d.month - 1]


def format_date(d: dt.date, month_only: bool = False, lang: str = "da", short: bool = False,
                year: bool = True) -> str:
    """'3. februar 2020', or 'januar 2017' for a date known only to the month.

    ``year=False`` leaves the year out (a yearly wheel repeats every year).
    """
    month = _month_name(d, lang, short)
    y = f" {d.year}" if year else ""
    if month_only:
        return f"{month}{y}"
    return f"{d.day} {month}{y}" if lang == "en" else f"{d.day}. {month}{y}"


def format_span(start: dt.date, start_month: bool, end: dt.date, end_month: bool,
                lang: str = "da", short: bool = False, year: bool = True) -> str:
    """'24. oktober 2016 – februar 2017', 'marts–juni 2016'; one month prints once."""
    if start_month and end_month and (start.year, start.month) == (end.year, end.month):
        return format_date(start, True, lang, short, year)
    if start_month and end_month and start.year == end.year:
        y = f" {end.year}" if year else ""
        return f"{_month_name(start, lang, short)}–{_month_name(end, lang, short)}{y}"
    a = format_date(start, start_month, lang, short, year)
    b = format_date(end, end_month, lang, short, year)
    return a if a == b else f"{a} – {b}"


def milestone_when(m: Milestone, lang: str = "da", short: bool = False, year: bool = True) -> str:
    if m.end is not None:
        text = format_span(m.start_date, m.month_only, m.end_date, m.month_only, lang, short, year)
    else:
        text = format_date(m.start_date, m.month_only, lang, short, year)
    if m.time:
        text += f", kl. {m.time}" if lang == "da" else f", {m.time}"
    return text


def phase_when(p: Phase, lang: str = "da", short: bool = False, year: bool = True) -> str:
    return format_span(p.start_date, p.start_month_only, p.end_date, p.end_month_only,
                       lang, short, year)
