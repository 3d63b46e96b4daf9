"""Generated pages agree with the data they are generated from."""

from japan_nato import load
from japan_nato.pages import GLOSSARY_PAGE, glossary_markdown


def test_glossary_page_is_up_to_date_with_glossary_csv():
    assert GLOSSARY_PAGE.read_text(encoding="utf-8") == glossary_markdown(), (
        "appendices/glossary.md is stale: run `python -m japan_nato.pages`"
    )


def test_every_glossary_term_appears_on_the_page():
    page = GLOSSARY_PAGE.read_text(encoding="utf-8")
    for term in load("glossary")["term"]:
        assert f"\n{term}\n" in page, term
