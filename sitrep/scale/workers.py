"""Worker processes that run one function over a stream of items, results in input order, each item within a
time budget.

Why not ``concurrent.futures``: a process pool executor cannot stop one task that runs too long, and one
worker that dies breaks the whole pool. Here each worker has its own task queue and result pipe, so the
parent knows which item each worker is on and since when. An item still running when its budget is spent,
or whose worker dies (a crash in C code, the out-of-memory killer), becomes a failure result; its worker is
killed and replaced, and the items queued behind it go to the replacement. On Linux the replacement is
forked from the parent, so it starts with whatever the parent loaded before (``prepare`` only adopts it).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import connection, get_context
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any, Self

from sitrep.errors import SitrepError

# Items queued per worker: enough that a worker never waits for the parent, few enough that memory stays
# flat however many items there are.
ITEMS_PER_WORKER = 8
_STOP_GRACE_SECONDS = 5.0

Work = Callable[[Any], Any]
Fail = Callable[[Any, str], Any]


class _Slot:
    """One item's place in the output order, and its result once known."""

    __slots__ = ("done", "item", "result")

    def __init__(self, item: Any) -> None:
        self.item = item
        self.result: Any = None
        self.done = False

    def finish(self, result: Any) -> None:
        self.result, self.done = result, True


class _Worker:
    """One worker process, the items sent to it (oldest first) and when it started the oldest."""

    def __init__(
        self, context: BaseContext, work: Work, prepare: Callable[..., None] | None, args: tuple
    ) -> None:
        self.tasks: Queue[Any] = context.Queue()  # a feeder thread sends: putting never blocks the parent
        self.results, sending_end = context.Pipe(duplex=False)
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(os.getpid(), work, prepare, args, self.tasks, sending_end), daemon=True
        )
        self.process.start()
        sending_end.close()
        self.queue: deque[_Slot] = deque()
        self.since = 0.0

    def wait_until_ready(self) -> None:
        try:
            self.results.recv()
        except EOFError:
            self.stop(kill=True)
            code = self.process.exitcode
            raise SitrepError(f"a worker process could not start (exit code {code})") from None

    def submit(self, slot: _Slot) -> None:
        if not self.queue:
            self.since = time.monotonic()
        self.queue.append(slot)
        self.tasks.put(slot.item)

    def receive(self) -> None:
        """Take one result from the pipe (EOFError when the worker died)."""
        result = self.results.recv()
        self.queue.popleft().finish(result)
        self.since = time.monotonic()

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            self.tasks.put(None)
        self.process.join(None if kill else _STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.tasks.cancel_join_thread()
        self.tasks.close()
        self.results.close()


class WorkerPool:
    """``workers`` processes running ``work`` (a top-level function) on items; use it as a context manager.

    ``prepare(*prepare_args)`` runs once in each worker before its first item. ``fail(item, reason)`` makes,
    in the parent, the result of an item that ran past ``budget`` seconds or whose worker died.
    """

    def __init__(
        self,
        workers: int,
        work: Work,
        fail: Fail,
        *,
        budget: float | None = None,
        prepare: Callable[..., None] | None = None,
        prepare_args: tuple = (),
        start_method: str = "fork",
    ) -> None:
        self.budget = budget
        self._size = workers
        self._work, self._fail = work, fail
        self._prepare, self._prepare_args = prepare, prepare_args
        self._context = get_context(start_method)
        self._workers: list[_Worker] = []

    def __enter__(self) -> Self:
        self._workers = [self._start() for _ in range(self._size)]
        try:
            for worker in self._workers:
                worker.wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            worker.stop(kill=bool(worker.queue) or any(exc))
        self._workers = []

    def map(self, items: Iterable[Any], needs_work: Callable[[Any], bool]) -> Iterator[tuple[Any, Any]]:
        """``(item, result)`` in input order; an item ``needs_work`` refuses passes with result None."""
        if not self._workers:
            raise RuntimeError("WorkerPool is used outside its `with` block")
        slots: deque[_Slot] = deque()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(slots) < self._size * ITEMS_PER_WORKER:
                item = next(source, _END)
                if item is _END:
                    exhausted = True
                    break
                slots.append(self._place(item, needs_work(item)))
            while slots and slots[0].done:
                slot = slots.popleft()
                yield slot.item, slot.result
            if exhausted and not slots:
                return
            if slots and not slots[0].done:
                self._wait()

    def _place(self, item: Any, needs_work: bool) -> _Slot:
        slot = _Slot(item)
        if not needs_work:
            slot.finish(None)
            return slot
        worker = min(self._workers, key=lambda worker: len(worker.queue))
        if not worker.queue and not worker.process.is_alive():  # died idle: no item of its own to blame
            worker = self._respawn(worker)
        worker.submit(slot)
        return slot

    def _wait(self) -> None:
        """Block until a worker sends a result, dies, or runs past its budget; deal with each that did."""
        busy = [worker for worker in self._workers if worker.queue]
        timeout = None
        if self.budget is not None:
            timeout = max(0.0, min(worker.since for worker in busy) + self.budget - time.monotonic())
        ready = set(connection.wait([w.results for w in busy] + [w.process.sentinel for w in busy], timeout))
        for worker in busy:
            try:
                while worker.queue and worker.results.poll():
                    worker.receive()
            except (EOFError, OSError):
                self._replace(worker, f"its worker process died ({_exit_cause(worker)})")
                continue
            if worker.queue and worker.process.sentinel in ready:
                self._replace(worker, f"its worker process died ({_exit_cause(worker)})")
            elif worker.queue and self._overdue(worker):
                self._replace(worker, f"extraction took longer than the budget of {self.budget:g} s")

    def _overdue(self, worker: _Worker) -> bool:
        return self.budget is not None and time.monotonic() - worker.since >= self.budget

    def _replace(self, worker: _Worker, reason: str) -> None:
        """Fail the worker's current item, kill it, and hand the items queued behind it to a new worker."""
        current, *queued = worker.queue
        worker.queue.clear()
        current.finish(self._fail(current.item, reason))
        replacement = self._respawn(worker)
        for slot in queued:
            replacement.submit(slot)

    def _respawn(self, worker: _Worker) -> _Worker:
        worker.stop(kill=True)
        replacement = self._start()
        replacement.wait_until_ready()
        self._workers[self._workers.index(worker)] = replacement
        return replacement

    def _start(self) -> _Worker:
        return _Worker(self._context, self._work, self._prepare, self._prepare_args)


_END = object()


def _exit_cause(worker: _Worker) -> str:
    worker.process.join(1.0)
    code = worker.process.exitcode
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _serve(
    parent: int,
    work: Work,
    prepare: Callable[..., None] | None,
    args: tuple,
    tasks: Queue[Any],
    results: connection.Connection,
) -> None:
    """A worker's life: prepare, say so, then one result per item until told to stop or the parent dies.
    Ctrl-C is the parent's alone to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="exit-with-parent", daemon=True).start()
    if prepare is not None:
        prepare(*args)
    results.send(None)
    while (item := tasks.get()) is not None:
        results.send(work(item))


def _exit_with(parent: int) -> None:
    """End this worker when its parent dies, even by SIGKILL, so a killed run leaves no orphan."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
