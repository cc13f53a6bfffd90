"""The garbage collector is paused while cached results are looked up, and only then."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from provenance.batch import _collection_paused


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_paused_inside_and_running_again_after() -> None:
    with _collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_running_again_after_an_error() -> None:
    with pytest.raises(KeyError), _collection_paused():
        raise KeyError("a failed lookup")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_a_collector_the_caller_disabled_stays_disabled() -> None:
    gc.disable()
    with _collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_what_was_built_is_left_to_the_next_full_collection() -> None:
    gc.collect()
    with _collection_paused():
        built = [[index] for index in range(1_000)]
    assert gc.get_count()[0] < len(built)  # not young any more: no young pass goes through them
    assert gc.get_freeze_count() == 0  # and not frozen either


@pytest.mark.usefixtures("collector_enabled")
def test_objects_the_caller_froze_stay_frozen() -> None:
    frozen = [[index] for index in range(10)]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with _collection_paused():
            pass
        assert gc.get_freeze_count() == count >= len(frozen)
    finally:
        gc.unfreeze()
