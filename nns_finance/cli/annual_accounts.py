"""``nns-finance annual-accounts --year Y [--data DIR] [--out DIR]``: the simplified annual
accounts (förenklat årsbokslut, BFNAR 2010:1 appendix 2) of a year, from the books.

Writes ``OUT/<year>/arsbokslut-<year>.pdf`` (for signing), ``.html`` (the same, one file that
opens anywhere), ``.xlsx`` (the statements as formulas on the trial balance) and ``.json`` (the
record: inputs with SHA-256, parameters, version, the files written). Everything is computed
before anything is written. Refused, in one line each: a data folder with errors, a year the
ledger has no vouchers for, an account with a balance or movement and no item (naming it, at
its row of the chart of accounts). The year-end checklist is part of the output; its findings
are printed as warnings. A failed check (assets ≠ equity and liabilities, …) is printed and
gives exit status 1; the files are written all the same, with FEL where it fails.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.i18n import _
from ._common import add_data_argument

COMMAND = "annual-accounts"
HELP = "the simplified annual accounts (förenklat årsbokslut) of a year: PDF, HTML and Excel"
DESCRIPTION = ("Write the year's income statement and balance sheet in the form of BFNAR 2010:1 "
               "appendix 2, with last year beside them, the notes, the board's signature lines, the "
               "checks and the year-end checklist.")
ORDER = 65
STEM = "arsbokslut"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, default=None, metavar="YYYY",
                        help="the fiscal year (default: settings.toml's fiscal_year)")
    add_data_argument(parser)
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where the <year>/ folder goes (default: reports)")


def run(args: argparse.Namespace) -> int:
    from ..books.load import load
    from ..core.version import __version__
    from ..accounting.annual_accounts import annual_accounts
    from ..books.load import sha256_file
    from ..core.outputs import OutputSet, made_time, provenance, safe_child, to_json
    from ..core.problems import InputError
    from ..reports.annual_accounts import annual_accounts_html
    from ..reports.annual_accounts_pdf import annual_accounts_pdf
    from ..treasury.year_end import checklist_problems, year_end_checklist
    from ..workbook import Scope
    from ..reports.annual_accounts_xlsx import write_annual_accounts_xlsx
    from .export import refuse_without_vouchers

    # what the annual accounts use; problems in the other inputs (scenarios, phasing …) do not stop them
    books = load(args.data, needs=("settings", "budget", "accounts", "deposits", "ledger"))
    year = int(args.year if args.year is not None else books.settings.fiscal_year)
    refuse_without_vouchers(books, Scope(year))
    aa = annual_accounts(books, year)
    if any(p.is_error for p in aa.problems):
        raise InputError(aa.problems)
    checklist = year_end_checklist(books, year)
    made = made_time()
    sources = [(s.name, s.sha256) for s in books.sources]
    page = annual_accounts_html(aa, checklist, made, sources, __version__)
    pdf = annual_accounts_pdf(aa, checklist, made, sources, __version__)
    out_dir = safe_child(args.out, str(year))
    stem = f"{STEM}-{year}"
    finals = [out_dir / f"{stem}.{ext}" for ext in ("pdf", "html", "xlsx", "json")]
    with OutputSet() as staged:        # all four files or none: renamed into place together
        staged.write(finals[0], pdf)
        staged.write(finals[1], page)
        write_annual_accounts_xlsx(aa, books, staged.path(finals[2]), made, checklist=checklist)
        record = provenance(books, {"data": str(Path(books.folder).resolve()), "year": year}, made=made)
        record["result"] = {"arets_over_underskott_ore": aa.result,
                            "checks": {c.name: "OK" if c.ok else "FEL" for c in aa.checks}}
        record["outputs"] = [{"file": p.name, "sha256": sha256_file(staged.temporary(p))} for p in finals[:3]]
        staged.write(finals[3], to_json(record))
        written = staged.commit()
    for problem in checklist_problems(checklist):
        print(problem, file=sys.stderr)
    for path in written:
        print(path)
    failed = [c for c in aa.checks if not c.ok]
    for check in failed:   # written all the same, FEL marked, so the treasurer can see where
        print("nns-finance annual-accounts: " + _("check failed: {name}: {left} ≠ {right}", name=check.name,
                                                  left=check.left, right=check.right), file=sys.stderr)
    return 1 if failed else 0
