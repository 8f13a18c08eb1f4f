"""``nns-finance init DIR``: a new data folder with empty templates and ``LÄSMIG.txt``.

Writes every data-folder file with its header row only (see
:mod:`nns_finance.books.templates`), ``settings.toml`` with every key explained in Swedish,
and ``LÄSMIG.txt``. Refuses, writing nothing, when any of those files already exists. CSV
templates are written UTF-8 with a byte-order mark, so Swedish Excel opens them with å, ä, ö.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..books.templates import folder_templates
from ..core.outputs import atomic_write, made_time
from ..core.problems import OutputError, UsageError
from ..core.i18n import _

COMMAND = "init"
HELP = "write an empty data folder: templates with headers and LÄSMIG.txt (explanations in Swedish)"
ORDER = 5


def add_arguments(parser) -> None:
    parser.add_argument("data", type=Path, metavar="DIR", help="the folder to create (or an empty one)")
    parser.add_argument("--name", default="", metavar="NAME",
                        help="the association's name, written into settings.toml and LÄSMIG.txt")


def run(args) -> int:
    folder = Path(args.data)
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("{folder}: exists and is not a folder", folder=folder))
    files = folder_templates(made_time().year, str(folder), args.name)
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        raise UsageError(_("{folder}: refusing to overwrite {files} (nothing was written)",
                           folder=folder, files=", ".join(sorted(existing))))
    written: list[Path] = []
    try:
        for name, content in files.items():
            path = folder / name
            encoding = "utf-8-sig" if path.suffix.lower() == ".csv" else "utf-8"
            written.append(atomic_write(path, content,
                                        encoding=encoding))
    except OutputError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    for name in files:
        print(folder / name)
    print(_("Fill in {settings} (at least the name), then run: nns-finance check {folder}",
            settings=folder / "settings.toml", folder=folder),
          file=sys.stderr)
    return 0
