"""The book builds with warnings as errors, and every chapter in the table of contents becomes a page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_book_builds_with_warnings_as_errors(tmp_path):
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "--path-output", str(tmp_path), "-W", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    log = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, log
    html = tmp_path / "_build" / "html"
    for name in toc_files():
        assert (html / f"{name}.html").exists(), f"{name} was not built\n{log}"


def test_every_notebook_is_in_the_table_of_contents():
    listed = set(toc_files())
    on_disk = {f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk <= listed, sorted(on_disk - listed)
