"""The explorers' Vega-Lite specifications are valid for the Vega-Lite that draws them.

``japan_nato.charts`` writes each specification as plain data (importing altair made every chapter
start about half a second later). A misspelt key or a wrong value would not fail in Python: the
chart would simply not draw. So each specification is checked here against the Vega-Lite 5 schema
that altair ships, and its version against the Vega-Lite the book vendors. Whether the browser
draws the right rows is tests/test_static_charts.py's question.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair
import jsonschema
import pytest

from japan_nato import charts, load
from japan_nato.book import VEGA_LITE

ROOT = Path(__file__).resolve().parents[1]
EVENTS = load("events")
MEMBERS = load("nato_members")
OPS = load("operations")
PARTS = load("operation_participants")

EXPLORERS = {
    "timeline, every year": lambda: charts.timeline_explorer(EVENTS),
    "timeline, the Cold War": lambda: charts.timeline_explorer(EVENTS, years=(1945, 1989)),
    "membership in 1983, Spain": lambda: charts.membership_explorer(MEMBERS, 1983, "Spain"),
    "membership, no country": lambda: charts.membership_explorer(MEMBERS),
    "Figure 3": lambda: charts.figure3_explorer(OPS, PARTS, MEMBERS),
    "Figure 3, one operation": lambda: charts.figure3_explorer(
        OPS, PARTS, MEMBERS, years=(2005, 2000), operation="op01"
    ),
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = Path(altair.__file__).parent / "vegalite" / "v5" / "schema" / "vega-lite-schema.json"
    return jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_specification_is_valid_vega_lite(name, validator):
    spec = EXPLORERS[name]().to_dict()
    # As the notebook stores it: through JSON (a NumPy number or a NaN would not survive).
    stored = json.loads(json.dumps(spec, allow_nan=False))
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(stored)
    ]
    assert problems == [], f"{name}: not valid Vega-Lite 5:\n" + "\n".join(problems[:10])


def test_the_specifications_are_for_the_vega_lite_the_book_loads():
    vendored = (ROOT / "vendor" / "vega" / "vega-lite.min.js").read_text(encoding="utf-8")[:2000]
    loaded = re.search(r'var \w+="(5\.\d+\.\d+)"', vendored).group(1)
    assert charts.VEGA_LITE_VERSION == loaded == altair.SCHEMA_VERSION.lstrip("v")
    spec = charts.timeline_explorer(EVENTS).to_dict()
    assert spec["$schema"].endswith(f"/v{loaded}.json")


def test_a_notebook_stores_the_chart_its_options_and_words_for_other_readers():
    chart = charts.membership_explorer(MEMBERS, 1983, "Spain")
    data, metadata = chart._repr_mimebundle_()
    assert data[VEGA_LITE] == chart.to_dict()
    # JupyterLab reads the options, with the controls' layout, from the output's metadata; the
    # book's vega-embed from the specification, where it would ignore CSS (the book links it).
    assert metadata == {
        VEGA_LITE: {
            "embed_options": {**charts.EMBED_OPTIONS, "defaultStyle": charts.CONTROLS_STYLE}
        }
    }
    assert "form.vega-bindings" in charts.CONTROLS_STYLE
    assert chart.to_dict()["usermeta"] == {"embedOptions": charts.EMBED_OPTIONS}
    assert "NATO's members at the end of the chosen year" in data["text/plain"]
