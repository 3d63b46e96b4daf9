"""The environment keeps the chapters quick to start: drawing a chart must not build a parser.

From jsonschema 4.25.0, ``import jsonschema`` (which ``import altair`` does) builds the Lark grammar of
``rfc3987-syntax`` when that package is installed, about 1.3 s in every kernel that draws a chart.
requirements.txt pins jsonschema 4.24.1, which never imports it. This checks what is imported, not how
long it takes: timing belongs in benchmarks/run.py.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = (
    "import sys, japan_nato.charts; "
    "print(' '.join(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))"
)


def test_drawing_a_chart_builds_no_grammar():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", (
        f"importing the charts loads {done.stdout.strip()}: keep jsonschema at 4.24.1 in "
        "requirements.txt (see the note there)"
    )
