"""Running the report notebooks: papermill in, executed notebook and no-code HTML out.

:func:`run_notebook` executes ``notebooks/<name>.ipynb`` with the given parameters in a fresh
kernel. On success the executed notebook and an HTML page without code cells are moved into
place atomically. On failure the executed notebook — with papermill's banner at the failing
cell — is put at its final path and nothing else is written; :class:`NotebookFailed` says which
cell failed and why, in one line.

:func:`data_path` finds a path a notebook was given wherever its kernel runs (papermill from the
repository root, JupyterLab in ``notebooks/``); :func:`strip_outputs` is the Jupyter server's
pre-save hook (``jupyter_server_config.py``, used by ``make lab``) that keeps outputs out of the
tracked notebooks.
"""
from __future__ import annotations

import contextlib
import copyreg
import html
import pickle
import os
import re
import queue
import shutil
import sys
import tempfile
import threading
import types
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# nbformat validates with jsonschema, whose optional IRI format check imports rfc3987_syntax,
# which builds a grammar at import: about a second of every run, for a check notebooks never
# need. Without it jsonschema skips that one format (it imports it under suppress(ImportError)).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from ..core.outputs import atomic_move, atomic_write, temp_path_for
from ..core.problems import NNSFinanceError
from ..core.i18n import _

KERNEL = "python3"


class NotebookFailed(NNSFinanceError):
    """A notebook cell raised; ``notebook`` is the executed notebook with the failure marked."""

    def __init__(self, message: str, notebook: Path):
        super().__init__(message)
        self.notebook = notebook


@dataclass(frozen=True)
class RunResult:
    """The files a successful run wrote."""

    notebook: Path
    html: Path | None


def notebook_dir() -> Path:
    """Where the source notebooks are: ``$NNS_NOTEBOOKS`` or the repository's ``notebooks/``."""
    env = os.environ.get("NNS_NOTEBOOKS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "notebooks"


def data_path(text: str | Path) -> Path | None:
    """A path given to a notebook (the data folder, a scenario or assumptions file), found the
    same way wherever the kernel runs.

    Absolute, or present from the current directory (papermill run from the repository root):
    as given. Otherwise under the repository root, the nearest folder at or above the current
    directory that holds ``pyproject.toml`` and ``data/`` (JupyterLab runs the kernel in
    ``notebooks/``). Found in neither place: as given, so the loader names the path the user
    wrote. Blank: None (the caller's default).
    """
    if not str(text).strip():
        return None
    path = Path(str(text).strip()).expanduser()
    if path.is_absolute() or path.exists():
        return path
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "data").is_dir():
            return folder / path if (folder / path).exists() else path
    return path


def strip_outputs(model: dict, path: str = "", contents_manager=None, **kwargs) -> None:
    """Jupyter's pre-save hook: a notebook saved under the source folder (:func:`notebook_dir`)
    is written without outputs, execution counts or widget state, so running cells in
    ``make lab`` leaves the tracked notebooks as they were. Notebooks saved elsewhere keep
    their outputs. Changes ``model`` in place (the server writes what the hook leaves).

    ``path`` is the server's path relative to its root (``contents_manager.root_dir``)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = getattr(contents_manager, "root_dir", None)
    target = Path(root or ".") / str(path).strip("/")
    if not target.resolve().is_relative_to(notebook_dir().resolve()):
        return
    content = model["content"]
    content.get("metadata", {}).pop("widgets", None)
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)


def notebook_path(name: str) -> Path:
    path = notebook_dir() / (name if name.endswith(".ipynb") else f"{name}.ipynb")
    if not path.is_file():
        raise NNSFinanceError(_("notebook {path} not found", path=path))
    return path


def run_notebook(name: str, parameters: dict[str, Any], out_dir: Path, stem: str | None = None,
                 *, html: bool = True, timeout: int = 600, kernel=None, staged=None,
                 title: str | None = None, lang: str = "sv") -> RunResult:
    """Execute a notebook and write ``out_dir/<stem>.ipynb`` (and ``<stem>.html``).

    With ``staged`` (an :class:`~nns_finance.core.outputs.OutputSet`) a successful run's
    notebook and HTML stay at temporary names in it, renamed into place with the run's other
    files; the result then names the temporaries.

    Parameters should be primitives (str, int, bool, lists of them); pass amounts as text in
    kronor, never as floats. Paths are passed as absolute strings. A name the notebook's
    ``parameters`` cell does not declare is refused before the kernel starts. ``kernel``: a
    kernel manager already started (see :class:`NotebookLater`); the caller shuts it down.
    ``title`` and ``lang``: the HTML page's ``<title>`` and language (:func:`to_html`).
    """
    import nbformat
    import papermill as pm

    source = notebook_path(name)
    known = pm.inspect_notebook(str(source))
    unknown = sorted(set(parameters) - set(known))
    if unknown:      # papermill would inject them unseen: a renamed parameter fails loudly here
        raise NNSFinanceError(_("{name} has no parameter {unknown} (its parameters: {known})",
                                name=source.name, unknown=", ".join(unknown),
                                known=", ".join(known) or _("none")))
    stem = stem or source.stem
    out_dir = Path(out_dir)
    final_nb = out_dir / f"{stem}.ipynb"
    final_html = out_dir / f"{stem}.html"
    tmp_nb = temp_path_for(final_nb)
    params = {k: (str(Path(v).resolve()) if isinstance(v, Path) else v) for k, v in parameters.items()}
    try:
        with _quiet_kernel():
            pm.execute_notebook(str(source), str(tmp_nb), parameters=params, kernel_name=KERNEL,
                                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                                execution_timeout=timeout, cwd=str(Path.cwd()),
                                **({"km": kernel} if kernel is not None
                                   else {"kernel_manager_class": kernel_manager_class()}))
    except pm.PapermillExecutionError as exc:
        _scrub(tmp_nb)
        atomic_move(tmp_nb, final_nb)
        msg = f"{source.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue} (see {final_nb})"
        raise NotebookFailed(msg, final_nb) from None
    except BaseException:
        if tmp_nb.exists():
            if tmp_nb.stat().st_size and staged is None:
                atomic_move(tmp_nb, final_nb)
            else:       # staged: all or nothing, so a run cut short leaves no notebook either
                tmp_nb.unlink()
        raise
    try:
        _scrub(tmp_nb)
        html_path = None
        if html:
            nb = nbformat.read(str(tmp_nb), as_version=4)
            page = to_html(nb, title, lang)
            html_path = (atomic_write(final_html, page) if staged is None
                         else staged.write(final_html, page))
        if staged is not None:
            staged.adopt(tmp_nb, final_nb)
            return RunResult(tmp_nb, html_path)
        atomic_move(tmp_nb, final_nb)
    except BaseException:
        tmp_nb.unlink(missing_ok=True)    # no half-finished run left beside the outputs
        raise
    return RunResult(final_nb, html_path)


def kernel_manager_class():
    """The kernel manager the notebooks run under: a kernel on local (IPC) sockets in a private
    temporary folder. TCP kernels pick free ports by trying them, and two kernels started at once
    (the report beside a test run, two reports) can pick the same port and wait for each other's
    messages forever; local sockets cannot collide, and nothing listens on the network."""
    from jupyter_client.manager import AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self._socket_dir = tempfile.mkdtemp(prefix="nns-kernel-")
            self.transport = "ipc"
            self.ip = os.path.join(self._socket_dir, "k")

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart)
            if not restart:
                shutil.rmtree(self._socket_dir, ignore_errors=True)

    return LocalKernelManager


_KERNEL_NOISE = ("Kernel is running over TCP without encryption",
                 "KeyboardInterrupt caught in kernel")  # the kernel being shut down after the run


@contextlib.contextmanager
def _quiet_kernel():
    """The kernel inherits our stderr and greets it with a transport warning on every run;
    hold stderr in a file while the notebook runs and pass on everything but that greeting."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):   # stderr replaced (pytest capture): nothing to do
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), fd)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, fd)
            os.close(saved)
            held.seek(0)
            for line in held.read().decode("utf-8", "replace").splitlines(keepends=True):
                if not any(noise in line for noise in _KERNEL_NOISE):
                    sys.stderr.write(line)


class NotebookLater:
    """A notebook run whose kernel starts at once, while the caller is still reading and
    computing: the kernel process boots and imports the package meanwhile (on another core).
    :meth:`run` executes the notebook (as :func:`run_notebook`) in the background thread and
    :meth:`wait` returns the exception it raised, if any; :meth:`cancel` shuts the kernel down
    unused. Either way the kernel is gone afterwards and nothing is left running."""

    WARM_UP = "import nns_finance.reports.monthly, nns_finance.reports.charts, nns_finance.reports.tables"

    def __init__(self, name: str):
        self.name = name
        self.error: BaseException | None = None
        self.result: RunResult | None = None
        self._order: queue.Queue = queue.Queue()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._main, daemon=True)
        self._thread.start()

    def run(self, parameters: dict[str, Any], out_dir: Path, stem: str | None = None, *,
            handover: tuple | None = None, **options) -> None:
        """Execute the notebook. ``handover``: ``(books, report)`` the caller has already read
        and computed for these parameters; the kernel is given them (:func:`receive`) so the
        notebook's ``load`` and ``build_report`` need not read and compute them again."""
        self._order.put((parameters, out_dir, stem, handover, options))

    def cancel(self) -> None:
        self._cancelled.set()
        self._order.put(None)
        self._thread.join()

    def wait(self) -> BaseException | None:
        self._thread.join()
        return self.error

    def _main(self) -> None:
        from jupyter_core.utils import run_sync

        held = tempfile.TemporaryFile()
        km = None
        try:
            km = kernel_manager_class()(kernel_name=KERNEL)
            run_sync(km.start_kernel)(stderr=held, cwd=str(Path.cwd()))
            if not self._cancelled.is_set():
                self._warm_up(km, run_sync)
            order = self._order.get()
            if order is None:
                return
            parameters, out_dir, stem, handover, options = order
            if handover is not None:
                self._hand_over(km, run_sync, handover, parameters)
            self.result = run_notebook(self.name, parameters, out_dir, stem, kernel=km, **options)
        except BaseException as exc:  # handed to the caller by wait()
            self.error = exc
        finally:
            if km is not None:
                with contextlib.suppress(Exception):
                    run_sync(km.shutdown_kernel)(now=True)
            _relay(held)

    def _warm_up(self, km, run_sync) -> None:
        """Import the package in the kernel (silently: no execution count, nothing in the
        notebook) and nbformat and nbconvert here, while the caller loads the data."""
        kc = km.client()
        try:
            kc.start_channels()
            run_sync(kc.wait_for_ready)(timeout=60)
            kc.execute(self.WARM_UP, silent=True, store_history=False)
            import nbconvert  # noqa: F401
            import papermill  # noqa: F401
            for _ in range(1200):  # the reply, unless the caller gives up meanwhile
                if self._cancelled.is_set():
                    break
                with contextlib.suppress(queue.Empty):
                    run_sync(kc.get_shell_msg)(timeout=0.05)
                    break
        finally:
            kc.stop_channels()


    def _hand_over(self, km, run_sync, handover, parameters) -> None:
        """Give the kernel the caller's Books and report (pickled into the kernel's private
        socket folder) before the notebook runs. Only a speed-up: anything that goes wrong
        leaves the notebook to read and compute them itself."""
        books, report = handover
        folder = Path(str(parameters.get("data", "")))
        if not folder.is_absolute():     # the notebook loads the absolute path it is given
            return
        path = Path(km._socket_dir) / "handover.pickle"
        try:
            with open(path, "wb") as f:
                _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump((replace(books, folder=folder), report))
        except Exception:  # noqa: BLE001  (an object that cannot be pickled: no hand-over)
            path.unlink(missing_ok=True)
            return
        kc = km.client()
        try:
            kc.start_channels()
            msg_id = kc.execute(f"__import__('nns_finance.reports.notebooks').reports.notebooks.receive({str(path)!r})",
                                silent=True, store_history=False)
            for _ in range(1200):        # its reply: the notebook's cells come after it
                with contextlib.suppress(queue.Empty):
                    reply = run_sync(kc.get_shell_msg)(timeout=0.05)
                    if reply.get("parent_header", {}).get("msg_id") == msg_id:
                        break
        finally:
            kc.stop_channels()
            path.unlink(missing_ok=True)


def _mapping_proxy(items: dict) -> types.MappingProxyType:
    return types.MappingProxyType(items)


class _Pickler(pickle.Pickler):
    """Pickles the read-only mappings of settings and assumptions too (as copies)."""

    dispatch_table = {**copyreg.dispatch_table,
                      types.MappingProxyType: lambda m: (_mapping_proxy, (dict(m),))}


def receive(path: str) -> None:
    """In a notebook's kernel: take the Books and report :meth:`NotebookLater._hand_over`
    pickled at ``path`` (see :func:`nns_finance.books.load.hand_over` and
    :func:`nns_finance.reports.monthly.hand_over`)."""
    from ..books.load import hand_over as hand_over_books
    from .monthly import hand_over as hand_over_report

    with open(path, "rb") as f:
        books, report = pickle.load(f)
    hand_over_books(books)
    hand_over_report(books, report)


def _relay(held) -> None:
    """Pass on what the kernel wrote to its stderr, but its greeting and goodbye."""
    with held:
        held.seek(0)
        for line in held.read().decode("utf-8", "replace").splitlines(keepends=True):
            if not any(noise in line for noise in _KERNEL_NOISE):
                sys.stderr.write(line)


def publish(name: str, parameters: dict[str, Any], out_dir: Path, stem: str, books,
            extra_inputs=(), *, title: str | None = None, lang: str = "sv") -> list[Path]:
    """Run a notebook (:func:`run_notebook`) and write its record ``<stem>.json`` beside it:
    inputs with SHA-256, parameters, package version, the notebook and the outputs' checksums.

    All or nothing: the notebook, HTML and record are written to temporary names and renamed
    into place together when all three are done (:class:`~nns_finance.core.outputs.OutputSet`),
    so the record always describes the files beside it. A failure anywhere leaves the previous
    files (or none) and no temporaries; only a failing notebook cell leaves the executed
    notebook, marked where it failed, and then no HTML or record of an earlier run beside it.
    ``title`` and ``lang``: the HTML page's (:func:`to_html`). Returns the files written
    (notebook, HTML, record)."""
    from ..core.outputs import OutputSet, made_time, provenance, sha256_file, to_json

    out_dir = Path(out_dir)
    made = made_time()
    finals = [out_dir / f"{stem}.ipynb", out_dir / f"{stem}.html", out_dir / f"{stem}.json"]
    with OutputSet() as staged:
        try:
            run_notebook(name, parameters, out_dir, stem, staged=staged, title=title, lang=lang)
        except NotebookFailed:      # the failed notebook is at its final path: no old HTML or record beside it
            (out_dir / f"{stem}.html").unlink(missing_ok=True)
            (out_dir / f"{stem}.json").unlink(missing_ok=True)
            raise
        record = provenance(books, parameters, made=made, extra_inputs=list(extra_inputs))
        record["notebook"] = f"notebooks/{name}.ipynb"
        record["outputs"] = [{"file": f.name, "sha256": sha256_file(staged.temporary(f))}
                             for f in finals[:2] if staged.temporary(f) is not None]
        staged.write(finals[2], to_json(record))
        written = staged.commit()
    return [f for f in finals if f in written]


TEMPLATES = Path(__file__).resolve().parent / "templates"


IMAGE_ALT = {"sv": "Diagram", "en": "Chart"}


def page_title(what: str, organisation: str | None = None) -> str:
    """An HTML page's title: what it is, then whose (``Månadsrapport 2026-11 – Förbundet``)."""
    organisation = " ".join(str(organisation or "").split())
    return f"{what} – {organisation}" if organisation else what


def to_html(nb, title: str | None = None, lang: str = "sv") -> str:
    """The notebook as a standalone HTML page without code cells or prompts that opens offline:
    the ``offline`` template (``templates/offline``) is nbconvert's lab template without the
    scripts it loads from CDNs (require.js, MathJax, Mermaid, the widget manager); CSS and
    images are inline as always.

    The page says its language (``<html lang="sv">``) and has a real ``<title>``: ``title``,
    else the notebook's first heading. Images keep the alt text they were given (a chart's
    title), else a neutral one in the page's language."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            language_code=lang)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = {"metadata": {"name": title or first_heading(nb) or ""},
                 "image_alt": IMAGE_ALT.get(lang, IMAGE_ALT["sv"])}
    body = exporter.from_notebook_node(nb, resources=resources)[0]
    return body


_HEADING = re.compile(r"^\s*#{1,2}\s+(\S.*?)\s*#*\s*$", re.M)
_HTML_HEADING = re.compile(r"<h[12][^>]*>(.*?)</h[12]>", re.S | re.I)


def first_heading(nb) -> str | None:
    """The first level-1 or level-2 heading the page shows: a Markdown cell's, or a displayed
    Markdown or HTML output's (tags stripped)."""
    for cell in nb.cells:
        texts = []
        if cell.cell_type == "markdown":
            texts.append(("md", cell.source))
        for output in cell.get("outputs", ()):
            data = output.get("data", {})
            if "text/markdown" in data:
                texts.append(("md", "".join(data["text/markdown"])))
            elif "text/html" in data:
                texts.append(("html", "".join(data["text/html"])))
        for kind, text in texts:
            m = (_HEADING if kind == "md" else _HTML_HEADING).search(text)
            if m:
                return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() or None
    return None


def _scrub(path: Path) -> None:
    """Drop run timings from the executed notebook when ``SOURCE_DATE_EPOCH`` asks for
    reproducible bytes (papermill records start/end times per cell)."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        return
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path"):
        pm_meta.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()
        if "injected-parameters" in cell.metadata.get("tags", ()):
            cell.id = "injected-parameters"      # papermill gives the cell a random id
    nbformat.write(nb, str(path))
