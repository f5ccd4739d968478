"""Using the machine's second core: half the work in a forked copy of the build.

A forked child has the whole build in memory already (pages, templates, words), so nothing needs
setting up again; it sends back its results, or its error, through a pipe. What the child logs
is replayed by the parent, so `--strict` counts the child's warnings too. On Linux a child
dies with its parent (the kernel kills it), so a killed build leaves no worker writing into a
folder the next build is cleaning up.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

import mkdocs
from mkdocs.exceptions import PluginError

_PR_SET_PDEATHSIG = 1
Item = TypeVar("Item")
Result = TypeVar("Result")


class _Capture(logging.Filter):
    """In the child: keep each record to send to the parent instead of printing it."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []
        self.seen: set[int] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if id(record) not in self.seen:
            self.seen.add(id(record))
            self.records.append((record.name, record.levelno, record.getMessage()))
        return False


def can_fork() -> bool:
    """Fork only while this is the process's one thread (not under `mkdocs serve`)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Background:
    """work(item) for each item, computed by a forked child while this process goes on.

    Where forking is not safe, the work is done at once, here.
    """

    def __init__(self, work: Callable[[Item], Result], items: Sequence[Item]) -> None:
        self._pid = 0
        self._results: list[Result] = []
        if not items or not can_fork():
            self._results = [work(item) for item in items]
            return
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            _die_with(parent)
            _child(work, items, read, write)
        os.close(write)
        self._pid, self._read = pid, read

    def results(self) -> list[Result]:
        """The child's results, once it has finished; its log is replayed here."""
        if not self._pid:
            return self._results
        with os.fdopen(self._read, "rb") as pipe:
            try:
                ok, results, records = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                ok, results, records = False, "A build worker stopped unexpectedly.", []
        os.waitpid(self._pid, 0)
        self._pid = 0
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        if not ok:
            raise PluginError(results)
        self._results = results
        return results

    def cancel(self) -> None:
        """Stops the child when the build has failed and will not ask for its results."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = 0


def map_forked(
    work: Callable[[Item], Result], items: Sequence[Item], workers: int
) -> list[Result]:
    """work(item) for each item, in order; the second half in a forked child when safe."""
    if workers < 2 or len(items) < 2 or not can_fork():
        return [work(item) for item in items]
    half = (len(items) + 1) // 2
    theirs = Background(work, items[half:])
    try:
        mine = [work(item) for item in items[:half]]
    except BaseException:
        theirs.cancel()
        raise
    return mine + theirs.results()


def _die_with(parent: int) -> None:
    """In the child: be killed when the parent dies (Linux), and stop if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _child(work: Callable, items: Sequence, read: int, write: int) -> None:
    os.close(read)
    capture = _Capture()
    # The generator's own logger: `mkdocs`, or `properdocs` under ProperDocs
    for logger in (logging.getLogger(), logging.getLogger(mkdocs.__name__)):
        for handler in logger.handlers:
            handler.addFilter(capture)
    try:
        payload = (True, [work(item) for item in items], capture.records)
    except BaseException as error:  # every failure must reach the parent, which reports it
        message = str(error) if isinstance(error, PluginError) else traceback.format_exc()
        payload = (False, message, capture.records)
    try:
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(payload, pipe)
    finally:
        os._exit(0)
