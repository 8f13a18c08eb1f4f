"""A fork server for the corpus: imports ``nns_finance`` once, then runs each command in a
*fresh forked process* — its own memory, working folder, environment and output — so the
several hundred commands of the corpus do not pay Python's and pandas' start-up each time.

Protocol (one JSON object per line): the client writes ``{"argv": [...], "cwd": "...",
"env": {...}, "timeout": s}`` to stdin; the server answers ``{"code": int, "output": "..."}``
(stdout and stderr interleaved, as a terminal shows them). A command over its timeout is killed
with its whole process group (a notebook kernel too) and answered with code -9.

Run by :class:`bad_inputs.harness.Runner`; set ``NNS_BAD_INPUTS_SPAWN=1`` to spawn a new
interpreter per command instead (slower, same results).
"""
from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
import traceback


def _child(request: dict, out_fd: int) -> None:
    """In the forked process: become the command, write its output to ``out_fd``, exit."""
    code = 1
    try:
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        from nns_finance.cli import main

        try:
            code = main(request["argv"])
        except SystemExit as exc:       # argparse: usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) else 1)


def _serve_one(request: dict) -> dict:
    with tempfile.TemporaryFile() as held:
        pid = os.fork()
        if pid == 0:
            _child(request, held.fileno())
        deadline = time.monotonic() + float(request.get("timeout", 180))
        status = None
        while status is None:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
            elif time.monotonic() > deadline:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                status = -1
            else:
                time.sleep(0.005)
        held.seek(0)
        output = held.read().decode("utf-8", "replace")
    if status == -1:
        return {"code": -9, "output": output + f"\n[harness: killed after {request.get('timeout')} s]"}
    code = os.waitstatus_to_exitcode(status)
    return {"code": code, "output": output}


def serve() -> None:
    # what the commands import, imported once (the children start with it in memory)
    import importlib
    import pkgutil

    import nns_finance
    import nns_finance.cli as cli

    cli.build_parser()               # imports every command's module
    for info in pkgutil.walk_packages(nns_finance.__path__, "nns_finance."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name in ("openpyxl", "xlsxwriter", "yaml", "reportlab.platypus", "matplotlib.pyplot"):
        importlib.import_module(name)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = _serve_one(json.loads(line))
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
