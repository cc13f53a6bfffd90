"""Hypothesis settings shared by the differential tests (a fast path against the careful one)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("PROVENANCE_FUZZ_LONG") == "1"  # the long fuzz run: 20,000 examples per test


def differential(examples: int) -> settings:
    """`examples` generated inputs per test (20,000 in the long run); no deadline, no database."""
    return settings(
        max_examples=20_000 if LONG else examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
