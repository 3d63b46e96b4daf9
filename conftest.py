"""What every test run needs, wherever pytest is pointed (``pytest``, ``pytest notebooks/``):
offline mode, a private cache of data validations, and the grouping of tests onto processes.

A bare ``pytest`` runs on two processes (pytest-xdist, ``-n 2 --dist loadfile`` in pyproject.toml):
the tests of one file run in one process, so the cells of a notebook share nbval's kernel. Files
that read a book come first, the instructor book's (``built_book``) before the student book's
(``student_book``), so both builds start at once; each book is built once per run and shared
between the processes (tests/conftest.py).
"""

from __future__ import annotations

import os
import runpy
import tempfile
from pathlib import Path

OFFLINE = Path(__file__).resolve().parent / "tests" / "offline"

#: Fixtures that build a book, in the order their files should start.
BOOKS = ("built_book", "student_book")


def pytest_configure(config):
    """Run the whole suite offline: this process and every Python process it starts (kernels, the
    book build) may connect to loopback only (see tests/offline/sitecustomize.py). Records of
    validated data go to a folder of this run's own (inherited by the workers and every kernel), so
    the run validates every table with Frictionless once and never touches the user's cache."""
    os.environ["JAPAN_NATO_OFFLINE"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")])
    )
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ["JAPAN_NATO_CACHE"] = tempfile.mkdtemp(prefix="japan-nato-cache-")
    runpy.run_path(str(OFFLINE / "sitecustomize.py"))  # and in this process


def _book(item) -> int | None:
    """Which book a test reads: 0 the instructor book, 1 the student book, None neither."""
    names = getattr(item, "fixturenames", ())
    return next((rank for rank, book in enumerate(BOOKS) if book in names), None)


def pytest_collection_modifyitems(config, items):
    """Order the files so no process waits idle for a book: first one file per book (the two
    builds start at once, one per process), then the files that need no book, then the other files
    that read a book (by then it is built). Within a file, the usual order."""
    books: dict = {}
    for item in items:
        if _book(item) is not None:
            books.setdefault(item.path, _book(item))
    builders = {}
    for path, book in books.items():
        builders.setdefault(book, path)
    rank = {path: book for book, path in builders.items()}
    items.sort(key=lambda item: rank.get(item.path, len(BOOKS) + (item.path in books)))
