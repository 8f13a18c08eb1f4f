"""``python -m nns_finance.example DIR``: regenerate every generated file of the example data."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nns_finance.example",
        description="Regenerate the synthetic example data (ledger, member register, deposits) "
                    "into DIR; the same bytes every run.")
    parser.add_argument("folder", nargs="?", default="data/example", type=Path, metavar="DIR",
                        help="the example data folder (default: data/example)")
    args = parser.parse_args(argv)
    for path in generate(args.folder):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
