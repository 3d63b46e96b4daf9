"""The program that runs a submission's code inside the sandbox, and nothing else.

It is started by :mod:`japan_nato.seminar.sandbox` as ``python -I runner.py`` inside bubblewrap, reads
one job from standard input (the notebook's code cells, the names of the answers, the resource
limits and the folder to import the book's package from), sets the limits on itself before any
student code runs, then runs the cells one by one in an IPython shell (no Jupyter kernel: no
sockets, no second process, about a second less per submission). After every cell it writes the
answers as they stand to its original standard output, one JSON line each time they change, and a
last line ``{"done": true}`` when every cell has run.

Nothing here is trusted. The student's code runs in this process and can change any of it, write any
line it likes, or exit at any time: the grader reads the lines as data only, accepts nothing but plain
values (see :mod:`japan_nato.seminar.plain`), and takes the last complete line. A submission that
forges a line can only hand in answers of its own, which it could have typed. The hidden tests, the
solutions and the verdicts never exist in this process or its sandbox.

This file must stay standard-library Python plus IPython: the sandbox imports it before anything else.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import types

#: At most this many bytes of one snapshot of answers; larger answers are not plain values here.
MAX_ANSWERS = 1_000_000


class NotPlain(Exception):
    """A value that cannot leave the sandbox as plain data (its type name in ``args[0]``)."""


def encode(value, depth: int = 0):
    """``value`` as JSON data, or NotPlain. Exact types only: a subclass of ``int`` or ``list``
    (for example one whose ``==`` is always true) is not plain.

    Numbers, text, booleans and None cross as themselves; a list or a tuple as a JSON array; a dict
    whose keys are text as a JSON object. Nothing else is a plain value."""
    if depth > 20:
        raise NotPlain("a value nested more than 20 deep")
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind in (list, tuple):
        return [encode(item, depth + 1) for item in value]
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise NotPlain(f"a dict with {type(key).__name__} keys")
            out[key] = encode(item, depth + 1)
        return out
    raise NotPlain(kind.__name__)


def snapshot(namespace: dict, names: list[str]) -> dict:
    """Each answer's state: {"value": ...} or {"missing": "undefined"|"unanswered"|"not_plain"}."""
    out = {}
    for name in names:
        if name not in namespace:
            out[name] = {"missing": "undefined"}
        elif namespace[name] is Ellipsis:
            out[name] = {"missing": "unanswered"}
        else:
            try:
                out[name] = {"value": encode(namespace[name])}
            except NotPlain as error:
                out[name] = {"missing": "not_plain", "type": str(error.args[0])[:60]}
            except Exception as error:  # a hostile object's methods may raise anything
                out[name] = {"missing": "not_plain", "type": type(error).__name__[:60]}
    return out


def _otter_stub() -> types.ModuleType:
    """A stand-in for otter: ``grader = otter.Notebook(...)`` and ``grader.check("q1")`` do nothing
    here (the grader runs the public checks itself, outside)."""

    class Notebook:
        def __init__(self, *args, **kwargs):
            pass

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    module = types.ModuleType("otter")
    module.Notebook = Notebook
    return module


def main() -> int:
    job = json.loads(sys.stdin.buffer.read())
    sys.path[:0] = job.get("path", [])
    for name, value in job["limits"].items():
        resource.setrlimit(getattr(resource, name), (value, value))
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.dup2(quiet, 0)
    sys.modules["otter"] = _otter_stub()

    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    names, last = job["names"], None
    for index, code in enumerate(job["cells"]):
        result = shell.run_cell(code, store_history=False, silent=True)
        error = result.error_before_exec or result.error_in_exec
        answers = snapshot(shell.user_ns, names)
        line = json.dumps({"answers": answers})
        if len(line) > MAX_ANSWERS:
            line = json.dumps({"answers": {n: {"missing": "too_large"} for n in names}})
        report = {"cell": index, "error": type(error).__name__ if error else None}
        if line != last:
            channel.write(line + "\n")
            last = line
        channel.write(json.dumps(report) + "\n")
        channel.flush()
    mine = {os.getpid(), 1}
    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in mine]
    channel.write(json.dumps({"done": True, "left_running": len(others)}) + "\n")
    channel.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
