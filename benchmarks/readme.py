"""The figures the README and the instructor guide state about time and size, read from their text.

One place for the sentences: benchmarks/run.py prints each figure beside what it measures, and
tests/test_figures.py checks each against benchmarks/targets.py (times) or the data (counts).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDE = ROOT / "appendices" / "instructor_guide.md"

NUMBERS = {"five": 5, "ten": 10, "eleven": 11, "twelve": 12}

#: name -> (file, pattern whose groups are the stated figures), matched against the text with every
#: run of whitespace (a line break included) read as one space.
SENTENCES = {
    "kernel_and_imports_s": (
        README,
        r"the kernel starts and imports what a chapter needs in under ([\d.]+) s",
    ),
    "first_load_s": (README, r"the first `load\(\)` validates the data in under ([\d.]+) s"),
    "later_load_s": (README, r"later loads take under ([\d.]+) s"),
    "events": (README, r"timeline of Japan–NATO relations \((\d+) events, (\d{4})–(\d{4})\)"),
    "members": (README, r"NATO's (\d+) members"),
    "reading_minutes": (README, r"how long it takes to read \((\d+) to (\d+) minutes\)"),
    "assignments": (README, r"(\w+) graded assignments"),
    "guide_assignments": (GUIDE, r"(\w+) graded assignments go with the book"),
    "grading_class": (GUIDE, r"a class of (\d+) takes under (\w+) minutes"),
}


def _number(text: str) -> float:
    return NUMBERS[text.lower()] if text.lower() in NUMBERS else float(text)


def stated(name: str) -> tuple[float, ...]:
    """The figures one sentence states; raises LookupError naming the sentence if it is gone."""
    path, pattern = SENTENCES[name]
    text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
    found = re.search(pattern, text)
    if not found:
        raise LookupError(f"{path.name} no longer says /{pattern}/ ({name})")
    return tuple(_number(g) for g in found.groups())
