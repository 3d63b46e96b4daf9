"""The README and the instructor guide state only figures that something checks.

Times are never measured here (a test must not depend on the machine's speed): the README's time
figures must be the targets benchmarks/run.py measures against (benchmarks/targets.py), and its
counts must be the data's (the events and members: tests/test_reading.py). benchmarks/readme.py holds the sentences, so the benchmark prints the
same figures beside what it measures.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from japan_nato import readability
from tests.conftest import ROOT


def _module(name: str):
    spec = importlib.util.spec_from_file_location(
        f"bench_{name}", ROOT / "benchmarks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme = _module("readme")
targets = _module("targets")


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("kernel_and_imports_s", "KERNEL_AND_IMPORTS_S"),
        ("first_load_s", "FIRST_LOAD_S"),
        ("later_load_s", "LATER_LOAD_S"),
    ],
)
def test_each_time_the_readme_gives_is_a_benchmarked_target(sentence, target):
    (stated,) = readme.stated(sentence)
    assert stated == getattr(targets, target), (
        f"the README says {stated} s ({sentence}); benchmarks/targets.py {target} says "
        f"{getattr(targets, target)}: change them together"
    )


def test_the_readme_gives_the_chapters_reading_times_as_they_state_them():
    minutes = [
        readability.time_to_learn(path)["read"]
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    ]
    assert readme.stated("reading_minutes") == (min(minutes), max(minutes))


def test_the_number_of_assignments_is_the_number_of_source_notebooks():
    count = len(list((ROOT / "assignments").glob("a[0-9]_*.ipynb")))
    assert readme.stated("assignments") == (count,)
    assert readme.stated("guide_assignments") == (count,)


def test_the_guides_grading_time_for_a_class_is_the_seminar_benchmarks_target():
    """benchmarks/seminar.py grades 100 generated submissions and prints the total beside this target."""
    size, minutes = readme.stated("grading_class")
    assert size == targets.SEMINAR_SUBMISSIONS and minutes * 60 == targets.SEMINAR_TOTAL_S


def test_no_other_time_figure_hides_in_the_readme_or_the_guide():
    """A new "about N seconds" or "N MB" needs a sentence in benchmarks/readme.py and a target."""
    checked = {
        re.sub(r"\s+", " ", m.group(0))
        for name in readme.SENTENCES
        for m in [
            re.search(
                readme.SENTENCES[name][1],
                re.sub(r"\s+", " ", readme.SENTENCES[name][0].read_text("utf-8")),
            )
        ]
        if m
    }
    unit = re.compile(r"\b\d+(?:\.\d+)?(?:\s+(?:s|seconds?)|\s*(?:ms|MB|GB|KB))\b")
    for path in (readme.README, readme.GUIDE):
        text = re.sub(r"\s+", " ", path.read_text("utf-8"))
        for sentence in checked:
            text = text.replace(sentence, "")
        # The grading time and size limits are settings of the grade command, not measures.
        text = re.sub(r"a \d+ s limit|\d+ seconds \(`--timeout`\)|over \d+ MB", "", text)
        assert not unit.findall(text), f"{path.name}: unchecked figures {unit.findall(text)}"
