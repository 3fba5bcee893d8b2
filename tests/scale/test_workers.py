from __future__ import annotations

import os
import signal
import time
from multiprocessing import get_all_start_methods

import pytest

from sitrep.scale.workers import WorkerPool

pytestmark = pytest.mark.skipif("fork" not in get_all_start_methods(), reason="forks its workers")


def _work(item: int) -> tuple[int, int]:
    """The item's square and the worker's pid; -1 sleeps (a stalled input), -2 kills its worker."""
    if item == -1:
        time.sleep(60)
    if item == -2:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * item, os.getpid()


def _fail(item: int, reason: str) -> str:
    return f"{item}: {reason}"


def _results(items: list[int | str], workers: int, budget: float | None = None) -> list[object]:
    with WorkerPool(workers, _work, _fail, budget=budget) as pool:
        pairs = list(pool.map(items, needs_work=lambda item: isinstance(item, int)))
    assert [item for item, _ in pairs] == items, "every item comes back, in input order"
    return [result if isinstance(item, int) else item for item, result in pairs]


def _squares(results: list[object]) -> list[object]:
    return [result[0] if isinstance(result, tuple) else result for result in results]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_input_order_with_items_that_need_no_work_in_their_place(workers: int) -> None:
    skipped = ["stored already"] * 50  # more than the pool holds at a time
    items: list[int | str] = [3, *skipped, 1, 4, "stored already", *range(20)]
    results = _results(items, workers)
    assert _squares(results) == [9, *skipped, 1, 16, "stored already", *(n * n for n in range(20))]
    assert len({pid for _, pid in (r for r in results if isinstance(r, tuple))}) == workers


@pytest.mark.parametrize("workers", [1, 2])
def test_an_item_over_its_budget_fails_alone_and_the_rest_is_done(workers: int) -> None:
    started = time.monotonic()
    results = _squares(_results([2, -1, 3, 5, 7], workers, budget=1.0))
    assert results == [4, "-1: extraction took longer than the budget of 1 s", 9, 25, 49]
    assert time.monotonic() - started < 30, "the stalled item was stopped, not waited for"


def test_an_item_whose_worker_dies_fails_alone_and_a_new_worker_takes_the_rest() -> None:
    results = _results([2, -2, 3, 5], workers=1)
    assert _squares(results) == [4, "-2: its worker process died (killed by SIGKILL)", 9, 25]
    first, *after = (pid for _, pid in (r for r in results if isinstance(r, tuple)))
    assert all(pid != first for pid in after), "the killed worker was replaced"


def test_no_worker_outlives_the_pool() -> None:
    with WorkerPool(2, _work, _fail) as pool:
        pids = {pid for _, (_, pid) in pool.map(range(8), needs_work=lambda _: True)}
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_worker_that_died_idle_is_replaced_without_failing_an_item() -> None:
    with WorkerPool(1, _work, _fail) as pool:
        first = [result for _, result in pool.map([2], needs_work=lambda _: True)]
        os.kill(first[0][1], signal.SIGKILL)
        time.sleep(0.5)
        later = [result for _, result in pool.map([3, 4], needs_work=lambda _: True)]
    assert [square for square, _ in later] == [9, 16]
    assert later[0][1] != first[0][1]
