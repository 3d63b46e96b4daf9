"""The environment keeps the chapters quick to start (drawing a chart imports no schema library) and the
suite's tests where they belong (a group of tests runs in one process).

``japan_nato.charts`` writes Vega-Lite as plain data: ``import altair`` took about half a second, and with
jsonschema 4.25.0 or later (which altair imports) about 1.3 s more, to build the Lark grammar of
``rfc3987-syntax``. requirements.txt still pins jsonschema 4.24.1, for the processes that do import it.
This checks what is imported, not how long it takes: timing belongs in benchmarks/run.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import sys, japan_nato.charts; "
    "print(' '.join(m for m in ('altair', 'jsonschema', 'rfc3987_syntax', 'lark') if m in sys.modules))"
)


def test_drawing_a_chart_imports_no_schema_library():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", (
        f"importing the charts loads {done.stdout.strip()}: japan_nato.charts writes Vega-Lite "
        "as plain data, so that a chapter's first cell does not wait for a schema library"
    )


GROUPED = """
import os, pytest

@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("n", range(6))
def test_in_the_group(n):
    with open("workers.txt", "a") as record:
        record.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_a_group_of_tests_runs_in_one_process(tmp_path):
    """The suite's `--dist loadgroup` keeps a notebook's cells in one kernel and a page's tests on
    one visit (conftest.py); pytest 9.2.0 with pytest-xdist 3.8.0 silently shares them out."""
    (tmp_path / "test_grouped.py").write_text(GROUPED, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        "2",
        "--dist",
        "loadgroup",
        "-p",
        "no:cacheprovider",
        "-p",
        "xdist.plugin",
    ]
    # Only pytest-xdist: the other plugins' start-up is not what this checks.
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout[-2000:]
    workers = (tmp_path / "workers.txt").read_text(encoding="utf-8").split()
    assert len(workers) == 6 and len(set(workers)) == 1, (
        f"the group's tests ran in {sorted(set(workers))}: keep pytest at 9.1.1 in requirements.txt "
        "(see the note there)"
    )
