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
def tune() -> bool:
    """Tune this process's allocators (once); True when glibc accepted the settings."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return all([mallopt(M_MMAP_THRESHOLD, KEEP), mallopt(M_TRIM_THRESHOLD, KEEP), mallopt(M_TOP_PAD, 1 << 28)])
