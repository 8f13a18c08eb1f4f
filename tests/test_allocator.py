"""Freed memory is kept for the next column of a big ledger: glibc's malloc serves blocks up
to 1 GB from its heap and Arrow allocates through it (core/allocator.py)."""
from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest


def test_tune_puts_arrow_on_the_system_allocator_and_sets_glibc_once():
    code = ("import pyarrow as pa\n"
            "from nns_finance.core.allocator import tune\n"
            "first = tune()\n"
            "print(pa.default_memory_pool().backend_name, first, tune() is first)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    glibc = sys.platform.startswith("linux") and "musl" not in (ctypes.util.find_library("c") or "")
    assert out == ["system", str(glibc), "True"]


def test_a_big_input_tunes_the_process_and_small_books_do_not(tmp_path):
    big, small = tmp_path / "big.se", tmp_path / "small.se"
    big.write_bytes(b"#FLAGGA 0\n" * (4 * 1024 * 1024))     # 40 MB
    small.write_bytes(b"#FLAGGA 0\n")
    code = ("import sys, pyarrow as pa\n"
            "from nns_finance.books.files import read_input\n"
            "from nns_finance.core.problems import Problems\n"
            "read_input(sys.argv[1], Problems(), 'small', 'ledger')\n"
            "before = pa.default_memory_pool().backend_name\n"
            "read_input(sys.argv[2], Problems(), 'big', 'ledger')\n"
            "print(before, pa.default_memory_pool().backend_name)\n")
    out = subprocess.run([sys.executable, "-c", code, str(small), str(big)], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0] != "system" and out[1] == "system"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim and /proc: Linux only")
def test_release_gives_freed_memory_back():
    code = ("import numpy as np\n"
            "from nns_finance.core.allocator import release, tune\n"
            "def rss():\n"
            "    return int(open('/proc/self/statm').read().split()[1]) * 4096 // 2**20\n"
            "tune()\n"
            "a = np.ones(300 * 2**20 // 8)\n"
            "del a\n"
            "kept = rss()\n"
            "release()\n"
            "print(kept, rss())\n")
    kept, after = map(int, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                          check=True).stdout.split())
    assert kept - after > 250   # MB: the freed array was kept for the next column, then given back
