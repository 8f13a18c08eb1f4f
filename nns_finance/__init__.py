"""nns-finance: the finances of NNS (Nationella nätverket för samordningsförbund).

Public names: :func:`load` reads a data folder into :class:`Books`; :class:`Problem` is one
thing wrong in an input; :class:`InputError` carries every problem of a failed load.
"""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("nns-finance")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

from .books.load import Books, load  # noqa: E402
from .core.problems import InputError, Problem  # noqa: E402

__all__ = ["Books", "InputError", "Problem", "load", "__version__"]
