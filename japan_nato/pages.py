"""Pages generated from the data: the glossary appendix (from ``glossary.csv``) and the map of the
paper's sections in the introduction (from ``paper_sections.csv``).

Run ``python -m japan_nato.pages`` after editing either CSV; a test fails while the committed pages
and the CSVs disagree.
"""

from __future__ import annotations

from pathlib import Path

from japan_nato.data import load

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PAGE = ROOT / "appendices" / "glossary.md"
INTRO_PAGE = ROOT / "intro.md"
MAP_START, MAP_END = "<!-- section-map:start -->", "<!-- section-map:end -->"


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


def write_pages() -> None:
    GLOSSARY_PAGE.parent.mkdir(exist_ok=True)
    GLOSSARY_PAGE.write_text(glossary_markdown(), encoding="utf-8")
    INTRO_PAGE.write_text(
        intro_with_section_map(INTRO_PAGE.read_text(encoding="utf-8")), encoding="utf-8"
    )


if __name__ == "__main__":
    write_pages()
    print(f"wrote {GLOSSARY_PAGE.relative_to(ROOT)} and the section map in {INTRO_PAGE.name}")
