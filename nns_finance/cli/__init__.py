"""The ``nns-finance`` command: one subcommand per module in this package.

Each module ``nns_finance/cli/<name>.py`` defines ``COMMAND`` (its name on the command line),
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``; :func:`main` finds them,
so adding a command never edits this file. Every :class:`NNSFinanceError` becomes a one-line
message (or, for input problems, one line per problem) and a non-zero exit — never a traceback.

The command speaks the treasurer's language (:mod:`nns_finance.core.i18n`): its messages are
marked with ``_()``; the commands' help texts (``HELP``, ``DESCRIPTION``, each option's
``help``) and argparse's own words (``usage:``, ``the following arguments are required``) go
through the same catalog when the parser is built, so ``--help`` and usage errors are Swedish
too. Every help text has its translation (``tests/test_i18n.py`` walks the parser).
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from ..core.version import __version__
from ..core.problems import InputError, NNSFinanceError, summary_line
from ..core.i18n import _


def _commands():
    mods = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "COMMAND"):
            mods.append(mod)
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 50))


def _argparse_speaks_our_language() -> None:
    """argparse marks its own messages for gettext (``usage: ``, ``the following arguments are
    required: %s``) and looks them up through its module's ``_``/``ngettext`` when it needs
    them: point those at the package's catalog (a message it does not have stays English)."""
    argparse._ = lambda message: _(message)
    argparse.ngettext = lambda singular, plural, n: _(singular) if n == 1 else _(plural)


def _translated_help(parser: argparse.ArgumentParser) -> None:
    """Each option's help text of ``parser`` in the current language (``-h``'s argparse has
    translated already)."""
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS and not isinstance(action, argparse._HelpAction):
            action.help = _(action.help)


def build_parser() -> argparse.ArgumentParser:
    _argparse_speaks_our_language()
    parser = argparse.ArgumentParser(
        prog="nns-finance",
        description=_("An association's finances: check the data folder, the monthly report, fee "
                      "scenarios, the auditors' workbook."))
    parser.add_argument("--version", action="version", version=f"nns-finance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for mod in _commands():
        p = sub.add_parser(mod.COMMAND, help=_(mod.HELP), description=_(getattr(mod, "DESCRIPTION", mod.HELP)))
        mod.add_arguments(p)
        _translated_help(p)
        p.set_defaults(_run=mod.run)
    _translated_help(parser)
    return parser


YEAR_OPTIONS = ("year", "first", "last")
from ..core.dates import FIRST_YEAR, LAST_YEAR  # noqa: E402  (one range for every date and year)


def _check_years(args: argparse.Namespace) -> None:
    """``--year 0`` or ``--last 99999`` is a usage error before anything is read or converted."""
    from ..core.problems import UsageError

    for name in YEAR_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, int) and not FIRST_YEAR <= value <= LAST_YEAR:
            raise UsageError(_("--{name} {value}: not a year between {first} and {last}",
                               name=name, value=value, first=FIRST_YEAR, last=LAST_YEAR))


def _check_out_folder(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``--out DIR`` naming an existing file is a usage error (a folder is written there)."""
    from pathlib import Path

    from ..core.problems import UsageError

    out = getattr(args, "out", None)
    if not isinstance(out, Path) or not out.exists() or out.is_dir():
        return
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = sub.choices.get(args.command)
    action = next((a for a in command._actions if a.dest == "out"), None) if command else None
    if action is not None and action.metavar == "DIR":
        raise UsageError(_("--out {out!r} is a file, not a folder: give the folder to write the files in",
                           out=str(out)))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        _check_years(args)
        _check_out_folder(parser, args)
        from ..core.outputs import private_temporaries

        with private_temporaries():     # the run's temporary files, removed however it ends
            return int(args._run(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(summary_line(exc.problems), file=sys.stderr)
        return 1
    except NNSFinanceError as exc:
        print(f"nns-finance {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("nns-finance: " + _("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: say so in one line unless debugging
        if os.environ.get("NNS_DEBUG"):
            raise
        print(f"nns-finance {args.command}: "
              + _("internal error: {kind}: {error} (set NNS_DEBUG=1 to see where)",
                  kind=exc.__class__.__name__, error=exc), file=sys.stderr)
        return 2


def console() -> None:
    """The ``nns-finance`` command: :func:`main`, then out at once. By then every output is
    written and renamed into place, the run's temporary folder removed and the kernel shut
    down; what is left is taking a million rows' objects apart one by one at interpreter exit
    (a fifth of a second), so the streams are flushed and the process ends without it."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (``| head``): nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
