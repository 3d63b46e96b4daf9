"""The book builds with warnings as errors, and every chapter in the table of contents becomes a page."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_book_builds_with_warnings_as_errors(built_book):
    returncode, log, html = built_book
    assert returncode == 0, log
    for name in toc_files():
        assert (html / f"{name}.html").exists(), f"{name} was not built\n{log}"


def test_every_chapter_page_shows_its_chart_self_check_and_hidden_solutions(built_book):
    _, log, html = built_book
    for name in toc_files():
        if not name.startswith("notebooks/") or name.endswith("00_how_to_use"):
            continue
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        assert 'class="japan-nato-vega"' in page, f"{name}: no chart"
        assert "_static/vega/vega-embed.min.js" in page, f"{name}: Vega is not loaded"
        assert "Check yourself" in page and "jupyterquiz" in page.lower(), f"{name}: no self-check"
        assert page.count("solution dropdown") >= 2, f"{name}: fewer than two hidden solutions"


def test_pages_load_no_script_from_the_internet(built_book):
    _, _, html = built_book
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<script src="http' not in text and 'src="https://cdn' not in text, page.name


def test_every_notebook_is_in_the_table_of_contents():
    listed = set(toc_files())
    on_disk = {f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk <= listed, sorted(on_disk - listed)
