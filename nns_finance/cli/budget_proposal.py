"""``nns-finance budget-proposal --year Y [--data DIR] [--changes FILE] [--out DIR]``.

The board's September routine: next year's budget table made from the books — ``Y-2 Utfall``
(the ledger, else the budget file), ``Y-1 Budget``, ``Y-1 Prognos helår`` (the forecast at
``closed_through`` with ``forecast.csv``), ``Y Budget`` (the fee lines from the fee model, the
other lines from this year's budget and the board's changes file) — written as
``OUT/budgetforslag-Y.csv`` and ``.xlsx`` (both read back by ``load()`` as a budget), ``.html``
and ``.pdf`` for the member meeting, and ``.json`` recording the inputs (SHA-256), the
parameters and the package version. Everything is checked and computed before anything is
written; each file is written to a temporary name and renamed into place.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..core.i18n import _

COMMAND = "budget-proposal"
HELP = "next year's budget proposal from the ledger, the forecast, the fee model and the board's changes"
ORDER = 22
STEM = "budgetforslag"
#: the inputs the proposal reads (errors elsewhere are left to ``nns-finance check``)
NEEDS = ("settings", "budget", "accounts", "members", "ledger", "phasing", "forecast", "assumptions")


def add_arguments(parser) -> None:
    from ._common import add_data_argument

    parser.add_argument("--year", type=int, metavar="Y",
                        help="the proposal year (default: the year after the budget's last Budget column)")
    add_data_argument(parser)
    parser.add_argument("--changes", type=Path, metavar="FILE",
                        help="the board's changes per budget line (TOML or YAML); without it every line "
                             "not made by the fee model is this year's budget")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where the four files and the record go (default: reports)")


def run(args) -> int:
    from ..books.budget_changes import load_budget_changes
    from ..books.load import load
    from ..core.outputs import OutputSet, provenance, safe_child, sha256_file, to_json
    from ..core.problems import UsageError
    from ..planning.budget_proposal import default_year, make_proposal
    from ..reports.budget_proposal import proposal_csv, proposal_html, proposal_pdf
    from ..workbook.budget_proposal import write_proposal_xlsx
    from ..reports.textout import render
    from ._common import print_written

    books = load(args.data, needs=NEEDS)
    if books.budget.empty:
        raise UsageError(_("{data}: no budget (budget.csv or budget.xlsx): the proposal starts from this "
                           "year's budget", data=args.data))
    if args.changes is not None and not args.changes.is_file():
        raise UsageError(_("--changes {changes}: no such file", changes=args.changes))
    year = args.year if args.year is not None else default_year(books)
    changes, warnings = load_budget_changes(args.changes, books)
    proposal = make_proposal(books, year, changes)
    for w in warnings:
        print(w, file=sys.stderr)

    params = {"year": year, "changes": str(args.changes) if args.changes else ""}
    known = {src.sha256 for src in books.sources}
    extra = [args.changes] if args.changes and sha256_file(args.changes) not in known else []
    record = provenance(books, params, made=proposal.made, extra_inputs=extra)
    stem = f"{STEM}-{year}"
    targets = {ext: safe_child(args.out, f"{stem}.{ext}") for ext in ("csv", "xlsx", "html", "pdf", "json")}
    texts = {"csv": proposal_csv(proposal), "html": proposal_html(proposal, record),
             "pdf": proposal_pdf(proposal, record)}
    with OutputSet() as staged:        # all five files or none: renamed into place together
        write_proposal_xlsx(proposal, staged.path(targets["xlsx"]), record)
        for ext, data in texts.items():
            staged.write(targets[ext], data)
        record["outputs"] = [{"file": targets[e].name, "sha256": sha256_file(staged.temporary(targets[e]))}
                             for e in ("csv", "xlsx", "html", "pdf")]
        staged.write(targets["json"], to_json(record))
        staged.commit()

    shown = proposal.table
    names = [("    – " if k == "subline" else "  " if k == "line" else "") + n
             for n, k in zip(shown["name"], shown["kind"])]
    frame = shown[list(proposal.columns)].copy()
    frame.loc[shown["kind"] == "section", :] = None
    frame.insert(0, proposal.title, names)
    ore = any(int(v) % 100 for c in proposal.columns for v in shown[c].dropna())
    sys.stdout.write(render(frame, "table", money=list(proposal.columns), decimals=2 if ore else 0))
    print_written(*(targets[ext] for ext in ("csv", "xlsx", "html", "pdf", "json")))
    return 0

