"""Student and instructor editions, both made from the one set of notebooks.

    python -m japan_nato.editions student      # editions/student/: notebooks + book, no model answers
    python -m japan_nato.editions instructor   # editions/instructor/: the book with everything
    python -m japan_nato.editions handouts     # editions/handouts/: a printed PDF per chapter, 01-10

Model answers live in markdown cells tagged ``solution`` (a sphinx-exercise ``solution`` block each).
The student notebooks drop those cells with nbconvert's ``TagRemovePreprocessor``. The handouts are
the student book's chapter pages printed by Chromium (``japan_nato.handouts``). The student
edition is a book source folder of its own (those notebooks, the book's pages without the instructor
guide, its configuration with sphinx-exercise's ``hide_solutions``), and the student book is built
from it, so the book students read runs exactly the notebooks they are given. The instructor
edition is the book as it stands.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml
from nbconvert.preprocessors import TagRemovePreprocessor

from japan_nato import launch

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_TAG = "solution"
INSTRUCTOR_ONLY = {"appendices/instructor_guide"}


def solution_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """The sources of the cells holding model answers."""
    return [
        c.source for c in notebook.cells if SOLUTION_TAG in c.get("metadata", {}).get("tags", [])
    ]


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` without its model-answer cells."""
    remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    stripped, _ = remover.preprocess(nbformat.from_dict(notebook), {})
    return stripped


def write_student_notebooks(dest: Path) -> list[Path]:
    """Every chapter notebook, without model answers, in ``dest/notebooks/``."""
    (dest / "notebooks").mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        target = dest / "notebooks" / path.name
        nbformat.write(student_notebook(notebook), target)
        written.append(target)
    return written


#: What a book source folder holds besides its notebooks, _config.yml and _toc.yml.
BOOK_FILES = ("intro.md", "references.bib", "CITATION.cff")
BOOK_FOLDERS = ("appendices", "vendor", "images")


def write_student_edition(dest: Path) -> Path:
    """A self-contained book source in ``dest``: the student notebooks, the book's other pages
    without the instructor-only ones, and a configuration that hides solutions. Returns ``dest``."""
    write_student_notebooks(dest)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config['title']} (student edition)"
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        part["chapters"] = [c for c in part["chapters"] if c["file"] not in INSTRUCTOR_ONLY]
    for name in BOOK_FILES:
        shutil.copy2(ROOT / name, dest / name)
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    skip = {f"{name}.md" for name in INSTRUCTOR_ONLY} | {
        f"{name}.ipynb" for name in INSTRUCTOR_ONLY
    }
    for folder in BOOK_FOLDERS:
        shutil.copytree(
            ROOT / folder,
            dest / folder,
            dirs_exist_ok=True,
            ignore=lambda d, names: [
                n for n in names if f"{Path(d).relative_to(ROOT).as_posix()}/{n}" in skip
            ],
        )
    return dest


def build_book(
    edition: str, dest: Path, timeout: float | None = None, repository: str | None = None
) -> subprocess.CompletedProcess:
    """Build the book for ``edition`` into ``dest/_build/html`` with warnings as errors.

    The one place that knows how to build the book: the editions, the tests and the benchmark use it.
    The student book is built from the student edition written into ``dest`` first. With
    ``repository`` (https://github.com/OWNER/REPO) the book gets launch links to it, as
    ``python -m japan_nato.launch`` would set them, without changing ``_config.yml``.
    """
    source = write_student_edition(dest) if edition == "student" else ROOT
    config = []
    if repository:
        dest.mkdir(parents=True, exist_ok=True)
        settings = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
        settings.update(launch.settings(repository))
        path = dest / "_config.yml"
        path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
        config = ["--config", str(path)]
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(source),
        "--path-output",
        str(dest),
        "-W",
        "--keep-going",
        *config,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=["student", "instructor", "handouts"])
    parser.add_argument(
        "--dest", type=Path, default=None, help="output folder (default editions/EDITION)"
    )
    parser.add_argument(
        "--notebooks-only", action="store_true", help="student: skip building the book"
    )
    parser.add_argument(
        "--book",
        type=Path,
        default=None,
        help="handouts: print this built student book (its _build/html) instead of building one",
    )
    args = parser.parse_args(argv)
    dest = (args.dest or ROOT / "editions" / args.edition).resolve()
    if args.edition == "handouts":
        from japan_nato.browser import INSTALL_HINT, find_browser
        from japan_nato.handouts import print_handouts

        if find_browser() is None:  # say so before spending minutes on the student book
            print(f"cannot print the handouts: {INSTALL_HINT}", file=sys.stderr)
            return 1
        book = args.book
        if book is None:
            student = ROOT / "editions" / "student"
            result = build_book("student", student)
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
                return result.returncode
            book = student / "_build" / "html"
        print_handouts(book.resolve(), dest)
        print(f"handouts in {dest}")
        return 0
    if args.edition == "student":
        write_student_edition(dest)
        print(f"student notebooks in {dest / 'notebooks'}")
        if args.notebooks_only:
            return 0
    result = build_book(args.edition, dest)
    print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
    if result.returncode == 0:
        print(f"{args.edition} book: {dest / '_build' / 'html' / 'index.html'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
