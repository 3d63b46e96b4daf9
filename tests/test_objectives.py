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
    assert f"{chapter}.json, objective {number}: no question, exercise or discuss question assesses it." in found
