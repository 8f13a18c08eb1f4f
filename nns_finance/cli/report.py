"""``nns-finance report``: the treasurer's monthly report for the board into ``reports/YYYY-MM/``.

Writes ``report-YYYY-MM.ipynb`` (the executed notebook), ``report-YYYY-MM.html`` (no code),
``report-YYYY-MM.pdf`` (the board pack) and ``report-YYYY-MM.json`` (inputs with SHA-256,
parameters, package version, the files written, and the key figures in öre as integers:
result, budget, variance, forecast, equity, cash, deposits, balance-sheet totals). The period and the data are checked before
anything is written; a notebook that fails leaves only the executed notebook, with the failing
cell marked, at the final paths (earlier outputs of the same name are removed).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core.i18n import _
from ._common import add_data_argument

COMMAND = "report"
HELP = "the monthly report (notebook, HTML, PDF) for the board, for one closed month"
DESCRIPTION = ("Make the treasurer's monthly report for a month: outcome to date against the "
               "phased budget, full-year forecast, equity, liquidity and data quality, as an "
               "executed notebook, an HTML page without code, a PDF and a JSON record of the "
               "inputs (SHA-256), parameters and package version, in OUT/YYYY-MM/.")
ORDER = 20
NOTEBOOK = "monthly_report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", nargs="?", const="", default=None, metavar="YYYY-MM",
                        help="the report month (default: settings.toml closed_through, else the "
                             "last month with vouchers)")
    add_data_argument(parser)
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where the YYYY-MM/ folder of the report goes (default: reports)")
    parser.add_argument("--lang", choices=("sv", "en"), default=None,
                        help="report language (default: settings.toml's language, else sv)")


def output_names(stem: str) -> dict[str, str]:
    """kind → file name of every output a report run writes (the notebook is written first)."""
    return {"notebook": f"{stem}.ipynb", "html": f"{stem}.html", "pdf": f"{stem}.pdf",
            "record": f"{stem}.json",
            "workbook": f"revisorsunderlag-{stem.removeprefix('report-')}.xlsx"}  # helper H: the auditors' workbook


def run(args: argparse.Namespace) -> int:
    from ..core.problems import UsageError
    from ..reports.notebooks import NotebookLater

    if args.period == "":
        raise UsageError(_("--period needs a month, e.g. --period 2025-09"))
    # the notebook's kernel starts now and boots on the other core while the data is read here
    notebook = NotebookLater(NOTEBOOK)
    try:
        return _make(args, notebook)
    finally:
        notebook.cancel()  # nothing if the notebook already ran


def _make(args: argparse.Namespace, notebook) -> int:
    from ..books.load import load
    from ..core.outputs import OutputSet, made_text, made_time, provenance, safe_child, sha256_file, to_json
    from ..core.problems import REPORT_INPUT, UsageError
    from ..reports.monthly import build_report, resolve_period
    from ..reports.pdf import report_pdf
    from ..reports.notebooks import page_title

    from ..core import progress

    with progress.step(_("Reading {folder}", folder=args.data)):
        books = load(args.data)
    missing = [p for p in books.problems if p.rule == REPORT_INPUT and p.file != "settings.toml"]
    if missing:    # no budget, chart of accounts or ledger: the one line `check` gives too
        raise UsageError(f"{missing[0].location}: {missing[0].message}")
    period = resolve_period(books, args.period)
    lang = args.lang or books.settings.language or "sv"
    made = made_time()
    out_dir = safe_child(args.out, period.text)
    stem = f"report-{period.text}"
    names = output_names(stem)
    # every figure is computed before anything is written: bad data stops the run here
    with progress.step(_("Computing the report's figures")):
        report = build_report(books, period, lang, made=made)
    parameters = {"data": str(Path(books.folder).resolve()), "period": period.text, "lang": lang,
                  "made": made_text(made)}
    # the notebook runs in its own kernel; the PDF and the auditors' workbook are made here
    # meanwhile (two cores), and removed again if the notebook fails
    # every file goes to a temporary name first and all are renamed into place together, so
    # the record always describes the files beside it (a failed or killed run changes nothing)
    staged = OutputSet()
    what = f"{'Monthly report' if lang == 'en' else 'Månadsrapport'} {period.text}"
    # the kernel is handed the Books and figures just computed instead of reading them again
    notebook.run(parameters, out_dir, stem, staged=staged, lang=lang, handover=(books, report),
                 title=page_title(what, books.settings.organisation))
    try:
        with progress.step(_("Making the PDF and the auditors' workbook (the notebook runs meanwhile)")):
            pdf = report_pdf(report)
            # --- the auditors' workbook (helper H, issue 8): the same period, beside the report ---
            from ..workbook import Scope, export_workbook
            export_workbook(books, Scope(period.year, period.month, whole_year=False),
                            staged.path(out_dir / names["workbook"]), made=made,
                            parameters={"data": parameters["data"]})
            # --- end of the auditors' workbook ---
            staged.write(out_dir / names["pdf"], pdf)
    except BaseException as exc:
        failure = exc
        notebook.wait()
    else:
        with progress.step(_("Running the notebook and making the HTML")):
            failure = notebook.wait()
    if failure is not None:  # leave only the executed notebook (marked where it failed)
        staged.discard()
        for kind in ("html", "pdf", "record", "workbook"):  # "workbook": helper H
            (out_dir / names[kind]).unlink(missing_ok=True)
        raise failure
    with staged:
        order = [out_dir / names[k] for k in ("notebook", "html", "pdf", "workbook")]
        record = provenance(books, parameters, made=made)
        record["notebook"] = f"notebooks/{NOTEBOOK}.ipynb"
        record["key_figures"] = report.record_figures()
        record["outputs"] = [{"file": f.name, "sha256": sha256_file(staged.temporary(f))}
                             for f in order if staged.temporary(f) is not None]
        staged.write(out_dir / names["record"], to_json(record))
        written = staged.commit()
    for path in sorted(written, key=lambda p: (out_dir / names["record"] == p, order.index(p) if p in order else 0)):
        print(path)
    return 0
