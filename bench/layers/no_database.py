"""Layer probe: the participant's save answers at once, without the database.

Run in the server process before it starts (``BENCH_PROBE=bench/layers/no_database.py``)
it replaces ``vision.ballots.save_scores`` with a function that returns a receipt and
writes nothing, so a load run measures the Streamlit layer of a save alone (the lost-save
check then reports every ballot as lost, as it should)."""

from datetime import datetime

from vision import ballots


def save_scores(store, participant, token, round_id, draft_id, values, comment=None):
    return ballots.Receipt("scores", datetime.now(), len(values))


ballots.save_scores = save_scores
