"""The store's queries, one module per aggregate; this module re-exports them so
callers can keep ``from vision.store import queries as q``. New queries go into the
module of their aggregate (``event_queries``, ``round_queries`` …), not here.
"""

from __future__ import annotations

import duckdb

from vision.store.event_queries import (  # noqa: F401
    list_events,
    event_by_code,
    event_by_id,
    insert_event,
    update_event,
    DELETE_PHASES,
    delete_event_phase,
)
from vision.store.content_queries import (  # noqa: F401
    programme,
    replace_programme,
    units,
    replace_units,
    criteria,
    replace_criteria,
    paradoxes,
    insert_paradox,
    update_paradox,
    delete_paradox,
    focus_areas,
    insert_focus_area,
    update_focus_area,
    delete_focus_area,
)
from vision.store.round_queries import (  # noqa: F401
    rounds,
    round_by_id,
    insert_round,
    set_round_status,
    set_round_revealed,
)
from vision.store.draft_queries import (  # noqa: F401
    drafts,
    draft_by_id,
    insert_draft,
    update_draft,
    draft_submitted_by,
)
from vision.store.participant_queries import (  # noqa: F401
    insert_participant,
    participant_by_token,
    preset_tokens,
    revoke_token,
    delete_tokens,
    count_tokens,
)
from vision.store.ballot_queries import (  # noqa: F401
    upsert_scores,
    upsert_comment,
    ballots_of,
    upsert_paradox_positions,
    paradox_positions_of,
    replace_focus_priorities,
    focus_priorities_of,
    lookup_missing,
    save_checks,
    replace_ballots,
)
from vision.store.audit_queries import (  # noqa: F401
    audit,
    audit_entries,
)
from vision.store.result_queries import (  # noqa: F401
    score_rows,
    live_aggregates,
    paradox_rows,
    focus_rows,
    comment_rows,
    hide_comment,
    participation,
    answered_by_round,
)

Con = duckdb.DuckDBPyConnection
