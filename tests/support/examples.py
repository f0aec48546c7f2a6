"""Hypothesis profiles for the two ways to run the tests, and the number of examples a
property test tries under each.

* ``visionsdag`` (``make test``): Hypothesis's own number of examples (100), or what a test
  asks for with ``examples(n)``.
* ``fast`` (``make test-fast``, ``--hypothesis-profile=fast``): a fifth of that, at least 5,
  for the inner loop. Every property still runs; ``make test`` runs them in full.

No time limit per example in either: a test's pass must not depend on how busy the machine
is (speed is measured by the bench). Hypothesis's default of 200 ms failed on a busy one.
"""

from __future__ import annotations

from hypothesis import settings

FULL = 100
settings.register_profile("visionsdag", deadline=None, max_examples=FULL)
settings.register_profile("fast", deadline=None, max_examples=FULL // 5)
settings.load_profile("visionsdag")         # --hypothesis-profile chooses another, after this


def examples(n: int) -> int:
    """``n`` examples under the full profile, the same share of them under the loaded one."""
    return max(5, n * settings.default.max_examples // FULL)
