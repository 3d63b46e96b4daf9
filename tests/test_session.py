"""A Binder-like session: JupyterLab on 127.0.0.1, a chapter run in headless chromium.

The notebook is a copy in a temporary folder, so JupyterLab's autosave never touches the repository.
The student's path: open the chapter, run all cells, move the timeline slider with the keyboard,
and see the list of events change; no cell may show an error.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.test_browser import CHROMIUM, FLAGS, SCREENSHOTS

CHAPTER = "02_roots_1945_1989.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    work = home / "work"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / CHAPTER, work / CHAPTER)
    port = free_port()
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
        f"--port={port}",
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
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            assert process.poll() is None, (home / "lab.log").read_text()
            time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])
    yield url
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_a_chapter_runs_in_jupyterlab_and_the_slider_moves_the_timeline(lab):
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{lab}/lab/tree/{CHAPTER}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_function("window.jupyterapp && window.jupyterapp.commands", timeout=60_000)
        idle = (
            "() => (document.querySelector('#jp-main-statusbar') || {}).innerText?.includes('Idle')"
        )
        page.wait_for_function(idle, timeout=120_000)  # the kernel has started
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=180_000,
        )
        errors = page.locator('[data-mime-type="application/vnd.jupyter.error"]').count()

        status = page.locator(".widget-html", has_text="events between 1945 and 1989").first
        status.scroll_into_view_if_needed()
        status.wait_for(state="visible", timeout=20_000)
        shown = status.element_handle()  # the same element, whatever its text becomes
        before = shown.text_content()
        handle = page.locator(".widget-hslider .noUi-handle-lower").first
        handle.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([el, old]) => el.textContent !== old", arg=[shown, before], timeout=20_000
        )
        page.wait_for_timeout(1_000)  # let the last key presses arrive
        after = shown.text_content()
        page.screenshot(path=str(SCREENSHOTS / "session_02_after_slider.png"))
        browser.close()

    assert errors == 0, f"{errors} cell(s) show an error"
    assert before != after
    first_year = int(after.split("between ")[1][:4])
    assert "between 1945 and 1989" in before and 1945 < first_year <= 1955, (before, after)
