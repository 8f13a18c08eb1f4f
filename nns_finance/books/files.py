"""Opening input files: the one place that reads the bytes of an input file.

Only regular files are read: a named pipe (FIFO) would wait forever and a device such as
``/dev/zero`` would fill the memory. A symbolic link is followed when it points to a file inside
the data folder (while :func:`within_data_folder` is in effect, i.e. during ``load()``), never
when it leaves it. A link loop is an error, not a crash. Each kind of file has a size limit
(:data:`LIMITS`, stated in the README): a bigger file is refused with its size, unread.
"""
from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
from pathlib import Path

from ..core.allocator import tune
from ..core.problems import Problems
from ..core.i18n import _, os_error_text

MB = 1024 * 1024
BIG_INPUT = 32 * MB   # an input this big makes columns of a million rows: tune the allocators (core/allocator.py)
#: the largest file of each kind that is read (bytes)
LIMITS = {
    "text": 1 * MB,        # settings.toml, assumptions.toml, scenario and budget-change files
    "table": 50 * MB,      # budget, accounts, members, deposits, phasing, forecast, commitments
    "ledger": 512 * MB,    # ledger/*.csv, *.xlsx, *.se: about ten million voucher rows
}
WHAT = {"text": "settings or scenario file", "table": "table", "ledger": "ledger file"}   # shown through _()

_FOLDER: contextvars.ContextVar[tuple[Path, Path] | None] = contextvars.ContextVar("data_folder", default=None)


@contextlib.contextmanager
def within_data_folder(folder: Path):
    """While in effect, a symbolic link in ``folder`` must point to a file inside it."""
    token = _FOLDER.set((Path(os.path.abspath(folder)), Path(folder).resolve()))
    try:
        yield
    finally:
        _FOLDER.reset(token)


def _kind_of(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("is a folder, expected a file")
    if stat.S_ISFIFO(mode):
        return _("is a named pipe (FIFO), not a file: only ordinary files are read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device, not a file: only ordinary files are read")
    if stat.S_ISSOCK(mode):
        return _("is a socket, not a file: only ordinary files are read")
    return _("is not an ordinary file")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def read_input(path: Path, problems: Problems, name: str, kind: str = "table") -> bytes | None:
    """The bytes of the input file at ``path``, or None with the reason recorded under ``name``."""
    path = Path(path)
    limit = LIMITS[kind]
    try:
        real = path.resolve(strict=True)
    except RuntimeError:                    # older Pythons: a symlink loop
        problems.error(name, None, _("a symbolic link that leads back to itself (a link loop)"))
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.error(name, None, _("a symbolic link that leads back to itself (a link loop)"))
        else:
            problems.error(name, None, _("cannot read file: {error}", error=os_error_text(exc)))
        return None
    folder = _FOLDER.get()
    if folder is not None:
        raw, resolved = folder
        if _inside(Path(os.path.abspath(path)), raw) and not _inside(real, resolved):
            problems.error(name, None, _("a link to a file outside the data folder ({name}): only files "
                                         "in the data folder are read; copy the file into it", name=real.name))
            return None
    try:
        info = os.stat(real)
    except OSError as exc:
        problems.error(name, None, _("cannot read file: {error}", error=os_error_text(exc)))
        return None
    odd = _kind_of(info.st_mode)
    if odd:
        problems.error(name, None, odd)
        return None
    if info.st_size > limit:
        problems.error(name, None, _("file is {size} MB; a {what} is read up to {limit} MB",
                                     size=f"{info.st_size / MB:.0f}", what=_(WHAT[kind]), limit=limit // MB))
        return None
    if info.st_size >= BIG_INPUT:   # columns of millions of rows ahead: keep freed memory for the next
        tune()
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):     # swapped since the check
                problems.error(name, None, _("is not an ordinary file"))
                return None
            data = f.read(limit + 1)
    except OSError as exc:
        problems.error(name, None, _("cannot read file: {error}", error=os_error_text(exc)))
        return None
    if len(data) > limit:
        problems.error(name, None, _("file is larger than {limit} MB; a {what} is read up to {limit} MB",
                                     what=_(WHAT[kind]), limit=limit // MB))
        return None
    return data
