"""Shared fixtures: private copies of data/, the two books (each built once per run; the root
conftest.py puts the tests that use a book on one worker), the browser."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from japan_nato.browser import INSTALL_HINT, find_browser, launch

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

SCREENSHOTS = ROOT / "_build" / "screenshots"
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


def _book(edition: str, tmp_path_factory):
    """Build ``edition`` once per run, whichever process asks first; the others wait for it.

    Under pytest-xdist every worker has its own session, so a session fixture alone would build the
    book once per worker. The build goes to the run's shared temporary folder instead, behind a
    file lock, with its result beside it (the recipe in pytest-xdist's documentation).
    """
    from filelock import FileLock

    from japan_nato.editions import build_book

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, common to all workers
    out = shared / f"book-{edition}"
    result_file = out / "result.json"
    with FileLock(str(out) + ".lock"):
        if not result_file.exists():
            out.mkdir(exist_ok=True)
            result = build_book(edition, out, timeout=1800)
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
    """The student edition, built once per run from the student notebooks, as ``built_book``."""
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
