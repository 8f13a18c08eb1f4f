"""Progress on stderr for long work: what is being done, and a bar over the rows of big ledgers.

Shown only when stderr is a terminal (a pipe, a file, a test or a notebook gets nothing) and
only once the work has taken more than a second, so quick commands stay silent. Messages are
Swedish, for the treasurer at the terminal; the output itself (stdout, files) never changes.

    with progress.step("Läser ledger/2025.se"):
        ...
    with progress.rows(len(frame), "Skriver Huvudbok") as bar:
        bar.update(50_000)
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Iterator

DELAY = 1.0          # seconds of work before anything is shown
BIG = 200_000        # rows: a bar is worth showing


def enabled() -> bool:
    """Whether to show progress: stderr is a terminal and ``NNS_QUIET`` is not set."""
    if os.environ.get("NNS_QUIET"):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _Quiet:
    def update(self, n: int = 1) -> None:
        pass

    def set_description(self, text: str) -> None:
        pass


@contextlib.contextmanager
def rows(total: int, what: str) -> Iterator:
    """A bar over ``total`` rows (``bar.update(n)`` after each n rows); nothing for small work."""
    if total < BIG or not enabled():
        yield _Quiet()
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=what, unit=" rader", unit_scale=True, file=sys.stderr, delay=DELAY,
              leave=False, dynamic_ncols=True) as bar:
        yield bar


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """Say on stderr what is being done (``what …``) if it is still going on after a second."""
    if not enabled():
        yield
        return
    lock = threading.Lock()
    done = False

    def show() -> None:
        with lock:
            if not done:
                sys.stderr.write(f"{what} …\n")
                sys.stderr.flush()

    timer = threading.Timer(DELAY, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
        timer.cancel()
