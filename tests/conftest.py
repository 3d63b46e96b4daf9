"""Shared fixtures: a private copy of data/ that a test may break without touching the real one."""

from __future__ import annotations

import os
import runpy
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OFFLINE = Path(__file__).resolve().parent / "offline"


def pytest_configure(config):
    """Run the whole suite offline: this process and every Python process it starts (kernels, the
    book build) may connect to loopback only (see tests/offline/sitecustomize.py)."""
    os.environ["JAPAN_NATO_OFFLINE"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")])
    )
    runpy.run_path(str(OFFLINE / "sitecustomize.py"))  # and in this process


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loader reads instead of the real folder."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("JAPAN_NATO_DATA", str(folder))
    return folder


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The whole book built once per test run with warnings as errors: (returncode, log, html folder)."""
    from japan_nato.editions import build_book

    out = tmp_path_factory.mktemp("book")
    result = build_book("instructor", out, timeout=1800)
    log = result.stdout[-6000:] + result.stderr[-3000:]
    return result.returncode, log, out / "_build" / "html"
