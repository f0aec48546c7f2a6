"""The secretariat's review after the day: statistics, breakdowns and small-group suppression.

The package is split along its seams:

* :mod:`~vision.review.suppression` — which cells a breakdown may show;
* :mod:`~vision.review.bootstrap` — the intervals behind the ranking;
* :mod:`~vision.review.model` — what a review holds (dataclasses);
* :mod:`~vision.review.breakdowns` — cells by group and municipality, suppressed;
* :mod:`~vision.review.assemble` — :func:`build_review`, the one source of every
  table the page and the exports show;
* :mod:`~vision.review.comments` — comments with group labels where allowed;
* :mod:`~vision.review.across_events` — the same draft text in other events;
* :mod:`~vision.review.lifecycle` — deleting tokens or the event after the day.

The names callers use are re-exported here.
"""

from vision.errors import NotFoundError, UserError
from vision.review.across_events import DraftAcrossEvents, normalise_text, same_text_elsewhere
from vision.review.assemble import build_review, scoring_rounds
from vision.review.bootstrap import BOOTSTRAP_SAMPLES, CONFIDENCE, SEED, paired_difference
from vision.review.comments import comments, filter_comments, hide_comment, visible_groups
from vision.review.lifecycle import confirm_code, delete_event, delete_tokens
from vision.review.model import (ALL, DIMENSIONS, SPLIT_BELOW, CriterionStat, DraftReview, RankedDraft,
                                 Review)
from vision.review.suppression import OTHER, SUPPRESSED, cells_to_suppress, k_anonymise

__all__ = [
    "ALL", "BOOTSTRAP_SAMPLES", "CONFIDENCE", "DIMENSIONS", "OTHER", "SEED", "SPLIT_BELOW", "SUPPRESSED",
    "CriterionStat", "DraftAcrossEvents", "DraftReview", "NotFoundError", "RankedDraft", "Review", "UserError",
    "build_review", "cells_to_suppress", "comments", "confirm_code", "delete_event", "delete_tokens",
    "filter_comments", "hide_comment", "k_anonymise", "normalise_text", "paired_difference", "same_text_elsewhere",
    "scoring_rounds", "visible_groups",
]
