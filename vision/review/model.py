"""What a review holds: the statistics of each draft and criterion, the ranking, and
the breakdowns by group, municipality, paradox and focus area.

Statistics (per draft, in one scoring round)
    For each criterion: mean, standard deviation (sample), quartiles and interquartile
    range (linear interpolation), the number of scores, of "Ved ikke" and of
    participants who answered the draft but skipped the criterion, and *agreement*:
    the share of scores within one point of the median. A criterion is *split* when
    agreement is below :data:`SPLIT_BELOW`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from vision.model import Criterion, Event, FocusArea, Paradox, Round

ALL = "Alle"
SPLIT_BELOW = 0.6
DIMENSIONS = {"grp": "Gruppe", "unit": "Kommune/organisation"}


@dataclass(frozen=True)
class CriterionStat:
    key: str
    label: str
    scored: int
    dont_know: int
    missing: int
    mean: float | None
    sd: float | None
    q1: float | None
    median: float | None
    q3: float | None
    agreement: float | None
    hidden: bool = False          # fewer than the minimum scored it: no mean, spread or agreement

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1

    @property
    def split(self) -> bool:
        return self.agreement is not None and self.agreement < SPLIT_BELOW


@dataclass(frozen=True)
class DraftReview:
    draft_id: int
    number: int
    label: str | None
    text: str
    respondents: int
    suppressed: bool
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    criteria: tuple[CriterionStat, ...]
    mean_hidden: bool = False     # answered by enough, but fewer than the minimum gave a score

    @property
    def name(self) -> str:
        """The draft's name in Danish, as the exports and the committee paper write it."""
        return self.name_in("da")

    def name_in(self, lang: str) -> str:
        """'Forslag 2 · Eksempel' in ``lang`` (a label the app made is translated too)."""
        from vision.events.labels import draft_label
        from vision.i18n import gettext

        label = draft_label(self.label, lang)
        return gettext("Forslag {n}", lang).format(n=self.number) + (f" · {label}" if label else "")

    def _scored(self) -> list[CriterionStat]:
        return [c for c in self.criteria if c.mean is not None]

    def _at(self, pick) -> list[CriterionStat]:
        """The criteria whose mean, as shown (two decimals), is ``pick`` of all shown means."""
        scored = self._scored()
        if not scored:
            return []
        target = pick(round(c.mean, 2) for c in scored)
        return [c for c in scored if round(c.mean, 2) == target]

    @property
    def flat(self) -> bool:
        """Every criterion with a mean has the same mean (as shown): none is strongest or weakest."""
        return bool(self._scored()) and len({round(c.mean, 2) for c in self._scored()}) == 1

    @property
    def strongest_all(self) -> list[CriterionStat]:
        """The criteria that share the highest mean; empty when :attr:`flat`."""
        return [] if self.flat else self._at(max)

    @property
    def weakest_all(self) -> list[CriterionStat]:
        """The criteria that share the lowest mean; empty when :attr:`flat`."""
        return [] if self.flat else self._at(min)

    @property
    def strongest(self) -> CriterionStat | None:
        s = self.strongest_all
        return s[0] if s else None

    @property
    def weakest(self) -> CriterionStat | None:
        w = self.weakest_all
        return w[0] if w else None

    def criterion(self, key: str) -> CriterionStat:
        return next(c for c in self.criteria if c.key == key)


@dataclass(frozen=True)
class RankedDraft:
    place: str                       # "1", or "1-2" when tied with a neighbour
    draft: DraftReview
    diff_to_next: tuple[float, float, float] | None   # difference, low, high
    too_close_to_next: bool | None   # None for the last or a suppressed draft


@dataclass(frozen=True)
class Review:
    event: Event
    round: Round | None
    criteria: tuple[Criterion, ...]
    drafts: tuple[DraftReview, ...]
    ranking: tuple[RankedDraft, ...]
    by_group: pd.DataFrame            # long: draft_id, cell, criterion_key ('' = overall), respondents, mean, suppressed, reason, mean_reason
    by_unit: pd.DataFrame
    cells: dict[str, tuple[str, ...]]  # dim -> cells in display order
    paradox_rounds: tuple[Round, ...]
    paradoxes: tuple[Paradox, ...]
    paradox_by_group: pd.DataFrame    # round_id, paradox_id, cell, n, mean, q1, median, q3, lo, hi, left/mid/right, suppressed, reason
    focus_rounds: tuple[Round, ...]
    focus_areas: tuple[FocusArea, ...]
    focus_by_group: pd.DataFrame      # round_id, focus_area_id, cell, respondents, mean, total, suppressed, reason
    participants: pd.DataFrame        # dim, cell, participants (people who answered), suppressed, reason
    scoring_rounds: tuple[Round, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def minimum(self) -> int:
        return self.event.min_group_size

    def draft(self, draft_id: int) -> DraftReview:
        return next(d for d in self.drafts if d.draft_id == draft_id)


def _none(x) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) or pd.isna(x) else float(x)
