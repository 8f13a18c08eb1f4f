"""Memory for columns of millions of rows: freed blocks are kept for the next column.

glibc's malloc maps every block over 128 kB from the kernel with ``mmap`` and unmaps it when it
is freed, so each new numpy or Arrow column of a big ledger is paged in again, page by page,
and zeroed by the kernel: on a million-voucher file that was a third of ``balance``'s time,
all of it system time. :func:`tune` asks glibc (``mallopt``) to serve blocks up to 1 GB from
its heap and not to hand the top of the heap back before 1 GB is free, and lets Arrow allocate
through the same malloc (``pyarrow.set_memory_pool``) instead of its own jemalloc pool, which
gives pages back to the kernel within a second. Peak memory does not grow: the blocks are
reused, not added to.

Called once per process, when an input of 32 MB or more is read
(:func:`nns_finance.books.files.read_input`): small books are quicker with the defaults. Where
the C library is not glibc only Arrow's pool changes.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
KEEP = 1 << 30     # blocks up to this size come from the heap; this much free heap is kept


@functools.cache
def _glibc():
    """The C library if it is glibc (it has ``mallopt`` and ``malloc_trim``), else None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes, libc.mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = (ctypes.c_size_t,), ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None
    return libc


@functools.cache
def tune() -> bool:
    """Tune this process's allocators (once); True when glibc accepted the settings."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    libc = _glibc()
    if libc is None:
        return False
    return all([libc.mallopt(M_MMAP_THRESHOLD, KEEP), libc.mallopt(M_TRIM_THRESHOLD, KEEP),
                libc.mallopt(M_TOP_PAD, 1 << 28)])


def release() -> None:
    """Give the memory freed so far back to the kernel (``malloc_trim``) — once the inputs are
    read, their temporaries need not count in what the rest of the run holds (the export writes
    its workbook for a minute after). Nothing unless :func:`tune` has run."""
    if tune.cache_info().currsize and _glibc() is not None:
        _glibc().malloc_trim(0)
