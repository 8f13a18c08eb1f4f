"""Freed memory is kept for the next column of a big ledger: glibc's malloc serves blocks up
to 1 GB from its heap and Arrow allocates through it (core/allocator.py)."""
from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pyarrow as pa


def test_tune_puts_arrow_on_the_system_allocator_and_sets_glibc_once():
    code = ("import pyarrow as pa\n"
            "from nns_finance.core.allocator import tune\n"
            "first = tune()\n"
            "print(pa.default_memory_pool().backend_name, first, tune() is first)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    glibc = sys.platform.startswith("linux") and "musl" not in (ctypes.util.find_library("c") or "")
    assert out == ["system", str(glibc), "True"]


def test_load_tunes_the_process(example_dir):
    from nns_finance import load

    load(example_dir)
    assert pa.default_memory_pool().backend_name == "system"
