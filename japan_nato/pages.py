"""Pages generated from the data: the glossary appendix is written from ``glossary.csv``.

Run ``python -m japan_nato.pages`` after editing the glossary; a test fails while the committed
page and the CSV disagree.
"""

from __future__ import annotations

from pathlib import Path

from japan_nato.data import load

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PAGE = ROOT / "appendices" / "glossary.md"


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


if __name__ == "__main__":
    write_pages()
    print(f"wrote {GLOSSARY_PAGE.relative_to(ROOT)}")
