"""What every test run needs, wherever pytest is pointed (``pytest``, ``pytest notebooks/``):
offline mode, a private cache of data validations, and the sharing of tests between processes.

A bare ``pytest`` runs on two processes (pytest-xdist, ``-n 2 --dist loadgroup`` in
pyproject.toml). The tests of one file run in one process (so the cells of a notebook share nbval's
kernel, and a file's fixtures are made once), except tests made for each page of the book: those of
one page run together, and the pages are shared out. The instructor book is built first, while the
other process runs tests that need no book; the student book is built next, from the instructor
book's execution cache (tests/conftest.py); the pages come last.
"""

from __future__ import annotations

import os
import runpy
import tempfile
from pathlib import Path

import pytest

OFFLINE = Path(__file__).resolve().parent / "tests" / "offline"

#: The fixtures that build a book: the instructor book, then the student book (from its cache).
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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Order and group the tests so that neither process waits idle for long.

    1. the file that builds the instructor book (the other process meanwhile starts on
    2. the files that need no book, which take longer than the build);
    3. the file that builds the student book (from the instructor book's cache, built by now);
    4. the other files that read the student book, then 5. those that read the instructor book;
    6. the tests made for each page of the book: short, so the two processes finish together.

    A test with a ``page`` parameter joins that page's group (``xdist_group``): the tests of a page
    share one load of it (``book_page``, tests/conftest.py). Every other test is in its file's.
    """
    uses = {
        book: {item.path for item in items if _book(item) == rank}
        for rank, book in enumerate(BOOKS)
    }
    builders = {
        book: min(paths, key=[item.path for item in items].index, default=None)
        for book, paths in uses.items()
    }
    ranks = {}
    for item in items:
        page = getattr(getattr(item, "callspec", None), "params", {}).get("page")
        # loadgroup shares out a test with no group on its own: every other test is in its file's.
        group = f"page:{page}" if page is not None else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
        if page is not None:
            ranks[item] = 6
        elif item.path == builders["built_book"]:
            ranks[item] = 1
        elif item.path == builders["student_book"]:
            ranks[item] = 3
        elif item.path in uses["student_book"]:
            ranks[item] = 4
        elif item.path in uses["built_book"]:
            ranks[item] = 5
        else:
            ranks[item] = 2
    items.sort(key=ranks.__getitem__)
