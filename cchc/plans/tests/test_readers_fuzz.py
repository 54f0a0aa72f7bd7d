"""Every reader fed generated hostile documents (``hostile.GENERATORS``): each input is read
into a plan that keeps its promises or refused with ReadError naming the file; nothing else
escapes. A few hundred inputs per reader here (``HYPOTHESIS_MAX_EXAMPLES`` × 2); the 10,000
per reader with time and memory figures are ``scripts/bench fuzz``."""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plans.tests import hostile

EXAMPLES = 2 * int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "150"))
# Small-scale inputs: the row-limit cases of the bench shrunk twentyfold (still past the
# limits where they matter: spans, nesting, numbering, bombs, widths, long cells).
SCALE = 0.05


@pytest.mark.parametrize("reader", sorted(hostile.GENERATORS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,  # all-zero randomness picks every heavy case
    ],
    derandomize=True,
)
@given(rng=st.randoms(use_true_random=False))
def test_reader_reads_or_refuses_hostile_input(reader: str, rng: random.Random) -> None:
    data, name = hostile.GENERATORS[reader](rng, SCALE)
    assert hostile.check(data, name) in {"read", "refused"}
