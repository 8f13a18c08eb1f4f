"""The auditors' Excel workbook (revisorsunderlag): one module per sheet, written with XlsxWriter.

:func:`export_workbook` ``(books, scope, out)`` writes it; :func:`scope_for` turns ``--year`` /
``--period`` into a :class:`Scope`; :func:`default_path` names the file
(``reports/2025/revisorsunderlag-2025.xlsx``).

Modules: :mod:`nns_finance.reports.xlsx` (cells, formats, the streaming workbook), :mod:`.build` (gather the
figures, write the sheets, move into place), :mod:`.reconcile` (the checks), and one module per
sheet — :mod:`.info`, :mod:`.controls` (Kontroller), :mod:`.income_statement`
(Resultaträkning), :mod:`.trial_balance` (Saldobalans), :mod:`.balance_sheet` (Balansräkning),
:mod:`.general_ledger` (Huvudbok, with :mod:`.fast_rows`), :mod:`.voucher_list` (Verifikationslista),
:mod:`.fees` (Avgifter), :mod:`.deposits` (Placeringar), :mod:`.equity` (Eget kapital).
"""
from .build import default_path, export_workbook, gather
from .scope import Scope, scope_for

__all__ = ["Scope", "default_path", "export_workbook", "gather", "scope_for"]
