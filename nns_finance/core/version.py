"""The package's version, as installed (every output records it)."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("nns-finance")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"
