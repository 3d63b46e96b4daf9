"""Shared fixtures: private copies of data/, the two books (each built once per run; the root
conftest.py puts the tests that use a book on one worker), the browser."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from japan_nato.browser import INSTALL_HINT, find_browser, launch, serve, settle

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

SCREENSHOTS = ROOT / "_build" / "screenshots"
#: A sample public repository: the student book's launch links lead there (tests/test_launch.py).
SAMPLE = "https://github.com/example-org/japan-nato-course"
#: How long any one wait in a browser may take (ms). Generous, so a loaded machine is slow but never
#: fails; a wait that hits it means something is broken, not slow.
WAIT = 120_000

#: Set by .ci/run: there a missing browser fails the browser tests instead of skipping them.
REQUIRE_BROWSER = "JAPAN_NATO_REQUIRE_BROWSER"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loader reads instead of the real folder."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("JAPAN_NATO_DATA", str(folder))
    return folder


def run_folder(tmp_path_factory) -> Path:
    """A temporary folder of this run's, common to all its processes (each pytest-xdist worker has a
    session of its own, so a session fixture alone would make things once per worker)."""
    folder = tmp_path_factory.getbasetemp()
    return folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else folder


def _book(edition: str, tmp_path_factory):
    """Build ``edition`` once per run, whichever process asks first; the others wait for it.

    The build goes to the run's shared folder (``run_folder``), behind a file lock, with its result
    beside it (the recipe in pytest-xdist's documentation).
    """
    from filelock import FileLock

    from japan_nato.editions import build_book

    out = run_folder(tmp_path_factory) / f"book-{edition}"
    result_file = out / "result.json"
    with FileLock(str(out) + ".lock"):
        if not result_file.exists():
            out.mkdir(exist_ok=True)
            if edition == "student":
                # The student notebooks' code cells are the instructor's (model answers are
                # Markdown): start from the instructor book's execution cache, which Jupyter Book
                # keys by the code itself, so a notebook whose code differs still runs.
                _, _, instructor = _book("instructor", tmp_path_factory)
                cache = instructor.parent / ".jupyter_cache"
                if cache.is_dir():
                    shutil.copytree(cache, out / "_build" / ".jupyter_cache")
            sample = SAMPLE if edition == "student" else None
            result = build_book(edition, out, timeout=1800, repository=sample)
            log = result.stdout[-6000:] + result.stderr[-3000:]
            result_file.write_text(json.dumps([result.returncode, log]), encoding="utf-8")
    returncode, log = json.loads(result_file.read_text(encoding="utf-8"))
    return returncode, log, out / "_build" / "html"


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The whole (instructor) book, built once per run with warnings as errors:
    (returncode, log, html folder); the executed notebooks are in html/../jupyter_execute."""
    return _book("instructor", tmp_path_factory)


@pytest.fixture(scope="session")
def student_book(tmp_path_factory):
    """The student edition, built once per run from the student notebooks, as ``built_book``, and
    with launch links to ``SAMPLE``, as a course that publishes its repository builds it."""
    return _book("student", tmp_path_factory)


@pytest.fixture(scope="session")
def browser_path() -> Path:
    """The browser the real-browser tests drive. Missing, they skip (naming the install command),
    except under .ci/run, which sets JAPAN_NATO_REQUIRE_BROWSER=1 so they can never be lost."""
    path = find_browser()
    if path is None:
        if os.environ.get(REQUIRE_BROWSER) == "1":
            pytest.fail(f"{REQUIRE_BROWSER}=1 but {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="session")
def browser(browser_path):
    """One headless browser for the tests of this process (the book and JupyterLab alike)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def site(built_book):
    """The instructor book served on 127.0.0.1, once per process, for every test that reads it in
    the browser."""
    returncode, log, html = built_book
    assert returncode == 0, log
    with serve(html) as address:
        yield address


#: The theme keeps a reader's choice of light or dark in localStorage and applies it in the page's
#: <head>, before anything is drawn (pydata-sphinx-theme's layout.html), so a page opened this way
#: is drawn in that theme from the start, as a returning reader sees it, with no fade to wait out.
CHOOSE_THEME = """theme => {
    localStorage.setItem('mode', theme);
    localStorage.setItem('theme', theme);
}"""


def open_page(browser, url: str, width: int = 1280, theme: str | None = None):
    """A page loaded and settled (``japan_nato.browser.settle``: charts drawn, no transition
    running), with a live record of what went wrong with its requests: each request to the book's
    own server that failed, and each request for any other address, which is refused ("outside
    ..."): the book must work with no network. With ``theme`` ("light" or "dark"), as a reader who
    chose that theme sees it."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(WAIT)
    if theme:
        page.add_init_script(f"({CHOOSE_THEME})({theme!r})")
    failures: list[str] = []
    origin = "/".join(url.split("/", 3)[:3])

    def guard(route):
        if route.request.url.startswith((origin, "data:")):
            route.continue_()
        else:
            failures.append(f"outside {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    page.on(
        "response",
        lambda r: (
            failures.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url.startswith(origin)
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda r: failures.append(f"failed {r.url}") if r.url.startswith(origin) else None,
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    settle(page)
    return page, failures


@pytest.fixture(scope="session")
def book_page(site, browser):
    """``book_page(name)``: the book's page ``name`` (``notebooks/02_roots_1945_1989``) as a reader
    who chose the light theme opens it, and its live record of requests that went wrong.

    Opened once and kept open while the tests made for that page run, one after another in one
    process (they share a ``page`` parameter, which the root conftest.py groups by): the audits, the
    chart and the exercises of a chapter share one load. Asking for another page closes it. A page's
    tests run in collection order, tests/test_accessibility.py's first, so the audits see the page as
    loaded.
    """
    current: dict[str, tuple] = {}

    def book_page(name: str) -> tuple:
        if name not in current:
            for page, _ in current.values():
                page.close()
            current.clear()
            page, failures = open_page(browser, f"{site}/{name}.html", theme="light")
            current[name] = (page, failures)
        return current[name]

    yield book_page
    for page, _ in current.values():
        page.close()


def built_assignments(names, tmp_path_factory) -> Path:
    """The folder (for ``JAPAN_NATO_ASSIGNMENTS_DIST``) in which each of the assignments ``names`` is
    built with ``otter assign`` once per run, whichever process asks first, never the instructor's
    assignments/dist/."""
    from filelock import FileLock

    from japan_nato import assignments

    dist = run_folder(tmp_path_factory) / "assignments-dist"
    dist.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(assignments.DIST_VARIABLE, str(dist))
        for name in names:
            with FileLock(str(dist / f"{name}.lock")):
                if not assignments.autograder_path(name).is_file():
                    assignments.build(name)
    return dist


#: Set by .ci/run: there a machine that cannot sandbox a submission fails the grading tests instead of
#: skipping them.
REQUIRE_SANDBOX = "JAPAN_NATO_REQUIRE_SANDBOX"


@pytest.fixture(scope="session")
def sandboxed() -> None:
    """Grading tests need the bubblewrap sandbox. Missing, they skip (naming what is missing), except
    under .ci/run, which sets JAPAN_NATO_REQUIRE_SANDBOX=1 so they can never be lost."""
    from japan_nato.seminar import sandbox

    missing = sandbox.missing()
    if missing:
        message = "this machine cannot sandbox submissions: " + "; ".join(missing)
        if os.environ.get(REQUIRE_SANDBOX) == "1":
            pytest.fail(f"{REQUIRE_SANDBOX}=1 but {message}")
        pytest.skip(message)
