"""Hypothesis profiles for the two ways to run the tests, and the number of examples a
property test tries under each.

* ``visionsdag`` (``make test``): Hypothesis's own number of examples (100), or what a test
  asks for with ``examples(n)``.
* ``fast`` (``make test-fast``, ``--hypothesis-profile=fast``): a fifth of that, at least 5,
  for the inner loop. Every property still runs; ``make test`` runs them in full. A test that
  repeats a costly case over several settings (a migration killed at four moments) tries the
  ones that matter most under ``fast`` and all of them under the full profile (``spread``).

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


def spread(cases: tuple, inner: tuple) -> tuple:
    """All ``cases`` under the full profile; ``inner`` (a subset) under ``fast``."""
    return cases if settings.default.max_examples >= FULL else inner
