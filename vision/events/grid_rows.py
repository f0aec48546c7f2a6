"""Saving a grid editor's rows: the valid rows are stored in one write, blank rows are
counted, and each row left out is named with the reason, so nothing typed is lost unseen.

Used by the programme, the focus areas and the tables of an event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from vision import results
from vision.errors import UserError
from vision.store import Store
from vision.store import queries as q

Row = TypeVar("Row")
Item = TypeVar("Item")


@dataclass(frozen=True)
class GridSaved:
    """What a grid editor's save stored, and each row it left out with the reason."""
    saved: int
    blank: int = 0
    ignored: tuple[UserError, ...] = ()


def save_valid_rows(store: Store, actor: str, event_id: int, action: str, rows: Iterable[Row], *,
                    is_blank: Callable[[Row], bool], parse: Callable[[int, Row], Item],
                    write: Callable[[object, list[Item]], None],
                    kept_when_invalid: Callable[[Row], Item | None] = lambda _row: None) -> GridSaved:
    """Store the valid rows of a grid and name the others.

    ``parse(n, row)`` turns the n-th row (from 1) into what is stored, or raises a
    :class:`UserError` that names the row; such a row is left out (or stands as
    ``kept_when_invalid(row)`` says, e.g. an existing item kept unchanged). ``write(cur,
    items)`` stores the items in one transaction, audited as ``action`` with their count;
    cached results of the event are dropped after it."""
    items: list[Item] = []
    ignored: list[UserError] = []
    blank = 0
    for n, row in enumerate(rows, start=1):
        if is_blank(row):
            blank += 1
            continue
        try:
            items.append(parse(n, row))
        except UserError as err:
            ignored.append(err)
            kept = kept_when_invalid(row)
            if kept is not None:
                items.append(kept)

    def job(cur):
        write(cur, items)
        q.audit(cur, actor, action, event_id, str(len(items)))

    store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return GridSaved(len(items), blank, tuple(ignored))
