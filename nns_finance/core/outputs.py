"""Writing outputs safely: atomic files, paths that stay under the output folder, the "made"
time, and the provenance record every report and workbook carries.

- :func:`atomic_write` writes to a temporary name in the same folder and renames it into place,
  so a run killed at any point leaves either the previous complete file or none.
- :func:`safe_child` refuses names like ``../../x``: output goes only under the chosen folder.
- :func:`made_time` is now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds), in the
  treasurer's local time (Europe/Stockholm); :func:`made_text` is the one way every output
  writes it: ``2025-10-09 10:53:20+02:00`` (ISO 8601, local time with its offset).
- :func:`provenance` names the inputs (with SHA-256), the parameters and the package version.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .i18n import _, os_error_text
from .problems import OutputError

#: the most characters a workbook cell holds (Excel's limit; LibreOffice's too): a longer input
#: text is refused where it is read, since no workbook could show it whole
CELL_TEXT_LIMIT = 32_767


def too_long_for_a_cell(n: int) -> str:
    """The message for a text no workbook cell can hold."""
    return _("text of {n} characters: a workbook cell holds at most {limit}; shorten it",
             n=f"{n:,}".replace(",", " "), limit=f"{CELL_TEXT_LIMIT:,}".replace(",", " "))

LOCAL_TIME = ZoneInfo("Europe/Stockholm")
_SAFE_NAME = re.compile(r"^[\w][\w .,+@()åäöÅÄÖ-]*$")


def made_time() -> dt.datetime:
    """When an output is made: ``SOURCE_DATE_EPOCH`` if set, else now (whole seconds), as a
    Europe/Stockholm time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=LOCAL_TIME)
        except (ValueError, OverflowError, OSError) as exc:
            raise OutputError(_("SOURCE_DATE_EPOCH={value} is not a Unix time in seconds", value=repr(epoch))) from exc
    return dt.datetime.now(tz=LOCAL_TIME).replace(microsecond=0)


def made_text(made: dt.datetime | None = None) -> str:
    """The one format of a "made" time in every output: local time with its offset,
    ``2025-10-09 10:53:20+02:00`` (a time without a zone is taken as UTC)."""
    made = made or made_time()
    if made.tzinfo is None:
        made = made.replace(tzinfo=dt.timezone.utc)
    return made.astimezone(LOCAL_TIME).replace(microsecond=0).isoformat(sep=" ")


def safe_child(root: Path, *parts: str) -> Path:
    """``root/part/…`` after checking each part is a plain name (no ``..``, no separators)."""
    path = Path(root)
    for part in parts:
        part = str(part)
        if not part or part in (".", "..") or "/" in part or "\\" in part or "\x00" in part \
                or not _SAFE_NAME.match(part):
            raise OutputError(_("refused output name {name}: use a plain name without '/', '..' "
                                "or leading dots", name=repr(part)))
        path = path / part
    root_resolved = Path(root).resolve()
    if root_resolved not in path.resolve().parents and path.resolve() != root_resolved:
        raise OutputError(_("refused output path {path}: it would leave {root}", path=path, root=root))
    return path


def _readable(fd_or_path) -> None:
    """mkstemp makes 0600 files; outputs get the usual permissions (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(fd_or_path, 0o666 & ~mask)


def atomic_write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode(encoding)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {error}", path=path, error=os_error_text(exc))) from exc
    try:
        _readable(tmp)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(_("cannot write {path}: {error}", path=path, error=os_error_text(exc))) from exc
        raise
    return path


def atomic_move(tmp: Path, path: Path) -> Path:
    """Move a finished temporary file (same file system) into place."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {error}", path=path, error=os_error_text(exc))) from exc
    return Path(path)


def write_with(path: Path, write) -> Path:
    """Let ``write(tmp)`` make the file at a temporary name beside ``path`` (for writers that want
    a file name, such as XlsxWriter), then move it into place. A failure leaves no temporary
    behind, and an :class:`OSError` (a full disk, a lost drive) is one line: :class:`OutputError`."""
    path = Path(path)
    tmp = temp_path_for(path)
    try:
        write(tmp)
        _readable(tmp)                   # the writer may have made the file anew, private
        return atomic_move(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(_("cannot write {path}: {error}", path=path, error=os_error_text(exc))) from exc
        raise


class OutputSet:
    """The files of one run, all or nothing: each is written to a temporary name beside its
    final path (:meth:`path`, :meth:`write`), and :meth:`commit` renames them all into place
    only when every one is finished; :meth:`discard` (or leaving a ``with`` block by an
    exception) removes the temporaries, so no run leaves a new file beside old ones."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []       # (temporary, final)
        self.made_folders: list[Path] = []                 # made for these files: gone again on discard

    def path(self, final: Path) -> Path:
        """A fresh temporary file for ``final`` (for writers that want a file name)."""
        folder = Path(final).parent
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        self.made_folders += [f for f in missing if f not in self.made_folders]
        try:
            tmp = temp_path_for(final)
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {error}", path=final, error=os_error_text(exc))) from exc
        self.pending.append((tmp, Path(final)))
        return tmp

    def adopt(self, tmp: Path, final: Path) -> None:
        """A temporary file written elsewhere that goes to ``final`` with the others."""
        self.pending.append((Path(tmp), Path(final)))

    def write(self, final: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
        tmp = self.path(final)
        try:
            with open(tmp, "wb") as f:
                f.write(data.encode(encoding) if isinstance(data, str) else data)
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {error}", path=final, error=os_error_text(exc))) from exc
        return tmp

    def temporary(self, final: Path) -> Path | None:
        return next((t for t, f in self.pending if f == Path(final)), None)

    def commit(self) -> list[Path]:
        """Every file renamed into place (same folder: each rename is atomic); the finals. If a
        rename fails, the files already renamed are put back as they were (the previous file
        kept under a second name, a hard link, until all are in place), so a failure at the
        last file still leaves the previous set or nothing, never a mix."""
        done: list[Path] = []
        kept: dict[Path, Path] = {}               # final → the previous file's second name
        final = None
        try:
            for tmp, final in self.pending:       # every file on the disk before any is renamed
                fd = os.open(tmp, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            for tmp, final in self.pending:
                if final.is_file():
                    kept[final] = _second_name(final)
                _rename(tmp, final)
                done.append(final)
        except OSError as exc:
            for put in done:                      # undo: the previous file back, or none
                with contextlib.suppress(OSError):
                    if put in kept and kept[put] is not None:
                        os.replace(kept.pop(put), put)
                    else:
                        os.unlink(put)
            self._forget(kept)
            self.discard()
            raise OutputError(_("cannot write {path}: {error}", path=final, error=os_error_text(exc))) from exc
        self._forget(kept)
        self.pending = []
        self.made_folders = []
        return done

    @staticmethod
    def _forget(kept: dict) -> None:
        for second in kept.values():
            if second is not None:
                with contextlib.suppress(OSError):
                    os.unlink(second)

    def discard(self) -> None:
        for tmp, _ in self.pending:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self.pending = []
        for folder in self.made_folders:      # deepest first: each is removed only when empty
            try:
                folder.rmdir()
            except OSError:
                pass
        self.made_folders = []

    def __enter__(self) -> "OutputSet":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.discard()


def _rename(tmp: Path, final: Path) -> None:
    """One file into place (the step :meth:`OutputSet.commit` repeats; a seam for the tests)."""
    os.replace(tmp, final)


def _second_name(path: Path) -> Path | None:
    """A hidden hard link to the file at ``path`` (kept until a set of files is in place), or
    None where the file system has no hard links."""
    for _ in range(10):
        second = path.with_name(f".{path.name}.{os.urandom(4).hex()}.old")
        try:
            os.link(path, second)
            return second
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


_TEMP_VARIABLES = ("TMPDIR", "TEMP", "TMP", "JUPYTER_RUNTIME_DIR")


@contextlib.contextmanager
def private_temporaries():
    """A fresh folder for one run's temporary files, removed with everything in it when the run
    ends, however it ends. ``TMPDIR`` (and ``TEMP``, ``TMP``, Jupyter's runtime folder) point
    into it meanwhile, so the kernel, papermill, nbconvert, matplotlib and any program they start
    leave nothing behind in the user's temporary folder. Yields the folder (None when none could
    be made: the run then uses the usual one)."""
    try:
        base = tempfile.mkdtemp(prefix="nns-")
    except OSError:
        yield None
        return
    saved = {k: os.environ.get(k) for k in _TEMP_VARIABLES}
    saved_tempdir = tempfile.tempdir
    os.environ.update(TMPDIR=base, TEMP=base, TMP=base, JUPYTER_RUNTIME_DIR=os.path.join(base, "jupyter"))
    tempfile.tempdir = base
    try:
        yield Path(base)
    finally:
        tempfile.tempdir = saved_tempdir
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(base, ignore_errors=True)


def temp_path_for(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (for writers that want a file name, not bytes)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".part{path.suffix}", dir=path.parent)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {error}", path=path.name, error=os_error_text(exc))) from exc
    os.close(fd)
    _readable(tmp)
    return Path(tmp)


def to_json(obj: Any) -> str:
    """Deterministic JSON (sorted keys, two-space indent, UTF-8 letters kept)."""
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n"


def folder_label(folder) -> str:
    """A folder as outputs record it: never a path that depends on where it lies.

    A relative folder as given (``data/example``); an absolute one relative to the working
    directory when it lies under it; otherwise only its name. The files themselves are
    identified by their SHA-256, so the same inputs give the same bytes in another checkout,
    another user's home or a temporary folder.
    """
    path = Path(folder)
    if not path.is_absolute():
        return path.as_posix()
    for inside, base in ((path, Path.cwd()), (path.resolve(), Path.cwd().resolve())):
        try:
            return inside.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name or path.as_posix()


def _param(value: Any) -> Any:
    if isinstance(value, Path) or (isinstance(value, str) and value.startswith("/") and Path(value).exists()):
        return folder_label(value)
    return value


def provenance(books, parameters: dict[str, Any], *, made: dt.datetime | None = None,
               extra_inputs: list[Path] = ()) -> dict[str, Any]:
    """What an output was made from: inputs with SHA-256, parameters, package version, time."""
    from .version import __version__

    inputs = [{"file": s.name, "sha256": s.sha256} for s in getattr(books, "sources", ())]
    for p in extra_inputs:
        inputs.append({"file": str(p), "sha256": sha256_file(Path(p))})
    return {
        "package": "nns-finance",
        "version": __version__,
        "made": made_text(made),
        "data_folder": folder_label(getattr(books, "folder", "")),
        "inputs": inputs,
        "parameters": {k: _param(v) for k, v in parameters.items()},
    }


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (inputs and outputs are recorded by it)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
