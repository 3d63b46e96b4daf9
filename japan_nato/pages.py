"""Pages generated from the data: the glossary appendix (from ``glossary.csv``), the map of the
paper's sections in the introduction (from ``paper_sections.csv``), the table of chapter times in
the instructor guide (from each chapter's "Time to learn"), the guide's tables of learning
objectives and each chapter's list of them (from the question banks; see
:mod:`japan_nato.objectives`), and the citation links in every notebook (from ``references.bib``;
see :mod:`japan_nato.citations`).

Run ``python -m japan_nato.pages`` after editing any of them; a test fails while the committed pages
and notebooks and their sources disagree.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from japan_nato import citations, objectives
from japan_nato.data import load

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PAGE = ROOT / "appendices" / "glossary.md"
INTRO_PAGE = ROOT / "intro.md"
MAP_START, MAP_END = "<!-- section-map:start -->", "<!-- section-map:end -->"
GUIDE_PAGE = ROOT / "appendices" / "instructor_guide.md"
TIMES_START, TIMES_END = "<!-- chapter-times:start -->", "<!-- chapter-times:end -->"
OBJECTIVES_START, OBJECTIVES_END = (
    "<!-- objectives-tables:start -->",
    "<!-- objectives-tables:end -->",
)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "appendices").glob("*.ipynb")
)


def section_map_markdown() -> str:
    """Every heading of the paper, in order, with the chapter that covers it (paper_sections.csv)."""
    sections = load("paper_sections").sort_values("order")
    lines = [
        MAP_START,
        "| # | The paper's heading (as printed) | Level | Chapter |",
        "|---|---|---|---|",
    ]
    for row in sections.itertuples(index=False):
        level = "section" if row.level == 1 else "subsection"
        lines.append(
            f"| {row.order} | {row.heading} | {level} | {{doc}}`notebooks/{row.chapter}` |"
        )
    lines.append(MAP_END)
    return "\n".join(lines)


def _replace_block(text: str, start_marker: str, end_marker: str, block: str) -> str:
    """``text`` with everything from ``start_marker`` to ``end_marker`` replaced by ``block``
    (which carries both markers again)."""
    start, end = text.index(start_marker), text.index(end_marker) + len(end_marker)
    return text[:start] + block + text[end:]


def intro_with_section_map(intro: str) -> str:
    """``intro`` with the text between the section-map markers replaced by the current map."""
    return _replace_block(intro, MAP_START, MAP_END, section_map_markdown())


def chapter_times_markdown() -> str:
    """Each chapter's reading and exercise time, as its "Time to learn" states them (which a test
    keeps within 25% of the word count at 200 words a minute), for planning sessions."""
    from japan_nato import readability

    lines = [
        TIMES_START,
        "| Chapter | Reading (minutes) | Exercises (minutes) | The exercises |",
        "|---|---|---|---|",
    ]
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        stated = readability.time_to_learn(path)
        parts = ", ".join(f"{name} {minutes}" for name, minutes in stated["parts"])
        lines.append(
            f"| {{doc}}`../notebooks/{path.stem}` | {stated['read']} | {stated['practise']} | {parts} |"
        )
    lines.append(TIMES_END)
    return "\n".join(lines)


def guide_with_chapter_times(guide: str) -> str:
    """``guide`` with the text between the chapter-times markers replaced by the current table."""
    return _replace_block(guide, TIMES_START, TIMES_END, chapter_times_markdown())


def guide_with_objectives(guide: str) -> str:
    """``guide`` with the tables of objectives (see :mod:`japan_nato.objectives`) brought up to date."""
    from japan_nato import objectives

    block = f"{OBJECTIVES_START}\n{objectives.guide_markdown()}\n{OBJECTIVES_END}"
    return _replace_block(guide, OBJECTIVES_START, OBJECTIVES_END, block)


def glossary_markdown() -> str:
    """The glossary as a MyST page with a ``{glossary}`` directive, sorted case-insensitively."""
    terms = load("glossary").sort_values("term", key=lambda s: s.str.lower())
    lines = [
        "# Glossary",
        "",
        "Terms and acronyms used in this book, defined in our own words. Chapters link here with",
        "`{term}`; the list is generated from `data/glossary.csv` (run `python -m japan_nato.pages`).",
        "",
        "```{glossary}",
    ]
    for row in terms.itertuples(index=False):
        lines.append(row.term)
        expansion = (
            f"*{row.expansion}*. " if isinstance(row.expansion, str) and row.expansion else ""
        )
        sources = ""
        if isinstance(row.reference, str) and row.reference:
            links = "; ".join(
                citations.link(key, textual=False) for key in row.reference.split(";")
            )
            sources = f" Source: {links}."
        lines.append(f"  {expansion}{' '.join(row.definition.split())}{sources}")
        lines.append("")
    lines[-1:] = ["```", ""]
    return "\n".join(lines)


def with_current_citations(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` whose markdown cells cite through links written from references.bib."""
    fresh = nbformat.from_dict(notebook)
    for cell in fresh.cells:
        if cell.cell_type == "markdown":
            cell.source = citations.refresh(cell.source)
    return fresh


def refresh_notebook(path: Path) -> bool:
    """Bring one notebook's citation links and list of objectives up to date; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    fresh = with_current_citations(notebook)
    if path.stem in objectives.chapters():
        block = objectives.objectives_markdown(path.stem)
        for cell in fresh.cells:
            if cell.cell_type == "markdown" and objectives.START in cell.source:
                cell.source = _replace_block(cell.source, objectives.START, objectives.END, block)
    if fresh != notebook:
        nbformat.write(fresh, path)
    return fresh != notebook


def write_pages() -> None:
    GLOSSARY_PAGE.parent.mkdir(exist_ok=True)
    GLOSSARY_PAGE.write_text(glossary_markdown(), encoding="utf-8")
    INTRO_PAGE.write_text(
        intro_with_section_map(INTRO_PAGE.read_text(encoding="utf-8")), encoding="utf-8"
    )
    guide = GUIDE_PAGE.read_text(encoding="utf-8")
    GUIDE_PAGE.write_text(guide_with_objectives(guide_with_chapter_times(guide)), encoding="utf-8")
    for path in NOTEBOOKS:
        refresh_notebook(path)


if __name__ == "__main__":
    import sys

    if sys.argv[1:]:
        # Only the notebooks named: their citation links and objectives (nothing else is written).
        for name in sys.argv[1:]:
            refresh_notebook(Path(name).resolve())
        print(f"refreshed {len(sys.argv) - 1} notebook(s)")
    else:
        write_pages()
        print(
            f"wrote {GLOSSARY_PAGE.relative_to(ROOT)}, the section map in {INTRO_PAGE.name}, "
            f"the tables in {GUIDE_PAGE.name}, and the citation links and objectives in the notebooks"
        )
