"""Generated pages agree with the data they are generated from."""

import re

import nbformat

from japan_nato import citations, load
from japan_nato.pages import (
    GLOSSARY_PAGE,
    INTRO_PAGE,
    NOTEBOOKS,
    glossary_markdown,
    intro_with_section_map,
    with_current_citations,
)


def test_glossary_page_is_up_to_date_with_glossary_csv():
    assert GLOSSARY_PAGE.read_text(encoding="utf-8") == glossary_markdown(), (
        "appendices/glossary.md is stale: run `python -m japan_nato.pages`"
    )


def test_every_glossary_term_appears_on_the_page():
    page = GLOSSARY_PAGE.read_text(encoding="utf-8")
    for term in load("glossary")["term"]:
        assert f"\n{term}\n" in page, term


def test_intro_section_map_is_up_to_date_with_paper_sections_csv():
    intro = INTRO_PAGE.read_text(encoding="utf-8")
    assert intro == intro_with_section_map(intro), (
        "intro.md is stale: run `python -m japan_nato.pages`"
    )


def test_section_map_names_every_heading_of_the_paper_with_its_chapter():
    intro = INTRO_PAGE.read_text(encoding="utf-8")
    for row in load("paper_sections").itertuples(index=False):
        assert f"| {row.heading} |" in intro and f"notebooks/{row.chapter}`" in intro, row.heading


def test_notebooks_cite_through_links_written_from_references_bib():
    """No {cite} role (JupyterLab cannot resolve it) and no citation text that references.bib
    would not give: run `python -m japan_nato.pages` after editing references.bib."""
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                assert "{cite:" not in cell.source, f"{path.name}: a {{cite}} role is left"
        assert with_current_citations(notebook) == notebook, (
            f"{path.name}: citation links are stale: run `python -m japan_nato.pages`"
        )


def test_a_citation_link_reads_as_author_and_year_with_the_full_reference_on_hover():
    linked = citations.refresh("As {cite:t}`orrashid2024` argues {cite:p}`credi2020,banka2023`.")
    assert linked.startswith('As [or-Rashid (2024)](#orrashid2024 "Md. Harun or-Rashid. Analyzing')
    assert '([Credi et al., 2020](#credi2020 "' in linked
    assert '; [Banka and Bussmann, 2023](#banka2023 "A. Banka and M. Bussmann.' in linked
    assert citations.cited(linked) == ["orrashid2024", "credi2020", "banka2023"]
    assert citations.refresh(linked) == linked  # rewriting is idempotent


def test_every_cited_key_is_in_references_bib():
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        for key in re.findall(r"\]\(#([A-Za-z0-9_-]+) \"", text):
            assert key in citations.keys(), f"{path.name} cites {key!r}, not in references.bib"


def test_instructor_guide_chapter_times_are_those_the_chapters_state():
    from japan_nato.pages import GUIDE_PAGE, guide_with_chapter_times

    guide = GUIDE_PAGE.read_text(encoding="utf-8")
    assert guide == guide_with_chapter_times(guide), (
        "the instructor guide's chapter times are stale: run `python -m japan_nato.pages`"
    )
