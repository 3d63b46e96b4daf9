"""A Binder-like session: JupyterLab on 127.0.0.1, a chapter run in headless chromium.

The notebook is a copy in a temporary folder, so JupyterLab's autosave never touches the repository.
The student's path: open the chapter, run all cells, move the timeline slider with the keyboard,
and see the list of events change; no cell may show an error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from japan_nato.browser import launch
from tests.conftest import ROOT
from tests.test_browser import SCREENSHOTS, WAIT

CHAPTER = "02_roots_1945_1989.ipynb"


def server_url(runtime: Path, process: subprocess.Popen) -> str | None:
    """The address the server reports in its runtime file once it listens (it may have had to move
    to another port than the one asked for, so the file, not the request, is the truth)."""
    info = runtime / f"jpserver-{process.pid}.json"
    if not info.exists():
        return None
    try:
        return json.loads(info.read_text(encoding="utf-8"))["url"].rstrip("/")
    except (ValueError, KeyError):  # being written
        return None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    work = home / "work"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / CHAPTER, work / CHAPTER)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_DATA_DIR=os.environ.get("JUPYTER_DATA_DIR", str(home / "data")),
    )
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        "--port=8899",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={work}",
        "--expose-app-in-browser",
        "--allow-root",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = open(home / "lab.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        url = server_url(home / "runtime", process)
        try:
            if url:
                urllib.request.urlopen(f"{url}/api/status", timeout=5)
                break
        except OSError:
            pass
        assert process.poll() is None, (home / "lab.log").read_text()
        time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])
    yield url
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_a_chapter_runs_in_jupyterlab_and_the_slider_moves_the_timeline(browser_path, lab):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(WAIT)
        page.goto(f"{lab}/lab/tree/{CHAPTER}")
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        page.wait_for_function("window.jupyterapp && window.jupyterapp.commands")
        idle = (
            "() => (document.querySelector('#jp-main-statusbar') || {}).innerText?.includes('Idle')"
        )
        page.wait_for_function(idle)  # the kernel has started
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=3 * WAIT,
        )
        errors = page.locator('[data-mime-type="application/vnd.jupyter.error"]').count()

        status = page.locator(".widget-html", has_text="events between 1945 and 1989").first
        status.scroll_into_view_if_needed()
        status.wait_for(state="visible")
        shown = status.element_handle()  # the same element, whatever its text becomes
        before = shown.text_content()
        handle = page.locator(".widget-hslider .noUi-handle-lower").first
        handle.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        # Ten steps right from 1945: the list shows 1955 once the kernel has handled them all.
        page.wait_for_function("el => el.textContent.includes('between 1955 and 1989')", arg=shown)
        after = shown.text_content()
        page.screenshot(path=str(SCREENSHOTS / "session_02_after_slider.png"))

    assert errors == 0, f"{errors} cell(s) show an error"
    assert "between 1945 and 1989" in before and "between 1955 and 1989" in after, (before, after)
