"""nns-finance: the finances of NNS (Nationella nätverket för samordningsförbund).

Public names: :func:`load` reads a data folder into :class:`Books`; :class:`Problem` is one
thing wrong in an input; :class:`InputError` carries every problem of a failed load.
"""
from .books.load import load
from .core.books import Books
from .core.problems import InputError, Problem
from .core.version import __version__

__all__ = ["Books", "InputError", "Problem", "load", "__version__"]
