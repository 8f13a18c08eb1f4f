"""Figures computed once per loaded Books: a concept asked for twice in one run (the review the
monthly report shows and the workbook's Kontroller sheet lists) is computed the first time and
handed out again after.

Only for results that cannot be changed (tuples, numbers, frozen records): a cached frame
could be changed by one caller under another's feet. The cache lives as long as the Books
object: a changed Books (``dataclasses.replace``) is a new object and computes afresh.
"""
from __future__ import annotations

import functools
import weakref

_CACHES: dict[int, dict] = {}


def per_books(fn):
    """Cache ``fn(books, *args)`` (hashable args) for as long as ``books`` lives."""
    @functools.wraps(fn)
    def wrapper(books, *args):
        key = id(books)
        cache = _CACHES.get(key)
        if cache is None:
            try:
                weakref.finalize(books, _CACHES.pop, key, None)
            except TypeError:   # an object without weak references: not cached
                return fn(books, *args)
            cache = _CACHES[key] = {}
        name = (fn.__module__, fn.__qualname__, args)
        if name not in cache:
            cache[name] = fn(books, *args)
        return cache[name]
    return wrapper
