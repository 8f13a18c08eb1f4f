"""``python -m nns_finance`` is the ``nns-finance`` command."""
import sys

from .cli import main

sys.exit(main())
