"""Every learning objective is practised and assessed, and the checks ask for reasoning (issue 19).

The record is in each chapter's question bank (see :mod:`japan_nato.objectives`); the chapter's
list of objectives and the instructor guide's tables are generated from it."""

import nbformat
import pytest

from japan_nato import objectives, pages

CHAPTERS = objectives.chapters()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_objective_is_practised_and_assessed_and_every_check_names_one(chapter):
    assert objectives.problems(chapter) == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_lists_the_objectives_of_its_record(chapter):
    notebook = nbformat.read(objectives.NOTEBOOKS / f"{chapter}.ipynb", as_version=4)
    assert objectives.objectives_markdown(chapter) in "\n".join(c.source for c in notebook.cells)


def test_instructor_guide_tables_are_generated_from_the_records():
    guide = pages.GUIDE_PAGE.read_text(encoding="utf-8")
    assert pages.guide_with_objectives(guide) == guide
    for chapter in CHAPTERS:
        for objective in objectives.record(chapter):
            assert objective.text.replace("|", "\\|") in guide


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_at_most_a_third_of_the_self_checks_are_lookups(chapter):
    lookups, total = objectives.lookup_share(chapter)
    assert 3 * lookups <= total, f"{lookups} of {total} self-checks want a typed number or word"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_wrong_choice_explains_why_in_a_sentence_of_its_own(chapter):
    """Feedback on a wrong option gives the reason, not only 'No' and the right answer."""
    short = []
    for i, question in enumerate(objectives._record(chapter).get("questions", []), 1):
        for answer in question["answers"]:
            if question["type"].endswith("_choice") and not answer["correct"]:
                if len(answer["feedback"].split()) < 12:
                    short.append((i, answer["answer"], answer["feedback"]))
    assert short == []


def test_a_missing_assessment_is_reported(tmp_path, monkeypatch):
    """The record test can fail: an objective that nothing assesses is named."""
    chapter = CHAPTERS[4]
    data = objectives._record(chapter)
    data["objectives"].append({"text": "do something new", "practised_in": ["Explore"]})
    monkeypatch.setattr(objectives, "_record", lambda name: data)
    found = objectives.problems(chapter)
    number = len(data["objectives"])
    assert (
        f"{chapter}.json, objective {number}: no question, exercise or discuss question assesses it."
        in found
    )


def _main_text(chapter: str) -> str:
    """What every edition keeps: markdown outside model answers (the student edition drops those)."""
    notebook = nbformat.read(objectives.NOTEBOOKS / f"{chapter}.ipynb", as_version=4)
    return "\n".join(
        c.source
        for c in notebook.cells
        if c.cell_type == "markdown" and "solution" not in c.metadata.get("tags", [])
    )


@pytest.mark.parametrize("chapter", CHAPTERS[1:])
def test_each_chapter_says_in_its_main_text_what_in_the_paper_holds_up(chapter):
    """Balance survives into the student edition: not only in model answers."""
    text = _main_text(chapter)
    assert "### What holds up" in text
    section = text.split("### What holds up", 1)[1].split("\n#", 1)[0]
    assert len(section.split()) >= 60, (
        "say what holds up, with the evidence, in a paragraph or more"
    )


def test_the_book_says_why_it_reads_this_paper_and_how_to_criticise_it_fairly():
    text = _main_text(CHAPTERS[0])
    assert "## Why this paper" in text


def _theory_terms():
    """Glossary rows for concepts from the scholarly literature: those with references.bib keys."""
    from japan_nato import load

    glossary = load("glossary")
    return glossary[glossary["reference"].notna()]


def test_the_glossary_holds_at_least_six_alliance_theory_concepts_with_scholarly_sources():
    from japan_nato import citations

    terms = _theory_terms()
    assert len(terms) >= 6
    for row in terms.itertuples():
        for key in row.reference.split(";"):
            assert key in citations.keys(), f"{row.term}: {key} is not in references.bib"


def _uses(text: str, term: str) -> bool:
    """The text links the glossary term: {term}`x` or {term}`words <x>`, any case."""
    import re

    pattern = r"\{term\}`(?:[^`<]*<)?" + re.escape(term) + r">?`"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def test_each_theory_concept_is_applied_in_a_chapter_and_used_in_an_exercise():
    """Applied: linked in a chapter's main text. Used: named in a self-check, exercise or discuss
    question of that chapter (the prompt, the options or the model answer)."""
    import json

    missing = []
    for row in _theory_terms().itertuples():
        applied = [c for c in CHAPTERS[1:] if _uses(_main_text(c), row.term)]
        used = False
        for chapter in applied:
            notebook = nbformat.read(objectives.NOTEBOOKS / f"{chapter}.ipynb", as_version=4)
            exercises = "\n".join(
                c.source
                for c in notebook.cells
                if c.cell_type == "markdown"
                and ("{exercise}" in c.source or "{solution}" in c.source)
            )
            bank = json.dumps(objectives._record(chapter).get("questions", [])).lower()
            term = row.term.lower()
            word = term[:-3] if term.endswith("ing") else term  # "hedg" finds hedge and hedging
            used = used or word in exercises.lower() or word in bank
        if not applied or not used:
            missing.append((row.term, applied, used))
    assert missing == []
