"""Generated pages agree with the data they are generated from."""

from japan_nato import load
from japan_nato.pages import GLOSSARY_PAGE, INTRO_PAGE, glossary_markdown, intro_with_section_map


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
