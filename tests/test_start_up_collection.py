"""The garbage collector paused for start-up: resumed once, and never left paused."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kindly.start_up_collection import pause_collection, resume_collection


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


def test_a_paused_collector_runs_again_once_resumed() -> None:
    pause_collection()
    assert not gc.isenabled()
    resume_collection()
    assert gc.isenabled()


def test_resuming_sets_start_ups_objects_aside_from_later_collections() -> None:
    pause_collection()
    made_at_start_up = [[] for _ in range(100)]
    resume_collection()
    assert gc.get_freeze_count() >= len(made_at_start_up)


def test_resuming_what_was_never_paused_sets_nothing_aside() -> None:
    resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == 0
