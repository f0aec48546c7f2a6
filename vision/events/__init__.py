"""Events: the demo events from ``data/events``, set-up by organisers, rounds.

All functions take the process's :class:`vision.store.Store`. Reads go through
``store.read``; every change goes through ``store.write`` and is audited.

The package is split by what a module holds; callers import from ``vision.events``:

* ``files``: the event data-file format and seeding the demo events;
* ``reads``: events by code, their rounds, drafts and content in one snapshot;
* ``lifecycle``: create, copy, update and delete an event;
* ``fields``: the rules for an event's own fields;
* ``round_control``: add, open, close, reveal and repeat rounds;
* ``round_setup``: rename, reorder, remove, hide and copy rounds on set-up;
* ``labels``: round titles and draft labels in the UI language where they are defaults;
* ``draft_editing``: organisers' changes to drafts;
* ``content``: units, programme, criteria, paradoxes, focus areas;
* ``grid_rows``: saving a grid editor's valid rows and naming the ones left out;
* ``privacy_notice``: the controller and dates of an event's privacy notice;
* ``audit``: the audit log;
* ``text``: cleaning typed text.
"""

from vision.events.audit import audit_log, log_action
from vision.events.content import (
    TIME_RE,
    delete_paradox,
    save_paradox,
    set_criteria,
    set_focus_areas,
    set_programme,
    set_units,
)
from vision.events.draft_editing import add_draft, edit_draft, move_draft, set_draft_status
from vision.events.fields import FieldErrors, date_warning, event_field_problems
from vision.events.grid_rows import GridSaved
from vision.events.files import (
    DraftSpec,
    EventSpec,
    FocusSpec,
    ParadoxSpec,
    PoleSpec,
    ProgrammeSpec,
    RoundSpec,
    default_units,
    load_event_files,
    seed_demo_events,
)
from vision.events.lifecycle import confirm_code, copy_event, create_event, delete_event, update_event
from vision.events.privacy_notice import TOKEN_DAYS, PrivacyFacts, PrivacyNotice, privacy_facts, privacy_notice, set_privacy
from vision.events.reads import (
    CODE_RE,
    drafts,
    event_content,
    get_event,
    list_events,
    open_rounds,
    rounds,
    shown,
    shown_to_participants,
    units,
)
from vision.events.labels import draft_label, round_heading, round_title
from vision.events.round_control import add_round, close_round, open_round, repeat_round, set_revealed
from vision.events.round_setup import copy_rounds, move_round, remove_round, rename_round, set_round_hidden
from vision.events.text import clean_text

__all__ = [
    "TOKEN_DAYS", "PrivacyFacts", "PrivacyNotice", "privacy_facts", "privacy_notice", "set_privacy",
    "GridSaved",
    "FieldErrors", "date_warning", "event_field_problems",
    "CODE_RE", "TIME_RE", "DraftSpec", "EventSpec", "FocusSpec", "ParadoxSpec", "PoleSpec", "ProgrammeSpec",
    "RoundSpec", "add_draft", "add_round", "audit_log", "clean_text", "close_round", "confirm_code", "copy_event", "copy_rounds", "draft_label", "move_round", "remove_round",
    "rename_round", "round_heading", "round_title", "set_round_hidden",
    "create_event", "default_units", "delete_event", "delete_paradox", "drafts", "edit_draft", "event_content",
    "get_event", "list_events", "load_event_files", "log_action", "move_draft", "open_round", "open_rounds",
    "repeat_round", "rounds", "save_paradox", "seed_demo_events", "set_criteria", "set_draft_status",
    "set_focus_areas", "set_programme", "set_revealed", "set_units", "shown", "shown_to_participants",
    "units", "update_event",
]
