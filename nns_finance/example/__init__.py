"""The synthetic example data folder (``data/example``) and the generators that make it.

Each generator module here exposes ``write(folder: Path) -> list[Path]`` and writes its files
deterministically (same bytes every run):

- :mod:`.ledger` — the 2025 ledger and its opening balances (``ledger/2025.se``);
- :mod:`.ledger_2026` — the 2026 ledger through November (``ledger/2026.se``);
- :mod:`.members` — the member register with synthetic fee bases;
- :mod:`.deposits` — the term-deposit register and projection inputs.

:func:`generate` runs every generator that exists; ``python -m nns_finance.example DIR`` (or
``make example``) calls it. The hand-written files (``settings.toml``, ``budget.csv``,
``accounts.csv``) are not generated.
"""
from __future__ import annotations

import importlib
from pathlib import Path

GENERATORS = ("ledger", "ledger_2026", "members", "deposits")


def generators() -> dict[str, object]:
    """The generator modules present in this package, by name (missing ones are skipped)."""
    found = {}
    for name in GENERATORS:
        try:
            found[name] = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    return found


def generate(folder: Path) -> list[Path]:
    """Write every generated example file into ``folder``; the paths written, in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for module in generators().values():
        written.extend(module.write(folder))
    return written
