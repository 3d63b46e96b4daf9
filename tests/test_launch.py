"""Launch links are honest: none without a public repository, and with one, Binder opens JupyterLab
at the reader's chapter (Colab and a JupyterHub through nbgitpuller likewise)."""

from __future__ import annotations

import shutil

import pytest

from japan_nato import launch
from tests.conftest import ROOT, SAMPLE

HUB = "https://hub.example.edu"


def test_without_an_address_no_page_links_to_another_project(built_book):
    returncode, log, html = built_book
    assert returncode == 0, log
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for elsewhere in ("executablebooks/jupyter-book", "mybinder.org/v2", "colab.research"):
            assert elsewhere not in text, f"{page.relative_to(html)} links to {elsewhere}"


def test_with_a_sample_address_the_chapter_opens_in_jupyterlab_on_binder(student_book):
    # The student book is built with the sample address (tests/conftest.py), as a course that
    # publishes its repository builds it: what students launch from.
    returncode, log, html = student_book
    assert returncode == 0, log
    page = (html / "notebooks" / "04_after_9_11.html").read_text("utf-8")
    binder = (
        "https://mybinder.org/v2/gh/example-org/japan-nato-course/main"
        "?urlpath=lab/tree/notebooks/04_after_9_11.ipynb"
    )
    assert binder in page
    assert (
        "https://colab.research.google.com/github/example-org/japan-nato-course/blob/main/"
        "notebooks/04_after_9_11.ipynb" in page
    )
    assert "executablebooks/jupyter-book" not in page


def test_the_hub_link_pulls_the_repository_with_nbgitpuller():
    block = launch.config_block(SAMPLE, HUB)
    assert f"jupyterhub_url: {HUB}" in block and f"url: {SAMPLE}" in block


def test_the_command_writes_config_and_badge_together_and_can_undo_it(tmp_path, monkeypatch):
    for name in ("_config.yml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(launch, "CONFIG", tmp_path / "_config.yml")
    monkeypatch.setattr(launch, "README", tmp_path / "README.md")
    before = {p.name: p.read_text("utf-8") for p in tmp_path.iterdir()}
    assert launch.main([SAMPLE]) == 0
    readme = (tmp_path / "README.md").read_text("utf-8")
    assert (
        "https://mybinder.org/v2/gh/example-org/japan-nato-course/main"
        "?labpath=notebooks%2F00_how_to_use.ipynb" in readme
    )
    assert "binderhub_url: https://mybinder.org" in (tmp_path / "_config.yml").read_text("utf-8")
    assert launch.main(["--off"]) == 0
    assert {p.name: p.read_text("utf-8") for p in tmp_path.iterdir()} == before


def test_an_address_that_is_not_a_github_repository_is_refused():
    with pytest.raises(ValueError, match="OWNER/REPO"):
        launch.settings("https://example.org/somewhere")
