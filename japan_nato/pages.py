"""Pages generated from the data: the glossary appendix (from ``glossary.csv``), the map of the
paper's sections in the introduction (from ``paper_sections.csv``), and the citation links in every
notebook (from ``references.bib``; see :mod:`japan_nato.citations`).

Run ``python -m japan_nato.pages`` after editing any of them; a test fails while the committed pages
and notebooks and their sources disagree.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from japan_nato import citations
from japan_nato.data import load

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PAGE = ROOT / "appendices" / "glossary.md"
INTRO_PAGE = ROOT / "intro.md"
MAP_START, MAP_END = "<!-- section-map:start -->", "<!-- section-map:end -->"
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


def intro_with_section_map(intro: str) -> str:
    """``intro`` with the text between the section-map markers replaced by the current map."""
    start, end = intro.index(MAP_START), intro.index(MAP_END) + len(MAP_END)
    return intro[:start] + section_map_markdown() + intro[end:]


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
        lines.append(f"  {expansion}{' '.join(row.definition.split())}")
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


def write_pages() -> None:
    GLOSSARY_PAGE.parent.mkdir(exist_ok=True)
    GLOSSARY_PAGE.write_text(glossary_markdown(), encoding="utf-8")
    INTRO_PAGE.write_text(
        intro_with_section_map(INTRO_PAGE.read_text(encoding="utf-8")), encoding="utf-8"
    )
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        fresh = with_current_citations(notebook)
        if fresh != notebook:
            nbformat.write(fresh, path)


if __name__ == "__main__":
    write_pages()
    print(
        f"wrote {GLOSSARY_PAGE.relative_to(ROOT)}, the section map in {INTRO_PAGE.name} "
        "and the citation links in the notebooks"
    )
