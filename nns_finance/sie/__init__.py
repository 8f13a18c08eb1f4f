"""SIE 4: read what every Swedish bookkeeping program exports, write ledgers and budgets back.

- :func:`read_sie` reads a SIE file of type 1, 2, 3, 4E or 4I into a :class:`SieFile` of frames
  (see :mod:`.model`), with every problem collected (file:line) and the file's own identities
  checked;
- :func:`write_sie` writes a ledger and its balances as SIE 4E (CP437, optional #KSUMMA);
  :func:`render_budget_sie` a budget as #PBUDGET rows.

SIE.md (the team's condensed spec) explains the format and the quirks of real files.
"""
from .model import Company, SieFile
from .reader import parse_sie, read_sie
from .writer import render_budget_sie, render_sie, write_sie

__all__ = ["Company", "SieFile", "parse_sie", "read_sie", "render_budget_sie",
           "render_sie", "write_sie"]
