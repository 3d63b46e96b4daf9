"""The one place that finds a Chromium-family browser, starts it headless with playwright, and serves
a built book on 127.0.0.1 for it (``serve``).

Tests that look at the book or at JupyterLab, and the handout printer, need a real browser; none is
ever downloaded. The browser is, in order: the file named by ``$JAPAN_NATO_BROWSER``, else the first
of ``chromium``, ``chromium-browser``, ``google-chrome`` (and the usual macOS and Windows Chrome
locations) that exists. On Debian or Ubuntu: ``apt-get install chromium``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INSTALL_HINT = (
    "no Chromium-family browser found: install one with `apt-get install chromium` "
    "(Debian/Ubuntu), or set JAPAN_NATO_BROWSER to the path of Chrome or Chromium"
)

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KNOWN_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
)

#: Flags for a quiet headless browser on a machine with no network beyond loopback.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_browser() -> Path | None:
    """The browser to drive, or None if this machine has none (see the module docstring)."""
    named = os.environ.get("JAPAN_NATO_BROWSER")
    if named:
        path = Path(named)
        return path if path.is_file() else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((Path(p) for p in KNOWN_PATHS if Path(p).is_file()), None)


@contextmanager
def launch() -> Iterator:
    """A headless playwright ``Browser`` on :func:`find_browser`; raises RuntimeError if none."""
    path = find_browser()
    if path is None:
        raise RuntimeError(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


#: True once a page has reached the state a reader sees: loaded, every Vega-Lite chart drawn, and no
#: CSS transition still running (the theme fades colours in; a check made mid-fade reads colours no
#: reader ever sees). A state, never a fixed time, so a slow machine is slow but never wrong.
SETTLED = """() => document.readyState === 'complete'
    && [...document.querySelectorAll('div.japan-nato-vega')]
        .every(chart => chart.getAttribute('data-ready') === 'true')
    && document.getAnimations()
        .every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"""


def settle(page, timeout: float = 120_000) -> None:
    """Wait until ``page`` is :data:`SETTLED`; polled every animation frame."""
    page.wait_for_function(SETTLED, polling="raf", timeout=timeout)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 for as long as the block runs; yields its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
